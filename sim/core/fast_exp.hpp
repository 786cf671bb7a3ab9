// exp(x) for the softmax weights of a learned policy, which change every episode: 2^(x log2 e) split
// into an integer power, set in the exponent bits, and a degree-7 polynomial for 2^f on [-1/2, 1/2]
// (relative error below 1e-8 on |x| <= 700, 7.0e-9 measured; checked in tests/sim/core/test_fast_exp.cpp).
// About a third of the cost of std::exp, and plain arithmetic, so the result is the same on every
// machine.
// Rounding to the nearest integer adds and subtracts 1.5 x 2^52: in the default rounding mode this is
// exactly std::nearbyint for |t| < 2^51, without the libm call that baseline x86-64 needs for it.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

namespace attachsim::sim {

inline double fast_exp(double x) {
  x = std::clamp(x, -700.0, 700.0);
  const double t = x * 1.4426950408889634;  // log2(e)
  constexpr double shifter = 0x1.8p52;
  const double shifted = t + shifter;  // n sits in the low mantissa bits
  const double n = shifted - shifter;
  const double f = t - n;  // in [-1/2, 1/2]
  // Taylor coefficients of 2^f = e^(f ln 2): (ln 2)^k / k!, summed by Estrin's scheme (pairs, then
  // pairs of pairs): half the chain of dependent operations of Horner's, which matters because the
  // next episode's choice waits for this weight. Rounding differs from Horner's by at most 4.4e-16.
  const double f2 = f * f, f4 = f2 * f2;
  const double p01 = 1.0 + 6.9314718055994531e-1 * f, p23 = 2.4022650695910071e-1 + 5.5504108664821580e-2 * f;
  const double p45 = 9.6181291076284772e-3 + 1.3333558146428443e-3 * f;
  const double p67 = 1.5403530393381606e-4 + 1.5252733804059840e-5 * f;
  const double p = (p01 + p23 * f2) + (p45 + p67 * f2) * f4;
  const auto bits = std::bit_cast<std::uint64_t>(p) +
                    ((std::bit_cast<std::uint64_t>(shifted) - std::bit_cast<std::uint64_t>(shifter)) << 52);
  return std::bit_cast<double>(bits);
}

}  // namespace attachsim::sim
