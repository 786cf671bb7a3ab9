// The infant's internal working model (Bowlby 1973; Bretherton & Munholland 2008): running
// expectations of the caregiver's availability, predictability and rejection, and of the self as
// worth caring for; and fear of the caregiver, the root of disorganization when the haven is also the
// source of alarm (Main & Hesse 1990; Hesse & Main 2006).
#pragma once

#include "models/caregiver/caregiving_response.hpp"
#include "sim/core/parameter.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

namespace attachsim::models {

struct WorkingModelParameters {
  double update_rate;
  double fear_rate;
  double fear_decay;
};

inline sim::ParameterTable<WorkingModelParameters> working_model_table() {
  using P = WorkingModelParameters;
  return {
      sim::real("update_rate", &P::update_rate, 0.02, 0, 1,
                {"per episode", "Rate at which expectations track experience in the reference phase, for susceptibility 1.", "assumption: expectations settle over weeks of episodes"}),
      sim::real("fear_rate", &P::fear_rate, 0.05, 0, 1,
                {"per event", "Rise of fear of the caregiver toward 1 after a frightening episode (susceptibility 1, reference phase).", "assumption; Main & Hesse 1990"}),
      sim::real("fear_decay", &P::fear_decay, 0.005, 0, 1,
                {"per day", "Daily decay of fear of the caregiver without new alarm.", "assumption: without new alarm fear fades over about six months"}),
  };
}

struct WorkingModel {
  double availability = 0.5;    // will the caregiver come and comfort?
  double predictability = 0.5;  // are answers consistent?
  double rejection = 0;         // will a bid be rebuffed?
  double self_worth = 0.5;      // am I worth comforting?
  double expected_outcome = 0;  // running mean outcome, the yardstick of predictability
  double fear = 0;              // fear of the caregiver
};

// What each answer means for the expectations (docs/ODD.md, 3.3.9), by Response.
constexpr std::array<double, response_count> availability_after = {0.0, 1.0, 1.0, 0.3, 0.0, 0.0};
constexpr std::array<double, response_count> rejection_after = {0.0, 0.0, 0.0, 0.0, 1.0, 0.0};
constexpr std::array<double, response_count> worth_after = {0.4, 1.0, 0.8, 0.5, 0.0, 0.0};

// The rates of a day's episodes, which depend only on the day's learning weight.
struct WorkingModelRates {
  double update = 0;  // min(1, update_rate x weight)
  double fear = 0;    // min(1, fear_rate x weight)
};

inline WorkingModelRates working_model_rates(const WorkingModelParameters& p, double weight) {
  return {std::min(1.0, p.update_rate * weight), std::min(1.0, p.fear_rate * weight)};
}

inline void update_working_model(const WorkingModelRates& rates, WorkingModel& m, Response r, double outcome) {
  const double rate = rates.update;
  const auto i = static_cast<std::size_t>(r);
  m.availability += rate * (availability_after[i] - m.availability);
  m.rejection += rate * (rejection_after[i] - m.rejection);
  const double surprise = std::min(1.0, std::abs(outcome - m.expected_outcome));
  m.predictability += rate * ((1 - surprise) - m.predictability);
  m.expected_outcome += rate * (outcome - m.expected_outcome);
  m.self_worth += rate * (worth_after[i] - m.self_worth);
  if (r == Response::frightening) m.fear += rates.fear * (1 - m.fear);
}

inline void update_working_model(const WorkingModelParameters& p, WorkingModel& m, Response r, double outcome,
                                 double weight) {
  update_working_model(working_model_rates(p, weight), m, r, outcome);
}

}  // namespace attachsim::models
