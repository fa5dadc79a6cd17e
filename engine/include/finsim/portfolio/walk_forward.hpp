// Walk-forward signal generation: a ReturnModel refitted on a trailing window and asked, at each bar,
// about the next one — with no look-ahead.
//
// For one asset with simple returns r_1 … r_T (r_t from the closes of bars t−1 and t):
//   • At a refit bar f, the model is fitted on samples (features at bar i − 1, target r_i) for the last
//     train_window values of i ≤ f: every sample uses returns up to bar f only.
//   • At each bar t, the features at t (returns up to t) are scored by the latest fit (made at some
//     f ≤ t); the prediction p_t is about r_{t+1}. The signal is dated at bar t's date.
//   • With s the root-mean-square residual of the fit: buy when p_t > band · s, sell when p_t < −band · s,
//     hold otherwise; confidence = tanh(|p_t| / s).
// The driver passes the model only spans that end at the current bar, so a model cannot read later
// bars; tests check that signals up to any bar are unchanged when later bars are cut off.
#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <vector>

#include "finsim/portfolio/price_panel.hpp"
#include "finsim/portfolio/return_model.hpp"
#include "finsim/portfolio/signal.hpp"
#include "finsim/result.hpp"

namespace finsim::portfolio {

struct WalkForwardConfig {
  std::size_t train_window = 500;  ///< most recent samples used by a fit
  std::size_t min_train = 120;     ///< samples needed before the first fit
  std::size_t refit_every = 21;    ///< bars between fits (about a month of trading days)
  double hold_band = 0.25;         ///< see above
  bool include_holds = false;      ///< emit hold signals too
  std::size_t first_bar = 0;       ///< emit signals only for bars in [first_bar, last_bar]
  std::size_t last_bar = std::numeric_limits<std::size_t>::max();
};

/// Signals of `model` for each asset in `assets` (indices into `panel`), ordered by asset then date.
/// The model is reset before each asset (ReturnModel::reset) and refitted along it. Errors: "bad_config" (zero
/// refit_every or train_window, min_train < 2), "unknown_asset", or the model's fit error.
Result<std::vector<Signal>> generate_signals(ReturnModel& model, const PricePanel& panel,
                                             std::span<const std::size_t> assets, const WalkForwardConfig& config);

}  // namespace finsim::portfolio
