// Orders through the API: validated at once (the right 4xx, nothing changed), filled at the next bar's
// close (never a price the order could not have seen), every fill recorded, balances the engine's.
#include <catch2/catch.hpp>

#include <cmath>

#include "api_support.hpp"
#include "finsim/portfolio/fees.hpp"
#include "finsim/portfolio/money.hpp"
#include "finsim/portfolio/nav.hpp"

using namespace finsim::test;
namespace pf = finsim::portfolio;

namespace {

json order(int port, const json& p, const json& body, int status = 201) {
  return expect(call(port, "POST", portfolio_path(p) + "/orders", body), status);
}

}  // namespace

TEST_CASE("invalid orders get the right 4xx and change nothing") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "V"}, {"initial_capital", 1000}, {"fee_structure", "flat"}});
  const std::string path = portfolio_path(p) + "/orders";
  const json before = get(port, portfolio_path(p));
  auto code = [&](const std::string& body, int status) { return error_code(http(port, "POST", path, body), status); };
  CHECK(code(R"({"ticker":"NOPE","side":"buy","quantity":1})", 422) == "unknown_ticker");
  CHECK(code(R"({"ticker":"TEC1","side":"buy","quantity":-1})", 422) == "bad_quantity");
  CHECK(code(R"({"ticker":"TEC1","side":"buy","quantity":0})", 422) == "bad_quantity");
  CHECK(code(R"({"ticker":"TEC1","side":"buy","quantity":"ten"})", 422) == "bad_order");
  CHECK(code(R"({"ticker":"TEC1","side":"buy","quantity":1e999})", 400) == "bad_json");  // not a finite number
  CHECK(code(R"({"ticker":"TEC1","side":"buy","quantity":1e13})", 422) == "bad_quantity");  // beyond 1e12
  CHECK(code(R"({"ticker":"TEC1","side":"buy","notional":1e306})", 422) == "bad_quantity");
  CHECK(code(R"({"ticker":"TEC1","side":"buy","quantity":1000000})", 422) == "insufficient_cash");
  CHECK(code(R"({"ticker":"TEC1","side":"sell","quantity":1})", 422) == "insufficient_holdings");
  CHECK(code(R"({"ticker":"TEC1","side":"short","quantity":1})", 422) == "bad_order");
  CHECK(code(R"({"ticker":"TEC1","side":"buy"})", 422) == "bad_order");
  CHECK(code(R"({"ticker":"TEC1","side":"buy","quantity":1,"notional":5})", 422) == "bad_order");
  CHECK(code(R"({"ticker":"TEC1","side":"buy","quantity":1,"placed":"2015-01-05"})", 422) == "bad_order");
  CHECK(code(R"({"ticker":"TEC1","side":"buy","type":"limit","quantity":1})", 422) == "bad_limit_price");
  CHECK(code(R"({"ticker":"TEC1","side":"buy","quantity":1,"signal_id":99})", 422) == "unknown_signal");
  CHECK(code(R"({"ticker":"TEC1","side":"buy","quantity":1,"confidence":2})", 422) == "bad_order");
  CHECK(code("{", 400) == "bad_json");
  CHECK(code("", 422) == "bad_order");
  CHECK(error_code(call(port, "POST", "/api/portfolios/99/orders", {{"ticker", "TEC1"}}), 404) == "unknown_portfolio");
  CHECK(get(port, path)["orders"].empty());
  CHECK(get(port, portfolio_path(p)) == before);
}

