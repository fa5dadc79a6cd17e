#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/fees.hpp"
#include "finsim/portfolio/json_fields.hpp"

namespace finsim::portfolio {
namespace {

using nlohmann::json;
constexpr double kInf = std::numeric_limits<double>::infinity();

const char* side_text(FeeSide s) { return s == FeeSide::both ? "both" : s == FeeSide::buy ? "buy" : "sell"; }

std::optional<FeeRule> parse_rule(JsonFields& f, const std::string& type) {
  if (type == "flat") return FeeRule{FlatFee{f.number("amount", 0.0, true)}};
  if (type == "percent") return FeeRule{PercentFee{f.number("rate", 0.0, true)}};
  if (type == "per_share")
    return FeeRule{PerShareFee{f.number("per_share", 0.0, true), f.number("minimum", 0.0), f.number("maximum", 0.0),
                               f.number("maximum_rate", 0.0)}};
  if (type == "tiered") {
    TieredFee t;
    t.marginal = f.boolean("marginal", false);
    const json& tiers = f.member("tiers");
    if (!tiers.is_array()) {
      f.fail("\"tiers\" must be an array");
      return std::nullopt;
    }
    for (std::size_t k = 0; k < tiers.size(); ++k) {
      JsonFields tf(tiers[k], f.where() + ".tiers[" + std::to_string(k) + "]", "bad_fee_schedule",
                    {"up_to", "rate", "flat"});
      FeeTier tier{tf.number_or_null("up_to", kInf, kInf), tf.number("rate", 0.0), tf.number("flat", 0.0)};
      if (!tf.ok()) {
        f.fail(tf.error().message);
        return std::nullopt;
      }
      t.tiers.push_back(tier);
    }
    return FeeRule{t};
  }
  f.fail("unknown fee type \"" + type + "\" (flat, percent, tiered, per_share)");
  return std::nullopt;
}

json rule_to_json(const FeeRule& rule) {
  struct Visitor {
    json operator()(const FlatFee& f) const { return {{"type", "flat"}, {"amount", f.amount}}; }
    json operator()(const PercentFee& f) const { return {{"type", "percent"}, {"rate", f.rate}}; }
    json operator()(const PerShareFee& f) const {
      return {{"type", "per_share"}, {"per_share", f.per_share}, {"minimum", f.minimum},
              {"maximum", f.maximum}, {"maximum_rate", f.maximum_rate}};
    }
    json operator()(const TieredFee& f) const {
      json tiers = json::array();
      for (const FeeTier& t : f.tiers)
        tiers.push_back({{"up_to", std::isinf(t.up_to) ? json(nullptr) : json(t.up_to)}, {"rate", t.rate},
                         {"flat", t.flat}});
      return {{"type", "tiered"}, {"marginal", f.marginal}, {"tiers", tiers}};
    }
  };
  return std::visit(Visitor{}, rule);
}

}  // namespace

Result<FeeSchedule> fee_schedule_from_json(const json& j) {
  JsonFields top(j, "fee schedule", "bad_fee_schedule", {"name", "components"});
  FeeSchedule s;
  s.name = top.text("name", "", true);
  const json& components = top.member("components");
  // Required, so that a typo or a null never silently means "no fees"; [] is a schedule without fees.
  if (top.ok() && !components.is_array())
    top.fail(top.has("components") ? "\"components\" must be an array" : "missing \"components\"");
  if (!top.ok()) return top.error();
  for (std::size_t i = 0; i < components.size(); ++i) {
    JsonFields f(components[i], "components[" + std::to_string(i) + "]", "bad_fee_schedule",
                 {"type", "amount", "rate", "per_share", "minimum", "maximum", "maximum_rate", "tiers", "marginal",
                  "applies_to", "label"});
    const std::string type = f.text("type", "", true);
    const std::string side = f.text("applies_to", "both");
    FeeComponent c;
    c.label = f.text("label", "");
    if (side == "both") c.applies_to = FeeSide::both;
    else if (side == "buy") c.applies_to = FeeSide::buy;
    else if (side == "sell") c.applies_to = FeeSide::sell;
    else f.fail("\"applies_to\" must be \"both\", \"buy\" or \"sell\"");
    std::optional<FeeRule> rule;
    if (f.ok()) rule = parse_rule(f, type);
    if (!f.ok()) return f.error();
    c.rule = *rule;
    s.components.push_back(std::move(c));
  }
  if (Status v = validate_fee_schedule(s); !v.ok()) return v.error();
  return s;
}

json fee_schedule_to_json(const FeeSchedule& schedule) {
  json components = json::array();
  for (const FeeComponent& c : schedule.components) {
    json o = rule_to_json(c.rule);
    o["applies_to"] = side_text(c.applies_to);
    o["label"] = c.label;
    components.push_back(std::move(o));
  }
  return {{"name", schedule.name}, {"components", components}};
}

json fee_preview_to_json(const FeePreview& p) {
  json lines = json::array();
  for (const FeeLine& l : p.lines) lines.push_back({{"label", l.label}, {"amount", l.amount}});
  return {{"schedule", p.schedule},       {"side", side_name(p.side)},   {"quantity", p.quantity},
          {"price", p.price},             {"trade_value", p.trade_value}, {"fee", p.fee},
          {"net_cash", p.net_cash},       {"effective_rate", p.effective_rate}, {"components", lines}};
}

}  // namespace finsim::portfolio
