// Drawing a dyad from the population distributions: the infant's temperament and susceptibility,
// the caregiver's sensitivity, state of mind and context. Inputs only: nothing about the dyad's
// attachment is drawn here, it has to emerge from the episodes that follow.
#pragma once

#include "models/caregiver/caregiver.hpp"
#include "models/household/context.hpp"
#include "models/infant/infant.hpp"
#include "models/dyad/model_parameters.hpp"
#include "sim/core/random_stream.hpp"

namespace attachsim::models {

struct Household {
  Infant infant;
  Caregiver caregiver;
  ContextHistory context;  // starts with the family's risk profile
};

// What a household of the next generation takes from the one its caregiver grew up in.
struct Inheritance {
  StateOfMind mind;                                 // the grown-up infant's state of mind
  std::array<double, liability_count> liability{};  // the parent household's risk liabilities
};

// `inherited`: null in the first generation, whose households are drawn from the population. The
// draws are the same either way, so what is not inherited does not depend on it.
Household draw_household(const ModelParameters& p, const RiskStructure& risk, std::uint64_t seed, std::uint64_t dyad,
                         sim::RandomStream& stream, const Inheritance* inherited = nullptr);

}  // namespace attachsim::models
