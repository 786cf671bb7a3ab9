// The household context through the days (step 1 of a day, docs/ODD.md): depression episodes,
// partner-violence events, life events, maltreatment spells and their discovery by child protection,
// chronic stress from hardship, chaos and depression, a daily stress fluctuation (an Ornstein-Uhlenbeck
// process), buffering by social support, parenting stress from the infant, and each caregiver's good and
// bad days. Context acts only through the caregivers (stress, availability, momentary sensitivity,
// atypical behaviour) and, for witnessed violence, through the infant's alarm; never on attachment.
#pragma once

#include "models/caregiver/caregiver.hpp"
#include "models/caregiver/depression.hpp"
#include "models/caregiver/maltreatment.hpp"
#include "models/household/economic_hardship.hpp"
#include "models/household/household_chaos.hpp"
#include "models/household/partner_violence.hpp"
#include "models/household/risk_profile.hpp"
#include "models/instruments/child_protection.hpp"
#include "sim/core/fast_stream.hpp"
#include "sim/core/parameter.hpp"
#include "sim/core/portable_exp.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace attachsim::models {

struct ContextParameters {
  bool processes;
  double stress_mean;
  double stress_sd;
  double stress_reversion;
  double stress_volatility;
  double stress_lasting_days;
  double parenting_stress_weight;
  double depression_stress;
  double availability_stress_effect;
  double availability_depression_effect;
};

inline sim::ParameterTable<ContextParameters> context_table() {
  using P = ContextParameters;
  return {
      sim::boolean("processes", &P::processes, true,
                   {"", "Run the context processes (depression episodes, violence, life events, maltreatment, hardship, chaos, support). false keeps only chronic stress with its daily fluctuation and a depression state fixed at birth: the simple context of the first model, for comparison.", "design choice: a mechanism switched off is a config line"}),
      sim::real("stress_mean", &P::stress_mean, 0.25, 0, 1,
                {"0-1", "Population mean of the caregiver's baseline chronic stress, before hardship, chaos and depression.", "assumption: low-risk population"}),
      sim::real("stress_sd", &P::stress_sd, 0.12, 0, 0.5,
                {"0-1", "Population SD of baseline chronic stress (clipped to [0, 1]).", "assumption"}),
      sim::real("stress_reversion", &P::stress_reversion, 0.2, 0, 1,
                {"per day", "Daily pull of stress back to its chronic level.", "assumption: fluctuations last days"}),
      sim::real("stress_volatility", &P::stress_volatility, 0.05, 0, 1,
                {"per sqrt(day)", "Daily random fluctuation of stress.", "assumption"}),
      sim::real("stress_lasting_days", &P::stress_lasting_days, 60, 1, 730,
                {"days", "Time constant of the caregiver's lasting stress (her stress averaged over recent weeks), which wears her sensitivity level down.", "assumption: weeks to months (Crnic et al. 2005)"}),
      sim::real("parenting_stress_weight", &P::parenting_stress_weight, 0.5, 0, 1,
                {"", "Weight of parenting stress (from inconsolable crying) in today's stress.", "assumption (Abidin 1992 parenting stress model)"}),
      sim::real("depression_stress", &P::depression_stress, 0.15, 0, 1,
                {"0-1", "Addition to chronic stress while depressed.", "assumption"}),
      sim::real("availability_stress_effect", &P::availability_stress_effect, 0.3, 0, 1,
                {"fraction", "Proportional loss of availability at maximal stress.", "assumption"}),
      sim::real("availability_depression_effect", &P::availability_depression_effect, 0.25, 0, 1,
                {"fraction", "Proportional loss of availability while depressed, for a withdrawn caregiver (half of it for an intrusive one).", "Field 2010 on withdrawn depressed mothers"}),
  };
}

// The parameters the daily context needs, gathered by reference.
struct ContextRules {
  const ContextParameters& context;
  const CaregiverParameters& caregiver;
  const DepressionParameters& depression;
  const PartnerViolenceParameters& violence;
  const HardshipParameters& hardship;
  const ChaosSupportParameters& chaos_support;
  const MaltreatmentParameters& maltreatment;
  const ChildProtectionParameters& child_protection;
  double acute_stress_retention = sim::portable_exp(-1.0 / hardship.acute_stress_days);  // share kept per day
  double lasting_rate = 1.0 / context.stress_lasting_days;
};

// The infant's first year, in whole days, for first-year counts and shares.
constexpr int first_year_days = 365;

