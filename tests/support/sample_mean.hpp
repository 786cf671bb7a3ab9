// The mean of a quantity over the dyads a test selects, with its standard error, for statistical checks
// whose tolerance is derived from the sample (two standard errors).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace attachsim::testing {

struct SampleMean {
  double mean = 0, se = 0, n = 0;
};

// Mean and standard error of f(i) over the dyads i < size where keep(i).
template <typename Keep, typename F>
SampleMean mean_over(std::size_t size, Keep keep, F f) {
  double s = 0, s2 = 0, n = 0;
  for (std::size_t i = 0; i < size; ++i)
    if (keep(i)) {
      const double x = f(i);
      s += x, s2 += x * x, ++n;
    }
  const double m = s / n;
  return {m, std::sqrt(std::max(0.0, s2 / n - m * m) / n), n};
}

}  // namespace attachsim::testing
