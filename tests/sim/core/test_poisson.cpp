// sim::poisson draws the counts of Boost's poisson_distribution from the same numbers (its
// reciprocal table changes only the rounding), and follows the Poisson distribution.
#include "sim/core/fast_stream.hpp"
#include "sim/core/poisson.hpp"

#include <doctest/doctest.h>

#include <boost/random/poisson_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace sim = attachsim::sim;

TEST_CASE("poisson: the same counts as Boost's inversion from the same stream") {
  // Rounding may move a count only when the uniform falls within about 1e-15 of a boundary: in
  // 200,000 draws per mean, with probability about 1e-9.
  for (double mean : {0.3, 1.0, 4.7, 9.5, 12.0, 30.0}) {
    CAPTURE(mean);
    sim::FastStream a(1, 2, 3), b(1, 2, 3);
    boost::random::poisson_distribution<int, double> boost_poisson(mean);
    int differ = 0;
    for (int i = 0; i < 200000; ++i) differ += sim::poisson(mean, a) != boost_poisson(b);
    CHECK(differ == 0);
  }
}

TEST_CASE("poisson: frequencies follow the Poisson probabilities") {
  // n = 200000 at mean 4.7: chi-square over counts 0..12 and 13+ (14 cells, 13 degrees of freedom)
  // exceeds 39.1 with probability 1e-4.
  const int n = 200000;
  const double mean = 4.7;
  sim::FastStream stream(9, 0, 3);
  std::vector<int> cells(14, 0);
  for (int i = 0; i < n; ++i) ++cells[static_cast<std::size_t>(std::min(13, sim::poisson(mean, stream)))];
  double chi_square = 0, p = std::exp(-mean), rest = 1;
  for (int k = 0; k < 14; ++k) {
    const double expected = n * (k < 13 ? p : rest);
    chi_square += (cells[static_cast<std::size_t>(k)] - expected) * (cells[static_cast<std::size_t>(k)] - expected) / expected;
    rest -= p;
    p *= mean / (k + 1);
  }
  CHECK(chi_square < 39.1);
}

TEST_CASE("poisson: a mean of 0 gives 0") {
  sim::FastStream stream(1, 1, 1);
  for (int i = 0; i < 100; ++i) CHECK(sim::poisson(0.0, stream) == 0);
}
