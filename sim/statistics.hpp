// Streaming statistics for population summaries: means, variances and correlations accumulated one
// observation at a time (Welford 1962), and the Wilson (1927) score interval for a proportion.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

namespace attachsim::sim {

class RunningMoments {
 public:
  void add(double x) {
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
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

}  // namespace attachsim::sim
