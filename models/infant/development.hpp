// Developmental phases of attachment (Bowlby 1969/1982): pre-attachment (birth to about 2 months),
// attachment-in-the-making (to about 7 months), clear-cut attachment (from about 7 months) and the
// goal-corrected partnership (from about 24-36 months). Experience is learned from at a rate set by
// the phase, and (elsewhere) scaled by the infant's susceptibility.
#pragma once

#include "sim/core/parameter.hpp"

namespace attachsim::models {

constexpr double days_per_month = 30.4375;

struct DevelopmentParameters {
  double span_months;
  double in_the_making_months;
  double clear_cut_months;
  double goal_corrected_months;
  double rate_pre_attachment;
  double rate_in_the_making;
  double rate_clear_cut;
  double rate_goal_corrected;
};

inline sim::ParameterTable<DevelopmentParameters> development_table() {
  using P = DevelopmentParameters;
  return {
      sim::real("span_months", &P::span_months, 24, 1, 60,
                {"months", "Age at which the simulation of a dyad ends.", "design choice: the spine covers infancy"}),
      sim::real("in_the_making_months", &P::in_the_making_months, 2, 0, 12,
                {"months", "Start of attachment-in-the-making.", "Bowlby 1969; Ainsworth et al. 1978"}),
      sim::real("clear_cut_months", &P::clear_cut_months, 7, 0, 24,
                {"months", "Start of clear-cut attachment (separation protest, stranger wariness).", "Bowlby 1969; Schaffer & Emerson 1964"}),
      sim::real("goal_corrected_months", &P::goal_corrected_months, 30, 12, 60,
                {"months", "Start of the goal-corrected partnership.", "Bowlby 1969 (24-36 months); midpoint"}),
      sim::real("rate_pre_attachment", &P::rate_pre_attachment, 0.25, 0, 5,
                {"x", "Learning-rate multiplier before attachment-in-the-making: signals are not yet directed at one person.", "assumption from Bowlby's phase account"}),
      sim::real("rate_in_the_making", &P::rate_in_the_making, 0.8, 0, 5,
                {"x", "Learning-rate multiplier while expectations of one caregiver form.", "assumption from Bowlby's phase account"}),
      sim::real("rate_clear_cut", &P::rate_clear_cut, 1.0, 0, 5,
                {"x", "Learning-rate multiplier in clear-cut attachment (reference phase).", "reference = 1"}),
      sim::real("rate_goal_corrected", &P::rate_goal_corrected, 0.6, 0, 5,
                {"x", "Learning-rate multiplier in the goal-corrected partnership: models are more settled.", "assumption; Bowlby 1973 on stabilising working models"}),
  };
}

inline double learning_phase_multiplier(const DevelopmentParameters& p, double age_days) {
  const double months = age_days / days_per_month;
  if (months < p.in_the_making_months) return p.rate_pre_attachment;
  if (months < p.clear_cut_months) return p.rate_in_the_making;
  if (months < p.goal_corrected_months) return p.rate_clear_cut;
  return p.rate_goal_corrected;
}

}  // namespace attachsim::models
