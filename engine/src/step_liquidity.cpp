// Phases 3 and 4: liquidity flows and fire sales.
//
// Order (docs/model.md, "Liquidity settlement"):
//   a. HOARD recalls a share of the outstanding loans, most from the most stressed borrowers: the borrower
//      owes it now.
//   b. Banks with cash beyond their obligations and buffer repay part of their interbank borrowing.
//   c. LEND extends loans out of spare cash (cash beyond the lender's own obligations and buffer, so a
//      lender never depends on incoming payments to fund it) to its linked borrowers in need, pro rata
//      to their gaps.
//   d. Recalls, withdrawals and called claims are settled simultaneously. A bank that cannot pay from
//      cash and receipts sells assets (a forced FIRE_SALE) at the price all of this step's sales
//      produce; if even selling everything is not enough it pays its obligations pro rata (like
//      Eisenberg–Noe on this step's payments) and is illiquid: it defaults in phase 5.
// Prices: P = P_base · exp(−α · (units sold) / (units outstanding)) (Cifuentes, Shin & Ferrucci 2005),
// with P_base the previous price moved by mean reversion toward the initial price and exogenous noise.
// Every seller receives the post-impact price less the immediacy discount `fire_sale_discount`.
#include <algorithm>
#include <cmath>

#include "finsim/detmath.hpp"
#include "sim_state.hpp"

