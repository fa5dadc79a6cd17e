// The store: migrations apply once in a transaction, re-opening is idempotent, a failing migration
// rolls back, and the server refuses a corrupt database or a failing migration (exit 2, file unchanged).
#include <catch2/catch.hpp>

#include <array>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "child_process.hpp"
#include "server_process.hpp"
#include "store/server_schema.hpp"
#include "store/store.hpp"
#include "test_paths.hpp"

using namespace finsim::test;
using namespace finsim::store;

namespace {

constexpr std::array<Migration, 2> kTwo{{
    {1, "accounts", "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"},
    {2, "trades",
     "CREATE TABLE trades (id INTEGER PRIMARY KEY, account INTEGER NOT NULL REFERENCES accounts(id));"
     "CREATE INDEX trades_account ON trades(account)"},
}};

constexpr std::array<Migration, 3> kThreeFailing{{
    kTwo[0],
    kTwo[1],
    {3, "broken", "CREATE TABLE positions (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1)"},
}};

std::string pragma(Database& db, const std::string& name) {
  auto rows = db.query("PRAGMA " + name);
  REQUIRE(rows.ok());
  return rows->at(0).at(0);
}

bool has_table(Database& db, const std::string& name) {
  auto rows = db.query("SELECT 1 FROM sqlite_master WHERE type='table' AND name=" + Database::quote(name));
  REQUIRE(rows.ok());
  return !rows->empty();
}

}  // namespace

TEST_CASE("migrations apply in order, record themselves, and set the store's conventions") {
  const std::string path = make_temp_dir() + "/store.db";
  auto opened = open_store(path, kTwo);
  REQUIRE(opened.ok());
  CHECK(opened->schema_version == 2);
  Database& db = opened->db;
  CHECK(pragma(db, "journal_mode") == "wal");
  CHECK(pragma(db, "synchronous") == "2");  // FULL
  CHECK(pragma(db, "foreign_keys") == "1");
  CHECK(has_table(db, "accounts"));
  CHECK(has_table(db, "trades"));
  auto rows = db.query("SELECT version, name FROM schema_version ORDER BY version");
  REQUIRE(rows.ok());
  CHECK(*rows == Rows{{"1", "accounts"}, {"2", "trades"}});
  // foreign_keys is enforced.
  CHECK_FALSE(db.exec("INSERT INTO trades (account) VALUES (99)").ok());
}

TEST_CASE("re-opening applies nothing twice") {
  const std::string path = make_temp_dir() + "/store.db";
  { REQUIRE(open_store(path, kTwo).ok()); }
  auto again = open_store(path, kTwo);
  REQUIRE(again.ok());
  CHECK(again->schema_version == 2);
  auto rows = again->db.query("SELECT count(*) FROM schema_version");
  REQUIRE(rows.ok());
  CHECK(rows->at(0).at(0) == "2");
}

TEST_CASE("a failing migration rolls everything back") {
  const std::string path = make_temp_dir() + "/store.db";
  { REQUIRE(open_store(path, std::span<const Migration>(kTwo.data(), 1)).ok()); }
  auto failed = open_store(path, kThreeFailing);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message.find("migration 3 (broken) failed") != std::string::npos);
  auto db = Database::open(path);
  REQUIRE(db.ok());
  CHECK(schema_version(*db).value() == 1);
  CHECK_FALSE(has_table(*db, "trades"));     // migration 2 of the same run: rolled back too
  CHECK_FALSE(has_table(*db, "positions"));  // the first statement of the failing migration
}

TEST_CASE("a database newer than the program, or another program's, is refused") {
  const std::string path = make_temp_dir() + "/store.db";
  { REQUIRE(open_store(path, kTwo).ok()); }
  auto older = open_store(path, std::span<const Migration>(kTwo.data(), 1));
  REQUIRE_FALSE(older.ok());
  CHECK(older.error().message.find("newer") != std::string::npos);
  constexpr std::array<Migration, 1> kOther{{{1, "something_else", "CREATE TABLE t (x)"}}};
  CHECK_FALSE(open_store(path, kOther).ok());
  const std::array<Migration, 1> kBadNumbering{{{2, "two", "CREATE TABLE u (x)"}}};
  CHECK_FALSE(open_store(make_temp_dir() + "/n.db", kBadNumbering).ok());
}

TEST_CASE("the server creates its database, and re-opens it") {
  const std::string path = make_temp_dir() + "/data/finsim.db";  // the folder is created too
  { ServerProcess server({"--db", path}); }
  { ServerProcess server({"--db", path}); }
  auto db = Database::open(path);
  REQUIRE(db.ok());
  CHECK(schema_version(*db).value() == static_cast<int>(server_migrations().size()));
  CHECK(pragma(*db, "journal_mode") == "wal");
}

TEST_CASE("the server refuses a corrupt database or a failing migration: exit 2, file unchanged") {
  const std::string dir = make_temp_dir();
  const std::string corrupt = dir + "/corrupt.db";
  std::ofstream(corrupt, std::ios::binary) << std::string(8192, 'x');
  ProcessResult r = run_process({server_binary(), "--port", "0", "--db", corrupt});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(corrupt) != std::string::npos);
  CHECK(read_file(corrupt) == std::string(8192, 'x'));

  // A database in which the server's migration 1 cannot run (its table exists already).
  const std::string clash = dir + "/clash.db";
  {
    auto db = Database::open(clash);
    REQUIRE(db.ok());
    REQUIRE(db->exec("CREATE TABLE server_meta (key TEXT)").ok());
  }
  const std::string before = read_file(clash);
  r = run_process({server_binary(), "--port", "0", "--db", clash});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("migration 1 (server_meta) failed") != std::string::npos);
  CHECK(read_file(clash) == before);

  for (const std::string& unusable : {dir, std::string("/proc/finsim-no-such/x.db")}) {
    INFO(unusable);
    r = run_process({server_binary(), "--port", "0", "--db", unusable});
    CHECK(r.exit_code == 2);
  }
  if (geteuid() != 0) {  // root writes through file permissions
    const std::string locked = dir + "/locked.db";
    { REQUIRE(open_store(locked, {}).ok()); }
    std::filesystem::permissions(locked, std::filesystem::perms::owner_read);
    r = run_process({server_binary(), "--port", "0", "--db", locked});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("write-protected") != std::string::npos);
  }
}
