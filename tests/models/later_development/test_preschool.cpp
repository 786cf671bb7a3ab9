// The preschool component on its own: expectations carried from the working model into peer
// encounters, their switch, the teacher's help, and the ratings. Counts are binomial: tolerances are
// three standard errors of the counted share (and say so).
#include "models/dyad/attachment_model.hpp"
#include "models/later_development/preschool.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace models = attachsim::models;
namespace sim = attachsim::sim;

namespace {

models::PreschoolParameters defaults() { return models::AttachmentModel().parameters_in_use().preschool; }

models::WorkingModel trusting() {
  models::WorkingModel m;
  m.availability = 0.8, m.rejection = 0.02, m.predictability = 0.8, m.self_worth = 0.8, m.fear = 0;
  return m;
}

models::WorkingModel wary() {
  models::WorkingModel m;
  m.availability = 0.1, m.rejection = 0.1, m.predictability = 0.5, m.self_worth = 0.4, m.fear = 0.6;
  return m;
}

models::PreschoolRecord days(const models::PreschoolParameters& p, const models::PeerExpectations& e, double stress,
                             int n, std::uint64_t seed) {
  sim::RandomStream stream(seed, 0, 7);
  models::PreschoolRecord r;
  for (int day = 0; day < n; ++day) models::preschool_day(p, e, stress, false, r, stream);
  return r;
}

double share(int part, int whole) { return static_cast<double>(part) / whole; }
double se3(double p, int n) { return 3 * std::sqrt(p * (1 - p) / n); }

}  // namespace

TEST_CASE("preschool: without carry-forward every child meets peers with the same expectations") {
  auto p = defaults();
  p.carry_forward = 0;
  models::SignallingPolicy policy;
  models::SignallingParameters sp{};
  policy.start(sp);
  const models::PeerExpectations a(p, trusting(), policy), b(p, wary(), policy);
  CHECK(a.trust == b.trust);
  CHECK(a.worth == b.worth);
  CHECK(a.doubt == b.doubt);
  CHECK(a.fear == b.fear);
  CHECK(a.help_seeking == doctest::Approx(1.0 / 3));
  CHECK(a.escalation == doctest::Approx(1.0 / 3));
}

TEST_CASE("preschool: a wary, fearful child joins play less, comforts less and strikes back more than a trusting one") {
  const auto p = defaults();
  models::SignallingPolicy policy;
  models::SignallingParameters sp{};
  policy.start(sp);
  const auto trust = days(p, models::PeerExpectations(p, trusting(), policy), 0.3, 400, 1);
  const auto wary_child = days(p, models::PeerExpectations(p, wary(), policy), 0.3, 400, 1);
  // About 2,400 encounters each; the gaps below are many times three binomial standard errors.
  const double approach_t = share(trust.approaches, trust.play_chances), approach_w = share(wary_child.approaches, wary_child.play_chances);
  CHECK(approach_t - approach_w > se3(approach_t, trust.play_chances) + se3(approach_w, wary_child.play_chances));
  const double comfort_t = share(trust.comforts, trust.peer_distress), comfort_w = share(wary_child.comforts, wary_child.peer_distress);
  CHECK(comfort_t - comfort_w > se3(comfort_t, trust.peer_distress) + se3(comfort_w, wary_child.peer_distress));
  const double hit_t = share(trust.retaliations, trust.provocations), hit_w = share(wary_child.retaliations, wary_child.provocations);
  CHECK(hit_w - hit_t > se3(hit_t, trust.provocations) + se3(hit_w, wary_child.provocations));
  CHECK(trust.reputation > wary_child.reputation);
}

TEST_CASE("preschool: an upset child who asks directly is settled at the teacher's rate; one who suppresses is not") {
  auto p = defaults();
  p.arousal_base = 1;  // upset every day
  p.encounters_per_day = 0;
  models::SignallingPolicy policy;
  models::SignallingParameters sp{};
  policy.start(sp);
  models::PeerExpectations asks(p, trusting(), policy), hides = asks;
  asks.help_seeking = 1, asks.escalation = 0;
  hides.help_seeking = 0, hides.escalation = 0;
  const int n = 4000;
  const auto a = days(p, asks, 0, n, 2), h = days(p, hides, 0, n, 2);
  CHECK(a.upset_days == n);
  CHECK(std::abs(share(a.settled_days, n) - p.teacher_sensitivity) < se3(p.teacher_sensitivity, n));
  CHECK(h.settled_days == 0);
  CHECK(a.days == n);
  CHECK(a.hidden_days == 0);
  CHECK(h.hidden_days == n);  // upset every day and never signalled it
}

