#include <array>

#include "commands.hpp"

namespace finsim::cli {

std::span<const Command> commands() {
  static const std::array kCommands{
      Command{"run", "run a simulation and print its contract messages as NDJSON",
              "usage: finsim run [--scenario NAME] [--seed N] [--steps N] [--policy NAME|FILE] [--banks N]\n"
              "                  [--set KEY=VALUE ...] [--compact]\n\n"
              "Prints the timestep-0 STATE_UPDATE, then for each step its EVENTs, its STATE_UPDATE and its\n"
              "METRICS_UPDATE, one JSON object per line (the wire contract, schema_version 1.0).\n\n"
              "  --seed N            seed, 0 .. 2^53-1 (default 42)\n"
              "  --steps N           timesteps to run, 0 .. 1000000 (default 100)\n"
              "  --policy NAME|FILE  heuristic, random, all_hold, all_lend, all_hoard, all_fire_sale, the shipped\n"
              "                      mappo, mappo-cooperative, mappo-selfish, or a policy file (*.json), each\n"
              "                      optionally with modifiers +no_hoard, +no_fire_sale, +no_lend\n"
              "                      (e.g. heuristic+no_hoard: its HOARDs become HOLDs; forced sales stay)\n"
              "  --compact           nodes carry only the contract's fields (no balance-sheet details)\n"
              "  --at STEP:JSON      apply a control body before step STEP (repeatable), as the worker sends\n"
              "                      it, e.g. 12:'{\"control\":\"force_action\",\"bank\":3,\"action\":\"HOARD\"}';\n"
              "                      controls: force_default, inject_liquidity, price_shock, force_action,\n"
              "                      policy (from that step every bank follows it: {\"control\":\"policy\",\n"
              "                      \"policy\":\"all_lend\"}; a name as --policy takes, a file included)\n"
              "  --intervene SPEC    the older short form (repeatable):\n"
              "                      STEP:force_default:BANK | STEP:inject_liquidity:BANK:AMOUNT |\n"
              "                      STEP:price_shock:SHARE   (applied at the start of step STEP)\n",
              run_command},
      Command{"why", "explain why a bank failed: its counterfactual causes",
              "usage: finsim why --bank B [--scenario NAME] [--seed N] [--steps N] [--policy NAME|FILE]\n"
              "                  [--banks N] [--set KEY=VALUE ...] [--at STEP:JSON ...] [--json]\n\n"
              "Replays the run (the options of finsim run) and explains why bank B failed: the causes that\n"
              "touched it before (the scenario's shock and withdrawal, its depositors' run, lenders' recalls,\n"
              "failed lenders' called loans, failed debtors' losses, the price fall from other banks' sales,\n"
              "interventions and policy switches), each replayed away. A cause is necessary when, without\n"
              "it alone, the bank is still standing at the run's last step; sufficient alone when, without\n"
              "every other cause, it still fails by then (docs/why.md). Prints the explanation as sentences.\n\n"
              "  --bank B            the failed bank (required)\n"
              "  --steps N           the run's length, the step survival is judged at (default 200)\n"
              "  --at STEP:JSON      a control applied before step STEP, as in finsim run (repeatable);\n"
              "                      --intervene SPEC, the older short form, works too\n"
              "  --json              the explanation as one JSON document (causes, verdicts, sentences)\n"
              "Errors (exit code 2): no such bank, the bank did not fail in the run, more than 48 causes.\n",
              why_command},
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
              "usage: finsim bench [--quick] [--portfolio | --models | --why | --replay | --learning] [--threads N]\n\n"
              "Median time per step (physics, policy, clearing) with the heuristic policy on 100 banks,\n"
              "1,000 banks / 5,000 links and 10,000 banks / 50,000 links; one clearing on each; and the\n"
              "serialization of one STATE_UPDATE. Prints one JSON document.\n\n"
              "  --quick             fewer repetitions (for smoke tests)\n"
              "  --portfolio         instead: the portfolio backtest loop on 100 tickers x 20,000 bars\n"
              "                      (fills, fees, FIFO lots, daily NAV) in bar-events per second\n"
              "  --models            instead: the seconds of a backtest of each built-in model on every\n"
              "                      ticker of the simulated market (2,520 bars), on one and --threads threads\n"
              "  --why               instead: the time of one failure explanation (finsim why) for every\n"
              "                      bank that failed in core_default and liquidity_freeze (100 banks, 200 steps)\n"
              "  --replay            instead: the time of a reset with to_step 200 (a branch) and of a rewind\n"
              "                      to step 100, replayed from step 0 (100 and 1,000 banks)\n"
              "  --learning          instead: MAPPO training throughput (agent-steps/s, environment\n"
              "                      included) on the 100-bank network, serially and on --threads threads,\n"
              "                      and the inference time of one learned-policy step for 100 banks\n"
              "  --threads N         threads for --learning's and --models' parallel figures (default: hardware)\n",
              bench_command},
      Command{"train", "train bank policies with MAPPO and write a policy file",
              "usage: finsim train --out FILE [--scenario S[,S...]] [--cooperation W] [--steps N] [--seed N]\n"
              "                    [--log CSV] [options]\n\n"
              "Multi-agent PPO (Yu et al. 2022): every bank is an agent sharing one actor and one critic.\n"
              "The reward is (1 - W) * own outcome + W * system outcome (docs/learning.md). Shows a progress\n"
              "bar on stderr; writes the policy (JSON) to FILE and, with --log, the learning curve as CSV.\n"
              "The same options and seed write the same file, whatever --threads says.\n\n"
              "  --scenario LIST     scenarios the environment copies cycle through (default: all five)\n"
              "  --cooperation W     0 (selfish) .. 1 (cooperative) (default 0.5)\n"
              "  --steps N           budget in simulated steps summed over copies (default 400000)\n"
              "  --seed N            0 .. 2^53-1 (default 1)\n"
              "  --name NAME         the policy's name in the file (default mappo)\n"
              "  --description TEXT  free text stored in the file\n"
              "  --selection MODE    argmax | sample: how the policy picks actions when run (default argmax)\n"
              "  --discretion MODE   under_stress | always: where the banks choose their own action; under_stress\n"
              "                      (default) = only where the heuristic would defend itself, elsewhere its\n"
              "                      calm conduct (a crisis comes as a surprise)\n"
              "  --copies N          environment copies per rollout (default 10)\n"
              "  --episode-steps N   steps per training episode (default 100)\n"
              "  --default-penalty D reward penalty for a default (default 10)\n"
              "  --hidden LIST       hidden layer widths (default 32,32)\n"
              "  --epochs N          PPO epochs per batch (default 5)\n"
              "  --minibatches N     minibatches per epoch (default 4)\n"
              "  --lr X, --critic-lr X  Adam learning rates (default 1e-3)\n"
              "  --entropy X         entropy bonus coefficient (default 0.003)\n"
              "  --gamma X, --lambda X  discount and GAE lambda (default 0.95, 1)\n"
              "  --banks N, --set KEY=VALUE  simulation parameters for every scenario\n"
              "  --threads N         worker threads (default: hardware); results do not depend on it\n"
              "  --quiet             no progress bar\n",
              train_command},
      Command{"lessons", "run the brief's lessons as paired experiments and say which hold",
              "usage: finsim lessons [--seeds A..B] [--only ID[,ID...]] [--json|--markdown] [--threads N]\n\n"
              "Every causal claim of FinSim (docs/lessons.md) as a counterfactual experiment: two worlds\n"
              "with the same seed that differ in one thing (a policy, a modifier, an intervention, a\n"
              "parameter, the shock). Prints each lesson's effect (mean over seeds), its 95% interval, the\n"
              "target, and whether the whole interval clears the target. The metric lessons use the grid of\n"
              "eight policies x five scenarios. Exits 0 when every lesson holds, 1 when one does not.\n\n"
              "  --seeds A..B        inclusive seed range (default 1000..1099, held out from training)\n"
              "  --only LIST         only these lessons (comma-separated ids)\n"
              "  --json              one JSON document\n"
              "  --markdown          the table in Markdown (as in docs/lessons.md)\n"
              "  --threads N         worker threads (default: hardware); results do not depend on it\n",
              lessons_command},
      Command{"eval", "compare policies on held-out seeds (table or JSON)",
              "usage: finsim eval --policy FILE|NAME[,...] [--scenario S[,S...]] [--seeds A..B] [--steps N]\n"
              "                   [--baselines LIST|none] [--json|--markdown] [--threads N] [--banks N] [--set KEY=VALUE]\n\n"
              "Runs every policy (and the baselines) on every seed of every scenario and reports, per policy,\n"
              "the mean and 95% interval of the final default rate, the surviving system equity (share of\n"
              "the initial), the mean liquidity, the final equilibrium score, the paired difference in\n"
              "default rate against the heuristic, and the mix of actions taken.\n\n"
              "  --seeds A..B        inclusive seed range (default 1000..1099); training never uses seeds\n"
              "                      below 2^32, so these are held out\n"
              "  --steps N           steps per run (default 200)\n"
              "  --baselines LIST    default heuristic,random,all_hold,all_lend,all_hoard,all_fire_sale\n"
              "  --json              one JSON document instead of the table\n"
              "  --markdown          the table in Markdown (as in docs/learning.md)\n"
              "  --threads N         worker threads (default: hardware); results do not depend on it\n",
              eval_command},
      Command{"metrics", "returns/risk analytics of a returns or prices CSV as JSON",
              "usage: finsim metrics [FILE] [--kind auto|prices|returns] [--period daily] [--risk-free R]\n"
              "                      [--required-return R] [--cutoff 0.05] [--benchmark COLUMN] [--drawdown-series]\n\n"
              "Reads FILE (or stdin): a header, then one row per period; a first column named date (or\n"
              "holding dates) dates the rows; other columns are series. A long price file\n"
              "(date,ticker,asset_type,close,...) works too. Prices are told from returns by their values\n"
              "(all > 0 and some > 1: prices) unless --kind says. Prints, per series, total/YTD/annual\n"
              "return, volatility, Sharpe, Sortino, max drawdown, Calmar, Omega, VaR and CVaR (historical\n"
              "and Gaussian), stability, tail ratio, worst drawdowns, and alpha/beta/capture against\n"
              "--benchmark; and the correlation matrix. Conventions: empyrical's (docs/portfolio.md).\n"
              "Bad input: one line on stderr, exit code 2, nothing on stdout.\n\n"
              "  --period P          periodicity of the rows: daily (252/yr), weekly, monthly, quarterly, yearly\n"
              "  --risk-free R       per-period risk-free rate (Sharpe, alpha); default 0\n"
              "  --required-return R per-period threshold of Sortino and downside risk; default 0\n"
              "  --cutoff Q          tail probability of VaR/CVaR; default 0.05\n",
              metrics_command},
      Command{"backtest", "trade a built-in model's signals over a market and print JSON",
              "usage: finsim backtest [--data FILE | --seed N --bars N] [--model linear|cnn|xgboost|momentum]\n"
              "                       [--tickers A,B] [--start DATE] [--end DATE] [--fees NAME|FILE.json]\n"
              "                       [--sizing fixed:F|confidence:F|kelly[:M]] [--max-fraction F] [--cash X]\n"
              "                       [--short] [--exit-after N] [--stop-loss P] [--take-profit P]\n"
              "                       [--trailing-stop P] [--benchmark TICKER] [--compare-fees A,B]\n"
              "                       [--refit-every N] [--train-window N] [--threads N] [--series]\n"
              "                       [--initial-margin F] [--maintenance-margin F] [--borrow-rate R]\n\n"
              "Generates the model's signals walk-forward (no look-ahead), trades them (next-bar fills,\n"
              "fees, FIFO lots) and prints the summary, trade statistics and performance; --series adds the\n"
              "NAV history, transactions, round trips and signals. Without --data: the embedded simulated\n"
              "market (seed 42, 2,520 bars), trading after its first year.\n\n"
              "  --fees NAME         zero, flat, percent, tiered, ibkr_fixed (default), ibkr_fixed_with_sec,\n"
              "                      or a JSON fee schedule file\n"
              "  --compare-fees A,B  replay the same trades under other schedules\n"
              "  --threads N         assets' walk-forwards at once (default: one per core; the result is the same)\n"
              "  --stop-loss P, --take-profit P, --trailing-stop P\n"
              "                      exit every position P % from its entry (a trailing stop: from its best close)\n"
              "  --short             sell short on margin: --initial-margin 0.5 (Reg T), --maintenance-margin\n"
              "                      0.3 (FINRA 4210) and --borrow-rate 0.0025 a year unless given (0: off);\n"
              "                      --series lists the ledger's borrow fees, margin calls and liquidations\n",
              backtest_command},
  };
  return kCommands;
}

}  // namespace finsim::cli