TEST_CASE("a market order fills at the next bar's close, with its fee, and the balances are the engine's replay") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "F"}, {"initial_capital", 50000}, {"fee_structure", "ibkr_fixed"}});
  const std::string today = get(port, "/api/markets/1")["current_date"];
  const json placed = order(port, p, {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 40}});
  CHECK(placed["status"] == "pending");
  CHECK(placed["placed"] == today);
  CHECK(placed["fill"].is_null());
  CHECK(placed["estimate"]["price"] == close_on(port, "TEC1", today));  // a preview, not a fill
  order(port, p, {{"ticker", "CRX1"}, {"side", "buy"}, {"notional", 2500}});
  // Nothing fills until the market moves.
  CHECK(get(port, portfolio_path(p))["cash"] == 50000.0);

  const json moved = advance(port);
  CHECK(moved["orders"]["filled"] == 2);
  const std::string next = moved["market"]["current_date"];
  CHECK(next > today);
  const json orders = get(port, portfolio_path(p) + "/orders")["orders"];
  REQUIRE(orders.size() == 2);
  const json& tec = orders[1];  // newest first
  REQUIRE(tec["status"] == "filled");
  const json& fill = tec["fill"];
  CHECK(fill["date"] == next);
  CHECK(fill["order_date"] == today);
  CHECK(fill["price"] == close_on(port, "TEC1", next));
  CHECK(fill["quantity"] == 40.0);
  const pf::FeeSchedule ibkr = pf::fee_preset("ibkr_fixed").value();
  CHECK(fill["fee"] == pf::trade_fee(ibkr, pf::Side::buy, 40, fill["price"].get<double>()));
  CHECK(fill["trade_value"] == pf::round_to_cents(40 * fill["price"].get<double>()));
  CHECK(fill["model"] == "manual");
  const json& crx = orders[0]["fill"];
  CHECK(crx["quantity"].get<double>() == 2500.0 / crx["price"].get<double>());

  // The server's balances and valuation are the engine's replay of its fills.
  const pf::PricePanel panel = asset_panel(port);
  json fills = get(port, portfolio_path(p) + "/transactions")["transactions"];
  std::reverse(fills.begin(), fills.end());
  const pf::PortfolioState state = replay(fills, 50000, panel);
  const json detail = get(port, portfolio_path(p));
  CHECK(detail["cash"] == state.cash);
  CHECK(detail["fees_paid"] == state.fees_paid);
  std::vector<double> prices(panel.asset_count(), std::nan(""));
  prices[*panel.find("TEC1")] = close_on(port, "TEC1", next);
  prices[*panel.find("CRX1")] = close_on(port, "CRX1", next);
  const pf::PortfolioValuation v = pf::value_portfolio(state, prices);
  CHECK(detail["nav"] == v.nav);
  CHECK(detail["unrealized_pnl"] == v.unrealized_pnl);
  REQUIRE(detail["holdings"].size() == 2);
  CHECK(detail["holdings"][0]["ticker"] == "TEC1");
  CHECK(detail["holdings"][0]["quantity"] == 40.0);
  const json holdings = get(port, portfolio_path(p) + "/holdings");
  CHECK(holdings["nav"] == v.nav);
  CHECK(holdings["holdings"] == detail["holdings"]);
  // The day's NAV snapshot is stored.
  const json nav = get(port, portfolio_path(p) + "/performance")["nav"];
  REQUIRE(nav.size() == 2);
  CHECK(nav[1]["date"] == next);
  CHECK(nav[1]["nav"] == v.nav);

  // Selling closes the position at the next close: realised P&L, net of both fees.
  order(port, p, {{"ticker", "TEC1"}, {"side", "sell"}, {"quantity", 40}});
  advance(port);
  const json after = get(port, portfolio_path(p) + "/performance");
  CHECK(after["trades"]["trades"] == 1);
  CHECK(after["round_trips"][0]["ticker"] == "TEC1");
  fills = get(port, portfolio_path(p) + "/transactions")["transactions"];
  std::reverse(fills.begin(), fills.end());
  CHECK(get(port, portfolio_path(p))["realized_pnl"] == replay(fills, 50000, panel).realized_pnl);
}

TEST_CASE("limit orders wait for their price, expire after good_until, and pending orders can be cancelled") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "L"}, {"initial_capital", 100000}});
  const std::string today = get(port, "/api/markets/1")["current_date"];
  const double price = close_on(port, "FIN1", today);
  const json waits = order(port, p, {{"ticker", "FIN1"}, {"side", "buy"}, {"type", "limit"}, {"limit_price", price * 0.5}, {"quantity", 1}});
  const json expires = order(port, p, {{"ticker", "FIN1"}, {"side", "buy"}, {"type", "limit"}, {"limit_price", price * 0.5},
                                       {"quantity", 1}, {"good_until", today}});
  const json fills = order(port, p, {{"ticker", "FIN1"}, {"side", "buy"}, {"type", "limit"}, {"limit_price", price * 2},
                                     {"quantity", 1}});
  const json moved = advance(port);
  CHECK(moved["orders"]["filled"] == 1);
  CHECK(moved["orders"]["expired"] == 1);
  CHECK(moved["orders"]["pending"] == 1);
  const std::string orders = portfolio_path(p) + "/orders/";
  CHECK(get(port, orders + std::to_string(waits["id"].get<int>()))["status"] == "pending");
  CHECK(get(port, orders + std::to_string(expires["id"].get<int>()))["status"] == "expired");
  const json filled = get(port, orders + std::to_string(fills["id"].get<int>()));
  CHECK(filled["status"] == "filled");
  CHECK(filled["fill"]["price"].get<double>() <= price * 2);
  CHECK(get(port, portfolio_path(p) + "/orders?status=pending")["orders"].size() == 1);

  const HttpReply cancelled = call(port, "DELETE", orders + std::to_string(waits["id"].get<int>()));
  CHECK(expect(cancelled, 200)["status"] == "cancelled");
  CHECK(error_code(call(port, "DELETE", orders + std::to_string(fills["id"].get<int>())), 409) == "conflict");
  CHECK(error_code(call(port, "GET", orders + "999"), 404) == "unknown_order");
}

