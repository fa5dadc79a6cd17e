#include "finsim/portfolio/strategy.hpp"

#include <algorithm>
#include <cmath>

#include "finsim/portfolio/margin.hpp"
#include "finsim/portfolio/money.hpp"
#include "finsim/portfolio/participation.hpp"

namespace finsim::portfolio {
namespace {

Error bad_config(std::string m) { return make_error("bad_config", std::move(m)); }

struct QueuedOrder {
  Side side = Side::buy;
  SizeKind kind = SizeKind::quantity;
  double size = 0.0;
  std::size_t placed_bar = 0;
  float confidence = -1.0f;
  bool active = false;
};

// One strategy run: the loop of strategy.hpp's rules over flat per-asset arrays.
class StrategyLoop {
 public:
  StrategyLoop(const PricePanel& panel, const SignalGrid& grid, const StrategyConfig& config, std::size_t end)
      : panel_(panel), grid_(grid), config_(config), end_(end), n_(panel.asset_count()),
        last_(n_, std::numeric_limits<double>::quiet_NaN()), queued_(n_), entry_bar_(n_, 0), entry_price_(n_, 0.0),
        extreme_(n_, 0.0) {
    result_.final_state = open_portfolio(panel, config.initial_cash);
    result_.nav.reserve(end - config.start_bar + 1);
  }

  StrategyResult run() {
    // Prices before the start still value positions (there are none) and size the first orders.
    if (config_.start_bar > 0) last_ = last_prices(panel_, config_.start_bar - 1);
    for (std::size_t t = config_.start_bar; t <= end_; ++t) {
      const std::span<const double> closes = panel_.bar_closes(t);
      for (std::size_t a = 0; a < n_; ++a)
        if (!std::isnan(closes[a])) last_[a] = closes[a];
      if (t > config_.start_bar) record(charge_borrow_fees(state(), panel_, t, t - 1, config_.rules.margin));
      fill_queued(t, closes);
      if (config_.exits.any()) exit_at_risk_levels(t, closes);
      if (config_.rules.margin.maintenance > 0.0) meet_margin(t);
      const NavSnapshot snap = take_snapshot(state(), last_, panel_.date(t), t);
      result_.nav.push_back(snap);
      read_signals(t, snap.nav);
      result_.bar_events += n_;
    }
    return std::move(result_);
  }

 private:
  PortfolioState& state() { return result_.final_state; }

  void fill_queued(std::size_t t, std::span<const double> closes) {
    for (std::size_t a = 0; a < n_; ++a) {
      QueuedOrder& q = queued_[a];
      if (!q.active || std::isnan(closes[a])) continue;
      // The bar's volume may cap the fill (participation.hpp): a part now, the rest stays queued.
      const auto size = fill_size(panel_, a, t, closes[a], q.kind, q.size, config_.rules);
      if (!size) continue;  // no volume known at this bar: wait
      QueuedOrder now = q;
      now.kind = size->kind;
      now.size = size->size;
      q.active = false;
      FillOrigin origin;
      origin.order_date = panel_.date(q.placed_bar);
      origin.model = grid_.model;
      origin.confidence = q.confidence;
      if (!grid_.ids.empty()) origin.signal_id = grid_.ids[q.placed_bar * n_ + a];
      auto fill = fill_at(a, now, t, closes[a], origin);
      if (!fill.ok()) {
        result_.rejections.push_back({panel_.date(t), t, panel_.asset(a).ticker, q.side, fill.error()});
        continue;
      }
      if (size->part) {  // the rest, in the order's own unit, waits for the next bar
        q.size -= filled_amount(q.kind, *fill);
        q.active = q.size > 0.0;
        ++result_.partial_fills;
      }
      const double before = state().positions[a].quantity;
      const Fill& booked = book(std::move(fill).value());
      if (before == 0.0) {
        entry_bar_[a] = t;
        entry_price_[a] = booked.price;
        extreme_[a] = closes[a];
      }
    }
  }

