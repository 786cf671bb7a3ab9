// Poisson counts (the daily number of distress episodes). Below a mean of 10, inversion by
// sequential search (Knuth 1997, TAOCP vol. 2, 3.4.1), the algorithm of Boost's
// poisson_distribution, with one change: each step multiplies by 1/k from a table instead of
// dividing by k, since a division's latency stalls the day's start. This changes the rounding of
// the probabilities by about 1e-16, not the distribution. P(0) is sim::fast_exp's: it only sets where
// the search starts, its relative error below 1e-8 moves the distribution by less than that, and it is
// plain arithmetic, the same on every machine, at a fraction of the cost of a correctly rounded exp
// (this runs once per dyad and day). From 10 on, Boost's PTRD (Hörmann 1993).
#pragma once

#include "sim/core/fast_exp.hpp"

#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_01.hpp>

#include <array>
#include <cstddef>

namespace attachsim::sim {

inline constexpr auto poisson_reciprocals = [] {
  std::array<double, 64> r{};
  for (std::size_t k = 1; k < r.size(); ++k) r[k] = 1.0 / static_cast<double>(k);
  return r;
}();

// One uniform from `engine` below a mean of 10 (as Boost); Boost's own draws from 10 on.
template <class Engine>
int poisson(double mean, Engine& engine) {
  if (!(mean < 10)) return boost::random::poisson_distribution<int, double>(mean)(engine);
  double p = fast_exp(-mean);  // P(0), then P(x) = P(x - 1) mean / x
  int x = 0;
  double u = boost::random::uniform_01<double>()(engine);
  while (u > p) {
    u -= p;
    ++x;
    p = x < static_cast<int>(poisson_reciprocals.size()) ? mean * p * poisson_reciprocals[static_cast<std::size_t>(x)]
                                                          : mean * p / x;
  }
  return x;
}

}  // namespace attachsim::sim
