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

Household draw_household(const ModelParameters& p, const RiskStructure& risk, std::uint64_t seed, std::uint64_t dyad,
                         sim::RandomStream& stream);

}  // namespace attachsim::models
