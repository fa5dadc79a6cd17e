#include "finsim/policy_modifiers.hpp"

namespace finsim {
namespace {

class ModifiedPolicy final : public Policy {
 public:
  ModifiedPolicy(std::unique_ptr<Policy> base, PolicyModifiers modifiers)
      : base_(std::move(base)), modifiers_(modifiers), name_(base_->name()) {
    if (modifiers_.no_hoard) name_ += "+no_hoard";
    if (modifiers_.no_fire_sale) name_ += "+no_fire_sale";
    if (modifiers_.no_lend) name_ += "+no_lend";
  }
  std::string_view name() const override { return name_; }
  void decide(const PolicyContext& ctx, std::span<Action> actions) override {
    base_->decide(ctx, actions);
    for (Action& a : actions) a = modifiers_.apply(a);
  }

 private:
  std::unique_ptr<Policy> base_;
  PolicyModifiers modifiers_;
  std::string name_;
};

}  // namespace

Action PolicyModifiers::apply(Action a) const {
  if ((a == Action::hoard && no_hoard) || (a == Action::fire_sale && no_fire_sale) || (a == Action::lend && no_lend))
    return Action::hold;
  return a;
}

Result<PolicyName> parse_policy_name(std::string_view name) {
  PolicyName out;
  const auto plus = name.find('+');
  out.base = std::string(name.substr(0, plus));
  if (plus == std::string_view::npos) return out;
  if (out.base.empty()) return make_error("unknown_policy", "a policy name must come before its modifiers");
  std::string_view rest = name.substr(plus + 1);
  while (true) {
    const auto next = rest.find('+');
    const std::string_view mod = rest.substr(0, next);
    bool* flag = mod == "no_hoard"       ? &out.modifiers.no_hoard
                 : mod == "no_fire_sale" ? &out.modifiers.no_fire_sale
                 : mod == "no_lend"      ? &out.modifiers.no_lend
                                         : nullptr;
    if (!flag)
      return make_error("unknown_policy", "unknown policy modifier '+" + std::string(mod) +
                                              "' (known: +no_hoard, +no_fire_sale, +no_lend)");
    if (*flag) return make_error("unknown_policy", "policy modifier '+" + std::string(mod) + "' given twice");
    *flag = true;
    if (next == std::string_view::npos) break;
    rest = rest.substr(next + 1);
  }
  return out;
}

std::unique_ptr<Policy> with_modifiers(std::unique_ptr<Policy> base, PolicyModifiers modifiers) {
  if (modifiers.none()) return base;
  return std::make_unique<ModifiedPolicy>(std::move(base), modifiers);
}

}  // namespace finsim
