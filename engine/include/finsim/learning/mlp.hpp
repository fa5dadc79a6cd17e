// A multi-layer perceptron for training: dense layers with a hidden activation and a linear output,
// evaluated in batches with Eigen, with its exact gradient by backpropagation.
//
// Layout follows the MAPPO reference (Yu et al. 2022, marlbenchmark/on-policy, `MLPBase`): weights are
// initialised orthogonally (Saxe et al. 2014) with gain √2 for ReLU (tanh: 5/3) on the hidden layers
// and a caller-chosen gain on the output layer (0.01 on the policy head, 1 on the value head); biases
// start at 0. The reference also applies LayerNorm; we normalise inputs with running statistics
// instead (docs/learning.md, "Deviations").
//
// Training only: results depend on Eigen's vectorisation and so may differ in the last bits between
// platforms. Inference that must be identical natively and in WASM uses the scalar evaluator of
// learned_policy.hpp on the same weights. Not thread-safe; a const Mlp may be read concurrently.
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "finsim/learning/activation.hpp"
#include "finsim/rng.hpp"

namespace finsim::learning {

/// The shape of a network: sizes[0] inputs, sizes[1..n-2] hidden units, sizes[n-1] outputs (n >= 2).
struct MlpShape {
  std::vector<int> sizes;
  Activation activation = Activation::relu;
};

/// Gain that preserves the activations' scale (PyTorch's nn.init.calculate_gain): √2 for ReLU, 5/3 for tanh.
double hidden_gain(Activation activation);

template <class T>
class Mlp {
 public:
  using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  using MatrixMap = Eigen::Map<Matrix>;
  using ConstMatrixMap = Eigen::Map<const Matrix>;
  using VectorMap = Eigen::Map<Vector>;
  using ConstVectorMap = Eigen::Map<const Vector>;

  /// Activations kept by forward() for backward(), and backward()'s scratch; reuse one across calls
  /// so that large batches are not reallocated every time.
  struct Cache {
    std::vector<Matrix> outputs;  ///< after each layer's activation (the last one is the network output)
    Matrix delta, below;          ///< backward(): gradients w.r.t. pre-activations and layer outputs
  };

  /// All parameters zero. Precondition: shape.sizes has at least two entries, all positive.
  explicit Mlp(MlpShape shape);

  /// Orthogonal weights with hidden_gain() on hidden layers and `output_gain` on the last; zero biases.
  /// Draws from `rng` in a fixed order, so the same seed gives the same network on every platform.
  void initialise(Rng& rng, double output_gain);

  [[nodiscard]] const MlpShape& shape() const { return shape_; }
  [[nodiscard]] int layers() const { return static_cast<int>(shape_.sizes.size()) - 1; }
  [[nodiscard]] int input_size() const { return shape_.sizes.front(); }
  [[nodiscard]] int output_size() const { return shape_.sizes.back(); }

  /// Every parameter in one vector: for each layer its weight (outputs × inputs, column-major), then its
  /// bias. Optimisers and gradient clipping work on this vector; gradients use the same layout.
  Vector& parameters() { return params_; }
  [[nodiscard]] const Vector& parameters() const { return params_; }
  MatrixMap weight(int layer);
  [[nodiscard]] ConstMatrixMap weight(int layer) const;
  VectorMap bias(int layer);
  [[nodiscard]] ConstVectorMap bias(int layer) const;

  /// Evaluates the network on the columns of `x` (inputs × batch); returns outputs × batch (a reference
  /// into `cache`, valid until the cache is next used).
  const Matrix& forward(const Eigen::Ref<const Matrix>& x, Cache& cache) const;

  /// Given the loss's gradient with respect to the outputs of the last forward(x, cache), writes the
  /// gradient with respect to every parameter into `gradient` (resized to parameters().size()).
  void backward(const Eigen::Ref<const Matrix>& x, Cache& cache, const Matrix& d_output, Vector& gradient) const;

 private:
  MlpShape shape_;
  std::vector<Eigen::Index> offsets_;  // start of each layer's weight in params_
  Vector params_;
};

extern template class Mlp<float>;
extern template class Mlp<double>;

}  // namespace finsim::learning
