// Orthogonal weight initialisation (Saxe, McClelland & Ganguli 2014, "Exact solutions to the nonlinear
// dynamics of learning in deep linear neural networks"), as PyTorch's nn.init.orthogonal_ does it:
// a Gaussian matrix, orthonormalised (QR with the signs of R's diagonal made positive), times a gain.
#pragma once

#include <vector>

#include "finsim/rng.hpp"

namespace finsim::learning {

/// A rows × cols matrix (column-major) whose columns (rows ≥ cols) or rows (rows < cols) are
/// orthonormal, scaled by `gain`. QR is done by twice-repeated modified Gram–Schmidt in IEEE double
/// arithmetic, so the result depends only on the Rng's draws and is identical on every platform.
/// Preconditions: rows, cols > 0.
std::vector<double> orthogonal_matrix(int rows, int cols, double gain, Rng& rng);

}  // namespace finsim::learning
