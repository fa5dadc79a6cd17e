#include "finsim/intervention_body.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "body_fields.hpp"

namespace finsim {

bool is_intervention(std::string_view c) {
  return c == "force_default" || c == "inject_liquidity" || c == "price_shock" || c == "force_action" || c == "policy";
}

Result<Intervention> intervention_from_body(std::string_view control, const nlohmann::json& b) {
  using namespace body;
  if (Status st = require_object(b); !st.ok()) return st.error();
  Intervention iv;
  if (control == "policy") {
    if (Status st = only_fields(b, {"policy"}); !st.ok()) return st.error();
    const auto* name = b.contains("policy") ? b["policy"].get_ptr<const std::string*>() : nullptr;
    if (!name) return bad_request(b.contains("policy") ? "field 'policy' must be a string" : "missing field 'policy'");
    iv.kind = Intervention::Kind::policy;
    iv.policy = *name;
    return iv;
  }
  if (control == "price_shock") {
    if (Status st = only_fields(b, {"share"}); !st.ok()) return st.error();
    auto share = number_field(b, "share");
    if (!share.ok()) return share.error();
    iv.kind = Intervention::Kind::price_shock;
    iv.amount = *share;
    return iv;
  }
  if (!is_intervention(control)) return bad_request("'" + std::string(control) + "' is not an intervention");
  const bool inject = control == "inject_liquidity", act = control == "force_action";
  Status fields = inject ? only_fields(b, {"bank", "amount"}) : act ? only_fields(b, {"bank", "action"}) : only_fields(b, {"bank"});
  if (!fields.ok()) return fields.error();
  auto bank = bank_field(b);
  if (!bank.ok()) return bank.error();
  iv.bank = *bank;
  if (inject) {
    auto amount = number_field(b, "amount");
    if (!amount.ok()) return amount.error();
    iv.kind = Intervention::Kind::inject_liquidity;
    iv.amount = *amount;
  } else if (act) {
    const auto* name = b.contains("action") ? b["action"].get_ptr<const std::string*>() : nullptr;
    const auto action = name ? parse_action(*name) : std::nullopt;
    if (!action) return bad_request("field 'action' must be one of HOLD, LEND, HOARD, FIRE_SALE");
    iv.kind = Intervention::Kind::force_action;
    iv.action = *action;
  } else {
    iv.kind = Intervention::Kind::force_default;
  }
  return iv;
}

nlohmann::json control_body(const Intervention& iv) {
  switch (iv.kind) {
    case Intervention::Kind::force_default: return {{"control", "force_default"}, {"bank", iv.bank}};
    case Intervention::Kind::inject_liquidity:
      return {{"control", "inject_liquidity"}, {"bank", iv.bank}, {"amount", iv.amount}};
    case Intervention::Kind::price_shock: return {{"control", "price_shock"}, {"share", iv.amount}};
    case Intervention::Kind::force_action:
      return {{"control", "force_action"}, {"bank", iv.bank}, {"action", std::string(action_name(iv.action))}};
    case Intervention::Kind::policy: return {{"control", "policy"}, {"policy", iv.policy}};
  }
  return nlohmann::json::object();
}

Result<Intervention> intervention_from_control(const nlohmann::json& control) {
  using namespace body;
  if (Status st = require_object(control); !st.ok()) return st.error();
  const auto* name = control.contains("control") ? control["control"].get_ptr<const std::string*>() : nullptr;
  if (!name) return bad_request("a scheduled control needs \"control\": force_default, inject_liquidity, price_shock, force_action or policy");
  if (!is_intervention(*name))
    return bad_request(std::string("'").append(*name).append(
        "' cannot be scheduled (force_default, inject_liquidity, price_shock, force_action, policy)"));
  nlohmann::json rest = control;
  rest.erase("control");
  return intervention_from_body(*name, rest);
}

nlohmann::json at_json(std::span<const ScheduledControl> controls) {
  nlohmann::json out = nlohmann::json::array();
  for (const ScheduledControl& c : controls) out.push_back({{"step", c.step}, {"control", control_body(c.intervention)}});
  return out;
}

Result<std::vector<ScheduledControl>> scheduled_controls_from_json(const nlohmann::json& at, int max_step,
                                                                   std::size_t max_controls) {
  using namespace body;
  if (!at.is_array()) return bad_request("field 'at' must be an array of {\"step\": S, \"control\": {...}}");
  if (at.size() > max_controls)
    return make_error("out_of_range", "'at' holds " + std::to_string(at.size()) + " controls; a run holds at most " +
                                          std::to_string(max_controls));
  std::vector<ScheduledControl> controls;
  controls.reserve(at.size());
  for (const nlohmann::json& entry : at) {
    if (!entry.is_object()) return bad_request("each entry of 'at' must be {\"step\": S, \"control\": {...}}");
    if (Status st = only_fields(entry, {"step", "control"}); !st.ok()) return st.error();
    auto step = whole_number_field(entry, "step", 1, max_step, "a control's step", "");
    if (!step.ok()) return step.error();
    if (!entry.contains("control")) return bad_request("missing field 'control' in an entry of 'at'");
    auto iv = intervention_from_control(entry["control"]);
    if (!iv.ok()) return iv.error();
    controls.push_back({*step, std::move(iv).value()});
  }
  std::stable_sort(controls.begin(), controls.end(),
                   [](const ScheduledControl& a, const ScheduledControl& b) { return a.step < b.step; });
  return controls;
}

}  // namespace finsim
