// Golden values: the simulated market and a backtest pinned to the bit, so that any change to their
// arithmetic is noticed (Box2D's determinism test is the pattern). When a change is intended, update the
// constants in the same commit and say why.
#include <catch2/catch.hpp>

#include <cstring>

#include "finsim/portfolio/backtest.hpp"
#include "finsim/portfolio/market_model.hpp"

using namespace finsim::portfolio;

namespace {

// FNV-1a over the bytes of the doubles.
std::uint64_t hash_doubles(std::span<const double> values) {
  std::uint64_t h = 1469598103934665603ULL;
  for (double v : values) {
    unsigned char bytes[sizeof v];
    std::memcpy(bytes, &v, sizeof v);
    for (unsigned char b : bytes) h = (h ^ b) * 1099511628211ULL;
  }
  return h;
}

}  // namespace

TEST_CASE("golden: the default market, seed 42, 500 bars") {
  const auto m = simulate_market(default_market_config(), 42, 500).value();
  std::vector<double> closes;
  for (std::size_t b = 0; b < m.panel.bar_count(); ++b) {
    const auto row = m.panel.bar_closes(b);
    closes.insert(closes.end(), row.begin(), row.end());
  }
  const std::uint64_t h = hash_doubles(closes);
  INFO("hash " << h << ", TEC1 at bar 499: " << m.panel.close(499, 0));
  CHECK(h == 8682780983683897664ULL);
}

TEST_CASE("golden: a momentum backtest on it") {
  const auto m = simulate_market(default_market_config(), 42, 500).value();
  BacktestSpec spec;
  spec.model = "momentum";
  spec.fees = fee_preset("ibkr_fixed_with_sec").value();
  spec.start = m.panel.date(250);
  spec.exit_after_bars = 5;
  const auto r = run_backtest(m.panel, spec).value();
  std::vector<double> navs;
  for (const NavSnapshot& s : r.run.nav) navs.push_back(s.nav);
  const std::uint64_t h = hash_doubles(navs);
  INFO("hash " << h << ", final NAV " << r.run.nav.back().nav << ", fills " << r.run.fills.size());
  CHECK(h == 6441599942662841002ULL);
}
