// Long work does not hold up orders and reads (docs/portfolio-api.md, "Long work"): a large import is
// parsed off the service's thread and stored a slice at a time, a backtest runs on its own thread;
// meanwhile an order and a read are answered — before the long job is done.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <thread>

#include "api_support.hpp"
#include "store/database.hpp"

using namespace finsim::test;

namespace {

/// A wide CSV of `tickers` × `bars` business days of made-up closes (~10 bytes a price).
std::string big_csv(int tickers, int bars) {
  std::string csv = "Date";
  for (int t = 0; t < tickers; ++t) csv += ",T" + std::to_string(t);
  csv += "\n";
  char cell[32];
  for (int b = 0; b < bars; ++b) {
    const int day = b % 5 + (b / 5) * 7;  // Monday to Friday from 2000-01-03
    const auto date = finsim::portfolio::Date{finsim::portfolio::date_from_civil(2000, 1, 3).days + day};
    csv += finsim::portfolio::format_date(date);
    for (int t = 0; t < tickers; ++t) {
      std::snprintf(cell, sizeof cell, ",%.4f", 50.0 + t + 0.01 * ((b * 7 + t * 13) % 997));
      csv += cell;
    }
    csv += "\n";
  }
  return csv;
}

/// Sends a whole CSV upload on a new connection and returns the socket (the answer is read later).
int send_import(int port, const std::string& query, const std::string& csv, const std::string& key = "") {
  const int fd = connect_loopback(port);
  std::string request = "POST /api/markets/import" + query + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                        "\r\nContent-Type: text/csv\r\nConnection: close\r\nContent-Length: " + std::to_string(csv.size()) +
                        "\r\n" + (key.empty() ? "" : "Idempotency-Key: " + key + "\r\n") + "\r\n";
  request += csv;
  for (std::size_t sent = 0; sent < request.size();) {
    const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    REQUIRE(n > 0);
    sent += static_cast<std::size_t>(n);
  }
  return fd;
}

/// Whether the server has answered on `fd` yet (without waiting).
bool answered(int fd) {
  char c;
  const ssize_t n = recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
  return n > 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

/// Reads the answer on `fd` until the server closes it, and closes `fd`.
HttpReply read_answer(int fd) {
  std::string raw;
  char buf[65536];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) raw.append(buf, static_cast<std::size_t>(n));
  close(fd);
  return finsim::tools::raw_http_parse(raw);
}

bool market_listed(int port, const std::string& name) {
  const json markets = get(port, "/api/markets");
  for (const json& m : markets["markets"])
    if (m["name"] == name) return true;
  return false;
}

}  // namespace

TEST_CASE("while a large import is parsed and stored, an order and a read are answered first") {
  const std::string db_path = fresh_store(make_temp_dir(), "import");
  const std::string csv = big_csv(250, 4000);  // 1,000,000 prices, ~10 MB
  json imported, market, prices;
  {
    ServerProcess server(api_server_args(300, {"--db", db_path}));
    const int port = server.port();
    const json p = create_portfolio(port, {{"name", "busy"}, {"initial_capital", 100000}});
    const std::string path = "/api/portfolios/" + std::to_string(p["id"].get<int>());

    const int upload = send_import(port, "?name=big", csv, "import-1");
    // The body is sent; let the server read its end (it then parses, then stores slice by slice).
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(expect(call(port, "POST", path + "/orders", {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 1}}), 201)["status"] ==
          "pending");
    CHECK(get(port, path)["name"] == "busy");
    // Both were answered while the import had not finished: no answer yet, no market yet.
    CHECK_FALSE(answered(upload));
    CHECK_FALSE(market_listed(port, "big"));
    // The same key again while the first runs: never a second import.
    const int again = send_import(port, "?name=big", csv, "import-1");

    const HttpReply done = read_answer(upload);
    imported = expect(done, 201)["market"];
    CHECK(done.header("location") == "/api/markets/" + std::to_string(imported["id"].get<int>()));
    CHECK(imported["bars"] == 4000);
    CHECK(imported["assets"] == 250);
    const HttpReply second = read_answer(again);
    if (second.status == 201) CHECK(second.header("idempotent-replayed") == "true");
    else CHECK(error_code(second, 409) == "conflict");
    int big = 0;
    const json markets = get(port, "/api/markets");
    for (const json& m : markets["markets"]) big += m["name"] == "big" ? 1 : 0;
    CHECK(big == 1);
    prices = get(port, "/api/markets/" + std::to_string(imported["id"].get<int>()) + "/prices?tickers=T0,T249");
    CHECK(prices["dates"].size() == 4000);
    CHECK(prices["closes"]["T249"][3999].get<double>() == Approx(50.0 + 249 + 0.01 * ((3999 * 7 + 249 * 13) % 997)));
    market = get(port, "/api/markets/" + std::to_string(imported["id"].get<int>()));
  }
  // What was built in memory is what a restart reads back.
  ServerProcess again(api_server_args(300, {"--db", db_path}));
  const std::string id = std::to_string(imported["id"].get<int>());
  CHECK(get(again.port(), "/api/markets/" + id) == market);
  CHECK(get(again.port(), "/api/markets/" + id + "/prices?tickers=T0,T249") == prices);
}

TEST_CASE("an import a crash interrupts leaves nothing behind") {
  const std::string db_path = fresh_store(make_temp_dir(), "crash");
  {
    ServerProcess server(api_server_args(300, {"--db", db_path}));
    const int upload = send_import(server.port(), "?name=big", big_csv(250, 4000));
    std::this_thread::sleep_for(std::chrono::milliseconds(400));  // parsed, some slices stored
    CHECK_FALSE(answered(upload));
    CHECK(server.stop(SIGKILL) == 128 + SIGKILL);
    close(upload);
  }
  REQUIRE(await_killed_sessions(db_path));  // what the killed server had sent has landed (PostgreSQL)
  ServerProcess again(api_server_args(300, {"--db", db_path}));
  CHECK_FALSE(market_listed(again.port(), "big"));
  CHECK(again.stop(SIGTERM) == 0);
  auto db = finsim::store::Database::open(db_path);
  REQUIRE(db.ok());
  auto rows = db->query("SELECT (SELECT count(*) FROM markets), (SELECT count(*) FROM assets WHERE market_id <> 1)");
  REQUIRE(rows.ok());
  CHECK(rows->at(0).at(0) == "1");
  CHECK(rows->at(0).at(1) == "0");
}

TEST_CASE("while a backtest runs, an order and a read are answered before it is done") {
  ServerProcess server(api_server_args(600));
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "trader"}, {"initial_capital", 100000}});
  const std::string path = "/api/portfolios/" + std::to_string(p["id"].get<int>());
  // The cnn on every ticker: a few seconds of the backtest thread (on six tickers, about half a second on
  // two cores, it once finished before a PostgreSQL order and read were answered under CI's load).
  const json launched = expect(call(port, "POST", "/api/backtests", {{"model", "cnn"}}), 202);
  const std::string backtest = "/api/backtests/" + std::to_string(launched["id"].get<int>());
  // Wait until it runs (progress reported), then trade and read.
  for (int i = 0; i < 500 && get(port, backtest)["status"] != "running"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(get(port, backtest)["status"] == "running");
  CHECK(expect(call(port, "POST", path + "/orders", {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 1}}), 201)["status"] ==
        "pending");
  CHECK(get(port, path)["name"] == "trader");
  CHECK(get(port, backtest)["status"] == "running");  // answered before the backtest is done
  for (int i = 0; i < 1200 && get(port, backtest)["status"] == "running"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(get(port, backtest)["status"] == "done");
}
