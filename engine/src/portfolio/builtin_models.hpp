// Constructors of the built-in models (model_registry.cpp chooses among them).
#pragma once

#include <memory>

#include "finsim/portfolio/model_registry.hpp"
#include "finsim/portfolio/return_model.hpp"

namespace finsim::portfolio {

std::unique_ptr<ReturnModel> make_ridge_model(const ModelOptions& options);
std::unique_ptr<ReturnModel> make_momentum_model();
std::unique_ptr<ReturnModel> make_cnn_model(const ModelOptions& options);
/// Null when this build has no xgboost (FINSIM_HAVE_XGBOOST unset).
std::unique_ptr<ReturnModel> make_xgboost_model(const ModelOptions& options);
bool xgboost_available();

}  // namespace finsim::portfolio
