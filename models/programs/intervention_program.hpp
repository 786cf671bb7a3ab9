// Attachment-based intervention programs (Bakermans-Kranenburg, van IJzendoorn & Juffer 2003;
// Egeland 2019): sensitivity-focused (brief home sessions, video feedback), representational
// (infant-parent psychotherapy moving the caregiver's state of mind), social support, and
// comprehensive programs combining the three. A program acts on mechanisms only: the caregiver's
// sensitivity, state of mind and support; never on the infant's attachment. Its effect grows with
// the sessions attended, with diminishing returns, fades after the end toward a maintained share,
// and is moderated by the caregiver's motivation and the family's risk load; dropout rises with risk.
#pragma once

#include "sim/core/parameter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace attachsim::models {

enum class ProgramType { none, sensitivity, representational, social_support, comprehensive };
inline const char* name_of(ProgramType t) {
  static const char* const names[] = {"none", "sensitivity", "representational", "social_support", "comprehensive"};
  return names[static_cast<int>(t)];
}

struct ProgramParameters {
  ProgramType type;
  double start_months;
  double end_months;
  std::int64_t sessions;
  double max_effect;
  double dose_scale;
  double decay_months;
  double maintenance;
  double fidelity;
  double dropout_per_session;
  double dropout_risk_effect;
  double cost_per_session;
  double motivation_effect;
  double risk_load_effect;
};

inline sim::ParameterTable<ProgramParameters> program_table() {
  using P = ProgramParameters;
  return {
      sim::choice("type", &P::type, {"none", "sensitivity", "representational", "social_support", "comprehensive"}, 0,
                  {"", "Program delivered to every dyad of the scenario (in a trial: of an arm).", "Egeland 2019; Bakermans-Kranenburg et al. 2003"}),
      sim::real("start_months", &P::start_months, 6, -9, 60,
                {"months", "Infant age at the first session (negative: in pregnancy; prenatal sessions take effect at birth).", "design of the program"}),
      sim::real("end_months", &P::end_months, 9, -9, 60,
                {"months", "Infant age at the last session.", "design of the program"}),
      sim::integer("sessions", &P::sessions, 3, 1, 1000,
                   {"sessions", "Sessions, evenly spaced from start to end.", "design of the program (van den Boom 1994: 3)"}),
      sim::real("max_effect", &P::max_effect, 0.5, 0, 1,
                {"0-1", "Effect at saturation: the share of the gap to the ideal that is closed (sensitivity to 1, state-of-mind dimensions to 0, support to 1).", "assumption; meta-analytic effects on sensitivity d ~ .33 (Bakermans-Kranenburg et al. 2003)"}),
      sim::real("dose_scale", &P::dose_scale, 4, 0.1, 500,
                {"sessions", "Sessions (at full fidelity and response) that reach 63% of the maximal effect: diminishing returns.", "assumption; 'less is more' (Bakermans-Kranenburg et al. 2003)"}),
      sim::real("decay_months", &P::decay_months, 12, 0.1, 240,
                {"months", "Time constant over which the effect fades after the last session.", "assumption"}),
      sim::real("maintenance", &P::maintenance, 0.5, 0, 1,
                {"share", "Share of the effect kept for good after the program.", "assumption; lasting effects at 42 months (van den Boom 1995)"}),
      sim::real("fidelity", &P::fidelity, 1, 0, 1,
                {"share", "Share of each session delivered as designed.", "assumption"}),
      sim::real("dropout_per_session", &P::dropout_per_session, 0.01, 0, 1,
                {"probability", "Chance of leaving the program at a session, for a family without risks.", "set so that about 35% of high-risk families complete a 60-visit program (Nurse-Family Partnership completion, Holland et al. 2018)"}),
      sim::real("dropout_risk_effect", &P::dropout_risk_effect, 0.2, 0, 3,
                {"log-rate per risk", "Rise of the per-session dropout probability (x exp(k x risks), at most 0.99) per risk the family carries (hardship, violence, adolescent mother, chaos, isolation).", "assumption; higher attrition in high-risk families (Holland et al. 2018)"}),
      sim::real("cost_per_session", &P::cost_per_session, 377, 0, 100000,
                {"USD (2010)", "Cost of one session.", "Miller & Hendrie 2015: $354-400 per Nurse-Family Partnership visit"}),
      sim::real("motivation_effect", &P::motivation_effect, 0.7, 0, 5,
                {"log-response per unit", "How much more a motivated caregiver takes from a session (response x exp(k x 2 (motivation - 0.5))).", "Egeland 2019: motivated parents benefit from sensitivity programs"}),
      sim::real("risk_load_effect", &P::risk_load_effect, 0.15, 0, 3,
                {"log-response per risk", "How much less a caregiver takes from a session per risk her family carries.", "Egeland 2019: high-risk families need more comprehensive programs"}),
  };
}

// A program's course in one family.
struct ProgramCourse {
  int attended = 0;
  bool dropped_out = false;
  double dose = 0;        // effective sessions (attended x fidelity x response)
  double effect = 0;      // current effect, 0-1
  double effect_at_end = 0;
};

inline double program_effect_of_dose(const ProgramParameters& p, double dose) {
  return p.max_effect * (1 - std::exp(-dose / p.dose_scale));
}

}  // namespace attachsim::models
