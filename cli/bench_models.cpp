#include "bench_models.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "finsim/portfolio/backtest.hpp"
#include "finsim/portfolio/market_model.hpp"
#include "finsim/portfolio/model_registry.hpp"
#include "thread_pool.hpp"

namespace finsim::cli {

using namespace finsim::portfolio;

namespace {

struct Timed {
  double median_seconds = 0.0;
  double final_nav = 0.0;
  std::size_t signals = 0;
};

// `runs` backtests of `model` on `threads` threads: the median time and what the last one produced.
Timed time_backtest(const PricePanel& panel, const std::string& model, int threads, int runs) {
  using Clock = std::chrono::steady_clock;
  BacktestSpec spec;
  spec.model = model;
  if (panel.bar_count() > 252) spec.start = panel.date(252);  // a year to learn, as `finsim backtest`
  ThreadPool pool(threads);
  pool.run_backtest_assets(spec);
  std::vector<double> seconds;
  Timed out;
  for (int r = 0; r < runs; ++r) {
    const auto start = Clock::now();
    auto result = run_backtest(panel, spec);
    seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    if (!result.ok()) throw std::runtime_error(model + ": " + result.error().message);
    out.final_nav = result->run.nav.back().nav;
    out.signals = result->signals.size();
  }
  std::sort(seconds.begin(), seconds.end());
  out.median_seconds = seconds[seconds.size() / 2];
  return out;
}

}  // namespace

nlohmann::json bench_models(int bars, int runs, int threads) {
  auto market = simulate_market(default_market_config(), 42, static_cast<std::size_t>(bars));
  if (!market.ok()) throw std::runtime_error(market.error().message);
  const PricePanel& panel = market->panel;
  nlohmann::json out = {{"tickers", panel.asset_count()}, {"bars", panel.bar_count()}, {"runs", runs}, {"threads", threads}};
  for (const ModelInfo& m : model_catalog()) {
    if (!m.built_in || !m.available) continue;
    const Timed one = time_backtest(panel, m.name, 1, runs);
    const Timed many = time_backtest(panel, m.name, threads, runs);
    out["models"].push_back({{"model", m.name},
                             {"signals", one.signals},
                             {"final_nav", one.final_nav},
                             {"same_result_on_threads", one.final_nav == many.final_nav && one.signals == many.signals},
                             {"seconds_one_thread", one.median_seconds},
                             {"seconds_on_threads", many.median_seconds}});
  }
  return out;
}

}  // namespace finsim::cli
