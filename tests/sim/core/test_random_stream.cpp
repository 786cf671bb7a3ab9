// RandomStream: a pure function of (seed, dyad, purpose); distinct streams differ; uniform() lies in
// (0, 1) with the right mean and variance; Boost.Random distributions draw from it.
#include "sim/core/random_stream.hpp"

#include <doctest/doctest.h>

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <random>
#include <vector>

namespace sim = attachsim::sim;

static_assert(std::uniform_random_bit_generator<sim::RandomStream>);

namespace {

std::vector<std::uint32_t> words(sim::RandomStream stream, std::size_t n) {
  std::vector<std::uint32_t> out(n);
  for (auto& w : out) w = stream();
  return out;
}

// Positions at which two sequences agree; two independent 32-bit streams agree by chance at
// about n / 2^32 positions, i.e. at none of a few hundred.
std::size_t agreements(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return same;
}

}  // namespace

TEST_CASE("random stream: the same (seed, dyad, purpose) gives the same sequence") {
  // 1000 words span many Philox blocks, so the counter increments are covered too.
  const auto a = words(sim::RandomStream(20261128, 17, 3), 1000);
  const auto b = words(sim::RandomStream(20261128, 17, 3), 1000);
  CHECK(a == b);
}

TEST_CASE("random stream: a different dyad, purpose or seed gives a different sequence") {
  const std::size_t n = 256;
  const auto base = words(sim::RandomStream(1, 5, 2), n);
  CHECK(agreements(base, words(sim::RandomStream(1, 6, 2), n)) == 0);   // dyad
  CHECK(agreements(base, words(sim::RandomStream(1, 5, 3), n)) == 0);   // purpose
  CHECK(agreements(base, words(sim::RandomStream(2, 5, 2), n)) == 0);   // seed
  CHECK(agreements(base, words(sim::RandomStream(0, 5, 2), n)) == 0);   // seed 0 is a seed like any other
  // The high half of a 64-bit dyad index and of a 64-bit seed are used, not dropped.
  CHECK(agreements(base, words(sim::RandomStream(1, 5 + (std::uint64_t{1} << 32), 2), n)) == 0);
  CHECK(agreements(base, words(sim::RandomStream(1 + (std::uint64_t{1} << 32), 5, 2), n)) == 0);
}

TEST_CASE("random stream: successive blocks of one stream do not repeat") {
  const auto w = words(sim::RandomStream(7, 0, 0), 4096);
  std::size_t repeats = 0;  // later 4-word blocks equal to the first one
  for (auto block = w.begin() + 4; block != w.end(); block += 4) repeats += std::equal(block, block + 4, w.begin());
  CHECK(repeats == 0);
}

TEST_CASE("random stream: uniform() lies strictly inside (0, 1)") {
  sim::RandomStream stream(3, 1, 1);
  double lo = 1, hi = 0;
  for (int i = 0; i < 100000; ++i) {
    const double u = stream.uniform();
    lo = std::min(lo, u);
    hi = std::max(hi, u);
  }
  CHECK(lo > 0);
  CHECK(hi < 1);
  // 100000 draws leave no 1e-3-wide gap at either end (chance of one: (1 - 1e-3)^1e5 ~ 4e-44).
  CHECK(lo < 1e-3);
  CHECK(hi > 1 - 1e-3);
}

TEST_CASE("random stream: mean and variance of 100000 uniforms match U(0,1)") {
  // Seed 42, dyad 0, purpose 9, n = 100000. Mean: SE = sqrt(1/12 / n) = 9.1e-4. Sample variance:
  // SE = sqrt((mu4 - sigma^4) / n) = sqrt((1/80 - 1/144) / n) = 2.4e-4. Tolerances are 5 SE, so a
  // correct generator fails with probability below 1e-6, while a bias of 1% in the mean does not pass.
  const int n = 100000;
  sim::RandomStream stream(42, 0, 9);
  double sum = 0, sum_sq = 0;
  std::vector<int> bins(10, 0);
  for (int i = 0; i < n; ++i) {
    const double u = stream.uniform();
    sum += u;
    sum_sq += u * u;
    ++bins[static_cast<std::size_t>(u * 10)];
  }
  const double mean = sum / n;
  const double variance = (sum_sq - n * mean * mean) / (n - 1);
  CHECK(std::abs(mean - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
  CHECK(std::abs(variance - 1.0 / 12) < 5 * std::sqrt((1.0 / 80 - 1.0 / 144) / n));

  // Ten equal bins, 10000 expected in each: chi-square with 9 degrees of freedom exceeds 33.7 with
  // probability 1e-4.
  double chi_square = 0;
  for (int count : bins) chi_square += (count - n / 10.0) * (count - n / 10.0) / (n / 10.0);
  CHECK(chi_square < 33.7);
}

TEST_CASE("random stream: bernoulli(p) succeeds with frequency p") {
  // n = 100000, p = 0.3: SE = sqrt(0.3 * 0.7 / n) = 1.45e-3; tolerance 5 SE.
  const int n = 100000;
  sim::RandomStream stream(11, 2, 4);
  int hits = 0;
  for (int i = 0; i < n; ++i) hits += stream.bernoulli(0.3);
  CHECK(std::abs(hits / static_cast<double>(n) - 0.3) < 5 * std::sqrt(0.3 * 0.7 / n));
  sim::RandomStream edge(11, 2, 5);
  int never = 0, always = 0;
  for (int i = 0; i < 1000; ++i) never += edge.bernoulli(0.0), always += edge.bernoulli(1.0);
  CHECK(never == 0);
  CHECK(always == 1000);
}

TEST_CASE("random stream: boost::random::normal_distribution draws N(0,1) from it, reproducibly") {
  // Seed 5, dyad 123, purpose 1, n = 100000. Mean: SE = 1/sqrt(n) = 3.2e-3. Sample variance of a
  // normal: SE = sqrt(2/n) = 4.5e-3. Tolerances are 5 SE.
  const int n = 100000;
  sim::RandomStream stream(5, 123, 1);
  boost::random::normal_distribution<double> normal(0.0, 1.0);
  double sum = 0, sum_sq = 0;
  std::vector<double> first;
  for (int i = 0; i < n; ++i) {
    const double x = normal(stream);
    if (i < 100) first.push_back(x);
    sum += x;
    sum_sq += x * x;
  }
  const double mean = sum / n, variance = (sum_sq - n * mean * mean) / (n - 1);
  CHECK(std::abs(mean) < 5 / std::sqrt(double(n)));
  CHECK(std::abs(variance - 1) < 5 * std::sqrt(2.0 / n));

  sim::RandomStream again(5, 123, 1);
  boost::random::normal_distribution<double> normal_again(0.0, 1.0);
  std::vector<double> repeat;
  for (int i = 0; i < 100; ++i) repeat.push_back(normal_again(again));
  CHECK(repeat == first);
}

TEST_CASE("random stream: mix_seed spreads neighbouring seeds apart") {
  // Neighbouring seeds map to keys differing in about half of their 64 bits (sd 4 bits); fewer than
  // 16 would mean seeds 1, 2, 3 share most of their key.
  for (std::uint64_t s = 0; s < 100; ++s) {
    CAPTURE(s);
    const int differing = std::popcount(sim::mix_seed(s) ^ sim::mix_seed(s + 1));
    CHECK(differing > 16);
    CHECK(differing < 48);
  }
}
