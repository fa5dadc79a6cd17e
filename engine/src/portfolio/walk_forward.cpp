#include "finsim/portfolio/walk_forward.hpp"

#include <algorithm>
#include <cmath>

#include "finsim/detmath.hpp"

namespace finsim::portfolio {
namespace {

// Simple returns of one asset: r[0] = NaN, r[t] = c_t / c_{t−1} − 1 (NaN when either close is missing).
std::vector<double> asset_returns(const PricePanel& panel, std::size_t asset) {
  std::vector<double> r(panel.bar_count(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t t = 1; t < panel.bar_count(); ++t) r[t] = panel.close(t, asset) / panel.close(t - 1, asset) - 1.0;
  return r;
}

// The state of one asset's walk: the rows waiting to be scored by the current fit.
class AssetWalk {
 public:
  AssetWalk(ReturnModel& model, const PricePanel& panel, std::size_t asset, const WalkForwardConfig& config,
            std::vector<Signal>& out)
      : model_(model), panel_(panel), asset_(asset), config_(config), spec_(model.features()), out_(out) {}

  Status run() {
    const std::vector<double> returns = asset_returns(panel_, asset_);
    std::vector<double> row(spec_.width());
    for (std::size_t t = 0; t < returns.size(); ++t) {
      // Everything below reads `seen`: the returns of bars 0..t, nothing later.
      const std::span<const double> seen = std::span<const double>(returns).first(t + 1);
      if (due_for_fit(t)) {
        score_pending();
        if (Status s = fit(seen, t); !s.ok()) return s;
      }
      if (fitted_ && t >= config_.first_bar && t <= config_.last_bar && build_features(seen, spec_, row)) {
        pending_rows_.insert(pending_rows_.end(), row.begin(), row.end());
        pending_bars_.push_back(t);
      }
    }
    score_pending();
    return {};
  }

 private:
  bool due_for_fit(std::size_t t) const {
    if (t < spec_.history() + config_.min_train) return false;  // too few samples could exist
    return !fitted_ || t - last_fit_ >= config_.refit_every;
  }

  // Samples (features at i − 1, target r_i) for the last train_window values of i ≤ t.
  Status fit(std::span<const double> seen, std::size_t t) {
    const std::size_t first = std::max(spec_.history() + 1, t + 1 > config_.train_window ? t + 1 - config_.train_window : 0);
    std::vector<double> x, y, row(spec_.width());
    for (std::size_t i = first; i <= t; ++i) {
      if (std::isnan(seen[i]) || !build_features(seen.first(i), spec_, row)) continue;
      x.insert(x.end(), row.begin(), row.end());
      y.push_back(seen[i]);
    }
    if (y.size() < config_.min_train) return {};  // not yet: try again next bar
    if (Status s = model_.fit(x, y.size(), y); !s.ok()) return s;
    std::vector<double> fitted(y.size());
    model_.predict(x, y.size(), fitted);
    double ss = 0.0;
    for (std::size_t k = 0; k < y.size(); ++k) ss += (y[k] - fitted[k]) * (y[k] - fitted[k]);
    residual_sd_ = std::max(std::sqrt(ss / static_cast<double>(y.size())), 1e-12);
    fitted_ = true;
    last_fit_ = t;
    return {};
  }

  void score_pending() {
    if (pending_bars_.empty()) return;
    std::vector<double> predictions(pending_bars_.size());
    model_.predict(pending_rows_, pending_bars_.size(), predictions);
    for (std::size_t k = 0; k < pending_bars_.size(); ++k) emit(pending_bars_[k], predictions[k]);
    pending_rows_.clear();
    pending_bars_.clear();
  }

  void emit(std::size_t bar, double prediction) {
    if (!std::isfinite(prediction)) return;
    const double band = config_.hold_band * residual_sd_;
    const SignalAction action =
        prediction > band ? SignalAction::buy : prediction < -band ? SignalAction::sell : SignalAction::hold;
    if (action == SignalAction::hold && !config_.include_holds) return;
    Signal s;
    s.model = std::string(model_.name());
    s.ticker = panel_.asset(asset_).ticker;
    s.action = action;
    s.confidence = detmath::tanh(std::fabs(prediction) / residual_sd_);
    s.date = panel_.date(bar);
    s.predicted_return = prediction;
    out_.push_back(std::move(s));
  }

  ReturnModel& model_;
  const PricePanel& panel_;
  std::size_t asset_;
  const WalkForwardConfig& config_;
  FeatureSpec spec_;
  std::vector<Signal>& out_;
  bool fitted_ = false;
  std::size_t last_fit_ = 0;
  double residual_sd_ = 1e-12;
  std::vector<double> pending_rows_;
  std::vector<std::size_t> pending_bars_;
};

}  // namespace

Result<std::vector<Signal>> generate_signals(ReturnModel& model, const PricePanel& panel,
                                             std::span<const std::size_t> assets, const WalkForwardConfig& config) {
  if (config.refit_every == 0 || config.train_window == 0 || config.min_train < 2)
    return make_error("bad_config", "refit_every and train_window must be > 0 and min_train >= 2");
  std::vector<Signal> signals;
  for (std::size_t a : assets) {
    if (a >= panel.asset_count()) return make_error("unknown_asset", "asset index out of range");
    model.reset();
    AssetWalk walk(model, panel, a, config, signals);
    if (Status s = walk.run(); !s.ok()) return s.error();
  }
  return signals;
}

}  // namespace finsim::portfolio
