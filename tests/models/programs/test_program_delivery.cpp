// Delivering a program: each type moves the hooks of its own aims and no others; breadth splits a
// session's content; gains fade to a maintained share once the family is out; engagement builds an
// alliance, tires families and lets them leave as declared. Deterministic checks (fixed uniforms or
// fixed seeds) except where a share is stated with its SE.
#include "models/dyad/attachment_model.hpp"
#include "models/programs/program_delivery.hpp"
#include "sim/core/random_stream.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace attachsim;
using namespace attachsim::models;

namespace {

ProgramParameters program_of(ProgramType type, int sessions = 8) {
  ProgramParameters p = AttachmentModel().parameters_in_use().program;
  p.content.type = type, p.content.start_months = 3, p.content.end_months = 5, p.content.sessions = sessions;
  return p;
}

Caregiver a_caregiver() {
  Caregiver c;
  c.mind.dismissing = 0.6, c.mind.preoccupied = 0.2, c.mind.unresolved = 0.5;
  c.motivation = 0.5;
  return c;
}

struct Hooks {
  double sensitivity, atypical, stress, support_gain, dismissing, depression, safety, cost;
  int attended;
  std::array<int, program_parts> by_part;
};

// Runs a program day by day over its sessions and a month after, in a family of risk load 0.
Hooks deliver(const ProgramParameters& p, int last_day = 200) {
  const auto sessions = program_sessions(p);
  Caregiver c = a_caregiver();
  RiskProfile risk;
  risk.support_base = 0.4;
  risk.update_support();
  ProgramDelivery delivery(p, sessions, c, 0);
  sim::RandomStream stream(7, 1, 6);
  for (int day = 0; day <= last_day; ++day) delivery.day(day, c, risk, stream);
  return {c.program_sensitivity, c.program_atypical, c.program_stress, risk.support_gain, c.mind.dismissing,
          c.program_depression, c.program_safety, delivery.cost(), delivery.course().attended, delivery.course().attended_by_part};
}

}  // namespace

TEST_CASE("program delivery: each type moves the hooks of its own aims and no others") {
  const auto sensitivity = deliver(program_of(ProgramType::sensitivity));
  CHECK(sensitivity.sensitivity > 0);
  CHECK(sensitivity.atypical == 0);
  CHECK(sensitivity.stress == 0);
  CHECK(sensitivity.support_gain == 0);
  CHECK(sensitivity.dismissing == 0.6);

  const auto atypical = deliver(program_of(ProgramType::atypical_behaviour));
  CHECK(atypical.atypical > 0);
  CHECK(atypical.sensitivity == 0);
  CHECK(atypical.dismissing == 0.6);

  const auto representational = deliver(program_of(ProgramType::representational));
  CHECK(representational.dismissing < 0.6);
  CHECK(representational.sensitivity == 0);
  CHECK(representational.atypical == 0);

  const auto support = deliver(program_of(ProgramType::social_support));
  CHECK(support.support_gain > 0);
  CHECK(support.sensitivity == 0);

  const auto psychoeducation = deliver(program_of(ProgramType::psychoeducational));
  CHECK(psychoeducation.stress > 0);
  CHECK(psychoeducation.sensitivity > 0);
  CHECK(psychoeducation.atypical == 0);
  CHECK(psychoeducation.support_gain == 0);

  // Depression treatment shortens the caregiver's episodes (models/household/context.hpp reads
  // program_depression); safety work prevents violent events (program_safety). Neither reaches her
  // answers, her behaviour, her representations or the family's support.
  const auto depression = deliver(program_of(ProgramType::depression_treatment));
  CHECK(depression.depression > 0);
  CHECK(depression.safety == 0);
  CHECK(depression.sensitivity == 0);
  CHECK(depression.atypical == 0);
  CHECK(depression.stress == 0);
  CHECK(depression.support_gain == 0);
  CHECK(depression.dismissing == 0.6);

  const auto safety = deliver(program_of(ProgramType::safety));
  CHECK(safety.safety > 0);
  CHECK(safety.depression == 0);
  CHECK(safety.sensitivity == 0);
  CHECK(safety.atypical == 0);
  CHECK(safety.stress == 0);
  CHECK(safety.support_gain == 0);
  CHECK(safety.dismissing == 0.6);
  CHECK(sensitivity.depression == 0);
  CHECK(sensitivity.safety == 0);

  auto focused = program_of(ProgramType::sensitivity);
  focused.content.atypical_focus = true;
  const auto with_focus = deliver(focused);
  CHECK(with_focus.atypical > 0);
  // Breadth splits each session: with the atypical aim beside it, the sensitivity aim gets half.
  CHECK(with_focus.sensitivity < sensitivity.sensitivity);
}

TEST_CASE("program delivery: a comprehensive program gives each aim a third, not the whole") {
  // The same families, the same uniforms: a comprehensive program's sensitivity gain equals that of a
  // sensitivity program whose sessions carry a third of the content (half_sessions x 3), bit for bit
  // in the gain formula.
  const auto broad = deliver(program_of(ProgramType::comprehensive));
  auto thin = program_of(ProgramType::sensitivity);
  thin.half_sessions[aim_sensitivity] *= 3;
  const auto focused = deliver(thin);
  CHECK(broad.sensitivity == doctest::Approx(focused.sensitivity).epsilon(1e-12));
  CHECK(broad.sensitivity < deliver(program_of(ProgramType::sensitivity)).sensitivity);
}

