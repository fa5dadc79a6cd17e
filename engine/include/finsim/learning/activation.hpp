// The hidden-layer activations of the learned networks (kept apart from mlp.hpp so that code which
// only evaluates trained policies does not need Eigen).
#pragma once

#include <cstdint>

namespace finsim::learning {

enum class Activation : std::uint8_t { relu, tanh };

}  // namespace finsim::learning
