// What the MAPPO trainer needs from an environment: many copies of a multi-agent episode stepped in
// lockstep, each agent with a local observation (actor input), an agent-specific global state (critic
// input), a mask of feasible actions, and a reward per step.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace finsim::learning {

/// Runs body(0) … body(count − 1), in any order and possibly concurrently. Bodies touch disjoint data,
/// so results never depend on how (or whether) the work is spread over threads. The engine itself only
/// ever uses the serial default; the CLI supplies a thread pool.
using ParallelFor = std::function<void(int count, const std::function<void(int)>& body)>;

/// body(0) … body(count − 1) in order, on the calling thread.
void serial_for(int count, const std::function<void(int)>& body);

struct EnvSpec {
  int copies = 1;            ///< independent environment copies stepped together
  int agents = 1;            ///< agent slots per copy
  int observation_size = 1;  ///< actor input features
  int state_size = 1;        ///< critic input features
  int actions = 2;           ///< discrete actions (at most 32)
  int episode_steps = 1;     ///< every episode lasts exactly this many steps
};

/// A vectorised multi-agent environment. Slot s = copy × agents + agent. Agents may die (and stay dead
/// until the next reset); a dead agent takes no action but still receives the reward its team earns.
class MultiAgentEnv {
 public:
  virtual ~MultiAgentEnv() = default;
  [[nodiscard]] virtual EnvSpec spec() const = 0;

  /// Starts a new episode in every copy; `seed` fixes everything random about them.
  virtual void reset(std::uint64_t seed) = 0;

  /// Describes the current step. Sizes: alive, masks = slots; observations = slots × observation_size
  /// and states = slots × state_size, row-major. Rows of dead slots are left unspecified. Mask bit a set =
  /// action a allowed (bit 0 is always set for live agents).
  virtual void observe(std::span<std::uint8_t> alive, std::span<std::uint32_t> masks,
                       std::span<double> observations, std::span<double> states) = 0;

  /// Applies one action per slot (ignored for dead slots) and writes every slot's reward for this step.
  virtual void step(std::span<const int> actions, std::span<double> rewards) = 0;

  /// Named figures about the episodes just finished (for progress reports), e.g. the final default rate.
  [[nodiscard]] virtual std::vector<std::pair<std::string, double>> episode_summary() const { return {}; }

  /// Lets the environment step its copies through `parallel` (default: serially).
  virtual void set_parallel(ParallelFor parallel) { (void)parallel; }
};

}  // namespace finsim::learning
