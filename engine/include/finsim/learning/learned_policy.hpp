// Learned bank policies: a trained actor (policy_file.hpp) behind the Policy interface, and the
// policies shipped with the engine (engine/policies/*.json, embedded at build time).
//
// For each active bank: bank_features → ActorNetwork::logits (scalar double, fixed order) → the allowed
// action chosen by the file's action_selection: argmax, or a draw from the masked softmax using the
// simulation's policy stream. Both are identical natively and in WASM.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "finsim/learning/policy_file.hpp"
#include "finsim/policy.hpp"

namespace finsim::learning {

/// A Policy named `name` that evaluates `spec`. Error incompatible_policy if the spec's features are
/// not bank_feature_names() or its actor does not output one logit per action.
Result<std::unique_ptr<Policy>> make_learned_policy(std::shared_ptr<const PolicySpec> spec, std::string name);

/// Parses policy-file text (errors of parse_policy) and makes the policy under the file's name.
Result<std::unique_ptr<Policy>> load_learned_policy(std::string_view text);

/// Makes `spec` available to make_policy — and so to Session resets {"policy": name}, the worker and
/// `finsim run` — under `name`, for the rest of the process: how the browser watches a policy it has just
/// trained (registered as "trained"). Registering the same name again replaces the policy for simulations
/// created afterwards. Errors: incompatible_policy (as make_learned_policy); name_taken if `name` is a
/// built-in or shipped policy (those cannot be replaced this way). Not thread-safe.
Status register_learned_policy(std::shared_ptr<const PolicySpec> spec, const std::string& name);

/// A policy shipped with the engine: its registered name and the JSON text it was built from.
struct ShippedPolicy {
  std::string_view name;
  std::string_view json;
};

/// The embedded policy files (named after their files) followed by aliases ("mappo" → the cooperative
/// one), in the order make_policy lists them.
std::span<const ShippedPolicy> shipped_policies();

/// Factories for register_policy, one per shipped_policies() entry, in the same order. A shipped policy
/// that fails to parse (a build defect, caught by the tests) yields nullptr.
std::span<const PolicyFactory> shipped_policy_factories();

}  // namespace finsim::learning