  // Books a fill: the state, the closed round trips and their statistics, the run's fills.
  const Fill& book(Fill fill) {
    const std::size_t trips_before = result_.round_trips.size();
    apply_fill(state(), fill, &result_.round_trips);
    record_trips_from(trips_before);
    result_.fills.push_back(std::move(fill));
    return result_.fills.back();
  }

  // The statistics of the round trips closed since the `first`-th.
  void record_trips_from(std::size_t first) {
    for (std::size_t k = first; k < result_.round_trips.size(); ++k) record_trip(result_.round_trips[k]);
  }

  // Rule 6: the maintenance margin at t's close (margin.hpp): a call, its end, or forced covers.
  void meet_margin(std::size_t t) {
    const std::size_t trips_before = result_.round_trips.size();
    MarginCheck check = check_maintenance(state(), panel_, t, last_, config_.rules.margin, config_.fees, config_.rules,
                                          &result_.round_trips);
    record_trips_from(trips_before);
    for (Fill& f : check.fills) {
      queued_[f.asset].active = false;  // the position its queued order was for is gone
      result_.fills.push_back(std::move(f));
    }
    record(std::move(check.entries));
  }

  void record(std::vector<LedgerEntry> entries) {
    for (LedgerEntry& e : entries) {
      result_.margin_calls += e.kind == LedgerKind::margin_call ? 1 : 0;
      result_.liquidations += e.kind == LedgerKind::liquidation ? 1 : 0;
      result_.ledger.push_back(std::move(e));
    }
  }

  // Rule 5: each position opened before t against its exits at t's close.
  void exit_at_risk_levels(std::size_t t, std::span<const double> closes) {
    const RiskExits& x = config_.exits;
    for (std::size_t a = 0; a < n_; ++a) {
      const double held = state().positions[a].quantity;
      const double c = closes[a];
      if (held == 0.0 || std::isnan(c) || entry_bar_[a] >= t) continue;
      const bool is_long = held > 0.0;
      const double sign = is_long ? 1.0 : -1.0;  // a short's levels mirror a long's
      const double entry = entry_price_[a];
      const bool stopped =
          (x.stop_loss_percent > 0 && sign * c <= sign * entry * (1.0 - sign * x.stop_loss_percent / 100.0)) ||
          (x.trailing_stop_percent > 0 && sign * c <= sign * extreme_[a] * (1.0 - sign * x.trailing_stop_percent / 100.0));
      extreme_[a] = is_long ? std::max(extreme_[a], c) : std::min(extreme_[a], c);
      const double target = entry * (1.0 + sign * x.take_profit_percent / 100.0);
      const bool at_target = !stopped && x.take_profit_percent > 0 && sign * c >= sign * target;
      if (!stopped && !at_target) continue;
      const QueuedOrder exit{is_long ? Side::sell : Side::buy, SizeKind::quantity, std::fabs(held), entry_bar_[a], -1.0f,
                             true};
      FillOrigin origin;
      origin.order_date = panel_.date(entry_bar_[a]);
      origin.model = grid_.model;
      auto fill = fill_at(a, exit, t, c, origin);
      if (!fill.ok()) {
        result_.rejections.push_back({panel_.date(t), t, panel_.asset(a).ticker, exit.side, fill.error()});
        continue;
      }
      if (at_target && sign * fill->price < sign * target) continue;  // slippage took it below the limit
      book(std::move(fill).value());
      queued_[a].active = false;  // the signal order queued for this position has nothing left to close
      ++result_.risk_exits;
    }
  }

