// Fee structures as reusable entities, and the fee preview: the engine's numbers, never the UI's.
#include <catch2/catch.hpp>

#include "api_support.hpp"
#include "finsim/portfolio/fees.hpp"
#include "finsim/portfolio/portfolio_json.hpp"

using namespace finsim::test;
namespace pf = finsim::portfolio;

TEST_CASE("the engine's presets are built-in fee structures that cannot be changed or deleted") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json list = get(port, "/api/fee-structures")["fee_structures"];
  std::vector<std::string> names;
  for (const json& f : list) {
    CHECK(f["builtin"] == true);
    names.push_back(f["name"]);
  }
  CHECK(names == std::vector<std::string>{"zero", "flat", "percent", "tiered", "ibkr_fixed", "ibkr_fixed_with_sec"});
  const std::string zero = "/api/fee-structures/" + std::to_string(list[0]["id"].get<int>());
  CHECK(error_code(call(port, "PUT", zero, {{"name", "zero"}, {"components", json::array()}}), 409) == "conflict");
  CHECK(error_code(call(port, "DELETE", zero), 409) == "conflict");
}

TEST_CASE("fee structures are created, read, replaced and deleted, with complete validation") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json schedule = {{"name", "broker-x"},
                         {"description", "per share with a minimum, plus an exchange fee on sells"},
                         {"components", {{{"type", "per_share"}, {"per_share", 0.01}, {"minimum", 2}, {"label", "commission"}},
                                         {{"type", "percent"}, {"rate", 0.0005}, {"applies_to", "sell"}, {"label", "exchange"}}}}};
  const HttpReply r = call(port, "POST", "/api/fee-structures", schedule);
  const json made = expect(r, 201);
  const std::string path = r.header("location");
  CHECK(path == "/api/fee-structures/" + std::to_string(made["id"].get<int>()));
  CHECK(made["builtin"] == false);
  CHECK(made["components"].size() == 2);
  CHECK(get(port, path)["description"] == schedule["description"]);
  CHECK(error_code(call(port, "POST", "/api/fee-structures", schedule), 409) == "conflict");  // the name is taken
  CHECK(error_code(call(port, "POST", "/api/fee-structures", {{"name", "bad"}, {"components", {{{"type", "percent"}, {"rate", 2}}}}}),
                   422) == "bad_fee_schedule");
  CHECK(error_code(call(port, "POST", "/api/fee-structures", {{"name", "bad"}, {"components", {{{"type", "magic"}}}}}), 422) ==
        "bad_fee_schedule");
  CHECK(error_code(call(port, "GET", "/api/fee-structures/999"), 404) == "not_found");

  json flat = {{"name", "broker-x"}, {"components", {{{"type", "flat"}, {"amount", 3}}}}};
  const json replaced = expect(call(port, "PUT", path, flat), 200);
  CHECK(replaced["components"][0]["type"] == "flat");
  // In use by a portfolio: kept.
  const json p = create_portfolio(port, {{"name", "P"}, {"initial_capital", 1000}, {"fee_structure", made["id"]}});
  CHECK(p["fee_structure"]["name"] == "broker-x");
  CHECK(error_code(call(port, "DELETE", path), 409) == "conflict");
  expect(call(port, "PATCH", "/api/portfolios/" + std::to_string(p["id"].get<int>()), {{"fee_structure", "zero"}}), 200);
  CHECK(expect(call(port, "DELETE", path), 200)["deleted"] == made["id"]);
  CHECK(error_code(call(port, "GET", path), 404) == "not_found");
}

TEST_CASE("a fee structure's components are an array: null, missing or anything else is refused, never read as free") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const std::size_t stored = get(port, "/api/fee-structures")["fee_structures"].size();
  const json made = expect(call(port, "POST", "/api/fee-structures", {{"name", "kept"}, {"components", {{{"type", "flat"}, {"amount", 2}}}}}), 201);
  const std::string path = "/api/fee-structures/" + std::to_string(made["id"].get<int>());
  for (const json& body : {json{{"name", "n"}, {"components", nullptr}}, json{{"name", "n"}},
                           json{{"name", "n"}, {"components", "flat"}}, json{{"name", "n"}, {"components", json::object()}},
                           json{{"name", "n"}, {"components", 0}}}) {
    INFO(body.dump());
    CHECK(error_code(call(port, "POST", "/api/fee-structures", body), 422) == "bad_fee_schedule");
    CHECK(error_code(call(port, "PUT", path, body), 422) == "bad_fee_schedule");
    CHECK(error_code(call(port, "POST", "/api/fees/preview", {{"schedule", body}, {"side", "buy"}, {"quantity", 1}, {"price", 100}}),
                     422) == "bad_fee_schedule");
  }
  CHECK(get(port, "/api/fee-structures")["fee_structures"].size() == stored + 1);
  CHECK(get(port, path)["components"] == made["components"]);
  // An empty array is a structure that charges nothing.
  const json no_fee = expect(call(port, "POST", "/api/fee-structures", {{"name", "free"}, {"components", json::array()}}), 201);
  CHECK(no_fee["components"] == json::array());
}

