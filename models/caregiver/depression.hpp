// Maternal depression as episodes over time: a two-state process with a daily onset hazard, raised
// by the family's depression liability and by stress and lowered by social support, and a remission
// hazard set by the mean episode length (Torres et al. 2019: mean 49 weeks). Its stationary share
// sets the point prevalence (Gavin et al. 2005: 6.5-12.9% in the first year). The 'fixed' model keeps
// a caregiver depressed or not for the whole span, as a simpler rival hypothesis.
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
  };
}

constexpr double days_per_year = 365.25;

inline double remission_per_day(const DepressionParameters& p) { return 1.0 / (7 * p.mean_episode_weeks); }

inline double onset_per_day(const DepressionParameters& p, double liability, double stress, double support) {
  const double log_rate = p.liability_effect * liability + p.stress_effect * (stress - 0.25) -
                          p.support_effect * 2 * (support - 0.5);
  return std::min(1.0, p.onset_per_year / days_per_year * sim::fast_exp(log_rate));
}

// Probability of being depressed at birth: the stationary share at the family's onset rate.
inline double depressed_at_birth(const DepressionParameters& p, double liability, double stress, double support) {
  if (p.model == DepressionModel::fixed) return p.fixed_prevalence;
  const double on = onset_per_day(p, liability, stress, support), off = remission_per_day(p);
  return on / (on + off);
}

}  // namespace attachsim::models
