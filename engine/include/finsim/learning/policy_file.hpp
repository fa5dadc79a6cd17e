// The policy file: a trained actor as versioned JSON text (docs/learning.md, "Policy files").
//
//   {"format": "finsim-policy", "version": 1, "name": ..., "description": ...,
//    "algorithm": "MAPPO", "action_selection": "argmax" | "sample",
//    "discretion": "always" | "under_stress" (optional; absent = "always"),
//    "observation": {"features": [names], "mean": [...], "std": [...], "clip": c},
//    "actor": {"activation": "relu" | "tanh",
//              "layers": [{"inputs": n, "outputs": m, "weight": [[m rows of n]], "bias": [m]}, ...]},
//    "training": {...}}
//
// The engine only converts text; the CLI reads and writes files. serialize_policy writes numbers in
// their shortest round-trip form, so parse(serialize(spec)) == spec exactly and serialize(parse(text))
// == text for any text serialize produced.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "finsim/learning/actor_network.hpp"
#include "finsim/result.hpp"

namespace finsim::learning {

inline constexpr int kPolicyFormatVersion = 1;

/// How a learned policy turns logits into one action per bank (docs/learning.md).
enum class ActionSelection : std::uint8_t {
  argmax,  ///< the most likely allowed action
  sample,  ///< a draw from the masked softmax with the simulation's policy stream
};

/// Where a learned bank chooses its own action (docs/learning.md, "Discretion").
enum class Discretion : std::uint8_t {
  always,        ///< every step, among the actions its mask allows
  under_stress,  ///< only where the heuristic would defend itself; elsewhere the rule-based calm conduct
                 ///< (under_stress_mask in policy.hpp): a crisis comes as a surprise
};

struct PolicySpec {
  std::string name;
  std::string description;
  ActionSelection selection = ActionSelection::argmax;
  Discretion discretion = Discretion::always;
  std::vector<std::string> features;  ///< input feature names (bank_feature_names() for bank policies)
  ActorSpec actor;
  nlohmann::json training = nlohmann::json::object();  ///< how it was trained: free-form record
};

/// Errors: bad_policy naming the problem (not JSON, wrong format or version, missing or mistyped field,
/// sizes that do not chain, non-finite numbers).
Result<PolicySpec> parse_policy(std::string_view text);

/// The policy as JSON text: two-space indentation, arrays of numbers on one line.
std::string serialize_policy(const PolicySpec& spec);

/// "argmax" / "sample"; parse returns nullopt-like false for anything else.
std::string_view action_selection_name(ActionSelection selection);
bool parse_action_selection(std::string_view text, ActionSelection& out);

/// "always" / "under_stress"; parse returns false for anything else.
std::string_view discretion_name(Discretion discretion);
bool parse_discretion(std::string_view text, Discretion& out);

}  // namespace finsim::learning
