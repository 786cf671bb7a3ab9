// The Strange Situation (Ainsworth, Blehar, Waters & Wall 1978) as an observer would run it: two
// reunions after separations, under raised distress. The infant acts from what it has learned (its
// policy for intense distress, its working model, its fear of the caregiver); coders score the
// interactive scales (1-7) and the Main & Solomon (1990) disorganization scale (1-9), with coder
// noise, and classify A/B/C/D with the forced best-fitting organized class beside D.
// Nothing here sees the caregiver: the class is read off the infant's behaviour alone.
#pragma once

#include "models/infant/signalling_policy.hpp"
#include "models/infant/working_model.hpp"
#include "sim/core/parameter.hpp"
#include "sim/core/random_stream.hpp"

#include <vector>

namespace attachsim::models {

struct StrangeSituationParameters {
  std::vector<double> ages_months;
  std::int64_t behaviours_per_reunion;
  double conflict_gain;
  double freeze_gain;
  double settle_floor;
  double disorganization_saturation;
  double coder_noise_sd;
  double avoidance_cutoff;
  double resistance_cutoff;
  double disorganization_cutoff;
};

inline sim::ParameterTable<StrangeSituationParameters> strange_situation_table() {
  using P = StrangeSituationParameters;
  return {
      sim::real_list("ages_months", &P::ages_months, {12}, 9, 60,
                     {"months", "Ages at which the Strange Situation is run (12; 18 and 24 on request).", "Ainsworth et al. 1978: designed for 12-18 months"}),
      sim::integer("behaviours_per_reunion", &P::behaviours_per_reunion, 8, 1, 100,
                   {"behaviours", "Coded behaviour samples in each of the two reunions.", "assumption: 3-minute reunions coded in 15-second intervals give about 12"}),
      sim::real("conflict_gain", &P::conflict_gain, 1.5, 0, 10,
                {"per unit fear^2", "Probability per squared unit fear that an approach breaks into conflict behaviour (approach-avoidance, stilling).", "Main & Hesse 1990: fright without solution"}),
      sim::real("freeze_gain", &P::freeze_gain, 1.0, 0, 10,
                {"per unit fear^3", "Probability per cubed unit fear of freezing or apprehension in a behaviour sample.", "Main & Solomon 1990 indices of disorganization"}),
      sim::real("settle_floor", &P::settle_floor, 0.5, 0, 1,
                {"probability", "Chance that contact settles an infant who expects comfort but finds answers wholly unpredictable: settling = availability x (floor + (1 - floor) x predictability).", "assumption; Ainsworth et al. 1978 on contact that fails to comfort C infants"}),
      sim::real("disorganization_saturation", &P::disorganization_saturation, 0.5, 0.01, 1,
                {"share of samples", "Share of behaviour samples showing disorganization at which the 1-9 scale reaches 9.", "assumption; Main & Solomon 1990: brief, intense lapses suffice for high ratings"}),
      sim::real("coder_noise_sd", &P::coder_noise_sd, 0.5, 0, 3,
                {"scale points", "SD of coder error on each scale score.", "inter-coder agreement on the interactive scales is high but imperfect (Ainsworth et al. 1978)"}),
      sim::real("avoidance_cutoff", &P::avoidance_cutoff, 5, 1, 7,
                {"scale points", "Avoidance at or above which (and above resistance) the organized class is A.", "Ainsworth et al. 1978 classification guidelines"}),
      sim::real("resistance_cutoff", &P::resistance_cutoff, 4, 1, 7,
                {"scale points", "Resistance at or above which the organized class is C (when not A).", "Ainsworth et al. 1978 classification guidelines"}),
      sim::real("disorganization_cutoff", &P::disorganization_cutoff, 5, 1, 9,
                {"scale points", "Disorganization rating at or above which the infant is classified D.", "Main & Solomon 1990: ratings of 5 or more"}),
  };
}

struct StrangeSituationResult {
  double proximity_seeking = 1, contact_maintaining = 1, avoidance = 1, resistance = 1;  // 1-7
  double disorganization = 1;                                                           // 1-9
  char organized_class = 'B';  // forced best-fitting A, B or C
  char attachment_class = 'B'; // A, B, C or D
  double security = 0.5;       // 0-1, from the interactive scales
};

StrangeSituationResult strange_situation(const StrangeSituationParameters& p, const SignallingPolicy& policy,
                                         const WorkingModel& model, sim::RandomStream& stream);

// The classification rule alone, from coded scale scores.
void classify(const StrangeSituationParameters& p, StrangeSituationResult& r);

}  // namespace attachsim::models
