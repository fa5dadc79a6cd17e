// The portfolio feed (/ws/portfolios): what changed, pushed after it is durable.
#include <catch2/catch.hpp>

#include "api_support.hpp"
#include "ws_client.hpp"

#include <set>

using namespace finsim::test;

namespace {

/// The next message of one of `types` (others skipped), as JSON.
json next_of(WsViewer& viewer, const std::set<std::string>& types) {
  for (int i = 0; i < 100; ++i) {
    const WsRead r = viewer.read_any();
    REQUIRE(r.is_message());
    if (types.count(r.type())) return json::parse(r.text);
  }
  FAIL("no message of the expected types");
  return nullptr;
}

}  // namespace

TEST_CASE("the feed tells viewers of orders, fills, portfolios and the market, in order") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  WsViewer all(port, "/ws/portfolios");
  const json ready = next_of(all, {"FEED_READY"});
  CHECK(ready["payload"]["portfolio"].is_null());
  const json p = create_portfolio(port, {{"name", "Feed"}, {"initial_capital", 10000}});
  const int id = p["id"];
  WsViewer mine(port, "/ws/portfolios?portfolio=" + std::to_string(id));
  CHECK(next_of(mine, {"FEED_READY"})["payload"]["portfolio"] == id);

  const json created = next_of(all, {"PORTFOLIO_UPDATE"});
  CHECK(created["payload"]["portfolio"]["id"] == id);
  const json o = expect(call(port, "POST", "/api/portfolios/" + std::to_string(id) + "/orders",
                             {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 2}}),
                        201);
  const json placed = next_of(all, {"ORDER_UPDATE"});
  CHECK(placed["payload"]["order"]["id"] == o["id"]);
  CHECK(placed["payload"]["order"]["status"] == "pending");
  CHECK(placed["seq"].get<int>() > created["seq"].get<int>());
  advance(port);
  const json filled = next_of(all, {"ORDER_UPDATE"});
  CHECK(filled["payload"]["order"]["status"] == "filled");
  CHECK(filled["payload"]["order"]["fill"]["quantity"] == 2.0);
  const json valued = next_of(all, {"PORTFOLIO_UPDATE"});
  CHECK(valued["payload"]["portfolio"]["fills"] == 1);
  const json market = next_of(all, {"MARKET_UPDATE"});
  CHECK(market["payload"]["bars"].size() == 1);
  // The filtered viewer saw the same portfolio messages.
  CHECK(next_of(mine, {"ORDER_UPDATE"})["payload"]["order"]["status"] == "pending");
  CHECK(next_of(mine, {"ORDER_UPDATE"})["payload"]["order"]["status"] == "filled");
  // A request that fails publishes nothing.
  expect(call(port, "POST", "/api/portfolios/" + std::to_string(id) + "/orders", {{"ticker", "NOPE"}, {"side", "buy"}, {"quantity", 1}}),
         422);
  expect(call(port, "POST", "/api/signals", {{"model", "llm"}, {"ticker", "TEC1"}, {"action", "buy"}, {"confidence", 0.5}}), 201);
  const json sig = next_of(all, {"SIGNALS", "ORDER_UPDATE"});
  CHECK(sig["type"] == "SIGNALS");
  CHECK(sig["payload"]["models"] == json::array({"llm"}));
  CHECK(http(port, "GET", "/ws/portfolios").status == 426);
  const HttpReply bad = raw_http(port,
                                 "GET /ws/portfolios?portfolio=abc HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
                                 "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
  CHECK(bad.status == 400);  // a handshake for no portfolio: refused, no upgrade
}

TEST_CASE("a feed for a portfolio that does not exist is refused with 404, not an empty stream") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  auto handshake = [&](const std::string& target) {
    return raw_http(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
                          "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
  };
  for (const std::string id : {"1", "999", "9223372036854775807"}) {
    INFO("portfolio " << id);
    CHECK(error_code(handshake("/ws/portfolios?portfolio=" + id), 404) == "unknown_portfolio");
  }
  const json p = create_portfolio(port, {{"name", "Watched"}, {"initial_capital", 100}});
  const std::string id = std::to_string(p["id"].get<int>());
  CHECK(handshake("/ws/portfolios?portfolio=" + id).status == 101);
  // An archived portfolio still exists (and can still be watched).
  expect(call(port, "DELETE", "/api/portfolios/" + id), 200);
  WsViewer archived(port, "/ws/portfolios?portfolio=" + id);
  CHECK(next_of(archived, {"FEED_READY"})["payload"]["portfolio"] == p["id"]);
}
