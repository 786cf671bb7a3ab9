// fast_exp, used for the policy's softmax weights, agrees with std::exp to a relative 1e-8.
#include "sim/core/fast_exp.hpp"

#include <doctest/doctest.h>

#include <cmath>

TEST_CASE("fast_exp: relative error below 1e-8 from -700 to 700") {
  double worst = 0;
  for (double x = -700; x <= 700; x += 0.00137) worst = std::max(worst, std::abs(attachsim::sim::fast_exp(x) / std::exp(x) - 1));
  CHECK(worst < 1e-8);
}

TEST_CASE("fast_exp: exact at 0 and saturating beyond the range") {
  CHECK(attachsim::sim::fast_exp(0) == 1.0);
  CHECK(attachsim::sim::fast_exp(1e6) == attachsim::sim::fast_exp(700));
  CHECK(attachsim::sim::fast_exp(-1e6) > 0);
}
