// Fee schedules: each shape, combinations, rounding to the cent, previews and the JSON form.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/fees.hpp"
#include "finsim/portfolio/money.hpp"

using namespace finsim::portfolio;

namespace {
FeeSchedule preset(const char* name) { return fee_preset(name).value(); }
FeeSchedule single(FeeRule rule, FeeSide side = FeeSide::both) { return {"test", {{rule, side, "fee"}}}; }
}  // namespace

TEST_CASE("money is rounded to the cent, halves away from zero, as decimals read") {
  CHECK(round_to_cents(1.005) == 1.01);
  CHECK(round_to_cents(1.004999) == 1.0);
  CHECK(round_to_cents(-1.005) == -1.01);
  CHECK(round_to_cents(2.675) == 2.68);
  CHECK(round_to_cents(1234.5678) == 1234.57);
  CHECK(round_to_cents(0.0) == 0.0);
}

TEST_CASE("zero and flat schedules") {
  CHECK(trade_fee(preset("zero"), Side::buy, 100, 50) == 0.0);
  CHECK(trade_fee(preset("flat"), Side::buy, 100, 50) == 1.0);
  CHECK(trade_fee(preset("flat"), Side::sell, 0.001, 50) == 1.0);
}

TEST_CASE("a percent fee is rate × value, rounded to the cent") {
  CHECK(trade_fee(preset("percent"), Side::buy, 100, 50) == 5.0);          // 0.1 % of 5,000
  CHECK(trade_fee(preset("percent"), Side::sell, 10, 123.45) == 1.23);     // 1.2345 → 1.23
  CHECK(trade_fee(single(PercentFee{0.0025}), Side::buy, 3, 67) == 0.5);  // 0.5025 → 0.50
}

TEST_CASE("whole-value tiers price the whole trade at the rate of the tier that holds it") {
  const FeeSchedule t = preset("tiered");  // 0.2 % ≤ 10k, 0.1 % ≤ 100k, 0.05 % above
  CHECK(trade_fee(t, Side::buy, 100, 50) == 10.0);        // 5,000 × 0.2 %
  CHECK(trade_fee(t, Side::buy, 100, 100) == 20.0);       // 10,000: the bound belongs to the lower tier
  CHECK(trade_fee(t, Side::buy, 1000, 50) == 50.0);       // 50,000 × 0.1 %
  CHECK(trade_fee(t, Side::buy, 1000, 200) == 100.0);     // 200,000 × 0.05 %
  CHECK(trade_fee(t, Side::buy, 100, 100.0001) == 10.0);  // just above 10k: cheaper than at 10k
}

TEST_CASE("marginal tiers charge each tier's rate on the part of the value inside it") {
  TieredFee t{{{10000, 0.002, 0}, {100000, 0.001, 0}, {std::numeric_limits<double>::infinity(), 0.0005, 2.5}}, true};
  const FeeSchedule s = single(t);
  CHECK(trade_fee(s, Side::buy, 100, 50) == 10.0);      // 5,000 × 0.2 %
  CHECK(trade_fee(s, Side::buy, 1000, 50) == 60.0);     // 20 + 40,000 × 0.1 %
  CHECK(trade_fee(s, Side::buy, 1000, 200) == 162.5);   // 20 + 90 + 100,000 × 0.05 % + the top tier's flat 2.5
}

TEST_CASE("per-share fees: IBKR Fixed's shape, minimum then cap") {
  const FeeSchedule ibkr = preset("ibkr_fixed");  // $0.005/share, min $1, max 1 % of value
  CHECK(trade_fee(ibkr, Side::buy, 100, 50) == 1.0);    // 0.50 raised to the $1 minimum
  CHECK(trade_fee(ibkr, Side::buy, 1000, 50) == 5.0);   // 1,000 × 0.005
  CHECK(trade_fee(ibkr, Side::buy, 10, 5) == 0.5);      // minimum $1 capped at 1 % of $50
  CHECK(trade_fee(ibkr, Side::buy, 100000, 0.5) == 500.0);  // 0.005 × 100,000 = 500 = 1 % of 50,000
  CHECK(trade_fee(single(PerShareFee{0.01, 1.0, 7.0, 0.0}), Side::buy, 5000, 10) == 7.0);  // absolute cap
}

