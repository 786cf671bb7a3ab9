// The standard normal distribution's cdf and upper quantile, the same on every machine and in the
// classroom's WebAssembly build, so that the static page draws bitwise what attachsim draws
// (tests/sim/classroom/static_equals_server.mjs checks it).
// The cdf is Marsaglia's series (Marsaglia 2004, J. Stat. Software 11(4)):
//   Phi(x) = 1/2 + phi(x) (x + x^3/3 + x^5/(3 5) + ...),
// from additions and multiplications and portable_exp; absolute error about 2e-16 per unit of |x|. It is
// not the C library's erfc, nor Boost's, which calls the C library's exp: glibc and musl (the browser
// build's) differ in the last bit for some arguments, and support and chaos, cdfs of weekly wandering
// liabilities, carry such a bit into stress. The quantile, needed once per run for thresholds, is
// Boost.Math's in double precision throughout (not its default promotion to long double, 80 bits on
// x86-64 and 128 in WebAssembly).
#pragma once

#include "sim/core/portable_exp.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>

namespace attachsim::sim {

using StandardNormal =
    boost::math::normal_distribution<double, boost::math::policies::policy<boost::math::policies::promote_double<false>>>;

// 1/(2k + 1): the series multiplies by these instead of dividing, since a division's latency would
// set the pace of its chain of dependent steps.
inline constexpr auto odd_reciprocals = [] {
  std::array<double, 128> r{};
  for (std::size_t k = 0; k < r.size(); ++k) r[k] = 1.0 / static_cast<double>(2 * k + 1);
  return r;
}();

// P(Z <= x). The series's terms all have x's sign and shrink once 2k + 1 > x^2; it stops when a term no
// longer changes the sum (about 25 terms at |x| = 2, 100 at |x| = 8). Beyond |x| = 38 the answer is 0
// or 1 in double.
inline double standard_normal_cdf(double x) {
  if (x < -38) return 0.0;
  if (x > 38) return 1.0;
  const double q = x * x;
  double sum = x, previous = 0, term = x;
  for (std::size_t k = 1; sum != previous; ++k) {
    previous = sum;
    term *= k < odd_reciprocals.size() ? q * odd_reciprocals[k] : q / static_cast<double>(2 * k + 1);
    sum += term;
  }
  constexpr double log_sqrt_2pi = 0.91893853320467274178;
  // Rounding in the sum leaves an absolute error of about 2e-16 per unit of |x|: clip, so that a far
  // tail is never a hair below 0 or above 1.
  return std::clamp(0.5 + sum * portable_exp(-0.5 * q - log_sqrt_2pi), 0.0, 1.0);
}

// The z above which a share `upper` of the distribution lies: +inf for 0, -inf for 1.
inline double standard_normal_upper_quantile(double upper) {
  if (upper <= 0) return std::numeric_limits<double>::infinity();
  if (upper >= 1) return -std::numeric_limits<double>::infinity();
  return boost::math::quantile(boost::math::complement(StandardNormal(), upper));
}

}  // namespace attachsim::sim
