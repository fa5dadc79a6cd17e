// Reading a portfolio's daily NAV snapshots (table nav_snapshots). Not thread-safe (the service's
// connection).
//
// A live portfolio has one snapshot per bar of its market from its opening to its as-of bar, but not
// one row per bar: a bar stores rows only for the portfolios it concerns (market_clock.hpp). A bar that
// left a portfolio idle — only cash, nothing pending — left its NAV at its cash; such a bar's snapshot
// is the portfolio's previous one carried forward (the previous row ended flat too, or the portfolio
// would not have been idle), filled in here when the series is read. An archived portfolio's series
// ends at the row stored when it was archived; a backtest's rows are all stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "finsim/portfolio/nav.hpp"
#include "finsim/result.hpp"
#include "ledger.hpp"
#include "market.hpp"
#include "store/database.hpp"

namespace finsim::server {

struct SnapshotSeries {
  std::vector<portfolio::NavSnapshot> nav;  ///< by date; `bar` is the index in this series
  std::vector<std::string> allocation;      ///< the stored allocation JSON of each (when asked for)
};

/// The snapshots of `ledger` (of `market`) dated in [from, to] (open ends when absent), idle bars
/// filled in as the header says.
Result<SnapshotSeries> load_snapshots(store::Database& db, const Ledger& ledger, const Market& market,
                                      std::optional<portfolio::Date> from, std::optional<portfolio::Date> to,
                                      bool with_allocation = false);

/// Adds "peak_date", "trough_date" and "recovery_date" to each episode of a performance JSON's
/// "worst_drawdowns" (positions index the wealth index: position i is snapshot i's date).
void date_drawdown_episodes(nlohmann::json& episodes, const std::vector<portfolio::NavSnapshot>& nav);

}  // namespace finsim::server
