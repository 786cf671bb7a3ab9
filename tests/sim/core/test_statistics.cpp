// Streaming statistics: RunningMoments against a two-pass computation, RunningCorrelation on exact
// and independent data, and the Wilson interval against published values.
#include "sim/core/random_stream.hpp"
#include "sim/core/statistics.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace sim = attachsim::sim;

TEST_CASE("statistics: RunningMoments of a small known sample") {
  sim::RunningMoments m;
  CHECK(m.count() == 0);
  CHECK(m.mean() == 0);
  CHECK(m.variance() == 0);
  for (double x : {2, 4, 4, 4, 5, 5, 7, 9}) m.add(x);
  CHECK(m.count() == 8);
  CHECK(m.mean() == doctest::Approx(5.0).epsilon(1e-15));
  CHECK(m.variance() == doctest::Approx(32.0 / 7).epsilon(1e-14));  // sample variance, n - 1
  CHECK(m.sd() == doctest::Approx(std::sqrt(32.0 / 7)).epsilon(1e-14));

  sim::RunningMoments one;
  one.add(3.5);
  CHECK(one.mean() == 3.5);
  CHECK(one.variance() == 0);
}

TEST_CASE("statistics: RunningMoments agrees with a two-pass computation, even far from zero") {
  // 10000 values 1e9 + U(0,1) (seed 8, dyad 0, purpose 0). The offset makes the naive
  // sum-of-squares formula lose every digit (1e18 squared sums, variance 1/12), so only a stable
  // update passes; the two-pass reference is exact to about 1e-7 relative at this offset.
  std::vector<double> xs;
  sim::RandomStream stream(8, 0, 0);
  for (int i = 0; i < 10000; ++i) xs.push_back(1e9 + stream.uniform());

  sim::RunningMoments m;
  for (double x : xs) m.add(x);

  double mean = 0;
  for (double x : xs) mean += x;
  mean /= static_cast<double>(xs.size());
  double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  const double variance = ss / static_cast<double>(xs.size() - 1);

  CHECK(m.count() == xs.size());
  CHECK(m.mean() == doctest::Approx(mean).epsilon(1e-12));
  CHECK(m.variance() == doctest::Approx(variance).epsilon(1e-5));
  // The sample variance of U(0, 1) at n = 10,000 has SE sqrt((1/80 - 1/144) / n) = 0.00075; 5% of 1/12 is 5.6 SE.
  CHECK(std::abs(m.variance() - 1.0 / 12) < 0.05 / 12);
}

