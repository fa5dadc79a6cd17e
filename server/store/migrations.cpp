#include "migrations.hpp"

#include <string>

namespace finsim::store {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY NOT NULL,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))";

Error store_error(std::string message) { return make_error("store", std::move(message)); }

Status check_numbering(std::span<const Migration> migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i)
    if (migrations[i].version != static_cast<int>(i) + 1)
      return store_error("migrations must be numbered 1, 2, 3, ...: found " + std::to_string(migrations[i].version) +
                         " at position " + std::to_string(i + 1));
  return {};
}

/// Compares what the database has applied with the list; returns the applied version.
Result<int> check_applied(Database& db, std::span<const Migration> migrations) {
  auto rows = db.query("SELECT version, name FROM schema_version ORDER BY version");
  if (!rows.ok()) return rows.error();
  int applied = 0;
  for (const auto& row : *rows) {
    const int version = std::stoi(row[0]);
    if (version != applied + 1) return store_error("schema_version has a gap before version " + row[0]);
    if (version > static_cast<int>(migrations.size()))
      return store_error("the database has schema version " + row[0] + ", newer than this program knows (" +
                         std::to_string(migrations.size()) + ")");
    if (row[1] != migrations[static_cast<std::size_t>(version - 1)].name)
      return store_error("migration " + row[0] + " of the database is '" + row[1] + "', expected '" +
                         std::string(migrations[static_cast<std::size_t>(version - 1)].name) +
                         "': not this program's database");
    applied = version;
  }
  return applied;
}

}  // namespace

Result<int> schema_version(Database& db) {
  auto exists = db.has_table("schema_version");
  if (!exists.ok()) return exists.error();
  if (!*exists) return 0;
  auto rows = db.query("SELECT coalesce(max(version), 0) FROM schema_version");
  if (!rows.ok()) return rows.error();
  return std::stoi((*rows)[0][0]);
}

Result<int> migrate(Database& db, std::span<const Migration> migrations) {
  if (Status st = check_numbering(migrations); !st.ok()) return st.error();
  if (Status st = db.exec("BEGIN IMMEDIATE"); !st.ok()) return store_error("cannot take the write lock: " + st.error().message);
  auto rollback = [&db](Error e) -> Result<int> {
    (void)db.exec("ROLLBACK");
    return e;
  };
  // PostgreSQL lets two servers start on one database at once: the first to arrive migrates, the
  // other waits here and then finds nothing pending (SQLite's BEGIN IMMEDIATE already serializes).
  if (db.engine() == Engine::postgresql)
    if (Status st = db.exec("SELECT pg_advisory_xact_lock(7170612)"); !st.ok()) return rollback(st.error());
  if (Status st = db.exec(kCreateTable); !st.ok()) return rollback(st.error());
  auto applied = check_applied(db, migrations);
  if (!applied.ok()) return rollback(applied.error());
  for (std::size_t i = static_cast<std::size_t>(*applied); i < migrations.size(); ++i) {
    const Migration& m = migrations[i];
    Status st = db.exec(m.sql);
    if (st.ok())
      st = db.exec("INSERT INTO schema_version (version, name) VALUES (" + std::to_string(m.version) + ", " +
                   Database::quote(m.name) + ")");
    if (!st.ok())
      return rollback(store_error("migration " + std::to_string(m.version) + " (" + std::string(m.name) +
                                  ") failed: " + st.error().message + "; nothing was changed (schema version " +
                                  std::to_string(*applied) + ")"));
  }
  if (Status st = db.exec("COMMIT"); !st.ok()) return rollback(store_error("cannot commit: " + st.error().message));
  return static_cast<int>(migrations.size());
}

}  // namespace finsim::store
