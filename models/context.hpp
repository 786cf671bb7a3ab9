// Household context, in its first form: each caregiver has a chronic stress level and may be
// depressed through the first years; daily stress fluctuates around the chronic level (an
// Ornstein-Uhlenbeck process) and rises with parenting stress. Stress and depression act only
// through the caregiver: availability and momentary sensitivity.
#pragma once

#include "models/caregiver.hpp"
#include "sim/parameter.hpp"

#include <algorithm>

namespace attachsim::models {

struct ContextParameters {
  double stress_mean;
  double stress_sd;
  double stress_reversion;
  double stress_volatility;
  double parenting_stress_weight;
  double depression_prevalence;
  double depression_stress;
  double availability_stress_effect;
  double availability_depression_effect;
};

inline sim::ParameterTable<ContextParameters> context_table() {
  using P = ContextParameters;
  return {
      sim::real("stress_mean", &P::stress_mean, 0.25, 0, 1,
                {"0-1", "Population mean of chronic caregiver stress.", "assumption: low-risk population"}),
      sim::real("stress_sd", &P::stress_sd, 0.12, 0, 0.5,
                {"0-1", "Population SD of chronic stress (clipped to [0, 1]).", "assumption"}),
      sim::real("stress_reversion", &P::stress_reversion, 0.2, 0, 1,
                {"per day", "Daily pull of stress back to its chronic level.", "assumption: fluctuations last days"}),
      sim::real("stress_volatility", &P::stress_volatility, 0.05, 0, 1,
                {"per sqrt(day)", "Daily random fluctuation of stress.", "assumption"}),
      sim::real("parenting_stress_weight", &P::parenting_stress_weight, 0.5, 0, 1,
                {"", "Weight of parenting stress (from inconsolable crying) in today's stress.", "assumption (Abidin 1992 parenting stress model)"}),
      sim::real("depression_prevalence", &P::depression_prevalence, 0.11, 0, 1,
                {"probability", "Share of caregivers depressed through the simulated span (episodes over time come with the context issue).", "Gavin et al. 2005: 6.5-12.9% point prevalence in the first year"}),
      sim::real("depression_stress", &P::depression_stress, 0.15, 0, 1,
                {"0-1", "Addition to chronic stress while depressed.", "assumption"}),
      sim::real("availability_stress_effect", &P::availability_stress_effect, 0.3, 0, 1,
                {"fraction", "Proportional loss of availability at maximal stress.", "assumption"}),
      sim::real("availability_depression_effect", &P::availability_depression_effect, 0.25, 0, 1,
                {"fraction", "Proportional loss of availability while depressed (withdrawal).", "Field 2010 on withdrawn depressed mothers"}),
  };
}

// One day of context: today's stress and availability.
inline void advance_context(const ContextParameters& p, Caregiver& c, double normal_draw) {
  const double chronic = c.stress_baseline + (c.depressed ? p.depression_stress : 0.0);
  c.stress_own += p.stress_reversion * (chronic - c.stress_own) + p.stress_volatility * normal_draw;
  c.stress = std::clamp(c.stress_own + p.parenting_stress_weight * c.parenting_stress, 0.0, 1.0);
  c.availability = (1 - p.availability_stress_effect * c.stress) * (c.depressed ? 1 - p.availability_depression_effect : 1.0);
}

}  // namespace attachsim::models
