// Policy modifiers: counterfactual switches that remove one kind of voluntary action from any policy.
//
// "heuristic+no_hoard" is the heuristic with every HOARD it chooses replaced by HOLD; +no_fire_sale and
// +no_lend do the same for FIRE_SALE and LEND, and they combine ("mappo-selfish+no_hoard+no_fire_sale").
// Only voluntary choices change: sales forced by obligations a bank must pay still happen in settlement.
// The modified policy sees exactly what the base policy sees and draws the same random numbers, so a
// paired run with and without a modifier differs only by the removed actions and their consequences.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "finsim/policy.hpp"
#include "finsim/result.hpp"

namespace finsim {

struct PolicyModifiers {
  bool no_hoard = false;
  bool no_fire_sale = false;
  bool no_lend = false;
  [[nodiscard]] bool none() const { return !no_hoard && !no_fire_sale && !no_lend; }
  /// The action the modified policy takes when the base policy chose `a`.
  [[nodiscard]] Action apply(Action a) const;
};

struct PolicyName {
  std::string base;           ///< the policy before the first '+'
  PolicyModifiers modifiers;  ///< those named after it
};

/// Splits "base+mod+mod". Errors (unknown_policy): an unknown or repeated modifier, an empty base.
/// A name without '+' is returned whole with no modifiers.
Result<PolicyName> parse_policy_name(std::string_view name);

/// `base` with `modifiers` applied; its name is the base's name followed by the modifiers in the
/// canonical order +no_hoard, +no_fire_sale, +no_lend.
std::unique_ptr<Policy> with_modifiers(std::unique_ptr<Policy> base, PolicyModifiers modifiers);

}  // namespace finsim