TEST_CASE("combinations sum their components, side filters apply per component") {
  const FeeSchedule s = preset("ibkr_fixed_with_sec");
  CHECK(trade_fee(s, Side::buy, 1000, 50) == 5.0);
  CHECK(trade_fee(s, Side::sell, 1000, 50) == 6.39);  // + 0.00278 % × 50,000 = 1.39
  const FeeSchedule combo{"combo", {{FlatFee{2.0}, FeeSide::both, "ticket"}, {PercentFee{0.001}, FeeSide::buy, "stamp"}}};
  CHECK(trade_fee(combo, Side::buy, 10, 100) == 3.0);
  CHECK(trade_fee(combo, Side::sell, 10, 100) == 2.0);
}

TEST_CASE("a fee preview gives value, fee, net cash, rate and the components") {
  auto p = preview_fee(preset("ibkr_fixed_with_sec"), Side::sell, 1000, 50);
  REQUIRE(p.ok());
  CHECK(p->trade_value == 50000.0);
  CHECK(p->fee == 6.39);
  CHECK(p->net_cash == 49993.61);
  CHECK(p->effective_rate == Approx(6.39 / 50000.0));
  REQUIRE(p->lines.size() == 2);
  CHECK(p->lines[0].label == "commission");
  CHECK(p->lines[1].amount == Approx(1.39));
  auto b = preview_fee(preset("flat"), Side::buy, 3, 33.333);
  REQUIRE(b.ok());
  CHECK(b->trade_value == 100.0);
  CHECK(b->net_cash == -101.0);
}

TEST_CASE("a fee preview rejects bad input with a code") {
  CHECK(preview_fee(preset("flat"), Side::buy, 0, 10).error().code == "bad_quantity");
  CHECK(preview_fee(preset("flat"), Side::buy, std::nan(""), 10).error().code == "bad_quantity");
  CHECK(preview_fee(preset("flat"), Side::buy, 1, -10).error().code == "bad_price");
  CHECK(preview_fee(single(PercentFee{1.5}), Side::buy, 1, 10).error().code == "bad_fee_schedule");
  CHECK(fee_preset("nope").error().code == "unknown_fee_schedule");
}

TEST_CASE("schedules are validated") {
  CHECK(validate_fee_schedule(single(FlatFee{-1})).error().code == "bad_fee_schedule");
  CHECK(!validate_fee_schedule(single(TieredFee{{}, false})).ok());
  CHECK(!validate_fee_schedule(single(TieredFee{{{100, 0.01, 0}, {50, 0.01, 0}}, false})).ok());
  CHECK(!validate_fee_schedule(single(PerShareFee{0.01, 1, 0, 1.0})).ok());
  for (const FeeSchedule& s : fee_presets()) CHECK(validate_fee_schedule(s).ok());
}

TEST_CASE("fee schedules survive a JSON round trip and bad JSON is named") {
  for (const FeeSchedule& s : fee_presets()) {
    const auto j = fee_schedule_to_json(s);
    auto back = fee_schedule_from_json(j);
    REQUIRE(back.ok());
    CHECK(fee_schedule_to_json(*back) == j);
    CHECK(trade_fee(*back, Side::sell, 1234, 56.78) == trade_fee(s, Side::sell, 1234, 56.78));
  }
  using nlohmann::json;
  auto err = [](const json& j) { return fee_schedule_from_json(j).error().message; };
  CHECK(err(json::array()).find("must be a JSON object") != std::string::npos);
  CHECK(err({{"name", "x"}, {"components", {{{"type", "bogus"}}}}}).find("unknown fee type") != std::string::npos);
  CHECK(err({{"name", "x"}, {"components", {{{"type", "percent"}, {"rate", 2}}}}}).find("rate") != std::string::npos);
  CHECK(err({{"name", "x"}, {"components", {{{"type", "flat"}}}}}).find("missing \"amount\"") != std::string::npos);
  CHECK(err({{"name", "x"}, {"colour", 1}}).find("unknown key") != std::string::npos);
  CHECK(err({{"name", "x"}}).find("missing \"components\"") != std::string::npos);  // never "free" by omission
  CHECK(err({{"name", "x"}, {"components", nullptr}}).find("must be an array") != std::string::npos);
  CHECK(err({{"name", "x"}, {"components", json::object()}}).find("must be an array") != std::string::npos);
  CHECK(fee_schedule_from_json({{"name", "x"}, {"components", json::array()}}).value().components.empty());
  CHECK(err({{"name", "x"}, {"components", {{{"type", "flat"}, {"amount", 1}, {"applies_to", "up"}}}}})
            .find("applies_to") != std::string::npos);
}