TEST_CASE("an order's good_until, when given, is a date: an empty or invalid one is refused, not read as no expiry") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "G"}, {"initial_capital", 100000}});
  const std::string path = portfolio_path(p) + "/orders";
  const json before = get(port, portfolio_path(p));
  const json limit = {{"ticker", "FIN1"}, {"side", "buy"}, {"type", "limit"}, {"limit_price", 1}, {"quantity", 1}};
  for (const json& good_until : {json(""), json(" "), json("2019-13-01"), json("2019-02-30"), json("tomorrow"),
                                 json("2019-12-31T00:00:00Z"), json(nullptr), json(20191231)}) {
    INFO("good_until " << good_until.dump());
    json body = limit;
    body["good_until"] = good_until;
    const HttpReply r = call(port, "POST", path, body);
    CHECK(error_code(r, 422) == "bad_order");
    CHECK(json::parse(r.body)["error"]["message"].get<std::string>().find("good_until") != std::string::npos);
  }
  CHECK(get(port, path)["orders"].empty());
  CHECK(get(port, portfolio_path(p)) == before);
  // Omitted: no expiry; a date: kept.
  CHECK(!order(port, p, limit).contains("good_until"));
  json dated = limit;
  dated["good_until"] = "2030-01-02";
  CHECK(order(port, p, dated)["good_until"] == "2030-01-02");
}

TEST_CASE("an order may name its own fee structure, used at its fill instead of the portfolio's") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "Z"}, {"initial_capital", 10000}});  // zero fees
  const json o = order(port, p, {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 1}, {"fee_structure", "flat"}});
  CHECK(o["estimate"]["fee"] == 1.0);
  CHECK(o["fee_structure_id"].is_number());
  order(port, p, {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 1}});
  CHECK(error_code(call(port, "POST", portfolio_path(p) + "/orders",
                        {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 1}, {"fee_structure", "nope"}}),
                   422) == "unknown_fee_structure");
  advance(port);
  const json orders = get(port, portfolio_path(p) + "/orders")["orders"];
  CHECK(orders[1]["fill"]["fee"] == 1.0);  // oldest: the flat fee it named
  CHECK(orders[0]["fill"]["fee"] == 0.0);  // the portfolio's zero
}

TEST_CASE("absurd short sales are refused, and the market's clock keeps moving") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "S"}, {"initial_capital", 1000}, {"fee_structure", "flat"}, {"allow_short", true}});
  const std::string path = portfolio_path(p) + "/orders";
  for (const char* size : {"1e307", "1e306", "1e13"}) {
    INFO(size);
    CHECK(error_code(http(port, "POST", path, std::string(R"({"ticker":"TEC1","side":"sell","quantity":)") + size + "}"), 422) ==
          "bad_quantity");
  }
  const json moved = advance(port);
  CHECK(moved.is_object());
  CHECK(std::isfinite(get(port, portfolio_path(p))["cash"].get<double>()));
}

TEST_CASE("the order book across portfolios: every portfolio's orders, newest first, filtered and paged") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json a = create_portfolio(port, {{"name", "Alpha"}, {"initial_capital", 10000}});
  const json b = create_portfolio(port, {{"name", "Beta"}, {"initial_capital", 10000}, {"model", "xgboost"}});
  const json first = order(port, a, {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 3}});
  const json second = order(port, b, {{"ticker", "FIN1"}, {"side", "buy"}, {"quantity", 2}});
  const json third = order(port, b, {{"ticker", "FIN1"}, {"side", "buy"}, {"type", "limit"}, {"limit_price", 0.01}, {"quantity", 1}});
  advance(port);
  const json book = get(port, "/api/orders");
  REQUIRE(book["orders"].size() == 3);
  CHECK(book["orders"][0]["id"] == third["id"]);
  CHECK(book["orders"][2]["id"] == first["id"]);
  CHECK(book["orders"][0]["portfolio"] == json{{"id", b["id"]}, {"name", "Beta"}, {"status", "active"}});
  CHECK(book["orders"][2]["portfolio"]["name"] == "Alpha");
  CHECK(book["orders"][1]["fill"]["quantity"] == 2.0);  // each with its fill, as in a portfolio's list
  CHECK(book["orders"][0]["fill"].is_null());
  auto ids = [&](const std::string& query) {
    std::vector<std::int64_t> out;
    const json answer = get(port, "/api/orders" + query);
    for (const json& o : answer["orders"]) out.push_back(o["id"]);
    return out;
  };
  CHECK(ids("?status=pending") == std::vector<std::int64_t>{third["id"]});
  CHECK(ids("?ticker=TEC1") == std::vector<std::int64_t>{first["id"]});
  CHECK(ids("?model=xgboost&status=filled") == std::vector<std::int64_t>{second["id"]});
  CHECK(ids("?ticker=NOPE").empty());
  const json page = get(port, "/api/orders?limit=2");
  CHECK(page["orders"].size() == 2);
  REQUIRE(page["next"].is_string());
  CHECK(get(port, page["next"].get<std::string>())["orders"][0]["id"] == first["id"]);
  CHECK(error_code(call(port, "GET", "/api/orders?status=open"), 422) == "bad_parameter");
  CHECK(error_code(call(port, "GET", "/api/orders?ticker=" + std::string(65, 'X')), 422) == "bad_parameter");
  // An archived portfolio's orders stay in the book, under its status.
  expect(call(port, "DELETE", portfolio_path(a)), 200);
  CHECK(get(port, "/api/orders?ticker=TEC1")["orders"][0]["portfolio"]["status"] == "archived");
}
