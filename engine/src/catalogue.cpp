#include "finsim/catalogue.hpp"

#include "finsim/policy.hpp"
#include "finsim/scenarios.hpp"

namespace finsim {

std::string parameter_default_text(const ParamSpec& s) {
  const SimConfig d;
  switch (s.kind) {
    case ParamKind::real: return nlohmann::json(d.*s.real).dump();
    case ParamKind::integer: return std::to_string(d.*s.integer);
    case ParamKind::choice: return d.*s.text;
  }
  return "";
}

std::string parameter_range_text(const ParamSpec& s) {
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

nlohmann::json catalogue_json() {
  nlohmann::json out;
  for (const Scenario& sc : scenarios()) {
    nlohmann::json settings = nlohmann::json::object();
    for (const auto& [k, v] : sc.settings) settings[std::string(k)] = std::string(v);
    out["scenarios"].push_back({{"name", sc.name}, {"story", sc.story}, {"settings", settings}});
  }
  for (const ParamSpec& s : parameter_specs())
    out["parameters"].push_back({{"name", s.name},
                                 {"group", s.group},
                                 {"default", parameter_default_text(s)},
                                 {"range", parameter_range_text(s)},
                                 {"description", s.description}});
  for (const auto& p : policy_names()) out["policies"].push_back(p);
  out["policy_modifiers"] = {"no_hoard", "no_fire_sale", "no_lend"};
  return out;
}

}  // namespace finsim
