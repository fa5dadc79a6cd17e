// Reading a portfolio's stored daily NAV snapshots (table nav_snapshots). Not thread-safe (the
// service's connection).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "finsim/portfolio/nav.hpp"
#include "finsim/result.hpp"
#include "store/database.hpp"

namespace finsim::server {

struct SnapshotSeries {
  std::vector<portfolio::NavSnapshot> nav;  ///< by date; `bar` is the index in this series
  std::vector<std::string> allocation;      ///< the stored allocation JSON of each (when asked for)
};

/// The snapshots of `portfolio_id` dated in [from, to] (open ends when absent).
Result<SnapshotSeries> load_snapshots(store::Database& db, std::int64_t portfolio_id,
                                      std::optional<portfolio::Date> from, std::optional<portfolio::Date> to,
                                      bool with_allocation = false);

/// Adds "peak_date", "trough_date" and "recovery_date" to each episode of a performance JSON's
/// "worst_drawdowns" (positions index the wealth index: position i is snapshot i's date).
void date_drawdown_episodes(nlohmann::json& episodes, const std::vector<portfolio::NavSnapshot>& nav);

}  // namespace finsim::server