TEST_CASE("program delivery: a component is delivered like the same content as the program's own") {
  // The same content in component 2 instead of the program's own slot: the same sessions, the same
  // uniforms, so the same hooks, cost and attendance, bit for bit.
  const auto own = deliver(program_of(ProgramType::representational));
  ProgramParameters as_component = program_of(ProgramType::none);
  as_component.components[1] = program_of(ProgramType::representational).content;
  const auto component = deliver(as_component);
  CHECK(component.dismissing == own.dismissing);
  CHECK(component.cost == own.cost);
  CHECK(component.attended == own.attended);
}

TEST_CASE("program delivery: components add their own aims, sessions and prices to one engagement") {
  // Sensitivity sessions from 3 to 5 months and a representational component of its own over the same
  // months: each aim is reached by its own part's sessions only, every attended session is paid at its
  // part's price, and the family's fatigue comes from all of them.
  ProgramParameters both = program_of(ProgramType::sensitivity);
  both.components[0] = program_of(ProgramType::representational).content;
  both.components[0].cost_per_session = 100;
  both.content.cost_per_session = 10;
  const auto tailored = deliver(both);
  CHECK(tailored.sensitivity > 0);
  CHECK(tailored.dismissing < 0.6);
  CHECK(tailored.atypical == 0);
  CHECK(tailored.attended > 8);  // more than either part alone has sessions
  const auto sessions = program_sessions(both);
  CHECK(sessions.size() == 16);
  for (std::size_t i = 1; i < sessions.size(); ++i) CHECK(sessions[i - 1].day <= sessions[i].day);
  CHECK(tailored.by_part[0] + tailored.by_part[1] == tailored.attended);
  CHECK(tailored.by_part[1] > 0);
  CHECK(tailored.cost == doctest::Approx(10 * tailored.by_part[0] + 100 * tailored.by_part[1]));
  // One engagement: the same sensitivity content gains less beside a component than alone, because the
  // component's sessions tire the family between the sensitivity sessions.
  CHECK(tailored.sensitivity < deliver(program_of(ProgramType::sensitivity)).sensitivity);
}

TEST_CASE("program delivery: gains fade toward the maintained share once the family is out") {
  const auto p = program_of(ProgramType::sensitivity);
  const double at_end = deliver(p, static_cast<int>(program_session_days(p.content).back())).sensitivity;
  const double much_later = deliver(p, 3000).sensitivity;  // ~8 years: exp(-98 / 12) of the rest is left
  CHECK(much_later == doctest::Approx(p.maintenance * at_end).epsilon(0.005));  // at_end has faded one day
}

TEST_CASE("engagement: the alliance grows with sessions attended, fatigue wears off between them") {
  const auto p = program_of(ProgramType::sensitivity);
  Engagement e = start_engagement(p, 0.5, 0);
  CHECK(e.alliance == doctest::Approx(p.alliance_start));
  CHECK(e.burden == 1);
  // u = 1: never leaves, never misses.
  const double first = session(p, e, 0, 1.0, 1.0);
  CHECK(first == doctest::Approx(p.alliance_start));
  CHECK(e.alliance == doctest::Approx(p.alliance_start + p.alliance_gain * (1 - p.alliance_start)));
  CHECK(e.fatigue == doctest::Approx(p.fatigue_per_session));
  const double tired = e.fatigue;
  session(p, e, 61, 1.0, 1.0);  // two months later
  CHECK(e.fatigue == doctest::Approx(tired * std::exp(-61 / (days_per_month * p.fatigue_recovery_months)) + p.fatigue_per_session));
  // A burdened family: burden exp(k x load) multiplies the fatigue each session adds.
  Engagement burdened = start_engagement(p, 0.5, 3);
  CHECK(burdened.burden == doctest::Approx(std::exp(3 * p.burden_per_risk)));
  session(p, burdened, 0, 1.0, 1.0);
  CHECK(burdened.fatigue == doctest::Approx(p.fatigue_per_session * burdened.burden));
  // u = 0: leaves at once, and nothing after is attended.
  Engagement leaving = start_engagement(p, 0.5, 0);
  CHECK(session(p, leaving, 0, 0.0, 1.0) == 0);
  CHECK(leaving.dropped_out);
  CHECK(session(p, leaving, 7, 1.0, 1.0) == 0);
  CHECK(leaving.attended == 0);
}

TEST_CASE("engagement: the first session's dropout is the declared rate x burden") {
  // 40,000 families of risk load 2 at their first session, average motivation: the share leaving
  // must be dropout_per_session x exp(2 k) within 4 SE (SE = sqrt(q (1 - q) / n) ~ 0.0007).
  const auto p = program_of(ProgramType::sensitivity);
  sim::RandomStream stream(11, 0, 6);
  int left = 0;
  const int n = 40000;
  for (int i = 0; i < n; ++i) {
    Engagement e = start_engagement(p, 0.5, 2);
    const double u_leave = stream.uniform(), u_miss = stream.uniform();
    session(p, e, 0, u_leave, u_miss);
    left += e.dropped_out;
  }
  const double q = p.dropout_per_session * std::exp(2 * p.burden_per_risk);
  CHECK(std::abs(left / static_cast<double>(n) - q) < 4 * std::sqrt(q * (1 - q) / n));
}
