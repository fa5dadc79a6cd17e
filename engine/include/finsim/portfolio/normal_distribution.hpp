// The standard normal distribution, computed identically on every platform.
//
// The C library's erf/erfc and <random>'s distributions differ between glibc and musl (Emscripten);
// these use only IEEE arithmetic, sqrt and finsim::detmath.
#pragma once

namespace finsim::portfolio {

/// φ(x) = e^(−x²/2) / √(2π).
double normal_pdf(double x);

/// Φ⁻¹(p), the standard normal quantile, for p in (0, 1): Wichura's algorithm AS 241 (PPND16,
/// "The percentage points of the normal distribution", Applied Statistics 37, 1988), relative error
/// about 1e−16. −inf at 0, +inf at 1, NaN outside [0, 1].
double normal_quantile(double p);

}  // namespace finsim::portfolio
