// Household chaos (noise, crowding, lack of routine; Matheny et al. 1995, CHAOS scale): in a chaotic
// home weak signals are lost in the noise, comfort is more often interrupted and delayed, and the
// caregivers are more stressed, so less responsive and harsher (Evans & Wachs 2010; Corapci & Wachs
// 2002; Coldwell, Pike & Dunn 2006).
// Social support buffers the caregiver's stress (Cohen & Wills 1985; Crockenberg 1981).
#pragma once

#include "sim/core/parameter.hpp"

namespace attachsim::models {

struct ChaosSupportParameters {
  double missed_bids;
  double chaos_stress;
  double interrupted_comfort;
  double support_buffer;
};

inline sim::ParameterTable<ChaosSupportParameters> chaos_support_table() {
  using P = ChaosSupportParameters;
  return {
      sim::real("missed_bids", &P::missed_bids, 0.2, 0, 1,
                {"fraction", "Share of the weakest signals lost to the noise of a maximally chaotic home: detection x (1 - value x chaos x (1 - signal strength)), so that an escalated cry is always heard.", "assumption; Evans & Wachs 2010"}),
      sim::real("chaos_stress", &P::chaos_stress, 0.15, 0, 1,
                {"0-1 per unit chaos", "Addition to the caregivers' chronic stress per unit of household chaos.", "Coldwell, Pike & Dunn 2006; Corapci & Wachs 2002: chaos -> parenting stress and less responsive parenting"}),
      sim::real("interrupted_comfort", &P::interrupted_comfort, 0.3, 0, 1,
                {"fraction", "Share of prompt comfort that chaos at its maximum interrupts into delayed comfort.", "assumption"}),
      sim::real("support_buffer", &P::support_buffer, 0.4, 0, 1,
                {"fraction", "How much social support above (below) its median lowers (raises) stress: x (1 - value x 2 (support - 0.5)).", "assumption; Crockenberg 1981"}),
  };
}

}  // namespace attachsim::models
