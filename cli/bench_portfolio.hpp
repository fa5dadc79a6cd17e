// The portfolio benchmark of `finsim bench --portfolio`.
#pragma once

#include <nlohmann/json.hpp>

namespace finsim::cli {

/// The backtest loop (fills with fees, FIFO lots, a NAV per bar) over `tickers` × `bars` of the
/// simulated market, driven by a dense moving-average crossover signal grid: the median of `runs` timed
/// runs in bar-events (bars × tickers) per second, on one thread.
nlohmann::json bench_portfolio(int tickers, int bars, int runs);

}  // namespace finsim::cli
