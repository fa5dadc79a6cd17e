// A small 1-D convolutional network for return windows, trained by full-batch Adam: the `cnn` model.
//
// Reuse of the engine's neural-network code (engine/*/learning/, MAPPO): the parameters live in one
// vector with a gradient of the same layout, as in learning::Mlp, so training uses learning::Adam and
// learning::clip_gradient_norm unchanged. Only what learning/ has no counterpart for is here: the
// convolution, the pooling and the scalar, batch-independent prediction (see forward()).
//
// Architecture (LeCun et al. 1998 for convolutional networks; He et al. 2015 for the initialisation):
//   input   L returns (a window, oldest first)
//   conv    C filters of width K, stride 1, no padding → C × T activations (T = L − K + 1), ReLU
//   pool    per filter: its activation at the most recent position, and its mean over all positions
//           (global average pooling, Lin et al. 2014) → 2C features
//   output  one linear unit on the 2C features: the predicted next return (in input units)
// Loss: half the mean squared error plus an L2 penalty ½λ‖θ‖² on the weights. The head is kept this
// small on purpose: with a few hundred daily samples per fit, a dense layer on the flattened
// activations (~500 weights) fits noise and predicts worse out of sample than nothing (measured while
// building this; see docs/portfolio.md). Training results depend on Eigen's vectorisation, so they may
// differ in the last bits between platforms; on one platform they are deterministic (fixed seed, full
// batches, fixed order). Not thread-safe.
#pragma once

#include <cstdint>
#include <span>

#include <Eigen/Core>

#include "finsim/rng.hpp"

namespace finsim::portfolio {

struct ConvNetShape {
  int window = 20;   ///< L
  int channels = 4;  ///< C
  int kernel = 5;    ///< K (≤ L)
};

class ConvNet {
 public:
  using Matrix = Eigen::MatrixXd;
  using Vector = Eigen::VectorXd;

  /// He-normal weights (σ = √(2 / fan-in)), output weights scaled by 0.1, zero biases; draws from `rng`
  /// in a fixed order. `l2` is λ of the penalty (weights only, not biases).
  ConvNet(ConvNetShape shape, Rng& rng, double l2 = 0.0);

  [[nodiscard]] const ConvNetShape& shape() const { return shape_; }
  /// Every parameter: conv weights (C × K, column-major), conv biases, output weights (2C: last-position
  /// features, then mean-pooled features), output bias.
  Vector& parameters() { return params_; }
  [[nodiscard]] const Vector& parameters() const { return params_; }

  /// Outputs for the columns of `x` (L × batch), each computed alone by scalar loops in a fixed order:
  /// a window's output does not depend on the batch it comes in. (Eigen's matrix products, used in
  /// training, may round a column differently with the size of the matrix; the walk-forward causality
  /// test caught that as a last-bit dependence of early predictions on later bars.)
  [[nodiscard]] Eigen::RowVectorXd forward(const Matrix& x) const;

  /// Loss ½ mean (f(x_b) − y_b)² + ½λ‖weights‖² over the batch, and its gradient with respect to
  /// parameters() into `gradient` (resized).
  double loss_and_gradient(const Matrix& x, const Eigen::RowVectorXd& y, Vector& gradient) const;

 private:
  struct Pass;  // activations of one forward pass
  void forward_pass(const Matrix& x, Pass& pass) const;

  ConvNetShape shape_;
  int positions_;  ///< T = L − K + 1
  double l2_;
  Vector params_;
};

}  // namespace finsim::portfolio
