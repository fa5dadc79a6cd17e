// Strategy runs: a portfolio traded from one model's signals, bar by bar.
//
// Rules, per bar t of [start_bar, end_bar]:
//   1. Orders queued at earlier bars fill at t's close if the asset has one (else they wait), through
//      price_fill: the no-look-ahead fill rule of order.hpp. A rejected order (cash, holdings) is logged.
//      With rules.max_participation, a fill takes at most that share of t's volume and the rest stays
//      queued for the next bar (participation.hpp); a bar without a known volume fills nothing.
//   2. The portfolio is valued at t's closes (prices carried forward): one NavSnapshot per bar.
//   3. Each signal dated at t (a signal dated between bars belongs to the last bar before it) queues at
//      most one market order per asset:
//        buy  when flat: open long, notional = sizing fraction × NAV_t (capped by cash net of the fee);
//             when short: cover the whole short;                     when long: nothing
//        sell when long: close the whole long; when flat and short selling is allowed: open short of the
//             sized notional;                                        when short: nothing
//        hold nothing. An asset with an order still queued ignores new signals.
//   4. With exit_after_bars > 0, a position open that many bars is closed as if by a sell/buy signal.
//   5. Risk exits (RiskExits), when set, rest from the bar a position opens as the order book's risk
//      orders would (order.hpp): at each later bar, after step 1, a long closes at that bar's close
//      when the close is at or below entry × (1 − stop_loss %) or the trailing level (the highest close
//      since the entry bar × (1 − trailing %)) — a stop — or at or above entry × (1 + take_profit %)
//      with an execution price still there — a take-profit limit; a short the mirror image. The entry
//      is the opening fill's price. A closed position cancels its signal order queued for that bar.
//   6. Margin (rules.margin, margin.hpp): before step 1 the borrow fees of the shorts held since the
//      previous bar are charged; a fill opening or adding to a short must meet the initial margin
//      (else it is rejected, "insufficient_margin"); after step 5 the maintenance check may open a
//      margin call, close one met, or liquidate shorts for one unmet since an earlier bar (their
//      fills, model "margin_liquidation", cancel the positions' queued orders). Its entries: `ledger`.
// Every fill records the model, the signal's confidence and its id. The run is a pure function of
// (panel, signals, config): the same inputs give the same fills to the bit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "finsim/portfolio/fees.hpp"
#include "finsim/portfolio/margin.hpp"
#include "finsim/portfolio/nav.hpp"
#include "finsim/portfolio/order.hpp"
#include "finsim/portfolio/portfolio_state.hpp"
#include "finsim/portfolio/price_panel.hpp"
#include "finsim/portfolio/signal.hpp"
#include "finsim/portfolio/sizing.hpp"
#include "finsim/result.hpp"

namespace finsim::portfolio {

/// Percent distances of the exits every position gets (0 = none): strategy.hpp rule 5.
struct RiskExits {
  double stop_loss_percent = 0.0;      ///< in [0, 100)
  double take_profit_percent = 0.0;    ///< ≥ 0
  double trailing_stop_percent = 0.0;  ///< in [0, 100)
  [[nodiscard]] bool any() const { return stop_loss_percent > 0 || take_profit_percent > 0 || trailing_stop_percent > 0; }
};

/// Error "bad_config" unless each percent is finite, ≥ 0, a stop or trail below 100, a profit at most 10,000.
Status validate_risk_exits(const RiskExits& exits);

struct StrategyConfig {
  double initial_cash = 100000.0;
  FeeSchedule fees;
  SizingRule sizing;
  PortfolioRules rules;
  std::size_t start_bar = 0;
  std::size_t end_bar = std::numeric_limits<std::size_t>::max();  ///< inclusive; clipped to the panel
  std::size_t exit_after_bars = 0;  ///< 0 = hold until an opposite signal
  RiskExits exits;
};

/// Signals laid out densely, one cell per (bar, asset): what the strategy loop reads.
class SignalGrid {
 public:
  static constexpr std::int8_t kNone = -1;
  SignalGrid() = default;
  SignalGrid(std::size_t bars, std::size_t assets);

  /// Places `signal` at the last bar dated on or before its date. False (and nothing placed) when the
  /// ticker is unknown or the date precedes the first bar. A later signal for the same cell replaces
  /// an earlier one.
  bool place(const PricePanel& panel, const Signal& signal);
  /// Sets a cell directly (benchmarks, tests).
  void set(std::size_t bar, std::size_t asset, SignalAction action, float confidence);

  [[nodiscard]] std::int8_t action(std::size_t bar, std::size_t asset) const { return action_[bar * assets_ + asset]; }
  [[nodiscard]] float confidence(std::size_t bar, std::size_t asset) const { return confidence_[bar * assets_ + asset]; }
  [[nodiscard]] std::size_t bars() const { return bars_; }
  [[nodiscard]] std::size_t assets() const { return assets_; }

  std::string model;  ///< recorded on every fill
  std::vector<std::string> ids;  ///< signal id per cell (empty unless place() saw ids)

 private:
  std::size_t bars_ = 0, assets_ = 0;
  std::vector<std::int8_t> action_;
  std::vector<float> confidence_;
};

struct OrderRejection {
  Date date;
  std::size_t bar = 0;
  std::string ticker;
  Side side = Side::buy;
  Error error;
};

struct StrategyResult {
  PortfolioState final_state;
  std::vector<NavSnapshot> nav;         ///< one per bar of the run
  std::vector<Fill> fills;
  std::vector<RoundTrip> round_trips;
  std::vector<OrderRejection> rejections;
  std::size_t risk_exits = 0;           ///< positions closed by rule 5
  std::size_t partial_fills = 0;        ///< fills capped by the bar's volume (rule 1), the rest left queued
  std::vector<LedgerEntry> ledger;      ///< rule 6's entries (borrow fees, calls, liquidations), in booking order
  std::size_t margin_calls = 0, liquidations = 0;
  std::size_t signals_placed = 0;       ///< signals that landed in the grid
  std::size_t signals_dropped = 0;      ///< unknown ticker or before the first bar
  std::size_t bar_events = 0;           ///< bars × assets processed (the benchmark's unit)
};

/// Runs the rules above. Errors: "bad_config" (initial cash not finite and ≥ 0, invalid sizing or fee
/// schedule, grid shape not the panel's, empty period).
Result<StrategyResult> run_strategy(const PricePanel& panel, const SignalGrid& grid, const StrategyConfig& config);

/// The same from a list of signals (of one model: `grid.model` is the first signal's model).
Result<StrategyResult> run_strategy(const PricePanel& panel, std::span<const Signal> signals,
                                    const StrategyConfig& config);

}  // namespace finsim::portfolio
