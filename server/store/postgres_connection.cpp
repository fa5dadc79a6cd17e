#include "postgres_connection.hpp"

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include <libpq-fe.h>

#include "postgres_dialect.hpp"

namespace finsim::store {
namespace {

// Type OIDs of PostgreSQL's catalog (pg_type.dat): a parameter of type 0 is inferred from its use.
constexpr Oid kInt8 = 20;
constexpr Oid kFloat8 = 701;
constexpr Oid kInferred = 0;

/// A failed result as the store's error. Constraint violations say so as SQLite does
/// ("UNIQUE constraint failed: …"), which is what callers test (is_unique_violation).
Error result_error(const PGresult* result, PGconn* conn, std::string_view sql) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const char* constraint = result ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  std::string message = primary ? primary : PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  const std::string code = state ? state : "";
  const std::string named = constraint ? std::string(constraint) + ": " : std::string();
  if (code == "23505") message = "UNIQUE constraint failed: " + named + message;
  else if (code == "23514") message = "CHECK constraint failed: " + named + message;
  else if (code == "23503") message = "FOREIGN KEY constraint failed: " + named + message;
  else if (code == "23502") message = "NOT NULL constraint failed: " + message;
  if (!code.empty()) message += " [SQLSTATE " + code + "]";
  return make_error("store", message + " in: " + std::string(sql));
}

class PostgresConnection;

class PostgresStatement final : public PreparedStatement {
 public:
  PostgresStatement(PostgresConnection& connection, std::string original, PostgresqlSql sql)
      : connection_(connection),
        original_(std::move(original)),
        sql_(std::move(sql)),
        values_(static_cast<std::size_t>(sql_.parameters)),
        types_(static_cast<std::size_t>(sql_.parameters), kInferred) {}
  ~PostgresStatement() override { PQclear(result_); }
  PostgresStatement(const PostgresStatement&) = delete;
  PostgresStatement& operator=(const PostgresStatement&) = delete;

  void bind_integer(int index, std::int64_t value) override { set(index, std::to_string(value), kInt8); }
  void bind_real(int index, double value) override {
    char digits[32];
    std::snprintf(digits, sizeof digits, "%.17g", value);  // 17 significant digits read back exactly
    set(index, digits, kFloat8);
  }
  void bind_text(int index, std::string_view text) override { set(index, std::string(text), kInferred); }
  void bind_null(int index) override { set(index, std::nullopt, kInferred); }

  Result<bool> step() override;
  void reset() override {
    PQclear(result_);
    result_ = nullptr;
    row_ = -1;
  }
  void clear() override {
    reset();
    for (auto& v : values_) v.reset();
    std::fill(types_.begin(), types_.end(), kInferred);
    bind_error_.clear();
  }

  [[nodiscard]] bool is_null(int index) const override {
    return !result_ || row_ < 0 || PQgetisnull(result_, row_, index) != 0;
  }
  [[nodiscard]] std::int64_t integer(int index) const override {
    if (is_null(index)) return 0;
    const char* v = PQgetvalue(result_, row_, index);
    if (v[0] == 't' && v[1] == '\0') return 1;  // a boolean, as SQLite's 1 and 0
    if (v[0] == 'f' && v[1] == '\0') return 0;
    char* end = nullptr;
    const long long whole = std::strtoll(v, &end, 10);
    if (*end == '.' || *end == 'e' || *end == 'E') return static_cast<std::int64_t>(std::strtod(v, nullptr));
    return whole;
  }
  [[nodiscard]] double real(int index) const override {
    if (is_null(index)) return std::numeric_limits<double>::quiet_NaN();
    return std::strtod(PQgetvalue(result_, row_, index), nullptr);
  }
  [[nodiscard]] std::string text(int index) const override {
    if (is_null(index)) return {};
    return std::string(PQgetvalue(result_, row_, index),
                       static_cast<std::size_t>(PQgetlength(result_, row_, index)));
  }

 private:
  void set(int index, std::optional<std::string> value, Oid type) {
    if (index < 1 || index > sql_.parameters) {
      bind_error_ = "parameter " + std::to_string(index) + " does not exist";
      return;
    }
    values_[static_cast<std::size_t>(index - 1)] = std::move(value);
    types_[static_cast<std::size_t>(index - 1)] = type;
  }
  /// The server-side name of this statement prepared for the current parameter types.
  Result<std::string> prepared_name();

  PostgresConnection& connection_;
  std::string original_;
  PostgresqlSql sql_;
  std::vector<std::optional<std::string>> values_;
  std::vector<Oid> types_;
  std::map<std::vector<Oid>, std::string> prepared_;  ///< one server-side statement per type signature
  std::string bind_error_;
  PGresult* result_ = nullptr;
  int row_ = -1;
};

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override {
    statements_.clear();
    PQfinish(conn_);
  }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  [[nodiscard]] Engine engine() const override { return Engine::postgresql; }

