#include "finsim/portfolio/market_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "finsim/detmath.hpp"
#include "finsim/simulation.hpp"

namespace finsim::portfolio {
namespace {

constexpr std::string_view kSectors[] = {"Technology", "Financials", "Health Care", "Energy",
                                         "Industrials", "Consumer", "Utilities", "Materials"};
constexpr const char* kSectorCodes[] = {"TEC", "FIN", "HLT", "ENR", "IND", "CON", "UTL", "MAT"};
constexpr int kSectorCount = 8;
// Group factors: the sectors, then crypto, bond, commodity.
constexpr int kCryptoGroup = kSectorCount, kBondGroup = kSectorCount + 1, kCommodityGroup = kSectorCount + 2;
constexpr int kGroupCount = kSectorCount + 3;

// Step 6 (the header): the usual traded value of an asset, by class — lognormal across assets around
// these medians, σ of the log kValueSpread —, the volume's elasticity to the standardized absolute
// return (a) and its own noise (b, σ of the log). Plausible magnitudes for a mid-sized universe, not
// calibrated: what matters to the portfolio mode is that volumes exist, vary, and swell in crises.
constexpr double kMedianValue[] = {20e6, 5e6, 10e6, 15e6};  // stock, crypto, bond, commodity (currency a day)
constexpr double kValueSpread = 1.0;
constexpr double kVolumeElasticity = 0.6;  // a
constexpr double kVolumeNoise = 0.35;      // b
constexpr double kMeanAbsNormal = 0.7978845608028654;  // E|Z| = √(2/π)

Date business_day_on_or_after(Date d) {
  while (iso_weekday(d) > 5) ++d.days;
  return d;
}

Date next_business_day(Date d) { return business_day_on_or_after(Date{d.days + 1}); }

double uniform(Rng& rng, double lo, double hi) { return lo + (hi - lo) * rng.uniform(); }

// 10^x through detmath (std::pow may differ in the last bit between C libraries).
double pow10(double x) { return detmath::exp(x * 2.302585092994045684017991454684364208); }

}  // namespace

std::string_view regime_name(MarketRegime regime) {
  switch (regime) {
    case MarketRegime::calm: return "calm";
    case MarketRegime::stressed: return "stressed";
    case MarketRegime::crisis: return "crisis";
  }
  return "calm";
}

std::span<const std::string_view> market_sectors() { return kSectors; }

MarketModelConfig default_market_config() {
  MarketModelConfig c;
  // Daily log-return parameters. Calm: ~13 % annual market volatility and ~10 % drift; stressed: twice
  // the volatility and a slight decline; crisis: ~50 % volatility and a steep decline, with bonds loading
  // negatively on the market (flight to quality).
  c.regimes[0] = {0.0004, 0.008, 0.004, 1.0, 0.05};
  c.regimes[1] = {-0.0005, 0.016, 0.007, 1.3, -0.10};
  c.regimes[2] = {-0.0030, 0.032, 0.012, 1.8, -0.25};
  // Expected stays: calm ~200 days, stressed ~25, crisis ~12 (1 / (1 − p_ii)).
  c.transitions = {{{0.995, 0.004, 0.001}, {0.030, 0.960, 0.010}, {0.010, 0.070, 0.920}}};
  // Full stress: calm is left quickly and crisis is sticky.
  c.panic_transitions = {{{0.700, 0.200, 0.100}, {0.020, 0.780, 0.200}, {0.005, 0.045, 0.950}}};
  return c;
}

Status validate_market_config(const MarketModelConfig& c) {
  auto bad = [](std::string m) { return make_error("bad_market_config", std::move(m)); };
  for (int n : {c.stocks, c.crypto, c.bonds, c.commodities})
    if (n < 0 || n > 10000) return bad("asset counts must be in 0..10000");
  if (c.stocks + c.crypto + c.bonds + c.commodities == 0) return bad("the universe needs at least one asset");
  for (const RegimeParameters& r : c.regimes)
    if (!std::isfinite(r.market_drift) || !std::isfinite(r.bond_beta) || !(r.market_vol >= 0.0) ||
        !(r.group_vol >= 0.0) || !(r.idio_multiplier >= 0.0) || !std::isfinite(r.market_vol + r.group_vol + r.idio_multiplier))
      return bad("regime parameters must be finite, volatilities >= 0");
  for (const TransitionMatrix* m : {&c.transitions, &c.panic_transitions})
    for (const auto& row : *m) {
      double sum = 0.0;
      for (double p : row) {
        if (!(p >= 0.0 && p <= 1.0)) return bad("transition probabilities must be in [0, 1]");
        sum += p;
      }
      if (std::fabs(sum - 1.0) > 1e-9) return bad("each transition row must sum to 1");
    }
  if (!(c.late_listing_share >= 0.0 && c.late_listing_share <= 1.0)) return bad("late_listing_share must be in [0, 1]");
  if (c.late_listing_window < 1) return bad("late_listing_window must be >= 1");
  return {};
}

MarketConditions conditions_from_banking(const Metrics& m, const BankingLink& link) {
  MarketConditions c;
  c.stress = std::clamp(link.default_weight * m.default_rate + link.illiquidity_weight * (1.0 - m.liquidity), 0.0, 1.0);
  const double change = std::max(m.price_change, -0.99);
  c.jump = link.price_pass_through * detmath::log(1.0 + change);
  return c;
}

Result<MarketSimulator> MarketSimulator::create(const MarketModelConfig& config, std::uint64_t seed) {
  if (Status s = validate_market_config(config); !s.ok()) return s.error();
  MarketSimulator m;
  m.config_ = config;
  const Rng root(seed);
  Rng universe = root.fork(1);
  m.path_rng_ = root.fork(2);
  m.date_ = business_day_on_or_after(config.start);
  auto add = [&](std::string ticker, AssetClass cls, std::string sector, AssetDynamics d, double price, bool may_list_late) {
    if (may_list_late && universe.bernoulli(config.late_listing_share))
      d.listing_bar = 1 + universe.below(static_cast<std::uint64_t>(config.late_listing_window));
    m.assets_.push_back({std::move(ticker), cls, std::move(sector)});
    m.dynamics_.push_back(d);
    m.prices_.push_back(price);
  };
  for (int i = 0; i < config.stocks; ++i) {
    const int k = i % kSectorCount;
    AssetDynamics d{uniform(universe, -0.0001, 0.0003), uniform(universe, 0.7, 1.3), uniform(universe, 0.8, 1.2),
                    uniform(universe, 0.010, 0.020), k, 0};
    add(kSectorCodes[k] + std::to_string(i / kSectorCount + 1), AssetClass::stock, std::string(kSectors[k]), d,
        uniform(universe, 20.0, 300.0), true);
  }
  for (int i = 0; i < config.crypto; ++i) {
    AssetDynamics d{uniform(universe, -0.0002, 0.0008), uniform(universe, 0.8, 1.5), uniform(universe, 2.5, 3.5),
                    uniform(universe, 0.030, 0.050), kCryptoGroup, 0};
    add("CRX" + std::to_string(i + 1), AssetClass::crypto, "", d, pow10(uniform(universe, 0.0, 4.7)), true);
  }
  for (int i = 0; i < config.bonds; ++i) {
    AssetDynamics d{uniform(universe, 0.00005, 0.00015), 0.0, uniform(universe, 0.2, 0.4),
                    uniform(universe, 0.002, 0.005), kBondGroup, 0};
    add("BND" + std::to_string(i + 1), AssetClass::bond, "", d, uniform(universe, 90.0, 110.0), false);
  }
  for (int i = 0; i < config.commodities; ++i) {
    AssetDynamics d{uniform(universe, -0.0001, 0.0002), uniform(universe, 0.2, 0.5), uniform(universe, 1.2, 1.8),
                    uniform(universe, 0.012, 0.020), kCommodityGroup, 0};
    add("CMD" + std::to_string(i + 1), AssetClass::commodity, "", d,
        pow10(uniform(universe, 1.0, 3.3)), false);
  }
  // Initial prices to the cent, as quoted prices are.
  for (double& p : m.prices_) p = std::max(0.01, std::round(p * 100.0) / 100.0);
  m.factors_.resize(kGroupCount);
  // Step 6's per-asset constants, from streams of their own (the draws above are untouched).
  Rng values = root.fork(3);
  m.volume_rng_ = root.fork(4);
  const RegimeParameters& calm = config.regimes[static_cast<std::size_t>(MarketRegime::calm)];
  for (std::size_t i = 0; i < m.prices_.size(); ++i) {
    const AssetDynamics& d = m.dynamics_[i];
    const auto cls = static_cast<std::size_t>(m.assets_[i].asset_class);
    m.usual_volume_.push_back(kMedianValue[cls] * detmath::exp(kValueSpread * values.normal()) / m.prices_[i]);
    const double beta = m.assets_[i].asset_class == AssetClass::bond ? calm.bond_beta : d.beta;
    const double market = beta * calm.market_vol, group = d.group_scale * calm.group_vol;
    const double own = calm.idio_multiplier * d.idio_vol;
    m.calm_vol_.push_back(std::sqrt(market * market + group * group + own * own));
  }
  m.returns_.assign(m.prices_.size(), 0.0);
  m.trade(m.returns_);
  m.publish();
  return m;
}

std::array<double, kRegimeCount> MarketSimulator::transition_row(MarketRegime from, double stress) const {
  const double x = std::clamp(stress, 0.0, 1.0);
  const auto i = static_cast<std::size_t>(from);
  std::array<double, kRegimeCount> row{};
  for (std::size_t j = 0; j < kRegimeCount; ++j)
    row[j] = (1.0 - x) * config_.transitions[i][j] + x * config_.panic_transitions[i][j];
  return row;
}

void MarketSimulator::step(const MarketConditions& conditions) {
  // The draws happen in a fixed order whatever the conditions: regime, market, groups, assets.
  const auto row = transition_row(regime_, conditions.stress);
  const double u = path_rng_.uniform();
  regime_ = u < row[0] ? MarketRegime::calm : u < row[0] + row[1] ? MarketRegime::stressed : MarketRegime::crisis;
  const RegimeParameters& p = config_.regimes[static_cast<std::size_t>(regime_)];
  const double jump = std::max(conditions.jump, detmath::log(0.01));
  const double market = p.market_drift + p.market_vol * path_rng_.normal() + (std::isfinite(jump) ? jump : 0.0);
  for (double& f : factors_) f = path_rng_.normal();
  for (std::size_t i = 0; i < prices_.size(); ++i) {
    const AssetDynamics& d = dynamics_[i];
    const double beta = assets_[i].asset_class == AssetClass::bond ? p.bond_beta : d.beta;
    const double r = d.alpha + beta * market + d.group_scale * p.group_vol * factors_[static_cast<std::size_t>(d.group)] +
                     p.idio_multiplier * d.idio_vol * path_rng_.normal();
    prices_[i] *= detmath::exp(r);
    returns_[i] = r;
  }
  trade(returns_);
  ++bar_;
  date_ = next_business_day(date_);
  publish();
}

void MarketSimulator::trade(std::span<const double> returns) {
  volumes_.resize(prices_.size());
  for (std::size_t i = 0; i < prices_.size(); ++i) {
    const double surprise = calm_vol_[i] > 0.0 ? std::fabs(returns[i]) / calm_vol_[i] - kMeanAbsNormal : 0.0;
    const double log_v = kVolumeElasticity * surprise + kVolumeNoise * volume_rng_.normal() - 0.5 * kVolumeNoise * kVolumeNoise;
    volumes_[i] = std::max(1.0, std::round(usual_volume_[i] * detmath::exp(log_v)));
  }
}

void MarketSimulator::publish() {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  visible_.resize(prices_.size());
  visible_volumes_.resize(prices_.size());
  for (std::size_t i = 0; i < prices_.size(); ++i) {
    const bool listed = bar_ >= dynamics_[i].listing_bar;
    visible_[i] = listed ? prices_[i] : kNaN;
    visible_volumes_[i] = listed ? volumes_[i] : kNaN;
  }
}

Result<SimulatedMarket> simulate_market(const MarketModelConfig& config, std::uint64_t seed, std::size_t bars,
                                        std::span<const MarketConditions> conditions) {
  if (bars < 1 || bars > 10'000'000) return make_error("out_of_range", "bars must be in 1..10000000");
  auto sim = MarketSimulator::create(config, seed);
  if (!sim.ok()) return sim.error();
  const std::size_t n = sim->assets().size();
  std::vector<Date> dates;
  std::vector<double> closes, volumes;
  std::vector<MarketRegime> regimes;
  dates.reserve(bars);
  closes.reserve(bars * n);
  volumes.reserve(bars * n);
  regimes.reserve(bars);
  for (std::size_t t = 0; t < bars; ++t) {
    if (t > 0) sim->step(t < conditions.size() ? conditions[t] : MarketConditions{});
    dates.push_back(sim->date());
    closes.insert(closes.end(), sim->closes().begin(), sim->closes().end());
    volumes.insert(volumes.end(), sim->volumes().begin(), sim->volumes().end());
    regimes.push_back(sim->regime());
  }
  auto panel = PricePanel::create(sim->assets(), std::move(dates), std::move(closes), std::move(volumes));
  if (!panel.ok()) return panel.error();
  return SimulatedMarket{std::move(panel).value(), std::move(regimes)};
}

}  // namespace finsim::portfolio
