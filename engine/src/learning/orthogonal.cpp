#include "finsim/learning/orthogonal.hpp"

#include <cmath>
#include <cstddef>

namespace finsim::learning {

std::vector<double> orthogonal_matrix(int rows, int cols, double gain, Rng& rng) {
  // Draw row-major like torch's `tensor.new(rows, cols).normal_()`, then orthonormalise the columns of
  // the tall orientation (m ≥ n).
  const bool transpose = rows < cols;
  const int m = transpose ? cols : rows;
  const int n = transpose ? rows : cols;
  std::vector<double> a(static_cast<std::size_t>(m) * n);  // column-major m × n
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const double z = rng.normal();
      const int i = transpose ? c : r, j = transpose ? r : c;
      a[static_cast<std::size_t>(j) * m + i] = z;
    }
  auto col = [&](int j) { return a.data() + static_cast<std::size_t>(j) * m; };
  for (int j = 0; j < n; ++j) {
    double* v = col(j);
    for (int pass = 0; pass < 2; ++pass)  // "twice is enough" (Giraud et al. 2005)
      for (int k = 0; k < j; ++k) {
        const double* q = col(k);
        double dot = 0.0;
        for (int i = 0; i < m; ++i) dot += q[i] * v[i];
        for (int i = 0; i < m; ++i) v[i] -= dot * q[i];
      }
    double norm = 0.0;
    for (int i = 0; i < m; ++i) norm += v[i] * v[i];
    norm = std::sqrt(norm);
    // A Gaussian column is almost surely independent of the others; guard the measure-zero case.
    const double scale = norm > 0.0 ? 1.0 / norm : 0.0;
    for (int i = 0; i < m; ++i) v[i] *= scale;
  }
  std::vector<double> out(static_cast<std::size_t>(rows) * cols);  // column-major rows × cols
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const int i = transpose ? c : r, j = transpose ? r : c;
      out[static_cast<std::size_t>(c) * rows + r] = gain * a[static_cast<std::size_t>(j) * m + i];
    }
  return out;
}

}  // namespace finsim::learning
