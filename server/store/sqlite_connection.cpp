#include "sqlite_connection.hpp"

#include <cmath>
#include <limits>
#include <unordered_map>

#include <sqlite3.h>

namespace finsim::store {
namespace {

class SqliteStatement final : public PreparedStatement {
 public:
  explicit SqliteStatement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void bind_integer(int index, std::int64_t value) override { note(sqlite3_bind_int64(stmt_, index, value)); }
  void bind_real(int index, double value) override { note(sqlite3_bind_double(stmt_, index, value)); }
  void bind_text(int index, std::string_view text) override {
    note(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  void bind_null(int index) override { note(sqlite3_bind_null(stmt_, index)); }

  Result<bool> step() override {
    if (bind_failed_)
      return make_error("store", std::string("a parameter could not be bound in: ") + sqlite3_sql(stmt_));
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return make_error("store", sqlite3_errmsg(sqlite3_db_handle(stmt_)));
  }
  void reset() override { sqlite3_reset(stmt_); }
  void clear() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    bind_failed_ = false;
  }

  [[nodiscard]] bool is_null(int index) const override { return sqlite3_column_type(stmt_, index) == SQLITE_NULL; }
  [[nodiscard]] std::int64_t integer(int index) const override { return sqlite3_column_int64(stmt_, index); }
  [[nodiscard]] double real(int index) const override {
    return is_null(index) ? std::numeric_limits<double>::quiet_NaN() : sqlite3_column_double(stmt_, index);
  }
  [[nodiscard]] std::string text(int index) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index))) : std::string();
  }

 private:
  void note(int rc) { bind_failed_ = bind_failed_ || rc != SQLITE_OK; }
  sqlite3_stmt* stmt_;
  bool bind_failed_ = false;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    statements_.clear();  // finalized before the connection closes
    sqlite3_close(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  [[nodiscard]] Engine engine() const override { return Engine::sqlite; }

  Result<Rows> query(std::string_view sql) override {
    Rows rows;
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(
        db_, text.c_str(),
        [](void* out, int columns, char** values, char**) {
          auto& r = *static_cast<Rows*>(out);
          r.emplace_back();
          for (int i = 0; i < columns; ++i) r.back().emplace_back(values[i] ? values[i] : "");
          return 0;
        },
        &rows, &error);
    if (rc != SQLITE_OK) {
      std::string message = error ? error : sqlite3_errstr(rc);
      sqlite3_free(error);
      return make_error("store", message);
    }
    return rows;
  }

  Result<PreparedStatement*> prepare(std::string_view sql) override {
    std::string key(sql);
    auto it = statements_.find(key);
    if (it == statements_.end()) {
      sqlite3_stmt* stmt = nullptr;
      if (sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                             nullptr) != SQLITE_OK)
        return make_error("store", std::string(sqlite3_errmsg(db_)) + " in: " + key);
      it = statements_.emplace(std::move(key), std::make_unique<SqliteStatement>(stmt)).first;
    }
    return static_cast<PreparedStatement*>(it->second.get());
  }

  std::int64_t last_insert_rowid() override { return sqlite3_last_insert_rowid(db_); }
  [[nodiscard]] int changes() const override { return sqlite3_changes(db_); }
  [[nodiscard]] bool read_only() const override { return sqlite3_db_readonly(db_, "main") == 1; }

  [[nodiscard]] std::string_view table_exists_sql() const override {
    return "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
  }

 private:
  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> statements_;
};

}  // namespace

Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return make_error("store", "cannot open " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<Connection>(std::make_unique<SqliteConnection>(db));
}

int sqlite_read_write_flags() { return SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; }
int sqlite_read_only_flags() { return SQLITE_OPEN_READONLY; }

}  // namespace finsim::store
