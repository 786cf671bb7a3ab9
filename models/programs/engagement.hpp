// A family's engagement with a program, session by session (McCurdy & Daro 2001; Korfmacher et al.
// 2008: participation and emotional involvement): the working alliance builds over the sessions
// attended (Horvath & Symonds 1991), the family's burden from its risks makes every session cost more,
// fatigue accumulates when sessions come faster than it wears off, and families miss sessions and
// leave, early before an alliance forms and late when worn down (Gomby, Culross & Behrman 1999;
// Ingoldsby 2010). What a session gives is its uptake: alliance x exp(-fatigue). Length and intensity
// matter only through this, never through a dose-response formula.
#pragma once

#include "models/programs/intervention_program.hpp"
#include "sim/core/fast_exp.hpp"

#include <algorithm>

namespace attachsim::models {

struct Engagement {
  double burden = 1;    // exp(burden_per_risk x risk load), fixed at enrolment
  double alliance = 0;  // 0-1
  double fatigue = 0;   // >= 0
  int last_session_day = 0;
  bool started = false, dropped_out = false;
  int attended = 0, missed = 0;
};

// Every exponential here is the project's own (sim::fast_exp, plain arithmetic), so that a family's
// engagement is the same number on every machine, the classroom's WebAssembly build included.
inline Engagement start_engagement(const ProgramParameters& p, double motivation, int risk_load) {
  Engagement e;
  e.burden = sim::fast_exp(p.burden_per_risk * risk_load);
  // logit(alliance) = logit(alliance_start) + z, without a logarithm: a / (a + (1 - a) e^-z).
  const double z = p.motivation_effect * 2 * (motivation - 0.5), a = p.alliance_start;
  e.alliance = a / (a + (1 - a) * sim::fast_exp(-z));
  return e;
}

// One scheduled session on `day`, with two uniforms drawn whether or not they are needed (so that a
// family's later draws do not depend on its earlier choices). Returns the session's uptake: 0 if the
// family has left, leaves now or misses it; else alliance x exp(-fatigue), before this session adds to
// either.
inline double session(const ProgramParameters& p, Engagement& e, int day, double u_leave, double u_miss) {
  if (e.dropped_out) return 0;
  if (e.started) e.fatigue *= sim::fast_exp(-(day - e.last_session_day) / (days_per_month * p.fatigue_recovery_months));
  e.started = true;
  e.last_session_day = day;
  const double leave = std::min(0.99, p.dropout_per_session * e.burden *
                                          sim::fast_exp(p.dropout_fatigue_effect * e.fatigue -
                                                   p.dropout_alliance_effect * (e.alliance - p.alliance_start)));
  if (u_leave < leave) {
    e.dropped_out = true;
    return 0;
  }
  if (u_miss < std::min(0.95, p.missed_per_session * e.burden * sim::fast_exp(e.fatigue))) {
    ++e.missed;
    return 0;
  }
  ++e.attended;
  const double uptake = e.alliance * sim::fast_exp(-e.fatigue);
  e.alliance += p.alliance_gain * (1 - e.alliance);
  e.fatigue += p.fatigue_per_session * e.burden;
  return uptake;
}

}  // namespace attachsim::models
