// Reservations through the API: pending orders hold back cash and units, a placement that would
// overdraw what they leave is refused (422, nothing changed), cancelling releases, a fill never takes
// what another pending order reserved, and the figures are the same after a restart.
#include <catch2/catch.hpp>

#include <csignal>

#include "api_support.hpp"

using namespace finsim::test;

namespace {

HttpReply place(int port, const json& p, const json& body) {
  return call(port, "POST", portfolio_path(p) + "/orders", body);
}

json limit_buy(const std::string& ticker, double quantity, double limit) {
  return {{"ticker", ticker}, {"side", "buy"}, {"type", "limit"}, {"limit_price", limit}, {"quantity", quantity}};
}

/// A market imported from CSV with its clock at the first bar: the next closes are known in advance.
/// AAA 100 → 130 → 125, BBB 50 → 60 → 40.
int known_future_market(int port) {
  const std::string csv = "Date,AAA,BBB\n2024-01-02,100,50\n2024-01-03,130,60\n2024-01-04,125,40\n";
  const HttpReply r = http(port, "POST", "/api/markets/import?name=known&clock=start", csv, {{"Content-Type", "text/csv"}});
  return expect(r, 201)["market"]["id"].get<int>();
}

}  // namespace

TEST_CASE("two limit buys that together exceed the cash: the second is refused and changes nothing, and after a cancel it fits") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "Two buys"}, {"initial_capital", 10000}});  // zero fees
  CHECK(p["reserved_cash"] == 0.0);
  CHECK(p["available_cash"] == 10000.0);

  const json first = expect(place(port, p, limit_buy("FIN1", 60, 100)), 201);
  CHECK(first["status"] == "pending");
  CHECK(first["reservation"] == json{{"cash", 6000.0}, {"units", 0.0}});
  const json before = get(port, portfolio_path(p));
  CHECK(before["cash"] == 10000.0);
  CHECK(before["reserved_cash"] == 6000.0);
  CHECK(before["available_cash"] == 4000.0);
  CHECK(before["pending_orders"] == 1);

  // 5,000 more would overdraw: 422, nothing stored, the portfolio as it was.
  const HttpReply refused = place(port, p, limit_buy("TEC1", 50, 100));
  CHECK(error_code(refused, 422) == "insufficient_cash");
  CHECK(json::parse(refused.body)["error"]["message"] ==
        "the order may need up to 5000.00 but the cash available is 4000.00 (6000.00 more is reserved by pending orders)");
  CHECK(get(port, portfolio_path(p) + "/orders")["orders"].size() == 1);
  CHECK(get(port, portfolio_path(p)) == before);
  // What is left still fits.
  CHECK(expect(place(port, p, limit_buy("TEC1", 40, 100)), 201)["reservation"]["cash"] == 4000.0);
  CHECK(get(port, portfolio_path(p))["available_cash"] == 0.0);
  CHECK(error_code(place(port, p, limit_buy("TEC1", 0.01, 100)), 422) == "insufficient_cash");

  // Cancelling the first releases its 6,000: the refused order now fits.
  expect(call(port, "DELETE", portfolio_path(p) + "/orders/" + std::to_string(first["id"].get<int>())), 200);
  const json released = get(port, portfolio_path(p));
  CHECK(released["reserved_cash"] == 4000.0);
  CHECK(released["available_cash"] == 6000.0);
  CHECK(released["pending_orders"] == 1);
  CHECK(expect(place(port, p, limit_buy("TEC1", 50, 100)), 201)["reservation"]["cash"] == 5000.0);
  const json holdings = get(port, portfolio_path(p) + "/holdings");
  CHECK(holdings["reserved_cash"] == 9000.0);
  CHECK(holdings["available_cash"] == 1000.0);
}

TEST_CASE("pending sells reserve units of the position: a second sell of the same units is refused") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "Sells"}, {"initial_capital", 100000}});
  expect(place(port, p, {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 10}}), 201);
  advance(port);
  const json sell = {{"ticker", "TEC1"}, {"side", "sell"}, {"type", "limit"}, {"limit_price", 1e6}, {"quantity", 6}};
  CHECK(expect(place(port, p, sell), 201)["reservation"] == json{{"cash", 0.0}, {"units", 6.0}});
  const json detail = get(port, portfolio_path(p));
  REQUIRE(detail["holdings"].size() == 1);
  CHECK(detail["holdings"][0]["quantity"] == 10.0);
  CHECK(detail["holdings"][0]["reserved_quantity"] == 6.0);
  CHECK(detail["reserved_cash"] == 0.0);

  json five = sell;
  five["quantity"] = 5;
  const HttpReply refused = place(port, p, five);
  CHECK(error_code(refused, 422) == "insufficient_holdings");
  CHECK(json::parse(refused.body)["error"]["message"] ==
        "cannot sell more TEC1 than is held (short selling is disabled for this portfolio) (6 units more is reserved by "
        "pending orders)");
  CHECK(get(port, portfolio_path(p)) == detail);
  json four = sell;
  four["quantity"] = 4;
  expect(place(port, p, four), 201);
  CHECK(get(port, portfolio_path(p))["holdings"][0]["reserved_quantity"] == 10.0);
}

