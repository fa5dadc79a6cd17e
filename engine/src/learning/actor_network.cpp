#include "finsim/learning/actor_network.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "finsim/detmath.hpp"

namespace finsim::learning {
namespace {

bool all_finite(const std::vector<double>& v) {
  return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
}

}  // namespace

std::string check_actor_spec(const ActorSpec& s) {
  if (s.layers.empty()) return "the actor has no layers";
  const auto inputs = static_cast<std::size_t>(s.layers.front().inputs);
  if (s.input_mean.size() != inputs || s.input_std.size() != inputs)
    return "the input normalisation does not match the first layer's " + std::to_string(inputs) + " inputs";
  if (!all_finite(s.input_mean) || !all_finite(s.input_std)) return "the input normalisation is not finite";
  for (double sd : s.input_std)
    if (!(sd > 0.0)) return "input standard deviations must be positive";
  if (!(s.input_clip > 0.0) || !std::isfinite(s.input_clip)) return "the input clip must be positive";
  for (std::size_t l = 0; l < s.layers.size(); ++l) {
    const DenseLayer& d = s.layers[l];
    const std::string which = "layer " + std::to_string(l);
    if (d.inputs < 1 || d.outputs < 1 || d.inputs > 4096 || d.outputs > 4096) return which + " has a bad size";
    if (l > 0 && d.inputs != s.layers[l - 1].outputs) return which + " does not take the previous layer's outputs";
    if (d.weight.size() != static_cast<std::size_t>(d.inputs) * d.outputs)
      return which + " weight is not outputs x inputs";
    if (d.bias.size() != static_cast<std::size_t>(d.outputs)) return which + " bias does not match its outputs";
    if (!all_finite(d.weight) || !all_finite(d.bias)) return which + " has non-finite parameters";
  }
  return {};
}

ActorNetwork::ActorNetwork(ActorSpec spec) : spec_(std::move(spec)) {
  std::size_t widest = 0;
  for (const DenseLayer& d : spec_.layers)
    widest = std::max({widest, static_cast<std::size_t>(d.inputs), static_cast<std::size_t>(d.outputs)});
  a_.resize(widest);
  b_.resize(widest);
}

int ActorNetwork::input_size() const { return spec_.layers.front().inputs; }
int ActorNetwork::output_size() const { return spec_.layers.back().outputs; }

void ActorNetwork::logits(std::span<const double> input, std::span<double> out) {
  const double clip = spec_.input_clip;
  for (std::size_t i = 0; i < input.size(); ++i)
    a_[i] = std::clamp((input[i] - spec_.input_mean[i]) / spec_.input_std[i], -clip, clip);
  for (std::size_t l = 0; l < spec_.layers.size(); ++l) {
    const DenseLayer& d = spec_.layers[l];
    const bool last = l + 1 == spec_.layers.size();
    for (int o = 0; o < d.outputs; ++o) {
      // Left-to-right sum: compilers may not reorder it without -ffast-math, so every platform agrees.
      const double* w = d.weight.data() + static_cast<std::size_t>(o) * d.inputs;
      double z = d.bias[static_cast<std::size_t>(o)];
      for (int i = 0; i < d.inputs; ++i) z += w[i] * a_[static_cast<std::size_t>(i)];
      if (!last) z = spec_.activation == Activation::relu ? (z > 0.0 ? z : 0.0) : detmath::tanh(z);
      b_[static_cast<std::size_t>(o)] = z;
    }
    std::swap(a_, b_);
  }
  std::copy_n(a_.begin(), out.size(), out.begin());
}

int ActorNetwork::argmax(std::span<const double> logits, std::uint32_t mask) {
  int best = -1;
  for (std::size_t a = 0; a < logits.size(); ++a)
    if ((mask >> a & 1u) && (best < 0 || logits[a] > logits[static_cast<std::size_t>(best)])) best = static_cast<int>(a);
  return best < 0 ? 0 : best;
}

int ActorNetwork::sample(std::span<const double> logits, std::uint32_t mask, double u) {
  double top = 0.0;
  bool any = false;
  for (std::size_t a = 0; a < logits.size(); ++a)
    if (mask >> a & 1u) {
      top = any ? std::max(top, logits[a]) : logits[a];
      any = true;
    }
  if (!any) return 0;
  double weights[32];
  double total = 0.0;
  const std::size_t k = std::min<std::size_t>(logits.size(), 32);
  for (std::size_t a = 0; a < k; ++a) {
    weights[a] = (mask >> a & 1u) ? detmath::exp(logits[a] - top) : 0.0;
    total += weights[a];
  }
  const double threshold = u * total;
  double cumulative = 0.0;
  int last_allowed = 0;
  for (std::size_t a = 0; a < k; ++a) {
    if (!(mask >> a & 1u)) continue;
    cumulative += weights[a];
    last_allowed = static_cast<int>(a);
    if (threshold < cumulative) return last_allowed;
  }
  return last_allowed;
}

}  // namespace finsim::learning
