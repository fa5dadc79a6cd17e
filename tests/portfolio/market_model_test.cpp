// The simulated market: determinism, the universe, regime behaviour, and the banking stress link.
#include <catch2/catch.hpp>

#include <set>

#include "finsim/portfolio/benchmark_metrics.hpp"
#include "finsim/portfolio/market_model.hpp"
#include "finsim/portfolio/returns_metrics.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

using namespace finsim::portfolio;

namespace {

double regime_share(const std::vector<MarketRegime>& regimes, MarketRegime r) {
  return static_cast<double>(std::count(regimes.begin(), regimes.end(), r)) / static_cast<double>(regimes.size());
}

// Mean pairwise correlation and mean volatility of stock returns over the bars in regime `r`.
std::pair<double, double> stock_stats_in(const SimulatedMarket& m, MarketRegime r) {
  std::vector<std::vector<double>> series;
  const PricePanel& p = m.panel;
  for (std::size_t a = 0; a < p.asset_count(); ++a) {
    if (p.asset(a).asset_class != AssetClass::stock) continue;
    std::vector<double> s;
    for (std::size_t b = 1; b < p.bar_count(); ++b)
      if (m.regimes[b] == r && p.has_close(b, a) && p.has_close(b - 1, a)) s.push_back(p.close(b, a) / p.close(b - 1, a) - 1);
      else if (m.regimes[b] == r) s.push_back(std::nan(""));
    series.push_back(std::move(s));
  }
  double corr = 0.0, vol = 0.0;
  int pairs = 0;
  for (std::size_t i = 0; i < series.size(); ++i) {
    vol += annual_volatility(series[i]);
    for (std::size_t j = i + 1; j < series.size(); ++j, ++pairs) corr += correlation(series[i], series[j]);
  }
  return {corr / pairs, vol / static_cast<double>(series.size())};
}

}  // namespace

TEST_CASE("the default universe has the four classes, sectors for stocks and unique tickers") {
  const auto m = simulate_market(default_market_config(), 42, 10);
  REQUIRE(m.ok());
  const PricePanel& p = m->panel;
  CHECK(p.asset_count() == 58);
  int counts[4] = {};
  std::set<std::string> tickers, sectors;
  for (const Asset& a : p.assets()) {
    ++counts[static_cast<int>(a.asset_class)];
    tickers.insert(a.ticker);
    if (a.asset_class == AssetClass::stock) sectors.insert(a.sector);
    else CHECK(a.sector.empty());
  }
  CHECK(counts[0] == 40);
  CHECK(counts[1] == 6);
  CHECK(counts[2] == 6);
  CHECK(counts[3] == 6);
  CHECK(tickers.size() == 58);
  CHECK(sectors.size() == 8);
  CHECK(p.asset(0).ticker == "TEC1");
  CHECK(p.asset(8).ticker == "TEC2");
  for (Date d : p.dates()) CHECK(iso_weekday(d) <= 5);
}

TEST_CASE("the market is a pure function of config and seed") {
  const auto a = simulate_market(default_market_config(), 7, 300);
  const auto b = simulate_market(default_market_config(), 7, 300);
  const auto c = simulate_market(default_market_config(), 8, 300);
  REQUIRE((a.ok() && b.ok() && c.ok()));
  bool same = true, differs = false;
  for (std::size_t bar = 0; bar < 300; ++bar)
    for (std::size_t i = 0; i < a->panel.asset_count(); ++i) {
      const double x = a->panel.close(bar, i), y = b->panel.close(bar, i), z = c->panel.close(bar, i);
      same = same && (x == y || (std::isnan(x) && std::isnan(y)));
      differs = differs || x != z;
    }
  CHECK(same);
  CHECK(differs);
  CHECK(a->regimes == b->regimes);
}

TEST_CASE("some stocks and crypto list late, bonds and commodities never do") {
  MarketModelConfig config = default_market_config();
  config.late_listing_share = 0.5;
  const auto m = simulate_market(config, 3, 600);
  REQUIRE(m.ok());
  int late = 0;
  for (std::size_t a = 0; a < m->panel.asset_count(); ++a) {
    const bool missing_first = !m->panel.has_close(0, a);
    if (missing_first) {
      ++late;
      CHECK((m->panel.asset(a).asset_class == AssetClass::stock || m->panel.asset(a).asset_class == AssetClass::crypto));
      CHECK(m->panel.has_close(599, a));
    }
  }
  CHECK(late > 5);
}

