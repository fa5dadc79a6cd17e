// The simulated market's traded volumes (market_model.hpp, step 6): whole, positive, only for listed
// assets, a pure function of the seed, higher on days of large moves and in crises — and the prices the
// same as they would be without them.
#include <catch2/catch.hpp>

#include <cmath>

#include "finsim/portfolio/market_model.hpp"

using namespace finsim::portfolio;

namespace {

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) mx += x[i] / n, my += y[i] / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace

TEST_CASE("every listed asset trades a whole, positive volume each bar, none before listing, as the seed decides") {
  const auto a = simulate_market(default_market_config(), 3, 600);
  const auto b = simulate_market(default_market_config(), 3, 600);
  REQUIRE((a.ok() && b.ok()));
  const PricePanel& p = a->panel;
  REQUIRE(p.has_volumes());
  for (std::size_t t = 0; t < p.bar_count(); ++t)
    for (std::size_t i = 0; i < p.asset_count(); ++i) {
      const double v = p.volume(t, i);
      if (std::isnan(p.close(t, i))) {
        CHECK(std::isnan(v));
        continue;
      }
      CHECK(v >= 1.0);
      CHECK(v == std::round(v));
      CHECK(v == b->panel.volume(t, i));
    }
}

TEST_CASE("volume rises with the size of the day's move, and crises trade more than calm days") {
  const auto m = simulate_market(default_market_config(), 11, 20000);
  REQUIRE(m.ok());
  const PricePanel& p = m->panel;
  double correlation = 0;
  int stocks = 0;
  double calm_volume = 0, crisis_volume = 0;
  int calm_days = 0, crisis_days = 0;
  for (std::size_t i = 0; i < p.asset_count(); ++i) {
    if (p.asset(i).asset_class != AssetClass::stock) continue;
    std::vector<double> moves, log_volumes;
    for (std::size_t t = 1; t < p.bar_count(); ++t) {
      if (std::isnan(p.close(t - 1, i)) || std::isnan(p.close(t, i))) continue;
      moves.push_back(std::fabs(std::log(p.close(t, i) / p.close(t - 1, i))));
      log_volumes.push_back(std::log(p.volume(t, i)));
      const MarketRegime r = m->regimes[t];
      if (r == MarketRegime::calm) calm_volume += log_volumes.back(), ++calm_days;
      if (r == MarketRegime::crisis) crisis_volume += log_volumes.back(), ++crisis_days;
    }
    correlation += pearson(moves, log_volumes);
    ++stocks;
  }
  correlation /= stocks;
  const double crisis_excess = crisis_volume / crisis_days - calm_volume / calm_days;  // in log units
  INFO("mean correlation of |return| and log volume " << correlation << "; crisis − calm log volume " << crisis_excess);
  CHECK(correlation > 0.3);
  CHECK(crisis_excess > std::log(1.5));
}

TEST_CASE("the volumes draw from a stream of their own: the prices are those of the market without them") {
  // Closes of seed 42 (the default market every server starts with) at bars 50 and 500, as the market
  // model drew them before it had volumes: unchanged to the last bit.
  const auto m = simulate_market(default_market_config(), 42, 501);
  REQUIRE(m.ok());
  struct Known {
    std::size_t asset;
    const char* ticker;
    double at_50, at_500;
  };
  for (const Known& k : {Known{0, "TEC1", 113.73828013671843, 169.55474777058814},
                         Known{7, "MAT1", 255.18545314238733, 195.51482013173089},
                         Known{41, "CRX2", 25256.258987424124, 6045.7621206160948},
                         Known{47, "BND2", 110.69256524317632, 119.97971652872772},
                         Known{53, "CMD2", 286.3232532725815, 114.42091943102503}}) {
    INFO(k.ticker);
    CHECK(m->panel.asset(k.asset).ticker == k.ticker);
    CHECK(m->panel.close(50, k.asset) == k.at_50);
    CHECK(m->panel.close(500, k.asset) == k.at_500);
  }
}
