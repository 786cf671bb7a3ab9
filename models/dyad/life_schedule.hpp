// What every dyad's life shares, computed once per run: the day-by-day crying curve, the learning
// weight of each developmental phase, and the days on which instruments and time-series steps fall.
// The day loop then reads tables instead of re-evaluating curves (STYLE.md: per-day constants).
#pragma once

#include "models/infant/development.hpp"
#include "models/infant/infant.hpp"
#include "models/dyad/model_parameters.hpp"
#include "models/household/risk_profile.hpp"

#include <array>
#include <cmath>
#include <vector>

namespace attachsim::models {

inline int day_of(double months) { return static_cast<int>(std::lround(months * days_per_month)); }

struct LifeSchedule {
  int last_day = 0;
  std::vector<double> episodes_per_day;  // for an infant of average temperament
  std::vector<double> phase_weight;      // learning-rate multiplier of the phase
  std::array<int, max_assessments> strange_situation_days{}, observation_days{}, preschool_days{}, screen_days{};
  std::size_t strange_situations = 0, observations = 0, preschool_assessments = 0, screens = 0;
  int preschool_entry_day = -1;  // -1: no preschool is simulated (no preschool assessment asked)
  std::vector<int> series_days;  // day on which month m is recorded, m = 0 .. floor(span)
  RiskStructure risk_structure;  // correlations of the families' risk liabilities
  std::vector<ProgramSession> program_sessions;  // the program's and its components', in order; prenatal ones before 0

  explicit LifeSchedule(const ModelParameters& p)
      : last_day(day_of(p.development.span_months)), risk_structure(p.risk) {
    Infant average;
    for (int day = 0; day <= last_day; ++day) {
      episodes_per_day.push_back(distress_episodes_per_day(p.infant, average, day));
      phase_weight.push_back(learning_phase_multiplier(p.development, day));
    }
    for (double age : p.strange_situation.ages_months) strange_situation_days[strange_situations++] = day_of(age);
    for (double age : p.sensitivity_observation.ages_months) observation_days[observations++] = day_of(age);
    for (double age : p.preschool.ages_months) preschool_days[preschool_assessments++] = day_of(age);
    for (double age : p.family_screen.ages_months) screen_days[screens++] = day_of(age);
    if (preschool_assessments > 0) preschool_entry_day = day_of(p.preschool.entry_months);
    for (int m = 0; m <= static_cast<int>(std::floor(p.development.span_months)); ++m) series_days.push_back(day_of(m));
    program_sessions = models::program_sessions(p.program);
  }
};

}  // namespace attachsim::models
