#include "finsim/learning/learned_policy.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "finsim/learning/bank_features.hpp"

namespace finsim::learning {
namespace {

class LearnedPolicy final : public Policy {
 public:
  LearnedPolicy(std::shared_ptr<const PolicySpec> spec, std::string name)
      : spec_(std::move(spec)), name_(std::move(name)), network_(spec_->actor) {}

  std::string_view name() const override { return name_; }

  void decide(const PolicyContext& ctx, std::span<Action> actions) override {
    double features[kBankFeatureCount];
    double logits[kActionCount];
    for (std::size_t i = 0; i < actions.size(); ++i) {
      if (!ctx.active[i]) continue;
      // The features see the bank's whole mask; the choice is made within its discretion.
      bank_features(ctx.observations[i], ctx.masks[i], features);
      const ActionMask mask = spec_->discretion == Discretion::under_stress
                                  ? under_stress_mask(ctx.observations[i], ctx.masks[i], ctx.config)
                                  : ctx.masks[i];
      network_.logits(features, logits);
      const int a = spec_->selection == ActionSelection::sample
                        ? ActorNetwork::sample(logits, mask, ctx.rng.uniform())
                        : ActorNetwork::argmax(logits, mask);
      actions[i] = static_cast<Action>(a);
    }
  }

 private:
  std::shared_ptr<const PolicySpec> spec_;
  std::string name_;
  ActorNetwork network_;
};

}  // namespace

Result<std::unique_ptr<Policy>> make_learned_policy(std::shared_ptr<const PolicySpec> spec, std::string name) {
  const auto expected = bank_feature_names();
  if (spec->features.size() != expected.size() ||
      !std::equal(expected.begin(), expected.end(), spec->features.begin()))
    return make_error("incompatible_policy", "policy '" + spec->name +
                                                 "' was trained on different bank features than this engine computes");
  if (spec->actor.layers.back().outputs != kActionCount)
    return make_error("incompatible_policy", "policy '" + spec->name + "' does not output one logit per bank action");
  return std::unique_ptr<Policy>(std::make_unique<LearnedPolicy>(std::move(spec), std::move(name)));
}

Result<std::unique_ptr<Policy>> load_learned_policy(std::string_view text) {
  auto spec = parse_policy(text);
  if (!spec.ok()) return spec.error();
  std::string name = spec->name;
  return make_learned_policy(std::make_shared<const PolicySpec>(std::move(spec).value()), std::move(name));
}

Status register_learned_policy(std::shared_ptr<const PolicySpec> spec, const std::string& name) {
  static std::set<std::string> registered_here;  // names this function may replace
  const auto known = policy_names();
  if (!registered_here.contains(name) && std::find(known.begin(), known.end(), name) != known.end())
    return make_error("name_taken", "policy '" + name + "' is built in and cannot be replaced");
  if (auto probe = make_learned_policy(spec, name); !probe.ok()) return probe.error();
  registered_here.insert(name);
  register_policy(name, [spec = std::move(spec), name]() -> std::unique_ptr<Policy> {
    return std::move(make_learned_policy(spec, name)).value();
  });
  return {};
}

}  // namespace finsim::learning
