// finsim run: a simulation's message stream as NDJSON.
#include <cstdio>

#include "cli_args.hpp"
#include "commands.hpp"
#include "control_schedule.hpp"
#include "finsim/messages.hpp"
#include "finsim/simulation.hpp"
#include "policy_arg.hpp"
#include "sim_options.hpp"

namespace finsim::cli {
namespace {

void flush(std::string& out) {
  std::fwrite(out.data(), 1, out.size(), stdout);
  out.clear();
}

}  // namespace

int run_command(const std::vector<std::string>& argv) {
  auto specs = simulation_option_specs();
  specs.insert(specs.end(), {{"seed"}, {"steps"}, {"compact", false}});
  for (OptionSpec& spec : control_option_specs()) specs.push_back(std::move(spec));
  const Args args(argv, specs, 0);
  const SimConfig config = config_from_args(args);
  const auto seed = static_cast<std::uint64_t>(args.integer("seed", 42, 0, kMaxSeed));
  const int steps = static_cast<int>(args.integer("steps", 100, 0, 1000000));
  const std::vector<ScheduledControl> schedule = scheduled_controls(args);

  // A learned policy may come from a file (--policy path.json); every other name is the registry's.
  const PolicyMaker make = policy_maker(config.policy);
  auto sim = Simulation::create(config, seed, make());
  if (!sim.ok()) throw UsageError(sim.error().message);
  // Controls are validated against the network before anything is printed.
  register_policy_files(schedule);
  check_controls(schedule, sim->banks());

  SerializeOptions options;
  options.bank_details = !args.has("compact");
  std::string out;
  append_state_update(*sim, out, options);
  out.push_back('\n');
  std::size_t next = 0;  // the schedule is ordered by step
  for (int t = 1; t <= steps; ++t) {
    for (; next < schedule.size() && schedule[next].step == t; ++next) {
      // A bank that has already failed cannot be helped or failed again: say so and go on.
      if (Status st = sim->intervene(schedule[next].intervention); !st.ok())
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