  // The queued order priced at bar t's close moved by the slippage model (order.hpp's quote_fill).
  Result<Fill> fill_at(std::size_t a, const QueuedOrder& q, std::size_t t, double close, const FillOrigin& origin) {
    double price = close;
    if (charges_slippage(config_.rules.slippage)) {
      auto quote = quote_fill(panel_, a, t, q.side, q.kind, q.size, close, config_.rules);
      if (!quote.ok()) return quote.error();
      price = quote->price;
    }
    double size = q.size;
    if (q.kind == SizeKind::notional && q.side == Side::buy) size = affordable_notional(size, price);
    if (!(size > 0.0)) return make_error("insufficient_cash", "no cash left for the order");
    auto fill = price_fill(state(), a, q.side, q.kind, size, t, price, panel_.date(t), config_.fees, config_.rules,
                           origin, {}, close);
    if (fill.ok())
      if (Status s = check_initial_margin(state(), *fill, last_, config_.rules.margin); !s.ok()) return s.error();
    return fill;
  }

  // The largest notional ≤ `wanted` whose value and fee fit in cash (fees rise with value, except across
  // whole-value tiers: a few shrinking steps cover both).
  double affordable_notional(double wanted, double price) {
    const double cash = state().cash;
    double notional = wanted;
    for (int k = 0; k < 4; ++k) {
      const double fee = trade_fee(config_.fees, Side::buy, notional / price, price);
      if (round_to_cents(notional) + fee <= cash) return notional;
      notional = std::min(notional, cash - fee) * (k < 2 ? 1.0 : 0.999);
      if (notional <= 0.0) return 0.0;
    }
    return notional;
  }

  void record_trip(const RoundTrip& trip) {
    ++closed_;
    if (trip.pnl > 0.0) {
      ++wins_;
      win_sum_ += trip.pnl;
    } else if (trip.pnl < 0.0) {
      ++losses_;
      loss_sum_ -= trip.pnl;
    }
  }

  double payoff_ratio() const {
    if (!wins_ || !losses_) return std::numeric_limits<double>::quiet_NaN();
    return (win_sum_ / static_cast<double>(wins_)) / (loss_sum_ / static_cast<double>(losses_));
  }

  void queue(std::size_t a, Side side, SizeKind kind, double size, std::size_t t, float confidence) {
    queued_[a] = QueuedOrder{side, kind, size, t, confidence, true};
  }

  void read_signals(std::size_t t, double nav) {
    for (std::size_t a = 0; a < n_; ++a) {
      if (queued_[a].active) continue;
      const double held = state().positions[a].quantity;
      std::int8_t action = grid_.action(t, a);
      const float confidence = grid_.confidence(t, a);
      if (action == SignalGrid::kNone && config_.exit_after_bars > 0 && held != 0.0 &&
          t - entry_bar_[a] >= config_.exit_after_bars)
        action = static_cast<std::int8_t>(held > 0.0 ? SignalAction::sell : SignalAction::buy);
      if (action == SignalGrid::kNone || action == static_cast<std::int8_t>(SignalAction::hold)) continue;
      const auto act = static_cast<SignalAction>(action);
      if (act == SignalAction::buy && held < 0.0) {
        queue(a, Side::buy, SizeKind::quantity, -held, t, confidence);
      } else if (act == SignalAction::sell && held > 0.0) {
        queue(a, Side::sell, SizeKind::quantity, held, t, confidence);
      } else if (held == 0.0 && (act == SignalAction::buy || config_.rules.allow_short)) {
        const double f = position_fraction(config_.sizing, confidence, payoff_ratio(), closed_);
        const double notional = round_to_cents(f * nav);
        if (notional >= 0.01 && !std::isnan(last_[a]))
          queue(a, act == SignalAction::buy ? Side::buy : Side::sell, SizeKind::notional, notional, t, confidence);
      }
    }
  }

