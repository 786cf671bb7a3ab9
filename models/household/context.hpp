// The household context through the days (step 1 of a day, docs/ODD.md): depression episodes,
// partner-violence events, life events, chronic stress from hardship and depression, a daily stress
// fluctuation (an Ornstein-Uhlenbeck process), buffering by social support, and parenting stress from
// the infant. Context acts only through the caregiver (stress, availability, momentary sensitivity)
// and, for witnessed violence, through the infant's alarm; never on attachment directly.
#pragma once

#include "models/caregiver/caregiver.hpp"
#include "models/caregiver/depression.hpp"
#include "models/household/economic_hardship.hpp"
#include "models/household/household_chaos.hpp"
#include "models/household/partner_violence.hpp"
#include "models/household/risk_profile.hpp"
#include "sim/core/parameter.hpp"
#include "sim/core/fast_stream.hpp"

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
  double parenting_stress_weight;
  double depression_stress;
  double availability_stress_effect;
  double availability_depression_effect;
};

inline sim::ParameterTable<ContextParameters> context_table() {
  using P = ContextParameters;
  return {
      sim::boolean("processes", &P::processes, true,
                   {"", "Run the context processes (depression episodes, violence, life events, hardship, chaos, support). false keeps only chronic stress with its daily fluctuation and a depression state fixed at birth: the simple context of the first model, for comparison.", "design choice: a mechanism switched off is a config line"}),
      sim::real("stress_mean", &P::stress_mean, 0.25, 0, 1,
                {"0-1", "Population mean of the caregiver's baseline chronic stress, before hardship and depression.", "assumption: low-risk population"}),
      sim::real("stress_sd", &P::stress_sd, 0.12, 0, 0.5,
                {"0-1", "Population SD of baseline chronic stress (clipped to [0, 1]).", "assumption"}),
      sim::real("stress_reversion", &P::stress_reversion, 0.2, 0, 1,
                {"per day", "Daily pull of stress back to its chronic level.", "assumption: fluctuations last days"}),
      sim::real("stress_volatility", &P::stress_volatility, 0.05, 0, 1,
                {"per sqrt(day)", "Daily random fluctuation of stress.", "assumption"}),
      sim::real("parenting_stress_weight", &P::parenting_stress_weight, 0.5, 0, 1,
                {"", "Weight of parenting stress (from inconsolable crying) in today's stress.", "assumption (Abidin 1992 parenting stress model)"}),
      sim::real("depression_stress", &P::depression_stress, 0.15, 0, 1,
                {"0-1", "Addition to chronic stress while depressed.", "assumption"}),
      sim::real("availability_stress_effect", &P::availability_stress_effect, 0.3, 0, 1,
                {"fraction", "Proportional loss of availability at maximal stress.", "assumption"}),
      sim::real("availability_depression_effect", &P::availability_depression_effect, 0.25, 0, 1,
                {"fraction", "Proportional loss of availability while depressed (withdrawal).", "Field 2010 on withdrawn depressed mothers"}),
  };
}

// The parameters the daily context needs, gathered by reference.
struct ContextRules {
  const ContextParameters& context;
  const DepressionParameters& depression;
  const PartnerViolenceParameters& violence;
  const HardshipParameters& hardship;
  const ChaosSupportParameters& chaos_support;
  double acute_stress_retention = std::exp(-1.0 / hardship.acute_stress_days);  // share kept per day
};

// The infant's first year, in whole days, for first-year counts and shares.
constexpr int first_year_days = 365;

// What the context has done to a family so far.
struct ContextHistory {
  RiskProfile risk;
  double support_at_birth = 0;  // before any support program: what the risk index counts
  double acute_stress = 0;
  int depressed_days = 0, depressed_days_first_year = 0;
  int violence_events = 0, violence_witnessed = 0, life_events = 0, life_events_first_year = 0;
};

// The cumulative-risk index as researchers count it (Sameroff et al. 1993): each risk present or not,
// continuous risks cut at the worst quartile of a low-risk population.
enum RiskIndicator : int {
  risk_hardship, risk_violence, risk_chaos, risk_depression, risk_low_support, risk_adolescent, risk_life_events,
  risk_indicator_count
};
inline const char* const risk_indicator_names[risk_indicator_count] = {
    "hardship", "partner_violence", "household_chaos", "maternal_depression", "low_support", "adolescent_mother",
    "life_events"};

