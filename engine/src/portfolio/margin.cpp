#include "finsim/portfolio/margin.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/json_fields.hpp"
#include "finsim/portfolio/money.hpp"
#include "finsim/portfolio/order.hpp"

namespace finsim::portfolio {
namespace {

Error bad_margin(std::string m) { return make_error("bad_margin", std::move(m)); }

double price_of(std::span<const double> prices, std::size_t a) {
  return a < prices.size() ? prices[a] : std::numeric_limits<double>::quiet_NaN();
}

// |q|·p of a short position (valued at its cost when it has no price).
double short_value(const Position& p, double price) {
  if (p.quantity >= 0.0) return 0.0;
  return std::isnan(price) ? std::fabs(cost_basis(p)) : -p.quantity * price;
}

bool holds_shorts(const PortfolioState& state) {
  return std::any_of(state.positions.begin(), state.positions.end(), [](const Position& p) { return p.quantity < 0.0; });
}

// The traded position after a fill, without copying the state: its units, and the price it is valued at —
// its close, or the fill's price when it has none yet.
struct Traded {
  double after = 0.0;
  double mark = 0.0;
};

Traded traded(const PortfolioState& state, const Fill& fill, std::span<const double> prices) {
  const double close = price_of(prices, fill.asset);
  return {state.positions[fill.asset].quantity + (fill.side == Side::buy ? fill.quantity : -fill.quantity),
          std::isnan(close) ? fill.price : close};
}

// S after a fill: the other shorts at `prices`, the traded position at its mark.
double shorts_after(const PortfolioState& state, const Fill& fill, const Traded& t, std::span<const double> prices) {
  double s = std::max(0.0, -t.after) * t.mark;
  for (std::size_t a = 0; a < state.positions.size(); ++a)
    if (a != fill.asset && state.positions[a].quantity < 0.0) s += short_value(state.positions[a], price_of(prices, a));
  return s;
}

}  // namespace

std::string_view ledger_kind_name(LedgerKind kind) {
  switch (kind) {
    case LedgerKind::borrow_fee: return "borrow_fee";
    case LedgerKind::margin_call: return "margin_call";
    case LedgerKind::call_met: return "call_met";
    case LedgerKind::liquidation: return "liquidation";
  }
  return "borrow_fee";
}

std::optional<LedgerKind> ledger_kind_from_name(std::string_view name) {
  for (LedgerKind k : {LedgerKind::borrow_fee, LedgerKind::margin_call, LedgerKind::call_met, LedgerKind::liquidation})
    if (ledger_kind_name(k) == name) return k;
  return std::nullopt;
}

Status validate_margin(const MarginRules& r) {
  auto share = [](double x) { return std::isfinite(x) && x >= 0.0 && x <= 1.0; };
  if (!share(r.initial)) return bad_margin("initial margin must be a share from 0 to 1");
  if (!share(r.maintenance)) return bad_margin("maintenance margin must be a share from 0 to 1");
  if (r.maintenance > r.initial) return bad_margin("maintenance margin cannot exceed the initial margin");
  if (!share(r.borrow_rate)) return bad_margin("borrow_rate must be an annual rate from 0 to 1");
  return {};
}

Result<MarginRules> margin_from_json(const nlohmann::json& j, const MarginRules& absent) {
  JsonFields f(j, "margin", "bad_margin", {"initial", "maintenance", "borrow_rate"});
  MarginRules r;
  r.initial = f.number("initial", absent.initial);
  r.maintenance = f.number("maintenance", absent.maintenance);
  r.borrow_rate = f.number("borrow_rate", absent.borrow_rate);
  if (!f.ok()) return f.error();
  if (Status s = validate_margin(r); !s.ok()) return s.error();
  return r;
}

nlohmann::json margin_to_json(const MarginRules& r) {
  return {{"initial", r.initial}, {"maintenance", r.maintenance}, {"borrow_rate", r.borrow_rate}};
}

Result<MarginRules> margin_for(bool allow_short, const nlohmann::json* given) {
  const MarginRules usual = allow_short ? MarginRules{kRegTInitialMargin, kFinraMaintenanceMargin, kGeneralCollateralBorrowRate}
                                        : MarginRules{};
  if (!given || given->is_null()) return usual;
  auto read = margin_from_json(*given, usual);  // a field left out keeps the usual figure, not 0
  if (read.ok() && read->any() && !allow_short)
    return bad_margin("margin applies to portfolios that may sell short (allow_short)");
  return read;
}

MarginStatus margin_status(const PortfolioState& state, std::span<const double> prices, const MarginRules& rules) {
  MarginStatus m;
  m.cash = state.cash;
  m.equity = net_asset_value(state, prices);
  for (std::size_t a = 0; a < state.positions.size(); ++a) m.short_value += short_value(state.positions[a], price_of(prices, a));
  m.initial_requirement = rules.initial * m.short_value;
  m.maintenance_requirement = rules.maintenance * m.short_value;
  return m;
}

void apply_entry(PortfolioState& state, const LedgerEntry& e) {
  switch (e.kind) {
    case LedgerKind::borrow_fee:
      state.cash = round_to_cents(state.cash - e.amount);
      state.borrow_fees_paid = round_to_cents(state.borrow_fees_paid + e.amount);
      break;
    case LedgerKind::margin_call: state.margin_call = e.date; break;
    case LedgerKind::call_met: state.margin_call.reset(); break;
    case LedgerKind::liquidation: break;  // the call ends with the call_met that follows, if the rest meets it
  }
}

MarginStatus margin_after(const PortfolioState& state, const Fill& fill, std::span<const double> prices,
                          const MarginRules& rules) {
  // The fill moves cash by its net cash (at its own, slipped, price) and its position by its units,
  // valued like every other at the close.
  const Traded t = traded(state, fill, prices);
  MarginStatus m;
  m.cash = round_to_cents(state.cash + fill.net_cash);
  m.equity = m.cash + t.after * t.mark;
  for (std::size_t a = 0; a < state.positions.size(); ++a) {
    const Position& p = state.positions[a];
    if (a == fill.asset || p.quantity == 0.0) continue;
    const double price = price_of(prices, a);
    m.equity += std::isnan(price) ? cost_basis(p) : p.quantity * price;
  }
  m.short_value = shorts_after(state, fill, t, prices);
  m.initial_requirement = rules.initial * m.short_value;
  m.maintenance_requirement = rules.maintenance * m.short_value;
  return m;
}

Status check_initial_margin(const PortfolioState& state, const Fill& fill, std::span<const double> prices,
                            const MarginRules& rules) {
  if (!(rules.initial > 0.0)) return {};
  const double before = state.positions[fill.asset].quantity;
  const bool adds_short = fill.side == Side::sell && fill.quantity > std::max(0.0, before);
  const bool adds_long = fill.side == Side::buy && fill.quantity > std::max(0.0, -before);
  if (!adds_short && !adds_long) return {};  // closes positions only
  // One rule for both, whatever the order of the trades: the cash must hold the shorts' value and their
  // initial margin. Longs are paid in full, so they neither back shorts nor are bought with short proceeds.
  // (margin_after's cash and S, without the equity this rule does not read: it runs at every trade.)
  const double cash = round_to_cents(state.cash + fill.net_cash);
  const double shorts = shorts_after(state, fill, traded(state, fill, prices), prices);
  const double initial = rules.initial * shorts;
  if (cash + 1e-9 >= shorts + initial) return {};
  const std::string what = adds_short ? "the sale" : "the purchase";
  return make_error("insufficient_margin",
                    "shorts of " + money_text(shorts) + " need cash of " + money_text(shorts + initial) +
                        " — their value and " + money_text(rules.initial * 100.0) + " % initial margin, " +
                        money_text(initial) + " —; the cash after " + what + " would be " + money_text(cash) +
                        " (longs are paid in full, not with what the shorts hold back)");
}

Result<Fill> price_forced_cover(const PortfolioState& state, std::size_t asset, double units, std::size_t bar,
                                double price, double reference_price, Date date, const FeeSchedule& fees,
                                const PortfolioRules& rules) {
  PortfolioState unbounded = state;  // no cash check refuses it
  unbounded.cash = std::numeric_limits<double>::max();
  FillOrigin origin;
  origin.order_date = date;
  origin.model = std::string(kLiquidationModel);
  return price_fill(unbounded, asset, Side::buy, SizeKind::quantity, units, bar, price, date, fees, rules, origin, {},
                    reference_price);
}

std::vector<LedgerEntry> charge_borrow_fees(PortfolioState& state, const PricePanel& panel, std::size_t bar,
                                            std::size_t previous_bar, const MarginRules& rules) {
  std::vector<LedgerEntry> out;
  if (!(rules.borrow_rate > 0.0) || bar >= panel.bar_count() || previous_bar >= bar) return out;
  const int days = panel.date(bar).days - panel.date(previous_bar).days;
  if (days <= 0) return out;
  for (std::size_t a = 0; a < state.positions.size(); ++a) {
    const Position& p = state.positions[a];
    if (p.quantity >= 0.0) continue;
    double price = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t b = bar + 1; b-- > 0 && std::isnan(price);)
      if (panel.has_close(b, a)) price = panel.close(b, a);
    if (std::isnan(price)) continue;  // never priced: nothing to charge on
    LedgerEntry e;
    e.kind = LedgerKind::borrow_fee;
    e.bar = bar;
    e.date = panel.date(bar);
    e.ticker = p.ticker;
    e.quantity = -p.quantity;
    e.price = price;
    e.days = days;
    e.amount = round_to_cents(e.quantity * price * rules.borrow_rate * days / 360.0);
    if (e.amount <= 0.0) continue;
    e.after_fills = state.fill_count;
    apply_entry(state, e);
    out.push_back(std::move(e));
  }
  return out;
}

