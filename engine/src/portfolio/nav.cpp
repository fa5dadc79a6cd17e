#include "finsim/portfolio/nav.hpp"

#include <limits>

namespace finsim::portfolio {

NavSnapshot take_snapshot(const PortfolioState& state, const PricePanel& panel, std::size_t bar) {
  return take_snapshot(state, last_prices(panel, bar), panel.date(bar), bar);
}

NavSnapshot take_snapshot(const PortfolioState& state, std::span<const double> prices, Date date, std::size_t bar) {
  NavSnapshot s;
  s.date = date;
  s.bar = bar;
  s.cash = state.cash;
  s.holdings_value = holdings_value(state, prices);
  s.nav = s.cash + s.holdings_value;
  return s;
}

PortfolioValuation value_portfolio(const PortfolioState& state, std::span<const double> prices) {
  PortfolioValuation v;
  v.initial_cash = state.initial_cash;
  v.cash = state.cash;
  v.holdings_value = holdings_value(state, prices);
  v.nav = v.cash + v.holdings_value;
  for (const Position& p : state.positions) {
    if (p.lots.empty()) continue;
    v.cost_basis += cost_basis(p);
    ++v.open_positions;
  }
  v.realized_pnl = state.realized_pnl;
  v.unrealized_pnl = v.holdings_value - v.cost_basis;
  v.fees_paid = state.fees_paid;
  v.borrow_fees_paid = state.borrow_fees_paid;
  v.total_return = state.initial_cash > 0.0 ? v.nav / state.initial_cash - 1.0 : std::numeric_limits<double>::quiet_NaN();
  return v;
}

std::vector<double> returns_from_nav(std::span<const NavSnapshot> snapshots) {
  std::vector<double> r;
  if (snapshots.size() < 2) return r;
  r.reserve(snapshots.size() - 1);
  for (std::size_t t = 1; t < snapshots.size(); ++t) {
    const double prev = snapshots[t - 1].nav;
    r.push_back(prev > 0.0 ? snapshots[t].nav / prev - 1.0 : std::numeric_limits<double>::quiet_NaN());
  }
  return r;
}

}  // namespace finsim::portfolio
