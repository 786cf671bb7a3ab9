// A caregiver, any attachment figure (the primary caregiver, a partner, a childcare provider):
// baseline sensitivity (Ainsworth's 1-9 scale maps to 0-1 as 1 + 8 s), state of mind, and the states
// that context and the infant move: stress, depression, self-efficacy, availability, and atypical
// behaviour. Sensitivity fluctuates from day to day around a level that itself drifts with chronic
// stress, support and the caregiver's success with the infant (Sameroff 1975; van den Boom 1994: an
// infant who cannot be soothed lowers self-efficacy and, over weeks, sensitivity, and a caregiver who
// feels helpless withdraws from crying, Donovan & Leavitt 1989). Atypical behaviour (Lyons-Ruth,
// Bronfman & Parsons 1999, the AMBIANCE dimensions) is threatening or frightened, helpless and
// dissociated; it comes from unresolved loss or trauma, stress, depression, violence and abuse.
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
  double mood_sd;
  double detection_exponent;
  double delayed_share;
  double protest_holding;
  double rebuff_base;
  double rebuff_intensity;
  double self_focus_exponent;
  double self_focus_comfort_share;
  double frightening_base;
  double frightening_stress;
  double frightened_share;
  double unresolved_secure_buffer;
  double hostile_under_stress;
  double atypical_under_stress;
  double atypical_stress_threshold;
  double sensitivity_restrains_mind;
  double stress_sensitivity_effect;
  double depression_sensitivity_effect;
  double depression_intrusive_share;
  double depression_hostility;
  double depression_frightened;
  double violence_frightened;
  double atypical_tracks_crying;
  double crying_stress_gain;
  double parenting_stress_decay;
  double efficacy_rate;
  double efficacy_expected;
  double efficacy_sensitivity_gain;
  double withdrawal_gain;
  double chronic_stress_sensitivity_loss;
  double support_sensitivity_gain;
  double sensitivity_drift_rate;
  double motivation_sd;
};

