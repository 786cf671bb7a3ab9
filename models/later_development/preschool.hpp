// The carried-forward working model meets new partners (Sroufe 1983; Sroufe, Egeland, Carlson &
// Collins 2005). From preschool entry the child meets peers and a teacher every day. What it expects
// of others, and the strategy it organized at home, shape what it does: whether it approaches play,
// reads an ambiguous bump as hostile and strikes back, comforts a distressed peer, and seeks the
// teacher's help when upset (by the signalling policy it learned at home). A deactivating (avoidant)
// strategy keeps distress and others at a distance: help is not sought and distressed peers are not
// comforted (Kestenbaum, Farber & Sroufe 1989); the hostility the Minnesota studies also saw (Troy &
// Sroufe 1987) is a switch, off by default (deactivation_hostility). A hyperactivating (resistant)
// strategy keeps the child close to the teacher and absorbed in its own distress (Sroufe, Fox & Pancake
// 1983): dependency, which is not withdrawal. Fear of the caregiver carries into alarm with everyone
// (Lyons-Ruth 1996). Peers answer by the reputation the child builds. A stressful day at home
// leaves the child aroused at preschool; help that is sought and given settles it, so children who
// expect help are less hurt by adversity, and security can act as a protective factor without being
// declared one. Teacher ratings and observations turn the counts into scale scores with noise.
#pragma once

#include "models/infant/signalling_policy.hpp"
#include "models/infant/working_model.hpp"
#include "sim/core/parameter.hpp"
#include "sim/core/random_stream.hpp"

#include <cmath>
#include <vector>

namespace attachsim::models {

struct PreschoolParameters {
  double entry_months;
  std::vector<double> ages_months;
  double encounters_per_day;
  double provocation_share;
  double peer_distress_share;
  double carry_forward;
  double disposition_sd;
  double expectation_gain;
  double fear_gain;
  double deactivation_hostility;
  double deactivation_empathy;
  double hyperactivation_dependency;
  double hyperactivation_self_focus;
  double arousal_base;
  double arousal_stress_gain;
  double arousal_penalty;
  double teacher_sensitivity;
  double reputation_rate;
  double rating_noise_sd;
};

inline sim::ParameterTable<PreschoolParameters> preschool_table() {
  using P = PreschoolParameters;
  return {
      sim::real("entry_months", &P::entry_months, 36, 24, 60,
                {"months", "Age at which the child starts meeting peers and a preschool teacher every day.", "assumption: preschool entry at 3 years"}),
      sim::real_list("ages_months", &P::ages_months, {}, 24, 60,
                     {"months", "Ages of the preschool assessments (outcome ratings and a preschool attachment assessment); none by default. Each must be at or after entry_months and within development.span_months.", "Sroufe et al. 2005 (Minnesota study: preschool at 42-54 months); Cassidy & Marvin 1992 (36-60 months)"}),
      sim::real("encounters_per_day", &P::encounters_per_day, 6, 0, 50,
                {"encounters", "Mean peer encounters per preschool day (Poisson).", "assumption"}),
      sim::real("provocation_share", &P::provocation_share, 0.25, 0, 1,
                {"probability", "Share of encounters that are ambiguous provocations (a bump, a toy taken).", "Dodge 1980 paradigm; assumption"}),
      sim::real("peer_distress_share", &P::peer_distress_share, 0.15, 0, 1,
                {"probability", "Share of encounters in which a peer is distressed; the rest are chances to join play.", "assumption"}),
      sim::real("carry_forward", &P::carry_forward, 1, 0, 1,
                {"0-1", "Weight of the working model in peer encounters: 1 = expectations of the caregiver carried into new relationships; 0 = every child meets peers with neutral expectations (the hypothesis switched off).", "Bowlby 1973; Sroufe et al. 2005"}),
      sim::real("disposition_sd", &P::disposition_sd, 1, 0, 5,
                {"logits", "SD of the child's own sociability, drawn at entry, that shifts approach, comfort and (against) hostile reading: what else than attachment makes children differ with peers (temperament, language, peer group).", "assumption; meta-analytic associations of security with later outcomes are modest (Groh et al. 2014, 2017)"}),
      sim::real("expectation_gain", &P::expectation_gain, 1, 0, 20,
                {"logit per unit", "How strongly expected availability, rejection and worth move approach, hostile attribution and comforting.", "assumption"}),
      sim::real("fear_gain", &P::fear_gain, 1, 0, 20,
                {"logit per unit", "How strongly fear of the caregiver carries into alarm with peers (less approach and comfort, more hostile reading).", "assumption; Lyons-Ruth 1996 on disorganization and hostility"}),
      sim::real("deactivation_hostility", &P::deactivation_hostility, 0.0, 0, 20,
                {"logit per unit", "How much a deactivating strategy (the learned probability of suppressing intense distress, above a third) raises hostile reading of provocations, beyond what the child's expectations of rejection already do. 0: off (the default); 1 was the default until 2026-12-03.", "hypothesis of Troy & Sroufe 1987 (avoidant preschoolers victimize peers; A, B, C coding only), off by default: Fearon et al. 2010 (69 samples) found avoidance's link with externalizing small and not significant (d .12), and recoding the Minnesota sample for D put its behaviour problems with D (Carlson 1998)"}),
      sim::real("deactivation_empathy", &P::deactivation_empathy, 1.5, 0, 20,
                {"logit per unit", "How much a deactivating strategy lowers comforting of distressed peers.", "Kestenbaum, Farber & Sroufe 1989: avoidant children least empathic"}),
      sim::real("hyperactivation_dependency", &P::hyperactivation_dependency, 1.5, 0, 20,
                {"logit per unit", "How much a hyperactivating strategy (the probability of escalating intense distress, above a third) keeps the child near the teacher instead of joining play.", "Sroufe, Fox & Pancake 1983: resistant children dependent on teachers"}),
      sim::real("hyperactivation_self_focus", &P::hyperactivation_self_focus, 1.0, 0, 20,
                {"logit per unit", "How much a hyperactivating strategy lowers comforting of distressed peers: the child is absorbed in its own distress.", "Kestenbaum, Farber & Sroufe 1989"}),
      sim::real("arousal_base", &P::arousal_base, 0.1, 0, 1,
                {"probability", "Chance that the child arrives at preschool upset on a calm day at home.", "assumption"}),
      sim::real("arousal_stress_gain", &P::arousal_stress_gain, 0.6, 0, 5,
                {"probability per unit", "Added chance of arriving upset per unit of the caregiver's stress that day (1 more if violence was witnessed).", "assumption; Cummings & Davies 1994 on family stress and child arousal"}),
      sim::real("arousal_penalty", &P::arousal_penalty, 2.5, 0, 10,
                {"logits", "An unsettled child approaches and comforts less and reads hostility more, by this many logits.", "assumption"}),
      sim::real("teacher_sensitivity", &P::teacher_sensitivity, 0.7, 0, 1,
                {"probability", "Chance that the teacher settles a child who asks for help directly (less for an escalated bid).", "assumption"}),
      sim::real("reputation_rate", &P::reputation_rate, 0.005, 0, 1,
                {"per encounter", "Rate at which peers' acceptance follows the child's behaviour (joined play, comfort, aggression).", "assumption"}),
      sim::real("rating_noise_sd", &P::rating_noise_sd, 0.3, 0, 2,
                {"scale points", "SD of rater error on each preschool scale score.", "assumption: teacher-rating reliability about .8"}),
  };
}

// What the child brings to peers: the working model, weighted by carry_forward toward neutral.
struct PeerExpectations {
  double trust = 0;  // expected availability minus rejection, centred
  double worth = 0;  // self-worth, centred
  double doubt = 0;  // unpredictability, centred
  double fear = 0;
  double deactivation = 0, hyperactivation = 0;          // the organized strategy, centred on a third
  double help_seeking = 1.0 / 3, escalation = 1.0 / 3;  // the learned policy for intense distress

