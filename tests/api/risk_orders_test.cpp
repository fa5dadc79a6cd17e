// Risk orders through the API (docs/portfolio-api.md, "Risk orders and brackets"): stops, stop-limits
// and trailing stops fill where the market's own closes say they must, a bracket's exits wait for the
// entry, reserve its units once and cancel each other, a cancelled entry takes its exits along, and a
// restart keeps all of it. The simulated market's closes are drawn, so every expectation is computed
// from the closes the API serves.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

#include "api_support.hpp"
#include "finsim/portfolio/date.hpp"

using namespace finsim::test;

namespace {

std::string today(int port) { return get(port, "/api/markets/1")["current_date"]; }

json order_of(int port, const json& p, const json& order) {
  return get(port, portfolio_path(p) + "/orders/" + std::to_string(order["id"].get<std::int64_t>()));
}

/// Advances bar by bar (at most `limit`) until `order` leaves pending; returns its final JSON.
json advance_until_done(int port, const json& p, const json& order, int limit = 120) {
  for (int k = 0; k < limit; ++k) {
    const json now = order_of(port, p, order);
    if (now["status"] != "pending") return now;
    advance(port);
  }
  return order_of(port, p, order);
}

/// Closes of `ticker` strictly after `date`, oldest first.
std::vector<std::pair<std::string, double>> closes_after(int port, const std::string& ticker, const std::string& date) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [d, c] : closes(port, ticker))
    if (d > date) out.emplace_back(d, c);
  return out;
}

}  // namespace

TEST_CASE("a trailing stop sells at the first close through the best close since it was placed, less the trail") {
  ServerProcess server(api_server_args(300));
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "Trail"}, {"initial_capital", 50000}, {"fee_structure", "zero"}});
  expect(call(port, "POST", portfolio_path(p) + "/orders", {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 5}}), 201);
  advance(port);
  const std::string placed_on = today(port);
  const json trail = expect(call(port, "POST", portfolio_path(p) + "/orders",
                                 {{"ticker", "TEC1"}, {"side", "sell"}, {"type", "trailing_stop"}, {"quantity", 5},
                                  {"trail_percent", 1.5}}), 201);
  CHECK(trail["type"] == "trailing_stop");
  CHECK(trail["trail_percent"] == 1.5);
  CHECK(trail["stop_level"].get<double>() == Approx(close_on(port, "TEC1", placed_on) * 0.985));
  // The units are held back for it.
  CHECK(error_code(call(port, "POST", portfolio_path(p) + "/orders", {{"ticker", "TEC1"}, {"side", "sell"}, {"quantity", 1}}),
                   422) == "insufficient_holdings");
  const json done = advance_until_done(port, p, trail);
  REQUIRE(done["status"] == "filled");
  // The engine's rule, recomputed from the served closes.
  double best = close_on(port, "TEC1", placed_on);
  std::optional<std::pair<std::string, double>> expected;
  for (const auto& [d, c] : closes_after(port, "TEC1", placed_on)) {
    if (c <= best * 0.985) {
      expected = {d, c};
      break;
    }
    best = std::max(best, c);
  }
  REQUIRE(expected);
  CHECK(done["fill"]["date"] == expected->first);
  CHECK(done["fill"]["price"] == expected->second);
  CHECK(done["fill"]["order_date"] == placed_on);
}

