// The built-in reference models, by name.
//
//   linear    ridge regression on lagged-return features (Eigen; Hoerl & Kennard 1970)
//   xgboost   gradient-boosted trees on the same features (Debian's libxgboost, native builds only;
//             Chen & Guestrin 2016)
//   cnn       a small 1-D convolutional network on the window of recent returns (LeCun et al. 1998)
//   momentum  the sign of the trailing 20-day mean return: a no-learning baseline
//   llm       no built-in: an LLM's signals arrive through the API (make_model says so)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "finsim/portfolio/return_model.hpp"
#include "finsim/result.hpp"

namespace finsim::portfolio {

struct ModelOptions {
  double ridge_lambda = 10.0;       ///< linear: L2 penalty on standardised features
  int xgb_rounds = 60;              ///< xgboost: boosting rounds
  int xgb_max_depth = 3;
  double xgb_learning_rate = 0.1;
  int cnn_epochs = 60;              ///< cnn: full-batch Adam epochs of the first fit (later fits: a quarter)
  int cnn_channels = 4;             ///< cnn: convolution filters (width 5)
  double cnn_l2 = 0.1;              ///< cnn: L2 penalty on the weights
  std::uint64_t seed = 1;           ///< for models with random initialisation
};

struct ModelInfo {
  std::string name;
  bool built_in = true;   ///< false for "llm" (API only)
  bool available = true;  ///< false when this build lacks it (xgboost under Emscripten)
  std::string description;
};

std::vector<ModelInfo> model_catalog();

/// A fresh model. Errors: "external_model" for "llm", "model_unavailable" for a model this build lacks,
/// "unknown_model" otherwise.
Result<std::unique_ptr<ReturnModel>> make_model(std::string_view name, const ModelOptions& options = {});

}  // namespace finsim::portfolio
