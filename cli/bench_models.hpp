// The models benchmark of `finsim bench --models`: what a backtest of each built-in model costs.
#pragma once

#include <nlohmann/json.hpp>

namespace finsim::cli {

/// One backtest per available built-in model (linear, momentum, cnn, xgboost) over every ticker of the
/// simulated market (seed 42, `bars` bars, trading after the first year as `finsim backtest` does): its
/// seconds on one thread and on `threads` threads (the assets' walk-forwards at once), the median of
/// `runs` runs each, with the signals and final NAV that show the two did the same work.
nlohmann::json bench_models(int bars, int runs, int threads);

}  // namespace finsim::cli
