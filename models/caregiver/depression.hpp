// Depression as episodes over time: a two-state process with a daily onset hazard, raised
// by the family's depression liability and by stress and lowered by social support, and a remission
// hazard set by the mean episode length (Torres et al. 2019: mean 49 weeks). Its stationary share
// sets the point prevalence (Gavin et al. 2005: 6.5-12.9% in the first year). The 'fixed' model keeps
// a caregiver depressed or not for the whole span, as a simpler rival hypothesis. The partner (father)
// has episodes of his own, at his own onset rate, raised while the mother is depressed (Paulson &
// Bazemore 2010: paternal depression about 10%, correlated .31 with maternal; Goodman 2004).
#pragma once

#include "sim/core/fast_exp.hpp"
#include "sim/core/parameter.hpp"

#include <algorithm>
#include <cmath>

namespace attachsim::models {

enum class DepressionModel { episodes, fixed };

struct DepressionParameters {
  DepressionModel model;
  double onset_per_year;
  double mean_episode_weeks;
  double liability_effect;
  double stress_effect;
  double support_effect;
  double fixed_prevalence;
  double partner_onset_per_year;
  double partner_with_caregiver_depressed;
};

inline sim::ParameterTable<DepressionParameters> depression_table() {
  using P = DepressionParameters;
  return {
      sim::choice("model", &P::model, {"episodes", "fixed"}, 0,
                  {"", "'episodes': onset and remission over time; 'fixed': depressed or not through the whole span.", "Gavin et al. 2005; Torres et al. 2019"}),
      sim::real("onset_per_year", &P::onset_per_year, 0.1, 0, 10,
                {"1/year", "Onset hazard for an average family at average stress and support.", "calibrated: with the liability, stress and support effects it gives ~13% first-year point prevalence in the normative population (Gavin et al. 2005: 6.5-12.9%; Shorey et al. 2018: 17%)"}),
      sim::real("mean_episode_weeks", &P::mean_episode_weeks, 49.4, 1, 520,
                {"weeks", "Mean length of a depressive episode (remission hazard = 1/length).", "Torres et al. 2019: mean 49.4 weeks"}),
      sim::real("liability_effect", &P::liability_effect, 0.5, 0, 3,
                {"log-hazard per SD", "Rise of the onset hazard per SD of the family's depression liability.", "assumption; heritable and contextual vulnerability"}),
      sim::real("stress_effect", &P::stress_effect, 2.0, 0, 10,
                {"log-hazard per unit stress", "Rise of the onset hazard with the previous day's stress above 0.25.", "assumption; stress-diathesis (Monroe & Simons 1991)"}),
      sim::real("support_effect", &P::support_effect, 0.8, 0, 5,
                {"log-hazard per unit support", "Fall of the onset hazard with social support above its median.", "assumption; buffering (Cohen & Wills 1985)"}),
      sim::real("fixed_prevalence", &P::fixed_prevalence, 0.11, 0, 1,
                {"probability", "'fixed' model: share of caregivers depressed through the span.", "Gavin et al. 2005"}),
      sim::real("partner_onset_per_year", &P::partner_onset_per_year, 0.065, 0, 10,
                {"1/year", "Onset hazard of the partner's (father's) depression for an average family, at his stress and the household's support, while the primary caregiver is not depressed. His episodes last as hers, and the family's liability, his stress and support act on his onset as on hers. 'episodes' model only; 0: partners are never depressed (the model before 2026-12-05).",
                 "calibrated (docs/calibration.md): with partner_with_caregiver_depressed, to fathers' point prevalence from the first trimester to a year after birth, 10.4% (Paulson & Bazemore 2010, meta-analysis of 43 studies)"}),
      sim::real("partner_with_caregiver_depressed", &P::partner_with_caregiver_depressed, 4.5, 1, 20,
                {"hazard ratio", "Multiplier of the partner's onset hazard while the primary caregiver is depressed: a mother's depression is the strongest predictor of the father's. Hers does not depend on his.",
                 "calibrated (docs/calibration.md): to the correlation of fathers' with mothers' depression, r = .31 (Paulson & Bazemore 2010); Goodman 2004 (24-50% of men whose partners have postpartum depression are depressed)"}),
  };
}

constexpr double days_per_year = 365.25;

inline double remission_per_day(const DepressionParameters& p) { return 1.0 / (7 * p.mean_episode_weeks); }

// The onset hazard per day for an average family's rate `per_year` (the primary caregiver's,
// onset_per_year, or a partner's), raised by the family's liability and the previous day's stress and
// lowered by support.
inline double onset_per_day(const DepressionParameters& p, double per_year, double liability, double stress, double support) {
  const double log_rate = p.liability_effect * liability + p.stress_effect * (stress - 0.25) -
                          p.support_effect * 2 * (support - 0.5);
  return std::min(1.0, per_year / days_per_year * sim::fast_exp(log_rate));
}

inline double onset_per_day(const DepressionParameters& p, double liability, double stress, double support) {
  return onset_per_day(p, p.onset_per_year, liability, stress, support);
}

// Depressed tomorrow? Remission at the episode's rate, onset at the hazard given; `u` uniform.
inline bool depressed_next(const DepressionParameters& p, bool depressed, double onset, double u) {
  return depressed ? u >= remission_per_day(p) : u < onset;
}

// The share of days depressed that an onset hazard and the remission rate hold in the long run.
inline double stationary_share(const DepressionParameters& p, double onset) {
  const double off = remission_per_day(p);
  return onset / (onset + off);
}

// Probability of being depressed at birth: the stationary share at the family's onset rate.
inline double depressed_at_birth(const DepressionParameters& p, double liability, double stress, double support) {
  if (p.model == DepressionModel::fixed) return p.fixed_prevalence;
  return stationary_share(p, onset_per_day(p, liability, stress, support));
}

// The partner's onset hazard per day: his own rate, raised while the primary caregiver is depressed.
inline double partner_onset_per_day(const DepressionParameters& p, bool caregiver_depressed, double liability,
                                    double stress, double support) {
  const double per_year = p.partner_onset_per_year * (caregiver_depressed ? p.partner_with_caregiver_depressed : 1.0);
  return onset_per_day(p, per_year, liability, stress, support);
}

}  // namespace attachsim::models
