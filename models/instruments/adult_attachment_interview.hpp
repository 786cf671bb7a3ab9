// The Adult Attachment Interview (George, Kaplan & Main 1985; Main, Goldwyn & Hesse 2003) as an
// instrument: it codes the caregiver's state-of-mind dimensions with error and classifies F, Ds, E or
// U. Its category may differ from the one the caregiver was drawn with, as real coding does.
#pragma once

#include "models/caregiver/state_of_mind.hpp"
#include "sim/core/parameter.hpp"
#include "sim/core/random_stream.hpp"

#include <boost/random/normal_distribution.hpp>

namespace attachsim::models {

struct AaiParameters {
  double coding_noise_sd;
  double unresolved_cutoff;
  double insecure_cutoff;
};

inline sim::ParameterTable<AaiParameters> aai_table() {
  using P = AaiParameters;
  return {
      sim::real("coding_noise_sd", &P::coding_noise_sd, 0.08, 0, 0.5,
                {"0-1", "SD of coding error on each state-of-mind dimension.", "assumption: AAI inter-coder agreement ~80% (Bakermans-Kranenburg & van IJzendoorn 1993)"}),
      sim::real("unresolved_cutoff", &P::unresolved_cutoff, 0.35, 0, 1,
                {"0-1", "Coded unresolved dimension at or above which the interview is classified U.", "assumption"}),
      sim::real("insecure_cutoff", &P::insecure_cutoff, 0.35, 0, 1,
                {"0-1", "Coded dismissing or preoccupied dimension at or above which the interview is Ds or E (the larger wins).", "assumption"}),
  };
}

// The classification rule alone, from dimension scores.
inline AaiCategory classify_mind(const AaiParameters& p, double dismissing, double preoccupied, double unresolved) {
  if (unresolved >= p.unresolved_cutoff) return AaiCategory::U;
  if (dismissing >= p.insecure_cutoff || preoccupied >= p.insecure_cutoff)
    return dismissing >= preoccupied ? AaiCategory::Ds : AaiCategory::E;
  return AaiCategory::F;
}

inline AaiCategory code_aai(const AaiParameters& p, const StateOfMind& mind, sim::RandomStream& stream) {
  boost::random::normal_distribution<double> error(0, p.coding_noise_sd > 0 ? p.coding_noise_sd : 1);
  const auto coded = [&](double x) { return p.coding_noise_sd > 0 ? x + error(stream) : x; };
  const double u = coded(mind.unresolved), d = coded(mind.dismissing), e = coded(mind.preoccupied);
  return classify_mind(p, d, e, u);
}

}  // namespace attachsim::models