inline sim::ParameterTable<CaregiverParameters> caregiver_table() {
  using P = CaregiverParameters;
  return {
      sim::real("sensitivity_mean", &P::sensitivity_mean, 0.785, 0, 1,
                {"0-1", "Population mean of baseline sensitivity (0-1): the share of answers that are prompt and appropriate. Observed 1-9 ratings also reflect detection and availability, so they run lower than 1 + 8 x value.", "calibrated (docs/calibration.md): to the normative B share; its observed 1-9 mean is then checked against normative samples (4-5; De Wolff & van IJzendoorn 1997)"}),
      sim::real("sensitivity_sd", &P::sensitivity_sd, 0.18, 0, 0.5,
                {"0-1", "Population SD of baseline sensitivity (clipped to [0, 1]).", "~1.5 scale points SD on the 1-9 scale"}),
      sim::real("sensitivity_shift_insecure", &P::sensitivity_shift_insecure, -0.08, -0.5, 0.5,
                {"0-1", "Shift of baseline sensitivity for caregivers whose state of mind is not autonomous.", "van IJzendoorn 1995: AAI and observed responsiveness r = .34; this shift gives r = .19, and larger ones carry the sensitivity-security r past its target (docs/calibration.md)"}),
      sim::real("sensitivity_shift_adolescent", &P::sensitivity_shift_adolescent, -0.08, -0.5, 0.5,
                {"0-1", "Shift of baseline sensitivity for adolescent mothers.", "assumption; adolescent mothers are rated less sensitive (e.g. Lounds et al. 2005)"}),
      sim::real("mood_sd", &P::mood_sd, 0.18, 0, 0.5,
                {"0-1", "SD of the day-to-day fluctuation of sensitivity around its level (good and bad days), drawn afresh each day.", "set so that two home visits a week apart agree as published ratings do (test-retest r ~ .4-.6 over weeks to months; Pederson & Moran 1995; NICHD ECCRN 1999); see docs/calibration.md, instruments"}),
      sim::real("detection_exponent", &P::detection_exponent, 1.5, 0, 20,
                {"", "How much weak signals are missed by an insensitive caregiver: detection = availability * strength^(k (1 - sensitivity)).", "assumption; Ainsworth 1969: sensitivity is first noticing the signal"}),
      sim::real("delayed_share", &P::delayed_share, 0.5, 0, 1,
                {"probability", "Of answers that are not prompt and appropriate (and not rebuffs or atypical), the share that are delayed comfort rather than mis-attuned.", "assumption"}),
      sim::real("protest_holding", &P::protest_holding, 1, 0, 5,
                {"attempts", "Extra attempts at settling that an escalated protest draws: a caregiver who comforts a screaming infant holds it longer, so comfort of an intense protest settles a hard-to-soothe infant more often (settled = 1 - (1 - soothability)^(1 + k)). For an easily soothed infant it changes little; for an irritable one it makes protest pay.",
                 "assumption; Bell & Ainsworth 1972 (intense crying draws longer holding); Cassidy & Berlin 1994 (hyperactivation pays where comfort is hard to get); van den Boom 1994"}),
      sim::real("rebuff_base", &P::rebuff_base, 0.25, 0, 2,
                {"probability per unit dismissing", "Probability of a rebuff of a weak detected bid, per unit of dismissing state of mind.", "calibrated (docs/calibration.md): to the A shares; Main 1981 on rejection of attachment bids"}),
      sim::real("rebuff_intensity", &P::rebuff_intensity, 0.65, 0, 2,
                {"probability per unit dismissing", "Additional rebuff probability for the most intense bid: dismissing minds rebuff intense bids most.", "Main 1981; Main & Weston 1982"}),
      sim::real("self_focus_exponent", &P::self_focus_exponent, 4, 0, 20,
                {"", "While a preoccupied caregiver is absorbed in her own state, only strong signals break through: detection = availability * strength^k.", "Cassidy & Berlin 1994 on inconsistent responsiveness"}),
      sim::real("self_focus_comfort_share", &P::self_focus_comfort_share, 0.6, 0, 1,
                {"probability", "Of the bids that break through a preoccupied caregiver's self-focus, the share answered with comfort (the rest mis-attuned): her mood, not the signal, decides.", "calibrated (docs/calibration.md): with signalling.escalation_cost to the C shares; Cassidy & Berlin 1994 (intermittent reward)"}),
      sim::real("frightening_base", &P::frightening_base, 0.045, 0, 1,
                {"probability per unit unresolved", "Probability that an episode of the infant's distress meets atypical behaviour (threatening or frightened) from unresolved loss or trauma, per unit of unresolved state of mind, whether or not the caregiver noticed the bid or was self-focused.", "calibrated (docs/calibration.md): with frightening_stress to the normative D share (0.037 until fear extinction, 0.075 until atypical acts outside U, both 2026-12-04; 0.05 until fear faded with the figure's care, pass 14, 2026-12-05), checked against the U-D association (van IJzendoorn 1995); Main & Hesse 1990; Schuengel et al. 1999"}),
      sim::real("frightening_stress", &P::frightening_stress, 0.02, 0, 2,
                {"probability per unit unresolved and stress", "Additional atypical behaviour of unresolved minds under stress.", "calibrated (docs/calibration.md): see frightening_base (0.04 until pass 14, 2026-12-05); Main & Hesse 1990 (trauma reminders under stress)"}),
      sim::real("frightened_share", &P::frightened_share, 0.5, 0, 1,
                {"share", "Of the atypical behaviour that unresolved experience intrudes with, the share that is frightened, helpless or dissociated rather than threatening.", "assumption; Main & Hesse 1990 and Hesse & Main 2006 describe both; Lyons-Ruth et al. 1999 (hostile and helpless profiles)"}),
      sim::real("unresolved_secure_buffer", &P::unresolved_secure_buffer, 0, 0, 1,
                {"share", "Share of an unresolved mind's atypical intrusion that a secure (autonomous) organized classification beside U holds back: U/F caregivers act on unresolved loss or trauma less. 0: off (the default; every unresolved mind intrudes alike); 1: a U/F caregiver's unresolved experience does not intrude at all.",
                 "rival hypothesis, off by default (docs/guide_hypothesis.md): Schuengel, Bakermans-Kranenburg & van IJzendoorn 1999 found unresolved loss related to frightening behaviour only in mothers whose secondary classification was insecure (85 low-risk mothers; one study)"}),
      sim::real("sensitivity_restrains_mind", &P::sensitivity_restrains_mind, 0.4, 0, 10,
                {"log-rate per unit sensitivity", "How much a caregiver's momentary sensitivity holds back what her state of mind and atypical tendencies would do: rebuffs, self-focus and atypical behaviour are multiplied by exp(-k (sensitivity - 0.5)). Sensitivity thus carries part of the transmission from state of mind to attachment, and stress and depression, which lower momentary sensitivity, release it.", "calibrated (docs/calibration.md): to the sensitivity-security correlation (De Wolff & van IJzendoorn 1997: r = .24), with the instruments at their published reliabilities; van IJzendoorn 1995 for the mediation it carries"}),
      sim::real("hostile_under_stress", &P::hostile_under_stress, 0.35, 0, 2,
                {"probability per unit stress^2", "Rebuffs of any caregiver under stress: harsh, hostile answers rise with the square of stress.", "family stress model (Conger & Elder 1994): economic pressure -> parental hostility"}),
      sim::real("atypical_under_stress", &P::atypical_under_stress, 0.02, 0, 5,
                {"probability per unit (stress - threshold)^2", "Atypical behaviour (half threatening, half frightened and helpless) of any caregiver whose stress over recent weeks is past atypical_stress_threshold, beyond unresolved loss or trauma: a caregiver overwhelmed for weeks.", "calibrated (docs/calibration.md): with the other atypical and hostile terms, to the high- against low-risk contrasts of Cyr et al. 2010 (0.12 until 2026-12-04, when unresolved experience below the U cutoff came to carry most of stress's atypical acts through frightening_stress); form after Lyons-Ruth et al. 1999 (atypical behaviour in high-risk samples)"}),
      sim::real("atypical_stress_threshold", &P::atypical_stress_threshold, 0.55, 0, 1,
                {"0-1", "Stress over recent weeks past which a caregiver begins to be overwhelmed into atypical behaviour.", "calibrated (docs/calibration.md): see atypical_under_stress"}),
      sim::real("stress_sensitivity_effect", &P::stress_sensitivity_effect, 0.3, 0, 1,
                {"fraction", "Proportional loss of momentary sensitivity at maximal stress.", "Booth et al. 2018: parenting stress r = -.13 with sensitivity"}),
      sim::real("depression_sensitivity_effect", &P::depression_sensitivity_effect, 0.35, 0, 1,
                {"fraction", "Proportional loss of momentary sensitivity while depressed.", "Bernard et al. 2018: r = -.35 diagnosed vs controls"}),
      sim::real("depression_intrusive_share", &P::depression_intrusive_share, 0.4, 0, 1,
                {"probability", "Share of caregivers whose depression shows as intrusive, hostile caregiving rather than withdrawal (drawn once per caregiver).", "Field et al. 1990; Field 2010: withdrawn and intrusive depressed mothers, roughly 60:40"}),
      sim::real("depression_hostility", &P::depression_hostility, 0.15, 0, 1,
                {"probability", "Added rebuff (harsh, intrusive answer) probability of an intrusive caregiver while depressed.", "Field 2010; Lovejoy et al. 2000 (meta-analysis: depression and hostile/coercive parenting)"}),
      sim::real("depression_frightened", &P::depression_frightened, 0.011, 0, 1,
                {"probability", "Frightened, helpless or dissociated atypical behaviour of a depressed caregiver.", "calibrated (docs/calibration.md): see atypical_under_stress; Lyons-Ruth et al. 1999 (helpless profile)"}),
      sim::real("violence_frightened", &P::violence_frightened, 0.04, 0, 1,
                {"probability per unit trace", "Frightened, helpless behaviour of a caregiver who has just suffered partner violence, per unit of its fading trace.", "calibrated (docs/calibration.md): see atypical_under_stress; Lyons-Ruth & Jacobvitz 2008"}),
      sim::real("atypical_tracks_crying", &P::atypical_tracks_crying, 0, 0, 1,
                {"exponent", "How far a caregiver's atypical acts (threatening, frightened, dissociated) follow how much this infant cries: her rate per episode of distress is the rate for an infant of average temperament x (this infant's crying rate / the average's)^(value - 1). 0 (the default since 2026-12-05): they come from her own states at a rate of her own through the day, so an infant who cries more meets no more of them (temperament-D r about 0 in the normative population, as published). 1 (the rival, the default until then): at her rate per episode, so a reactive infant, who cries more, meets more of them and grows more afraid (r about .11). Assessments see her rate for an average infant.", "van IJzendoorn, Schuengel & Bakermans-Kranenburg 1999 (meta-analysis: infant temperament does not predict disorganization); Main & Hesse 1990 (atypical acts as intrusions of the caregiver's own unresolved experience); docs/calibration.md, note 9"}),
      sim::real("crying_stress_gain", &P::crying_stress_gain, 0.02, 0, 1,
                {"per episode", "Rise of parenting stress after an intense episode the caregiver answered but did not soothe.", "assumption (irritable-infant spiral, van den Boom 1994)"}),
      sim::real("parenting_stress_decay", &P::parenting_stress_decay, 0.05, 0, 1,
                {"per day", "Daily decay of parenting stress.", "assumption: recovers over weeks"}),
      sim::real("efficacy_rate", &P::efficacy_rate, 0.01, 0, 1,
                {"per episode", "Rate at which self-efficacy tracks the caregiver's success at soothing.", "assumption (Teti & Gelfand 1991 on maternal efficacy)"}),
      sim::real("efficacy_expected", &P::efficacy_expected, 0.87, 0.05, 1,
                {"0-1", "The soothing success a caregiver measures herself against: felt efficacy is self-efficacy relative to it. Self-efficacy starts there.", "the mean soothing success in the normative population (0.87 in this model), so that a caregiver of a typical infant feels neither effective nor helpless; Teti & Gelfand 1991, Cutrona & Troutman 1986 (efficacy is judged against what parents expect of an infant)"}),
      sim::real("efficacy_sensitivity_gain", &P::efficacy_sensitivity_gain, 0.2, 0, 1,
                {"0-1", "How far the sensitivity level moves from baseline with felt efficacy: value x (self-efficacy - efficacy_expected) / efficacy_expected, a shortfall weighed by (1 - social support).", "assumption (Teti & Gelfand 1991)"}),
      sim::real("withdrawal_gain", &P::withdrawal_gain, 0.6, 0, 1,
                {"fraction", "Withdrawal from crying of a caregiver who feels helpless: availability x (1 - value x (1 - social support) x (efficacy_expected - self-efficacy) / efficacy_expected) when self-efficacy is below what she expects.", "Donovan & Leavitt 1989 (low perceived control, less responsiveness to crying); van den Boom 1994 (mothers of irritable infants ignore crying); Crockenberg 1981 (only where support is low)"}),
      sim::real("chronic_stress_sensitivity_loss", &P::chronic_stress_sensitivity_loss, 0.2, 0, 1,
                {"0-1 per unit stress", "How far the sensitivity level falls per unit of stress above 0.25, averaged over recent weeks: lasting stress wears caregiving down, beyond the day's own loss.", "Crnic et al. 2005 (parenting stress predicts later parenting); Conger & Elder 1994"}),
      sim::real("support_sensitivity_gain", &P::support_sensitivity_gain, 0.1, 0, 1,
                {"0-1 per unit support", "How far the sensitivity level rises per unit of social support above 0.5.", "Crockenberg 1981; Belsky 1984 (support as a determinant of parenting)"}),
      sim::real("motivation_sd", &P::motivation_sd, 0.2, 0, 0.5,
                {"0-1", "SD of caregivers' motivation to engage in a program (mean 0.5, clipped to [0, 1]).", "assumption"}),
      sim::real("sensitivity_drift_rate", &P::sensitivity_drift_rate, 0.01, 0, 1,
                {"per day", "Daily rate at which the sensitivity level drifts toward the level that self-efficacy, lasting stress and support support: weeks, not days.", "assumption"}),
  };
}

