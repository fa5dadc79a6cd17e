#include "finsim/learning/gae.hpp"

namespace finsim::learning {

void compute_gae(std::span<const double> rewards, std::span<const double> values,
                 std::span<const std::uint8_t> terminal, double gamma, double lambda,
                 std::span<double> advantages, std::span<double> returns) {
  double gae = 0.0;
  for (std::size_t k = rewards.size(); k-- > 0;) {
    const double continues = terminal[k] ? 0.0 : 1.0;
    const double delta = rewards[k] + gamma * continues * values[k + 1] - values[k];
    gae = delta + gamma * lambda * continues * gae;
    advantages[k] = gae;
    returns[k] = gae + values[k];
  }
}

}  // namespace finsim::learning
