// The infant: temperament (negative emotionality), susceptibility to experience, and how often and
// how strongly distress arises with age. Crying follows the published developmental curve: a peak
// at 5-6 weeks and a decline to about a third by the end of the first year (Wolke et al. 2017).
// Negative emotionality also makes an infant hard to soothe (Rothbart 1981; Kagan 1994): comfort settles
// it less often, so it stays distressed and its caregiver fails more often. Susceptibility (Belsky &
// Pluess 2009) amplifies what experience does to the infant, for better and for worse: by default the
// size of the effect of care ('size'); as a rival mechanism, only its speed ('speed').
#pragma once

#include "models/infant/development.hpp"
#include "sim/core/parameter.hpp"
#include "sim/core/portable_exp.hpp"

#include <algorithm>
#include <cmath>

namespace attachsim::models {

enum class SusceptibilityMechanism { size, speed };
inline const char* name_of(SusceptibilityMechanism m) { return m == SusceptibilityMechanism::size ? "size" : "speed"; }

struct InfantParameters {
  double episodes_per_day_peak;
  double episodes_per_day_late;
  double peak_age_days;
  double decline_days;
  double temperament_rate_effect;
  double intense_logit;
  double temperament_intensity_effect;
  double susceptibility_sd;
  double marker_frequency;
  double marker_effect;
  SusceptibilityMechanism susceptibility_mechanism;
  double soothe_logit;
  double temperament_soothe_effect;
  double temperament_protest_effect;
};

inline sim::ParameterTable<InfantParameters> infant_table() {
  using P = InfantParameters;
  return {
      sim::real("episodes_per_day_peak", &P::episodes_per_day_peak, 9, 0, 50,
                {"episodes/day", "Distress episodes per day at the crying peak, for average temperament.", "Wolke et al. 2017: 117-133 min crying/day in weeks 0-6; ~10-15 min bouts assumed"}),
      sim::real("episodes_per_day_late", &P::episodes_per_day_late, 4, 0, 50,
                {"episodes/day", "Distress episodes per day once crying has declined (from about 9 months).", "Wolke et al. 2017; Michelsson et al. 1990: ~1.1 h/day at 9-12 months"}),
      sim::real("peak_age_days", &P::peak_age_days, 42, 0, 365,
                {"days", "Age of the crying peak.", "Wolke et al. 2017: peak at 5-6 weeks"}),
      sim::real("decline_days", &P::decline_days, 45, 1, 730,
                {"days", "Time constant of the decline of crying after the peak.", "fitted to Wolke et al. 2017: 126 min at 6 weeks to 68 min at 10-12 weeks"}),
      sim::real("temperament_rate_effect", &P::temperament_rate_effect, 0.25, 0, 2,
                {"log-rate per SD", "How much more often an irritable infant (per SD of negative emotionality) is distressed.", "assumption; IBQ negative affectivity SD 0.6 on a 1-7 scale (Bornstein et al. 2015)"}),
      sim::real("intense_logit", &P::intense_logit, -1.0, -10, 10,
                {"logit", "Log-odds that an episode of an average infant is intense rather than mild.", "assumption: about a quarter of episodes intense"}),
      sim::real("temperament_intensity_effect", &P::temperament_intensity_effect, 0.7, 0, 5,
                {"logit per SD", "Increase in the log-odds of intense distress per SD of negative emotionality; the same shift raises the odds of anger at a reunion (strange_situation.anger_at_unavailability), since anger at limits is part of negative emotionality (Rothbart 1981).", "assumption"}),
      sim::real("susceptibility_sd", &P::susceptibility_sd, 0.3, 0, 1,
                {"x", "SD of the continuous susceptibility multiplier (mean 1), normally distributed.", "Zhang, Widaman & Belsky 2021: continuous, not bimodal"}),
      sim::real("marker_frequency", &P::marker_frequency, 0, 0, 1,
                {"probability", "Share of infants carrying a genotype-like susceptibility marker (0 = off).", "Lakatos et al. 2000: 0.37 DRD4-7R carriers in a low-risk sample"}),
      sim::real("marker_effect", &P::marker_effect, 1.5, 0.1, 10,
                {"x", "Susceptibility multiplier for marker carriers.", "assumption (differential susceptibility, Belsky & Pluess 2009)"}),
      sim::choice("susceptibility_mechanism", &P::susceptibility_mechanism, {"size", "speed"}, 0,
                  {"", "What susceptibility amplifies: 'size' (how much each experience of care, good or bad, counts: outcome values and fear scaled by it, so that susceptible infants end further from the average either way) or 'speed' (only how fast the infant learns: every learning rate scaled by it, the same end point).", "Belsky & Pluess 2009 (differential susceptibility: more affected for better and for worse); 'speed' is the first model's rival"}),
      sim::real("soothe_logit", &P::soothe_logit, 2.0, -10, 10,
                {"logit", "Log-odds that comfort settles an infant of average temperament (otherwise the infant stays distressed in the caregiver's arms).", "assumption: most comfort settles a typical infant"}),
      sim::real("temperament_protest_effect", &P::temperament_protest_effect, 0.1, 0, 2,
                {"value per SD", "How much less an escalated, angry protest costs an infant per SD of negative emotionality: intense protest comes naturally to a reactive infant (cost = signalling.escalation_cost - value x temperament, at least 0).", "Goldsmith & Alansky 1987 (meta-analysis: proneness to distress predicts resistant behaviour); Kagan 1982"}),
      sim::real("temperament_soothe_effect", &P::temperament_soothe_effect, 0.8, 0, 5,
                {"logit per SD", "Fall in the log-odds of being settled by comfort per SD of negative emotionality: hard to soothe.", "Rothbart 1981 (IBQ soothability correlates negatively with distress); van den Boom 1994 (irritable infants)"}),
  };
}

struct Infant {
  double temperament = 0;     // negative emotionality, SD units
  double susceptibility = 1;  // amplifies experience, for better and for worse
  bool marker = false;
  double rate_scale = 1;      // exp(temperament_rate_effect * temperament), precomputed
  double intense_probability = 0;
  double soothe = 1;          // chance that comfort settles the infant
  double escalation_cost = 0; // what an escalated protest costs this infant
  double anger = 0;           // proneness to anger at a reunion (anger_proneness)
};

// Mean number of distress episodes on a given day of age.
inline double distress_episodes_per_day(const InfantParameters& p, const Infant& infant, double age_days) {
  const double peak = p.episodes_per_day_peak, late = p.episodes_per_day_late;
  const double shape = age_days < p.peak_age_days ? 0.8 + 0.2 * age_days / std::max(1.0, p.peak_age_days)
                                                  : sim::portable_exp(-(age_days - p.peak_age_days) / p.decline_days);
  return std::max(0.0, (late + (peak - late) * shape) * infant.rate_scale);
}

}  // namespace attachsim::models