TEST_CASE("a fill never takes what another pending order reserved, and leaving pending releases a reservation") {
  ServerProcess server(api_server_args(60));
  const int port = server.port();
  const int market = known_future_market(port);
  const json p = create_portfolio(port, {{"name", "Guarded"}, {"initial_capital", 10000}, {"market_id", market}});
  // BBB at 40 or less: fills on the third bar's 40. Reserves 4,000.
  const json waits = expect(place(port, p, limit_buy("BBB", 100, 40)), 201);
  // A market buy of 54 AAA: reserved at the last close + 10 % (54 × 110 = 5,940); fills at 130 (7,020).
  const json market_buy = expect(place(port, p, {{"ticker", "AAA"}, {"side", "buy"}, {"quantity", 54}}), 201);
  CHECK(market_buy["reservation"]["cash"] == 5940.0);
  CHECK(market_buy["estimate"]["net_cash"] == -5400.0);
  CHECK(get(port, portfolio_path(p))["available_cash"] == 60.0);

  // 7,020 is there, but 4,000 of it is the limit order's: the market buy is rejected at its fill.
  const json first = advance(port, 1, market);
  CHECK(first["orders"] == json{{"filled", 0}, {"partial", 0}, {"expired", 0}, {"rejected", 1}, {"cancelled", 0}, {"pending", 1}});
  const json rejected = get(port, portfolio_path(p) + "/orders/" + std::to_string(market_buy["id"].get<int>()));
  CHECK(rejected["status"] == "rejected");
  CHECK(rejected["error"] == json{{"code", "insufficient_cash"},
                                  {"message", "the order needs 7020.00 but cash is 6000.00 (4000.00 more is reserved by "
                                              "pending orders)"}});
  CHECK(rejected["fill"].is_null());
  const json after_reject = get(port, portfolio_path(p));
  CHECK(after_reject["cash"] == 10000.0);
  CHECK(after_reject["reserved_cash"] == 4000.0);  // the rejection released its 5,940
  CHECK(after_reject["fills"] == 0);

  // The limit order fills at 40 with the cash it reserved; its reservation goes with it.
  const json second = advance(port, 1, market);
  CHECK(second["orders"]["filled"] == 1);
  const json filled = get(port, portfolio_path(p) + "/orders/" + std::to_string(waits["id"].get<int>()));
  CHECK(filled["status"] == "filled");
  CHECK(filled["fill"]["price"] == 40.0);
  const json after_fill = get(port, portfolio_path(p));
  CHECK(after_fill["cash"] == 6000.0);
  CHECK(after_fill["reserved_cash"] == 0.0);
  CHECK(after_fill["available_cash"] == 6000.0);
  CHECK(after_fill["pending_orders"] == 0);
}

TEST_CASE("an order that expires releases its reservation") {
  ServerProcess server(api_server_args(60));
  const int port = server.port();
  const int market = known_future_market(port);
  const json p = create_portfolio(port, {{"name", "Expiring"}, {"initial_capital", 10000}, {"market_id", market}});
  json expiring = limit_buy("AAA", 90, 80);  // AAA never closes at 80 or less
  expiring["good_until"] = "2024-01-02";
  expect(place(port, p, expiring), 201);
  CHECK(error_code(place(port, p, limit_buy("BBB", 100, 30)), 422) == "insufficient_cash");  // 3,000 > 2,800
  CHECK(advance(port, 1, market)["orders"]["expired"] == 1);
  const json after = get(port, portfolio_path(p));
  CHECK(after["reserved_cash"] == 0.0);
  CHECK(after["available_cash"] == 10000.0);
  expect(place(port, p, limit_buy("BBB", 100, 30)), 201);
}

TEST_CASE("reservations are recomputed from the stored pending orders after a restart, to the cent") {
  const std::string db = fresh_store(make_temp_dir(), "reservations");
  json before;
  int id = 0;
  {
    ServerProcess server(api_server_args(300, {"--db", db}));
    const int port = server.port();
    const json p = create_portfolio(port, {{"name", "Restart"}, {"initial_capital", 10000}, {"fee_structure", "ibkr_fixed"}});
    id = p["id"];
    expect(place(port, p, limit_buy("FIN1", 33.3, 97.13)), 201);
    expect(place(port, p, {{"ticker", "TEC1"}, {"side", "buy"}, {"notional", 1234.56}}), 201);
    before = get(port, portfolio_path(p));
    // ibkr_fixed: 33.3 × 97.13 = 3,234.43 + 1.00 (the minimum); the notional 1,234.56 + 1.00.
    CHECK(before["reserved_cash"] == 4470.99);
    CHECK(before["available_cash"] == 5529.01);
    CHECK(server.stop(SIGTERM) == 0);
  }
  ServerProcess again(api_server_args(300, {"--db", db}));
  const int port = again.port();
  const json p = get(port, "/api/portfolios/" + std::to_string(id));
  CHECK(p["reserved_cash"] == before["reserved_cash"]);
  CHECK(p["available_cash"] == before["available_cash"]);
  CHECK(p["pending_orders"] == 2);
  CHECK(error_code(place(port, p, limit_buy("FIN1", 60, 100)), 422) == "insufficient_cash");
  expect(place(port, p, limit_buy("FIN1", 55, 100)), 201);  // 5,501 ≤ 5,529.01
}
