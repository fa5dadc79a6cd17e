// The store's contract on either engine (server/store/database.hpp): these run against a SQLite file
// in api_tests and against a fresh PostgreSQL database in api_tests_pg (tests/server/test_store.hpp).
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <limits>

#include "api_support.hpp"
#include "store/server_schema.hpp"
#include "store/store.hpp"

using namespace finsim::test;
using namespace finsim::store;
using finsim::Status;

namespace {

constexpr std::array<Migration, 2> kAccounts{{
    {1, "accounts", "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, balance REAL) STRICT"},
    {2, "trades",
     "CREATE TABLE trades (id INTEGER PRIMARY KEY, account INTEGER NOT NULL REFERENCES accounts(id), "
     "at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))) STRICT"},
}};

constexpr std::array<Migration, 3> kAccountsThenBroken{{
    kAccounts[0], kAccounts[1], {3, "broken", "CREATE TABLE positions (id INTEGER PRIMARY KEY); INSERT INTO nowhere VALUES (1)"}}};

OpenedStore open_fresh(const std::string& name, std::span<const Migration> migrations) {
  auto opened = open_store(fresh_store(make_temp_dir(), name), migrations);
  INFO((opened.ok() ? std::string() : opened.error().message));
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

}  // namespace

TEST_CASE("store: doubles, integers, text and NULL read back exactly as bound") {
  OpenedStore s = open_fresh("values", kAccounts);
  const std::array<double, 5> values{0.1, 1.0 / 3.0, 1e-300, 123456789.123456789, -2.5e15};
  auto insert = s.db.prepare("INSERT INTO accounts (name, balance) VALUES (?, ?)");
  REQUIRE(insert.ok());
  for (std::size_t i = 0; i < values.size(); ++i) {
    insert->bind(1, "a" + std::to_string(i)).bind(2, values[i]);
    REQUIRE(insert->run().ok());
  }
  insert->bind(1, std::string("nan is null")).bind(2, std::numeric_limits<double>::quiet_NaN());
  REQUIRE(insert->run().ok());
  auto read = s.db.prepare("SELECT id, name, balance FROM accounts ORDER BY id");
  REQUIRE(read.ok());
  std::size_t i = 0;
  REQUIRE(read->each([&] {
              CHECK(read->integer(0) == static_cast<std::int64_t>(i + 1));
              if (i < values.size()) {
                CHECK(read->real(2) == values[i]);  // bit for bit, not approximately
                CHECK(read->text(1) == "a" + std::to_string(i));
              } else {
                CHECK(read->is_null(2));
                CHECK(std::isnan(read->real(2)));
              }
              ++i;
            }).ok());
  CHECK(i == values.size() + 1);
}

TEST_CASE("store: an INSERT's generated id, the rows a change touched, and a UNIQUE violation told as such") {
  OpenedStore s = open_fresh("ids", kAccounts);
  auto insert = s.db.prepare("INSERT INTO accounts (name) VALUES (?)");
  REQUIRE(insert.ok());
  insert->bind(1, "alice");
  REQUIRE(insert->run().ok());
  CHECK(s.db.last_insert_rowid() == 1);
  insert->bind(1, "bob");
  REQUIRE(insert->run().ok());
  CHECK(s.db.last_insert_rowid() == 2);
  insert->bind(1, "alice");
  Status twice = insert->run();
  REQUIRE_FALSE(twice.ok());
  CHECK(is_unique_violation(twice.error()));
  auto update = s.db.prepare("UPDATE accounts SET balance = ? WHERE id <= ?");
  REQUIRE(update.ok());
  update->bind(1, 5.0).bind(2, 2);
  REQUIRE(update->run().ok());
  CHECK(s.db.changes() == 2);
  auto returning = s.db.prepare("INSERT INTO trades (account) VALUES (?) RETURNING id, at");
  REQUIRE(returning.ok());
  returning->bind(1, 2);
  auto row = returning->step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  CHECK(returning->integer(0) == 1);
  CHECK(returning->text(1).size() == 24);  // 2026-12-04T05:10:00.123Z, the store's clock on both engines
  CHECK(returning->text(1).back() == 'Z');
}

TEST_CASE("store: a failed migration changes nothing, and reopening applies nothing twice") {
  const std::string target = fresh_store(make_temp_dir(), "migrations");
  {
    auto opened = open_store(target, kAccounts);
    REQUIRE(opened.ok());
    CHECK(opened->schema_version == 2);
    REQUIRE(opened->db.exec("INSERT INTO accounts (name) VALUES ('kept')").ok());
  }
  auto broken = open_store(target, kAccountsThenBroken);
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().message.find("migration 3 (broken) failed") != std::string::npos);
  auto again = open_store(target, kAccounts);
  REQUIRE(again.ok());
  CHECK(again->schema_version == 2);
  auto has_positions = again->db.has_table("positions");
  REQUIRE(has_positions.ok());
  CHECK_FALSE(*has_positions);
  auto rows = again->db.query("SELECT name FROM accounts");
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 1);
  CHECK(rows->front().front() == "kept");
}

TEST_CASE("store: a transaction rolled back leaves nothing, a committed one everything") {
  OpenedStore s = open_fresh("transactions", finsim::store::server_migrations());
  REQUIRE(s.db.exec("BEGIN IMMEDIATE").ok());
  REQUIRE(s.db.exec("INSERT INTO server_meta (key, value) VALUES ('gone', 'x')").ok());
  REQUIRE(s.db.exec("ROLLBACK").ok());
  REQUIRE(s.db.exec("BEGIN IMMEDIATE").ok());
  REQUIRE(s.db.exec("INSERT INTO server_meta (key, value) VALUES ('kept', 'y')").ok());
  REQUIRE(s.db.exec("COMMIT").ok());
  auto rows = s.db.query("SELECT key FROM server_meta WHERE key IN ('gone', 'kept')");
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 1);
  CHECK(rows->front().front() == "kept");
}
