// Who is there when the infant is distressed: the primary caregiver, a partner (father) in the evenings
// and at weekends, and, once the primary caregiver returns to work, a childcare provider during care
// hours on weekdays. Each is an attachment figure with their own sensitivity and state of mind
// (population.cpp), and the infant forms a working model of each relationship (Bowlby 1969; Main &
// Weston 1981; Fox, Kimmerly & Schafer 1991). The schedule only says whose turn a bid falls in.
#pragma once

#include "sim/core/parameter.hpp"

#include <array>

namespace attachsim::models {

enum Figure : int { primary = 0, partner = 1, provider = 2 };
constexpr int figure_count = 3;
inline const char* const figure_names[figure_count] = {"primary", "partner", "childcare"};

struct PartnerParameters {
  double share_weekday;
  double share_weekend;
  double sensitivity_mean;
  double sensitivity_sd;
  double sensitivity_correlation;
  double mind_concordance;
  double stress_mean;
};

inline sim::ParameterTable<PartnerParameters> partner_table() {
  using P = PartnerParameters;
  return {
      sim::real("share_weekday", &P::share_weekday, 0.2, 0, 1,
                {"share", "Share of the infant's distress episodes on a weekday that the partner (father) answers, when there is one.", "Yeung et al. 2001 (PSID-CDS): fathers' engaged time on weekdays about 40% of mothers'; Pleck 2010; evenings only"}),
      sim::real("share_weekend", &P::share_weekend, 0.4, 0, 1,
                {"share", "Share of the infant's distress episodes on a weekend day that the partner answers, when there is one.", "Yeung et al. 2001: fathers' weekend engagement near 90% of mothers'"}),
      sim::real("sensitivity_mean", &P::sensitivity_mean, 0.6, 0, 1,
                {"0-1", "Mean baseline sensitivity of partners (0-1, as the primary caregiver's).", "Hallers-Haalboom et al. 2014: fathers observed slightly less sensitive than mothers"}),
      sim::real("sensitivity_sd", &P::sensitivity_sd, 0.18, 0, 0.5,
                {"0-1", "SD of partners' baseline sensitivity.", "as caregiver.sensitivity_sd"}),
      sim::real("sensitivity_correlation", &P::sensitivity_correlation, 0.3, -1, 1,
                {"r", "Correlation of a partner's baseline sensitivity with the primary caregiver's.", "Lickenbrock & Braungart-Rieker 2015; Hallers-Haalboom et al. 2014: mothers' and fathers' sensitivity correlate about .3"}),
      sim::real("mind_concordance", &P::mind_concordance, 0.2, 0, 1,
                {"probability", "Chance that a partner's AAI category is the primary caregiver's; otherwise it is drawn from the population's shares (assortative mating, modest).", "van IJzendoorn & Bakermans-Kranenburg 1996: partners' AAI classifications concordant somewhat above chance"}),
      sim::real("stress_mean", &P::stress_mean, 0.2, 0, 1,
                {"0-1", "Mean chronic stress of partners before household hardship and events (SD as context.stress_sd).", "assumption"}),
  };
}

struct ChildcareParameters {
  double share;
  double start_months_min;
  double start_months_max;
  double share_weekday;
  double sensitivity_mean;
  double sensitivity_sd;
  double availability;
};

inline sim::ParameterTable<ChildcareParameters> childcare_table() {
  using P = ChildcareParameters;
  return {
      sim::real("share", &P::share, 0.5, 0, 1,
                {"probability", "Share of infants whose primary caregiver returns to work and who start regular care by a provider within the span.", "NICHD ECCRN 1997: most infants in non-maternal care by 12 months, about half with a non-relative provider; lower in Europe"}),
      sim::real("start_months_min", &P::start_months_min, 3, 0, 60,
                {"months", "Earliest age at which care by a provider starts (start ages uniform between min and max).", "NICHD ECCRN 1997: most entries at 3-4 months"}),
      sim::real("start_months_max", &P::start_months_max, 12, 0, 60,
                {"months", "Latest age at which care by a provider starts.", "assumption"}),
      sim::real("share_weekday", &P::share_weekday, 0.4, 0, 1,
                {"share", "Share of the infant's distress episodes on a weekday that fall in care hours.", "NICHD ECCRN 1997: about 30 hours a week in care, of some 60 waking hours on weekdays"}),
      sim::real("sensitivity_mean", &P::sensitivity_mean, 0.55, 0, 1,
                {"0-1", "Mean baseline sensitivity of providers.", "NICHD ECCRN 1996: caregivers' positive caregiving moderate on average"}),
      sim::real("sensitivity_sd", &P::sensitivity_sd, 0.15, 0, 0.5,
                {"0-1", "SD of providers' baseline sensitivity.", "assumption"}),
      sim::real("availability", &P::availability, 0.7, 0, 1,
                {"probability", "Chance that a provider caring for several children is free to notice a bid.", "assumption; NICHD ECCRN 1996: group size and ratio lower responsiveness"}),
  };
}

// Today's schedule: cumulative shares of the day's episodes answered by the primary caregiver and the
// partner (the rest by the provider). A uniform below share[0] is the primary's turn, below share[1]
// the partner's.
struct CareToday {
  std::array<double, 2> cumulative{1.0, 1.0};
  std::array<bool, figure_count> present{true, false, false};
};

inline CareToday care_today(const PartnerParameters& partner_p, const ChildcareParameters& care_p, int day,
                            bool partner_present, bool in_childcare) {
  const bool weekend = day % 7 >= 5;
  const double care = in_childcare && !weekend ? care_p.share_weekday : 0.0;
  const double with_partner = partner_present ? (weekend ? partner_p.share_weekend : partner_p.share_weekday) : 0.0;
  CareToday t;
  t.cumulative = {1 - care - with_partner, 1 - care};
  t.present = {true, with_partner > 0, care > 0};
  return t;
}

inline int figure_of(const CareToday& t, double u) {
  return (u >= t.cumulative[0]) + (u >= t.cumulative[1]);
}

}  // namespace attachsim::models
