#include "finsim/portfolio/model_registry.hpp"

#include "portfolio/builtin_models.hpp"

namespace finsim::portfolio {

std::vector<ModelInfo> model_catalog() {
  return {
      {"linear", true, true, "ridge regression on lagged returns and momentum/volatility features"},
      {"cnn", true, true, "1-D convolutional network on the last 20 returns (bars)"},
      {"xgboost", true, xgboost_available(), "gradient-boosted trees on the linear model's features"},
      {"momentum", true, true, "trailing 20-bar mean return (baseline, no learning)"},
      {"llm", false, true, "an LLM's signals, posted through the API"},
  };
}

Result<std::unique_ptr<ReturnModel>> make_model(std::string_view name, const ModelOptions& options) {
  if (name == "linear") return make_ridge_model(options);
  if (name == "momentum") return make_momentum_model();
  if (name == "cnn") return make_cnn_model(options);
  if (name == "xgboost") {
    if (auto m = make_xgboost_model(options)) return m;
    return make_error("model_unavailable", "this build has no xgboost (native builds with libxgboost-dev only)");
  }
  if (name == "llm")
    return make_error("external_model", "the llm model has no built-in implementation: post its signals to the API");
  return make_error("unknown_model", "unknown model '" + std::string(name) + "' (linear, cnn, xgboost, momentum)");
}

}  // namespace finsim::portfolio