TEST_CASE("the fee preview is the engine's preview, at a given price or the ticker's last close") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json at_price = expect(call(port, "POST", "/api/fees/preview",
                                    {{"fee_structure", "ibkr_fixed"}, {"side", "buy"}, {"quantity", 10}, {"price", 5}}),
                               200);
  const auto expected = pf::preview_fee(pf::fee_preset("ibkr_fixed").value(), pf::Side::buy, 10, 5);
  json engine = pf::fee_preview_to_json(expected.value());
  CHECK(at_price["fee"] == engine["fee"]);
  CHECK(at_price["fee"] == 0.5);  // the 1 % cap beats the $1 minimum on a $50 order
  CHECK(at_price["net_cash"] == engine["net_cash"]);
  CHECK(at_price["effective_rate"] == engine["effective_rate"]);
  CHECK(at_price["components"] == engine["components"]);

  const json last = expect(call(port, "POST", "/api/fees/preview",
                                {{"fee_structure", "tiered"}, {"side", "sell"}, {"quantity", 100}, {"ticker", "FIN1"}}),
                           200);
  const json assets = get(port, "/api/markets/1/assets")["assets"];
  double fin1 = 0;
  for (const json& a : assets)
    if (a["ticker"] == "FIN1") fin1 = a["price"];
  CHECK(last["price"] == fin1);
  CHECK(last["price_as_of"] == get(port, "/api/markets/1")["current_date"]);
  CHECK(last["fee"] == pf::trade_fee(pf::fee_preset("tiered").value(), pf::Side::sell, 100, fin1));
  // An inline schedule, not stored.
  const json inline_fee = expect(call(port, "POST", "/api/fees/preview",
                                      {{"schedule", {{"name", "try"}, {"components", {{{"type", "flat"}, {"amount", 4.95}}}}}},
                                       {"side", "buy"}, {"quantity", 1}, {"price", 100}}),
                                 200);
  CHECK(inline_fee["fee"] == 4.95);
  // A notional size: units by the engine's order rule, fractional unless "fractional": false.
  const json notional = expect(call(port, "POST", "/api/fees/preview",
                                    {{"fee_structure", "ibkr_fixed"}, {"side", "buy"}, {"notional", 1000}, {"price", 110}}),
                               200);
  const double units = pf::order_units(pf::SizeKind::notional, 1000, 110, true).value();
  CHECK(notional["quantity"] == units);
  CHECK(notional["fee"] == pf::preview_fee(pf::fee_preset("ibkr_fixed").value(), pf::Side::buy, units, 110).value().fee);
  const json whole = expect(call(port, "POST", "/api/fees/preview",
                                 {{"fee_structure", "flat"}, {"side", "sell"}, {"notional", 1000}, {"price", 110}, {"fractional", false}}),
                            200);
  CHECK(whole["quantity"] == 9.0);
  CHECK(whole["trade_value"] == 990.0);
  CHECK(error_code(call(port, "POST", "/api/fees/preview",
                        {{"fee_structure", "zero"}, {"side", "buy"}, {"notional", 50}, {"price", 110}, {"fractional", false}}),
                   422) == "bad_quantity");
  CHECK(error_code(call(port, "POST", "/api/fees/preview",
                        {{"fee_structure", "zero"}, {"side", "buy"}, {"quantity", 1}, {"notional", 50}, {"price", 110}}),
                   422) == "bad_preview");
  CHECK(error_code(call(port, "POST", "/api/fees/preview", {{"fee_structure", "zero"}, {"side", "buy"}, {"quantity", -1}, {"price", 1}}),
                   422) == "bad_quantity");
  CHECK(error_code(call(port, "POST", "/api/fees/preview", {{"fee_structure", "zero"}, {"side", "buy"}, {"quantity", 1}}), 422) ==
        "bad_preview");
  CHECK(error_code(call(port, "POST", "/api/fees/preview",
                        {{"fee_structure", "zero"}, {"side", "buy"}, {"quantity", 1}, {"ticker", "NOPE"}}),
                   422) == "unknown_ticker");
  for (const json& id : {json(0), json(0.5), json(-1), json("1")}) {  // once read as the default market
    INFO("market_id " << id.dump());
    CHECK(error_code(call(port, "POST", "/api/fees/preview",
                          {{"fee_structure", "tiered"}, {"side", "sell"}, {"quantity", 1}, {"ticker", "FIN1"}, {"market_id", id}}),
                     422) == "bad_preview");
  }
  CHECK(error_code(call(port, "POST", "/api/fees/preview",
                        {{"fee_structure", "tiered"}, {"side", "sell"}, {"quantity", 1}, {"ticker", "FIN1"}, {"market_id", 9}}),
                   404) == "unknown_market");
}
