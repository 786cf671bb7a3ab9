// Maltreatment as caregiver behaviour (Cicchetti & Toth 2005): spells of neglect (bids unanswered for
// whole days, basic care missing) and of physical abuse (threatening, hostile acts that frighten the
// infant). A spell starts with a hazard that the family's risks raise (Stith et al. 2009, meta-analysis
// of risk factors: parenting stress, depression, partner violence, young age, poverty, isolation) and
// the caregiver's own history of maltreatment (Widom, Czaja & DuMont 2015; Kaufman & Zigler 1987), and
// ends with a remission hazard. Nothing here touches the infant directly: maltreatment acts through the
// caregiver's availability and her atypical behaviour, and so through the episodes.
#pragma once

#include "sim/core/fast_exp.hpp"
#include "sim/core/parameter.hpp"

#include <algorithm>

namespace attachsim::models {

struct MaltreatmentParameters {
  double onset_per_year;
  double mean_spell_months;
  double hardship_effect;
  double violence_effect;
  double depression_effect;
  double adolescent_effect;
  double isolation_effect;
  double stress_effect;
  double history_effect;
  double frailty_sd;
  double neglect_share;
  double abuse_share;
  double neglect_days_per_week;
  double neglect_availability;
  double abuse_incidents_per_month;
  double abuse_threat;
};

inline sim::ParameterTable<MaltreatmentParameters> maltreatment_table() {
  using P = MaltreatmentParameters;
  return {
      sim::real("onset_per_year", &P::onset_per_year, 0.0015, 0, 10,
                {"1/year", "Onset hazard of a maltreatment spell for a family without risks, at average stress and support.", "set so that about 1-2% of normative infants are maltreated before age two and several times more in poverty (Sedlak et al. 2010, NIS-4: 1.7% of children harmed in a year; US DHHS 2020: infants have the highest substantiated rate, 2.5%); docs/calibration.md, inputs"}),
      sim::real("mean_spell_months", &P::mean_spell_months, 12, 0.5, 120,
                {"months", "Mean length of a maltreatment spell (remission hazard = 1/length).", "assumption; recurrence is common (Fluke et al. 2008)"}),
      sim::real("hardship_effect", &P::hardship_effect, 1.0, 0, 5,
                {"log-hazard", "Rise of the onset hazard in economic hardship.", "Stith et al. 2009; Sedlak et al. 2010: maltreatment 5 times as common in low-SES families"}),
      sim::real("violence_effect", &P::violence_effect, 0.8, 0, 5,
                {"log-hazard", "Rise of the onset hazard in a violent relationship.", "Stith et al. 2009 (partner violence, d ~ .3-.6); Appel & Holden 1998 (co-occurrence)"}),
      sim::real("depression_effect", &P::depression_effect, 0.7, 0, 5,
                {"log-hazard", "Rise of the onset hazard while the caregiver is depressed.", "Stith et al. 2009 (parental depression)"}),
      sim::real("adolescent_effect", &P::adolescent_effect, 0.6, 0, 5,
                {"log-hazard", "Rise of the onset hazard for an adolescent mother.", "Stith et al. 2009; Lee & Goerge 1999"}),
      sim::real("isolation_effect", &P::isolation_effect, 1.0, 0, 5,
                {"log-hazard per unit", "Rise of the onset hazard per unit of missing social support (1 - support).", "Stith et al. 2009 (social support)"}),
      sim::real("stress_effect", &P::stress_effect, 2.0, 0, 10,
                {"log-hazard per unit stress", "Rise of the onset hazard with stress above 0.25.", "Stith et al. 2009: parenting stress among the largest effects"}),
      sim::real("history_effect", &P::history_effect, 1.0, 0, 5,
                {"log-hazard", "Rise of the onset hazard for a caregiver who was maltreated as a child (known in generations runs).", "Widom, Czaja & DuMont 2015 (prospective: odds about 2-3); Kaufman & Zigler 1987 (about 30%)"}),
      sim::real("frailty_sd", &P::frailty_sd, 1.0, 0, 5,
                {"log-hazard", "SD of a family's own lasting propensity, beyond its counted risks.", "assumption: most risk factors explain little of who maltreats (Stith et al. 2009)"}),
      sim::real("neglect_share", &P::neglect_share, 0.75, 0, 1,
                {"probability", "Share of spells that include neglect.", "US DHHS Child Maltreatment 2020: 76% of victims neglected"}),
      sim::real("abuse_share", &P::abuse_share, 0.3, 0, 1,
                {"probability", "Share of spells that include physical abuse (spells with both when the two shares sum above 1).", "US DHHS 2020: 16-18% physically abused, more among infants with co-occurring neglect"}),
      sim::real("neglect_days_per_week", &P::neglect_days_per_week, 2, 0, 7,
                {"days/week", "Days a week in a neglect spell on which the caregiver is absent or unresponsive for the day.", "assumption; chronic neglect is intermittent (Dubowitz et al. 2005)"}),
      sim::real("neglect_availability", &P::neglect_availability, 0.15, 0, 1,
                {"fraction", "Availability left on a day of neglect.", "assumption"}),
      sim::real("abuse_incidents_per_month", &P::abuse_incidents_per_month, 2, 0, 30,
                {"incidents/month", "Days a month in an abuse spell on which the caregiver is physically abusive.", "assumption; Straus et al. 1998 (Parent-Child CTS): repeated physical assault is the rule among abusive parents"}),
      sim::real("abuse_threat", &P::abuse_threat, 0.25, 0, 1,
                {"probability", "Chance, on a day of abuse, that an answer is a threatening, frightening act.", "assumption"}),
  };
}

struct Maltreatment {
  double frailty = 0;          // the family's own lasting propensity (log-hazard)
  bool history = false;        // the caregiver was maltreated as a child
  bool active = false, neglect = false, abuse = false;  // the current spell and its kinds
  bool ever = false;
  int neglect_days = 0, abuse_days = 0;
};

// What the household brings to the onset hazard today.
struct MaltreatmentRisks {
  bool hardship, violence, depressed, adolescent;
  double support, stress;
};

inline double maltreatment_onset_per_day(const MaltreatmentParameters& p, const Maltreatment& m, const MaltreatmentRisks& r) {
  const double log_rate = p.hardship_effect * r.hardship + p.violence_effect * r.violence + p.depression_effect * r.depressed +
                          p.adolescent_effect * r.adolescent + p.isolation_effect * (1 - r.support) +
                          p.stress_effect * (r.stress - 0.25) + p.history_effect * m.history + m.frailty;
  return std::min(1.0, p.onset_per_year / 365.25 * sim::fast_exp(log_rate));
}

// A spell starts: its kinds from one uniform (neglect below neglect_share, abuse above 1 - abuse_share;
// shares that leave a gap between them give neglect there).
inline void start_spell(const MaltreatmentParameters& p, Maltreatment& m, double u_kind) {
  m.active = m.ever = true;
  m.neglect = u_kind < std::max(p.neglect_share, 1 - p.abuse_share);
  m.abuse = u_kind >= 1 - p.abuse_share;
}

// One day of maltreatment (a fixed set of uniforms): the spell starts or ends; a day of neglect leaves
// the caregiver barely available; a day of abuse adds threatening acts. Returns today's availability factor.
inline double maltreatment_day(const MaltreatmentParameters& p, Maltreatment& m, const MaltreatmentRisks& r,
                               double u_step, double u_kind, double u_neglect, double u_abuse, double& abuse_today) {
  if (m.active) {
    m.active = u_step >= 1.0 / (30.4375 * p.mean_spell_months);
  } else if (u_step < maltreatment_onset_per_day(p, m, r)) {
    start_spell(p, m, u_kind);
  }
  const bool neglected = m.active && m.neglect && u_neglect < p.neglect_days_per_week / 7;
  const bool abused = m.active && m.abuse && u_abuse < p.abuse_incidents_per_month / 30.4375;
  m.neglect_days += neglected;
  m.abuse_days += abused;
  abuse_today = abused ? p.abuse_threat : 0.0;
  return neglected ? p.neglect_availability : 1.0;
}

}  // namespace attachsim::models