  Result<Rows> query(std::string_view sql) override {
    const PostgresqlSql translated = to_postgresql(sql);
    if (PQsendQuery(conn_, translated.text.c_str()) == 0) return result_error(nullptr, conn_, sql);
    Rows rows;
    std::optional<Error> failed;
    while (PGresult* result = PQgetResult(conn_)) {  // every statement's result, then nullptr
      const ExecStatusType status = PQresultStatus(result);
      if (status == PGRES_TUPLES_OK) {
        for (int r = 0; r < PQntuples(result); ++r) {
          rows.emplace_back();
          for (int c = 0; c < PQnfields(result); ++c) rows.back().emplace_back(PQgetvalue(result, r, c));
        }
      } else if (status == PGRES_COMMAND_OK) {
        changes_ = std::atoi(PQcmdTuples(result));
      } else if (!failed) {
        failed = result_error(result, conn_, sql);
      }
      PQclear(result);
    }
    if (failed) return *failed;
    return rows;
  }

  Result<PreparedStatement*> prepare(std::string_view sql) override {
    std::string key(sql);
    auto it = statements_.find(key);
    if (it == statements_.end()) {
      auto statement = std::make_unique<PostgresStatement>(*this, key, to_postgresql(sql));
      it = statements_.emplace(std::move(key), std::move(statement)).first;
    }
    return static_cast<PreparedStatement*>(it->second.get());
  }

  std::int64_t last_insert_rowid() override {
    // lastval(): the value the session last drew from a sequence, which for the store's tables is the
    // id of the row its last INSERT added (each table has one generated id, and nothing else draws).
    PGresult* result = PQexec(conn_, "SELECT lastval()");
    std::int64_t id = 0;
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1)
      id = std::strtoll(PQgetvalue(result, 0, 0), nullptr, 10);
    PQclear(result);
    return id;
  }

  [[nodiscard]] int changes() const override { return changes_; }
  [[nodiscard]] bool read_only() const override { return read_only_; }

  [[nodiscard]] std::string_view table_exists_sql() const override {
    return "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?";
  }

  PGconn* conn() { return conn_; }
  void set_changes(int changes) { changes_ = changes; }
  void set_read_only(bool read_only) { read_only_ = read_only; }
  std::string next_statement_name() { return "finsim_" + std::to_string(++statement_count_); }

 private:
  PGconn* conn_;
  std::unordered_map<std::string, std::unique_ptr<PostgresStatement>> statements_;
  int changes_ = 0;
  bool read_only_ = false;
  int statement_count_ = 0;
};

Result<std::string> PostgresStatement::prepared_name() {
  auto it = prepared_.find(types_);
  if (it != prepared_.end()) return it->second;
  std::string name = connection_.next_statement_name();
  PGresult* result = PQprepare(connection_.conn(), name.c_str(), sql_.text.c_str(), sql_.parameters, types_.data());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  std::optional<Error> error;
  if (!ok) error = result_error(result, connection_.conn(), original_);
  PQclear(result);
  if (error) return *error;
  prepared_.emplace(types_, name);
  return name;
}

Result<bool> PostgresStatement::step() {
  if (!bind_error_.empty()) return make_error("store", bind_error_ + " in: " + original_);
  if (!result_) {
    auto name = prepared_name();
    if (!name.ok()) return name.error();
    std::vector<const char*> values;
    values.reserve(values_.size());
    for (const auto& v : values_) values.push_back(v ? v->c_str() : nullptr);
    result_ = PQexecPrepared(connection_.conn(), name->c_str(), sql_.parameters, values.data(), nullptr, nullptr, 0);
    const ExecStatusType status = PQresultStatus(result_);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      Error error = result_error(result_, connection_.conn(), original_);
      reset();
      return error;
    }
    connection_.set_changes(std::atoi(PQcmdTuples(result_)));
    row_ = -1;
  }
  ++row_;
  return row_ < PQntuples(result_);
}

}  // namespace

std::string redact_postgresql_uri(const std::string& uri) {
  // postgresql://user:password@host/… → postgresql://user:***@host/…
  const std::size_t scheme = uri.find("://");
  if (scheme == std::string::npos) return uri;
  const std::size_t at = uri.find('@', scheme + 3);
  const std::size_t slash = uri.find('/', scheme + 3);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return uri;
  const std::size_t colon = uri.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return uri;
  return uri.substr(0, colon + 1) + "***" + uri.substr(at);
}

Result<std::unique_ptr<Connection>> open_postgresql(const std::string& uri) {
  PGconn* conn = PQconnectdb(uri.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    PQfinish(conn);
    return make_error("store", "cannot connect to " + redact_postgresql_uri(uri) + ": " + message);
  }
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  auto connection = std::make_unique<PostgresConnection>(conn);
  auto settings = connection->query("SET TIME ZONE 'UTC'; SET client_min_messages = warning; SHOW transaction_read_only");
  if (!settings.ok()) return settings.error();
  connection->set_read_only(!settings->empty() && !settings->front().empty() && settings->front().front() == "on");
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace finsim::store
