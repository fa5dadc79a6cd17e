// Daily net-asset-value snapshots and the returns they imply.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "finsim/portfolio/date.hpp"
#include "finsim/portfolio/portfolio_state.hpp"
#include "finsim/portfolio/price_panel.hpp"

namespace finsim::portfolio {

/// A portfolio valued at one bar's closes (the brief's PortfolioSnapshot).
struct NavSnapshot {
  Date date;
  std::size_t bar = 0;
  double cash = 0.0;
  double holdings_value = 0.0;  ///< Σ quantity × last close (shorts negative)
  double nav = 0.0;             ///< cash + holdings_value
};

/// The snapshot at `bar` (< panel.bar_count()), valuing each position at its last close at or before
/// `bar` (last_prices).
NavSnapshot take_snapshot(const PortfolioState& state, const PricePanel& panel, std::size_t bar);

/// As above with prices already known (one per asset, NaN = value at cost).
NavSnapshot take_snapshot(const PortfolioState& state, std::span<const double> prices, Date date, std::size_t bar);

/// What a portfolio is worth at some prices, and how it got there: the summary line of a portfolio
/// (dashboard, detail view). NAV − initial cash = realised + unrealised P&L (accounting_test).
struct PortfolioValuation {
  double initial_cash = 0.0;
  double cash = 0.0;
  double holdings_value = 0.0;  ///< as take_snapshot
  double nav = 0.0;             ///< cash + holdings_value
  double cost_basis = 0.0;      ///< Σ cost_basis of the open positions (longs paid, shorts −received)
  double realized_pnl = 0.0;
  double unrealized_pnl = 0.0;  ///< holdings_value − cost_basis
  double fees_paid = 0.0;
  double borrow_fees_paid = 0.0;  ///< the shorts' borrow fees (margin.hpp): NAV − initial = realised + unrealised − these
  double total_return = 0.0;    ///< nav / initial_cash − 1; NaN when the initial cash is 0
  std::size_t open_positions = 0;
};

/// The valuation of `state` at `prices` (one per asset, NaN = value at cost, e.g. last_prices).
PortfolioValuation value_portfolio(const PortfolioState& state, std::span<const double> prices);

/// r_t = nav_t / nav_{t−1} − 1 for t ≥ 1 (one fewer than the snapshots; NaN where the previous NAV is
/// not positive).
std::vector<double> returns_from_nav(std::span<const NavSnapshot> snapshots);

}  // namespace finsim::portfolio
