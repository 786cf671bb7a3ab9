// The Strange Situation (Ainsworth, Blehar, Waters & Wall 1978) as an observer would run it: two
// separations raise the infant's distress, and at each reunion the infant acts toward the figure from
// what it has learned with that figure (its policy for intense distress, its working model, its fear)
// and the figure answers as she answers on that day. Coders score the interactive scales (1-7) from
// those behaviour samples and the Main & Solomon (1990) disorganization scale (1-9) from the signs of
// fear, conflict and apprehension in them, with coder noise, and classify A/B/C/D with the forced
// best-fitting organized class beside D. Disorganization is read from the infant's fear whatever it
// does, so that an infant who approaches more is not for that reason scored more disorganized; an
// atypical answer in the room adds its own sign. Nothing here reads the caregiver's traits: only her
// answers in the room. Her alarming acts seen in the room are also tallied on their own, as a coder of
// the caregiver's behaviour would tally them (frightening and frightened behaviour, Main & Hesse 1990,
// as AMBIANCE codes it, Lyons-Ruth, Bronfman & Parsons 1999): the anomalous caregiving that studies of
// the transmission gap measure (Madigan et al. 2006).
#pragma once

#include "models/caregiver/caregiving_response.hpp"
#include "models/infant/signalling_policy.hpp"
#include "models/infant/working_model.hpp"
#include "sim/core/parameter.hpp"
#include "sim/core/portable_exp.hpp"
#include "sim/core/random_stream.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace attachsim::models {

enum class AssessedFigure { primary, partner, childcare };

struct StrangeSituationParameters {
  std::vector<double> ages_months;
  AssessedFigure figure;
  bool with_partner;
  bool second_coder;
  std::int64_t behaviours_per_reunion;
  double conflict_gain;
  double freeze_gain;
  double settle_floor;
  double disorganization_saturation;
  double coder_noise_sd;
  double avoidance_cutoff;
  double resistance_cutoff;
  double disorganization_cutoff;
  double familiarity_days;
  double overwhelmed_unfamiliar;
  double anger_at_unavailability;
};

inline sim::ParameterTable<StrangeSituationParameters> strange_situation_table() {
  using P = StrangeSituationParameters;
  return {
      sim::real_list("ages_months", &P::ages_months, {12}, 9, 60,
                     {"months", "Ages at which the Strange Situation is run (12; 18 and 24 on request).", "Ainsworth et al. 1978: designed for 12-18 months"}),
      sim::choice("figure", &P::figure, {"primary", "partner", "childcare"}, 0,
                  {"", "The attachment figure the Strange Situation is run with (the ssp_* columns); a figure absent on the day gives an empty class.", "Main & Weston 1981: classifications are specific to the relationship"}),
      sim::boolean("with_partner", &P::with_partner, false,
                   {"", "Also run the Strange Situation with the partner at each age (ssp_<age>_partner_* columns) and report the concordance of the two classifications.", "Fox, Kimmerly & Schafer 1991 (meta-analysis of concordance with mother and father)"}),
      sim::boolean("second_coder", &P::second_coder, false,
                   {"", "Have a second coder score each Strange Situation from the same behaviour (ssp_<age>_class_coder2), for inter-coder agreement.", "reliability check, as published studies report it"}),
      sim::integer("behaviours_per_reunion", &P::behaviours_per_reunion, 8, 1, 100,
                   {"behaviours", "Coded behaviour samples in each of the two reunions.", "assumption: 3-minute reunions coded in 15-second intervals give about 12"}),
      sim::real("conflict_gain", &P::conflict_gain, 1.5, 0, 10,
                {"per unit fear^2", "Probability per squared unit of fear of the figure that a behaviour sample shows conflict (approach-avoidance, stilling, apprehension), whatever the infant does.", "Main & Hesse 1990: fright without solution; Main & Solomon 1990"}),
      sim::real("freeze_gain", &P::freeze_gain, 1.0, 0, 10,
                {"per unit fear^3", "Additional probability per cubed unit of fear that a behaviour sample shows freezing or dissociation.", "Main & Solomon 1990 indices of disorganization"}),
      sim::real("settle_floor", &P::settle_floor, 0.5, 0, 1,
                {"probability", "Chance that being held settles an infant who expects comfort but finds answers wholly unpredictable: settling = soothability x availability x (floor + (1 - floor) x predictability).", "assumption; Ainsworth et al. 1978 on contact that fails to comfort C infants"}),
      sim::real("disorganization_saturation", &P::disorganization_saturation, 0.5, 0.01, 1,
                {"share of samples", "Share of behaviour samples showing disorganization at which the 1-9 scale reaches 9.", "assumption; Main & Solomon 1990: brief, intense lapses suffice for high ratings"}),
      sim::real("coder_noise_sd", &P::coder_noise_sd, 0.8, 0, 3,
                {"scale points", "SD of coder error on each scale score.", "set so that two coders of the same tapes agree on the 4-way class about as often as published (80-90%; van IJzendoorn et al. 1999); docs/calibration.md, instruments"}),
      sim::real("avoidance_cutoff", &P::avoidance_cutoff, 5, 1, 7,
                {"scale points", "Avoidance at or above which (and above resistance) the organized class is A.", "Ainsworth et al. 1978 classification guidelines"}),
      sim::real("resistance_cutoff", &P::resistance_cutoff, 4, 1, 7,
                {"scale points", "Resistance at or above which the organized class is C (when not A).", "Ainsworth et al. 1978 classification guidelines"}),
      sim::real("disorganization_cutoff", &P::disorganization_cutoff, 5, 1, 9,
                {"scale points", "Disorganization rating at or above which the infant is classified D.", "Main & Solomon 1990: ratings of 5 or more"}),
      sim::real("familiarity_days", &P::familiarity_days, 10, 0.1, 365,
                {"separation days", "How quickly separations become familiar: an infant's unfamiliarity with separation is exp(-separation days so far / this).", "assumption: familiarity comes quickly, so that infants in childcare and at home differ little in the procedure (NICHD ECCRN 1997)"}),
      sim::real("overwhelmed_unfamiliar", &P::overwhelmed_unfamiliar, 0.17, 0, 1,
                {"share of samples", "Share of reunion behaviour samples in which an infant wholly unfamiliar with separation is overwhelmed: it cries hard whatever it has learned and being held does not settle it (times its unfamiliarity).",
                 "direction: Takahashi 1986, 1990 (Japanese infants, never left before, met the separations as extreme stressors); size calibrated to the Japanese resistant share (docs/calibration.md, Cultures)"}),
      sim::real("anger_at_unavailability", &P::anger_at_unavailability, 0.5, 0, 1,
                {"probability per unit", "Chance that an infant of average temperament, held but not settled at a reunion, resists (angry, pushing away while seeking contact) whatever signal it made, per unit of its expected unavailability of the figure (1 - expected availability); a reactive infant's odds are higher by infant.temperament_intensity_effect per SD. 0: the rival account in which only an escalating infant resists (docs/guide_hypothesis.md).",
                 "Ainsworth et al. 1978 (resistant infants' mothers were unresponsive to crying, not rejecting); Cassidy & Berlin 1994 (anger at an inconsistently available figure); Bowlby 1973 (the anger of hope); Rothbart 1981 (anger at limits is part of negative emotionality). Size an assumption: a round half, not chosen by the checks (docs/calibration.md, pass 12)"}),
  };
}

