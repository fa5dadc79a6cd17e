// Phase 6: balance-sheet measures, stress, and the system metrics (docs/model.md, "Stress", "Metrics").
#include <algorithm>
#include <cmath>

#include "sim_state.hpp"

namespace finsim {
namespace {

// Risk-weighted assets are floored at this share of total assets, so that a bank holding almost
// only cash reports a finite capital ratio.
constexpr double kRwaFloorShare = 0.05;
// Coverage is reported up to this value (a bank with no buffer to hold has coverage "10 or more").
constexpr double kCoverageCap = 10.0;
// Loss given default applied to exposures in counterparty stress: Basel II foundation IRB, senior
// unsecured claims (BCBS 2006, §287).
constexpr double kLossGivenDefault = 0.45;
// Equilibrium score: a step in which total balance sheets move by this share counts as fully unstable.
constexpr double kMovementScale = 0.05;
// ... and so does a step in which this share of active banks defaults.
constexpr double kDefaultScale = 0.2;

// The value as the serializer writes it (six decimals, half away from zero), as an integer.
long long reported(double x) {
  const double scaled = x * 1e6;
  return static_cast<long long>(scaled >= 0.0 ? scaled + 0.5 : scaled - 0.5);
}

}  // namespace

void Simulation::State::measure_banks(bool recount_loans) {
  const SimConfig& c = config;
  if (recount_loans) {
    std::fill(lent.begin(), lent.end(), 0.0);
    std::fill(borrowed.begin(), borrowed.end(), 0.0);
    std::fill(term_borrowed.begin(), term_borrowed.end(), 0.0);
    for (int l = 0; l < m; ++l) {  // branch-free: a repaid or written-off loan is exactly 0
      lent[lender[l]] += loan[l];
      borrowed[borrower[l]] += loan[l];
      term_borrowed[borrower[l]] += term_loan[l];
    }
  }
  for (int i = 0; i < n; ++i) {
    if (!is_active(i)) {
      total_assets[i] = equity[i] = 0.0;
      stress[i] = distress[i] = 1.0;
      capital_stress[i] = liquidity_stress[i] = counterparty_stress[i] = 1.0;
      coverage[i] = buffer[i] = 0.0;
      continue;
    }
    const double holdings = units[i] * price;
    const double assets = cash[i] + holdings + loan_book[i] + lent[i];
    const double liabilities = deposits[i] + due_authority[i] + cb_funding[i] + borrowed[i];
    total_assets[i] = assets;
    equity[i] = assets - liabilities;
    const double rwa = std::max(holdings + loan_book[i] + lent[i], kRwaFloorShare * assets);
    capital_ratio[i] = rwa > 0.0 ? equity[i] / rwa : 0.0;
    capital_stress[i] =
        std::clamp((c.capital_requirement + c.capital_buffer - capital_ratio[i]) / c.capital_buffer, 0.0, 1.0);
    buffer[i] = c.deposit_runoff * deposits[i] + c.interbank_runoff * borrowed[i] + due_authority[i];
    coverage[i] = buffer[i] > 0.0 ? std::min(kCoverageCap, cash[i] / buffer[i]) : kCoverageCap;
    liquidity_stress[i] = std::clamp(1.0 - coverage[i], 0.0, 1.0);
    distress[i] = 1.0 - (1.0 - capital_stress[i]) * (1.0 - liquidity_stress[i]);
  }
  // One round of DebtRank-style propagation (Battiston et al. 2012): the expected loss on the loans to
  // distressed borrowers (distress as the likelihood of failure, Basel's loss given default) relative
  // to i's equity.
  for (int i = 0; i < n; ++i) {
    if (!is_active(i)) continue;
    double hit = 0.0;
    for (int e = out_start[i]; e < out_start[i + 1]; ++e) {
      const int l = out_links[e];
      hit += loan[l] * distress[borrower[l]];
    }
    hit *= kLossGivenDefault;
    double cp = 0.0;
    if (hit > 0.0) cp = equity[i] > 0.0 ? std::min(1.0, hit / equity[i]) : 1.0;
    counterparty_stress[i] = cp;
    stress[i] = 1.0 - (1.0 - distress[i]) * (1.0 - cp);
  }
}

void Simulation::State::update_metrics(int new_defaults, int waves) {
  Metrics& x = metrics;
  x.timestep = t;
  int up = 0, down = 0, acted = 0, changed = 0;
  double cash_sum = 0.0, buffer_sum = 0.0, equity_sum = 0.0, exposure = 0.0;
  for (int i = 0; i < n; ++i) {
    if (active[i]) {
      ++acted;
      if (action[i] != previous_action[i]) ++changed;
    }
    if (!is_active(i)) {
      ++down;
      buffer_sum += failed_buffer[i];  // what a failed bank owed at short notice is covered by nobody
      continue;
    }
    ++up;
    cash_sum += std::min(cash[i], buffer[i]);  // surplus cash covers nobody else's needs unless lent
    buffer_sum += buffer[i];
    equity_sum += equity[i];
    exposure += lent[i];
  }
  x.active_banks = up;
  x.defaulted_banks = down;
  x.new_defaults = new_defaults;
  x.default_waves = waves;
  x.default_rate = static_cast<double>(down) / n;
  x.liquidity = up == 0 ? 0.0 : (buffer_sum > 0.0 ? std::min(1.0, cash_sum / buffer_sum) : 1.0);
  const double intact = static_cast<double>(up) / n;
  x.asset_price = price;
  x.price_change = price / step_start_price - 1.0;
  x.total_equity = equity_sum;
  x.interbank_exposure = exposure;

  // Equilibrium score (docs/model.md): the mean over the last kEquilibriumWindow steps of
  //   (1 − share of banks that changed action) × (1 − movement / 5 %)⁺ × (1 − new-default share / 20 %)⁺.
  double moved = 0.0, before = 0.0;
  for (int i = 0; i < n; ++i) {
    moved += std::fabs(total_assets[i] - previous_assets[i]);
    before += previous_assets[i];
    previous_assets[i] = total_assets[i];
  }
  if (t > 0) {
    const double change_share = acted > 0 ? static_cast<double>(changed) / acted : 0.0;
    const double movement = before > 0.0 ? moved / before : 0.0;
    const double default_share = acted > 0 ? static_cast<double>(new_defaults) / acted : 0.0;
    const double stability = (1.0 - change_share) * std::max(0.0, 1.0 - movement / kMovementScale) *
                             std::max(0.0, 1.0 - default_share / kDefaultScale);
    stability_window.push_back(stability);
    if (static_cast<int>(stability_window.size()) > kEquilibriumWindow) stability_window.erase(stability_window.begin());
  }
  double sum = 0.0;
  for (double s : stability_window) sum += s;
  // Stillness alone is not equilibrium: a dead system is still. The score is the recent stillness times
  // the share of the system still standing, squared (docs/model.md §8): a system that lost half its
  // banks scores at most 0.25, one with no bank left 0.
  const double stillness = stability_window.empty() ? 1.0 : std::clamp(sum / stability_window.size(), 0.0, 1.0);
  x.equilibrium_score = stillness * intact * intact;
}

void Simulation::State::update_report_times() {
  for (int i = 0; i < n; ++i) {
    const long long r = reported(capital_ratio[i]), s = reported(stress[i]);
    if (r != reported_ratio[i] || s != reported_stress[i]) {
      reported_ratio[i] = r;
      reported_stress[i] = s;
      last_updated[i] = t;
    }
    if (default_step[i] == t) last_updated[i] = t;
  }
}

}  // namespace finsim
