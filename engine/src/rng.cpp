#include "finsim/rng.hpp"

#include <cmath>
#include <limits>

#include "finsim/detmath.hpp"

namespace finsim {
namespace {

__extension__ using u128 = unsigned __int128;

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Rng::Rng(std::uint64_t seed) : seed_(seed) {
  std::uint64_t x = seed;
  for (auto& w : s_) w = splitmix64(x);
}

Rng Rng::fork(std::uint64_t stream) const {
  std::uint64_t x = seed_ ^ (0xD1B54A32D192ED03ULL * (stream + 1));
  return Rng(splitmix64(x));
}

std::uint64_t Rng::next_u64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

std::uint64_t Rng::below(std::uint64_t n) {
  // Lemire (2019), "Fast random integer generation in an interval", with 128-bit products.
  u128 m = static_cast<u128>(next_u64()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<u128>(next_u64()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

bool Rng::bernoulli(double p) {
  if (p <= 0.0) return false;
  if (p >= 1.0) return true;
  return uniform() < p;
}

namespace {

// Ziggurat tables for the standard normal density f(x) = exp(−x²/2) (Marsaglia & Tsang 2000):
// 128 layers of equal area v; x[0] = v / f(r) is the width of the base layer including its tail,
// x[1] = r, x[i+1] = f⁻¹(f(x[i]) + v / x[i]), x[128] = 0.
struct Ziggurat {
  static constexpr double kR = 3.442619855899;
  static constexpr double kV = 9.91256303526217e-3;
  double x[129];
  double f[129];
  Ziggurat() {
    auto density = [](double t) { return detmath::exp(-0.5 * t * t); };
    x[0] = kV / density(kR);
    x[1] = kR;
    for (int i = 1; i < 127; ++i) x[i + 1] = std::sqrt(-2.0 * detmath::log(kV / x[i] + density(x[i])));
    x[128] = 0.0;
    for (int i = 0; i <= 128; ++i) f[i] = density(x[i]);
  }
};

const Ziggurat& ziggurat() {
  static const Ziggurat table;
  return table;
}

}  // namespace

double Rng::normal() {
  const Ziggurat& z = ziggurat();
  for (;;) {
    const std::uint64_t bits = next_u64();
    const int layer = static_cast<int>(bits & 127u);
    const double sign = (bits & 128u) ? -1.0 : 1.0;
    const double u = static_cast<double>(bits >> 11) * 0x1.0p-53;
    const double x = u * z.x[layer];
    if (x < z.x[layer + 1]) return sign * x;  // inside the layer's rectangle: about 98.8 % of draws
    if (layer == 0) {
      // The tail beyond r (Marsaglia 1964): exponential proposals accepted against the density.
      double a, b;
      do {
        a = -detmath::log(1.0 - uniform()) / Ziggurat::kR;
        b = -detmath::log(1.0 - uniform());
      } while (b + b < a * a);
      return sign * (Ziggurat::kR + a);
    }
    // The wedge between the rectangle and the curve.
    if (z.f[layer + 1] + uniform() * (z.f[layer] - z.f[layer + 1]) < detmath::exp(-0.5 * x * x)) return sign * x;
  }
}

std::uint64_t Rng::geometric(double p) {
  if (p >= 1.0) return 0;
  // Inversion: floor(log(U) / log(1 - p)) with U in (0, 1].
  const double u = 1.0 - uniform();
  const double g = std::floor(detmath::log(u) / detmath::log(1.0 - p));
  if (g >= 1.8e19) return std::numeric_limits<std::uint64_t>::max();
  return static_cast<std::uint64_t>(g);
}

}  // namespace finsim
