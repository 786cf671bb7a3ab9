// Observed caregiver sensitivity on Ainsworth's 1-9 scale (Ainsworth 1969), rated by an observer from
// what happens during a home visit of a set length: the caregiver's answers to the infant's everyday
// signals (looks, sounds, reaching, play) and to the distress episodes that happen to fall in the visit,
// as the infant signals them and as the caregiver answers on that day. The rater credits prompt,
// appropriate answers and weighs answers to distress more. Reliability is not set but emerges: a short
// visit sees few answers, a bad day lowers the score, and the rater errs (Pederson & Moran 1995; NICHD
// ECCRN 1999 report test-retest r ~ .4-.6 across visits and inter-rater agreement ~ .8-.9).
#pragma once

#include "models/caregiver/caregiving_response.hpp"
#include "models/infant/signalling_policy.hpp"
#include "sim/core/parameter.hpp"
#include "sim/core/poisson.hpp"
#include "sim/core/random_stream.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <vector>

namespace attachsim::models {

struct SensitivityObservationParameters {
  std::vector<double> ages_months;
  double visit_minutes;
  double signals_per_hour;
  double waking_hours;
  double distress_weight;
  double rater_noise_sd;
  bool second_rater;
  bool with_partner;
  double quality_delayed;
  double quality_misattuned;
};

inline sim::ParameterTable<SensitivityObservationParameters> sensitivity_observation_table() {
  using P = SensitivityObservationParameters;
  return {
      sim::real_list("ages_months", &P::ages_months, {6, 12}, 0, 60,
                     {"months", "Ages at which sensitivity is observed at home.", "De Wolff & van IJzendoorn 1997: most studies observe in the first year"}),
      sim::real("visit_minutes", &P::visit_minutes, 60, 5, 1440,
                {"minutes", "Length of the observed home visit.", "typical of the studies pooled by De Wolff & van IJzendoorn 1997 (from 15-minute play to several hours; about an hour is common)"}),
      sim::real("signals_per_hour", &P::signals_per_hour, 20, 0, 600,
                {"signals/hour", "Everyday signals (looks, sounds, reaching, bids to play) whose answers the rater sees per hour.", "assumption"}),
      sim::real("waking_hours", &P::waking_hours, 12, 1, 24,
                {"hours", "Waking hours over which a day's distress episodes spread (a visit of h hours sees h / waking_hours of them).", "assumption"}),
      sim::real("distress_weight", &P::distress_weight, 3, 0, 100,
                {"x", "Weight of an answer to distress in the rating, relative to an answer to an everyday signal.", "Ainsworth 1969 puts responses to crying first; Leerkes 2011: sensitivity to distress matters most"}),
      sim::real("rater_noise_sd", &P::rater_noise_sd, 0.8, 0, 4,
                {"scale points", "SD of rater error on the 1-9 score.", "set so that two raters of one visit agree as published (ICC ~ .85; NICHD ECCRN 1999)"}),
      sim::boolean("second_rater", &P::second_rater, false,
                   {"", "Have a second rater score each visit independently (sensitivity_<age>_rater2), for inter-rater agreement.", "reliability check, as published studies report it"}),
      sim::boolean("with_partner", &P::with_partner, false,
                   {"", "Also observe the partner at each age, in a visit of the same length with him (sensitivity_<age>_partner; sensitivity_<age>_partner_observed is 0 where the infant has no partner that day).", "fathers' sensitivity is observed as mothers' is (Lucassen et al. 2011, meta-analysis of 16 studies)"}),
      sim::real("quality_delayed", &P::quality_delayed, 0.6, 0, 1,
                {"0-1", "Credit the rater gives delayed comfort (prompt, appropriate comfort = 1; no answer, rebuff or atypical behaviour = 0).", "Ainsworth 1969: promptness is part of sensitivity"}),
      sim::real("quality_misattuned", &P::quality_misattuned, 0.25, 0, 1,
                {"0-1", "Credit the rater gives a mis-attuned or intrusive answer.", "Ainsworth 1969: appropriateness is part of sensitivity"}),
  };
}

struct ObservedSensitivity {
  double score = 1, second_rater = 1;  // 1-9
};

// What the visit saw of the infant: its policy and how often it is distressed, and how intensely.
struct ObservedInfant {
  const SignallingPolicy& policy;
  double intense_probability;
  double episodes_per_day;
};

inline double answer_quality(const SensitivityObservationParameters& p, Response r) {
  switch (r) {
    case Response::comfort:
    case Response::comfort_unsoothed: return 1.0;  // the answer was right, whether or not it settled
    case Response::delayed:
    case Response::delayed_unsoothed: return p.quality_delayed;
    case Response::misattuned: return p.quality_misattuned;
    default: return 0.0;
  }
}

inline ObservedSensitivity observe_sensitivity(const SensitivityObservationParameters& p, const AnswerOdds& odds,
                                               const ObservedInfant& infant, sim::RandomStream& stream) {
  const double hours = p.visit_minutes / 60;
  double credit = 0, weight = 0;
  // Everyday signals: noticed like a direct bid; answered appropriately by her sensitivity of the day
  // unless she is absorbed in herself. Rebuffs and atypical behaviour belong to distress.
  const int everyday = sim::poisson(p.signals_per_hour * hours, stream);
  for (int i = 0; i < everyday; ++i) {
    const double u_focus = stream.uniform(), u_detect = stream.uniform(), u_kind = stream.uniform();
    const bool noticed = u_detect < odds.cuts[u_focus < odds.self_focus][direct].detect;
    credit += noticed ? (u_focus >= odds.self_focus && u_kind < odds.comfort ? 1.0 : p.quality_misattuned) : 0.0;
    weight += 1;
  }
  const int distress = sim::poisson(infant.episodes_per_day * hours / p.waking_hours, stream);
  for (int i = 0; i < distress; ++i) {
    const int level = stream.uniform() < infant.intense_probability ? 1 : 0;
    const int signal = infant.policy.choose(level, stream.uniform());
    const double u_focus = stream.uniform(), u_detect = stream.uniform(), u_kind = stream.uniform();
    credit += p.distress_weight * answer_quality(p, caregiver_response(odds, signal, u_focus, u_detect, u_kind));
    weight += p.distress_weight;
  }
  const double seen = weight > 0 ? credit / weight : 0.5;  // nothing seen: the scale's middle
  boost::random::normal_distribution<double> rater(0, p.rater_noise_sd > 0 ? p.rater_noise_sd : 1);
  const auto rate = [&] {
    return std::clamp(1 + 8 * seen + (p.rater_noise_sd > 0 ? rater(stream) : 0.0), 1.0, 9.0);
  };
  ObservedSensitivity o;
  o.score = rate();
  o.second_rater = rate();
  return o;
}

}  // namespace attachsim::models
