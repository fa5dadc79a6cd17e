// finsim backtest: a built-in model traded over the embedded market or a price file, as JSON.
#include <iostream>
#include <utility>

#include <nlohmann/json.hpp>

#include "cli_args.hpp"
#include "commands.hpp"
#include "finsim/portfolio/backtest.hpp"
#include "finsim/portfolio/market_model.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "portfolio_options.hpp"
#include "thread_pool.hpp"

namespace finsim::cli {

using namespace finsim::portfolio;

int backtest_command(const std::vector<std::string>& argv) {
  const Args args(argv,
                  {{"data"}, {"seed"}, {"bars"}, {"model"}, {"tickers"}, {"start"}, {"end"}, {"fees"}, {"sizing"},
                   {"max-fraction"}, {"cash"}, {"short", false}, {"exit-after"}, {"stop-loss"}, {"take-profit"}, {"trailing-stop"}, {"benchmark"}, {"series", false},
                   {"compare-fees"}, {"refit-every"}, {"train-window"}, {"threads"}, {"initial-margin"}, {"maintenance-margin"},
                   {"borrow-rate"}},
                  0);
  PricePanel panel;
  if (const auto data = args.get("data")) {
    panel = read_price_file(*data);
  } else {
    const auto seed = static_cast<std::uint64_t>(args.integer("seed", 42, 0, (1LL << 53) - 1));
    const auto bars = static_cast<std::size_t>(args.integer("bars", 2520, 2, 200000));
    auto market = simulate_market(default_market_config(), seed, bars);
    if (!market.ok()) throw UsageError(market.error().message);
    panel = std::move(market->panel);
  }
  BacktestSpec spec;
  spec.model = args.get("model").value_or("linear");
  if (const auto t = args.get("tickers")) spec.tickers = split_list(*t);
  if (const auto s = args.get("start")) spec.start = parse_date_option(*s, "--start");
  if (const auto e = args.get("end")) spec.end = parse_date_option(*e, "--end");
  spec.fees = parse_fee_option(args.get("fees").value_or("ibkr_fixed"));
  spec.sizing = parse_sizing_option(args.get("sizing").value_or("fixed:0.1"), args.number("max-fraction", 0.25, 1e-6, 1.0));
  spec.initial_cash = args.number("cash", 100000.0, 0.0, 1e15);
  spec.rules.allow_short = args.has("short");
  // Shorts are carried on margin: the engine's defaults (Reg T, FINRA, a general-collateral borrow fee;
  // margin.hpp's margin_for) for the rules not given; 0 turns a rule off.
  nlohmann::json margin = nlohmann::json::object();
  for (const auto& [flag, key] : {std::pair{"initial-margin", "initial"}, std::pair{"maintenance-margin", "maintenance"},
                                  std::pair{"borrow-rate", "borrow_rate"}})
    if (args.has(flag)) margin[key] = args.number(flag, 0.0, 0.0, 1.0);
  if (!spec.rules.allow_short && !margin.empty())
    throw UsageError("--initial-margin, --maintenance-margin and --borrow-rate apply to --short");
  auto rules = margin_for(spec.rules.allow_short, &margin);
  if (!rules.ok()) throw UsageError(rules.error().message);
  spec.rules.margin = *rules;
  spec.exit_after_bars = static_cast<std::size_t>(args.integer("exit-after", 0, 0, 100000));
  spec.exits.stop_loss_percent = args.number("stop-loss", 0.0, 0.0, 99.99);
  spec.exits.take_profit_percent = args.number("take-profit", 0.0, 0.0, 10000.0);
  spec.exits.trailing_stop_percent = args.number("trailing-stop", 0.0, 0.0, 99.99);
  spec.benchmark = args.get("benchmark").value_or("");
  spec.walk_forward.refit_every = static_cast<std::size_t>(args.integer("refit-every", 21, 1, 100000));
  spec.walk_forward.train_window = static_cast<std::size_t>(args.integer("train-window", 500, 10, 1000000));
  if (!spec.start && !args.has("data") && panel.bar_count() > 252) spec.start = panel.date(252);  // a year to learn

  // The assets' walk-forwards are independent: --threads of them at once (the signals and the result
  // are those of the sequential run, bit for bit; backtest.hpp, run_together).
  ThreadPool pool(thread_count_option(args));
  pool.run_backtest_assets(spec);
  auto result = run_backtest(panel, spec);
  if (!result.ok()) throw UsageError(result.error().message);
  nlohmann::json out = backtest_to_json(*result, args.has("series"));
  out["model"] = spec.model;
  out["fees"] = fee_schedule_to_json(spec.fees);
  out["sizing"] = {{"kind", sizing_kind_name(spec.sizing.kind)},
                   {"fraction", spec.sizing.fraction},
                   {"kelly_multiplier", spec.sizing.kelly_multiplier},
                   {"max_fraction", spec.sizing.max_fraction}};
  if (const auto names = args.get("compare-fees")) {
    std::vector<FeeSchedule> schedules = {spec.fees};
    for (const std::string& n : split_list(*names)) schedules.push_back(parse_fee_option(n));
    const std::size_t start = result->run.nav.front().bar, end = result->run.nav.back().bar;
    auto cmp = compare_fees(panel, result->run.fills, spec.initial_cash, schedules, spec.rules, start, end, {},
                            result->run.ledger);
    if (!cmp.ok()) throw UsageError(cmp.error().message);
    out["fee_comparison"] = fee_scenarios_to_json(*cmp, args.has("series"));
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace finsim::cli
