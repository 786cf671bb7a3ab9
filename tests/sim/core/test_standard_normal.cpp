// The standard normal of sim/core/standard_normal.hpp: the textbook values, the quantile the inverse of
// the cdf, and the ends of the quantile's range.
#include "sim/core/standard_normal.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace sim = attachsim::sim;

TEST_CASE("standard normal: textbook values, and the upper quantile inverts the cdf") {
  CHECK(sim::standard_normal_cdf(0.0) == 0.5);
  CHECK(sim::standard_normal_cdf(1.959963984540054) == doctest::Approx(0.975).epsilon(1e-14));
  CHECK(sim::standard_normal_cdf(-1.0) == doctest::Approx(0.15865525393145707).epsilon(1e-14));
  CHECK(sim::standard_normal_upper_quantile(0.025) == doctest::Approx(1.959963984540054).epsilon(1e-14));
  for (double share : {0.001, 0.07, 0.1, 0.5, 0.9, 0.999})
    CHECK(1 - sim::standard_normal_cdf(sim::standard_normal_upper_quantile(share)) == doctest::Approx(share).epsilon(1e-12));
  CHECK(std::isinf(sim::standard_normal_upper_quantile(0.0)));
  CHECK(sim::standard_normal_upper_quantile(1.0) < 0);
  CHECK(std::isinf(sim::standard_normal_upper_quantile(1.0)));
}

TEST_CASE("standard normal: the portable cdf agrees with Boost's to 3e-15 from -9 to 9") {
  // Boost's cdf (double precision throughout) is the reference; ours is Marsaglia's series over
  // portable_exp, whose rounding adds about 2e-16 of absolute error per unit of |x| (1.8e-15 measured).
  double worst = 0;
  for (double x = -9; x <= 9; x += 0.000731) worst = std::max(worst, std::abs(sim::standard_normal_cdf(x) - boost::math::cdf(sim::StandardNormal(), x)));
  INFO("largest absolute difference " << worst);
  CHECK(worst < 3e-15);
  CHECK(sim::standard_normal_cdf(-40) == 0.0);
  CHECK(sim::standard_normal_cdf(40) == 1.0);
}
