#include "finsim/portfolio/fees.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "finsim/portfolio/money.hpp"

namespace finsim::portfolio {
namespace {

Error bad(std::string message) { return make_error("bad_fee_schedule", std::move(message)); }

bool amount_ok(double x) { return std::isfinite(x) && x >= 0.0; }
bool rate_ok(double x) { return std::isfinite(x) && x >= 0.0 && x < 1.0; }

bool applies(FeeSide applies_to, Side side) {
  return applies_to == FeeSide::both || (applies_to == FeeSide::buy) == (side == Side::buy);
}

double tiered_fee(const TieredFee& t, double value) {
  if (!t.marginal) {
    for (const FeeTier& tier : t.tiers)
      if (value <= tier.up_to) return tier.flat + tier.rate * value;
    return t.tiers.back().flat + t.tiers.back().rate * value;
  }
  double fee = 0.0, lower = 0.0;
  for (std::size_t k = 0; k < t.tiers.size(); ++k) {
    const FeeTier& tier = t.tiers[k];
    const bool last = k + 1 == t.tiers.size();
    const double upper = last ? value : std::min(value, tier.up_to);
    if (upper > lower) fee += tier.rate * (upper - lower);
    if (value <= tier.up_to || last) return fee + tier.flat;
    lower = tier.up_to;
  }
  return fee;
}

double component_fee(const FeeRule& rule, double quantity, double value) {
  struct Visitor {
    double quantity, value;
    double operator()(const FlatFee& f) const { return f.amount; }
    double operator()(const PercentFee& f) const { return f.rate * value; }
    double operator()(const TieredFee& f) const { return tiered_fee(f, value); }
    double operator()(const PerShareFee& f) const {
      double fee = std::max(f.per_share * quantity, f.minimum);
      if (f.maximum > 0.0) fee = std::min(fee, f.maximum);
      if (f.maximum_rate > 0.0) fee = std::min(fee, f.maximum_rate * value);
      return fee;
    }
  };
  return std::visit(Visitor{quantity, value}, rule);
}

std::string component_name(const FeeComponent& c, std::size_t index) {
  if (!c.label.empty()) return c.label;
  static constexpr const char* kNames[] = {"flat", "percent", "tiered", "per_share"};
  return std::string(kNames[c.rule.index()]) + "#" + std::to_string(index);
}

Status validate_rule(const FeeRule& rule, const std::string& where) {
  if (const auto* f = std::get_if<FlatFee>(&rule)) {
    if (!amount_ok(f->amount)) return bad(where + ": amount must be finite and >= 0");
  } else if (const auto* p = std::get_if<PercentFee>(&rule)) {
    if (!rate_ok(p->rate)) return bad(where + ": rate must be in [0, 1)");
  } else if (const auto* t = std::get_if<TieredFee>(&rule)) {
    if (t->tiers.empty()) return bad(where + ": tiers must not be empty");
    for (std::size_t k = 0; k < t->tiers.size(); ++k) {
      const FeeTier& tier = t->tiers[k];
      if (!rate_ok(tier.rate) || !amount_ok(tier.flat))
        return bad(where + ": tier " + std::to_string(k) + " needs rate in [0, 1) and flat >= 0");
      if (std::isnan(tier.up_to) || tier.up_to <= 0.0 || (k > 0 && !(tier.up_to > t->tiers[k - 1].up_to)))
        return bad(where + ": tier bounds must be positive and strictly increasing");
    }
  } else if (const auto* s = std::get_if<PerShareFee>(&rule)) {
    if (!amount_ok(s->per_share) || !amount_ok(s->minimum) || !amount_ok(s->maximum))
      return bad(where + ": per_share, minimum and maximum must be finite and >= 0");
    if (!rate_ok(s->maximum_rate)) return bad(where + ": maximum_rate must be in [0, 1)");
  }
  return {};
}

}  // namespace

Status validate_fee_schedule(const FeeSchedule& schedule) {
  for (std::size_t i = 0; i < schedule.components.size(); ++i) {
    Status s = validate_rule(schedule.components[i].rule, "component " + std::to_string(i));
    if (!s.ok()) return s;
  }
  return {};
}

double trade_fee(const FeeSchedule& schedule, Side side, double quantity, double price) {
  const double q = std::fabs(quantity);
  const double value = q * price;
  double fee = 0.0;
  for (const FeeComponent& c : schedule.components)
    if (applies(c.applies_to, side)) fee += component_fee(c.rule, q, value);
  return round_to_cents(fee);
}

TradeAmounts trade_amounts(const FeeSchedule& schedule, Side side, double quantity, double price) {
  TradeAmounts a;
  a.trade_value = round_to_cents(quantity * price);
  a.fee = trade_fee(schedule, side, quantity, price);
  a.net_cash = round_to_cents(side == Side::buy ? -(a.trade_value + a.fee) : a.trade_value - a.fee);
  return a;
}

Result<FeePreview> preview_fee(const FeeSchedule& schedule, Side side, double quantity, double price) {
  if (Status s = validate_fee_schedule(schedule); !s.ok()) return s.error();
  if (!(std::isfinite(quantity) && quantity > 0.0))
    return make_error("bad_quantity", "quantity must be a finite number > 0");
  if (!(std::isfinite(price) && price > 0.0)) return make_error("bad_price", "price must be a finite number > 0");
  FeePreview p;
  p.schedule = schedule.name;
  p.side = side;
  p.quantity = quantity;
  p.price = price;
  for (std::size_t i = 0; i < schedule.components.size(); ++i) {
    const FeeComponent& c = schedule.components[i];
    if (applies(c.applies_to, side))
      p.lines.push_back({component_name(c, i), component_fee(c.rule, quantity, quantity * price)});
  }
  const TradeAmounts amounts = trade_amounts(schedule, side, quantity, price);
  p.trade_value = amounts.trade_value;
  p.fee = amounts.fee;
  p.net_cash = amounts.net_cash;
  p.effective_rate = p.trade_value > 0.0 ? p.fee / p.trade_value : 0.0;
  return p;
}

std::vector<FeeSchedule> fee_presets() {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const FeeComponent ibkr{PerShareFee{0.005, 1.0, 0.0, 0.01}, FeeSide::both, "commission"};
  return {
      FeeSchedule{"zero", {}},
      FeeSchedule{"flat", {{FlatFee{1.0}, FeeSide::both, "commission"}}},
      FeeSchedule{"percent", {{PercentFee{0.001}, FeeSide::both, "commission"}}},
      FeeSchedule{"tiered",
                  {{TieredFee{{{10000.0, 0.002, 0.0}, {100000.0, 0.001, 0.0}, {kInf, 0.0005, 0.0}}, false},
                    FeeSide::both,
                    "commission"}}},
      FeeSchedule{"ibkr_fixed", {ibkr}},
      FeeSchedule{"ibkr_fixed_with_sec", {ibkr, {PercentFee{0.0000278}, FeeSide::sell, "SEC fee"}}},
  };
}

Result<FeeSchedule> fee_preset(std::string_view name) {
  for (FeeSchedule& s : fee_presets())
    if (s.name == name) return std::move(s);
  return make_error("unknown_fee_schedule", "unknown fee schedule '" + std::string(name) +
                                                "' (zero, flat, percent, tiered, ibkr_fixed, ibkr_fixed_with_sec)");
}

}  // namespace finsim::portfolio
