// The standard normal distribution's cdf and upper quantile, computed the same way on every machine and
// in the classroom's WebAssembly build: Boost.Math's own algorithms in double precision throughout. Not
// the C library's erfc (glibc's and musl's, the browser build's, differ in the last bit for about 5%
// of arguments) and not Boost's default promotion of double to long double (80 bits on x86-64, 128 in
// WebAssembly). A model that needs the normal distribution uses these, so that the static classroom
// page draws bitwise what attachsim draws (tests/sim/classroom/static_equals_server.mjs checks it).
#pragma once

#include <boost/math/distributions/normal.hpp>

#include <limits>

namespace attachsim::sim {

using StandardNormal =
    boost::math::normal_distribution<double, boost::math::policies::policy<boost::math::policies::promote_double<false>>>;

// P(Z <= x).
inline double standard_normal_cdf(double x) { return boost::math::cdf(StandardNormal(), x); }

// The z above which a share `upper` of the distribution lies: +inf for 0, -inf for 1.
inline double standard_normal_upper_quantile(double upper) {
  if (upper <= 0) return std::numeric_limits<double>::infinity();
  if (upper >= 1) return -std::numeric_limits<double>::infinity();
  return boost::math::quantile(boost::math::complement(StandardNormal(), upper));
}

}  // namespace attachsim::sim
