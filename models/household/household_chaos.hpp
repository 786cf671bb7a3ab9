// Household chaos (noise, crowding, lack of routine; Matheny et al. 1995, CHAOS scale): in a chaotic
// home bids are more often missed and comfort more often interrupted and delayed (Evans & Wachs 2010).
// Social support buffers the caregiver's stress (Cohen & Wills 1985; Crockenberg 1981).
#pragma once

#include "sim/core/parameter.hpp"

namespace attachsim::models {

struct ChaosSupportParameters {
  double missed_bids;
  double interrupted_comfort;
  double support_buffer;
};

inline sim::ParameterTable<ChaosSupportParameters> chaos_support_table() {
  using P = ChaosSupportParameters;
  return {
      sim::real("missed_bids", &P::missed_bids, 0.2, 0, 1,
                {"fraction", "Share of bids lost to the noise of a maximally chaotic home (detection x (1 - value x chaos)).", "assumption; Evans & Wachs 2010"}),
      sim::real("interrupted_comfort", &P::interrupted_comfort, 0.3, 0, 1,
                {"fraction", "Share of prompt comfort that chaos at its maximum interrupts into delayed comfort.", "assumption"}),
      sim::real("support_buffer", &P::support_buffer, 0.4, 0, 1,
                {"fraction", "How much social support above (below) its median lowers (raises) stress: x (1 - value x 2 (support - 0.5)).", "assumption; Crockenberg 1981"}),
  };
}

}  // namespace attachsim::models
