// The deterministic evaluator of a trained actor: observation normalisation and the MLP in plain
// scalar double arithmetic, in a fixed order, with detmath's tanh. Compiled without FMA contraction
// (cmake/CompilerOptions.cmake) it gives the same bits natively and in WASM, so a learned policy picks
// the same actions on every platform. This is what `finsim run`, the worker and the server execute.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "finsim/learning/activation.hpp"

namespace finsim::learning {

/// One dense layer: y = W x + b, W row-major (outputs × inputs).
struct DenseLayer {
  int inputs = 0;
  int outputs = 0;
  std::vector<double> weight;
  std::vector<double> bias;
};

/// A trained actor: inputs are normalised as clip((x − mean) / std, −clip, clip), then the layers are
/// applied with `activation` between them and none after the last (whose outputs are the logits).
struct ActorSpec {
  std::vector<double> input_mean;
  std::vector<double> input_std;
  double input_clip = 10.0;
  Activation activation = Activation::relu;
  std::vector<DenseLayer> layers;
};

/// Checks sizes (layers chain, normaliser matches the first layer, stds > 0, finite numbers).
/// Returns an empty string when valid, else what is wrong.
std::string check_actor_spec(const ActorSpec& spec);

class ActorNetwork {
 public:
  /// Precondition: check_actor_spec(spec) is empty.
  explicit ActorNetwork(ActorSpec spec);

  [[nodiscard]] int input_size() const;
  [[nodiscard]] int output_size() const;
  [[nodiscard]] const ActorSpec& spec() const { return spec_; }

  /// Writes the logits for one raw (unnormalised) input vector. Sizes must match. Not thread-safe
  /// (uses internal scratch); one ActorNetwork per thread.
  void logits(std::span<const double> input, std::span<double> out);

  /// The allowed action with the largest logit (ties: the lowest index); 0 if the mask allows nothing.
  static int argmax(std::span<const double> logits, std::uint32_t mask);
  /// Samples an allowed action from the masked softmax of `logits` with a uniform draw u in [0, 1):
  /// the first action whose cumulative weight exp(z − max z) exceeds u · Σ weights (detmath::exp).
  static int sample(std::span<const double> logits, std::uint32_t mask, double u);

 private:
  ActorSpec spec_;
  std::vector<double> a_, b_;  // scratch activations
};

}  // namespace finsim::learning