TEST_CASE("statistics: RunningCorrelation of exactly linear data is 1 or -1") {
  sim::RunningCorrelation up, down;
  for (int i = 0; i < 50; ++i) {
    const double x = 0.37 * i - 4;
    up.add(x, 3 * x - 2);
    down.add(x, -0.5 * x + 1);
  }
  CHECK(up.count() == 50);
  CHECK(up.r() == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(down.r() == doctest::Approx(-1.0).epsilon(1e-12));
  const auto [lo, hi] = up.interval95();
  CHECK(lo == doctest::Approx(1.0).epsilon(1e-6));
  CHECK(hi == doctest::Approx(1.0).epsilon(1e-6));
}

TEST_CASE("statistics: RunningCorrelation of independent data is near 0, of shared noise near 1/sqrt(2)") {
  // n = 100000 pairs from two streams (seed 9, dyad 0, purposes 1 and 2). Under independence r has
  // SE 1/sqrt(n) = 3.2e-3; for r = 0.707 the SE is (1 - r^2)/sqrt(n) = 1.6e-3. Tolerances are 5 SE.
  const int n = 100000;
  sim::RandomStream xs(9, 0, 1), ys(9, 0, 2);
  sim::RunningCorrelation independent, shared;
  for (int i = 0; i < n; ++i) {
    const double x = xs.uniform(), y = ys.uniform();
    independent.add(x, y);
    shared.add(x, x + y);  // equal variances: r = 1/sqrt(2)
  }
  CHECK(std::abs(independent.r()) < 5 / std::sqrt(double(n)));
  const auto [lo, hi] = independent.interval95();
  CHECK(lo < 0);
  CHECK(hi > 0);
  CHECK(hi - lo == doctest::Approx(2 * 1.96 / std::sqrt(n - 3.0)).epsilon(1e-3));
  CHECK(std::abs(shared.r() - 1 / std::sqrt(2.0)) < 5 * 0.5 / std::sqrt(double(n)));
}

TEST_CASE("statistics: RunningCorrelation without variation reports 0 and a full interval when tiny") {
  sim::RunningCorrelation flat;
  for (int i = 0; i < 10; ++i) flat.add(1.0, i);
  CHECK(flat.r() == 0);
  sim::RunningCorrelation tiny;
  tiny.add(1, 2), tiny.add(2, 3), tiny.add(3, 5);
  CHECK(tiny.interval95() == std::pair<double, double>{-1, 1});
}

TEST_CASE("statistics: wilson95 matches published values") {
  // Newcombe (1998), Statistics in Medicine 17:857-872, worked examples of method 3 (Wilson score
  // interval), to 4 decimals; 50/100 is the textbook symmetric case.
  struct Case {
    std::uint64_t k, n;
    double lo, hi;
  };
  for (const Case c : {Case{81, 263, 0.2553, 0.3662}, Case{15, 148, 0.0624, 0.1605}, Case{0, 20, 0.0, 0.1611},
                       Case{1, 29, 0.0061, 0.1718}, Case{29, 29, 0.8830, 1.0}, Case{50, 100, 0.4038, 0.5962}}) {
    CAPTURE(c.k);
    CAPTURE(c.n);
    const auto [lo, hi] = sim::wilson95(c.k, c.n);
    CHECK(std::abs(lo - c.lo) < 5e-5);
    CHECK(std::abs(hi - c.hi) < 5e-5);
  }
}

TEST_CASE("statistics: wilson95 at k = 0, k = n and n = 0 stays inside [0, 1]") {
  const auto [lo0, hi0] = sim::wilson95(0, 10);
  CHECK(lo0 >= 0);
  CHECK(lo0 < 1e-12);
  CHECK(hi0 == doctest::Approx(0.2775).epsilon(2e-4));
  const auto [lon, hin] = sim::wilson95(10, 10);
  CHECK(lon == doctest::Approx(0.7225).epsilon(2e-4));
  CHECK(hin <= 1);
  CHECK(hin > 1 - 1e-12);
  CHECK(sim::wilson95(0, 0) == std::pair<double, double>{0, 1});
  // The interval always contains the observed proportion.
  for (std::uint64_t k = 0; k <= 40; ++k) {
    const auto [lo, hi] = sim::wilson95(k, 40);
    CHECK(lo <= k / 40.0);
    CHECK(hi >= k / 40.0);
  }
}

TEST_CASE("statistics: Cohen's kappa of a worked 2 x 2 table, of perfect and of chance agreement") {
  // 35 of 50 agree; the margins (25/25 and 30/20) give chance agreement 0.5, so kappa = (0.7 - 0.5) / 0.5.
  CHECK(sim::cohen_kappa({{20, 5}, {10, 15}}) == doctest::Approx(0.4));
  CHECK(sim::cohen_kappa({{7, 0, 0}, {0, 5, 0}, {0, 0, 9}}) == doctest::Approx(1.0));
  CHECK(sim::cohen_kappa({{10, 10}, {10, 10}}) == doctest::Approx(0.0));  // independent raters
  CHECK(sim::cohen_kappa({{0, 0}, {0, 0}}) == 0.0);                       // no observations: defined as 0
}

TEST_CASE("statistics: mediation recovers the paths of data that follow them exactly") {
  // y = 3 + 2 m + 1 x exactly, m is x/2 plus a deviation uncorrelated with nothing in particular:
  // b = 2 and c' = 1 exactly, a is the OLS slope of m on x, and OLS gives c = c' + a b.
  sim::Mediation med;
  const double xs[] = {0, 1, 0, 1, 0, 1, 0, 1, 1, 0};
  const double dev[] = {0.3, -0.1, -0.2, 0.4, 0.0, -0.3, 0.1, 0.2, -0.2, -0.1};
  double sx = 0, sm = 0, sxx = 0, sxm = 0;
  for (int i = 0; i < 10; ++i) {
    const double x = xs[i], m = 0.5 * x + dev[i];
    med.add(x, m, 3 + 2 * m + x);
    sx += x, sm += m, sxx += x * x, sxm += x * m;
  }
  const auto r = med.result();
  const double a = (sxm - sx * sm / 10) / (sxx - sx * sx / 10);
  CHECK(r.b == doctest::Approx(2));
  CHECK(r.c_prime == doctest::Approx(1));
  CHECK(r.a == doctest::Approx(a));
  CHECK(r.c == doctest::Approx(1 + 2 * a));
  CHECK(r.indirect == doctest::Approx(2 * a));
  CHECK(r.proportion == doctest::Approx(2 * a / (1 + 2 * a)));
  // y has no residual, so the indirect effect's error is b times the error of a alone.
  double residual = 0;
  for (int i = 0; i < 10; ++i) {
    const double m = 0.5 * xs[i] + dev[i], fit = sm / 10 + a * (xs[i] - sx / 10);
    residual += (m - fit) * (m - fit);
  }
  const double se_a = std::sqrt(residual / 8 / (sxx - sx * sx / 10));
  CHECK(r.indirect_se == doctest::Approx(2 * se_a));
}

TEST_CASE("statistics: mediation with too few or degenerate observations reports zeros, not NaN") {
  sim::Mediation med;
  for (int i = 0; i < 10; ++i) med.add(1, i, i);  // X never varies
  const auto r = med.result();
  CHECK(r.c == 0);
  CHECK(r.proportion == 0);
}

TEST_CASE("statistics: a mediation's zero-order correlations are those of its pairs") {
  // The same 12 triples into a Mediation and into three running correlations; a constant X gives 0.
  const double xs[] = {0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1}, ms[] = {0, 2, 1, 3, 0, 2, 4, 1, 0, 0, 2, 3},
               ys[] = {0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1};
  sim::Mediation med, flat;
  sim::RunningCorrelation xm, my, xy;
  for (int i = 0; i < 12; ++i) {
    med.add(xs[i], ms[i], ys[i]), flat.add(1, ms[i], ys[i]);
    xm.add(xs[i], ms[i]), my.add(ms[i], ys[i]), xy.add(xs[i], ys[i]);
  }
  const auto r = med.correlations();
  CHECK(r.xm == doctest::Approx(xm.r()));
  CHECK(r.my == doctest::Approx(my.r()));
  CHECK(r.xy == doctest::Approx(xy.r()));
  CHECK(flat.correlations().xm == 0);
  CHECK(flat.correlations().my == doctest::Approx(my.r()));
}

TEST_CASE("statistics: merged moments equal the moments of the joined sample") {
  const double xs[] = {2.5, -1, 4, 4, 0.5, 9, -3, 1.25};
  sim::RunningMoments all, left, right, empty;
  for (int i = 0; i < 8; ++i) (i < 3 ? left : right).add(xs[i]), all.add(xs[i]);
  left.merge(right);
  left.merge(empty);
  CHECK(left.count() == all.count());
  CHECK(left.mean() == doctest::Approx(all.mean()));
  CHECK(left.variance() == doctest::Approx(all.variance()));
  empty.merge(all);
  CHECK(empty.mean() == doctest::Approx(all.mean()));
  CHECK(empty.variance() == doctest::Approx(all.variance()));
}
