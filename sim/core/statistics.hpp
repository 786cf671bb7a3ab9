// Streaming statistics for population summaries: means, variances and correlations accumulated one
// observation at a time (Welford 1962), the Wilson (1927) score interval for a proportion, Cohen's
// (1960) kappa for agreement tables, merged moments (Chan, Golub & LeVeque 1979), and a
// single-mediator analysis (Baron & Kenny 1986; Sobel 1982).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace attachsim::sim {

class RunningMoments {
 public:
  void add(double x) {
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
  }
  // Joins the moments of another sample (Chan, Golub & LeVeque 1979).
  void merge(const RunningMoments& o) {
    if (o.n_ == 0) return;
    const double n = static_cast<double>(n_), m = static_cast<double>(o.n_), delta = o.mean_ - mean_;
    mean_ += delta * m / (n + m);
    m2_ += o.m2_ + delta * delta * n * m / (n + m);
    n_ += o.n_;
  }
  std::uint64_t count() const { return n_; }
  double mean() const { return mean_; }
  double variance() const { return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : 0.0; }
  double sd() const { return std::sqrt(variance()); }

 private:
  std::uint64_t n_ = 0;
  double mean_ = 0, m2_ = 0;
};

class RunningCorrelation {
 public:
  void add(double x, double y) {
    ++n_;
    const double n = static_cast<double>(n_);
    const double dx = x - mean_x_;
    mean_x_ += dx / n;
    const double dy = y - mean_y_;
    mean_y_ += dy / n;
    m2x_ += dx * (x - mean_x_);
    m2y_ += dy * (y - mean_y_);
    cxy_ += dx * (y - mean_y_);
  }
  std::uint64_t count() const { return n_; }
  double r() const { return m2x_ > 0 && m2y_ > 0 ? std::clamp(cxy_ / std::sqrt(m2x_ * m2y_), -1.0, 1.0) : 0.0; }

  // 95% interval by Fisher's z transformation.
  std::pair<double, double> interval95() const {
    if (n_ < 4) return {-1, 1};
    const double z = std::atanh(r()), half = 1.959963984540054 / std::sqrt(static_cast<double>(n_) - 3);
    return {std::tanh(z - half), std::tanh(z + half)};
  }

 private:
  std::uint64_t n_ = 0;
  double mean_x_ = 0, mean_y_ = 0, m2x_ = 0, m2y_ = 0, cxy_ = 0;
};

// Wilson score interval for k successes in n trials, at 95%.
inline std::pair<double, double> wilson95(std::uint64_t k, std::uint64_t n) {
  if (n == 0) return {0, 1};
  const double z = 1.959963984540054, nn = static_cast<double>(n), p = static_cast<double>(k) / nn;
  const double centre = (p + z * z / (2 * nn)) / (1 + z * z / nn);
  const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / (1 + z * z / nn);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

// Cohen's kappa of a square agreement table, counts[row][column] (rows: one rater or instrument,
// columns: the other, categories in the same order): agreement beyond chance, 0 when undefined.
inline double cohen_kappa(const std::vector<std::vector<std::uint64_t>>& counts) {
  const std::size_t k = counts.size();
  double n = 0, agree = 0;
  std::vector<double> rows(k, 0), columns(k, 0);
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j) {
      const auto c = static_cast<double>(counts[i][j]);
      n += c, rows[i] += c, columns[j] += c;
      if (i == j) agree += c;
    }
  if (n == 0) return 0;
  double chance = 0;
  for (std::size_t i = 0; i < k; ++i) chance += rows[i] * columns[i] / (n * n);
  return chance < 1 ? (agree / n - chance) / (1 - chance) : 0.0;
}

// How much of the effect of X on Y runs through a mediator M, by ordinary least squares on
// sums of products: total effect c (Y on X), a (M on X), b and the direct effect c' (Y on M and X),
// the indirect effect a x b with Sobel's standard error, and the proportion mediated a x b / c.
class Mediation {
 public:
  void add(double x, double m, double y) {
    ++n_;
    sx_ += x, sm_ += m, sy_ += y;
    sxx_ += x * x, smm_ += m * m, syy_ += y * y, sxm_ += x * m, sxy_ += x * y, smy_ += m * y;
  }
  struct Result {
    double a = 0, b = 0, c = 0, c_prime = 0, indirect = 0, indirect_se = 0, proportion = 0;
  };
  // The three zero-order correlations the mediation rests on, from the same sums (0 without variance).
  struct Correlations {
    double xm = 0, my = 0, xy = 0;
  };
  std::uint64_t count() const { return n_; }
  Correlations correlations() const {
    const double n = static_cast<double>(n_);
    if (n_ < 2) return {};
    const double vx = sxx_ - sx_ * sx_ / n, vm = smm_ - sm_ * sm_ / n, vy = syy_ - sy_ * sy_ / n;
    const auto r = [](double c, double va, double vb) { return va > 0 && vb > 0 ? std::clamp(c / std::sqrt(va * vb), -1.0, 1.0) : 0.0; };
    return {r(sxm_ - sx_ * sm_ / n, vx, vm), r(smy_ - sm_ * sy_ / n, vm, vy), r(sxy_ - sx_ * sy_ / n, vx, vy)};
  }
  Result result() const {
    Result r;
    const double n = static_cast<double>(n_);
    if (n_ < 4) return r;
    const double vx = sxx_ - sx_ * sx_ / n, vm = smm_ - sm_ * sm_ / n, vy = syy_ - sy_ * sy_ / n;
    const double cxm = sxm_ - sx_ * sm_ / n, cxy = sxy_ - sx_ * sy_ / n, cmy = smy_ - sm_ * sy_ / n;
    const double det = vx * vm - cxm * cxm;
    if (vx <= 0 || vm <= 0 || det <= 0) return r;
    r.c = cxy / vx;
    r.a = cxm / vx;
    r.b = (vx * cmy - cxm * cxy) / det;
    r.c_prime = (vm * cxy - cxm * cmy) / det;
    r.indirect = r.a * r.b;
    // Residual variances give the standard errors of a and of b (Sobel 1982).
    const double se_a = std::sqrt(std::max(0.0, (vm - r.a * cxm) / (n - 2) / vx));
    const double residual_y = std::max(0.0, vy - r.b * cmy - r.c_prime * cxy) / (n - 3);
    const double se_b = std::sqrt(residual_y * vx / det);
    r.indirect_se = std::sqrt(r.a * r.a * se_b * se_b + r.b * r.b * se_a * se_a);
    r.proportion = r.c != 0 ? r.indirect / r.c : 0.0;
    return r;
  }

 private:
  std::uint64_t n_ = 0;
  double sx_ = 0, sm_ = 0, sy_ = 0, sxx_ = 0, smm_ = 0, syy_ = 0, sxm_ = 0, sxy_ = 0, smy_ = 0;
};

}  // namespace attachsim::sim
