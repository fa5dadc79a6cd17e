// finsim scenarios: the named scenarios and the parameter table.
#include <iomanip>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_args.hpp"
#include "commands.hpp"
#include "finsim/policy.hpp"
#include "finsim/scenarios.hpp"

namespace finsim::cli {
namespace {

std::string default_text(const ParamSpec& s) {
  const SimConfig d;
  switch (s.kind) {
    case ParamKind::real: return nlohmann::json(d.*s.real).dump();
    case ParamKind::integer: return std::to_string(d.*s.integer);
    case ParamKind::choice: return d.*s.text;
  }
  return "";
}

std::string range_text(const ParamSpec& s) {
  if (s.kind == ParamKind::choice) {
    std::string r;
    for (auto c : s.choices) {
      if (!r.empty()) r += '|';
      r += c;
    }
    return r;
  }
  std::string r = "[";
  r += nlohmann::json(s.min).dump();
  r += ", ";
  r += nlohmann::json(s.max).dump();
  r += ']';
  return r;
}

nlohmann::json as_json() {
  nlohmann::json out;
  for (const Scenario& sc : scenarios()) {
    nlohmann::json settings = nlohmann::json::object();
    for (const auto& [k, v] : sc.settings) settings[std::string(k)] = std::string(v);
    out["scenarios"].push_back({{"name", sc.name}, {"story", sc.story}, {"settings", settings}});
  }
  for (const ParamSpec& s : parameter_specs())
    out["parameters"].push_back({{"name", s.name},
                                 {"group", s.group},
                                 {"default", default_text(s)},
                                 {"range", range_text(s)},
                                 {"description", s.description}});
  for (const auto& p : policy_names()) out["policies"].push_back(p);
  return out;
}

}  // namespace

int scenarios_command(const std::vector<std::string>& argv) {
  const Args args(argv, {{"json", false}}, 0);
  if (args.has("json")) {
    std::cout << as_json().dump(2) << "\n";
    return 0;
  }
  for (const Scenario& sc : scenarios()) {
    std::cout << sc.name << "\n  " << sc.story << "\n";
    if (sc.settings.empty()) std::cout << "  sets: nothing (the defaults)\n";
    else {
      std::cout << "  sets:";
      for (const auto& [k, v] : sc.settings) std::cout << " " << k << "=" << v;
      std::cout << "\n";
    }
    std::cout << "\n";
  }
  std::cout << "policies:";
  for (const auto& p : policy_names()) std::cout << " " << p;
  std::cout << "\n\nparameters (--set KEY=VALUE):\n";
  for (const ParamSpec& s : parameter_specs())
    std::cout << "  " << std::left << std::setw(24) << s.name << std::setw(16) << default_text(s)
              << std::setw(28) << range_text(s) << s.description << "\n";
  return 0;
}

}  // namespace finsim::cli
