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
