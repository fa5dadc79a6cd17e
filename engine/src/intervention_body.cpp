#include "finsim/intervention_body.hpp"

#include <nlohmann/json.hpp>

#include "body_fields.hpp"

namespace finsim {

bool is_intervention(std::string_view c) {
  return c == "force_default" || c == "inject_liquidity" || c == "price_shock" || c == "force_action";
}

Result<Intervention> intervention_from_body(std::string_view control, const nlohmann::json& b) {
  using namespace body;
  if (Status st = require_object(b); !st.ok()) return st.error();
  Intervention iv;
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
  }
  return nlohmann::json::object();
}

}  // namespace finsim
