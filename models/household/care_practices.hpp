// Care practices a culture shares: how a household answers distress by its norms, whatever the state of
// mind of the one answering. Early independence training is the first: in Bielefeld in the late 1970s,
// mothers valued early self-reliance and, once the infant was mobile, discouraged its bids for contact
// and being held (Grossmann, Grossmann, Spangler, Suess & Unzner 1985), and half the infants were
// avoidant in the Strange Situation. Discouragement is a rebuff of the bid (Main 1981: rejection of bids
// for contact is what avoidance adapts to), more often the stronger the bid. It acts only on the
// household's figures (the primary caregiver and the partner), not on a childcare provider, who does
// not share the household's norm; and it is held back, as every rebuff is, by the caregiver's momentary
// sensitivity (caregiver.sensitivity_restrains_mind), so that within such a culture more sensitive
// mothers still have more secure infants, as Grossmann et al. found.
//
// How often the infant is left with someone else is a practice too. In Japan around 1980 infants were
// rarely left with anyone but the mother (Takahashi 1986; Miyake, Chen & Campos 1985); elsewhere an
// evening with a babysitter or a grandparent was common. The brief separations counted here, with days
// in childcare and preschool, make up the infant's experience of separation, which the Strange
// Situation reads (strange_situation.overwhelmed_unfamiliar).
#pragma once

#include "sim/core/parameter.hpp"

#include <algorithm>

namespace attachsim::models {

struct CarePracticesParameters {
  double discourage_bids;
  double discourage_from_months;
  double discourage_ramp_months;
  double brief_separations_per_week;
};

inline sim::ParameterTable<CarePracticesParameters> care_practices_table() {
  using P = CarePracticesParameters;
  return {
      sim::real("discourage_bids", &P::discourage_bids, 0, 0, 1,
                {"probability per unit signal strength",
                 "Early independence training: added chance that a household figure rebuffs a noticed bid by the norm of self-reliance, times the bid's strength (an escalated cry 1), once the training has begun. 0: no such norm (every shipped population but germany_1980s.yaml).",
                 "Grossmann et al. 1985 (direction: Bielefeld mothers discouraged clinging once infants were mobile); no source gives the size: the culture files' values are calibrated (docs/calibration.md, Cultures)"}),
      sim::real("discourage_from_months", &P::discourage_from_months, 6, 0, 24,
                {"months", "Age at which the training begins.", "assumption: with mobility, in the second half-year (Grossmann et al. 1985)"}),
      sim::real("discourage_ramp_months", &P::discourage_ramp_months, 3, 0, 12,
                {"months", "Months over which it rises from nothing to its full strength.", "assumption"}),
      sim::real("brief_separations_per_week", &P::brief_separations_per_week, 1, 0, 14,
                {"per week", "Brief separations from the primary caregiver outside childcare and preschool (a babysitter, a grandparent), counted from birth into the infant's experience of separation (life_<age>_separation_days).",
                 "assumption: about one a week in the North American and European samples the defaults are calibrated on; 0 for Japan around 1980, where infants were rarely left with anyone but the mother (Takahashi 1986)"}),
  };
}

// The strength of discouragement at `age_months`: 0 before the training begins, then rising to full.
inline double discouragement(const CarePracticesParameters& p, double age_months) {
  if (p.discourage_bids == 0 || age_months < p.discourage_from_months) return 0;
  const double ramp = p.discourage_ramp_months > 0 ? (age_months - p.discourage_from_months) / p.discourage_ramp_months : 1.0;
  return p.discourage_bids * std::min(1.0, ramp);
}

}  // namespace attachsim::models
