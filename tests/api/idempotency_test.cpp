// Idempotency-Key: a retried request gets the first answer; the key cannot be reused for another;
// keys expire after their retention and are bounded in number, in the database too.
#include <catch2/catch.hpp>

#include <csignal>
#include <thread>

#include "api_support.hpp"
#include "portfolio/idempotency.hpp"
#include "store/server_schema.hpp"
#include "store/store.hpp"

using namespace finsim::test;
namespace server = finsim::server;
namespace store = finsim::store;

namespace {

using namespace std::chrono_literals;

/// The keys stored in a database, oldest first.
std::vector<std::string> stored_keys(store::Database& db) {
  auto rows = db.query("SELECT key FROM idempotency_keys ORDER BY id");
  REQUIRE(rows.ok());
  std::vector<std::string> keys;
  for (const auto& row : *rows) keys.push_back(row.at(0));
  return keys;
}

/// An in-memory database with the server's schema.
store::Database in_memory_store() {
  auto opened = store::open_store(":memory:", store::server_migrations());
  REQUIRE(opened.ok());
  return std::move(opened->db);
}

server::RequestFingerprint order_print(const std::string& body) {
  server::HttpRequest r;
  r.method = "POST";
  r.target = "/api/portfolios/1/orders";
  r.body = body;
  return server::fingerprint(r);
}

server::HttpResponse answer(int id) {
  server::HttpResponse r;
  r.status = 201;
  r.body = "{\"id\":" + std::to_string(id) + "}";
  return r;
}

/// A fixed instant: 2026-12-03T12:00:00Z.
const server::IdempotencyClock::time_point kNoon{std::chrono::seconds(1796299200)};

}  // namespace

TEST_CASE("a key is replayed until its retention has passed, then the same key runs as a new request") {
  store::Database db = in_memory_store();
  const server::IdempotencyRetention day{std::chrono::hours(24), 100000};
  const auto print = order_print(R"({"ticker":"TEC1"})");
  REQUIRE(server::remember_idempotent(db, "k", print, answer(1), day, kNoon).ok());
  auto at = [&](server::IdempotencyClock::time_point now) {
    auto r = server::replay_idempotent(db, "k", print, day, now);
    REQUIRE(r.ok());
    return *r;
  };
  REQUIRE(at(kNoon + 24h).has_value());  // exactly a day later: still kept
  CHECK(at(kNoon + 24h)->body == R"({"id":1})");
  CHECK(at(kNoon + 24h)->header("Idempotent-Replayed") == "true");
  CHECK_FALSE(at(kNoon + 24h + 1ms).has_value());  // expired: a new request
  // Another body with the expired key is not refused either.
  auto other = server::replay_idempotent(db, "k", order_print(R"({"ticker":"FIN1"})"), day, kNoon + 25h);
  REQUIRE(other.ok());
  CHECK_FALSE(other->has_value());
  // Stored again: the new answer replaces the expired one.
  REQUIRE(server::remember_idempotent(db, "k", print, answer(2), day, kNoon + 25h).ok());
  CHECK(stored_keys(db) == std::vector<std::string>{"k"});
  CHECK(at(kNoon + 25h)->body == R"({"id":2})");
  // A live key cannot be stored twice.
  CHECK_FALSE(server::remember_idempotent(db, "k", print, answer(3), day, kNoon + 26h).ok());
}

TEST_CASE("each stored key purges expired keys, up to 64 at a time, oldest first") {
  store::Database db = in_memory_store();
  const server::IdempotencyRetention day{std::chrono::hours(24), 100000};
  const auto print = order_print("{}");
  for (int i = 0; i < 100; ++i)
    REQUIRE(server::remember_idempotent(db, "old-" + std::to_string(i), print, answer(i), day, kNoon + i * 1s).ok());
  REQUIRE(server::remember_idempotent(db, "fresh", print, answer(0), day, kNoon + 12h).ok());
  CHECK(stored_keys(db).size() == 101);  // none expired yet
  // Two days after the first: all 101 have expired, and the 64 oldest are purged…
  REQUIRE(server::remember_idempotent(db, "later-1", print, answer(0), day, kNoon + 48h).ok());
  auto keys = stored_keys(db);
  CHECK(keys.size() == 38);  // 101 − 64 + later-1
  CHECK(keys.front() == "old-64");
  // …the next write purges the other 37; later-1, a second old, stays.
  REQUIRE(server::remember_idempotent(db, "later-2", print, answer(0), day, kNoon + 48h + 1s).ok());
  CHECK(stored_keys(db) == std::vector<std::string>{"later-1", "later-2"});
}

