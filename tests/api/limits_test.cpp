// What one client can create is bounded (docs/portfolio-api.md, "Limits"): active portfolios per
// server and live ones per client address, refused with 429 too_many_portfolios and nothing created.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "api_support.hpp"

using namespace finsim::test;

namespace {

HttpReply create_from(const std::string& address, int port, const std::string& name) {
  return http_from(address, port, "POST", "/api/portfolios", json{{"name", name}, {"initial_capital", 1000}}.dump());
}

}  // namespace

TEST_CASE("a client address opens at most --max-portfolios-per-client portfolios, the server --max-portfolios") {
  ServerProcess server(api_server_args(300, {"--max-portfolios", "4", "--max-portfolios-per-client", "2"}));
  const int port = server.port();
  const json a1 = expect(create_from("127.0.0.1", port, "a1"), 201);
  expect(create_from("127.0.0.1", port, "a2"), 201);
  const HttpReply third = create_from("127.0.0.1", port, "a3");
  CHECK(error_code(third, 429) == "too_many_portfolios");
  CHECK(json::parse(third.body)["error"]["message"].get<std::string>().find("per client") != std::string::npos);
  CHECK(get(port, "/api/portfolios")["portfolios"].size() == 2);  // the refusal created nothing

  // Another address has its own allowance, up to the server's.
  expect(create_from("127.0.0.2", port, "b1"), 201);
  expect(create_from("127.0.0.2", port, "b2"), 201);
  const HttpReply full = create_from("127.0.0.3", port, "c1");
  CHECK(error_code(full, 429) == "too_many_portfolios");
  CHECK(json::parse(full.body)["error"]["message"].get<std::string>().find("the server has 4") != std::string::npos);
  // A backtest's result would be one more portfolio: refused too, before it runs.
  CHECK(error_code(call(port, "POST", "/api/backtests", {{"model", "momentum"}}), 429) == "too_many_portfolios");

  // Archiving frees a place, for the server and for its client.
  expect(call(port, "DELETE", "/api/portfolios/" + std::to_string(a1["id"].get<int>())), 200);
  expect(create_from("127.0.0.1", port, "a3"), 201);
  CHECK(get(port, "/api/portfolios")["portfolios"].size() == 4);
  CHECK(get(port, "/api/portfolios?status=all")["portfolios"].size() == 5);
}

TEST_CASE("the server stores at most --max-signals signals: a post that would pass it is refused whole, with nothing stored") {
  ServerProcess server(api_server_args(300, {"--max-signals", "3"}));
  const int port = server.port();
  const json buy{{"model", "llm"}, {"ticker", "TEC1"}, {"action", "buy"}, {"confidence", 0.6}};
  CHECK(expect(call(port, "POST", "/api/signals", {{"signals", {buy, buy}}}), 201)["count"] == 2);
  // Two more would make four: refused, the batch whole, and the two stored stay the only ones.
  const HttpReply over = call(port, "POST", "/api/signals", {{"signals", {buy, buy}}});
  CHECK(error_code(over, 429) == "too_many_signals");
  CHECK(json::parse(over.body)["error"]["message"].get<std::string>().find("--max-signals") != std::string::npos);
  CHECK(get(port, "/api/signals")["signals"].size() == 2);
  CHECK(expect(call(port, "POST", "/api/signals", buy), 201)["count"] == 1);  // the third fits
  CHECK(error_code(call(port, "POST", "/api/signals", buy), 429) == "too_many_signals");
  CHECK(get(port, "/api/signals")["signals"].size() == 3);
  // A backtest's signals count too: its result is refused, recorded as failed with the reason.
  const json queued = expect(call(port, "POST", "/api/backtests", {{"model", "momentum"}, {"tickers", {"TEC1"}}}), 202);
  const std::string path = "/api/backtests/" + std::to_string(queued["id"].get<int>());
  json run;
  for (int i = 0; i < 300; ++i) {
    run = get(port, path);
    if (run["status"] == "done" || run["status"] == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(run["status"] == "failed");
  CHECK(run["error"]["code"] == "too_many_signals");
  CHECK(get(port, "/api/signals")["signals"].size() == 3);
}
