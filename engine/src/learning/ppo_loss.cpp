#include "finsim/learning/ppo_loss.hpp"

#include <algorithm>
#include <cmath>

namespace finsim::learning {

SurrogateTerm clipped_surrogate(double log_prob, double old_log_prob, double advantage, double clip) {
  SurrogateTerm t;
  t.ratio = std::exp(log_prob - old_log_prob);
  const double unclipped = t.ratio * advantage;
  const double clipped = std::clamp(t.ratio, 1.0 - clip, 1.0 + clip) * advantage;
  // Where the clipped term is strictly smaller, r lies outside [1−ε, 1+ε] and the clamp's slope is 0.
  t.loss = -std::min(unclipped, clipped);
  t.d_logp = unclipped <= clipped ? -unclipped : 0.0;
  t.clipped = std::fabs(t.ratio - 1.0) > clip;
  return t;
}

double huber(double error, double delta) {
  const double a = std::fabs(error);
  return a <= delta ? 0.5 * error * error : delta * (a - 0.5 * delta);
}

double huber_derivative(double error, double delta) {
  if (std::fabs(error) <= delta) return error;
  return error > 0.0 ? delta : -delta;
}

ValueTerm clipped_value_loss(double value, double old_value, double target, double clip, double huber_delta) {
  const double step = value - old_value;
  const double clipped_value = old_value + std::clamp(step, -clip, clip);
  const double e_original = target - value;
  const double e_clipped = target - clipped_value;
  const double l_original = huber(e_original, huber_delta);
  const double l_clipped = huber(e_clipped, huber_delta);
  ValueTerm t;
  if (l_original >= l_clipped) {
    t.loss = l_original;
    t.d_value = -huber_derivative(e_original, huber_delta);
  } else {
    t.loss = l_clipped;
    t.d_value = std::fabs(step) <= clip ? -huber_derivative(e_clipped, huber_delta) : 0.0;
  }
  return t;
}

double approx_kl(double log_prob, double old_log_prob) {
  const double log_ratio = log_prob - old_log_prob;
  return std::expm1(log_ratio) - log_ratio;
}

}  // namespace finsim::learning