TEST_CASE("regimes differ as documented: crises are more volatile and more correlated") {
  const auto m = simulate_market(default_market_config(), 11, 20000);
  REQUIRE(m.ok());
  CHECK(regime_share(m->regimes, MarketRegime::calm) > 0.6);
  CHECK(regime_share(m->regimes, MarketRegime::crisis) > 0.01);
  const auto [calm_corr, calm_vol] = stock_stats_in(m.value(), MarketRegime::calm);
  const auto [crisis_corr, crisis_vol] = stock_stats_in(m.value(), MarketRegime::crisis);
  INFO("calm corr " << calm_corr << " vol " << calm_vol << "; crisis corr " << crisis_corr << " vol " << crisis_vol);
  CHECK(crisis_vol > 1.5 * calm_vol);
  CHECK(crisis_corr > calm_corr + 0.2);
}

TEST_CASE("stress pulls the regime chain toward stressed and crisis states") {
  const std::vector<MarketConditions> calm(5000, MarketConditions{0.0, 0.0});
  const std::vector<MarketConditions> panic(5000, MarketConditions{1.0, 0.0});
  const auto a = simulate_market(default_market_config(), 5, 5000, calm);
  const auto b = simulate_market(default_market_config(), 5, 5000, panic);
  REQUIRE((a.ok() && b.ok()));
  CHECK(regime_share(b->regimes, MarketRegime::crisis) > 3 * regime_share(a->regimes, MarketRegime::crisis));
  CHECK(regime_share(b->regimes, MarketRegime::calm) < regime_share(a->regimes, MarketRegime::calm));
  auto sim = MarketSimulator::create(default_market_config(), 1).value();
  const auto row = sim.transition_row(MarketRegime::calm, 0.5);
  CHECK(row[0] + row[1] + row[2] == Approx(1.0));
  CHECK(row[2] == Approx(0.5 * 0.001 + 0.5 * 0.1));
}

TEST_CASE("a jump moves the market factor: a negative jump lowers stock prices that day") {
  auto a = MarketSimulator::create(default_market_config(), 9).value();
  auto b = MarketSimulator::create(default_market_config(), 9).value();
  a.step({0.0, 0.0});
  b.step({0.0, -0.2});
  int lower = 0, stocks = 0;
  for (std::size_t i = 0; i < a.assets().size(); ++i)
    if (a.assets()[i].asset_class == AssetClass::stock && !std::isnan(a.closes()[i])) {
      ++stocks;
      lower += b.closes()[i] < a.closes()[i] ? 1 : 0;
    }
  CHECK(lower == stocks);
}

TEST_CASE("a banking crisis becomes market stress through conditions_from_banking") {
  finsim::Metrics calm;
  calm.liquidity = 1.0;
  CHECK(conditions_from_banking(calm).stress == 0.0);
  CHECK(conditions_from_banking(calm).jump == 0.0);
  finsim::Metrics bad = calm;
  bad.default_rate = 0.1;
  bad.liquidity = 0.7;
  bad.price_change = -0.05;
  const MarketConditions c = conditions_from_banking(bad);
  CHECK(c.stress == Approx(0.8));
  CHECK(c.jump == Approx(0.5 * std::log(0.95)).epsilon(1e-12));

  // Live: tick the market alongside a fire-sale scenario and see stress arrive after its shock.
  auto config = finsim::scenario_config("fire_sale_spiral").value();
  config.banks = 50;
  auto sim = finsim::Simulation::create(config, 42).value();
  auto market = MarketSimulator::create(default_market_config(), 42).value();
  double max_stress = 0.0;
  for (int t = 0; t < 40; ++t) {
    sim.step();
    const MarketConditions cond = conditions_from_banking(sim.metrics());
    max_stress = std::max(max_stress, cond.stress);
    market.step(cond);
  }
  CHECK(max_stress > 0.0);
  CHECK(market.bar() == 40);
}

TEST_CASE("market configs are validated") {
  MarketModelConfig c = default_market_config();
  c.transitions[0][0] = 0.5;
  CHECK(validate_market_config(c).error().code == "bad_market_config");
  c = default_market_config();
  c.stocks = c.crypto = c.bonds = c.commodities = 0;
  CHECK(!validate_market_config(c).ok());
  c = default_market_config();
  c.regimes[2].market_vol = -1;
  CHECK(!validate_market_config(c).ok());
  CHECK(simulate_market(default_market_config(), 1, 0).error().code == "out_of_range");
}
