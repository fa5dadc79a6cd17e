// Signals and the built-in models: the JSON form, features, walk-forward with no look-ahead (and a check
// that catches models that peek), determinism, and that the learners learn.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "causality.hpp"
#include "finsim/portfolio/market_model.hpp"
#include "finsim/portfolio/model_registry.hpp"
#include "finsim/portfolio/walk_forward.hpp"
#include "finsim/rng.hpp"

using namespace finsim::portfolio;
using portfolio_test::signals_are_causal;

namespace {

// One asset whose daily returns follow r_t = φ r_{t−1} + ε_t, ε ~ N(0, 1 %): predictable by its lag.
PricePanel ar1_panel(double phi, std::size_t bars, std::uint64_t seed) {
  finsim::Rng rng(seed);
  std::vector<Date> dates;
  std::vector<double> closes;
  double price = 100.0, r = 0.0;
  for (std::size_t t = 0; t < bars; ++t) {
    dates.push_back(Date{static_cast<std::int32_t>(18000 + t)});
    closes.push_back(price);
    r = phi * r + 0.01 * rng.normal();
    price *= 1.0 + r;
  }
  return PricePanel::create({{"AR1", AssetClass::stock, "Technology"}}, dates, closes).value();
}

PricePanel small_market(std::size_t bars) {
  MarketModelConfig c = default_market_config();
  c.stocks = 4;
  c.crypto = c.bonds = c.commodities = 1;
  c.late_listing_share = 0.5;
  return simulate_market(c, 17, bars).value().panel;
}

portfolio_test::SignalSource model_source(const std::string& name, WalkForwardConfig config) {
  return [name, config](const PricePanel& panel) {
    auto model = make_model(name).value();
    std::vector<std::size_t> assets(panel.asset_count());
    for (std::size_t a = 0; a < assets.size(); ++a) assets[a] = a;
    return generate_signals(*model, panel, assets, config).value();
  };
}

// Fraction of buy/sell signals whose direction matches the next bar's return.
double hit_rate(const std::vector<Signal>& signals, const PricePanel& panel) {
  int hits = 0, total = 0;
  for (const Signal& s : signals) {
    const std::size_t t = panel.bars_through(s.date) - 1;
    if (t + 1 >= panel.bar_count() || s.action == SignalAction::hold) continue;
    const double next = panel.close(t + 1, 0) / panel.close(t, 0) - 1.0;
    hits += (next > 0) == (s.action == SignalAction::buy) ? 1 : 0;
    ++total;
  }
  return total ? static_cast<double>(hits) / total : 0.0;
}

WalkForwardConfig quick_config() {
  WalkForwardConfig c;
  c.train_window = 250;
  c.min_train = 60;
  c.refit_every = 10;
  c.include_holds = true;
  return c;
}

}  // namespace

TEST_CASE("signals round-trip through JSON, bad signals are named") {
  const auto s = signal_from_json({{"model", "llm"}, {"ticker", "AAPL"}, {"action", "buy"}, {"confidence", 0.7},
                                   {"timestamp", "2024-01-02T15:30:00Z"}, {"id", "x1"}});
  REQUIRE(s.ok());
  CHECK(s->date == date_from_civil(2024, 1, 2));
  CHECK(s->action == SignalAction::buy);
  CHECK(signal_from_json(signal_to_json(s.value())).ok());
  CHECK(signal_to_json(s.value())["date"] == "2024-01-02");
  using nlohmann::json;
  auto err = [](const json& j) { return signal_from_json(j).error().message; };
  const json base = {{"model", "llm"}, {"ticker", "A"}, {"action", "sell"}, {"confidence", 0.5}, {"date", "2024-01-02"}};
  CHECK(signal_from_json(base).ok());
  json j = base;
  j["confidence"] = 1.5;
  CHECK(err(j).find("confidence") != std::string::npos);
  j = base;
  j["action"] = "short";
  CHECK(err(j).find("action") != std::string::npos);
  j = base;
  j["model"] = "bad model!";
  CHECK(err(j).find("model name") != std::string::npos);
  j = base;
  j.erase("date");
  CHECK(err(j).find("date") != std::string::npos);
  j = base;
  j["date"] = "2024-02-30";
  CHECK(err(j).find("not a date") != std::string::npos);
  const PricePanel panel = ar1_panel(0, 5, 1);
  CHECK(validate_signal(signal_from_json(base).value(), &panel).error().code == "unknown_ticker");
}

TEST_CASE("features are the recent returns, most recent first, then momentum and volatility") {
  std::vector<double> r(25);
  for (std::size_t i = 0; i < r.size(); ++i) r[i] = 0.001 * static_cast<double>(i);
  const FeatureSpec spec{3, true};
  std::vector<double> out(spec.width());
  REQUIRE(build_features(r, spec, out));
  CHECK(out[0] == 0.024);
  CHECK(out[2] == 0.022);
  CHECK(out[3] == Approx(0.022));   // mean of the last 5
  CHECK(out[4] == Approx(0.0145));  // mean of the last 20
  CHECK_FALSE(build_features(std::span<const double>(r).first(19), spec, out));
  r[10] = std::nan("");
  CHECK_FALSE(build_features(r, spec, out));
}