// What the context has done to a family so far.
struct ContextHistory {
  RiskProfile risk;           // now
  RiskProfile risk_at_birth;  // as a study enrolling at birth would count it
  double acute_stress = 0;
  int depressed_days = 0, depressed_days_first_year = 0;
  int partner_days_first_year = 0, partner_depressed_days = 0, partner_depressed_days_first_year = 0;
  int violence_events = 0, violence_witnessed = 0, life_events = 0, life_events_first_year = 0;
  int hardship_days = 0, violence_days = 0, single_days = 0;
  int hardship_entries = 0, hardship_exits = 0, violence_starts = 0, violence_ends = 0, partner_departures = 0,
      partner_arrivals = 0;
  Maltreatment maltreatment;
  ChildProtectionRecord child_protection;
};

// The cumulative-risk index as researchers count it (Sameroff et al. 1993): each risk present or not at
// enrolment (birth), continuous risks cut at the worst quartile of a low-risk population, and what the
// first year brought.
enum RiskIndicator : int {
  risk_hardship, risk_violence, risk_chaos, risk_depression, risk_low_support, risk_adolescent, risk_life_events,
  risk_indicator_count
};
inline const char* const risk_indicator_names[risk_indicator_count] = {
    "hardship", "partner_violence", "household_chaos", "maternal_depression", "low_support", "adolescent_mother",
    "life_events"};

// Risks known when a family enters a program.
inline int risk_load(const RiskProfile& r) {
  return r.hardship + r.violence + r.adolescent + (r.chaos >= 0.75) + (r.support_base < 0.25);
}

inline std::array<bool, risk_indicator_count> cumulative_risks(const ContextHistory& h) {
  const RiskProfile& r = h.risk_at_birth;
  return {r.hardship, r.violence, r.chaos >= 0.75, h.depressed_days_first_year > 0,
          r.support_base < 0.25, r.adolescent, h.life_events_first_year >= 2};
}

// Availability and today's stress of any caregiver, from her stress and depression.
inline void set_availability(const ContextParameters& p, const CaregiverParameters& cp, Caregiver& c, double support,
                             double neglect) {
  const double depression = c.depressed ? 1 - p.availability_depression_effect * (c.intrusive_when_depressed ? 0.5 : 1.0) : 1.0;
  c.availability = (1 - p.availability_stress_effect * c.stress) * depression * withdrawal(cp, c, support) * neglect;
}

// The context of the first model, kept as a rival to the processes: chronic stress with its daily
// fluctuation and a depression state fixed at birth; no events, no chaos, no support buffering.
inline void simple_context(const ContextRules& rules, Caregiver& c, ContextHistory& h, int day, double z) {
  const auto& p = rules.context;
  const double chronic = c.stress_baseline + (c.depressed ? p.depression_stress : 0.0);
  c.stress_own += p.stress_reversion * (chronic - c.stress_own) + p.stress_volatility * z;
  c.stress = std::clamp(c.stress_own + p.parenting_stress_weight * c.parenting_stress, 0.0, 1.0);
  c.stress_lasting += rules.lasting_rate * (c.stress - c.stress_lasting);
  set_availability(p, rules.caregiver, c, h.risk.support, 1.0);
  if (c.depressed) {
    ++h.depressed_days;
    if (day < first_year_days) ++h.depressed_days_first_year;
  }
}

// What a day brought that the infant may feel directly.
struct ContextDay {
  bool violence = false;            // a violent event between the caregivers
  bool witnessed_violence = false;  // ... that the infant witnessed
};

