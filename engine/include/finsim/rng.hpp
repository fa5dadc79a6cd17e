// The one source of randomness in a simulation.
//
// xoshiro256** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"), seeded by
// splitmix64. Distributions are implemented here rather than taken from <random>: the standard fixes
// the engines' outputs but not the distributions', and libstdc++ (native) and libc++ (Emscripten) differ.
// Every draw is therefore identical on every platform. Not thread-safe; one Rng per stream.
#pragma once

#include <cstdint>

namespace finsim {

class Rng {
 public:
  /// Seeds the four words of state from `seed` through splitmix64; any seed (even 0) is valid.
  explicit Rng(std::uint64_t seed = 0);

  /// An independent generator for a named purpose, derived from this one's seed and `stream`,
  /// without consuming draws from this one.
  [[nodiscard]] Rng fork(std::uint64_t stream) const;

  std::uint64_t next_u64();
  /// Uniform in [0, 1) with 53 random bits.
  double uniform();
  /// Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject). n must be > 0.
  std::uint64_t below(std::uint64_t n);
  /// True with probability p (p clipped to [0, 1]).
  bool bernoulli(double p);
  /// Standard normal by the ziggurat method (Marsaglia & Tsang 2000, J. Stat. Softw. 5(8)), 128 layers,
  /// with the layer, the sign and a 53-bit uniform taken from one 64-bit draw (so they are independent)
  /// and tables computed with detmath: identical on every platform.
  double normal();
  /// Number of failures before the first success of a Bernoulli(p) sequence, 0 < p <= 1.
  std::uint64_t geometric(double p);

 private:
  std::uint64_t seed_;
  std::uint64_t s_[4];
};

}  // namespace finsim
