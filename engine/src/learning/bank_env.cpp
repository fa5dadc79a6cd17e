#include "finsim/learning/bank_env.hpp"

#include <algorithm>
#include <string>

#include "finsim/learning/bank_features.hpp"
#include "finsim/policy.hpp"

namespace finsim::learning {
namespace {

constexpr std::uint64_t kSeedSpan = (std::uint64_t{1} << 53) - kTrainingSeedBase;
// Floors for the normalising equities, as a share of total assets: every bank starts with positive
// equity, but a user-configured zero-equity bank must not divide by zero.
constexpr double kEquityFloorShare = 1e-6;

double shareholder_value(const BankReport& b) { return b.defaulted ? 0.0 : std::max(b.equity, 0.0); }

}  // namespace

Result<std::unique_ptr<BankEnv>> BankEnv::create(BankEnvConfig config) {
  if (config.scenarios.empty()) return make_error("bad_value", "a training environment needs at least one scenario");
  if (config.copies < 1 || config.copies > 1024) return make_error("bad_value", "copies must be between 1 and 1024");
  if (config.episode_steps < 1 || config.episode_steps > 100000)
    return make_error("bad_value", "episode steps must be between 1 and 100000");
  const BankRewardConfig& r = config.reward;
  if (!(r.cooperation >= 0.0 && r.cooperation <= 1.0))
    return make_error("bad_value", "cooperation must be between 0 and 1");
  if (!(r.default_penalty >= 0.0 && r.default_penalty <= 1000.0))
    return make_error("bad_value", "default penalty must be between 0 and 1000");
  const int banks = config.scenarios.front().banks;
  for (SimConfig& s : config.scenarios) {
    if (s.banks != banks) return make_error("bad_value", "all training scenarios must have the same number of banks");
    s.policy = "heuristic";  // never consulted: actions come from the learner
    if (Status st = validate_config(s); !st.ok()) return st.error();
  }
  return std::unique_ptr<BankEnv>(new BankEnv(std::move(config), banks));
}

BankEnv::BankEnv(BankEnvConfig config, int banks) : config_(std::move(config)), banks_(banks) {
  copies_.resize(static_cast<std::size_t>(config_.copies));
}

EnvSpec BankEnv::spec() const {
  EnvSpec s;
  s.copies = config_.copies;
  s.agents = banks_;
  s.observation_size = kBankFeatureCount;
  s.state_size = kBankFeatureCount + kSystemFeatureCount;
  s.actions = kActionCount;
  s.episode_steps = config_.episode_steps;
  return s;
}

void BankEnv::reset(std::uint64_t seed) {
  t_ = 0;
  const Rng root(seed);
  for (int c = 0; c < config_.copies; ++c) {
    Copy& copy = copies_[static_cast<std::size_t>(c)];
    Rng rng = root.fork(static_cast<std::uint64_t>(c));
    const SimConfig& sc = config_.scenarios[static_cast<std::size_t>(c) % config_.scenarios.size()];
    auto sim = Simulation::create(sc, kTrainingSeedBase + rng.below(kSeedSpan));
    copy.sim.emplace(std::move(sim).value());  // the config was validated by create()
    copy.initial_equity.assign(static_cast<std::size_t>(banks_), 0.0);
    copy.decision_equity.assign(static_cast<std::size_t>(banks_), 0.0);
    copy.alive.assign(static_cast<std::size_t>(banks_), 0);
    copy.actions.assign(static_cast<std::size_t>(banks_), Action::hold);
    double total = 0.0;
    for (int i = 0; i < banks_; ++i) {
      const BankReport b = copy.sim->bank(i);
      const double e = std::max(shareholder_value(b), kEquityFloorShare * b.total_assets + 1e-12);
      copy.initial_equity[static_cast<std::size_t>(i)] = e;
      total += e;
    }
    copy.initial_system_equity = total;
    copy.initial_exposure = std::max(copy.sim->metrics().interbank_exposure, 1e-12);
  }
}

void BankEnv::observe(std::span<std::uint8_t> alive, std::span<std::uint32_t> masks, std::span<double> observations,
                      std::span<double> states) {
  parallel_(config_.copies, [&](int c) { observe_copy(c, alive, masks, observations, states); });
}

void BankEnv::observe_copy(int c, std::span<std::uint8_t> alive, std::span<std::uint32_t> masks,
                           std::span<double> observations, std::span<double> states) {
  Copy& copy = copies_[static_cast<std::size_t>(c)];
  Simulation& sim = *copy.sim;
  sim.begin_step();
  const auto obs = sim.observations();
  const auto sim_masks = sim.action_masks();
  const auto active = sim.active();
  const std::size_t base = static_cast<std::size_t>(c) * banks_;
  constexpr std::size_t kObs = kBankFeatureCount, kState = kBankFeatureCount + kSystemFeatureCount;

  // The system summary (bank_features.hpp, system_feature_names).
  int up = 0, short_of_cash = 0, lent = 0, hoarded = 0, sold = 0;
  double stress = 0.0, equity = 0.0;
  for (int i = 0; i < banks_; ++i) {
    const auto k = static_cast<std::size_t>(i);
    copy.alive[k] = active[k];
    copy.decision_equity[k] = active[k] ? shareholder_value(sim.bank(i)) : 0.0;
    if (!active[k]) continue;
    const BankObservation& o = obs[k];
    ++up;
    stress += o.stress;
    equity += copy.decision_equity[k];
    short_of_cash += o.liquidity_gap > 0.0;
    lent += o.last_action == Action::lend;
    hoarded += o.last_action == Action::hoard;
    sold += o.last_action == Action::fire_sale;
  }
  const double per_active = up > 0 ? 1.0 / up : 0.0;
  const Metrics& m = sim.metrics();
  const double system[kSystemFeatureCount] = {m.liquidity,
                                              static_cast<double>(banks_ - up) / banks_,
                                              equity / copy.initial_system_equity,
                                              m.interbank_exposure / copy.initial_exposure,
                                              stress * per_active,
                                              short_of_cash * per_active,
                                              lent * per_active,
                                              hoarded * per_active,
                                              sold * per_active,
                                              sim.price() / sim.config().initial_price,
                                              static_cast<double>(t_) / config_.episode_steps};
  for (int i = 0; i < banks_; ++i) {
    const auto k = static_cast<std::size_t>(i), slot = base + k;
    alive[slot] = active[k];
    masks[slot] = !active[k]                                          ? 1u
                  : config_.discretion == Discretion::under_stress ? under_stress_mask(obs[k], sim_masks[k], sim.config())
                                                                   : sim_masks[k];
    if (!active[k]) continue;
    std::span<double> row = observations.subspan(slot * kObs, kObs);
    bank_features(obs[k], sim_masks[k], row);
    std::span<double> state = states.subspan(slot * kState, kState);
    std::copy(row.begin(), row.end(), state.begin());
    std::copy(std::begin(system), std::end(system), state.begin() + kObs);
  }
}

void BankEnv::step(std::span<const int> actions, std::span<double> rewards) {
  parallel_(config_.copies, [&](int c) { step_copy(c, actions, rewards); });
  ++t_;
}

void BankEnv::step_copy(int c, std::span<const int> actions, std::span<double> rewards) {
  Copy& copy = copies_[static_cast<std::size_t>(c)];
  Simulation& sim = *copy.sim;
  const std::size_t base = static_cast<std::size_t>(c) * banks_;
  for (int i = 0; i < banks_; ++i) {
    const int a = actions[base + static_cast<std::size_t>(i)];
    copy.actions[static_cast<std::size_t>(i)] = a >= 0 && a < kActionCount ? static_cast<Action>(a) : Action::hold;
  }
  sim.complete_step(copy.actions);

  const double w = config_.reward.cooperation, d = config_.reward.default_penalty;
  double before = 0.0, after = 0.0;
  int new_defaults = 0;
  std::vector<double>& own = copy.decision_equity;  // becomes each bank's own reward term below
  for (int i = 0; i < banks_; ++i) {
    const auto k = static_cast<std::size_t>(i);
    if (!copy.alive[k]) continue;
    const BankReport b = sim.bank(i);
    const double now = shareholder_value(b);
    before += own[k];
    after += now;
    own[k] = (now - own[k]) / copy.initial_equity[k] - (b.defaulted ? d : 0.0);
    new_defaults += b.defaulted;
  }
  const double system = (after - before) / copy.initial_system_equity - d * new_defaults / banks_;
  for (int i = 0; i < banks_; ++i) {
    const auto k = static_cast<std::size_t>(i);
    rewards[base + k] = copy.alive[k] ? (1.0 - w) * own[k] + w * system : w * system;
  }
}

std::vector<std::pair<std::string, double>> BankEnv::episode_summary() const {
  double defaults = 0.0, equity = 0.0;
  for (const Copy& copy : copies_) {
    if (!copy.sim) continue;
    double surviving = 0.0;
    for (int i = 0; i < banks_; ++i) surviving += shareholder_value(copy.sim->bank(i));
    defaults += copy.sim->metrics().default_rate;
    equity += surviving / copy.initial_system_equity;
  }
  const double n = static_cast<double>(copies_.size());
  return {{"default_rate", defaults / n}, {"equity_share", equity / n}};
}

}  // namespace finsim::learning
