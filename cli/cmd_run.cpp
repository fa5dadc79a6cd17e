// finsim run: a simulation's message stream as NDJSON.
#include <cstdio>
#include <map>
#include <sstream>

#include "cli_args.hpp"
#include "commands.hpp"
#include "finsim/intervention_body.hpp"
#include "finsim/messages.hpp"
#include "finsim/session.hpp"
#include "finsim/simulation.hpp"
#include "policy_arg.hpp"
#include "sim_options.hpp"

namespace finsim::cli {
namespace {

constexpr long long kMaxSeed = (1LL << 53) - 1;

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::stringstream in(s);
  for (std::string p; std::getline(in, p, sep);) parts.push_back(p);
  return parts;
}

// "STEP:force_default:BANK", "STEP:inject_liquidity:BANK:AMOUNT", "STEP:price_shock:SHARE".
std::pair<int, Intervention> parse_intervention(const std::string& spec) {
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
// (REST's body plus its name in "control"), applied before step STEP.
std::pair<int, Intervention> parse_at(const std::string& spec) {
  const std::string what = "--at '" + spec + "'";
  const auto colon = spec.find(':');
  if (colon == std::string::npos) throw UsageError(what + ": expected STEP:JSON");
  const int step = static_cast<int>(parse_integer(spec.substr(0, colon), what + " step", 1, 1000000));
  auto body = Session::parse_body(std::string_view(spec).substr(colon + 1));
  if (!body.ok() || !body->is_object()) throw UsageError(what + ": the control must be a JSON object");
  if (!body->contains("control") || !(*body)["control"].is_string())
    throw UsageError(what + ": the JSON needs \"control\": force_default, inject_liquidity, price_shock or force_action");
  const std::string control = (*body)["control"].get<std::string>();
  if (!is_intervention(control))
    throw UsageError(what + ": '" + control + "' is not an intervention (force_default, inject_liquidity, price_shock, force_action)");
  body->erase("control");
  auto iv = intervention_from_body(control, *body);
  if (!iv.ok()) throw UsageError(what + ": " + iv.error().message);
  return {step, *iv};
}

void flush(std::string& out) {
  std::fwrite(out.data(), 1, out.size(), stdout);
  out.clear();
}

}  // namespace

int run_command(const std::vector<std::string>& argv) {
  auto specs = simulation_option_specs();
  specs.insert(specs.end(), {{"seed"}, {"steps"}, {"compact", false}, {"intervene", true, true}, {"at", true, true}});
  const Args args(argv, specs, 0);
  const SimConfig config = config_from_args(args);
  const auto seed = static_cast<std::uint64_t>(args.integer("seed", 42, 0, kMaxSeed));
  const int steps = static_cast<int>(args.integer("steps", 100, 0, 1000000));
  std::multimap<int, Intervention> schedule;
  for (const auto& spec : args.all("intervene")) schedule.insert(parse_intervention(spec));
  for (const auto& spec : args.all("at")) schedule.insert(parse_at(spec));

  // A learned policy may come from a file (--policy path.json); every other name is the registry's.
  const PolicyMaker make = policy_maker(config.policy);
  auto sim = Simulation::create(config, seed, make());
  if (!sim.ok()) throw UsageError(sim.error().message);
  // Interventions are validated against the network before anything is printed.
  for (const auto& [step, iv] : schedule)
    if (iv.kind != Intervention::Kind::price_shock && iv.bank >= sim->banks())
      throw UsageError("--intervene/--at: bank " + std::to_string(iv.bank) + " does not exist (0.." +
                       std::to_string(sim->banks() - 1) + ")");

  SerializeOptions options;
  options.bank_details = !args.has("compact");
  std::string out;
  append_state_update(*sim, out, options);
  out.push_back('\n');
  for (int t = 1; t <= steps; ++t) {
    auto [lo, hi] = schedule.equal_range(t);
    for (auto it = lo; it != hi; ++it) {
      // A bank that has already failed cannot be helped or failed again: say so and go on.
      if (Status st = sim->intervene(it->second); !st.ok())
        std::fprintf(stderr, "finsim run: step %d: %s (skipped)\n", t, st.error().message.c_str());
    }
    sim->step();
    for (const Event& e : sim->events()) {
      append_event(e, out);
      out.push_back('\n');
    }
    append_state_update(*sim, out, options);
    out.push_back('\n');
    append_metrics_update(*sim, out);
    out.push_back('\n');
    if (out.size() > (1u << 20)) flush(out);
  }
  flush(out);
  return std::fflush(stdout) == 0 ? 0 : 1;
}

}  // namespace finsim::cli
