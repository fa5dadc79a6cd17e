#include "finsim/portfolio/holdings.hpp"

#include <cmath>
#include <algorithm>
#include <map>

#include "finsim/portfolio/benchmark_metrics.hpp"

namespace finsim::portfolio {

std::vector<Holding> holdings_report(const PortfolioState& state, const PricePanel& panel,
                                     std::span<const double> prices) {
  const double nav = net_asset_value(state, prices);
  std::vector<Holding> out;
  for (std::size_t a = 0; a < state.positions.size(); ++a) {
    const Position& p = state.positions[a];
    if (p.quantity == 0.0) continue;
    Holding h;
    h.asset = a;
    h.ticker = p.ticker;
    h.asset_class = panel.asset(a).asset_class;
    h.sector = panel.asset(a).sector;
    h.quantity = p.quantity;
    h.cost_basis = cost_basis(p);
    h.average_cost = std::fabs(h.cost_basis) / std::fabs(p.quantity);
    h.price = a < prices.size() ? prices[a] : std::nan("");
    h.market_value = std::isnan(h.price) ? h.cost_basis : p.quantity * h.price;
    h.unrealized_pnl = h.market_value - h.cost_basis;
    h.unrealized_return = h.cost_basis != 0.0 ? h.unrealized_pnl / std::fabs(h.cost_basis) : 0.0;
    h.weight = nav != 0.0 ? h.market_value / nav : 0.0;
    h.realized_pnl = p.realized_pnl;
    if (!p.lots.empty()) h.opened_by = p.lots.front().model;
    out.push_back(std::move(h));
  }
  return out;
}

Allocation allocation(std::span<const Holding> holdings, double cash) {
  Allocation a;
  double by_class[kAssetClassCount] = {};
  std::map<std::string, double> by_sector;
  a.nav = cash;
  for (const Holding& h : holdings) {
    a.nav += h.market_value;
    by_class[static_cast<int>(h.asset_class)] += h.market_value;
    if (h.asset_class == AssetClass::stock) by_sector[h.sector.empty() ? "unknown" : h.sector] += h.market_value;
  }
  auto weight = [&](double v) { return a.nav != 0.0 ? v / a.nav : 0.0; };
  for (int c = 0; c < kAssetClassCount; ++c)
    a.by_class.push_back({std::string(asset_class_name(static_cast<AssetClass>(c))), by_class[c], weight(by_class[c])});
  a.by_class.push_back({"cash", cash, weight(cash)});
  for (const auto& [name, value] : by_sector) a.by_sector.push_back({name, value, weight(value)});
  return a;
}

CorrelationTable holdings_correlation(const PricePanel& panel, std::span<const Holding> holdings, std::size_t bar,
                                      std::size_t window) {
  CorrelationTable table;
  if (panel.bar_count() == 0) return table;
  bar = std::min(bar, panel.bar_count() - 1);
  const std::size_t first = bar >= window ? bar - window + 1 : 1;
  std::vector<std::vector<double>> series;
  for (const Holding& h : holdings) {
    table.tickers.push_back(h.ticker);
    std::vector<double> r;
    for (std::size_t t = first; t <= bar; ++t) r.push_back(panel.close(t, h.asset) / panel.close(t - 1, h.asset) - 1.0);
    series.push_back(std::move(r));
  }
  table.matrix = correlation_matrix(series);
  return table;
}

}  // namespace finsim::portfolio
