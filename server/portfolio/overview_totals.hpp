// The dashboard's totals (GET /api/overview) over every active live portfolio: how many portfolios
// there are, the combined allocation and the live results per model.
//
// Polled by every open dashboard, so their cost must not be a summary line per portfolio: each
// market's last prices are found once, holdings are reported only for the portfolios that hold
// something (the others add their cash), and the per-model trade statistics are kept from one call to
// the next while no active live portfolio closed a round trip (round trips only ever grow: the same
// (portfolio, count) pairs mean the same trips). Not thread-safe (the service's thread).
#pragma once

#include <cstddef>

#include <nlohmann/json.hpp>

#include "book.hpp"

namespace finsim::server {

struct OverviewTotals {
  std::size_t live = 0;       ///< active live portfolios
  std::size_t backtests = 0;  ///< active backtest portfolios
  nlohmann::json allocation;  ///< allocation_to_json of every active live portfolio's holdings and cash
  nlohmann::json models;      ///< model_trade_stats_to_json of their round trips
};

OverviewTotals overview_totals(Book& book);

}  // namespace finsim::server