// One day of the primary caregiver's context. Draws a fixed number of numbers per day (three normals,
// then five pairs of uniforms), so that everything unrelated to a change stays aligned across
// counterfactual runs. `partner_mood` receives the partner's normal draw of the day.
inline ContextDay advance_context(const ContextRules& rules, Caregiver& c, ContextHistory& h, int day,
                                  sim::FastStream& stream, double& partner_mood_z) {
  boost::random::normal_distribution<double> standard_normal(0, 1);
  const double z = standard_normal(stream);
  c.mood = rules.caregiver.mood_sd * standard_normal(stream);
  partner_mood_z = standard_normal(stream);
  const auto& p = rules.context;
  ContextDay today;
  if (!p.processes) {
    simple_context(rules, c, h, day, z);
    return today;
  }
  const auto [u_depression, u_violence] = stream.uniform_pair();
  const auto [u_witness, u_life] = stream.uniform_pair();
  const auto [u_spell, u_kind] = stream.uniform_pair();
  const auto [u_neglect, u_abuse] = stream.uniform_pair();
  const auto [u_report, u_substantiate] = stream.uniform_pair();
  const RiskProfile& risk = h.risk;

  h.acute_stress *= rules.acute_stress_retention;
  c.violence_trace *= rules.acute_stress_retention;
  if (rules.depression.model == DepressionModel::episodes) {
    if (c.depressed)  // treatment takes away a share of the episode's length (models/programs)
      c.depressed = u_depression >= remission_per_day(rules.depression) / (1 - c.program_depression);
    else
      c.depressed = u_depression < onset_per_day(rules.depression, risk.liability[depression], c.stress, risk.support);
  }
  if (risk.violence && u_violence < rules.violence.events_per_month / 30.4375 * (1 - c.program_safety)) {
    h.acute_stress += rules.violence.caregiver_stress;
    c.violence_trace += 1;
    ++h.violence_events;
    today.violence = true;
    today.witnessed_violence = u_witness < rules.violence.witness_probability;
    h.violence_witnessed += today.witnessed_violence;
  }
  const double life_rate = risk.hardship ? rules.hardship.life_events_per_year_in_hardship : rules.hardship.life_events_per_year;
  if (u_life < life_rate / days_per_year) {
    h.acute_stress += rules.hardship.life_event_stress;
    ++h.life_events;
    if (day < first_year_days) ++h.life_events_first_year;
  }
  Maltreatment& m = h.maltreatment;
  const MaltreatmentRisks now{risk.hardship, risk.violence, c.depressed, risk.adolescent, risk.support, c.stress};
  const double neglect = maltreatment_day(rules.maltreatment, m, now, u_spell, u_kind, u_neglect, u_abuse, c.abuse);
  child_protection_day(rules.child_protection, h.child_protection, day, m.active && m.neglect, m.active && m.abuse,
                       risk.hardship, u_report, u_substantiate);
  if (c.depressed) {
    ++h.depressed_days;
    if (day < first_year_days) ++h.depressed_days_first_year;
  }

  const double chronic = c.stress_baseline + (risk.hardship ? rules.hardship.chronic_stress : 0.0) +
                         rules.chaos_support.chaos_stress * risk.chaos + (c.depressed ? p.depression_stress : 0.0);
  c.stress_own += p.stress_reversion * (chronic - c.stress_own) + p.stress_volatility * z;
  const double buffering = 1 - rules.chaos_support.support_buffer * 2 * (risk.support - 0.5);
  c.stress = std::clamp((c.stress_own + h.acute_stress) * buffering + p.parenting_stress_weight * c.parenting_stress, 0.0, 1.0);
  c.stress_lasting += rules.lasting_rate * (c.stress - c.stress_lasting);
  set_availability(p, rules.caregiver, c, risk.support, neglect);
  return today;
}

// One day of a partner's context: his own chronic stress (more while he is depressed), the household's
// hardship, chaos and acute stress, support's buffering, his parenting stress, and his good and bad days.
inline void partner_context(const ContextRules& rules, Caregiver& partner, const ContextHistory& h, double mood_z) {
  const auto& p = rules.context;
  const RiskProfile& risk = h.risk;
  const double chronic = partner.stress_baseline + (risk.hardship ? rules.hardship.chronic_stress : 0.0) +
                         rules.chaos_support.chaos_stress * risk.chaos + (partner.depressed ? p.depression_stress : 0.0);
  const double buffering = 1 - rules.chaos_support.support_buffer * 2 * (risk.support - 0.5);
  partner.stress = std::clamp((chronic + h.acute_stress) * buffering + p.parenting_stress_weight * partner.parenting_stress, 0.0, 1.0);
  partner.stress_lasting += rules.lasting_rate * (partner.stress - partner.stress_lasting);
  partner.mood = rules.caregiver.mood_sd * mood_z;
  set_availability(p, rules.caregiver, partner, risk.support, 1.0);
}

// The partner's depression on a day he lives with the infant (before his context, which it colours):
// remission as hers, onset at his own rate, raised while she is depressed (depression.partner_*). `u`
// is the day's uniform of his own stream, drawn every day.
inline void partner_depression_day(const DepressionParameters& p, Caregiver& partner, bool caregiver_depressed,
                                   ContextHistory& h, int day, double u) {
  const double onset = partner_onset_per_day(p, caregiver_depressed, h.risk.liability[depression], partner.stress, h.risk.support);
  partner.depressed = depressed_next(p, partner.depressed, onset, u);
  h.partner_depressed_days += partner.depressed;
  if (day < first_year_days) h.partner_depressed_days_first_year += partner.depressed;
}

}  // namespace attachsim::models
