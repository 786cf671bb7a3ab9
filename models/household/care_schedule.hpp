// Who is there when the infant is distressed: the primary caregiver, a partner (father) in the evenings
// and at weekends, once the primary caregiver returns to work a childcare provider during care hours on
// weekdays, and, where infants sleep away from their parents (communal sleeping on Israeli kibbutzim;
// Sagi et al. 1994), a night watch at night. Each is an attachment figure with their own sensitivity
// and state of mind (population.cpp), and the infant forms a working model of each relationship
// (Bowlby 1969; Main & Weston 1981; Fox, Kimmerly & Schafer 1991). The schedule only says whose turn a
// bid falls in.
#pragma once

#include "sim/core/parameter.hpp"

#include <array>

namespace attachsim::models {

enum Figure : int { primary = 0, partner = 1, provider = 2, night_watch = 3 };
constexpr int figure_count = 4;
inline const char* const figure_names[figure_count] = {"primary", "partner", "childcare", "night_watch"};

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

// Whose relationship a night episode teaches. The model's rule is that attachments are specific to the
// relationship (Main & Weston 1981): the infant learns what to expect of the night watch. Sagi et al.
// (1994) read their kibbutz findings otherwise: the infant experiences its mother as unavailable at
// night, so the night teaches the infant about her. A rival-hypothesis choice.
enum class NightLearnedWith { night_watch, primary };
inline const char* name_of(NightLearnedWith w) { return w == NightLearnedWith::night_watch ? "night_watch" : "primary"; }

struct NightCareParameters {
  double share;
  double start_months;
  double availability;
  double carry_exponent;
  NightLearnedWith learned_with;
};

inline sim::ParameterTable<NightCareParameters> night_care_table() {
  using P = NightCareParameters;
  return {
      sim::real("share", &P::share, 0, 0, 1,
                {"share", "Share of a day's distress episodes that fall at night and are answered by a night watch, the infant sleeping away from its parents (communal sleeping). 0: the infant sleeps at home (every shipped population but the kibbutz's).",
                 "assumption: an infant's night wakings against its distress episodes by day"}),
      sim::real("start_months", &P::start_months, 1.5, 0, 24,
                {"months", "Age from which the infant sleeps in the children's house.", "assumption: kibbutz infants moved to the infants' house in their first weeks or months (the arrangement is reviewed by Aviezer, van IJzendoorn, Sagi & Schuengel 1994)"}),
      sim::real("availability", &P::availability, 0.4, 0, 1,
                {"probability", "Chance that the night watch, keeping watch over several children's houses, is free to notice a cry.",
                 "assumption; Sagi et al. 1994: one or two watchwomen for all the children's houses, some by intercom"}),
      sim::real("carry_exponent", &P::carry_exponent, 4, 0, 20,
                {"", "How much louder a cry must be to reach the night watch: her chance of noticing a bid is multiplied by its strength to this power (an escalated cry, strength 1, always carries; 0: every bid carries alike).",
                 "assumption; Sagi et al. 1994: watchwomen monitored the houses by intercom"}),
      sim::choice("learned_with", &P::learned_with, {"night_watch", "primary"}, 0,
                  {"", "Whose relationship a night episode teaches: the night watch's (relationships are specific, the model's rule elsewhere) or the mother's (the infant experiences her as unavailable at night).",
                   "night_watch: Main & Weston 1981; primary: Sagi et al. 1994's reading of their findings"}),
  };
}

// Today's schedule: cumulative shares of the day's episodes answered by the primary caregiver, the
// partner and the provider (the rest by the night watch). A uniform below cumulative[0] is the
// primary's turn, below [1] the partner's, below [2] the provider's. Without night care [2] is 1.
struct CareToday {
  std::array<double, 3> cumulative{1.0, 1.0, 1.0};
  std::array<bool, figure_count> present{true, false, false, false};
};

inline CareToday care_today(const PartnerParameters& partner_p, const ChildcareParameters& care_p, int day,
                            bool partner_present, bool in_childcare, double night = 0) {
  const bool weekend = day % 7 >= 5;
  const double care = in_childcare && !weekend ? care_p.share_weekday : 0.0;
  const double with_partner = partner_present ? (weekend ? partner_p.share_weekend : partner_p.share_weekday) : 0.0;
  CareToday t;
  t.cumulative = {1 - care - with_partner - night, 1 - care - night, 1 - night};
  t.present = {true, with_partner > 0, care > 0, night > 0};
  return t;
}

inline int figure_of(const CareToday& t, double u) {
  return (u >= t.cumulative[0]) + (u >= t.cumulative[1]) + (u >= t.cumulative[2]);
}

// The share of the day's care (of the infant's distress episodes) that figure `f` gives.
inline double share_of(const CareToday& t, int f) {
  const auto i = static_cast<std::size_t>(f);
  const double upper = i < t.cumulative.size() ? t.cumulative[i] : 1.0;  // the last figure's band ends at 1
  const double lower = i > 0 ? t.cumulative[i - 1] : 0.0;
  return upper - lower;
}

}  // namespace attachsim::models
