// The per-sample PPO losses of MAPPO (Schulman et al. 2017, "Proximal Policy Optimization Algorithms",
// eq. 7; Yu et al. 2022 and marlbenchmark/on-policy `R_MAPPO.ppo_update`, `cal_value_loss`,
// `huber_loss`), with their derivatives for backpropagation. Callers average over the samples.
#pragma once

namespace finsim::learning {

struct SurrogateTerm {
  double loss = 0.0;    ///< −min(r·A, clip(r, 1−ε, 1+ε)·A)
  double d_logp = 0.0;  ///< ∂loss/∂log π(a|o): −r·A where the unclipped term is the minimum, else 0
  double ratio = 1.0;   ///< r = exp(log π − log π_old)
  bool clipped = false; ///< |r − 1| > ε (counted in the clip fraction)
};

/// The clipped surrogate for one sample. `log_prob` is under the current policy, `old_log_prob` under
/// the policy that collected the sample, `clip` is ε (0.2 by default).
SurrogateTerm clipped_surrogate(double log_prob, double old_log_prob, double advantage, double clip);

/// Huber loss: e²/2 for |e| ≤ δ, δ(|e| − δ/2) beyond (the reference's `huber_loss`).
double huber(double error, double delta);
/// dhuber/de: e for |e| ≤ δ, δ·sign(e) beyond.
double huber_derivative(double error, double delta);

struct ValueTerm {
  double loss = 0.0;     ///< max(huber(G − V), huber(G − V_clip))
  double d_value = 0.0;  ///< ∂loss/∂V
};

/// The clipped value loss for one sample, all in normalised units: V the critic's current output, V_old
/// its output when the sample was collected, G the normalised return target, and
/// V_clip = V_old + clip(V − V_old, −ε, ε).
ValueTerm clipped_value_loss(double value, double old_value, double target, double clip, double huber_delta);

/// Schulman's low-variance estimator of KL(π_old ‖ π) from one sample: (r − 1) − log r ≥ 0, exactly 0 at r = 1.
double approx_kl(double log_prob, double old_log_prob);

}  // namespace finsim::learning