TEST_CASE("preschool: internalizing rates distress by how often it is seen, and distress a child hides is not seen") {
  // Two children upset on 10 of 100 days and never settled: one shows it, the other (a deactivating
  // strategy) hides it; a third shows distress on 40 days. Without rater error the scores are exact.
  auto p = defaults();
  p.rating_noise_sd = 0;
  sim::RandomStream stream(1, 1, 1);
  models::PreschoolRecord shows;
  shows.play_chances = 10, shows.approaches = 10, shows.days = 100, shows.upset_days = 10;
  auto hides = shows, often = shows;
  hides.hidden_days = 10;
  often.upset_days = 40;
  const double seen = models::rate_preschool(p, shows, stream).internalizing;
  CHECK(seen == doctest::Approx(2 * 0.25 * 0.1));
  CHECK(models::rate_preschool(p, hides, stream).internalizing == doctest::Approx(0));
  CHECK(models::rate_preschool(p, often, stream).internalizing == doctest::Approx(4 * seen));
}

TEST_CASE("preschool: play passed up to stay by the teacher is dependency, not withdrawal") {
  // Two children with the same expectations, never upset (no arousal), one with a hyperactivating
  // strategy that keeps it near the teacher. Every encounter takes three draws whatever the child does,
  // so with one seed both meet the same encounters with the same draws: exactly the same chances are
  // passed up from withdrawal, and the dependent child's further ones are counted as near the teacher.
  // Its internalizing, without rater error, is the same (the clinging item counts escalated bids to
  // the teacher, and neither child is upset), and its social competence is lower.
  auto p = defaults();
  p.arousal_base = 0, p.arousal_stress_gain = 0, p.rating_noise_sd = 0;
  models::SignallingPolicy policy;
  policy.start(models::SignallingParameters{});
  const models::PeerExpectations plain(p, trusting(), policy);
  auto clinging = plain;
  clinging.hyperactivation = 0.5;
  const auto a = days(p, plain, 0, 400, 5), b = days(p, clinging, 0, 400, 5);
  REQUIRE(a.play_chances == b.play_chances);
  CHECK(a.near_teacher == 0);
  CHECK(b.near_teacher > 0);
  CHECK(b.approaches < a.approaches);
  CHECK(a.play_chances - a.approaches == b.play_chances - b.approaches - b.near_teacher);
  sim::RandomStream s1(1, 1, 1), s2(1, 1, 1);
  const auto ra = models::rate_preschool(p, a, s1), rb = models::rate_preschool(p, b, s2);
  CHECK(rb.internalizing == doctest::Approx(ra.internalizing));
  CHECK(rb.social_competence < ra.social_competence);
}

TEST_CASE("preschool: ratings without rater error are the counted shares on the scales' ranges") {
  auto p = defaults();
  p.rating_noise_sd = 0;
  models::PreschoolRecord r;
  r.reputation = 0.6, r.play_chances = 10, r.approaches = 8, r.joined = 4, r.provocations = 4, r.retaliations = 1;
  r.peer_distress = 5, r.comforts = 2, r.days = 20, r.upset_days = 4, r.settled_days = 2, r.clinging_days = 1, r.hidden_days = 1;
  sim::RandomStream stream(1, 1, 1);
  const auto s = models::rate_preschool(p, r, stream);
  CHECK(s.social_competence == doctest::Approx(1 + 4 * (0.5 * 0.4 + 0.5 * 0.6)));
  CHECK(s.empathy == doctest::Approx(1 + 4 * 0.4));
  CHECK(s.externalizing == doctest::Approx(2 * 0.25));
  CHECK(s.internalizing == doctest::Approx(2 * (0.5 * 0.2 + 0.25 * (1.0 / 20) + 0.25 * (1.0 / 20))));  // 4 upset, 2 settled, 1 hidden
  CHECK(s.peer_acceptance == doctest::Approx(0.6));
}
