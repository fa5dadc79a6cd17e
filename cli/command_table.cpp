#include <array>

#include "commands.hpp"

namespace finsim::cli {

std::span<const Command> commands() {
  static const std::array kCommands{
      Command{"run", "run a simulation and print its contract messages as NDJSON",
              "usage: finsim run [--scenario NAME] [--seed N] [--steps N] [--policy NAME] [--banks N]\n"
              "                  [--set KEY=VALUE ...] [--compact]\n\n"
              "Prints the timestep-0 STATE_UPDATE, then for each step its EVENTs, its STATE_UPDATE and its\n"
              "METRICS_UPDATE, one JSON object per line (the wire contract, schema_version 1.0).\n\n"
              "  --seed N            seed, 0 .. 2^53-1 (default 42)\n"
              "  --steps N           timesteps to run, 0 .. 1000000 (default 100)\n"
              "  --compact           nodes carry only the contract's fields (no balance-sheet details)\n"
              "  --intervene SPEC    queue an intervention before a step (repeatable):\n"
              "                      STEP:force_default:BANK | STEP:inject_liquidity:BANK:AMOUNT |\n"
              "                      STEP:price_shock:SHARE   (applied at the start of step STEP)\n",
              run_command},
      Command{"scenarios", "list the named scenarios and every parameter",
              "usage: finsim scenarios [--json]\n\n"
              "Lists each scenario with its story and the parameters it sets, then every parameter with its\n"
              "default, range and meaning.\n\n  --json              the same as one JSON document\n",
              scenarios_command},
      Command{"clear", "Eisenberg-Noe / Rogers-Veraart clearing of a JSON problem",
              "usage: finsim clear [FILE]\n\n"
              "Reads {\"liabilities\": L, \"external_assets\": e, \"external_liabilities\"?: d,\n"
              "\"seniority\"?: \"pari_passu\"|\"senior\", \"alpha\"?: a, \"beta\"?: b} from FILE or stdin\n"
              "(L[i][j] = what bank i owes bank j) and prints\n"
              "{\"payments\": [...], \"equity\": [...], \"defaulted\": [...], \"rounds\": k}.\n",
              clear_command},
      Command{"debtrank", "DebtRank (original or linear) of a JSON problem",
              "usage: finsim debtrank [FILE]\n\n"
              "Reads {\"exposures\": A, \"capital\": E, \"value\": v, \"shock\": h0,\n"
              "\"variant\"?: \"original\"|\"linear\"} from FILE or stdin (A[i][j] = i's exposure to j)\n"
              "and prints {\"h\": [...], \"debtrank\": R}.\n",
              debtrank_command},
      Command{"sweep", "contagion sweeps (gai-kapadia) as CSV",
              "usage: finsim sweep gai-kapadia [--n 1000] [--draws 1000] [--z LIST] [--seed N] [--threads N]\n\n"
              "Prints CSV z,p_contagion,mean_extent: Gai & Kapadia's (2010) probability and extent of\n"
              "contagion against the mean degree z.\n\n"
              "  --n N               banks per network (default 1000)\n"
              "  --draws N           networks per z (default 1000)\n"
              "  --z LIST            comma-separated mean degrees (default 0.5,1,...,10)\n"
              "  --seed N            seed (default 42)\n"
              "  --threads N         worker threads (default: hardware); results do not depend on it\n",
              sweep_command},
      Command{"bench", "time the engine and print JSON",
              "usage: finsim bench [--quick]\n\n"
              "Median time per step (physics, policy, clearing) with the heuristic policy on 100 banks,\n"
              "1,000 banks / 5,000 links and 10,000 banks / 50,000 links; one clearing on each; and the\n"
              "serialization of one STATE_UPDATE. Prints one JSON document.\n\n"
              "  --quick             fewer repetitions (for smoke tests)\n",
              bench_command},
  };
  return kCommands;
}

}  // namespace finsim::cli