MarginCheck check_maintenance(PortfolioState& state, const PricePanel& panel, std::size_t bar,
                              std::span<const double> prices, const MarginRules& rules, const FeeSchedule& fees,
                              const PortfolioRules& rules_of_fills, std::vector<RoundTrip>* closed) {
  MarginCheck out;
  if (!(rules.maintenance > 0.0)) return out;
  if (!state.margin_call && !holds_shorts(state)) return out;  // no short, no call: nothing to require
  const MarginStatus m = margin_status(state, prices, rules);
  LedgerEntry e;
  e.bar = bar;
  e.date = panel.date(bar);
  e.after_fills = state.fill_count;
  if (m.equity >= m.maintenance_requirement) {
    if (!state.margin_call) return out;
    e.kind = LedgerKind::call_met;
    e.amount = round_to_cents(m.equity - m.maintenance_requirement);
    apply_entry(state, e);
    out.entries.push_back(std::move(e));
    return out;
  }
  if (!state.margin_call || *state.margin_call >= e.date) {  // a new call: the holder has until the next bar
    e.kind = LedgerKind::margin_call;
    e.amount = round_to_cents(m.maintenance_requirement - m.equity);
    apply_entry(state, e);
    out.entries.push_back(std::move(e));
    return out;
  }
  // Unmet since an earlier bar: cover whole shorts, the largest first, until the rest meets the initial
  // requirement (the maintenance one when there is no initial margin).
  std::vector<std::size_t> shorts;
  for (std::size_t a = 0; a < state.positions.size(); ++a)
    if (state.positions[a].quantity < 0.0 && panel.has_close(bar, a)) shorts.push_back(a);
  std::stable_sort(shorts.begin(), shorts.end(), [&](std::size_t x, std::size_t y) {
    return short_value(state.positions[x], prices[x]) > short_value(state.positions[y], prices[y]);
  });
  const double ratio = std::max(rules.initial, rules.maintenance);
  for (std::size_t a : shorts) {
    const MarginStatus now = margin_status(state, prices, rules);
    if (now.equity >= ratio * now.short_value) break;
    const double units = -state.positions[a].quantity;
    const double close = panel.close(bar, a);
    double price = close;
    if (charges_slippage(rules_of_fills.slippage)) {
      auto quote = quote_fill(panel, a, bar, Side::buy, SizeKind::quantity, units, close, rules_of_fills);
      if (quote.ok()) price = quote->price;
    }
    auto fill = price_forced_cover(state, a, units, bar, price, close, e.date, fees, rules_of_fills);
    if (!fill.ok()) continue;  // not priceable (cannot happen for a positive close and units)
    LedgerEntry l = e;
    l.kind = LedgerKind::liquidation;
    l.ticker = state.positions[a].ticker;
    l.quantity = units;
    l.price = fill->price;
    apply_fill(state, *fill, closed);
    l.after_fills = state.fill_count;
    apply_entry(state, l);
    out.entries.push_back(std::move(l));
    out.fills.push_back(std::move(fill).value());
  }
  // The call ends when the rest meets the maintenance margin or no short is left to cover; else (a short
  // without a close at this bar) it stays open, and the next close covers again.
  const MarginStatus after = margin_status(state, prices, rules);
  if (after.equity >= after.maintenance_requirement || !holds_shorts(state)) {
    LedgerEntry met = e;
    met.kind = LedgerKind::call_met;
    met.amount = round_to_cents(std::max(0.0, after.excess()));
    met.after_fills = state.fill_count;
    apply_entry(state, met);
    out.entries.push_back(std::move(met));
  }
  return out;
}

}  // namespace finsim::portfolio
