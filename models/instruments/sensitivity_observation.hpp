// Observed caregiver sensitivity on Ainsworth's 1-9 scale (Ainsworth 1969), rated by an observer
// from a sample of home interactions: the caregiver's answers to the infant's clear bids on that day,
// scored for promptness and appropriateness, with rater noise. Rating answers to a standard bid keeps
// the score a measure of the caregiver, not of what the infant has learned to show.
#pragma once

#include "models/caregiver/caregiving_response.hpp"
#include "sim/core/parameter.hpp"
#include "sim/core/random_stream.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <vector>

namespace attachsim::models {

struct SensitivityObservationParameters {
  std::vector<double> ages_months;
  std::int64_t bids_observed;
  double rater_noise_sd;
  double quality_delayed;
  double quality_misattuned;
};

inline sim::ParameterTable<SensitivityObservationParameters> sensitivity_observation_table() {
  using P = SensitivityObservationParameters;
  return {
      sim::real_list("ages_months", &P::ages_months, {6, 12}, 0, 60,
                     {"months", "Ages at which sensitivity is observed at home.", "De Wolff & van IJzendoorn 1997: most studies observe in the first year"}),
      sim::integer("bids_observed", &P::bids_observed, 20, 1, 1000,
                   {"bids", "Infant signals whose answers the observer rates.", "assumption: a few hours of home observation"}),
      sim::real("rater_noise_sd", &P::rater_noise_sd, 1.0, 0, 4,
                {"scale points", "SD of rater error on the 1-9 score.", "assumption: rater error and the day-to-day variation a single visit misses (inter-rater reliability ~.85, cross-visit stability lower)"}),
      sim::real("quality_delayed", &P::quality_delayed, 0.6, 0, 1,
                {"0-1", "Credit the rater gives delayed comfort (prompt, appropriate comfort = 1; no answer, rebuff or fright = 0).", "Ainsworth 1969: promptness is part of sensitivity"}),
      sim::real("quality_misattuned", &P::quality_misattuned, 0.25, 0, 1,
                {"0-1", "Credit the rater gives a mis-attuned or intrusive answer.", "Ainsworth 1969: appropriateness is part of sensitivity"}),
  };
}

inline double observed_sensitivity(const SensitivityObservationParameters& p, const AnswerOdds& odds,
                                   sim::RandomStream& stream) {
  double quality = 0;
  for (std::int64_t i = 0; i < p.bids_observed; ++i) {
    const int signal = direct;
    const double u1 = stream.uniform(), u2 = stream.uniform(), u3 = stream.uniform();
    switch (caregiver_response(odds, signal, u1, u2, u3)) {
      case Response::comfort: quality += 1.0; break;
      case Response::delayed: quality += p.quality_delayed; break;
      case Response::misattuned: quality += p.quality_misattuned; break;
      default: break;
    }
  }
  boost::random::normal_distribution<double> rater(0, p.rater_noise_sd);
  const double score = 1 + 8 * quality / static_cast<double>(p.bids_observed) + (p.rater_noise_sd > 0 ? rater(stream) : 0.0);
  return std::clamp(score, 1.0, 9.0);
}

}  // namespace attachsim::models