struct Caregiver {
  double sensitivity_baseline = 0.5;
  double sensitivity = 0.5;        // the current level, drifting with efficacy, lasting stress and support
  double mood = 0;                 // today's fluctuation around the level (good and bad days)
  StateOfMind mind;
  bool intrusive_when_depressed = false;  // how depression shows: intrusive rather than withdrawn
  double stress_baseline = 0;      // chronic stress of her own, 0-1
  double stress_own = 0;           // today's stress apart from acute and parenting stress (fluctuates)
  double stress = 0;               // today's stress, 0-1
  double stress_lasting = 0;       // stress over recent weeks
  double responsiveness_lasting = 0.5;  // availability x momentary sensitivity over recent weeks
  double parenting_stress = 0;     // from the infant's inconsolable crying, 0-1
  double self_efficacy = 0.5;
  bool depressed = false;
  double availability = 1;         // today's probability of being there to notice a bid
  double violence_trace = 0;       // fading trace of partner violence suffered
  double abuse = 0;                // today's threatening acts of physical abuse (0 unless abusive today)
  double motivation = 0.5;         // engagement with a program, 0-1
  // What programs have changed (0 without one): the share of the gap to ideal answers closed, of
  // atypical behaviour unlearned, of stress-driven harshness managed, of a depressive episode's length
  // taken away, of partner-violence events prevented.
  double program_sensitivity = 0, program_atypical = 0, program_stress = 0, program_depression = 0, program_safety = 0;
};

