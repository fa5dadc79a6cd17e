// Balance sheets at t = 0, from the network and the config's shares (docs/model.md, "Initial state").
//
// Each bank i has total assets A_i (its tier's size, dispersed), lends interbank_share·A_i split evenly
// over its borrowers, holds loan_book_share·A_i of illiquid loans, cash of at least its (dispersed)
// cash share of A_i and at least initial_coverage times its liquidity buffer, and the rest in
// marketable securities. Its equity is its (dispersed) equity share of A_i and deposits fill the
// balance sheet. Every initial loan is term
// funding: it rolls over unless recalled, and only lending added later is repaid voluntarily.
#include <algorithm>

#include "sim_state.hpp"

namespace finsim {

void Simulation::State::initialise_balance_sheets() {
  const SimConfig& c = config;
  const double p0 = c.initial_price;
  Rng sizes = exogenous.fork(1);
  for (int i = 0; i < n; ++i) {
    const double base = tier[i] == 1 ? c.size_tier1 : (tier[i] == 2 ? c.size_tier2 : c.size_tier3);
    total_assets[i] = 100.0 * base * (1.0 + c.size_dispersion * (2.0 * sizes.uniform() - 1.0));
  }
  for (int i = 0; i < n; ++i) {
    const int k = out_start[i + 1] - out_start[i];
    if (k == 0) continue;
    const double each = c.interbank_share * total_assets[i] / k;
    for (int e = out_start[i]; e < out_start[i + 1]; ++e) loan[out_links[e]] = each;
  }
  std::vector<double> lending(static_cast<std::size_t>(n), 0.0), borrowing(static_cast<std::size_t>(n), 0.0);
  for (int l = 0; l < m; ++l) {
    lending[lender[l]] += loan[l];
    borrowing[borrower[l]] += loan[l];
  }
  double units_total = 0.0;
  for (int i = 0; i < n; ++i) {
    const double assets = total_assets[i];
    const double eq = c.equity_share * assets * (1.0 + c.equity_dispersion * (2.0 * sizes.uniform() - 1.0));
    const double cash_share = c.cash_share * (1.0 + c.cash_dispersion * (2.0 * sizes.uniform() - 1.0));
    loan_book[i] = c.loan_book_share * assets;
    const double provisional_deposits = std::max(assets - eq - borrowing[i], c.min_deposit_share * assets);
    const double buffer_needed = c.deposit_runoff * provisional_deposits + c.interbank_runoff * borrowing[i];
    cash[i] = std::max(cash_share * assets, c.initial_coverage * buffer_needed);
    // Securities take what is left. If cash and loans leave nothing, the balance sheet grows instead.
    const double securities = std::max(0.0, assets - cash[i] - lending[i] - loan_book[i]);
    units[i] = securities / p0;
    const double grown = cash[i] + lending[i] + loan_book[i] + securities;
    double dep = grown - eq - borrowing[i];
    // Deposits never fall below min_deposit_share of assets: extra deposits fund extra cash.
    if (dep < c.min_deposit_share * grown) {
      const double extra = (c.min_deposit_share * grown - dep) / (1.0 - c.min_deposit_share);
      cash[i] += extra;
      dep += extra;
    }
    deposits[i] = dep;
    deposit_target[i] = dep;
    units_total += units[i];
  }
  term_loan = loan;
  outstanding_units = units_total > 0 ? units_total / c.bank_market_share : 1.0;
  price = p0;
  step_start_price = p0;
  fundamental_price = p0;
}

}  // namespace finsim
