// exp(x) to within a few units in the last place, from additions, multiplications and one exponent-bit
// shift only, so that every machine, and the classroom's WebAssembly build, computes the same bits. The C
// libraries do not: glibc's and musl's exp (the browser build's) differ in the last bit for about 1 in
// 1,500 arguments (measured over 200,000; log, pow and tanh differ too). Use it where a value that feeds
// the model's state must be the same everywhere and fast_exp's 1e-8 is not precise enough.
// Method: x = n ln 2 + r with ln 2 split in two (Cody & Waite 1980) so that r, |r| <= ln 2 / 2, is exact
// to about 2^-80; e^r from its Taylor series to r^13 / 13! (the next term is below 2^-57 of the sum), by
// Horner's rule; then 2^n set in the exponent bits.
#pragma once

#include <bit>
#include <cstdint>
#include <initializer_list>

namespace attachsim::sim {

inline double portable_exp(double x) {
  if (x > 709.0) x = 709.0;
  if (x < -708.0) return 0.0;  // below the smallest normal double: 0 is within an ulp of the subnormal result
  constexpr double log2e = 1.4426950408889634, ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  constexpr double shifter = 0x1.8p52;
  const double n = (x * log2e + shifter) - shifter;  // nearest integer, without a libm call
  const double r = (x - n * ln2_hi) - n * ln2_lo;
  double p = 1.0 / 6227020800.0;  // 1/13!
  for (const double c : {1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0,
                         1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0})
    p = p * r + c;
  const auto exponent = static_cast<std::int64_t>(n);
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(p) + (static_cast<std::uint64_t>(exponent) << 52));
}

}  // namespace attachsim::sim