// Sensitivity in this moment: the level and the day's mood, trained by a program, lowered by stress
// and depression.
inline double momentary_sensitivity(const CaregiverParameters& p, const Caregiver& c) {
  const double today = std::clamp(c.sensitivity + c.mood, 0.0, 1.0);
  const double trained = today + c.program_sensitivity * (1 - today);
  return trained * (1 - p.stress_sensitivity_effect * c.stress) * (c.depressed ? 1 - p.depression_sensitivity_effect : 1.0);
}

// Harsh, hostile answers beyond the state of mind: stress (less with stress management) and intrusive
// depression.
inline double hostility(const CaregiverParameters& p, const Caregiver& c) {
  return p.hostile_under_stress * c.stress * c.stress * (1 - c.program_stress) +
         (c.depressed && c.intrusive_when_depressed ? p.depression_hostility : 0.0);
}

struct AtypicalRates {
  double threatening = 0, frightened = 0;
};

// Atypical behaviour before sensitivity restrains it: unresolved experience intrudes (more under
// stress) as either kind, less in a mind secure beside its lack of resolution where the rival account of
// Schuengel et al. 1999 is switched on, and so does being overwhelmed by weeks of stress; abuse threatens;
// depression and suffered violence frighten.
inline AtypicalRates atypical_rates(const CaregiverParameters& p, const Caregiver& c) {
  const double buffered = c.mind.category == AaiCategory::U && c.mind.organized == AaiCategory::F ? 1 - p.unresolved_secure_buffer : 1.0;
  const double intrusion = buffered * c.mind.unresolved * (p.frightening_base + p.frightening_stress * c.stress);
  const double overwhelmed = std::max(0.0, c.stress_lasting - p.atypical_stress_threshold);
  const double overwhelm = p.atypical_under_stress * overwhelmed * overwhelmed;
  return {(1 - p.frightened_share) * intrusion + 0.5 * overwhelm + c.abuse,
          p.frightened_share * intrusion + 0.5 * overwhelm + (c.depressed ? p.depression_frightened : 0.0) +
              p.violence_frightened * c.violence_trace};
}

