// Drawing a household from the population distributions: the infant's temperament and susceptibility;
// the primary caregiver's sensitivity, state of mind and context; a partner and a childcare provider,
// each an attachment figure of their own; the family's lasting liabilities. Inputs only: nothing about
// the infant's attachment is drawn here, it has to emerge from the episodes that follow.
#pragma once

#include "models/caregiver/caregiver.hpp"
#include "models/dyad/model_parameters.hpp"
#include "models/household/context.hpp"
#include "models/household/life_course.hpp"
#include "models/infant/infant.hpp"
#include "sim/core/random_stream.hpp"

namespace attachsim::models {

struct Household {
  Infant infant;
  Caregiver caregiver;           // the primary caregiver
  Caregiver partner;             // present or not by the life course
  Caregiver provider;            // from the childcare start, if any
  Caregiver night_watch;         // at night, if the infant sleeps away from home (night_care)
  ContextHistory context;        // starts with the family's risk profile
  LifeCourse life_course;        // how its risks change
  int childcare_start_day = -1;  // -1: no childcare within the span
};

// What a household of the next generation takes from the one its caregiver grew up in.
struct Inheritance {
  StateOfMind mind;                                 // the grown-up infant's state of mind
  std::array<double, liability_count> liability{};  // the parent household's risk liabilities
  bool maltreated = false;                          // the grown-up infant was maltreated as a child
};

// `inherited`: null in the first generation, whose households are drawn from the population. The
// draws are the same either way, so what is not inherited does not depend on it. The household's
// statuses at birth come from its lasting liabilities and the life course's transient parts, drawn
// from `life_stream`.
Household draw_household(const ModelParameters& p, const RiskStructure& risk, std::uint64_t seed, std::uint64_t dyad,
                         sim::RandomStream& stream, sim::RandomStream& life_stream, const Inheritance* inherited = nullptr);

}  // namespace attachsim::models
