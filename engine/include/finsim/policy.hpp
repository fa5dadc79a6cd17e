// How banks choose their actions. The simulation asks one Policy for every active bank's action each
// timestep; heuristic, random, fixed-action and learned (MAPPO) policies all implement this interface.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "finsim/action.hpp"
#include "finsim/config.hpp"
#include "finsim/observation.hpp"
#include "finsim/result.hpp"
#include "finsim/rng.hpp"

namespace finsim {

/// Everything a policy may look at. Spans are indexed by bank and valid for the call only.
struct PolicyContext {
  std::span<const BankObservation> observations;
  std::span<const ActionMask> masks;
  std::span<const std::uint8_t> active;  ///< 1 for banks that act this step
  const SimConfig& config;
  int timestep;
  Rng& rng;  ///< the policy's own random stream; draws here never disturb the exogenous shocks
};

class Policy {
 public:
  virtual ~Policy() = default;
  /// The name `finsim run --policy` and the reset controls accept.
  [[nodiscard]] virtual std::string_view name() const = 0;
  /// Writes one action per bank into `actions` (size = banks). Entries of inactive banks are ignored;
  /// an action not allowed by the bank's mask is replaced by HOLD by the simulation.
  virtual void decide(const PolicyContext& context, std::span<Action> actions) = 0;
};

/// How the rule-based bank reads its own situation (docs/model.md §4, phase 2), first match wins:
/// needs_cash: short of cash beyond what a neighbour's loan would plausibly cover, or short at all near
/// the run threshold, or below its capital requirement; borrowers_stressed: the loan-weighted stress of
/// the banks it lent to exceeds heuristic_hoard_stress; healthy: its own stress is below
/// heuristic_lend_stress; uneasy: none of these.
enum class HeuristicReading : std::uint8_t { needs_cash, borrowers_stressed, healthy, uneasy };
HeuristicReading read_situation(const BankObservation& o, const SimConfig& c);

/// Where a bank acting only under stress may choose: its whole mask `m` where the heuristic would defend
/// itself (needs_cash or borrowers_stressed), elsewhere only the rule-based calm conduct (LEND while
/// healthy and allowed, else HOLD). The behaviour-under-stress policies and learned policies trained with
/// discretion "under_stress" (learning/policy_file.hpp) choose within it: a crisis is a surprise to them,
/// so in calm times they do what every bank does (docs/model.md §4, docs/learning.md).
ActionMask under_stress_mask(const BankObservation& o, ActionMask m, const SimConfig& c);

/// The rule-based bank: sells when it needs cash, hoards when the banks it lent to are stressed, lends
/// spare cash while healthy, else holds.
std::unique_ptr<Policy> make_heuristic_policy();
/// Uniform over the feasible actions.
std::unique_ptr<Policy> make_random_policy();
/// Behaviour under stress (all_hold, all_lend, all_hoard, all_fire_sale): where the heuristic would
/// defend itself (needs_cash or borrowers_stressed) the bank takes `action` (HOLD if infeasible);
/// otherwise it behaves as the heuristic does in calm times (lend while healthy, else hold). So the
/// four differ only in how banks respond when the crisis comes.
std::unique_ptr<Policy> make_fixed_policy(Action action);

/// A policy by name: heuristic, random, all_hold, all_lend, all_hoard, all_fire_sale, and the learned
/// policies registered with register_policy, each optionally followed by modifiers
/// (policy_modifiers.hpp: "heuristic+no_hoard"). Error code "unknown_policy" otherwise.
Result<std::unique_ptr<Policy>> make_policy(std::string_view name);

/// Names make_policy accepts, built-in first.
std::span<const std::string> policy_names();

/// Adds a named policy constructor (used by the learning module for the shipped MAPPO policies and for a
/// policy trained in the running process). Registering an existing name replaces it: simulations created
/// afterwards use the new one, those already running keep theirs. Not thread-safe.
using PolicyFactory = std::function<std::unique_ptr<Policy>()>;
void register_policy(std::string name, PolicyFactory factory);

}  // namespace finsim