TEST_CASE("at most max_keys answers are kept: the oldest go first") {
  store::Database db = in_memory_store();
  const server::IdempotencyRetention three{std::chrono::hours(24), 3};
  const auto print = order_print("{}");
  for (int i = 1; i <= 5; ++i)
    REQUIRE(server::remember_idempotent(db, std::string("k").append(std::to_string(i)), print, answer(i), three,
                                        kNoon + i * 1s)
                .ok());
  CHECK(stored_keys(db) == std::vector<std::string>{"k3", "k4", "k5"});
  auto evicted = server::replay_idempotent(db, "k1", print, three, kNoon + 6s);
  REQUIRE(evicted.ok());
  CHECK_FALSE(evicted->has_value());
}

TEST_CASE("a database from before the retention keeps its keys, numbered oldest first, and they then expire") {
  const std::string path = fresh_store(make_temp_dir(), "v2");
  const auto migrations = store::server_migrations();
  {
    auto v2 = store::open_store(path, migrations.subspan(0, 2));
    REQUIRE(v2.ok());
    REQUIRE(v2->db.exec("INSERT INTO idempotency_keys (key, method, path, fingerprint, status, response, created_at) "
                        "VALUES ('newer', 'POST', '/api/portfolios', 'f', 201, '{}', '2026-12-03T12:00:01.000Z'), "
                        "('older', 'POST', '/api/portfolios', 'f', 201, '{}', '2026-12-03T11:59:59.000Z')")
                .ok());
  }
  auto v3 = store::open_store(path, migrations.subspan(0, 3));
  REQUIRE(v3.ok());
  CHECK(v3->schema_version == 3);
  CHECK(stored_keys(v3->db) == std::vector<std::string>{"older", "newer"});
  server::RequestFingerprint print{"POST", "/api/portfolios", "f"};
  const server::IdempotencyRetention day;
  auto kept = server::replay_idempotent(v3->db, "older", print, day, kNoon + 24h - 1s);
  REQUIRE(kept.ok());
  CHECK(kept->has_value());
  auto gone = server::replay_idempotent(v3->db, "older", print, day, kNoon + 24h);
  REQUIRE(gone.ok());
  CHECK_FALSE(gone->has_value());
}

TEST_CASE("the same key and body give the same stored answer once, another body with the key is refused") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "I"}, {"initial_capital", 10000}});
  const std::string orders = "/api/portfolios/" + std::to_string(p["id"].get<int>()) + "/orders";
  const json body = {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 3}};
  const Headers key = {{"Idempotency-Key", "order-7f3a"}};
  const HttpReply first = call(port, "POST", orders, body, key);
  const json a = expect(first, 201);
  const HttpReply second = call(port, "POST", orders, body, key);
  CHECK(expect(second, 201) == a);
  CHECK(second.header("idempotent-replayed") == "true");
  CHECK(first.header("idempotent-replayed").empty());
  CHECK(second.header("location") == first.header("location"));
  // Same meaning, other bytes (key order, spacing): the same request.
  CHECK(expect(http(port, "POST", orders, R"({ "quantity": 3, "side": "buy", "ticker": "TEC1" })", key), 201) == a);
  CHECK(get(port, orders)["orders"].size() == 1);

  CHECK(error_code(call(port, "POST", orders, {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 4}}, key), 422) ==
        "idempotency_key_reused");
  CHECK(error_code(call(port, "POST", "/api/portfolios", {{"name", "x"}, {"initial_capital", 1}}, key), 422) ==
        "idempotency_key_reused");
  // A refused request's answer is kept too: retrying it does not suddenly succeed or change anything.
  const Headers bad_key = {{"Idempotency-Key", "order-bad"}};
  const json nope = {{"ticker", "NOPE"}, {"side", "buy"}, {"quantity", 1}};
  CHECK(error_code(call(port, "POST", orders, nope, bad_key), 422) == "unknown_ticker");
  CHECK(call(port, "POST", orders, nope, bad_key).header("idempotent-replayed") == "true");
  CHECK(error_code(call(port, "POST", orders, body, {{"Idempotency-Key", std::string(300, 'k')}}), 400) == "bad_request");
  CHECK(get(port, orders)["orders"].size() == 1);
}

