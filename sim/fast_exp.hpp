// exp(x) for the softmax weights of a learned policy, which change every episode: 2^(x log2 e) split
// into an integer power, set in the exponent bits, and a degree-7 polynomial for 2^f on [-1/2, 1/2]
// (relative error below 1e-8 on |x| <= 700, checked in tests/sim/test_fast_exp.cpp). About a third of
// the cost of std::exp, and plain arithmetic, so the result is the same on every machine.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

namespace attachsim::sim {

inline double fast_exp(double x) {
  x = std::clamp(x, -700.0, 700.0);
  const double t = x * 1.4426950408889634;  // log2(e)
  const double n = std::nearbyint(t);
  const double f = t - n;  // in [-1/2, 1/2]
  // Taylor coefficients of 2^f = e^(f ln 2): (ln 2)^k / k!
  double p = 1.5252733804059840e-5;
  p = p * f + 1.5403530393381606e-4;
  p = p * f + 1.3333558146428443e-3;
  p = p * f + 9.6181291076284772e-3;
  p = p * f + 5.5504108664821580e-2;
  p = p * f + 2.4022650695910071e-1;
  p = p * f + 6.9314718055994531e-1;
  p = p * f + 1.0;
  const auto bits = std::bit_cast<std::uint64_t>(p) + (static_cast<std::uint64_t>(static_cast<std::int64_t>(n)) << 52);
  return std::bit_cast<double>(bits);
}

}  // namespace attachsim::sim