TEST_CASE("a bracket's exits wait for the entry, reserve its units once, and the first to fill cancels the other") {
  const std::string db_path = fresh_store(make_temp_dir(), "brackets");
  json entry, tp, sl;
  double take_profit = 0, stop_loss = 0;
  std::string filled_on;
  {
    ServerProcess server(api_server_args(300, {"--db", db_path}));
    const int port = server.port();
    const json p = create_portfolio(port, {{"name", "Bracket"}, {"initial_capital", 50000}, {"fee_structure", "zero"}});
    const double last = close_on(port, "TEC1", today(port));
    take_profit = last * 1.03;
    stop_loss = last * 0.97;
    // Exits on the wrong side of a limit entry are refused at once; so are the wrong exits of a buy.
    CHECK(error_code(call(port, "POST", portfolio_path(p) + "/orders",
                          {{"ticker", "TEC1"}, {"side", "buy"}, {"type", "limit"}, {"limit_price", last},
                           {"quantity", 10}, {"bracket", {{"take_profit", last * 0.99}}}}),
                     422) == "bad_bracket");
    CHECK(error_code(call(port, "POST", portfolio_path(p) + "/orders",
                          {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 10},
                           {"bracket", {{"take_profit", stop_loss}, {"stop_loss", take_profit}}}}),
                     422) == "bad_bracket");
    CHECK(get(port, portfolio_path(p) + "/orders")["orders"].empty());  // refused: nothing stored
    entry = expect(call(port, "POST", portfolio_path(p) + "/orders",
                        {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 10},
                         {"bracket", {{"take_profit", take_profit}, {"stop_loss", stop_loss}}}}),
                   201);
    REQUIRE(entry["bracket"].size() == 2);
    tp = entry["bracket"][0];
    sl = entry["bracket"][1];
    CHECK(tp["type"] == "limit");
    CHECK(tp["side"] == "sell");
    CHECK(tp["limit_price"] == take_profit);
    CHECK(sl["type"] == "stop");
    CHECK(sl["stop_price"] == stop_loss);
    for (const json& x : {tp, sl}) {
      CHECK(x["bracket_id"] == entry["id"]);
      CHECK(x["active"] == false);
    }
    CHECK(get(port, portfolio_path(p))["reserved_cash"].get<double>() > 0.0);  // the entry's, not the exits'
    // The entry fills at the next bar: the exits are armed with its units and date.
    advance(port);
    filled_on = today(port);
    for (const json& x : {tp, sl}) {
      const json armed = order_of(port, p, x);
      CHECK(armed["active"] == true);
      CHECK(armed["quantity"] == 10.0);
      CHECK(armed["placed"] == filled_on);
    }
    const json held = get(port, portfolio_path(p))["holdings"][0];
    CHECK(held["quantity"] == 10.0);
    CHECK(held["reserved_quantity"] == 10.0);  // both exits sell the same 10 units: reserved once
  }
  // A restart keeps the bracket: the exits are still armed and still cancel each other.
  ServerProcess again(api_server_args(300, {"--db", db_path}));
  const int port = again.port();
  const json p = get(port, "/api/portfolios/" + std::to_string(entry["portfolio_id"].get<std::int64_t>()));
  json first;
  for (int k = 0; k < 200; ++k) {
    const json a = order_of(port, p, tp), b = order_of(port, p, sl);
    if (a["status"] != "pending" || b["status"] != "pending") break;
    advance(port);
  }
  const json a = order_of(port, p, tp), b = order_of(port, p, sl);
  const bool profit = a["status"] == "filled";
  const json& won = profit ? a : b;
  const json& lost = profit ? b : a;
  INFO(won.dump() + "\n" + lost.dump());
  REQUIRE(won["status"] == "filled");
  CHECK(lost["status"] == "cancelled");
  CHECK(lost["error"]["code"] == "one_cancels_other");
  // Which exit the closes reach first, and at what close.
  std::optional<std::pair<std::string, double>> cross;
  for (const auto& [d, c] : closes_after(port, "TEC1", filled_on))
    if (c >= take_profit || c <= stop_loss) {
      cross = {d, c};
      break;
    }
  REQUIRE(cross);
  CHECK(profit == (cross->second >= take_profit));
  CHECK(won["fill"]["date"] == cross->first);
  CHECK(won["fill"]["price"] == cross->second);
  CHECK(get(port, portfolio_path(p))["holdings"].empty());
}

TEST_CASE("cancelling a bracket's entry cancels its waiting exits, and risk orders are validated") {
  ServerProcess server(api_server_args(300));
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "Risk"}, {"initial_capital", 50000}});
  const double last = close_on(port, "TEC1", today(port));
  const json entry = expect(call(port, "POST", portfolio_path(p) + "/orders",
                                 {{"ticker", "TEC1"}, {"side", "buy"}, {"type", "limit"}, {"limit_price", last * 0.5},
                                  {"quantity", 2}, {"bracket", {{"stop_loss", last * 0.4}}}}),
                            201);
  REQUIRE(entry["bracket"].size() == 1);
  expect(call(port, "DELETE", portfolio_path(p) + "/orders/" + std::to_string(entry["id"].get<std::int64_t>())), 200);
  const json exit = order_of(port, p, entry["bracket"][0]);
  CHECK(exit["status"] == "cancelled");
  CHECK(exit["error"]["code"] == "bracket_entry_cancelled");

  auto refused = [&](const json& body) {
    json order = {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 1}};
    order.update(body);
    return error_code(call(port, "POST", portfolio_path(p) + "/orders", order), 422);
  };
  CHECK(refused({{"type", "stop"}}) == "bad_stop_price");
  CHECK(refused({{"type", "stop"}, {"stop_price", -1}}) == "bad_stop_price");
  CHECK(refused({{"type", "stop_limit"}, {"stop_price", last}}) == "bad_limit_price");
  CHECK(refused({{"type", "trailing_stop"}, {"trail_percent", 100}}) == "bad_trail");
  CHECK(refused({{"type", "market"}, {"stop_price", last}}) == "bad_order");
  CHECK(refused({{"bracket", {{"take_profit", 0}}}}) == "bad_bracket");
  CHECK(refused({{"bracket", {{"trail", 5}}}}) == "bad_bracket");
  CHECK(refused({{"good_for_days", 0}}) == "bad_order");
  // Good for N days: the last day it may fill is N calendar days after today.
  const json gfd = expect(call(port, "POST", portfolio_path(p) + "/orders",
                               {{"ticker", "TEC1"}, {"side", "buy"}, {"type", "stop"}, {"stop_price", last * 2},
                                {"quantity", 1}, {"good_for_days", 3}}),
                          201);
  CHECK(gfd["stop_level"] == last * 2);
  CHECK(gfd["estimate"]["basis"] == "stop");
  CHECK(gfd["estimate"]["price"] == last * 2);  // the fill it expects: at the stop, not the last close
  const auto placed = finsim::portfolio::parse_date(gfd["placed"].get<std::string>());
  REQUIRE(placed);
  CHECK(gfd["good_until"] == finsim::portfolio::format_date({placed->days + 3}));
  const json done = advance_until_done(port, p, gfd, 10);
  CHECK(done["status"] == "expired");
}
