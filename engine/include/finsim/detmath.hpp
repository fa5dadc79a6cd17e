// Deterministic elementary functions.
//
// The C library's exp and log are not required to round correctly, and glibc (native) and musl
// (Emscripten) differ in the last bit for some arguments. A simulation whose state passes through them
// would then produce different message streams natively and in WASM. These versions use only
// IEEE-754 + - * / and exact scaling by powers of two, so they give the same bits on every platform
// that compiles them without contraction into fused multiply-adds (see cmake/CompilerOptions.cmake).
// Accuracy: within 2 ulp of the true value over the whole double range (tested against long double).
#pragma once

namespace finsim::detmath {

/// e^x. exp(-inf) = 0, exp(+inf) = +inf, NaN propagates; overflows to +inf beyond ~709.78.
double exp(double x);

/// Natural logarithm. log(0) = -inf, log(x < 0) = NaN, log(+inf) = +inf.
double log(double x);

/// Hyperbolic tangent through exp; odd by construction; absolute error below 1e-15.
double tanh(double x);

}  // namespace finsim::detmath
