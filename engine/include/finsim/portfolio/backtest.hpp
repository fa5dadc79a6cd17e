// Backtests, model comparison and fee comparison: the analyses behind the server's /api/backtests,
// /api/models/comparison and fee-comparison endpoints.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "finsim/portfolio/buy_and_hold.hpp"
#include "finsim/portfolio/model_registry.hpp"
#include "finsim/portfolio/performance.hpp"
#include "finsim/portfolio/strategy.hpp"
#include "finsim/portfolio/trade_stats.hpp"
#include "finsim/portfolio/walk_forward.hpp"
#include "finsim/portfolio/window_report.hpp"

namespace finsim::portfolio {

/// Reports a long backtest's progress: `done` of `total` work units (one per ticker whose signals have
/// been generated, and one for the strategy run). Returning false cancels the backtest (error
/// "cancelled"). Called on the thread that runs the backtest.
using BacktestProgress = std::function<bool(std::size_t done, std::size_t total)>;

/// Runs every task of a batch, in any order or at once, and returns when all are done: how a caller lets
/// a backtest generate several assets' signals in parallel (the engine itself starts no thread). The
/// tasks share nothing; the result is the same as running them one after another, bit for bit.
using RunTogether = std::function<void(std::span<const std::function<void()>> tasks)>;

/// What to backtest: a built-in model on some tickers over a period, with fees and sizing.
struct BacktestSpec {
  std::string model = "linear";
  std::vector<std::string> tickers;  ///< empty = every asset of the panel
  std::optional<Date> start, end;    ///< trading period (inclusive); models also learn from earlier bars
  double initial_cash = 100000.0;
  FeeSchedule fees;
  SizingRule sizing;
  PortfolioRules rules;
  std::size_t exit_after_bars = 0;
  RiskExits exits;                   ///< stop-loss, take-profit, trailing stop on every position
  WalkForwardConfig walk_forward;
  ModelOptions model_options;
  std::string benchmark;             ///< a ticker whose returns serve as benchmark; empty = none
  PerformanceOptions performance;
  BacktestProgress progress;         ///< optional
  RunTogether run_together;          ///< optional: batches of `batch` assets' walk-forwards run through it
  std::size_t batch = 1;             ///< assets per batch (progress is reported after each batch)
};

struct BacktestResult {
  BuyAndHold benchmark;  ///< the benchmark's value over the period (performance.benchmark measures against it)
  std::vector<WindowReport> windows;  ///< the period cut at the models' refits (walk_forward.refit_every bars)
  std::vector<Signal> signals;
  StrategyResult run;
  PerformanceSummary performance;
  TradeStats trades;
};

/// Generates the model's signals walk-forward over the selected tickers, trades them over the period
/// and reports. Deterministic. Errors: "unknown_ticker", "bad_period", "cancelled" (by the progress
/// callback), make_model's, generate_signals', run_strategy's.
Result<BacktestResult> run_backtest(const PricePanel& panel, const BacktestSpec& spec);

/// The same backtest on given signals instead of a model's (spec.model is not used): replaying a
/// stored backtest's signals, or trading an outside model's (the "llm" slot). Signals for tickers
/// outside spec.tickers (when given) or dated outside the period are left out. Replaying a
/// backtest's own signals with its spec gives its result to the bit. Errors as run_backtest's.
Result<BacktestResult> replay_backtest(const PricePanel& panel, const BacktestSpec& spec,
                                       std::vector<Signal> signals);

/// How one model's strategy did within one sector (stocks) or asset class (other assets).
struct SectorResult {
  std::string sector;
  std::size_t trades = 0;
  double win_rate = 0.0;
  double total_pnl = 0.0;
  double average_return = 0.0;
};

struct ModelReport {
  std::string model;
  std::size_t signals = 0;
  double mean_confidence = 0.0;
  TradeStats trades;
  PerformanceSummary performance;
  std::vector<SectorResult> sectors;  ///< by name
};

/// Groups `signals` by model, runs each model's strategy under `config` and reports side by side
/// (models in name order). Errors: run_strategy's.
Result<std::vector<ModelReport>> compare_models(const PricePanel& panel, std::span<const Signal> signals,
                                                const StrategyConfig& config,
                                                const PerformanceOptions& performance = {});

/// One fee schedule's replay of the same trades.
struct FeeScenario {
  std::string schedule;
  std::size_t fills = 0;
  std::size_t rejected = 0;       ///< trades the portfolio could no longer afford under these fees
  double total_fees = 0.0;
  double final_nav = 0.0;
  double total_return = 0.0;
  double annual_return = 0.0;
  double sharpe = 0.0;
  double nav_difference = 0.0;     ///< final_nav − the first scenario's
  double return_difference = 0.0;  ///< total_return − the first scenario's
  std::vector<NavSnapshot> nav;
};

/// Replays `trades` (same bars, sides, quantities and prices) from `initial_cash` under each schedule,
/// over bars [start_bar, end_bar] of `panel`. The first schedule is the baseline of the differences.
/// `ledger`: the margin's entries of the same run (margin.hpp) — its borrow fees are charged in every
/// scenario at their bars (they depend on the positions, not on the fees), and its forced covers (fills of
/// model "margin_liquidation") are replayed whatever the cash, as they were booked.
/// Errors: "bad_config" (no schedules, an invalid one, bad cash or period).
Result<std::vector<FeeScenario>> compare_fees(const PricePanel& panel, std::span<const Fill> trades,
                                              double initial_cash, std::span<const FeeSchedule> schedules,
                                              const PortfolioRules& rules, std::size_t start_bar = 0,
                                              std::size_t end_bar = std::numeric_limits<std::size_t>::max(),
                                              const PerformanceOptions& performance = {},
                                              std::span<const LedgerEntry> ledger = {});

}  // namespace finsim::portfolio
