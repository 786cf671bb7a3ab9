// portable_exp: within a few units in the last place of the C library's exp (which itself is within one
// of the true value), exact at 0, and 0 or the largest finite range at the ends.
#include "sim/core/portable_exp.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

TEST_CASE("portable_exp: relative error below 4e-16 from -700 to 700") {
  double worst = 0;
  for (double x = -700; x <= 700; x += 0.000913) worst = std::max(worst, std::abs(attachsim::sim::portable_exp(x) / std::exp(x) - 1));
  INFO("largest relative error " << worst);
  CHECK(worst < 4e-16);
}

TEST_CASE("portable_exp: exact at 0, e at 1, 0 far below the range") {
  CHECK(attachsim::sim::portable_exp(0) == 1.0);
  CHECK(std::abs(attachsim::sim::portable_exp(1) / 2.718281828459045 - 1) < 4e-16);  // within 2 ulp of e
  CHECK(attachsim::sim::portable_exp(-1e6) == 0.0);
  CHECK(std::isfinite(attachsim::sim::portable_exp(1e6)));
}
