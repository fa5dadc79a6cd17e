// The embedded default market: a seeded, regime-switching factor model of daily prices for a universe of
// stocks (with sectors), crypto assets, bonds and commodities.
//
// Model (documented in docs/portfolio.md, "The simulated market"). Each business day t:
//   1. The regime s_t ∈ {calm, stressed, crisis} follows a Markov chain (Hamilton 1989, "A new approach to
//      the economic analysis of nonstationary time series and the business cycle") whose transition
//      matrix is P(x) = (1 − x) P_base + x P_panic, x ∈ [0, 1] the stress the caller applies that day.
//   2. Independent standard normal factors are drawn: a market factor f_m, one factor per non-stock class
//      f_c (crypto, bond, commodity) and one per stock sector f_k, and one idiosyncratic ε_i per asset.
//   3. The market log-return is m = μ_s + σ_m,s f_m + j (j: the caller's jump that day, e.g. a fire sale).
//   4. Asset i's log-return is r_i = α_i + β_i,s m + g_i σ_g,s f_group(i) + κ_s σ_i ε_i, where group(i) is
//      its sector (stocks) or its class, β_i,s its market loading (bonds: a regime-dependent loading,
//      negative in a crisis — flight to quality), g_i a group scale, σ_i its idiosyncratic volatility and
//      κ_s the regime's idiosyncratic multiplier. Volatilities and, through the factor loadings,
//      correlations therefore differ by regime: in a crisis the market factor dominates and stocks move
//      together.
//   5. P_i,t = P_i,t−1 · e^{r_i} (detmath::exp: identical bits on every platform).
//   6. Its traded volume V_i,t = V̄_i · exp(a (|r_i| / s_i − E|Z|) + b η_i − b²/2), rounded to whole units:
//      V̄_i the asset's usual volume (a traded value drawn per asset, lognormal around a median per class,
//      divided by its first price), s_i its calm-regime daily volatility, η_i standard normal. Volume
//      rises with the size of the day's move — the volume–volatility relation (Clark 1973, "A subordinated
//      stochastic process model with finite variance for speculative prices"; Tauchen & Pitts 1983;
//      Karpoff 1987, "The relation between price changes and trading volume: a survey") —, so crises trade
//      more. Volumes come from a random stream of their own: the prices are those of a market without them.
// A share of stocks and crypto assets list late (missing prices before their listing day), as real
// universes do. Everything is a pure function of (config, seed, conditions). Not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "finsim/portfolio/asset.hpp"
#include "finsim/portfolio/date.hpp"
#include "finsim/portfolio/price_panel.hpp"
#include "finsim/result.hpp"
#include "finsim/rng.hpp"

namespace finsim {
struct Metrics;  // finsim/simulation.hpp
}

namespace finsim::portfolio {

enum class MarketRegime : std::uint8_t { calm, stressed, crisis };
inline constexpr int kRegimeCount = 3;
std::string_view regime_name(MarketRegime regime);  ///< "calm", "stressed", "crisis"

/// Daily parameters of one regime (log-returns).
struct RegimeParameters {
  double market_drift = 0.0;     ///< μ_s
  double market_vol = 0.0;       ///< σ_m,s
  double group_vol = 0.0;        ///< σ_g,s, before each group's scale
  double idio_multiplier = 1.0;  ///< κ_s
  double bond_beta = 0.0;        ///< bonds' market loading in this regime
};

using TransitionMatrix = std::array<std::array<double, kRegimeCount>, kRegimeCount>;  ///< [from][to], rows sum to 1

struct MarketModelConfig {
  int stocks = 40;        ///< spread over the sectors in turn
  int crypto = 6;
  int bonds = 6;
  int commodities = 6;
  Date start = date_from_civil(2015, 1, 5);  ///< first bar (moved to a Monday–Friday if needed)
  std::array<RegimeParameters, kRegimeCount> regimes;
  TransitionMatrix transitions;        ///< P_base
  TransitionMatrix panic_transitions;  ///< P_panic, where full stress pulls the chain
  double late_listing_share = 0.1;     ///< share of stocks and crypto listing after the start
  int late_listing_window = 500;       ///< late listings fall uniformly in bars 1..window
};

/// The documented defaults (see the source for the numbers and docs/portfolio.md for their reading).
MarketModelConfig default_market_config();

/// Counts in 0..10,000 (at least one asset), parameters finite with volatilities ≥ 0, rows of both
/// matrices non-negative and summing to 1 (±1e−9), shares in [0, 1]. Error "bad_market_config".
Status validate_market_config(const MarketModelConfig& config);

/// The stock sectors, in the order stocks are assigned to them.
std::span<const std::string_view> market_sectors();

/// What the caller imposes on one day: stress x ∈ [0, 1] raises the odds of stressed and crisis regimes;
/// jump is an extra log-return of the market factor that day (> −1; e.g. a fire sale's price impact).
struct MarketConditions {
  double stress = 0.0;
  double jump = 0.0;
};

/// How a banking simulation's state maps to market conditions (the live link).
struct BankingLink {
  double default_weight = 5.0;    ///< stress += weight × default_rate
  double illiquidity_weight = 1.0;  ///< stress += weight × (1 − liquidity)
  double price_pass_through = 0.5;  ///< jump = pass-through × log(1 + asset price change of the step)
};

/// stress = clamp(w_d · default_rate + w_l · (1 − liquidity), 0, 1); jump = p · log(1 + price_change),
/// where the metrics are those of the banking step (Simulation::metrics()): its fire sales and defaults
/// push the market toward stressed and crisis regimes and its asset price falls pass through in part.
MarketConditions conditions_from_banking(const Metrics& metrics, const BankingLink& link = {});

/// The market one day at a time: for a server that ticks it alongside a banking simulation.
class MarketSimulator {
 public:
  /// Errors: validate_market_config's.
  static Result<MarketSimulator> create(const MarketModelConfig& config, std::uint64_t seed);

