// The banking network as a multi-agent learning environment: every bank is an agent, each copy a
// Simulation driven through its split step (begin_step → observations → complete_step).
//
// Reward of bank i for one step (docs/learning.md, "Reward"), with cooperation weight w ∈ [0, 1]:
//   r_i = (1 − w)·own_i + w·system
//   own_i  = (E⁺_i(after) − E⁺_i(decision)) / E⁺_i(0) − D·[i defaulted during the step]
//   system = (Σ_active E⁺(after) − Σ_active E⁺(decision)) / Σ E⁺(0) − D·(new defaults) / N
// where E⁺ = max(equity, 0) is the shareholders' (limited-liability) value, 0 once defaulted, measured
// when the bank decides (after the step's exogenous shocks) and after the step; D is the default penalty.
// The system term is the equity-weighted average of the banks' own equity terms plus the average default
// penalty: w = 1 makes every bank maximise the system's outcome, w = 0 only its own.
// A defaulted bank is a dead agent: it no longer acts, and receives w·system (what its team still earns).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "finsim/config.hpp"
#include "finsim/learning/multi_agent_env.hpp"
#include "finsim/learning/policy_file.hpp"
#include "finsim/result.hpp"
#include "finsim/simulation.hpp"

namespace finsim::learning {

struct BankRewardConfig {
  double cooperation = 0.5;      ///< w in [0, 1]
  double default_penalty = 10.0; ///< D >= 0, in units of the bank's (or the system's) initial equity
};

struct BankEnvConfig {
  std::vector<SimConfig> scenarios;  ///< copy c simulates scenarios[c % size]; all with the same bank count
  int copies = 8;                    ///< 1 .. 1024
  int episode_steps = 100;           ///< 1 .. 100000
  BankRewardConfig reward;
  /// Where the banks choose (policy_file.hpp): with under_stress a bank outside stress is given the one
  /// action of the rule-based calm conduct as its mask, so it learns only how to meet a crisis.
  Discretion discretion = Discretion::always;
};

/// Training simulations use seeds in [kTrainingSeedBase, 2⁵³): evaluation seeds below it are held out.
inline constexpr std::uint64_t kTrainingSeedBase = std::uint64_t{1} << 32;

class BankEnv final : public MultiAgentEnv {
 public:
  /// Errors: bad_value (no scenario, copies or episode length out of range, w or D out of range, bank
  /// counts that differ between scenarios) and any error of validate_config.
  static Result<std::unique_ptr<BankEnv>> create(BankEnvConfig config);

  [[nodiscard]] EnvSpec spec() const override;
  void reset(std::uint64_t seed) override;
  void observe(std::span<std::uint8_t> alive, std::span<std::uint32_t> masks, std::span<double> observations,
               std::span<double> states) override;
  void step(std::span<const int> actions, std::span<double> rewards) override;
  /// "default_rate" (banks defaulted by the end of the episode / all banks) and "equity_share" (surviving
  /// shareholders' equity / initial), averaged over copies.
  [[nodiscard]] std::vector<std::pair<std::string, double>> episode_summary() const override;
  void set_parallel(ParallelFor parallel) override { parallel_ = std::move(parallel); }

  [[nodiscard]] const BankEnvConfig& config() const { return config_; }

 private:
  struct Copy {
    std::optional<Simulation> sim;
    std::vector<double> initial_equity;   // E⁺_i(0), floored to stay positive
    double initial_system_equity = 1.0;
    double initial_exposure = 1.0;
    std::vector<double> decision_equity;  // E⁺_i when the bank decided this step
    std::vector<std::uint8_t> alive;      // acted this step
    std::vector<Action> actions;
  };

  explicit BankEnv(BankEnvConfig config, int banks);
  void observe_copy(int c, std::span<std::uint8_t> alive, std::span<std::uint32_t> masks,
                    std::span<double> observations, std::span<double> states);
  void step_copy(int c, std::span<const int> actions, std::span<double> rewards);

  BankEnvConfig config_;
  int banks_;
  int t_ = 0;
  std::vector<Copy> copies_;
  ParallelFor parallel_ = serial_for;
};

}  // namespace finsim::learning
