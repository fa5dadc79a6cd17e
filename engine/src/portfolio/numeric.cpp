#include "portfolio/numeric.hpp"

#include <algorithm>

#include "finsim/detmath.hpp"

namespace finsim::portfolio::numeric {
namespace {

constexpr std::size_t kBlock = 128;  // numpy's PW_BLOCKSIZE

double pairwise(const double* a, std::size_t n) {
  if (n < 8) {
    double res = 0.0;
    for (std::size_t i = 0; i < n; ++i) res += a[i];
    return res;
  }
  if (n <= kBlock) {
    double r[8];
    for (int j = 0; j < 8; ++j) r[j] = a[j];
    std::size_t i = 8;
    for (; i < n - (n % 8); i += 8)
      for (int j = 0; j < 8; ++j) r[j] += a[i + static_cast<std::size_t>(j)];
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwise(a, n2) + pairwise(a + n2, n - n2);
}

}  // namespace

double pairwise_sum(std::span<const double> x) { return 0.0 + pairwise(x.data(), x.size()); }

double nanmean(std::span<const double> x) {
  std::vector<double> filled(x.begin(), x.end());
  std::size_t count = 0;
  for (double& v : filled) {
    if (std::isnan(v)) v = 0.0;
    else ++count;
  }
  if (count == 0) return kNaN;
  return pairwise_sum(filled) / static_cast<double>(count);
}

double nanstd(std::span<const double> x, int ddof) {
  std::vector<double> dev(x.begin(), x.end());
  std::size_t count = 0;
  for (double& v : dev) {
    if (std::isnan(v)) v = 0.0;
    else ++count;
  }
  const double dof = static_cast<double>(count) - ddof;
  if (count == 0 || dof <= 0.0) return kNaN;
  const double mean = pairwise_sum(dev) / static_cast<double>(count);
  for (std::size_t i = 0; i < dev.size(); ++i) {
    const double d = std::isnan(x[i]) ? 0.0 : dev[i] - mean;
    dev[i] = d * d;
  }
  return std::sqrt(pairwise_sum(dev) / dof);
}

std::vector<double> without_nan(std::span<const double> x) {
  std::vector<double> out;
  out.reserve(x.size());
  for (double v : x)
    if (!std::isnan(v)) out.push_back(v);
  return out;
}

double percentile(std::vector<double> x, double q) {
  if (x.empty()) return kNaN;
  std::sort(x.begin(), x.end());
  const double index = (q / 100.0) * static_cast<double>(x.size() - 1);
  const double lo_index = std::floor(index);
  const auto lo = static_cast<std::size_t>(lo_index);
  const std::size_t hi = std::min(lo + 1, x.size() - 1);
  const double t = index - lo_index;
  const double a = x[lo], b = x[hi];
  const double diff = b - a;
  // numpy's _lerp: interpolate from the nearer end so that t = 1 returns b exactly.
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

double pow_nonneg(double x, double y) {
  if (std::isnan(x) || std::isnan(y) || x < 0.0) return kNaN;
  if (y == 0.0 || x == 1.0) return 1.0;
  if (x == 0.0) return y > 0.0 ? 0.0 : kInf;
  if (std::isinf(x)) return y > 0.0 ? kInf : 0.0;
  return detmath::exp(y * detmath::log(x));
}

double log1p(double x) {
  const double u = 1.0 + x;
  if (u == 1.0) return x;
  if (std::isinf(u)) return u;
  return detmath::log(u) * x / (u - 1.0);
}

}  // namespace finsim::portfolio::numeric
