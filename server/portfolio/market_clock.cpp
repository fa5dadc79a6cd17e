#include "market_clock.hpp"

#include <nlohmann/json.hpp>

#include "api_responses.hpp"
#include "finsim/portfolio/money.hpp"
#include "finsim/portfolio/participation.hpp"
#include "order_records.hpp"
#include "reservations.hpp"

namespace finsim::server {
namespace {

struct Counts {
  std::size_t filled = 0, partial = 0, expired = 0, rejected = 0, cancelled = 0, pending = 0;
};

/// A live portfolio's state while a bar is processed: changed here, applied to the book at the end.
struct Draft {
  Ledger* ledger;
  pf::PortfolioState state;
  std::vector<OrderRecord> pending;  ///< its pending orders, oldest first
  std::vector<pf::RoundTrip> trips;
  std::vector<pf::Fill> fills;
  std::vector<std::int64_t> fill_ids;
  std::vector<pf::LedgerEntry> entries;
  std::vector<std::int64_t> entry_ids;

  /// Whether a bar concerns it: something pending, or a position whose value moves.
  [[nodiscard]] bool concerned() const {
    if (!pending.empty()) return true;
    for (const pf::Position& p : state.positions)
      if (!p.lots.empty()) return true;
    return false;
  }
};

/// The drafts of the market's tradable portfolios that the next bar concerns, in portfolio order.
Result<std::vector<Draft>> concerned_portfolios(JobContext& ctx, const Market& m) {
  auto pending = all_pending_orders(ctx.db());
  if (!pending.ok()) return pending.error();
  std::vector<Draft> drafts;
  auto order = pending->begin();
  for (auto& [id, l] : ctx.book().ledgers()) {
    std::vector<OrderRecord> mine;
    for (; order != pending->end() && order->portfolio_id < id; ++order) {}
    for (; order != pending->end() && order->portfolio_id == id; ++order) mine.push_back(std::move(*order));
    if (l.info.market_id != m.id || !l.tradable() || (mine.empty() && !l.holds_positions())) continue;
    drafts.push_back(Draft{&l, l.state, std::move(mine), {}, {}, {}, {}, {}});
  }
  return drafts;
}

/// Stores the margin's entries (and a liquidation's fill before its entry) and keeps them in the draft.
Status store_margin(JobContext& ctx, Draft& d, const Market& m, std::vector<pf::LedgerEntry> entries,
                    std::vector<pf::Fill> fills) {
  auto& db = ctx.db();
  const std::int64_t id = d.ledger->info.id;
  // The engine booked everything already (d.state is after the last fill); each fill's `cash_after` is
  // the cash right after it, rebuilt from the cash before the first (entries here move no cash).
  double cash = d.state.cash;
  for (const pf::Fill& f : fills) cash -= f.net_cash;
  std::size_t next_fill = 0;
  for (pf::LedgerEntry& e : entries) {
    std::optional<std::int64_t> fill_id;
    if (e.kind == pf::LedgerKind::liquidation && next_fill < fills.size()) {
      pf::Fill fill = std::move(fills[next_fill++]);
      fill.bar = m.clock;
      pf::PortfolioState after = d.state;
      cash = pf::round_to_cents(cash + fill.net_cash);
      after.cash = next_fill == fills.size() ? d.state.cash : cash;
      auto stored = store_fill(db, id, after, m, fill, std::nullopt);
      if (!stored.ok()) return stored.error();
      fill_id = *stored;
      d.fills.push_back(std::move(fill));
      d.fill_ids.push_back(*stored);
    }
    auto stored = store_entry(db, id, d.state, e, fill_id);
    if (!stored.ok()) return stored.error();
    if (ctx.listened())
      ctx.publish("LEDGER_ENTRY", {{"portfolio_id", id}, {"entry", ledger_entry_json(e, *stored, fill_id)}}, id);
    d.entries.push_back(std::move(e));
    d.entry_ids.push_back(*stored);
  }
  return {};
}

/// Steps 0 to 2 of the header for one portfolio at the market's (new) clock; `prices` are the
/// market's last prices at that bar.
Status process_bar(JobContext& ctx, Draft& d, const Market& m, const std::vector<double>& prices, Counts& counts) {
  auto& db = ctx.db();
  const Ledger& l = *d.ledger;
  const pf::MarginRules& margin = l.info.rules.margin;
  if (margin.borrow_rate > 0.0 && m.clock > 0)  // the shorts held since the last bar pay for the days between
    if (Status s = store_margin(ctx, d, m, pf::charge_borrow_fees(d.state, *m.panel, m.clock, m.clock - 1, margin), {});
        !s.ok())
      return s;
  // Each order is checked against what the portfolio's other pending orders reserve: a fill never
  // takes cash or units reserved for another order. An order that leaves pending releases its own.
  std::vector<pf::Reservation> reserved;
  auto held = reservations_of(ctx.book(), l, m, d.pending, &reserved);
  if (!held.ok()) return held.error();
  std::vector<std::optional<std::int64_t>> brackets;  // each order's bracket, kept apart from the moves below
  for (const OrderRecord& o : d.pending) brackets.push_back(o.bracket_id);
  std::vector<OrderRecord> still_pending;
  // An order leaving pending that ends its bracket's other orders (bracket.hpp): stored, told, and
  // skipped below when it comes later in the list.
  auto cancel = [&](OrderRecord& x, const std::string& code, const std::string& message) -> Status {
    if (x.status != "pending") return {};
    x.status = "cancelled";
    x.error = Error{code, message};
    ++counts.cancelled;
    if (Status s = set_order_status(db, x.id, x.status, x.error); !s.ok()) return s;
    if (ctx.listened()) ctx.publish("ORDER_UPDATE", {{"portfolio_id", l.info.id}, {"order", order_json(x, nullptr)}}, l.info.id);
    return {};
  };
  // The other exit of `exit`'s bracket is cancelled: `exit` (the i-th pending order) left pending, or
  // filled a part (one-cancels-other).
  auto end_bracket = [&](const OrderRecord& exit, std::size_t i, const std::string& what) -> Status {
    const std::string why = "the other exit of its bracket, order " + std::to_string(exit.id) + ", " + what;
    for (std::size_t j = i + 1; j < d.pending.size(); ++j)  // those before i were moved to still_pending
      if (d.pending[j].bracket_id == exit.bracket_id)
        if (Status s = cancel(d.pending[j], "one_cancels_other", why); !s.ok()) return s;
    for (OrderRecord& x : still_pending)
      if (x.bracket_id == exit.bracket_id && x.id != exit.id)
        if (Status s = cancel(x, "one_cancels_other", why); !s.ok()) return s;
    return {};
  };
  auto tell = [&](const OrderRecord& x) -> Status {
    if (!ctx.listened()) return {};  // the message and the fills read for it are for viewers only
    auto message = order_with_fills_json(db, x);
    if (!message.ok()) return message.error();
    ctx.publish("ORDER_UPDATE", {{"portfolio_id", l.info.id}, {"order", *message}}, l.info.id);
    return {};
  };
  for (std::size_t i = 0; i < d.pending.size(); ++i) {
    OrderRecord& o = d.pending[i];
    if (o.status != "pending") continue;  // cancelled earlier in this bar by its bracket
    if (!o.active) {                      // a bracket exit whose entry has not filled
      still_pending.push_back(std::move(o));
      continue;
    }
    pf::Reservations others = *held;
    others.remove(reserved[i]);
    // A bracket's exits share one reservation (reservations.hpp): neither fill may take the other's.
    if (o.bracket_id)
      for (std::size_t j = 0; j < d.pending.size(); ++j)
        if (j != i && brackets[j] == o.bracket_id) others.remove(reserved[j]);
    const pf::FeeSchedule& fees = ctx.book().fees_of(l, o.fee_structure_id).schedule;
    auto exec = pf::execute_order(d.state, o.order, *m.visible, fees, l.info.rules, others);
    if (exec.ok() && exec->fill)  // a short sale, or a long bought while short, meets the initial margin (margin.hpp)
      if (Status s = pf::check_initial_margin(d.state, *exec->fill, prices, margin); !s.ok()) exec = s.error();
    std::string status;
    if (!exec.ok()) {
      status = "rejected";
      o.error = exec.error();
      ++counts.rejected;
    } else if (exec->status == pf::ExecutionStatus::filled || exec->status == pf::ExecutionStatus::partial) {
      // An order filled in parts (participation.hpp) stores each part under `part_of`, and what it has
      // filled; one filled whole in one fill is the order's `order_id` fill, as ever.
      const bool part = exec->status == pf::ExecutionStatus::partial;
      const bool in_parts = part || o.order.filled > 0.0;
      pf::Fill fill = book_fill(d.state, d.trips, m, *exec->fill);
      auto id = in_parts ? store_fill(db, l.info.id, d.state, m, fill, std::nullopt, o.id)
                         : store_fill(db, l.info.id, d.state, m, fill, o.id);
      if (!id.ok()) return id.error();
      if (in_parts) {
        o.order.filled = part ? o.order.filled + pf::filled_amount(o.order.size_kind, fill) : o.order.size;
        o.order.last_part = fill.date;
        if (Status s = record_part(db, o); !s.ok()) return s;
      }
      d.fills.push_back(std::move(fill));
      d.fill_ids.push_back(*id);
      if (part) {  // the rest waits for a later bar, holding back only what it still needs
        ++counts.partial;
        if (o.bracket_id)
          if (Status s = end_bracket(o, i, "filled a part"); !s.ok()) return s;
        auto rest = order_reservation(ctx.book(), l, m, o);
        if (!rest.ok()) return rest.error();
        *held = std::move(others);
        held->add(*rest);
        reserved[i] = *rest;
        if (Status s = tell(o); !s.ok()) return s;
        still_pending.push_back(std::move(o));
        continue;
      }
      status = "filled";
      ++counts.filled;
    } else if (exec->status == pf::ExecutionStatus::expired) {
      status = "expired";
      ++counts.expired;
    } else {
      still_pending.push_back(std::move(o));
      continue;
    }
    *held = std::move(others);  // released: filled, expired or rejected
    if (Status s = set_order_status(db, o.id, status, o.error); !s.ok()) return s;
    o.status = status;
    if (Status s = tell(o); !s.ok()) return s;
    // Brackets: an entry that filled — whole, or a part before it ended — arms its exits for the units it
    // got, one that ended with nothing cancels them; an exit's end, whatever it is, cancels the other
    // exit (one-cancels-other).
    if (o.bracket_id) {
      if (Status s = end_bracket(o, i, "was " + status); !s.ok()) return s;
      continue;
    }
    const std::string name = "order " + std::to_string(o.id);
    for (std::size_t j = i + 1; j < d.pending.size(); ++j) {
      OrderRecord& exit = d.pending[j];
      if (exit.bracket_id != o.id || exit.status != "pending") continue;
      if (status != "filled" && !(o.order.filled > 0.0)) {
        if (Status s = cancel(exit, "bracket_entry_" + status, "its entry, " + name + ", was " + status); !s.ok()) return s;
        continue;
      }
      // What the entry got, as of its last fill (no parts: it filled whole just now).
      const pf::Date filled_on = o.order.last_part ? *o.order.last_part : d.fills.back().date;
      if (Status s = arm_order(db, exit, o, filled_on); !s.ok()) return s;
      if (Status s = tell(exit); !s.ok()) return s;
    }
  }
  std::erase_if(still_pending, [](const OrderRecord& x) { return x.status != "pending"; });
  if (margin.maintenance > 0.0) {  // the close after the bar's fills: a call, its end, or forced covers
    pf::MarginCheck check = pf::check_maintenance(d.state, *m.panel, m.clock, prices, margin,
                                                  ctx.book().fees_of(l).schedule, l.info.rules,
                                                  &d.trips);
    if (Status s = store_margin(ctx, d, m, std::move(check.entries), std::move(check.fills)); !s.ok()) return s;
    // The holder's own pending orders stay: a buy meant to cover a liquidated short would now open a long
    // (docs/portfolio.md, "Short selling on margin").
  }
  counts.pending += still_pending.size();
  d.pending = std::move(still_pending);
  return snapshot_state(db, l.info.id, d.state, m, m.clock, &prices);
}

nlohmann::json bar_json(const Market& m, const pf::MarketConditions& c) {
  const std::string& regime = m.regimes[m.clock];
  return {{"date", pf::format_date(m.clock_date())},
          {"regime", regime.empty() ? nlohmann::json(nullptr) : nlohmann::json(regime)},
          {"stress", c.stress},
          {"jump", c.jump}};
}

}  // namespace

Result<nlohmann::json> advance_market(JobContext& ctx, std::int64_t market_id, std::size_t bars,
                                      const pf::MarketConditions& conditions) {
  Book& book = ctx.book();
  auto found = book.market(market_id);
  if (!found.ok()) return found.error();
  Market m = **found;  // a draft: the book changes only once everything is stored
  auto concerned = concerned_portfolios(ctx, m);
  if (!concerned.ok()) return concerned.error();
  std::vector<Draft>& drafts = *concerned;
  std::vector<bool> touched(drafts.size(), false);
  Counts counts;
  nlohmann::json added = nlohmann::json::array();
  for (std::size_t step = 0; step < bars; ++step) {
    counts.pending = 0;  // what is still pending after the last bar
    if (m.bars_ahead() > 0) {
      m.set_clock(m.clock + 1);
      if (Status s = store_clock(ctx.db(), m); !s.ok()) return s.error();
      added.push_back(bar_json(m, {}));
    } else {
      Status extended = extend_simulated_market(ctx.db(), m, conditions);
      if (!extended.ok()) {
        if (step > 0 && extended.error().code == "conflict") break;  // as far as the data goes
        return extended.error();
      }
      added.push_back(bar_json(m, conditions));
    }
    const std::vector<double> prices = pf::last_prices(*m.panel, m.clock);
    for (std::size_t i = 0; i < drafts.size(); ++i) {
      if (!drafts[i].concerned()) continue;  // became idle on an earlier bar of this advance
      if (Status s = process_bar(ctx, drafts[i], m, prices, counts); !s.ok()) return s.error();
      touched[i] = true;
    }
  }
  // Everything is stored: apply to the book.
  **found = std::move(m);
  const Market& now = **found;
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    Draft& d = drafts[i];
    Ledger& l = *d.ledger;
    l.state = std::move(d.state);
    l.trips.insert(l.trips.end(), d.trips.begin(), d.trips.end());
    for (std::size_t f = 0; f < d.fills.size(); ++f) {
      l.fills.push_back(std::move(d.fills[f]));
      l.fill_ids.push_back(d.fill_ids[f]);
    }
    for (std::size_t e = 0; e < d.entries.size(); ++e) {
      l.entries.push_back(std::move(d.entries[e]));
      l.entry_ids.push_back(d.entry_ids[e]);
    }
    if (touched[i]) ctx.publish("PORTFOLIO_UPDATE", {{"portfolio", portfolio_summary_json(l, now)}}, l.info.id);
  }
  nlohmann::json out = {{"market", market_to_json(now)},
                        {"bars", added},
                        {"orders",
                         {{"filled", counts.filled},
                          {"expired", counts.expired},
                          {"rejected", counts.rejected},
                          {"cancelled", counts.cancelled},
                          {"partial", counts.partial},
                          {"pending", counts.pending}}}};
  ctx.publish("MARKET_UPDATE", {{"market", out["market"]}, {"bars", added}});
  return out;
}

HttpResponse advance_default_market(JobContext& ctx) {
  auto r = advance_market(ctx, 0, 1, {});
  if (!r.ok()) return error_response(r.error());
  return json_response(200, *r);
}

}  // namespace finsim::server
