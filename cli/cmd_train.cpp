// finsim train: MAPPO training of the bank policy, with a progress bar on stderr, a policy file and an
// optional CSV learning curve. The same options and seed write the same policy file, byte for byte,
// whatever --threads says.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli_args.hpp"
#include "commands.hpp"
#include "finsim/learning/training_session.hpp"
#include "finsim/messages.hpp"
#include "thread_pool.hpp"

namespace finsim::cli {
namespace {

using learning::IterationStats;
using learning::TrainingOptions;

// 'text' for a POSIX shell.
std::string shell_quote(const std::string& text) {
  std::string q = "'";
  for (char ch : text) q += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return q + "'";
}

// The command that reproduces a training, with every option spelled out (so later changes of defaults
// do not change its meaning). --out, --log and --threads do not affect the policy and are left out.
std::string reproduce_command(const TrainingOptions& o) {
  const learning::TrainerConfig& t = o.trainer;
  // Numbers in their shortest round-trip form ("0.95", not "0.94999999999999996").
  auto num = [](double x) { return nlohmann::json(x).dump(); };
  std::ostringstream c;
  c << "finsim train --scenario ";
  for (std::size_t k = 0; k < o.scenarios.size(); ++k) c << (k ? "," : "") << o.scenarios[k];
  c << " --cooperation " << num(o.cooperation) << " --steps " << o.steps << " --seed " << t.seed << " --name " << o.name
    << " --copies " << o.copies << " --episode-steps " << o.episode_steps << " --default-penalty "
    << num(o.default_penalty) << " --hidden ";
  for (std::size_t k = 0; k < t.hidden.size(); ++k) c << (k ? "," : "") << t.hidden[k];
  c << " --epochs " << t.epochs << " --minibatches " << t.minibatches << " --lr " << num(t.actor_learning_rate)
    << " --critic-lr " << num(t.critic_learning_rate) << " --entropy " << num(t.entropy_coef) << " --gamma "
    << num(t.gamma) << " --lambda " << num(t.gae_lambda) << " --selection " << learning::action_selection_name(o.selection)
    << " --discretion " << learning::discretion_name(o.discretion);
  for (const auto& [k, v] : o.overrides) c << " --set " << k << "=" << v;
  if (!o.description.empty()) c << " --description " << shell_quote(o.description);
  return c.str();
}

TrainingOptions options_from_args(const Args& args) {
  TrainingOptions o;
  if (auto s = args.get("scenario")) {
    o.scenarios = split_list(*s);
    if (o.scenarios.empty()) throw UsageError("--scenario needs at least one scenario name");
  }
  o.cooperation = args.number("cooperation", o.cooperation, 0.0, 1.0);
  o.default_penalty = args.number("default-penalty", o.default_penalty, 0.0, 1000.0);
  o.steps = args.integer("steps", o.steps, 1, 1000000000000LL);
  o.copies = static_cast<int>(args.integer("copies", o.copies, 1, 1024));
  o.episode_steps = static_cast<int>(args.integer("episode-steps", o.episode_steps, 1, 100000));
  o.name = args.get("name").value_or(o.name);
  o.description = args.get("description").value_or("");
  if (auto s = args.get("selection"); s && !learning::parse_action_selection(*s, o.selection))
    throw UsageError("--selection must be argmax or sample");
  if (auto s = args.get("discretion"); s && !learning::parse_discretion(*s, o.discretion))
    throw UsageError("--discretion must be always or under_stress");
  learning::TrainerConfig& t = o.trainer;
  t.seed = static_cast<std::uint64_t>(args.integer("seed", 1, 0, (1LL << 53) - 1));
  if (auto h = args.get("hidden")) {
    t.hidden.clear();
    for (const auto& w : split_list(*h))
      t.hidden.push_back(static_cast<int>(parse_integer(w, "--hidden width", 1, 4096)));
    if (t.hidden.empty() || t.hidden.size() > 8) throw UsageError("--hidden needs 1 to 8 comma-separated widths");
  }
  t.epochs = static_cast<int>(args.integer("epochs", t.epochs, 1, 100));
  t.minibatches = static_cast<int>(args.integer("minibatches", t.minibatches, 1, 1024));
  t.actor_learning_rate = args.number("lr", t.actor_learning_rate, 0.0, 1.0);
  t.critic_learning_rate = args.number("critic-lr", t.critic_learning_rate, 0.0, 1.0);
  t.entropy_coef = args.number("entropy", t.entropy_coef, 0.0, 10.0);
  t.gamma = args.number("gamma", t.gamma, 0.0, 1.0);
  t.gae_lambda = args.number("lambda", t.gae_lambda, 0.0, 1.0);
  for (const std::string& kv : args.all("set")) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--set expects KEY=VALUE, got '" + kv + "'");
    o.overrides.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  if (auto banks = args.get("banks")) o.overrides.emplace_back("banks", *banks);
  o.command = reproduce_command(o);
  return o;
}

class ProgressBar {
 public:
  explicit ProgressBar(bool quiet) : quiet_(quiet), tty_(isatty(fileno(stderr)) != 0) {}

