#include "overview_totals.hpp"

#include <cmath>
#include <map>
#include <vector>

#include "finsim/portfolio/holdings.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "finsim/portfolio/trade_stats.hpp"

namespace finsim::server {

OverviewTotals overview_totals(Book& book) {
  OverviewTotals t;
  std::map<std::int64_t, std::vector<double>> prices;  // per market, at its clock (a live portfolio's as-of bar)
  std::vector<pf::Holding> holdings;
  std::vector<std::pair<std::int64_t, std::size_t>> trip_counts;
  double cash = 0.0;
  for (const auto& [id, l] : book.ledgers()) {
    if (!l.active()) continue;
    if (!l.live()) {
      ++t.backtests;
      continue;
    }
    ++t.live;
    cash += l.state.cash;
    if (!l.trips.empty()) trip_counts.emplace_back(id, l.trips.size());
    if (!l.holds_positions()) continue;
    const Market& m = book.market_of(l);
    auto [at, fresh] = prices.try_emplace(m.id);
    if (fresh)
      at->second = m.has_bars() ? pf::last_prices(*m.panel, l.as_of(m))
                                : std::vector<double>(l.state.positions.size(), std::nan(""));
    const auto h = pf::holdings_report(l.state, *m.panel, at->second);
    holdings.insert(holdings.end(), h.begin(), h.end());
  }
  t.allocation = pf::allocation_to_json(pf::allocation(holdings, cash));
  Book::TradeStatsMemo& memo = book.trade_stats_memo();
  if (memo.stats.is_null() || memo.source != trip_counts) {
    std::vector<pf::RoundTrip> trips;
    for (const auto& [id, count] : trip_counts) {
      const Ledger& l = book.ledgers().at(id);
      trips.insert(trips.end(), l.trips.begin(), l.trips.end());
    }
    memo.stats = pf::model_trade_stats_to_json(pf::trade_stats_by_model(trips));
    memo.source = std::move(trip_counts);
  }
  t.models = memo.stats;
  return t;
}

}  // namespace finsim::server