// Risks known when a family enters a program (all but those that unfold over the first year).
inline int risk_load(const RiskProfile& r) {
  return r.hardship + r.violence + r.adolescent + (r.chaos >= 0.75) + (r.support < 0.25);
}

inline std::array<bool, risk_indicator_count> cumulative_risks(const ContextHistory& h) {
  return {h.risk.hardship, h.risk.violence, h.risk.chaos >= 0.75, h.depressed_days_first_year > 0,
          h.support_at_birth < 0.25, h.risk.adolescent, h.life_events_first_year >= 2};
}

// The context of the first model, kept as a rival to the processes: chronic stress with its daily
// fluctuation and a depression state fixed at birth; no events, no chaos, no support buffering.
inline bool simple_context(const ContextParameters& p, Caregiver& c, ContextHistory& h, int day, double z) {
  const double chronic = c.stress_baseline + (c.depressed ? p.depression_stress : 0.0);
  c.stress_own += p.stress_reversion * (chronic - c.stress_own) + p.stress_volatility * z;
  c.stress = std::clamp(c.stress_own + p.parenting_stress_weight * c.parenting_stress, 0.0, 1.0);
  c.availability = (1 - p.availability_stress_effect * c.stress) * (c.depressed ? 1 - p.availability_depression_effect : 1.0);
  if (c.depressed) {
    ++h.depressed_days;
    if (day < first_year_days) ++h.depressed_days_first_year;
  }
  return false;
}

// One day of context; returns whether the infant witnessed violence today. Draws a fixed number of
// numbers per day, so that everything unrelated to a change stays aligned across counterfactual runs.
inline bool advance_context(const ContextRules& rules, Caregiver& c, ContextHistory& h, int day,
                            sim::FastStream& stream) {
  boost::random::normal_distribution<double> standard_normal(0, 1);
  const double z = standard_normal(stream);
  const auto& p = rules.context;
  if (!p.processes) return simple_context(p, c, h, day, z);
  const auto [u_depression, u_violence] = stream.uniform_pair();
  const auto [u_witness, u_life] = stream.uniform_pair();
  const RiskProfile& risk = h.risk;

  h.acute_stress *= rules.acute_stress_retention;
  if (rules.depression.model == DepressionModel::episodes) {
    if (c.depressed)
      c.depressed = u_depression >= remission_per_day(rules.depression);
    else
      c.depressed = u_depression < onset_per_day(rules.depression, risk.liability[depression], c.stress, risk.support);
  }
  bool witnessed = false;
  if (risk.violence && u_violence < rules.violence.events_per_month / 30.4375) {
    h.acute_stress += rules.violence.caregiver_stress;
    ++h.violence_events;
    witnessed = u_witness < rules.violence.witness_probability;
    h.violence_witnessed += witnessed;
  }
  const double life_rate = risk.hardship ? rules.hardship.life_events_per_year_in_hardship : rules.hardship.life_events_per_year;
  if (u_life < life_rate / days_per_year) {
    h.acute_stress += rules.hardship.life_event_stress;
    ++h.life_events;
    if (day < first_year_days) ++h.life_events_first_year;
  }
  if (c.depressed) {
    ++h.depressed_days;
    if (day < first_year_days) ++h.depressed_days_first_year;
  }

  const double chronic = c.stress_baseline + (risk.hardship ? rules.hardship.chronic_stress : 0.0) +
                         (c.depressed ? p.depression_stress : 0.0);
  c.stress_own += p.stress_reversion * (chronic - c.stress_own) + p.stress_volatility * z;
  const double buffering = 1 - rules.chaos_support.support_buffer * 2 * (risk.support - 0.5);
  c.stress = std::clamp((c.stress_own + h.acute_stress) * buffering + p.parenting_stress_weight * c.parenting_stress, 0.0, 1.0);
  c.availability = (1 - p.availability_stress_effect * c.stress) * (c.depressed ? 1 - p.availability_depression_effect : 1.0);
  return witnessed;
}

}  // namespace attachsim::models
