// Clearing of interbank obligations.
//
// Eisenberg & Noe (2001), "Systemic Risk in Financial Systems", Management Science 47(2): the clearing
// payment vector p* is the greatest fixed point of  p_i = min(p̄_i, e_i + Σ_j Π_ji p_j),  found by the
// fictitious-default algorithm: start from full payment, add every bank that cannot pay in full to the
// default set, solve the defaulted banks' payments with the set fixed, repeat until the set is stable.
// Each repetition is one default wave; there are at most n.
//
// Rogers & Veraart (2013), "Failure and Rescue in an Interbank Network", Management Science 59(4):
// a defaulting bank realises only  α e_i + β Σ_j Π_ji p_j  (α, β in [0, 1]); α = β = 1 is Eisenberg–Noe.
// Their Greatest Clearing Vector Algorithm is the same downward iteration with the discounted values,
// which this solver uses in every case.
//
// External liabilities are either pari passu with interbank debt (part of p̄ and of the pro-rata
// shares Π) or senior (paid first out of the realised value; p̄ is interbank debt only).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "finsim/result.hpp"

namespace finsim {

enum class Seniority { pari_passu, senior };

/// `debtor` owes `creditor` a nominal `amount` >= 0. Several obligations between the same pair add up.
struct Obligation {
  int debtor;
  int creditor;
  double amount;
};

/// A clearing problem over banks 0..n-1. Spans are borrowed for the duration of a solve.
struct ClearingProblem {
  int n = 0;
  std::span<const Obligation> obligations;
  std::span<const double> external_assets;       ///< e_i >= 0, size n.
  std::span<const double> external_liabilities;  ///< >= 0, size n, or empty for zeros.
  Seniority seniority = Seniority::pari_passu;
  double alpha = 1.0;  ///< Share of external assets a defaulting bank realises.
  double beta = 1.0;   ///< Share of interbank receipts a defaulting bank realises.
  /// Optional, size n or empty: banks that default whatever their solvency (illiquidity, interventions).
  std::span<const std::uint8_t> forced_default;
};

/// The clearing outcome, indexed by bank.
struct ClearingResult {
  /// What each bank pays on the obligations in p̄ (interbank, plus external when pari passu).
  std::vector<double> payments;
  /// p̄: what each bank owes on those obligations.
  std::vector<double> obligations_due;
  /// Payments received from other banks: Σ_j Π_ji p*_j.
  std::vector<double> received;
  /// External assets + received − external liabilities − nominal interbank liabilities.
  std::vector<double> equity;
  /// In the default set: forced, or unable to pay p̄ in full beyond a 1e-9 relative tolerance.
  std::vector<std::uint8_t> defaulted;
  /// Number of default waves (0 when nobody defaults; forced defaults count as the first wave).
  int rounds = 0;
};

/// Relative tolerance below which a shortfall does not count as a default.
inline constexpr double kDefaultTolerance = 1e-9;

/// Solves clearing problems, reusing its buffers between calls (no allocation once warmed up for a
/// problem size). Preconditions (checked by validate_clearing_problem, asserted here only in debug
/// builds): sizes match, all amounts finite and >= 0, 0 <= alpha, beta <= 1, indices in range, no
/// obligation of a bank to itself. Not thread-safe; use one solver per thread.
class ClearingSolver {
 public:
  const ClearingResult& solve(const ClearingProblem& problem);

 private:
  void build_incoming(const ClearingProblem& problem);
  double received_by(int i) const;
  void solve_defaulted(const ClearingProblem& problem);

  ClearingResult result_;
  std::vector<double> available_;       // e_i, or e_i − d_i when external liabilities are senior
  std::vector<double> realisable_;      // α e_i, or α e_i − d_i when senior
  std::vector<double> pay_ratio_;       // p_i / p̄_i (1 when p̄_i = 0)
  std::vector<double> interbank_due_;   // nominal interbank liabilities
  std::vector<int> incoming_start_;     // CSR by creditor
  std::vector<int> incoming_debtor_;
  std::vector<double> incoming_amount_;
  std::vector<int> default_list_;
};

/// Checks the preconditions of ClearingSolver::solve; the message names the first problem found.
Status validate_clearing_problem(const ClearingProblem& problem);

}  // namespace finsim