  PeerExpectations(const PreschoolParameters& p, const WorkingModel& m, const SignallingPolicy& policy) {
    const double w = p.carry_forward;
    trust = w * (m.availability - m.rejection - 0.5);
    worth = w * (m.self_worth - 0.5);
    doubt = w * (0.5 - m.predictability);
    fear = w * m.fear;
    constexpr int intense = 1;
    help_seeking += w * (policy.probability(intense, direct) - 1.0 / 3);
    escalation += w * (policy.probability(intense, escalate) - 1.0 / 3);
    deactivation = w * (policy.probability(intense, suppress) - 1.0 / 3);
    hyperactivation = escalation - 1.0 / 3;
  }
};

// Counts since the last assessment (or entry), and the peers' view of the child.
struct PreschoolRecord {
  double disposition = 0;  // the child's own sociability, logits (drawn at entry)
  double reputation = 0.5;
  int play_chances = 0, approaches = 0, joined = 0, near_teacher = 0;  // near_teacher: play passed up to stay by the teacher
  int provocations = 0, retaliations = 0;
  int peer_distress = 0, comforts = 0;
  int days = 0, upset_days = 0, settled_days = 0, clinging_days = 0, hidden_days = 0;  // hidden: upset, no bid
  void start_window() { *this = PreschoolRecord{disposition, reputation}; }
};

struct PreschoolScores {
  double social_competence = 1, empathy = 1;      // teacher ratings, 1-5
  double externalizing = 0, internalizing = 0;    // problem scales, 0-2 item means
  double peer_acceptance = 0.5;                   // latent, 0-1
};

// The child's first day: draws its disposition.
void enter_preschool(const PreschoolParameters& p, PreschoolRecord& r, sim::RandomStream& stream);

// One preschool day; `stress` is the caregiver's stress that day, `witnessed_violence` whether the
// child saw partner violence. Draws from the child's preschool stream only.
void preschool_day(const PreschoolParameters& p, const PeerExpectations& e, double stress, bool witnessed_violence,
                   PreschoolRecord& r, sim::RandomStream& stream);

// Ratings of the window's behaviour, with rater error from the assessment's own stream.
PreschoolScores rate_preschool(const PreschoolParameters& p, const PreschoolRecord& r, sim::RandomStream& stream);

}  // namespace attachsim::models