// Felt efficacy: her success at soothing against what she expects, as a fraction of it. A shortfall weighs
// as much as she is left alone with it: support (someone who takes over, reassures) carries a caregiver
// through an infant's crying (Crockenberg 1981: irritable infants became insecure only where mothers had
// little support; Cutrona & Troutman 1986: support sustains maternal self-efficacy).
inline double felt_efficacy(const CaregiverParameters& p, const Caregiver& c, double support) {
  const double felt = (c.self_efficacy - p.efficacy_expected) / p.efficacy_expected;
  return felt < 0 ? felt * (1 - support) : felt;
}

// A caregiver who feels she cannot soothe the infant stops answering its crying.
inline double withdrawal(const CaregiverParameters& p, const Caregiver& c, double support) {
  return 1 - p.withdrawal_gain * std::max(0.0, -felt_efficacy(p, c, support));
}

// Transactional effect of one episode on the caregiver. A rate times 0 instead of a skipped update
// (x + 0 * y is x), so that the episode loop has no branch on the random answer here.
inline void caregiver_after_episode(const CaregiverParameters& p, Caregiver& c, bool answered, bool settled,
                                    bool intense) {
  const double unsoothed_cry = intense & answered & !settled, tried = answered, success = settled;
  c.parenting_stress += p.crying_stress_gain * unsoothed_cry * (1 - c.parenting_stress);
  c.self_efficacy += p.efficacy_rate * tried * (success - c.self_efficacy);
}

// Slow daily drift of the sensitivity level toward what self-efficacy, lasting stress and support allow.
inline void caregiver_end_of_day(const CaregiverParameters& p, Caregiver& c, double support) {
  c.parenting_stress *= 1 - p.parenting_stress_decay;
  const double target = c.sensitivity_baseline + p.efficacy_sensitivity_gain * felt_efficacy(p, c, support) -
                        p.chronic_stress_sensitivity_loss * std::max(0.0, c.stress_lasting - 0.25) +
                        p.support_sensitivity_gain * (support - 0.5);
  c.sensitivity = std::clamp(c.sensitivity + p.sensitivity_drift_rate * (target - c.sensitivity), 0.0, 1.0);
}

}  // namespace attachsim::models