TEST_CASE("concurrent retries of one key place one order") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "C"}, {"initial_capital", 10000}});
  const std::string orders = "/api/portfolios/" + std::to_string(p["id"].get<int>()) + "/orders";
  const json body = {{"ticker", "FIN1"}, {"side", "buy"}, {"quantity", 1}};
  std::vector<std::thread> clients;
  std::vector<std::string> answers(8);
  for (std::size_t i = 0; i < answers.size(); ++i)
    clients.emplace_back([&, i] { answers[i] = http(port, "POST", orders, body.dump(), {{"Idempotency-Key", "same"}}).body; });
  for (auto& c : clients) c.join();
  for (const std::string& a : answers) CHECK(a == answers[0]);
  CHECK(get(port, orders)["orders"].size() == 1);
}

TEST_CASE("a body nested 100,000 deep with an Idempotency-Key is refused and the server lives on") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  for (const char* target : {"/api/markets/import", "/api/portfolios"}) {
    INFO(target);
    const HttpReply r = http(port, "POST", target, deep, {{"Content-Type", "application/json"}, {"Idempotency-Key", "deep-1"}});
    CHECK(r.status >= 400);
    CHECK(r.status < 500);
  }
  CHECK(get(port, "/api/portfolios").contains("portfolios"));  // still serving
}

namespace {

/// A server keeping its database in a file, read back once it has stopped, with one portfolio of 10,000
/// whose orders carry keys.
struct KeyedOrders {
  std::string db_path = fresh_store(make_temp_dir(), "keys");
  ServerProcess server;
  std::string orders;  ///< the portfolio's orders path

  explicit KeyedOrders(std::vector<std::string> options) : server(api_server_args(300, with_db(std::move(options)))) {
    const json p = create_portfolio(server.port(), {{"name", "Keyed"}, {"initial_capital", 10000}});
    orders = "/api/portfolios/" + std::to_string(p["id"].get<int>()) + "/orders";
  }
  std::vector<std::string> with_db(std::vector<std::string> options) const {
    options.insert(options.end(), {"--db", db_path});
    return options;
  }
  /// Places `body` (one TEC1 by default) with Idempotency-Key `key`.
  HttpReply place(const std::string& key, const json& body = {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 1}}) {
    return call(server.port(), "POST", orders, body, {{"Idempotency-Key", key}});
  }
  [[nodiscard]] std::size_t order_count() { return get(server.port(), orders)["orders"].size(); }
  /// Stops the server; the keys its database kept, oldest first.
  std::vector<std::string> keys_after_stop() {
    REQUIRE(server.stop(SIGTERM) == 0);
    auto db = store::Database::open(db_path);
    REQUIRE(db.ok());
    return stored_keys(*db);
  }
};

}  // namespace

TEST_CASE("through the server: a key past --idempotency-retention places a new order, and the database forgets it") {
  // 2 s: the immediate retry below stays well within it even on a loaded machine.
  KeyedOrders s({"--idempotency-retention", "2"});
  const json first = expect(s.place("order-a"), 201);
  const HttpReply retry = s.place("order-a");
  CHECK(expect(retry, 201) == first);
  CHECK(retry.header("idempotent-replayed") == "true");

  std::this_thread::sleep_for(std::chrono::milliseconds(2600));  // past the retention
  // Another key's request purges the expired one; the expired key then runs as a new order.
  expect(s.place("order-b"), 201);
  const HttpReply again = s.place("order-a");
  const json second = expect(again, 201);
  CHECK(again.header("idempotent-replayed").empty());
  CHECK(second["id"] != first["id"]);
  CHECK(s.order_count() == 3);

  std::this_thread::sleep_for(std::chrono::milliseconds(2600));  // past the retention
  // Expired, the key may even carry another request: it is new, not "reused".
  const json other = {{"ticker", "FIN1"}, {"side", "buy"}, {"quantity", 1}};
  CHECK(expect(s.place("order-b", other), 201)["ticker"] == "FIN1");
  CHECK(s.keys_after_stop() == std::vector<std::string>{"order-b"});  // order-a's second answer expired too
}

TEST_CASE("through the server: --idempotency-max-keys bounds the keys kept, the oldest forgotten first") {
  KeyedOrders s({"--idempotency-max-keys", "2"});
  for (const char* key : {"k1", "k2", "k3"}) expect(s.place(key), 201);
  CHECK(s.place("k3").header("idempotent-replayed") == "true");
  CHECK(s.place("k2").header("idempotent-replayed") == "true");
  const HttpReply forgotten = s.place("k1");  // the oldest of three: forgotten, so it runs again
  expect(forgotten, 201);
  CHECK(forgotten.header("idempotent-replayed").empty());
  CHECK(s.order_count() == 4);
  CHECK(s.keys_after_stop() == std::vector<std::string>{"k3", "k1"});
}
