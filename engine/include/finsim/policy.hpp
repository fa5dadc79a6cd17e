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

/// The rule-based bank: sells when short of cash or below its capital requirement, hoards when the
/// banks it lent to are stressed, lends spare cash while it and its borrowers are healthy, else holds.
std::unique_ptr<Policy> make_heuristic_policy();
/// Uniform over the feasible actions.
std::unique_ptr<Policy> make_random_policy();
/// Always `action` where feasible, otherwise HOLD (all_hold, all_lend, all_hoard, all_fire_sale).
std::unique_ptr<Policy> make_fixed_policy(Action action);

/// A policy by name: heuristic, random, all_hold, all_lend, all_hoard, all_fire_sale, and the learned
/// policies registered with register_policy. Error code "unknown_policy" otherwise.
Result<std::unique_ptr<Policy>> make_policy(std::string_view name);

/// Names make_policy accepts, built-in first.
std::span<const std::string> policy_names();

/// Adds a named policy constructor (used by the learning module for the shipped MAPPO policies and for a
/// policy trained in the running process). Registering an existing name replaces it: simulations created
/// afterwards use the new one, those already running keep theirs. Not thread-safe.
using PolicyFactory = std::function<std::unique_ptr<Policy>()>;
void register_policy(std::string name, PolicyFactory factory);

}  // namespace finsim