  [[nodiscard]] const std::vector<Asset>& assets() const { return assets_; }
  /// Bar 0 holds the initial prices; step() produces bar 1, 2, …
  [[nodiscard]] std::size_t bar() const { return bar_; }
  [[nodiscard]] Date date() const { return date_; }
  [[nodiscard]] MarketRegime regime() const { return regime_; }
  /// The closes of the current bar, in asset order (NaN for an asset not listed yet).
  [[nodiscard]] std::span<const double> closes() const { return visible_; }
  /// The volumes of the current bar (step 6 of the header), in asset order (NaN for an asset not listed yet).
  [[nodiscard]] std::span<const double> volumes() const { return visible_volumes_; }

  /// Advances to the next business day under `conditions` (stress clamped to [0, 1], jump to > −0.99).
  void step(const MarketConditions& conditions = {});

  /// The transition row out of `from` at stress x.
  [[nodiscard]] std::array<double, kRegimeCount> transition_row(MarketRegime from, double stress) const;

 private:
  struct AssetDynamics {
    double alpha = 0.0, beta = 0.0, group_scale = 0.0, idio_vol = 0.0;
    int group = 0;  ///< index into the group factors
    std::size_t listing_bar = 0;
  };
  MarketSimulator() = default;
  void publish();
  /// Step 6 for every asset, from the day's log-returns (zero at bar 0).
  void trade(std::span<const double> returns);

  MarketModelConfig config_;
  Rng path_rng_;
  std::vector<Asset> assets_;
  std::vector<AssetDynamics> dynamics_;
  std::vector<double> prices_;   ///< latent prices (also before listing)
  std::vector<double> visible_;  ///< prices with NaN before listing
  std::vector<double> factors_;  ///< scratch: group factors
  Rng volume_rng_;                       ///< step 6's η: a stream of its own
  std::vector<double> usual_volume_;     ///< V̄_i
  std::vector<double> calm_vol_;         ///< s_i
  std::vector<double> returns_;          ///< scratch: the day's log-returns
  std::vector<double> volumes_;          ///< the current bar's volumes (also before listing)
  std::vector<double> visible_volumes_;  ///< volumes with NaN before listing
  MarketRegime regime_ = MarketRegime::calm;
  std::size_t bar_ = 0;
  Date date_;
};

/// A simulated history.
struct SimulatedMarket {
  PricePanel panel;
  std::vector<MarketRegime> regimes;  ///< one per bar (bar 0: calm, the initial state)
};

/// `bars` business days (≥ 1) from config.start. conditions[t] applies to the step that produces bar t
/// (t ≥ 1); bars beyond the span get calm conditions. Errors: the config's, "out_of_range" for bars.
Result<SimulatedMarket> simulate_market(const MarketModelConfig& config, std::uint64_t seed, std::size_t bars,
                                        std::span<const MarketConditions> conditions = {});

}  // namespace finsim::portfolio
