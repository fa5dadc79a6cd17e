#include "finsim/clearing.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <string>

#include "finsim/result.hpp"

namespace finsim {
namespace {

// Gauss–Seidel sweeps stop when no payment moves by more than this, relative to the largest p̄.
constexpr double kSweepTolerance = 1e-15;
constexpr int kMaxSweeps = 200000;

bool finite_nonnegative(double x) { return std::isfinite(x) && x >= 0.0; }

}  // namespace

Status validate_clearing_problem(const ClearingProblem& p) {
  const auto n = static_cast<std::size_t>(p.n);
  if (p.n < 0) return make_error("bad_input", "the number of banks is negative");
  if (p.external_assets.size() != n)
    return make_error("bad_input", "external_assets has " + std::to_string(p.external_assets.size()) +
                                       " entries for " + std::to_string(n) + " banks");
  if (!p.external_liabilities.empty() && p.external_liabilities.size() != n)
    return make_error("bad_input", "external_liabilities has " +
                                       std::to_string(p.external_liabilities.size()) + " entries for " +
                                       std::to_string(n) + " banks");
  if (!p.forced_default.empty() && p.forced_default.size() != n)
    return make_error("bad_input", "forced_default must have one entry per bank");
  if (!(p.alpha >= 0.0 && p.alpha <= 1.0)) return make_error("bad_input", "alpha must be in [0, 1]");
  if (!(p.beta >= 0.0 && p.beta <= 1.0)) return make_error("bad_input", "beta must be in [0, 1]");
  for (std::size_t i = 0; i < n; ++i) {
    if (!finite_nonnegative(p.external_assets[i]))
      return make_error("bad_input", "external_assets[" + std::to_string(i) + "] must be finite and >= 0");
    if (!p.external_liabilities.empty() && !finite_nonnegative(p.external_liabilities[i]))
      return make_error("bad_input",
                        "external_liabilities[" + std::to_string(i) + "] must be finite and >= 0");
  }
  for (const Obligation& o : p.obligations) {
    if (o.debtor < 0 || o.debtor >= p.n || o.creditor < 0 || o.creditor >= p.n)
      return make_error("bad_input", "an obligation names a bank outside 0.." + std::to_string(p.n - 1));
    if (o.debtor == o.creditor)
      return make_error("bad_input", "bank " + std::to_string(o.debtor) + " owes itself");
    if (!finite_nonnegative(o.amount))
      return make_error("bad_input", "obligation of bank " + std::to_string(o.debtor) + " to bank " +
                                         std::to_string(o.creditor) + " must be finite and >= 0");
  }
  return {};
}

void ClearingSolver::build_incoming(const ClearingProblem& p) {
  const int n = p.n;
  incoming_start_.assign(static_cast<std::size_t>(n) + 1, 0);
  for (const Obligation& o : p.obligations)
    if (o.amount > 0.0) ++incoming_start_[static_cast<std::size_t>(o.creditor) + 1];
  for (int i = 0; i < n; ++i) incoming_start_[i + 1] += incoming_start_[i];
  incoming_debtor_.resize(static_cast<std::size_t>(incoming_start_[n]));
  incoming_amount_.resize(static_cast<std::size_t>(incoming_start_[n]));
  // Fill in obligation order so that sums are taken in a fixed, input-defined order.
  default_list_.assign(incoming_start_.begin(), incoming_start_.end() - 1);  // reused as cursors
  for (const Obligation& o : p.obligations) {
    if (o.amount <= 0.0) continue;
    const int k = default_list_[o.creditor]++;
    incoming_debtor_[k] = o.debtor;
    incoming_amount_[k] = o.amount;
  }
  default_list_.clear();
}

double ClearingSolver::received_by(int i) const {
  double sum = 0.0;
  for (int k = incoming_start_[i]; k < incoming_start_[i + 1]; ++k)
    sum += incoming_amount_[k] * pay_ratio_[incoming_debtor_[k]];
  return sum;
}

void ClearingSolver::solve_defaulted(const ClearingProblem& p) {
  // With the default set fixed, p_i = clamp(realisable_i + β received_i, 0, p̄_i) for defaulted i.
  // Starting from a vector above the solution, Gauss–Seidel sweeps decrease monotonically to the
  // greatest solution (the map is monotone), which is the one the algorithm requires.
  double scale = 1.0;
  for (int i : default_list_) scale = std::max(scale, result_.obligations_due[i]);
  for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
    double max_change = 0.0;
    for (int i : default_list_) {
      const double due = result_.obligations_due[i];
      const double value = realisable_[i] + p.beta * received_by(i);
      const double pay = std::clamp(value, 0.0, due);
      max_change = std::max(max_change, std::fabs(pay - result_.payments[i]));
      result_.payments[i] = pay;
      pay_ratio_[i] = due > 0.0 ? pay / due : 1.0;
    }
    if (max_change <= kSweepTolerance * scale) break;
  }
}

const ClearingResult& ClearingSolver::solve(const ClearingProblem& p) {
  assert(validate_clearing_problem(p).ok());
  const int n = p.n;
  const auto un = static_cast<std::size_t>(n);
  const bool senior = p.seniority == Seniority::senior;
  auto external_liability = [&](int i) {
    return p.external_liabilities.empty() ? 0.0 : p.external_liabilities[i];
  };

  build_incoming(p);
  interbank_due_.assign(un, 0.0);
  for (const Obligation& o : p.obligations) interbank_due_[o.debtor] += o.amount;
  result_.obligations_due = interbank_due_;
  available_.resize(un);
  realisable_.resize(un);
  for (int i = 0; i < n; ++i) {
    const double d = external_liability(i);
    if (!senior) result_.obligations_due[i] += d;
    available_[i] = senior ? p.external_assets[i] - d : p.external_assets[i];
    realisable_[i] = senior ? p.alpha * p.external_assets[i] - d : p.alpha * p.external_assets[i];
  }
  result_.payments = result_.obligations_due;
  pay_ratio_.assign(un, 1.0);
  result_.defaulted.assign(un, 0);
  result_.rounds = 0;
  default_list_.clear();

  if (!p.forced_default.empty()) {
    for (int i = 0; i < n; ++i)
      if (p.forced_default[i]) {
        result_.defaulted[i] = 1;
        default_list_.push_back(i);
      }
    if (!default_list_.empty()) {
      result_.rounds = 1;
      solve_defaulted(p);
    }
  }

  // Fictitious default: each pass adds the banks that cannot pay in full given the current payments.
  for (;;) {
    bool grew = false;
    for (int i = 0; i < n; ++i) {
      if (result_.defaulted[i]) continue;
      const double due = result_.obligations_due[i];
      if (available_[i] + received_by(i) < due - kDefaultTolerance * due) {
        result_.defaulted[i] = 1;
        grew = true;
      }
    }
    if (!grew) break;
    ++result_.rounds;
    default_list_.clear();
    for (int i = 0; i < n; ++i)
      if (result_.defaulted[i]) default_list_.push_back(i);
    solve_defaulted(p);
  }

  result_.received.resize(un);
  result_.equity.resize(un);
  for (int i = 0; i < n; ++i) {
    result_.received[i] = received_by(i);
    result_.equity[i] =
        p.external_assets[i] + result_.received[i] - external_liability(i) - interbank_due_[i];
  }
  return result_;
}

}  // namespace finsim
