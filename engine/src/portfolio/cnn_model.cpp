// cnn: the ConvNet of conv_net.hpp on the last 20 daily returns, refitted walk-forward. The first fit
// trains `cnn_epochs` full-batch Adam epochs from a seeded initialisation; later fits start from the
// previous weights (warm start) and train a quarter as many, as the window has moved by only a few samples.
// Inputs and targets are divided by the root-mean-square of the training inputs so that the network
// works near unit scale whatever the asset's volatility.
#include <algorithm>
#include <cmath>
#include <optional>

#include "finsim/learning/adam.hpp"
#include "finsim/portfolio/conv_net.hpp"
#include "portfolio/builtin_models.hpp"

namespace finsim::portfolio {
namespace {

/// The learning module's Adam with the common ε = 1e-8 (MAPPO's 1e-5 suits its normalised inputs).
constexpr learning::AdamConfig kAdam{.learning_rate = 0.01, .beta1 = 0.9, .beta2 = 0.999, .epsilon = 1e-8};

class CnnModel final : public ReturnModel {
 public:
  explicit CnnModel(const ModelOptions& o) : options_(o) {}

  std::string_view name() const override { return "cnn"; }
  FeatureSpec features() const override { return {20, false}; }

  Status fit(std::span<const double> x, std::size_t rows, std::span<const double> y) override {
    const auto L = static_cast<Eigen::Index>(features().width());
    const auto n = static_cast<Eigen::Index>(rows);
    if (rows < 2) return make_error("model_failed", "cnn: needs at least two samples");
    double ss = 0.0;
    for (std::size_t k = 0; k < rows * static_cast<std::size_t>(L); ++k) ss += x[k] * x[k];
    scale_ = std::max(std::sqrt(ss / static_cast<double>(rows * static_cast<std::size_t>(L))), 1e-8);
    const Eigen::MatrixXd inputs = to_columns(x, rows) / scale_;
    Eigen::RowVectorXd targets(n);
    for (Eigen::Index b = 0; b < n; ++b) targets[b] = y[static_cast<std::size_t>(b)] / scale_;
    int epochs = std::max(1, options_.cnn_epochs);
    if (!net_) {
      Rng rng(options_.seed);
      ConvNetShape shape;
      shape.window = static_cast<int>(L);
      shape.channels = std::max(1, options_.cnn_channels);
      net_.emplace(shape, rng, options_.cnn_l2);
      adam_.emplace(net_->parameters().size(), kAdam);
    } else {
      epochs = std::max(1, epochs / 4);
    }
    Eigen::VectorXd gradient;
    for (int e = 0; e < epochs; ++e) {
      const double loss = net_->loss_and_gradient(inputs, targets, gradient);
      if (!std::isfinite(loss) || !gradient.allFinite()) return make_error("model_failed", "cnn: training diverged");
      adam_->step(net_->parameters(), gradient);
    }
    return {};
  }

  void reset() override {
    net_.reset();
    adam_.reset();
    scale_ = 1.0;
  }

  void predict(std::span<const double> x, std::size_t rows, std::span<double> out) const override {
    const Eigen::RowVectorXd y = net_->forward(to_columns(x, rows) / scale_);
    for (std::size_t r = 0; r < rows; ++r) out[r] = y[static_cast<Eigen::Index>(r)] * scale_;
  }

 private:
  // Feature rows hold the most recent return first; the network reads windows oldest first.
  Eigen::MatrixXd to_columns(std::span<const double> x, std::size_t rows) const {
    const std::size_t L = features().width();
    Eigen::MatrixXd m(static_cast<Eigen::Index>(L), static_cast<Eigen::Index>(rows));
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t j = 0; j < L; ++j) m(static_cast<Eigen::Index>(L - 1 - j), static_cast<Eigen::Index>(r)) = x[r * L + j];
    return m;
  }

  ModelOptions options_;
  std::optional<ConvNet> net_;
  std::optional<learning::Adam<double>> adam_;
  double scale_ = 1.0;
};

}  // namespace

std::unique_ptr<ReturnModel> make_cnn_model(const ModelOptions& options) { return std::make_unique<CnnModel>(options); }

}  // namespace finsim::portfolio
