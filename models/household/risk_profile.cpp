#include "models/household/risk_profile.hpp"

#include "models/dyad/random_purposes.hpp"
#include "sim/core/model.hpp"
#include "sim/core/standard_normal.hpp"

#include <boost/random/normal_distribution.hpp>

#include <cmath>
#include <limits>

namespace attachsim::models {
namespace {

using Matrix = std::array<std::array<double, liability_count>, liability_count>;

Matrix correlation_matrix(const RiskParameters& p) {
  Matrix r{};
  int k = 0;
  for (int i = 0; i < liability_count; ++i) {
    r[i][i] = 1;
    for (int j = i + 1; j < liability_count; ++j, ++k)
      r[i][j] = r[j][i] = p.correlations.empty() ? p.pairwise_correlation : p.correlations[static_cast<std::size_t>(k)];
  }
  return r;
}

// Cholesky factor of a positive semi-definite matrix (zero columns where a pivot vanishes);
// returns false when a pivot is clearly negative, i.e. the matrix is not PSD.
bool cholesky(const Matrix& a, Matrix& l) {
  constexpr double tolerance = 1e-10;
  for (int j = 0; j < liability_count; ++j) {
    double d = a[j][j];
    for (int k = 0; k < j; ++k) d -= l[j][k] * l[j][k];
    if (d < -tolerance) return false;
    l[j][j] = d > tolerance ? std::sqrt(d) : 0.0;
    for (int i = j + 1; i < liability_count; ++i) {
      double s = a[i][j];
      for (int k = 0; k < j; ++k) s -= l[i][k] * l[j][k];
      if (l[j][j] > 0) {
        l[i][j] = s / l[j][j];
      } else if (std::abs(s) > 1e-8) {
        return false;  // a zero pivot with a non-zero remainder: not PSD
      }
    }
  }
  return true;
}

}  // namespace

std::optional<std::string> RiskStructure::check(const RiskParameters& p) {
  if (!p.correlations.empty() && p.correlations.size() != correlation_pairs)
    return "a list of " + std::to_string(correlation_pairs) + " correlations (or none)";
  Matrix l{};
  if (!cholesky(correlation_matrix(p), l)) return "correlations that form a positive semi-definite matrix";
  return std::nullopt;
}

RiskStructure::RiskStructure(const RiskParameters& p)
    : hardship_threshold(liability_threshold(p.hardship_share)),
      violence_threshold(liability_threshold(p.violence_share)),
      adolescent_threshold(liability_threshold(p.adolescent_share)) {
  cholesky(correlation_matrix(p), factor_);
}

std::array<double, liability_count> RiskStructure::correlated(sim::RandomStream& stream) const {
  boost::random::normal_distribution<double> z(0, 1);
  std::array<double, liability_count> e{}, x{};
  for (auto& v : e) v = z(stream);
  for (int i = 0; i < liability_count; ++i)
    for (int k = 0; k <= i; ++k) x[i] += factor_[i][k] * e[k];
  return x;
}

RiskProfile draw_risk_profile(const RiskParameters& p, const RiskStructure& structure, std::uint64_t seed,
                              std::uint64_t dyad, sim::RandomStream& stream) {
  RiskProfile r;
  r.high_risk_stratum = stream.uniform() < p.high_risk_share;
  double shift = r.high_risk_stratum ? p.high_risk_shift : 0.0;
  if (p.neighbourhood_size > 1) {
    // Consecutive lineages of one generation form a neighbourhood, whose families all draw its shift from
    // its own stream, keyed by the generation and the neighbourhood's index (dividing the whole key,
    // generation bits and all, slid later generations' groups when the size does not divide 2^48; until
    // 2026-12-05).
    const auto size = static_cast<std::uint64_t>(p.neighbourhood_size);
    const std::uint64_t index = sim::lineage_of(dyad) / size;
    sim::RandomStream shared(seed, sim::generation_start(dyad) + index, purpose::neighbourhood);
    shift += boost::random::normal_distribution<double>(0, p.neighbourhood_sd)(shared);
    r.neighbourhood = static_cast<std::int64_t>(index);
  } else {
    r.neighbourhood = static_cast<std::int64_t>(sim::lineage_of(dyad));
  }
  r.liability = structure.correlated(stream);
  r.shift = shift;
  for (auto& v : r.liability) v += shift;
  structure.apply(r);
  return r;
}

void RiskStructure::apply(RiskProfile& r) const {
  r.hardship = r.liability[hardship] > hardship_threshold;
  r.violence = r.liability[violence] > violence_threshold;
  r.adolescent = r.liability[adolescence] > adolescent_threshold;
  r.chaos = normal_cdf(r.liability[chaos]);
  r.support_base = 1 - normal_cdf(r.liability[isolation]);
  r.update_support();
}

void inherit_liabilities(const RiskStructure& structure, double continuity,
                         const std::array<double, liability_count>& parent, RiskProfile& r) {
  const double own = std::sqrt(1 - continuity * continuity);  // keeps each liability's variance
  for (int i = 0; i < liability_count; ++i) r.liability[i] = continuity * parent[i] + own * r.liability[i];
  structure.apply(r);
}

}  // namespace attachsim::models