namespace finsim {
namespace {

constexpr double kShareTolerance = 1e-14;
constexpr int kMaxSettlementRounds = 10000;
constexpr int kMaxPriceIterations = 1000;

// A loan asked for λ·w of itself is called whole from λ·w = 1 on (within rounding, so that a hoard of
// everything leaves no dust behind).
bool called_whole(double scale, double weight) { return scale * weight >= 1.0 - 1e-12; }

// What a lender at scale λ recalls of a loan to a borrower it fears with weight w: nothing at w = 0.
double recalled_part(double loan, double scale, double weight) {
  if (weight <= 0.0) return 0.0;
  return called_whole(scale, weight) ? loan : scale * weight * loan;
}

}  // namespace

double Simulation::State::recall_weight(int b) const { return std::max(stress[b], config.hoard_alarm_stress); }

double Simulation::State::recall_scale(int i, double share) const {
  // λ with Σ_l min(L_l, λ·w_l·L_l) = share·Σ_l L_l: start from no loan called whole, then, while the loans
  // λ would call whole grow in number, spread what they could not give over the others. λ only rises,
  // so this ends after at most one round per loan.
  if (config.hoard_alarm_stress >= 1.0) return share;  // every borrower alike (weights all 1)
  double lent_total = 0.0, weighted = 0.0;
  for (int e = out_start[i]; e < out_start[i + 1]; ++e) {
    const int l = out_links[e];
    if (!recallable(l)) continue;
    lent_total += loan[l];
    weighted += recall_weight(borrower[l]) * loan[l];
  }
  if (weighted <= 0.0) return 0.0;  // an alarm level of 0 and every borrower at stress 0: nobody is feared
  const double target = share * lent_total;
  double scale = target / weighted;
  const int rounds = out_start[i + 1] - out_start[i] + 1;
  for (int round = 0; round < rounds; ++round) {
    double whole = 0.0, rest = 0.0;
    for (int k = out_start[i]; k < out_start[i + 1]; ++k) {
      const int l = out_links[k];
      if (!recallable(l)) continue;
      const double w = recall_weight(borrower[l]);
      if (called_whole(scale, w)) whole += loan[l];
      else rest += w * loan[l];
    }
    if (rest <= 0.0) break;  // every loan anyone fears is called whole
    const double next = (target - whole) / rest;
    if (next <= scale) break;
    scale = next;
  }
  return scale;
}

void Simulation::State::settle_liquidity() {
  const SimConfig& c = config;
  std::fill(recall.begin(), recall.end(), 0.0);
  std::fill(owed_recall.begin(), owed_recall.end(), 0.0);
  double units_at_start = 0.0;  // every unit held now is marked from the step's start price to the new one
  for (int i = 0; i < n; ++i) units_at_start += units[i];

  // a. Recalls: hoard_recall_share of the loans of a bank that hoards now, hoard_runoff_share of the loans
  //    of a bank still in its hoarding stance (it does not roll over what matures), spread over its
  //    borrowers by their stress above hoard_alarm_stress (config.hpp, recall_scale below): the same total,
  //    taken first from the borrowers the lender fears most.
  bool any_recall = false;
  const bool alike = c.hoard_alarm_stress >= 1.0;  // every loan asked the same share (recall_scale)
  for (int i = 0; i < n; ++i) {
    if (!is_active(i)) continue;
    const double share = action[i] == Action::hoard ? c.hoard_recall_share
                         : still_hoarding(i)        ? c.hoard_runoff_share
                                                    : 0.0;
    if (share <= 0.0) continue;
    const double scale = recall_scale(i, share);
    for (int e = out_start[i]; e < out_start[i + 1]; ++e) {
      const int l = out_links[e];
      if (!recallable(l) || hooks.spares_recall(l, t + 1)) continue;
      recall[l] = alike ? share * loan[l] : recalled_part(loan[l], scale, recall_weight(borrower[l]));
      owed_recall[borrower[l]] += recall[l];
      any_recall = any_recall || recall[l] > 0.0;
    }
  }

  auto repayable = [&](int l) {
    // A loan a counterfactual kept for a failed lender's administrator (uncalled) is term funding: its
    // accrued interest is not repaid to a bank that no longer exists.
    if (hooks.on && !is_active(lender[l])) return 0.0;
    return std::max(0.0, loan[l] - recall[l] - term_loan[l]);
  };
  auto kept_buffer = [&](int i) {
    return c.deposit_runoff * (deposits[i] - withdrawal[i]) + c.interbank_runoff * borrowed[i];
  };

  // b. Voluntary repayments of lending added during the run (not term funding), pro rata.
  for (int j = 0; j < n; ++j) {
    // Only lending added during the run is repaid; a bank borrowing nothing beyond term funding skips.
    if (!is_active(j) || c.repay_share <= 0.0 || borrowed[j] <= term_borrowed[j]) continue;
    const double excess = cash[j] - withdrawal[j] - due_authority[j] - owed_recall[j] - kept_buffer(j);
    if (excess <= 0.0) continue;
    double outstanding = 0.0;
    for (int e = in_start[j]; e < in_start[j + 1]; ++e) outstanding += repayable(in_links[e]);
    if (outstanding <= 0.0) continue;
    const double pay = std::min(c.repay_share * excess, outstanding);
    for (int e = in_start[j]; e < in_start[j + 1]; ++e) {
      const int l = in_links[e];
      const double part = pay * repayable(l) / outstanding;
      if (part <= 0.0) continue;
      loan[l] -= part;
      cash[j] -= part;
      cash[lender[l]] += part;
    }
  }

  // c. New loans, lenders in index order: up to lend_share of spare cash, spread over the lender's
  //    linked borrowers in need pro rata to their remaining gaps, never beyond a gap.
  for (int i = 0; i < n; ++i) {
    if (!is_active(i) || action[i] != Action::lend) continue;
    const double spare_now = cash[i] - withdrawal[i] - due_authority[i] - owed_recall[i] - kept_buffer(i);
    if (spare_now <= 0.0) continue;
    double gaps = 0.0;
    for (int e = out_start[i]; e < out_start[i + 1]; ++e) {
      const int b = borrower[out_links[e]];
      if (is_active(b) && gap[b] > 0.0) gaps += gap[b];
    }
    if (gaps <= 0.0) continue;
    const double budget = std::min(c.lend_share * spare_now, gaps);
    for (int e = out_start[i]; e < out_start[i + 1]; ++e) {
      const int l = out_links[e], b = borrower[l];
      if (!is_active(b) || gap[b] <= 0.0) continue;
      const double amount = std::min(budget * gap[b] / gaps, gap[b]);
      if (amount <= 0.0) continue;
      loan[l] += amount;
      cash[i] -= amount;
      cash[b] += amount;
      gap[b] -= amount;
      Event ev;
      ev.type = EventType::lend;
      ev.from = i;
      ev.to = b;
      ev.amount = amount;
      lend_events.push_back(ev);
    }
  }

  // d. Settlement with sales.
  const double base_price =
      price * detmath::exp(c.price_reversion * detmath::log(fundamental_price / price) + c.price_volatility * price_noise);
  for (int i = 0; i < n; ++i) {
    pay_share[i] = 1.0;
    voluntary_units[i] = (is_active(i) && action[i] == Action::fire_sale) ? c.fire_sale_share * units[i] : 0.0;
  }

  // Lender of last resort: what each solvent bank can still borrow against its collateral.
  for (int i = 0; i < n; ++i) {
    lolr_capacity[i] = 0.0;
    if (c.lender_of_last_resort == 0 || !is_active(i) || equity[i] <= 0.0) continue;
    const double collateral = (1.0 - c.lolr_haircut) * units[i] * step_start_price + (1.0 - c.lolr_loan_haircut) * loan_book[i];
    lolr_capacity[i] = std::max(0.0, collateral - cb_funding[i]);
  }

  double p = base_price;
  // A seller receives the market price less the immediacy discount.
  const double kept = 1.0 - c.fire_sale_discount;
  auto forced_units = [&](int i, double at) {
    const double nd = need[i] - voluntary_units[i] * at * kept;
    if (nd <= 0.0) return 0.0;
    return std::min(units[i] - voluntary_units[i], nd / (at * kept));
  };

  const double administrator_units = c.liquidation_rate * pending_liquidation;
  double voluntary_total = administrator_units;
  for (int i = 0; i < n; ++i) voluntary_total += voluntary_units[i];

  for (int round = 0; round < kMaxSettlementRounds; ++round) {
    std::fill(inflow.begin(), inflow.end(), 0.0);
    if (any_recall)
      for (int l = 0; l < m; ++l) inflow[lender[l]] += pay_share[borrower[l]] * recall[l];
    bool anyone_short = false;
    for (int i = 0; i < n; ++i) {
      need[i] = is_active(i) ? withdrawal[i] + due_authority[i] + owed_recall[i] - cash[i] - inflow[i] : 0.0;
      central_draw[i] = 0.0;
      if (need[i] > 0.0 && lolr_capacity[i] > 0.0) {
        // The lender of last resort lends what the bank must pay and the buffer it keeps after paying.
        central_draw[i] = std::min(need[i] + kept_buffer(i), lolr_capacity[i]);
        need[i] -= central_draw[i];
      }
      if (need[i] > 0.0) anyone_short = true;
    }
    // Price: the greatest fixed point of P = P_base exp(−α S(P) / Q), by monotone iteration from P_base.
    p = base_price;
    if (anyone_short || voluntary_total > 0.0) {
      for (int it = 0; it < kMaxPriceIterations; ++it) {
        double sold = voluntary_total;
        for (int i = 0; i < n; ++i)
          if (need[i] > 0.0) sold += forced_units(i, p);
        const double next = base_price * detmath::exp(-c.price_impact * sold / outstanding_units);
        const bool done = std::fabs(next - p) <= 1e-15 * p;
        p = next;
        if (done) break;
      }
    }
    double largest_change = 0.0;
    for (int i = 0; i < n; ++i) {
      if (!is_active(i)) continue;
      const double owed = withdrawal[i] + due_authority[i] + owed_recall[i];
      if (owed <= 0.0) continue;
      const double resources =
          cash[i] + inflow[i] + central_draw[i] + (voluntary_units[i] + forced_units(i, p)) * p * kept;
      const double share = std::min(1.0, resources / owed);
      largest_change = std::max(largest_change, std::fabs(share - pay_share[i]));
      pay_share[i] = share;
    }
    if (largest_change <= kShareTolerance) break;
  }

  // Central-bank loans, then sales at the settlement price.
  for (int i = 0; i < n; ++i) {
    if (central_draw[i] <= 0.0) continue;
    cash[i] += central_draw[i];
    cb_funding[i] += central_draw[i];
    ledger.central_bank_loans += central_draw[i];
  }
  for (int i = 0; i < n; ++i) {
    if (!is_active(i)) continue;
    const double forced_sold = need[i] > 0.0 ? forced_units(i, p) : 0.0;
    const double sold = voluntary_units[i] + forced_sold;
    if (sold <= 0.0) continue;
    units[i] -= sold;
    if (units[i] < 0.0) units[i] = 0.0;
    cash[i] += sold * p * kept;
    ledger.sale_proceeds += sold * p * kept;
    ledger.sale_discounts += sold * p * c.fire_sale_discount;
    Event ev;
    ev.type = EventType::fire_sale;
    ev.from = i;
    ev.amount = sold * p * kept;
    ev.units = sold;
    ev.price = p;
    if (forced_sold > 0.0 && voluntary_units[i] <= 0.0) {
      const double called = due_authority[i];
      ev.sale_cause = owed_recall[i] >= withdrawal[i] && owed_recall[i] >= called
                          ? SaleCause::recall
                          : (called >= withdrawal[i] ? SaleCause::resolution : SaleCause::withdrawal);
    }
    sale_events.push_back(ev);
  }
  pending_liquidation -= administrator_units;
  ledger.administrator_sales = administrator_units * p;

  // Recall payments.
  std::vector<double>& repaid = inflow;  // reuse: recalled amounts actually repaid, by lender
  std::fill(repaid.begin(), repaid.end(), 0.0);
  for (int l = 0; any_recall && l < m; ++l) {
    if (recall[l] <= 0.0) continue;
    const double paid = pay_share[borrower[l]] * recall[l];
    loan[l] -= paid;
    if (loan[l] < 0.0) loan[l] = 0.0;
    term_loan[l] = std::min(term_loan[l], loan[l]);
    cash[borrower[l]] -= paid;
    cash[lender[l]] += paid;
    repaid[lender[l]] += paid;
  }
  // External payments: withdrawals and called claims, at the same share.
  double fleeing_paid = 0.0;
  for (int i = 0; i < n; ++i) {
    if (!is_active(i)) continue;
    const double w = pay_share[i] * withdrawal[i];
    if (flight[i] > 0.0) {
      const double fled = pay_share[i] * flight[i];
      fleeing_paid += fled;
      deposit_target[i] = std::max(0.0, deposit_target[i] - fled);  // those depositors do not come back
    }
    const double d = pay_share[i] * due_authority[i];
    deposits[i] -= w;
    due_authority[i] -= d;
    cash[i] -= w + d;
    ledger.withdrawals_paid += w;
    ledger.authority_collections += d;
    if (cash[i] < 0.0) cash[i] = 0.0;  // rounding of a pro-rata payer: at most a few ulp
    if (pay_share[i] < 1.0 - 1e-12) {
      forced[i] = 1;
      if (forced_cause[i] == DefaultCause::none) forced_cause[i] = DefaultCause::illiquid;
    }
  }

  redeposit_flight(fleeing_paid);

  for (int i = 0; i < n; ++i) {
    if (!is_active(i) || (action[i] != Action::hoard && !still_hoarding(i))) continue;
    double requested = 0.0;
    for (int e = out_start[i]; e < out_start[i + 1]; ++e) requested += recall[out_links[e]];
    if (requested <= 0.0) continue;
    Event ev;
    ev.type = EventType::hoard;
    ev.from = i;
    ev.amount = requested;
    ev.repaid = repaid[i];
    hoard_events.push_back(ev);
  }

  // Phase 4: the new price, and mark-to-market of everything banks held at the start of the step.
  ledger.mark_to_market = units_at_start * (p - step_start_price);
  price = p;
}

}  // namespace finsim