  const PricePanel& panel_;
  const SignalGrid& grid_;
  const StrategyConfig& config_;
  std::size_t end_, n_;
  std::vector<double> last_;
  std::vector<QueuedOrder> queued_;
  std::vector<std::size_t> entry_bar_;
  std::vector<double> entry_price_, extreme_;  // rule 5: the opening fill's price, the best close since
  StrategyResult result_;
  std::size_t closed_ = 0, wins_ = 0, losses_ = 0;
  double win_sum_ = 0.0, loss_sum_ = 0.0;
};

}  // namespace

SignalGrid::SignalGrid(std::size_t bars, std::size_t assets)
    : bars_(bars), assets_(assets), action_(bars * assets, kNone), confidence_(bars * assets, -1.0f) {}

bool SignalGrid::place(const PricePanel& panel, const Signal& signal) {
  const auto asset = panel.find(signal.ticker);
  const std::size_t through = panel.bars_through(signal.date);
  if (!asset || through == 0 || *asset >= assets_ || through > bars_) return false;
  const std::size_t bar = through - 1;
  set(bar, *asset, signal.action, static_cast<float>(signal.confidence));
  if (!signal.id.empty()) {
    if (ids.empty()) ids.resize(bars_ * assets_);
    ids[bar * assets_ + *asset] = signal.id;
  }
  return true;
}

void SignalGrid::set(std::size_t bar, std::size_t asset, SignalAction action, float confidence) {
  action_[bar * assets_ + asset] = static_cast<std::int8_t>(action);
  confidence_[bar * assets_ + asset] = confidence;
}

Status validate_risk_exits(const RiskExits& x) {
  auto within = [](double p, double below) { return std::isfinite(p) && p >= 0.0 && p < below; };
  if (!within(x.stop_loss_percent, 100.0)) return bad_config("stop_loss_percent must be in [0, 100)");
  if (!within(x.trailing_stop_percent, 100.0)) return bad_config("trailing_stop_percent must be in [0, 100)");
  if (!within(x.take_profit_percent, 10000.0 + 1e-9)) return bad_config("take_profit_percent must be in [0, 10000]");
  return {};
}

Result<StrategyResult> run_strategy(const PricePanel& panel, const SignalGrid& grid, const StrategyConfig& config) {
  if (Status s = validate_risk_exits(config.exits); !s.ok()) return s.error();
  if (Status s = check_participation(config.rules.max_participation, panel); !s.ok()) return s.error();
  if (!(std::isfinite(config.initial_cash) && config.initial_cash >= 0.0)) return bad_config("initial cash must be >= 0");
  if (!valid_sizing(config.sizing)) return bad_config("sizing fractions must be in (0, 1]");
  if (Status s = validate_fee_schedule(config.fees); !s.ok()) return s.error();
  if (Status s = validate_slippage(config.rules.slippage); !s.ok()) return s.error();
  if (Status s = validate_margin(config.rules.margin); !s.ok()) return s.error();
  if (Status s = check_slippage_market(config.rules.slippage, panel); !s.ok()) return s.error();
  if (grid.bars() != panel.bar_count() || grid.assets() != panel.asset_count())
    return bad_config("the signal grid does not match the panel");
  if (panel.bar_count() == 0 || config.start_bar >= panel.bar_count()) return bad_config("the period holds no bar");
  const std::size_t end = std::min(config.end_bar, panel.bar_count() - 1);
  if (end < config.start_bar) return bad_config("the period ends before it starts");
  return StrategyLoop(panel, grid, config, end).run();
}

Result<StrategyResult> run_strategy(const PricePanel& panel, std::span<const Signal> signals,
                                    const StrategyConfig& config) {
  SignalGrid grid(panel.bar_count(), panel.asset_count());
  std::size_t placed = 0;
  for (const Signal& s : signals) {
    if (grid.model.empty()) grid.model = s.model;
    if (s.model != grid.model) return bad_config("signals of several models: run one model at a time (compare_models)");
    placed += grid.place(panel, s) ? 1 : 0;
  }
  auto result = run_strategy(panel, grid, config);
  if (result.ok()) {
    result->signals_placed = placed;
    result->signals_dropped = signals.size() - placed;
  }
  return result;
}

}  // namespace finsim::portfolio
