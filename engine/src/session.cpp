#include "finsim/session.hpp"

#include <cmath>

#include "finsim/messages.hpp"
#include "finsim/scenarios.hpp"

namespace finsim {
namespace {

using nlohmann::json;

constexpr double kMaxSeed = 9007199254740991.0;  // 2^53 − 1: exact in JSON numbers and JavaScript

Error bad_request(std::string message) { return make_error("bad_request", std::move(message)); }

Status require_object(const json& body) {
  if (!body.is_object()) return bad_request("the body must be a JSON object");
  return {};
}

Status only_fields(const json& body, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : body.items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) return bad_request("unexpected field '" + key + "'");
  }
  return {};
}

Result<double> number_field(const json& body, const char* name) {
  if (!body.contains(name)) return bad_request(std::string("missing field '") + name + "'");
  const json& v = body[name];
  if (!v.is_number() || !std::isfinite(v.get<double>()))
    return bad_request(std::string("field '") + name + "' must be a number");
  return v.get<double>();
}

Result<int> bank_field(const json& body) {
  auto v = number_field(body, "bank");
  if (!v.ok()) return v.error();
  if (*v != std::floor(*v) || *v < 0 || *v > 1e9) return bad_request("field 'bank' must be a bank index");
  return static_cast<int>(*v);
}

}  // namespace

const std::vector<std::string>& Session::control_names() {
  static const std::vector<std::string> names{"play", "pause", "step", "reset", "speed",
                                              "force_default", "inject_liquidity", "price_shock"};
  return names;
}

Result<json> Session::parse_body(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return json::object();
  json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return make_error("bad_json", "the body is not valid JSON");
  return body;
}

Session::Session(Simulation sim) : sim_(std::move(sim)) {}

Result<Session> Session::create(const json& reset_body) {
  auto sim = Simulation::create(SimConfig{}, kDefaultSeed);
  if (!sim.ok()) return sim.error();
  Session session(std::move(sim).value());
  auto outcome = session.reset(reset_body);
  if (!outcome.ok()) return outcome.error();
  return session;
}

Result<ControlOutcome> Session::reset(const json& body) {
  if (Status st = require_object(body); !st.ok()) return st.error();
  SimConfig config = sim_.config();
  std::uint64_t seed = sim_.seed();
  if (body.contains("scenario")) {
    if (!body["scenario"].is_string()) return bad_request("field 'scenario' must be a string");
    auto base = scenario_config(body["scenario"].get<std::string>());
    if (!base.ok()) return base.error();
    const std::string policy = config.policy;  // a new scenario keeps the current policy unless given
    config = std::move(base).value();
    config.policy = policy;
  }
  for (const auto& [key, value] : body.items()) {
    if (key == "scenario") continue;
    if (key == "seed") {
      if (!value.is_number() || value.get<double>() != std::floor(value.get<double>()) ||
          value.get<double>() < 0 || value.get<double>() > kMaxSeed)
        return make_error("out_of_range", "seed must be a whole number from 0 to 2^53 - 1");
      seed = static_cast<std::uint64_t>(value.get<double>());
    } else if (key == "policy") {
      if (!value.is_string()) return bad_request("field 'policy' must be a string");
      config.policy = value.get<std::string>();
    } else if (Status st = set_parameter(config, key, value); !st.ok()) {
      return st.error();
    }
  }
  auto sim = Simulation::create(config, seed);
  if (!sim.ok()) return sim.error();
  sim_ = std::move(sim).value();
  running_ = false;
  return ControlOutcome{snapshot(), status()};
}

Result<ControlOutcome> Session::intervene(std::string_view name, const json& body) {
  Intervention iv;
  if (name == "price_shock") {
    if (Status st = only_fields(body, {"share"}); !st.ok()) return st.error();
    auto share = number_field(body, "share");
    if (!share.ok()) return share.error();
    iv.kind = Intervention::Kind::price_shock;
    iv.amount = *share;
  } else {
    const bool inject = name == "inject_liquidity";
    if (Status st = inject ? only_fields(body, {"bank", "amount"}) : only_fields(body, {"bank"}); !st.ok())
      return st.error();
    auto bank = bank_field(body);
    if (!bank.ok()) return bank.error();
    iv.kind = inject ? Intervention::Kind::inject_liquidity : Intervention::Kind::force_default;
    iv.bank = *bank;
    if (inject) {
      auto amount = number_field(body, "amount");
      if (!amount.ok()) return amount.error();
      iv.amount = *amount;
    }
  }
  if (Status st = sim_.intervene(iv); !st.ok()) return st.error();
  return ControlOutcome{{}, status()};
}

Result<ControlOutcome> Session::control(std::string_view name, const json& body) {
  if (Status st = require_object(body); !st.ok()) return st.error();
  if (name == "play" || name == "pause" || name == "step") {
    if (Status st = only_fields(body, {}); !st.ok()) return st.error();
    if (name == "step") {
      if (running_) return make_error("conflict", "the simulation is running: pause it before stepping");
      return ControlOutcome{advance(), status()};
    }
    running_ = name == "play";
    return ControlOutcome{{}, status()};
  }
  if (name == "reset") return reset(body);
  if (name == "speed") {
    if (Status st = only_fields(body, {"steps_per_second"}); !st.ok()) return st.error();
    auto v = number_field(body, "steps_per_second");
    if (!v.ok()) return v.error();
    if (*v < kMinSpeed || *v > kMaxSpeed) return make_error("out_of_range", "steps_per_second must be between 0.1 and 50");
    speed_ = *v;
    return ControlOutcome{{}, status()};
  }
  if (name == "force_default" || name == "inject_liquidity" || name == "price_shock") return intervene(name, body);
  return make_error("unknown_control", "unknown control '" + std::string(name) + "'");
}

std::vector<std::string> Session::advance() {
  sim_.step();
  std::vector<std::string> out;
  out.reserve(sim_.events().size() + 2);
  for (const Event& e : sim_.events()) out.push_back(event_json(e));
  out.push_back(state_message());
  out.push_back(metrics_message());
  return out;
}

std::string Session::state_message() const {
  SerializeOptions options;
  options.bank_details = sim_.banks() <= kDetailedBanksLimit;
  return state_update_json(sim_, options);
}

std::string Session::metrics_message() const { return metrics_update_json(sim_); }

std::vector<std::string> Session::snapshot() const { return {state_message(), metrics_message()}; }

json Session::status() const {
  const SimConfig& c = sim_.config();
  return json{{"timestep", sim_.timestep()},
              {"running", running_},
              {"speed", speed_},
              {"scenario", c.scenario},
              {"seed", sim_.seed()},
              {"policy", std::string(sim_.policy_name())},
              {"banks", sim_.banks()},
              {"links", sim_.network().links.size()},
              {"defaulted_banks", sim_.metrics().defaulted_banks}};
}

}  // namespace finsim
