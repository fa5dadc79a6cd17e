// The bank environment's discretion (bank_env.hpp, policy_file.hpp): with under_stress a bank outside
// stress has one action, the heuristic's calm conduct; under stress it chooses within its whole mask.
#include <catch2/catch.hpp>

#include <bit>
#include <vector>

#include "finsim/learning/bank_env.hpp"
#include "finsim/scenarios.hpp"

using namespace finsim;
using namespace finsim::learning;

namespace {

struct Observed {
  std::vector<std::uint8_t> alive;
  std::vector<std::uint32_t> masks;
};

std::unique_ptr<BankEnv> freeze_env(Discretion discretion) {
  BankEnvConfig config;
  SimConfig freeze = scenario_config("liquidity_freeze").value();
  freeze.banks = 60;
  config.scenarios = {freeze};
  config.copies = 2;
  config.episode_steps = 30;
  config.discretion = discretion;
  auto env = BankEnv::create(config);
  REQUIRE(env.ok());
  return std::move(env).value();
}

Observed observe(BankEnv& env) {
  const EnvSpec s = env.spec();
  const auto slots = static_cast<std::size_t>(s.copies * s.agents);
  Observed o{std::vector<std::uint8_t>(slots), std::vector<std::uint32_t>(slots)};
  std::vector<double> obs(slots * static_cast<std::size_t>(s.observation_size));
  std::vector<double> states(slots * static_cast<std::size_t>(s.state_size));
  env.observe(o.alive, o.masks, obs, states);
  return o;
}

}  // namespace

TEST_CASE("with discretion under_stress, calm banks have only their calm conduct and stressed banks choose") {
  auto free = freeze_env(Discretion::always);
  auto gated = freeze_env(Discretion::under_stress);
  free->reset(11);
  gated->reset(11);
  const std::size_t slots = static_cast<std::size_t>(free->spec().copies * free->spec().agents);
  std::vector<int> hold(slots, static_cast<int>(Action::hold));
  std::vector<double> rewards(slots);
  int narrowed_before_shock = 0, choosing_after_shock = 0;
  for (int t = 0; t < 20; ++t) {
    const Observed a = observe(*free), b = observe(*gated);
    REQUIRE(a.alive == b.alive);  // the same worlds: both are driven by the same (HOLD) actions
    for (std::size_t k = 0; k < slots; ++k) {
      if (!a.alive[k]) continue;
      const std::uint32_t whole = a.masks[k], given = b.masks[k];
      CHECK((given & ~whole) == 0u);  // never more than the bank's own mask
      if (given != whole) {
        CHECK(std::popcount(given) == 1);  // narrowed: exactly the calm conduct
        CHECK((given == mask_of(Action::hold) || given == mask_of(Action::lend)));
        narrowed_before_shock += t < 10;
      } else if (std::popcount(given) > 1 && t >= 10) {
        ++choosing_after_shock;
      }
    }
    free->step(hold, rewards);
    gated->step(hold, rewards);
  }
  CHECK(narrowed_before_shock > 0);
  CHECK(choosing_after_shock > 0);
}
