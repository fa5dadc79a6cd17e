// linear: ridge regression of the next return on standardised features (Hoerl & Kennard 1970,
// "Ridge regression: biased estimation for nonorthogonal problems"): β = (ZᵀZ + λI)⁻¹ Zᵀ(y − ȳ) with
// Z the features centred and scaled by their sample standard deviations; the intercept is not
// penalised. Solved by an LDLᵀ factorisation (Eigen).
#include <Eigen/Dense>

#include "portfolio/builtin_models.hpp"

namespace finsim::portfolio {
namespace {

class RidgeModel final : public ReturnModel {
 public:
  explicit RidgeModel(double lambda) : lambda_(lambda) {}

  std::string_view name() const override { return "linear"; }
  FeatureSpec features() const override { return {10, true}; }

  Status fit(std::span<const double> x, std::size_t rows, std::span<const double> y) override {
    const auto cols = static_cast<Eigen::Index>(features().width());
    const auto n = static_cast<Eigen::Index>(rows);
    if (rows < 2) return make_error("model_failed", "linear: needs at least two samples");
    using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Eigen::Map<const RowMajor> X(x.data(), n, cols);
    const Eigen::Map<const Eigen::VectorXd> Y(y.data(), n);
    const Eigen::RowVectorXd mean = X.colwise().mean();
    const RowMajor centred = X.rowwise() - mean;
    Eigen::RowVectorXd sd = (centred.array().square().colwise().sum() / static_cast<double>(n - 1)).sqrt();
    for (Eigen::Index j = 0; j < cols; ++j)
      if (!(sd[j] > 1e-15)) sd[j] = 1.0;  // a constant feature carries no information
    const RowMajor Z = centred.array().rowwise() / sd.array();
    const double y_mean = Y.mean();
    Eigen::MatrixXd A = Z.transpose() * Z;
    A.diagonal().array() += lambda_;
    const Eigen::VectorXd beta = A.ldlt().solve(Z.transpose() * (Y.array() - y_mean).matrix());
    if (!beta.allFinite()) return make_error("model_failed", "linear: the ridge system is singular");
    coef_ = beta.array() / sd.transpose().array();
    intercept_ = y_mean - mean.dot(coef_);
    return {};
  }

  void predict(std::span<const double> x, std::size_t rows, std::span<double> out) const override {
    const std::size_t w = features().width();
    for (std::size_t r = 0; r < rows; ++r) {
      double p = intercept_;
      for (std::size_t j = 0; j < w; ++j) p += coef_[static_cast<Eigen::Index>(j)] * x[r * w + j];
      out[r] = p;
    }
  }

 private:
  double lambda_;
  Eigen::VectorXd coef_;
  double intercept_ = 0.0;
};

// momentum: the trailing 20-day mean return, scaled to a daily prediction; no learning (Jegadeesh &
// Titman 1993 for the effect, here only as a baseline).
class MomentumModel final : public ReturnModel {
 public:
  std::string_view name() const override { return "momentum"; }
  FeatureSpec features() const override { return {1, true}; }
  Status fit(std::span<const double>, std::size_t, std::span<const double>) override { return {}; }
  void predict(std::span<const double> x, std::size_t rows, std::span<double> out) const override {
    const std::size_t w = features().width();
    for (std::size_t r = 0; r < rows; ++r) out[r] = x[r * w + 2];  // mean of the last 20 returns
  }
};

}  // namespace

std::unique_ptr<ReturnModel> make_ridge_model(const ModelOptions& options) {
  return std::make_unique<RidgeModel>(options.ridge_lambda);
}

std::unique_ptr<ReturnModel> make_momentum_model() { return std::make_unique<MomentumModel>(); }

}  // namespace finsim::portfolio
