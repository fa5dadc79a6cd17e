// Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1) exactly as
// PyTorch's torch.optim.Adam computes it, and global gradient-norm clipping as
// torch.nn.utils.clip_grad_norm_ does it. MAPPO uses one Adam per network with ε = 1e-5
// (marlbenchmark/on-policy, `opti_eps`).
#pragma once

#include <Eigen/Core>

namespace finsim::learning {

struct AdamConfig {
  double learning_rate = 5e-4;  ///< α (reference `lr`, `critic_lr`)
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-5;        ///< added to √v̂ (reference `opti_eps`)
};

template <class T>
class Adam {
 public:
  using Vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;

  Adam(Eigen::Index size, AdamConfig config);

  /// One update: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − α/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε).
  /// Preconditions: params and gradient have the size given at construction.
  void step(Vector& params, const Vector& gradient);

  [[nodiscard]] long long steps() const { return t_; }
  [[nodiscard]] const AdamConfig& config() const { return config_; }
  void set_learning_rate(double lr) { config_.learning_rate = lr; }

 private:
  AdamConfig config_;
  Vector m_, v_;
  double beta1_t_ = 1.0, beta2_t_ = 1.0;  // β₁ᵗ, β₂ᵗ as running products
  long long t_ = 0;
};

/// Scales `gradient` by max_norm / (‖g‖₂ + 10⁻⁶) when that factor is below 1; returns ‖g‖₂ before clipping.
template <class T>
double clip_gradient_norm(Eigen::Matrix<T, Eigen::Dynamic, 1>& gradient, double max_norm);

extern template class Adam<float>;
extern template class Adam<double>;

}  // namespace finsim::learning
