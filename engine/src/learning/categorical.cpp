#include "finsim/learning/categorical.hpp"

#include <cmath>
#include <limits>

namespace finsim::learning {

template <class T>
void MaskedCategorical<T>::compute(const Matrix& logits, std::span<const std::uint32_t> masks) {
  const Eigen::Index k = logits.rows(), b = logits.cols();
  log_probs.resize(k, b);
  probs.resize(k, b);
  for (Eigen::Index c = 0; c < b; ++c) {
    const std::uint32_t m = masks[static_cast<std::size_t>(c)];
    T top = -std::numeric_limits<T>::infinity();
    for (Eigen::Index a = 0; a < k; ++a)
      if (m >> a & 1u) top = std::max(top, logits(a, c));
    T sum = 0;
    for (Eigen::Index a = 0; a < k; ++a) {
      const T e = (m >> a & 1u) ? std::exp(logits(a, c) - top) : T(0);
      probs(a, c) = e;
      sum += e;
    }
    const T log_sum = std::log(sum);
    for (Eigen::Index a = 0; a < k; ++a) {
      const bool allowed = m >> a & 1u;
      log_probs(a, c) = allowed ? logits(a, c) - top - log_sum : T(0);
      probs(a, c) = allowed ? probs(a, c) / sum : T(0);
    }
  }
}

template <class T>
T MaskedCategorical<T>::entropy(Eigen::Index column) const {
  T h = 0;
  for (Eigen::Index a = 0; a < probs.rows(); ++a) h -= probs(a, column) * log_probs(a, column);
  return h;
}

template <class T>
void MaskedCategorical<T>::backward(std::span<const int> actions, std::span<const T> c_logp,
                                    std::span<const T> c_entropy, Matrix& d_logits) const {
  const Eigen::Index k = probs.rows(), b = probs.cols();
  d_logits.resize(k, b);
  for (Eigen::Index c = 0; c < b; ++c) {
    const auto i = static_cast<std::size_t>(c);
    const T h = entropy(c);
    for (Eigen::Index a = 0; a < k; ++a) {
      const T p = probs(a, c);
      const T d_logp = (a == actions[i] ? T(1) : T(0)) - p;
      const T d_entropy = -p * (log_probs(a, c) + h);
      d_logits(a, c) = c_logp[i] * d_logp + c_entropy[i] * d_entropy;
    }
  }
}

template struct MaskedCategorical<float>;
template struct MaskedCategorical<double>;

}  // namespace finsim::learning
