// Drawing a dyad from the population distributions: the infant's temperament and susceptibility,
// the caregiver's sensitivity, state of mind and context. Inputs only: nothing about the dyad's
// attachment is drawn here, it has to emerge from the episodes that follow.
#pragma once

#include "models/caregiver.hpp"
#include "models/context.hpp"
#include "models/infant.hpp"
#include "models/model_parameters.hpp"
#include "sim/random_stream.hpp"

namespace attachsim::models {

struct Household {
  Infant infant;
  Caregiver caregiver;
  ContextHistory context;  // starts with the family's risk profile
};

// `inherited`: the caregiver's state of mind when the caregiver is the grown-up infant of the previous
// generation (null in the first generation, whose states of mind are drawn from the population).
// The draws are the same either way, so the rest of the household does not depend on it.
Household draw_household(const ModelParameters& p, const RiskStructure& risk, std::uint64_t seed, std::uint64_t dyad,
                         sim::RandomStream& stream, const StateOfMind* inherited = nullptr);

}  // namespace attachsim::models
