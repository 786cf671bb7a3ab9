// One dyad's life, day by day from birth (docs/ODD.md, Process overview): context advances, distress episodes
// arise, the infant signals as it has learned, the caregiver answers, and the outcome teaches the
// infant (policy, working model, fear) and changes the caregiver. Instruments are applied at their
// ages from their own random streams, so measuring never alters the life measured. From preschool
// entry the child also meets peers and a teacher; after the span it may be followed into adulthood,
// where its state of mind is what the next generation's dyad inherits.
#pragma once

#include "models/reporting/dyad_columns.hpp"
#include "models/dyad/life_schedule.hpp"
#include "models/dyad/model_parameters.hpp"
#include "sim/core/model.hpp"
#include "sim/core/record.hpp"

#include <cstdint>

namespace attachsim::models {

// `parent`: the record of the previous generation's dyad, whose infant is this dyad's caregiver (or null).
void live_dyad(const ModelParameters& p, const LifeSchedule& schedule, const DyadColumns& columns, std::uint64_t seed,
               const sim::DyadPlace& place, const sim::DyadRecord* parent, bool record_series, sim::DyadRecord& record);

}  // namespace attachsim::models
