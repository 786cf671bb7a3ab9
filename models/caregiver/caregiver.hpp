// The caregiver: baseline sensitivity (Ainsworth's 1-9 scale maps to 0-1 as 1 + 8 s), state of mind,
// and the states that context and the infant move: stress, depression, self-efficacy, availability.
// Transactional effects (Sameroff 1975; van den Boom 1994 on irritable infants): inconsolable crying
// raises parenting stress and lowers self-efficacy and, over weeks, sensitivity; soothing success
// does the opposite.
#pragma once

#include "models/caregiver/state_of_mind.hpp"
#include "sim/core/parameter.hpp"

#include <algorithm>

namespace attachsim::models {

struct CaregiverParameters {
  double sensitivity_mean;
  double sensitivity_sd;
  double sensitivity_shift_insecure;
  double sensitivity_shift_adolescent;
  double detection_exponent;
  double delayed_share;
  double rebuff_base;
  double rebuff_intensity;
  double self_focus_exponent;
  double self_focus_comfort_share;
  double frightening_base;
  double frightening_stress;
  double hostile_under_stress;
  double sensitivity_restrains_mind;
  double atypical_under_stress;
  double stress_sensitivity_effect;
  double depression_sensitivity_effect;
  double crying_stress_gain;
  double parenting_stress_decay;
  double efficacy_rate;
  double efficacy_sensitivity_gain;
  double sensitivity_drift_rate;
  double motivation_sd;
};

inline sim::ParameterTable<CaregiverParameters> caregiver_table() {
  using P = CaregiverParameters;
  return {
      sim::real("sensitivity_mean", &P::sensitivity_mean, 0.65, 0, 1,
                {"0-1", "Population mean of baseline sensitivity (0-1): the share of answers that are prompt and appropriate. Observed 1-9 ratings also reflect detection and availability, so they run lower than 1 + 8 x value.", "assumption; normative samples are rated around 4-5 on the 1-9 scale (De Wolff & van IJzendoorn 1997)"}),
      sim::real("sensitivity_sd", &P::sensitivity_sd, 0.18, 0, 0.5,
                {"0-1", "Population SD of baseline sensitivity (clipped to [0, 1]).", "~1.5 scale points SD on the 1-9 scale"}),
      sim::real("sensitivity_shift_insecure", &P::sensitivity_shift_insecure, -0.08, -0.5, 0.5,
                {"0-1", "Shift of baseline sensitivity for caregivers whose state of mind is not autonomous.", "AAI-sensitivity association, van IJzendoorn 1995 (r ~ .34)"}),
      sim::real("sensitivity_shift_adolescent", &P::sensitivity_shift_adolescent, -0.08, -0.5, 0.5,
                {"0-1", "Shift of baseline sensitivity for adolescent mothers.", "assumption; adolescent mothers are rated less sensitive (e.g. Lounds et al. 2005)"}),
      sim::real("detection_exponent", &P::detection_exponent, 1.5, 0, 20,
                {"", "How much weak signals are missed by an insensitive caregiver: detection = availability * strength^(k (1 - sensitivity)).", "assumption; Ainsworth 1969: sensitivity is first noticing the signal"}),
      sim::real("delayed_share", &P::delayed_share, 0.5, 0, 1,
                {"probability", "Of answers that are not prompt and appropriate (and not rebuffs or frightening), the share that are delayed comfort rather than mis-attuned.", "assumption"}),
      sim::real("rebuff_base", &P::rebuff_base, 0.35, 0, 2,
                {"probability per unit dismissing", "Probability of a rebuff of a weak detected bid, per unit of dismissing state of mind.", "assumption; Main 1981 on rejection of attachment bids"}),
      sim::real("rebuff_intensity", &P::rebuff_intensity, 0.65, 0, 2,
                {"probability per unit dismissing", "Additional rebuff probability for the most intense bid: dismissing minds rebuff intense bids most.", "Main 1981; Main & Weston 1982"}),
      sim::real("self_focus_exponent", &P::self_focus_exponent, 4, 0, 20,
                {"", "While a preoccupied caregiver is absorbed in her own state, only strong signals break through: detection = availability * strength^k.", "Cassidy & Berlin 1994 on inconsistent responsiveness"}),
      sim::real("self_focus_comfort_share", &P::self_focus_comfort_share, 0.5, 0, 1,
                {"probability", "Of the bids that break through a preoccupied caregiver's self-focus, the share answered with comfort (the rest mis-attuned): her mood, not the signal, decides.", "assumption: intermittent reward (Cassidy & Berlin 1994)"}),
      sim::real("frightening_base", &P::frightening_base, 0.03, 0, 1,
                {"probability per unit unresolved", "Probability that a detected bid meets frightening or frightened behaviour, per unit of unresolved state of mind.", "Main & Hesse 1990; Schuengel et al. 1999"}),
      sim::real("frightening_stress", &P::frightening_stress, 0.3, 0, 2,
                {"probability per unit unresolved and stress", "Additional frightening behaviour under stress.", "Main & Hesse 1990 (trauma reminders under stress)"}),
      sim::real("sensitivity_restrains_mind", &P::sensitivity_restrains_mind, 2.0, 0, 10,
                {"log-rate per unit sensitivity", "How much a caregiver's momentary sensitivity holds back what her state of mind would do: rebuffs, self-focus and frightening behaviour are multiplied by exp(-k (sensitivity - 0.5)). Sensitivity thus carries part of the transmission from state of mind to attachment, and stress and depression, which lower momentary sensitivity, release it.", "van IJzendoorn 1995: sensitivity mediates part of the AAI-SSP association; assumption for the form"}),
      sim::real("hostile_under_stress", &P::hostile_under_stress, 0.35, 0, 2,
                {"probability per unit stress^2", "Rebuffs of any caregiver under stress: harsh, hostile answers rise with the square of stress.", "family stress model (Conger & Elder 1994): economic pressure -> parental hostility"}),
      sim::real("atypical_under_stress", &P::atypical_under_stress, 0.03, 0, 2,
                {"probability per unit stress^2", "Frightening or frightened behaviour of any caregiver under stress, beyond unresolved loss or trauma.", "Lyons-Ruth et al. 1999: atypical (hostile, helpless) maternal behaviour in high-risk samples"}),
      sim::real("stress_sensitivity_effect", &P::stress_sensitivity_effect, 0.3, 0, 1,
                {"fraction", "Proportional loss of momentary sensitivity at maximal stress.", "Booth et al. 2018: parenting stress r = -.13 with sensitivity"}),
      sim::real("depression_sensitivity_effect", &P::depression_sensitivity_effect, 0.35, 0, 1,
                {"fraction", "Proportional loss of momentary sensitivity while depressed.", "Bernard et al. 2018: r = -.35 diagnosed vs controls"}),
      sim::real("crying_stress_gain", &P::crying_stress_gain, 0.02, 0, 1,
                {"per episode", "Rise of parenting stress after an intense episode the caregiver answered but did not soothe.", "assumption (irritable-infant spiral, van den Boom 1994)"}),
      sim::real("parenting_stress_decay", &P::parenting_stress_decay, 0.05, 0, 1,
                {"per day", "Daily decay of parenting stress.", "assumption: recovers over weeks"}),
      sim::real("efficacy_rate", &P::efficacy_rate, 0.01, 0, 1,
                {"per episode", "Rate at which self-efficacy tracks the caregiver's success at soothing.", "assumption (Teti & Gelfand 1991 on maternal efficacy)"}),
      sim::real("efficacy_sensitivity_gain", &P::efficacy_sensitivity_gain, 0.2, 0, 1,
                {"0-1 per unit efficacy", "How far sensitivity moves from baseline per unit of self-efficacy above or below 0.5.", "assumption (Teti & Gelfand 1991)"}),
      sim::real("motivation_sd", &P::motivation_sd, 0.2, 0, 0.5,
                {"0-1", "SD of caregivers' motivation to engage in a program (mean 0.5, clipped to [0, 1]).", "assumption"}),
      sim::real("sensitivity_drift_rate", &P::sensitivity_drift_rate, 0.01, 0, 1,
                {"per day", "Daily rate at which sensitivity drifts toward its efficacy-adjusted level: weeks, not days.", "assumption"}),
  };
}

struct Caregiver {
  double sensitivity_baseline = 0.5;
  double sensitivity = 0.5;        // current, moved by self-efficacy
  StateOfMind mind;
  double stress_baseline = 0;      // chronic stress from context, 0-1
  double stress_own = 0;           // today's stress apart from parenting stress (fluctuates)
  double stress = 0;               // today's stress, 0-1
  double parenting_stress = 0;     // from the infant's inconsolable crying, 0-1
  double self_efficacy = 0.5;
  bool depressed = false;
  double availability = 1;         // today's probability of being there to notice a bid
  double motivation = 0.5;         // engagement with a program, 0-1
  double program_sensitivity = 0;  // a sensitivity program's effect: share of the gap to ideal answers closed
};

// Sensitivity in this moment: lowered by stress and depression.
inline double momentary_sensitivity(const CaregiverParameters& p, const Caregiver& c) {
  const double trained = c.sensitivity + c.program_sensitivity * (1 - c.sensitivity);
  return trained * (1 - p.stress_sensitivity_effect * c.stress) *
         (c.depressed ? 1 - p.depression_sensitivity_effect : 1.0);
}

// Transactional effect of one episode on the caregiver. A rate times 0 instead of a skipped update
// (x + 0 * y is x), so that the episode loop has no branch on the random answer here.
inline void caregiver_after_episode(const CaregiverParameters& p, Caregiver& c, bool answered, bool soothed,
                                    bool intense) {
  const double unsoothed_cry = intense & answered & !soothed, tried = answered, success = soothed;
  c.parenting_stress += p.crying_stress_gain * unsoothed_cry * (1 - c.parenting_stress);
  c.self_efficacy += p.efficacy_rate * tried * (success - c.self_efficacy);
}

// Slow daily drift of sensitivity toward what the caregiver's self-efficacy supports.
inline void caregiver_end_of_day(const CaregiverParameters& p, Caregiver& c) {
  c.parenting_stress *= 1 - p.parenting_stress_decay;
  const double target = c.sensitivity_baseline + p.efficacy_sensitivity_gain * (c.self_efficacy - 0.5);
  c.sensitivity = std::clamp(c.sensitivity + p.sensitivity_drift_rate * (target - c.sensitivity), 0.0, 1.0);
}

}  // namespace attachsim::models
