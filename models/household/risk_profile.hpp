// A family's cumulative-risk profile (Sameroff et al. 1993; Rutter 1979): correlated liabilities to
// economic hardship, partner violence, household chaos, maternal depression, social isolation and
// adolescent parenthood. Liabilities are multivariate normal with a declared correlation matrix, and
// share a shift for the family's risk stratum and its neighbourhood. Risks are inputs: they act only
// through the context processes and the caregiver, never on the infant's attachment directly.
#pragma once

#include "sim/core/parameter.hpp"
#include "sim/core/random_stream.hpp"
#include "sim/core/standard_normal.hpp"


#include <array>
#include <cmath>
#include <limits>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attachsim::models {

enum Liability : int { hardship, violence, chaos, depression, isolation, adolescence, liability_count };
inline const char* const liability_names[liability_count] = {"hardship", "violence", "chaos",
                                                             "depression", "isolation", "adolescence"};
constexpr int correlation_pairs = liability_count * (liability_count - 1) / 2;

struct RiskParameters {
  double high_risk_share;
  double high_risk_shift;
  double pairwise_correlation;
  std::vector<double> correlations;
  std::int64_t neighbourhood_size;
  double neighbourhood_sd;
  double hardship_share;
  double violence_share;
  double adolescent_share;
};

inline sim::ParameterTable<RiskParameters> risk_table() {
  using P = RiskParameters;
  return {
      sim::real("high_risk_share", &P::high_risk_share, 0, 0, 1,
                {"probability", "Share of families in the high-risk stratum, whose liabilities are all shifted by high_risk_shift.", "population design; 0 = one stratum"}),
      sim::real("high_risk_shift", &P::high_risk_shift, 1.0, 0, 5,
                {"SD", "Shift of every liability in the high-risk stratum.", "assumption: co-occurring risks in poverty samples (Cyr et al. 2010)"}),
      sim::real("pairwise_correlation", &P::pairwise_correlation, 0.3, -0.2, 1,
                {"r", "Correlation of every pair of liabilities, unless risk.correlations lists them one by one.", "assumption; risks co-occur (Sameroff et al. 1993; Evans et al. 2013)"}),
      sim::real_list("correlations", &P::correlations, {}, -1, 1,
                     {"r", "Optional: the 15 pairwise correlations of the liabilities hardship, violence, chaos, depression, isolation, adolescence, row by row above the diagonal (h-v, h-c, h-d, h-i, h-a, v-c, ...). Must form a positive semi-definite matrix.", "user input"}),
      sim::integer("neighbourhood_size", &P::neighbourhood_size, 1, 1, 1000000,
                   {"families", "Consecutive families sharing a neighbourhood, whose stressors are common to them (1 = none).", "design choice"}),
      sim::real("neighbourhood_sd", &P::neighbourhood_sd, 0.3, 0, 3,
                {"SD", "SD of the neighbourhood's shift of all liabilities (used when neighbourhood_size > 1).", "assumption; Leventhal & Brooks-Gunn 2000 on neighbourhood effects"}),
      sim::real("hardship_share", &P::hardship_share, 0.1, 0, 1,
                {"probability", "Share of families in economic hardship (at no shift).", "assumption for middle-class samples"}),
      sim::real("violence_share", &P::violence_share, 0.07, 0, 1,
                {"probability", "Share of families whose violence liability is past its threshold (at no shift). Violence shows only while a partner lives with the family (life_course), so the share violent at a moment is lower: 6.3% at the defaults.", "Gartland et al.: 17% physical or emotional abuse in the first postpartum year; repeated violence is rarer (assumed 7%)"}),
      sim::real("adolescent_share", &P::adolescent_share, 0.03, 0, 1,
                {"probability", "Share of adolescent mothers (at no shift).", "assumption: low in middle-class samples"}),
  };
}

// The liability above which a share of families (at no shift) has a risk, and the share below a
// liability: computed alike natively and in the classroom's WebAssembly build (sim/core/standard_normal.hpp).
inline double liability_threshold(double share) { return sim::standard_normal_upper_quantile(share); }
inline double normal_cdf(double x) { return sim::standard_normal_cdf(x); }

// The correlation structure of the liabilities, checked and factored once per run.
struct RiskProfile;

class RiskStructure {
 public:
  // Returns an error text if the correlations do not form a positive semi-definite matrix.
  static std::optional<std::string> check(const RiskParameters& p);
  explicit RiskStructure(const RiskParameters& p);
  std::array<double, liability_count> correlated(sim::RandomStream& stream) const;
  // Sets what follows from a profile's liabilities: the yes/no risks, chaos and support.
  void apply(RiskProfile& r) const;

  // Liability above which a family has the risk, from the declared shares (at no shift).
  double hardship_threshold = 0, violence_threshold = 0, adolescent_threshold = 0;

 private:
  std::array<std::array<double, liability_count>, liability_count> factor_{};  // lower-triangular
};

struct RiskProfile {
  bool high_risk_stratum = false;
  std::int64_t neighbourhood = 0;
  double shift = 0;  // the stratum's and the neighbourhood's shift, part of every liability
  std::array<double, liability_count> liability{};
  // What follows from the liabilities now (they change with the life course, life_course.hpp).
  bool hardship = false, violence = false, adolescent = false;
  double chaos = 0;         // 0-1, household chaos level (CHAOS scale, Matheny et al. 1995)
  double support_base = 0;  // 0-1, social support the family has of itself
  double support_gain = 0;  // share of the gap to full support that a support program closes
  double support = 0;       // 0-1, social support now
  void update_support() { support = support_gain + (1 - support_gain) * support_base; }
};

RiskProfile draw_risk_profile(const RiskParameters& p, const RiskStructure& structure, std::uint64_t seed,
                              std::uint64_t dyad, sim::RandomStream& stream);

// Risk that runs in families: each liability becomes continuity x the parent household's liability +
// sqrt(1 - continuity^2) x the one drawn, so its spread is kept, and what follows from it is re-derived.
void inherit_liabilities(const RiskStructure& structure, double continuity,
                         const std::array<double, liability_count>& parent, RiskProfile& r);

}  // namespace attachsim::models
