#include "models/later_development/preschool.hpp"

#include "sim/core/poisson.hpp"
#include "sim/core/logistic.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>

namespace attachsim::models {

void enter_preschool(const PreschoolParameters& p, PreschoolRecord& r, sim::RandomStream& stream) {
  r.disposition = p.disposition_sd * boost::random::normal_distribution<double>(0, 1)(stream);
}

void preschool_day(const PreschoolParameters& p, const PeerExpectations& e, double stress, bool witnessed_violence,
                   PreschoolRecord& r, sim::RandomStream& stream) {
  // Arriving upset, the child may ask the teacher for help as it learned to ask at home: a direct bid
  // is answered more often than an escalated one; a suppressed one is not seen at all.
  const double upset_chance = std::min(1.0, p.arousal_base + p.arousal_stress_gain * (stress + (witnessed_violence ? 1 : 0)));
  ++r.days;
  bool upset = stream.uniform() < upset_chance;
  const double u_bid = stream.uniform(), u_answer = stream.uniform();
  if (upset) {
    ++r.upset_days;
    const bool direct_bid = u_bid < e.help_seeking, escalated_bid = !direct_bid && u_bid < e.help_seeking + e.escalation;
    r.clinging_days += escalated_bid;
    r.hidden_days += !direct_bid && !escalated_bid;
    const double settle = direct_bid ? p.teacher_sensitivity : escalated_bid ? 0.5 * p.teacher_sensitivity : 0.0;
    if (u_answer < settle) upset = false, ++r.settled_days;
  }
  // Unease: being upset, less the child's own sociability.
  const double unease = (upset ? p.arousal_penalty : 0.0) - r.disposition;
  const double g = p.expectation_gain;

  const double mean = p.encounters_per_day;
  const int n = mean > 0 ? sim::poisson(mean, stream) : 0;
  for (int k = 0; k < n; ++k) {
    const double u_kind = stream.uniform(), u_act = stream.uniform(), u_peer = stream.uniform();
    if (u_kind < p.provocation_share) {
      // An ambiguous provocation: read as hostile by a child who expects rejection and inconsistency.
      ++r.provocations;
      const double hostile = sim::logistic(-1.5 + g * (e.doubt - e.trust) + p.fear_gain * e.fear +
                                      p.deactivation_hostility * e.deactivation + unease);
      if (u_act < hostile) ++r.retaliations, r.reputation -= p.reputation_rate * r.reputation;
    } else if (u_kind < p.provocation_share + p.peer_distress_share) {
      // A distressed peer: comforted by a child who has been comforted and feels worth it.
      ++r.peer_distress;
      const double comfort = sim::logistic(g * (e.trust + e.worth) - p.fear_gain * e.fear - p.deactivation_empathy * e.deactivation -
                                      p.hyperactivation_self_focus * e.hyperactivation - unease);
      if (u_act < comfort) ++r.comforts, r.reputation += p.reputation_rate * (1 - r.reputation);
    } else {
      // A chance to join play: taken by a child who feels welcome and is not kept near the teacher,
      // welcomed by peers' acceptance. A chance passed up only because the child stays by the teacher
      // (the draw is below the approach it would have had without that pull) is dependency, rated as
      // clinging, not as withdrawal (CBCL 1.5-5 keeps "clings to adults, too dependent" apart from the
      // Withdrawn items; Achenbach & Rescorla 2000).
      ++r.play_chances;
      const double inclination = 0.5 + g * e.worth - p.fear_gain * e.fear - unease;
      const double approach = sim::logistic(inclination - p.hyperactivation_dependency * e.hyperactivation);
      if (u_act < approach) {
        ++r.approaches;
        if (u_peer < r.reputation) ++r.joined, r.reputation += p.reputation_rate * (1 - r.reputation);
      } else if (u_act < sim::logistic(inclination)) {
        ++r.near_teacher;  // the same draw would have joined play but for staying by the teacher
      }
    }
  }
}

PreschoolScores rate_preschool(const PreschoolParameters& p, const PreschoolRecord& r, sim::RandomStream& stream) {
  const auto share = [](int part, int whole) { return whole > 0 ? static_cast<double>(part) / whole : 0.0; };
  boost::random::normal_distribution<double> error(0, p.rating_noise_sd > 0 ? p.rating_noise_sd : 1);
  const auto rated = [&](double latent, double low, double high) {
    const double noise = p.rating_noise_sd > 0 ? error(stream) : 0.0;
    return std::clamp(low + (high - low) * latent + noise, low, high);
  };
  PreschoolScores s;
  s.peer_acceptance = r.reputation;
  s.social_competence = rated(0.5 * share(r.joined, r.play_chances) + 0.5 * r.reputation, 1, 5);
  s.empathy = rated(share(r.comforts, r.peer_distress), 1, 5);
  s.externalizing = rated(share(r.retaliations, r.provocations), 0, 2);
  // Internalizing items: withdrawn (not joining play, other than to stay by the teacher), anxious
  // (distress shown and left unsettled) and
  // clinging ("clings to adults, too dependent", CBCL 1.5-5): withdrawal is what teachers see most. The
  // distress items are rated, as CBCL items are, by how often the behaviour is seen: per preschool day,
  // not per upset day, which would rate a child upset once a term like one upset every day. Distress a
  // child hides (a deactivating child does not signal it; Cassidy 1994, Main 1981) is not seen, so
  // it is not rated, though it still weighs on the child's day.
  const int unsettled_shown = r.upset_days - r.settled_days - r.hidden_days;
  s.internalizing = rated(0.5 * share(r.play_chances - r.approaches - r.near_teacher, r.play_chances) + 0.25 * share(unsettled_shown, r.days) +
                              0.25 * share(r.clinging_days, r.days),
                          0, 2);
  return s;
}

}  // namespace attachsim::models