  void show(const IterationStats& s, double progress, double rate) {
    if (quiet_) return;
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(progress * kWidth + 0.5);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    double defaults = 0.0;
    for (const auto& [k, v] : s.environment)
      if (k == "default_rate") defaults = v;
    std::fprintf(stderr, "%s[%s] %3.0f%% it %d  return %+.3f  entropy %.3f  KL %.4f  defaults %.1f%%  %.0f agent-steps/s%s",
                 tty_ ? "\r" : "", bar.c_str(), 100.0 * progress, s.iteration, s.episode_return, s.entropy,
                 s.approx_kl, 100.0 * defaults, rate, tty_ ? "\033[K" : "\n");
    std::fflush(stderr);
  }
  void finish() {
    if (!quiet_ && tty_) std::fputc('\n', stderr);
  }

 private:
  bool quiet_, tty_;
};

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw UsageError("cannot write " + path);
}

}  // namespace

int train_command(const std::vector<std::string>& argv) {
  const Args args(argv, {{"scenario"}, {"cooperation"}, {"steps"}, {"seed"}, {"out"}, {"log"}, {"copies"},
                         {"episode-steps"}, {"default-penalty"}, {"hidden"}, {"epochs"}, {"minibatches"},
                         {"lr"}, {"critic-lr"}, {"entropy"}, {"gamma"}, {"lambda"}, {"name"}, {"description"},
                         {"selection"}, {"discretion"}, {"threads"}, {"set", true, true}, {"banks"}, {"quiet", false}},
                  0);
  const auto out_path = args.get("out");
  if (!out_path || out_path->empty()) throw UsageError("--out FILE is required (where to write the policy)");
  TrainingOptions options = options_from_args(args);
  auto session = learning::TrainingSession::create(options);
  if (!session.ok()) throw UsageError(session.error().message);
  // Check that the output can be written before spending minutes on training (without truncating it).
  if (!std::ofstream(*out_path, std::ios::binary | std::ios::app)) throw UsageError("cannot write " + *out_path);
  std::ofstream log;
  if (auto log_path = args.get("log")) {
    log.open(*log_path, std::ios::binary);
    if (!log) throw UsageError("cannot write " + *log_path);
    log << "iteration,env_steps,agent_steps,episode_return,entropy,approx_kl,clip_fraction,policy_loss,value_loss,"
           "actor_grad_norm,critic_grad_norm,default_rate,equity_share,seconds\n";
  }
  ThreadPool pool(thread_count_option(args));
  session->set_parallel(pool.parallel_for());

  ProgressBar bar(args.has("quiet"));
  const auto start = std::chrono::steady_clock::now();
  while (!session->done()) {
    const auto t0 = std::chrono::steady_clock::now();
    const IterationStats s = session->iterate();
    const auto t1 = std::chrono::steady_clock::now();
    const double rate = static_cast<double>(s.batch_samples) / std::chrono::duration<double>(t1 - t0).count();
    bar.show(s, session->progress(), rate);
    if (log) {
      std::string row;
      auto add = [&](double x) {
        append_number(row, x, 9);
        row.push_back(',');
      };
      for (double x : {static_cast<double>(s.iteration), static_cast<double>(s.env_steps),
                       static_cast<double>(s.agent_steps), s.episode_return, s.entropy, s.approx_kl, s.clip_fraction,
                       s.policy_loss, s.value_loss, s.actor_grad_norm, s.critic_grad_norm})
        add(x);
      double defaults = 0.0, equity = 0.0;
      for (const auto& [k, v] : s.environment) (k == "default_rate" ? defaults : equity) = v;
      add(defaults);
      add(equity);
      append_number(row, std::chrono::duration<double>(t1 - start).count(), 3);
      log << row << '\n';
      log.flush();
    }
  }
  bar.finish();
  write_file(*out_path, session->policy_json());
  std::fprintf(stderr, "wrote %s (%d iterations, %lld agent steps, %.1f s)\n", out_path->c_str(),
               session->trainer().iterations(), session->trainer().agent_steps(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return 0;
}

}  // namespace finsim::cli
