// JSON forms of the analyses, shared by the CLI and any other adapter: the clearing and DebtRank problems
// (model.md, "The finsim clear interface" and "DebtRank"), and a failed bank's explanation (why.hpp).
// Parsing validates completely: a problem that parses is a problem the solvers accept.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "finsim/clearing.hpp"
#include "finsim/debtrank.hpp"
#include "finsim/result.hpp"
#include "finsim/why.hpp"

namespace finsim {

/// The largest amount (liability, asset, exposure, capital, value) the JSON forms accept, in absolute
/// value: 1e15 covers any balance sheet in any currency unit, and sums and ratios of such amounts stay
/// finite (near 1e308 they overflowed).
inline constexpr double kMaxAnalysisAmount = 1e15;

/// A clearing problem that owns its data; problem() borrows it.
struct ClearingInput {
  int n = 0;
  std::vector<Obligation> obligations;
  std::vector<double> external_assets;
  std::vector<double> external_liabilities;
  Seniority seniority = Seniority::pari_passu;
  double alpha = 1.0;
  double beta = 1.0;
  [[nodiscard]] ClearingProblem problem() const;
};

/// {"liabilities": L (n×n, L[i][j] = what i owes j), "external_assets": e, "external_liabilities"?: d,
///  "seniority"?: "pari_passu"|"senior", "alpha"?: a, "beta"?: b}. Error code "bad_input" naming the
/// problem: not an object, unknown key, wrong type, not square, negative, non-finite or beyond
/// kMaxAnalysisAmount, α/β outside [0,1].
Result<ClearingInput> parse_clearing_input(const nlohmann::json& j);

/// {"payments": [...], "equity": [...], "defaulted": [...], "rounds": k}.
nlohmann::json clearing_output(const ClearingResult& result, int n);

/// {"exposures": A, "capital": E, "value": v, "shock": h0, "variant"?: "original"|"linear"}; amounts
/// within kMaxAnalysisAmount. Error code "bad_input" naming the problem.
Result<DebtRankInput> parse_debtrank_input(const nlohmann::json& j);

/// {"h": [...], "debtrank": R}.
nlohmann::json debtrank_output(const DebtRankResult& result);

/// {"bank", "grouped", "default_step", "cause", "horizon", "causes": [{"kind", "bank"?, "banks"? (a group), "steps", "amount",
///  "recovery"? (debtor_default), "control"? ({"step", "control", ...} for an intervention), "label",
///  "necessary", "sufficient_alone", "without", "alone", "occurs_alone"}], "without_any", "sentences": [...]}; a world's
/// outcome is {"failed"} plus "default_step" and "cause" when it failed (docs/why.md).
nlohmann::json failure_explanation_json(const FailureExplanation& explanation);

}  // namespace finsim