TEST_CASE("the causality check catches sources that peek at later bars") {
  const PricePanel panel = small_market(120);
  const std::vector<std::size_t> cuts = {40, 80, 119};
  // Peeks at tomorrow's close.
  const portfolio_test::SignalSource tomorrow = [](const PricePanel& p) {
    std::vector<Signal> out;
    for (std::size_t t = 0; t + 1 < p.bar_count(); ++t)
      if (p.has_close(t, 0) && p.has_close(t + 1, 0))
        out.push_back({"peek", p.asset(0).ticker, p.close(t + 1, 0) > p.close(t, 0) ? SignalAction::buy : SignalAction::sell,
                       1.0, p.date(t), std::nan(""), ""});
    return out;
  };
  // Normalises by the whole series' mean: a subtler leak.
  const portfolio_test::SignalSource full_mean = [](const PricePanel& p) {
    double mean = 0.0;
    int n = 0;
    for (std::size_t t = 0; t < p.bar_count(); ++t)
      if (p.has_close(t, 0)) mean += p.close(t, 0), ++n;
    mean /= n;
    std::vector<Signal> out;
    for (std::size_t t = 0; t < p.bar_count(); ++t)
      if (p.has_close(t, 0))
        out.push_back({"peek", p.asset(0).ticker, SignalAction::hold, std::min(1.0, p.close(t, 0) / mean / 2), p.date(t),
                       std::nan(""), ""});
    return out;
  };
  CHECK_FALSE(signals_are_causal(tomorrow, panel, cuts));
  CHECK_FALSE(signals_are_causal(full_mean, panel, cuts));
}

TEST_CASE("built-in models generate signals walk-forward with no look-ahead") {
  const PricePanel panel = small_market(260);
  const std::vector<std::size_t> cuts = {100, 150, 201, 259};
  for (const char* name : {"linear", "momentum", "cnn", "xgboost"}) {
    INFO(name);
    if (std::string(name) == "xgboost" && !make_model("xgboost").ok()) continue;
    CHECK(signals_are_causal(model_source(name, quick_config()), panel, cuts));
  }
}

TEST_CASE("signal generation is deterministic") {
  const PricePanel panel = small_market(260);
  for (const char* name : {"linear", "cnn", "xgboost"}) {
    if (!make_model(name).ok()) continue;
    const auto a = model_source(name, quick_config())(panel);
    const auto b = model_source(name, quick_config())(panel);
    REQUIRE(a.size() == b.size());
    CHECK(!a.empty());
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(portfolio_test::same_signal(a[i], b[i]));
  }
}

TEST_CASE("walk-forward signals respect the window, confidence bounds and the hold band") {
  const PricePanel panel = ar1_panel(0.3, 600, 5);
  WalkForwardConfig c = quick_config();
  c.first_bar = 300;
  c.last_bar = 400;
  auto model = make_model("linear").value();
  const std::vector<std::size_t> assets = {0};
  const auto signals = generate_signals(*model, panel, assets, c).value();
  REQUIRE(!signals.empty());
  for (const Signal& s : signals) {
    CHECK(s.date >= panel.date(300));
    CHECK(s.date <= panel.date(400));
    CHECK(s.confidence >= 0.0);
    CHECK(s.confidence <= 1.0);
    CHECK(s.model == "linear");
    if (s.action == SignalAction::buy) CHECK(s.predicted_return > 0.0);
    if (s.action == SignalAction::sell) CHECK(s.predicted_return < 0.0);
  }
  CHECK(signals.size() == 101);  // holds included: one signal per bar in the window
  int holds = 0;
  for (const Signal& s : signals) holds += s.action == SignalAction::hold ? 1 : 0;
  CHECK(holds > 0);
  CHECK(holds < 101);
  WalkForwardConfig bad = c;
  bad.refit_every = 0;
  CHECK(generate_signals(*model, panel, assets, bad).error().code == "bad_config");
}

TEST_CASE("the learners find a predictable structure: AR(1) returns") {
  const PricePanel panel = ar1_panel(0.35, 2500, 21);
  WalkForwardConfig c = quick_config();
  c.include_holds = false;
  c.hold_band = 0.0;
  const std::vector<std::size_t> assets = {0};
  for (const char* name : {"linear", "cnn", "xgboost"}) {
    auto model = make_model(name);
    if (!model.ok()) continue;
    const auto signals = generate_signals(**model, panel, assets, c).value();
    INFO(name << ": " << signals.size() << " signals, hit rate " << hit_rate(signals, panel));
    CHECK(signals.size() > 2000);
    CHECK(hit_rate(signals, panel) > 0.56);
  }
  // On unpredictable returns no model beats a coin by much.
  const PricePanel noise = ar1_panel(0.0, 2500, 22);
  auto linear = make_model("linear").value();
  const double h = hit_rate(generate_signals(*linear, noise, assets, c).value(), noise);
  CHECK(h > 0.45);
  CHECK(h < 0.55);
}

TEST_CASE("the model catalogue and its errors") {
  CHECK(make_model("llm").error().code == "external_model");
  CHECK(make_model("oracle").error().code == "unknown_model");
  bool has_llm = false;
  for (const ModelInfo& m : model_catalog()) has_llm = has_llm || (m.name == "llm" && !m.built_in);
  CHECK(has_llm);
#if !defined(__EMSCRIPTEN__)
  CHECK(make_model("xgboost").ok());
#endif
}
