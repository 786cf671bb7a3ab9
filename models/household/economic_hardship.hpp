// Economic hardship and life events (moves, job loss, illness): hardship raises chronic stress, and
// life events, more frequent in hardship, add acute stress that fades over weeks (Conger & Elder
// 1994, family stress model; Booth et al. 2018 on SES and sensitivity).
#pragma once

#include "sim/core/parameter.hpp"

namespace attachsim::models {

struct HardshipParameters {
  double chronic_stress;
  double life_events_per_year;
  double life_events_per_year_in_hardship;
  double life_event_stress;
  double acute_stress_days;
};

inline sim::ParameterTable<HardshipParameters> hardship_table() {
  using P = HardshipParameters;
  return {
      sim::real("chronic_stress", &P::chronic_stress, 0.15, 0, 1,
                {"0-1", "Addition to chronic stress of a family in economic hardship.", "assumption; Conger & Elder 1994"}),
      sim::real("life_events_per_year", &P::life_events_per_year, 0.5, 0, 52,
                {"events/year", "Stressful life events per year outside hardship.", "assumption"}),
      sim::real("life_events_per_year_in_hardship", &P::life_events_per_year_in_hardship, 1.5, 0, 52,
                {"events/year", "Stressful life events per year in hardship.", "assumption; events cluster in poverty (Evans 2004)"}),
      sim::real("life_event_stress", &P::life_event_stress, 0.2, 0, 1,
                {"0-1", "Acute stress a life event adds.", "assumption"}),
      sim::real("acute_stress_days", &P::acute_stress_days, 30, 1, 365,
                {"days", "Time constant over which acute stress (life events, violence) fades.", "assumption: weeks"}),
  };
}

}  // namespace attachsim::models
