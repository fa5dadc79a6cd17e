// Signals from outside models (the llm slot is filled only here) and orders that cite them.
#include <catch2/catch.hpp>

#include "api_support.hpp"

using namespace finsim::test;

TEST_CASE("signals are posted one at a time or in batches, validated, and listed (latest per model)") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const std::string today = get(port, "/api/markets/1")["current_date"];
  const HttpReply one = call(port, "POST", "/api/signals",
                             {{"model", "llm"}, {"ticker", "TEC1"}, {"action", "buy"}, {"confidence", 0.7}, {"id", "gpt-run-1"}});
  const json first = expect(one, 201);
  CHECK(first["count"] == 1);
  CHECK(first["signals"][0]["date"] == today);  // no date: the market's current date
  CHECK(first["signals"][0]["external_id"] == "gpt-run-1");
  const json batch = expect(call(port, "POST", "/api/signals",
                                 {{"signals",
                                   {{{"model", "llm"}, {"ticker", "TEC1"}, {"action", "sell"}, {"confidence", 0.4},
                                     {"timestamp", today + "T15:30:00Z"}},
                                    {{"model", "claude"}, {"ticker", "TEC1"}, {"action", "hold"}, {"confidence", 0.5},
                                     {"date", today}},
                                    {{"model", "llm"}, {"ticker", "FIN1"}, {"action", "buy"}, {"confidence", 0.9},
                                     {"date", "2015-03-02"}, {"predicted_return", 0.01}}}}}),
                            201);
  CHECK(batch["count"] == 3);
  CHECK(error_code(call(port, "POST", "/api/signals", {{"model", "llm"}, {"ticker", "NOPE"}, {"action", "buy"}, {"confidence", 1}}),
                   422) == "unknown_ticker");
  CHECK(error_code(call(port, "POST", "/api/signals", {{"model", "llm"}, {"ticker", "TEC1"}, {"action", "buy"}, {"confidence", 1.5}}),
                   422) == "bad_signal");
  // A bad signal in a batch refuses the whole batch.
  CHECK(error_code(call(port, "POST", "/api/signals",
                        {{"signals", {{{"model", "llm"}, {"ticker", "TEC1"}, {"action", "buy"}, {"confidence", 1}},
                                      {{"model", "llm"}, {"ticker", "TEC1"}, {"action", "maybe"}, {"confidence", 1}}}}}),
                   422) == "bad_signal");
  for (const json& id : {json(0), json(-1), json(0.5), json("1")})  // 0 was once read as the default market
    CHECK(error_code(call(port, "POST", "/api/signals",
                          {{"model", "llm"}, {"ticker", "TEC1"}, {"action", "buy"}, {"confidence", 1}, {"market_id", id}}),
                     422) == "bad_signal");
  CHECK(get(port, "/api/signals")["signals"].size() == 4);
  CHECK(get(port, "/api/signals?model=llm&ticker=TEC1")["signals"].size() == 2);
  const json latest = get(port, "/api/signals?ticker=TEC1&latest=true")["signals"];
  REQUIRE(latest.size() == 2);  // one per model
  for (const json& s : latest)
    if (s["model"] == "llm") CHECK(s["action"] == "sell");
  CHECK(get(port, "/api/signals?from=" + today)["signals"].size() == 3);

  const json models = get(port, "/api/models")["models"];
  bool llm = false, claude = false;
  for (const json& m : models) {
    if (m["name"] == "llm") {
      llm = true;
      CHECK(m["built_in"] == false);
      CHECK(m["signals"] == 3);
    }
    if (m["name"] == "claude") claude = m["signals"] == 1;
  }
  CHECK(llm);
  CHECK(claude);
}

TEST_CASE("an order citing a signal carries its model and confidence into the fill") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json s = expect(call(port, "POST", "/api/signals", {{"model", "llm"}, {"ticker", "TEC1"}, {"action", "buy"}, {"confidence", 0.8}}),
                        201)["signals"][0];
  const json p = create_portfolio(port, {{"name", "S"}, {"initial_capital", 10000}});
  const std::string orders = "/api/portfolios/" + std::to_string(p["id"].get<int>()) + "/orders";
  CHECK(error_code(call(port, "POST", orders, {{"ticker", "FIN1"}, {"side", "buy"}, {"quantity", 1}, {"signal_id", s["id"]}}), 422) ==
        "bad_order");  // the signal is about TEC1
  const json o = expect(call(port, "POST", orders, {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 2}, {"signal_id", s["id"]}}), 201);
  CHECK(o["model"] == "llm");
  CHECK(o["confidence"] == 0.8);
  CHECK(o["signal_id"] == s["id"]);
  advance(port);
  const json fill = get(port, orders)["orders"][0]["fill"];
  CHECK(fill["model"] == "llm");
  CHECK(fill["confidence"] == 0.8);
  CHECK(fill["signal_id"] == std::to_string(s["id"].get<int>()));
  // Live trades per model, on the dashboard.
  expect(call(port, "POST", orders, {{"ticker", "TEC1"}, {"side", "sell"}, {"quantity", 2}}), 201);
  advance(port);
  const json overview = get(port, "/api/overview");
  REQUIRE(overview["models"].size() == 1);
  CHECK(overview["models"][0]["model"] == "llm");  // the opening lot's model is credited
  CHECK(overview["models"][0]["trades"]["trades"] == 1);
}
