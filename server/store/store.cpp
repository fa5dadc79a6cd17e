#include "store.hpp"

#include <filesystem>

namespace finsim::store {
namespace {

namespace fs = std::filesystem;

Error store_error(const std::string& path, const std::string& message) {
  return make_error("store", "database " + path + ": " + message);
}

Result<OpenedStore> open_and_migrate(const std::string& path, std::span<const Migration> migrations) {
  auto db = Database::open(path);
  if (!db.ok()) return db.error();
  if (db->read_only()) return store_error(path, "the file is write-protected");
  // Reads every page header: a file that is not a database, or a damaged one, fails here, before
  // any write.
  auto check = db->query("PRAGMA quick_check");
  if (!check.ok()) return store_error(path, check.error().message);
  if (check->empty() || check->front().empty() || check->front().front() != "ok")
    return store_error(path, "damaged: " + (check->empty() ? std::string("no answer") : check->front().front()));
  if (Status st = db->exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000");
      !st.ok())
    return store_error(path, st.error().message);
  auto version = migrate(*db, migrations);
  if (!version.ok()) return store_error(path, version.error().message);
  auto mode = db->query("PRAGMA journal_mode = WAL");
  if (!mode.ok()) return store_error(path, "cannot switch to WAL: " + mode.error().message);
  const std::string got = mode->empty() || mode->front().empty() ? "" : mode->front().front();
  if (got != "wal" && !(path == ":memory:" && got == "memory"))
    return store_error(path, "cannot switch to WAL (journal mode stays '" + got + "')");
  return OpenedStore{std::move(db).value(), *version};
}

/// PostgreSQL keeps its own conventions server-side (write-ahead log, fsync, foreign keys always on):
/// a committed transaction is durable with the server's default synchronous_commit, which the session
/// insists on. A failed migration rolls back (PostgreSQL's DDL is transactional).
Result<OpenedStore> open_postgresql_store(const std::string& uri, std::span<const Migration> migrations) {
  auto db = Database::open(uri);
  if (!db.ok()) return db.error();
  if (db->read_only()) return store_error(db->path(), "the database is read-only (a standby?)");
  if (Status st = db->exec("SET synchronous_commit = on"); !st.ok()) return store_error(db->path(), st.error().message);
  auto version = migrate(*db, migrations);
  if (!version.ok()) return store_error(db->path(), version.error().message);
  return OpenedStore{std::move(db).value(), *version};
}

}  // namespace

Result<OpenedStore> open_store(const std::string& path, std::span<const Migration> migrations) {
  if (Database::is_postgresql(path)) return open_postgresql_store(path, migrations);
  bool created = false;
  if (path != ":memory:") {
    std::error_code ec;
    const fs::path file(path);
    if (fs::exists(file, ec)) {
      if (!fs::is_regular_file(file, ec)) return store_error(path, "not a regular file");
    } else {
      created = true;
      if (file.has_parent_path() && !fs::exists(file.parent_path(), ec)) {
        fs::create_directories(file.parent_path(), ec);
        if (ec) return store_error(path, "cannot create its folder: " + ec.message());
      }
    }
  }
  auto opened = open_and_migrate(path, migrations);
  if (!opened.ok() && created) {
    std::error_code ignored;
    fs::remove(path, ignored);
    fs::remove(path + "-journal", ignored);
  }
  return opened;
}

}  // namespace finsim::store
