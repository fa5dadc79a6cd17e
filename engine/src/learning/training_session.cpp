#include "finsim/learning/training_session.hpp"

#include <cmath>

#include "finsim/scenarios.hpp"

namespace finsim::learning {
namespace {

using nlohmann::json;

// The TrainerConfig fields read and written by name (one table for both directions).
struct RealField {
  const char* name;
  double TrainerConfig::*member;
};
constexpr RealField kRealFields[] = {
    {"policy_head_gain", &TrainerConfig::policy_head_gain},
    {"value_head_gain", &TrainerConfig::value_head_gain},
    {"actor_learning_rate", &TrainerConfig::actor_learning_rate},
    {"critic_learning_rate", &TrainerConfig::critic_learning_rate},
    {"adam_epsilon", &TrainerConfig::adam_epsilon},
    {"gamma", &TrainerConfig::gamma},
    {"gae_lambda", &TrainerConfig::gae_lambda},
    {"clip", &TrainerConfig::clip},
    {"entropy_coef", &TrainerConfig::entropy_coef},
    {"value_loss_coef", &TrainerConfig::value_loss_coef},
    {"huber_delta", &TrainerConfig::huber_delta},
    {"max_grad_norm", &TrainerConfig::max_grad_norm},
    {"observation_clip", &TrainerConfig::observation_clip},
};
struct IntField {
  const char* name;
  int TrainerConfig::*member;
};
constexpr IntField kIntFields[] = {{"epochs", &TrainerConfig::epochs},
                                   {"minibatches", &TrainerConfig::minibatches},
                                   {"gradient_chunks", &TrainerConfig::gradient_chunks}};

constexpr double kMaxJsonInteger = 9007199254740991.0;  // 2⁵³ − 1

Error bad(const std::string& key, const std::string& what) {
  return make_error("bad_value", "training option \"" + key + "\" " + what);
}

bool whole(const json& v, double lo, double hi, long long& out) {
  if (!v.is_number()) return false;
  const double x = v.get<double>();
  if (!(x >= lo && x <= hi) || std::floor(x) != x) return false;
  out = static_cast<long long>(x);
  return true;
}

}  // namespace

Result<TrainingOptions> parse_training_options(const json& j) {
  TrainingOptions o;
  if (!j.is_object()) return make_error("bad_value", "training options must be a JSON object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const json& v = it.value();
    long long n = 0;
    if (key == "scenarios") {
      if (!v.is_array() || v.empty()) return bad(key, "must be a non-empty array of scenario names");
      o.scenarios.clear();
      for (const json& s : v) {
        if (!s.is_string()) return bad(key, "must be a non-empty array of scenario names");
        o.scenarios.push_back(s.get<std::string>());
      }
    } else if (key == "overrides") {
      if (!v.is_object()) return bad(key, "must be an object of parameter values");
      for (auto p = v.begin(); p != v.end(); ++p) {
        if (p.value().is_string()) o.overrides.emplace_back(p.key(), p.value().get<std::string>());
        else if (p.value().is_number()) o.overrides.emplace_back(p.key(), p.value().dump());
        else return bad(key, "values must be numbers or strings");
      }
    } else if (key == "cooperation" || key == "default_penalty") {
      if (!v.is_number()) return bad(key, "must be a number");
      (key == "cooperation" ? o.cooperation : o.default_penalty) = v.get<double>();
    } else if (key == "steps") {
      if (!whole(v, 1, 1e15, n)) return bad(key, "must be a whole number of steps, at least 1");
      o.steps = n;
    } else if (key == "copies" || key == "episode_steps") {
      if (!whole(v, 1, 100000, n)) return bad(key, "must be a whole number between 1 and 100000");
      (key == "copies" ? o.copies : o.episode_steps) = static_cast<int>(n);
    } else if (key == "name" || key == "description" || key == "command") {
      if (!v.is_string()) return bad(key, "must be a string");
      (key == "name" ? o.name : key == "description" ? o.description : o.command) = v.get<std::string>();
    } else if (key == "action_selection") {
      if (!v.is_string() || !parse_action_selection(v.get<std::string>(), o.selection))
        return bad(key, "must be \"argmax\" or \"sample\"");
    } else if (key == "discretion") {
      if (!v.is_string() || !parse_discretion(v.get<std::string>(), o.discretion))
        return bad(key, "must be \"always\" or \"under_stress\"");
    } else if (key == "seed") {
      if (!whole(v, 0, kMaxJsonInteger, n)) return bad(key, "must be a whole number between 0 and 2^53-1");
      o.trainer.seed = static_cast<std::uint64_t>(n);
    } else if (key == "hidden") {
      if (!v.is_array() || v.empty()) return bad(key, "must be a non-empty array of layer widths");
      o.trainer.hidden.clear();
      for (const json& h : v) {
        if (!whole(h, 1, 4096, n)) return bad(key, "widths must be whole numbers between 1 and 4096");
        o.trainer.hidden.push_back(static_cast<int>(n));
      }
    } else if (key == "activation") {
      if (v == "relu") o.trainer.activation = Activation::relu;
      else if (v == "tanh") o.trainer.activation = Activation::tanh;
      else return bad(key, "must be \"relu\" or \"tanh\"");
    } else {
      bool known = false;
      for (const RealField& f : kRealFields)
        if (key == f.name) {
          if (!v.is_number()) return bad(key, "must be a number");
          o.trainer.*f.member = v.get<double>();
          known = true;
        }
      for (const IntField& f : kIntFields)
        if (key == f.name) {
          if (!whole(v, 0, 1e6, n)) return bad(key, "must be a whole number");
          o.trainer.*f.member = static_cast<int>(n);
          known = true;
        }
      if (!known) return bad(key, "is not a training option");
    }
  }
  if (Status st = validate_trainer_config(o.trainer); !st.ok()) return st.error();
  return o;
}

json training_options_json(const TrainingOptions& o) {
  json overrides = json::object();
  for (const auto& [k, v] : o.overrides) overrides[k] = v;
  json j = {{"scenarios", o.scenarios},
            {"overrides", overrides},
            {"cooperation", o.cooperation},
            {"default_penalty", o.default_penalty},
            {"steps", o.steps},
            {"copies", o.copies},
            {"episode_steps", o.episode_steps},
            {"name", o.name},
            {"description", o.description},
            {"action_selection", std::string(action_selection_name(o.selection))},
            {"discretion", std::string(discretion_name(o.discretion))},
            {"command", o.command},
            {"seed", o.trainer.seed},
            {"hidden", o.trainer.hidden},
            {"activation", o.trainer.activation == Activation::relu ? "relu" : "tanh"}};
  for (const RealField& f : kRealFields) j[f.name] = o.trainer.*f.member;
  for (const IntField& f : kIntFields) j[f.name] = o.trainer.*f.member;
  return j;
}

json iteration_stats_json(const IterationStats& s) {
  json env = json::object();
  for (const auto& [k, v] : s.environment) env[k] = v;
  return {{"iteration", s.iteration},
          {"env_steps", s.env_steps},
          {"agent_steps", s.agent_steps},
          {"batch_samples", s.batch_samples},
          {"episode_return", s.episode_return},
          {"entropy", s.entropy},
          {"approx_kl", s.approx_kl},
          {"clip_fraction", s.clip_fraction},
          {"policy_loss", s.policy_loss},
          {"value_loss", s.value_loss},
          {"actor_grad_norm", s.actor_grad_norm},
          {"critic_grad_norm", s.critic_grad_norm},
          {"environment", env}};
}

Result<TrainingSession> TrainingSession::create(TrainingOptions options) {
  BankEnvConfig env;
  for (const std::string& name : options.scenarios) {
    auto config = scenario_config(name);
    if (!config.ok()) return config.error();
    for (const auto& [key, value] : options.overrides)
      if (Status st = set_parameter(*config, key, std::string_view(value)); !st.ok()) return st.error();
    env.scenarios.push_back(std::move(config).value());
  }
  env.copies = options.copies;
  env.episode_steps = options.episode_steps;
  env.reward = {options.cooperation, options.default_penalty};
  env.discretion = options.discretion;
  auto bank_env = BankEnv::create(std::move(env));
  if (!bank_env.ok()) return bank_env.error();
  auto trainer = Trainer::create(options.trainer, std::move(bank_env).value());
  if (!trainer.ok()) return trainer.error();
  return TrainingSession(std::move(options), std::move(trainer).value());
}

TrainingSession::TrainingSession(TrainingOptions options, Trainer trainer)
    : options_(std::move(options)), trainer_(std::move(trainer)) {}

IterationStats TrainingSession::iterate() {
  last_ = trainer_.iterate();
  return last_;
}

bool TrainingSession::done() const { return trainer_.env_steps() >= options_.steps; }

double TrainingSession::progress() const {
  return std::min(1.0, static_cast<double>(trainer_.env_steps()) / static_cast<double>(options_.steps));
}

PolicySpec TrainingSession::policy_spec() const {
  PolicySpec spec;
  spec.name = options_.name;
  spec.description = options_.description;
  spec.selection = options_.selection;
  spec.discretion = options_.discretion;
  for (std::string_view f : bank_feature_names()) spec.features.emplace_back(f);
  spec.actor = trainer_.actor_spec();
  spec.training = {{"options", training_options_json(options_)},
                   {"iterations", trainer_.iterations()},
                   {"env_steps", trainer_.env_steps()},
                   {"agent_steps", trainer_.agent_steps()}};
  if (trainer_.iterations() > 0) spec.training["last_iteration"] = iteration_stats_json(last_);
  return spec;
}

Result<std::unique_ptr<Policy>> TrainingSession::make_policy() const {
  return make_learned_policy(std::make_shared<const PolicySpec>(policy_spec()), options_.name);
}

}  // namespace finsim::learning