// What the coders saw: shares of the behaviour samples.
struct StrangeSituationBehaviour {
  double approach = 0, contact = 0, avoid = 0, resist = 0, disorganized = 0;  // shares of samples
  int caregiver_alarming = 0;  // the figure's alarming acts seen in the samples (a count)
};

struct StrangeSituationResult {
  double proximity_seeking = 1, contact_maintaining = 1, avoidance = 1, resistance = 1;  // 1-7
  double disorganization = 1;                                                           // 1-9
  char organized_class = 'B';  // forced best-fitting A, B or C
  char attachment_class = 'B'; // A, B, C or D
  double security = 0.5;       // 0-1, from the interactive scales
};

// The share of reunion samples in which an infant with `separation_days` of experience of separation is
// overwhelmed by the procedure's separations.
inline double overwhelmed_share(const StrangeSituationParameters& p, double separation_days) {
  return p.overwhelmed_unfamiliar * std::exp(-separation_days / p.familiarity_days);
}

// An infant's overwhelm in the room: its share of samples and the stream it is drawn from (apart from
// the reunions' own, so that an infant used to separation behaves exactly as it would without it).
struct Overwhelm {
  double share = 0;
  sim::RandomStream* stream = nullptr;
};

// An infant's proneness to anger at a reunion: the chance that, held but not settled by a figure it is
// sure would not come, it resists. `anger` (anger_at_unavailability) for average temperament; a reactive
// infant's odds are higher by `odds_shift` (temperament x infant.temperament_intensity_effect): anger at
// limits is part of negative emotionality (Rothbart 1981), and the log-odds that make a reactive infant's
// distress intense make its reunion distress angry too. No logarithm: logistic(logit(a) + s) written
// with portable_exp alone, so that the classroom's WebAssembly build draws the same number.
inline double anger_proneness(double anger, double odds_shift) {
  if (anger <= 0 || anger >= 1) return std::clamp(anger, 0.0, 1.0);
  const double raised = anger * sim::portable_exp(odds_shift);
  return raised / (raised + 1 - anger);
}

// The reunions: the infant's behaviour with a figure whose answers in the room follow `odds`. `anger` is
// the infant's anger_proneness.
StrangeSituationBehaviour reunions(const StrangeSituationParameters& p, const SignallingPolicy& policy,
                                   const WorkingModel& model, const AnswerOdds& odds, double anger,
                                   sim::RandomStream& stream, Overwhelm overwhelm = {});

// One coder's scores and classification of the behaviour.
StrangeSituationResult code(const StrangeSituationParameters& p, const StrangeSituationBehaviour& b, sim::RandomStream& stream);

// The classification rule alone, from coded scale scores.
void classify(const StrangeSituationParameters& p, StrangeSituationResult& r);

}  // namespace attachsim::models
