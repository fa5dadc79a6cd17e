#include "finsim/learning/adam.hpp"

#include <cmath>

namespace finsim::learning {

template <class T>
Adam<T>::Adam(Eigen::Index size, AdamConfig config)
    : config_(config), m_(Vector::Zero(size)), v_(Vector::Zero(size)) {}

template <class T>
void Adam<T>::step(Vector& params, const Vector& gradient) {
  ++t_;
  beta1_t_ *= config_.beta1;
  beta2_t_ *= config_.beta2;
  const T b1 = static_cast<T>(config_.beta1), b2 = static_cast<T>(config_.beta2);
  m_ = b1 * m_ + (T(1) - b1) * gradient;
  v_ = b2 * v_ + (T(1) - b2) * gradient.cwiseProduct(gradient);
  const T step_size = static_cast<T>(config_.learning_rate / (1.0 - beta1_t_));
  const T root_correction = static_cast<T>(std::sqrt(1.0 - beta2_t_));
  const T eps = static_cast<T>(config_.epsilon);
  params.array() -= step_size * m_.array() / (v_.array().sqrt() / root_correction + eps);
}

template <class T>
double clip_gradient_norm(Eigen::Matrix<T, Eigen::Dynamic, 1>& gradient, double max_norm) {
  double sum = 0.0;
  for (Eigen::Index i = 0; i < gradient.size(); ++i) sum += static_cast<double>(gradient[i]) * gradient[i];
  const double norm = std::sqrt(sum);
  const double coefficient = max_norm / (norm + 1e-6);
  if (coefficient < 1.0) gradient *= static_cast<T>(coefficient);
  return norm;
}

template class Adam<float>;
template class Adam<double>;
template double clip_gradient_norm<float>(Eigen::Matrix<float, Eigen::Dynamic, 1>&, double);
template double clip_gradient_norm<double>(Eigen::Matrix<double, Eigen::Dynamic, 1>&, double);

}  // namespace finsim::learning
