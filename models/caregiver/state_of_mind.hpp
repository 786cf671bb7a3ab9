// The caregiver's state of mind with respect to attachment, as the Adult Attachment Interview sees
// it (Main, Kaplan & Cassidy 1985): a category (autonomous F, dismissing Ds, preoccupied E,
// unresolved U) and the continuous dimensions behind it, which drive the caregiver's answers.
#pragma once

#include "sim/core/parameter.hpp"
#include "sim/core/random_stream.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>

namespace attachsim::models {

enum class AaiCategory { F, Ds, E, U };
inline const char* name_of(AaiCategory c) {
  static const char* const names[] = {"F", "Ds", "E", "U"};
  return names[static_cast<int>(c)];
}

struct StateOfMindParameters {
  double share_F;
  double share_Ds;
  double share_E;
  double share_U;
  double primary_dimension_mean;
  double secondary_dimension_mean;
  double dimension_sd;
  double unresolved_trace_mean;
};

inline sim::ParameterTable<StateOfMindParameters> state_of_mind_table() {
  using P = StateOfMindParameters;
  const char* shares = "van IJzendoorn & Bakermans-Kranenburg meta-analyses, non-clinical mothers, 4-way";
  return {
      sim::real("share_F", &P::share_F, 0.552, 0, 1, {"probability", "Share of caregivers autonomous (F).", shares}),
      sim::real("share_Ds", &P::share_Ds, 0.196, 0, 1, {"probability", "Share of caregivers dismissing (Ds).", shares}),
      sim::real("share_E", &P::share_E, 0.104, 0, 1, {"probability", "Share of caregivers preoccupied (E).", shares}),
      sim::real("share_U", &P::share_U, 0.148, 0, 1,
                {"probability", "Share of caregivers unresolved (U); their forced organized category follows the F/Ds/E shares.", shares}),
      sim::real("primary_dimension_mean", &P::primary_dimension_mean, 0.6, 0, 1,
                {"0-1", "Mean of the dimension that defines the caregiver's category (dismissing for Ds, ...).", "assumption: scaled AAI dimensions"}),
      sim::real("secondary_dimension_mean", &P::secondary_dimension_mean, 0.1, 0, 1,
                {"0-1", "Mean of the other dimensions (traces of dismissal, preoccupation, lack of resolution).", "assumption"}),
      sim::real("dimension_sd", &P::dimension_sd, 0.12, 0, 0.5,
                {"0-1", "SD of each dimension around its mean (clipped to [0, 1]).", "assumption"}),
      sim::real("unresolved_trace_mean", &P::unresolved_trace_mean, 0.15, 0, 1,
                {"0-1", "Mean unresolved dimension of caregivers not classified U (SD dimension_sd / 4): unresolved loss or trauma below the AAI's cutoff for U, which still intrudes into caregiving now and then as atypical acts.",
                 "calibrated (docs/calibration.md, 2026-12-04): to the correlation of an unresolved state of mind with anomalous caregiving, r = .21 (Madigan et al. 2006, meta-analysis): most anomalous caregiving is in parents not coded U. The AAI's unresolved scale is continuous and U a cutoff on it (Main, Goldwyn & Hesse 2003); Lyons-Ruth et al. 1999 (atypical behaviour outside U). 0.02 until 2026-12-04"}),
  };
}

struct StateOfMind {
  AaiCategory category = AaiCategory::F;  // as drawn; the AAI instrument codes its own
  AaiCategory organized = AaiCategory::F;  // the organized category: its own, or for U the forced one beside it
  double dismissing = 0;    // rebuffs bids, more the more intense they are
  double preoccupied = 0;   // answers by own state rather than by the infant's signal
  double unresolved = 0;    // frightening / frightened behaviour, more under stress
};

}  // namespace attachsim::models

namespace attachsim::models {

// The dimensions behind a category: the defining one high, the others faint. `organized` is the
// category an unresolved mind is forced into (for F, Ds and E minds, their own category).
inline StateOfMind draw_state_of_mind(const StateOfMindParameters& som, bool unresolved, AaiCategory organized,
                                      sim::RandomStream& stream) {
  boost::random::normal_distribution<double> z(0, 1);
  const auto dimension = [&](bool primary) {
    return std::clamp((primary ? som.primary_dimension_mean : som.secondary_dimension_mean) + som.dimension_sd * z(stream),
                      0.0, 1.0);
  };
  StateOfMind mind;
  mind.category = unresolved ? AaiCategory::U : organized;
  mind.organized = organized;
  mind.dismissing = dimension(organized == AaiCategory::Ds);
  mind.preoccupied = dimension(organized == AaiCategory::E);
  mind.unresolved = unresolved ? dimension(true)
                               : std::clamp(som.unresolved_trace_mean + 0.25 * som.dimension_sd * z(stream), 0.0, 1.0);
  return mind;
}

}  // namespace attachsim::models
