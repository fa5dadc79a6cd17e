// The policy file: a trained actor as versioned JSON text (docs/learning.md, "Policy files").
//
//   {"format": "finsim-policy", "version": 1, "name": ..., "description": ...,
//    "algorithm": "MAPPO", "action_selection": "argmax" | "sample",
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

struct PolicySpec {
  std::string name;
  std::string description;
  ActionSelection selection = ActionSelection::argmax;
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

}  // namespace finsim::learning
