#include "database.hpp"

#include "postgres_connection.hpp"
#include "sqlite_connection.hpp"

namespace finsim::store {

bool Database::is_postgresql(std::string_view target) {
  return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

Result<Database> Database::open(const std::string& target) {
  if (is_postgresql(target)) {
    auto connection = open_postgresql(target);
    if (!connection.ok()) return connection.error();
    return Database(std::move(connection).value(), redact_postgresql_uri(target));
  }
  auto connection = open_sqlite(target, sqlite_read_write_flags());
  if (!connection.ok()) return connection.error();
  return Database(std::move(connection).value(), target);
}

Result<Database> Database::open_read_only(const std::string& path) {
  auto connection = open_sqlite(path, sqlite_read_only_flags());
  if (!connection.ok()) return connection.error();
  return Database(std::move(connection).value(), path);
}

Database::~Database() = default;

Result<Statement> Database::prepare(std::string_view sql) {
  auto statement = connection_->prepare(sql);
  if (!statement.ok()) return statement.error();
  return Statement(*statement);
}

std::int64_t Database::last_insert_rowid() const { return connection_->last_insert_rowid(); }

int Database::changes() const { return connection_->changes(); }

Status Database::exec(std::string_view sql) {
  auto rows = query(sql);
  if (!rows.ok()) return rows.error();
  return {};
}

Result<Rows> Database::query(std::string_view sql) { return connection_->query(sql); }

std::string Database::quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

bool Database::read_only() const { return connection_->read_only(); }

Result<bool> Database::has_table(std::string_view name) { return connection_->has_table(name); }

Engine Database::engine() const { return connection_->engine(); }

bool is_unique_violation(const Error& error) {
  return error.code == "store" && error.message.find("UNIQUE constraint failed") != std::string::npos;
}

}  // namespace finsim::store
