// The masked categorical distribution of a discrete policy head: softmax over the feasible actions
// only, as the MAPPO reference does it (infeasible logits set to −10¹⁰ before the softmax, Yu et al.
// 2022, marlbenchmark/on-policy `Categorical` with `available_actions`), with the exact gradients
// of the log-probability and the entropy with respect to the logits.
//
// Training only (Eigen, std::exp). A bit of `mask` set means the action is allowed; at least one bit
// must be set among the first K.
#pragma once

#include <cstdint>
#include <span>

#include <Eigen/Core>

namespace finsim::learning {

template <class T>
struct MaskedCategorical {
  using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

  Matrix log_probs;  ///< K × B; log p(a) for allowed actions, 0 for masked ones
  Matrix probs;      ///< K × B; p(a), exactly 0 for masked actions

  /// log p = z − max z − log Σ exp(z − max z) over the allowed entries of each column of `logits`.
  void compute(const Matrix& logits, std::span<const std::uint32_t> masks);

  [[nodiscard]] T log_prob(Eigen::Index column, int action) const { return log_probs(action, column); }
  /// H = −Σ p log p over the allowed actions.
  [[nodiscard]] T entropy(Eigen::Index column) const;

  /// Writes into `d_logits` (K × B) the gradient of Σ_b (c_logp[b]·log p(a_b) + c_entropy[b]·H_b):
  ///   ∂ log p(a)/∂z_j = 1[j = a] − p_j,   ∂H/∂z_j = −p_j (log p_j + H),
  /// both zero on masked entries (whose probability is 0).
  void backward(std::span<const int> actions, std::span<const T> c_logp, std::span<const T> c_entropy,
                Matrix& d_logits) const;
};

extern template struct MaskedCategorical<float>;
extern template struct MaskedCategorical<double>;

}  // namespace finsim::learning
