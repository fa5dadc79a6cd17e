#include "control_schedule.hpp"

#include <algorithm>
#include <sstream>
#include <string>

#include "finsim/intervention_body.hpp"
#include "finsim/session.hpp"

namespace finsim::cli {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::stringstream in(s);
  for (std::string p; std::getline(in, p, sep);) parts.push_back(p);
  return parts;
}

// "STEP:force_default:BANK", "STEP:inject_liquidity:BANK:AMOUNT", "STEP:price_shock:SHARE".
ScheduledControl parse_intervention(const std::string& spec) {
  const auto p = split(spec, ':');
  const std::string what = "--intervene '" + spec + "'";
  if (p.size() < 3) throw UsageError(what + ": expected STEP:KIND:...");
  const int step = static_cast<int>(parse_integer(p[0], what + " step", 1, 1000000));
  Intervention iv;
  if (p[1] == "force_default" && p.size() == 3) {
    iv.kind = Intervention::Kind::force_default;
    iv.bank = static_cast<int>(parse_integer(p[2], what + " bank", 0, kMaxBanks));
  } else if (p[1] == "inject_liquidity" && p.size() == 4) {
    iv.kind = Intervention::Kind::inject_liquidity;
    iv.bank = static_cast<int>(parse_integer(p[2], what + " bank", 0, kMaxBanks));
    iv.amount = parse_number(p[3], what + " amount", 0.0, 1e12);
  } else if (p[1] == "price_shock" && p.size() == 3) {
    iv.kind = Intervention::Kind::price_shock;
    iv.amount = parse_number(p[2], what + " share", 0.0, 1.0);
  } else {
    throw UsageError(what + ": unknown kind or wrong number of fields");
  }
  return {step, iv};
}

// "STEP:{"control":"force_action","bank":3,"action":"HOARD"}": a control body as the worker sends it
// (REST's body plus its name in "control"), applied before step STEP; the engine's reader, the one a
// reset's `at` uses.
ScheduledControl parse_at(const std::string& spec) {
  const std::string what = "--at '" + spec + "'";
  const auto colon = spec.find(':');
  if (colon == std::string::npos) throw UsageError(what + ": expected STEP:JSON");
  const int step = static_cast<int>(parse_integer(spec.substr(0, colon), what + " step", 1, 1000000));
  auto body = Session::parse_body(std::string_view(spec).substr(colon + 1));
  if (!body.ok() || !body->is_object()) throw UsageError(what + ": the control must be a JSON object");
  auto iv = intervention_from_control(*body);
  if (!iv.ok()) throw UsageError(what + ": " + iv.error().message);
  return {step, *iv};
}

}  // namespace

std::vector<OptionSpec> control_option_specs() { return {{"intervene", true, true}, {"at", true, true}}; }

std::vector<ScheduledControl> scheduled_controls(const Args& args) {
  std::vector<ScheduledControl> controls;
  for (const auto& spec : args.all("intervene")) controls.push_back(parse_intervention(spec));
  for (const auto& spec : args.all("at")) controls.push_back(parse_at(spec));
  std::stable_sort(controls.begin(), controls.end(),
                   [](const ScheduledControl& a, const ScheduledControl& b) { return a.step < b.step; });
  return controls;
}

void check_controls(const std::vector<ScheduledControl>& controls, int banks) {
  for (const ScheduledControl& c : controls)
    if (Status st = check_intervention(c.intervention, banks); !st.ok())
      throw UsageError("--intervene/--at: step " + std::to_string(c.step) + ": " + st.error().message);
}

}  // namespace finsim::cli
