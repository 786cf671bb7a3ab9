// Attachment-based intervention programs and what each works on (Bakermans-Kranenburg, van IJzendoorn
// & Juffer 2003; Egeland 2019). A program has aims, each a named mechanism of the caregiver or the
// household, never the infant's attachment: video feedback on sensitivity (VIPP, Juffer et al. 2008),
// on frightening behaviour (ABC, Bernard et al. 2012; modified interaction guidance, Benoit et al.
// 2001), the intrusion of the parent's own past (infant-parent psychotherapy, Fraiberg et al. 1975;
// Lieberman et al. 1991), stress and expectations (psychoeducational home visiting, Cicchetti et al.
// 2006), social support, the caregiver's depression (psychotherapy for perinatal depression, Cuijpers,
// Brännmark & van Straten 2008) and the household's safety from partner violence (Kiely et al. 2010).
// Each session's content is split across the program's aims (its breadth); how much a family takes
// from it is a matter of engagement (models/programs/engagement.hpp). A family's
// program may have components beside its own content (a tailored program: each its own content,
// sessions and price), all delivered under one engagement.
#pragma once

#include "models/infant/development.hpp"
#include "sim/core/parameter.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace attachsim::models {

enum class ProgramType {
  none, sensitivity, representational, social_support, comprehensive, psychoeducational, atypical_behaviour,
  depression_treatment, safety
};
inline const char* name_of(ProgramType t) {
  static const char* const names[] = {"none",          "sensitivity",       "representational",   "social_support",
                                      "comprehensive", "psychoeducational", "atypical_behaviour", "depression_treatment",
                                      "safety"};
  return names[static_cast<int>(t)];
}

// What a program can work on. Each aim is one hook of the caregiver or the household
// (models/programs/program_delivery.hpp applies them).
enum ProgramAim : int { aim_sensitivity, aim_atypical, aim_representation, aim_stress, aim_support, aim_depression, aim_safety, aim_count };
inline const char* const aim_names[aim_count] = {"sensitivity", "atypical", "representation", "stress", "support", "depression", "safety"};

// What a program delivers to a family: its content (type, focus), its schedule and its price. The
// program of a scenario has one; each component of a tailored program has its own (see components).
struct ProgramContent {
  ProgramType type;
  bool atypical_focus;
  double start_months;
  double end_months;
  std::int64_t sessions;
  double stop_months;
  double fidelity;
  double cost_per_session;
};

// Slots for the components of a tailored program, beside the program itself: a trial arm's
// `components` fill them family by family (sim/trials/trial_spec.hpp).
constexpr int component_slots = 3;
// Parts of a family's program: the program itself (part 0) and its components (parts 1 ..).
constexpr int program_parts = 1 + component_slots;

struct ProgramParameters {
  ProgramContent content;
  std::array<ProgramContent, component_slots> components;
  // Engagement (models/programs/engagement.hpp).
  double alliance_start;
  double motivation_effect;
  double alliance_gain;
  double burden_per_risk;
  double fatigue_per_session;
  double fatigue_recovery_months;
  double missed_per_session;
  double dropout_per_session;
  double dropout_alliance_effect;
  double dropout_fatigue_effect;
  double completion_share;
  // What a session's content changes, per aim: the most a caregiver can change (ceiling) and the
  // sessions of full content that close half the remaining gap to it.
  std::array<double, aim_count> ceiling;
  std::array<double, aim_count> half_sessions;
  double decay_months;
  double maintenance;

  // The content of part k: the program itself (k = 0) or component k.
  const ProgramContent& part(int k) const { return k == 0 ? content : components[static_cast<std::size_t>(k - 1)]; }
};

// The content declarations, once: the program's own and each component's. `who` opens the meaning of
// the type parameter (whom the content is delivered to).
inline sim::ParameterTable<ProgramContent> program_content_table(const std::string& who) {
  using P = ProgramContent;
  sim::ParameterTable<P> t{
      sim::choice("type", &P::type,
                  {"none", "sensitivity", "representational", "social_support", "comprehensive", "psychoeducational", "atypical_behaviour",
                   "depression_treatment", "safety"}, 0,
                  {"", "Its aims: sensitivity: the caregiver's answers (VIPP, video feedback); representational: the state-of-mind dimensions (infant-parent psychotherapy, Child-Parent Psychotherapy); social_support: the family's support; comprehensive: sensitivity, representations and support; psychoeducational: stress and expectations (2 parts) and sensitivity (1 part); atypical_behaviour: the caregiver's frightening, frightened and dissociated acts only; depression_treatment: the length of the caregiver's depressive episodes (psychotherapy for depression: IPT, CBT), not her answers to the infant except by sparing her days of depression; safety: the partner violence the household suffers (safety planning, advocacy).",
                   "Bakermans-Kranenburg, van IJzendoorn & Juffer 2003; Juffer, Bakermans-Kranenburg & van IJzendoorn 2008 (VIPP); Lieberman, Weston & Pawl 1991 (IPP); Egeland & Erickson 2004 (STEEP); Cicchetti, Rogosch & Toth 2006 (PPI); Benoit et al. 2001 and Madigan et al. 2006 (modified interaction guidance, aimed at atypical behaviour); O'Hara et al. 2000 and Cuijpers, Brännmark & van Straten 2008 (psychotherapy for perinatal depression); Kiely et al. 2010 and Ramsay et al. 2009 (interventions against partner violence)"}),
      sim::boolean("atypical_focus", &P::atypical_focus, false,
                   {"", "The content also works on the caregiver's frightening, frightened and dissociated behaviour, as an aim of its own that shares each session's content with the others.",
                    "Bernard et al. 2012 (ABC: overriding frightening behaviour is one of its three aims); Benoit et al. 2001 and Madigan et al. 2006 (modified interaction guidance lowered atypical behaviour); Moss et al. 2011"}),
      sim::real("start_months", &P::start_months, 6, -9, 60,
                {"months", "Infant age at the first session (negative: in pregnancy; work on the caregiver's answers to the infant needs the infant, so prenatal sessions carry no sensitivity or atypical content).", "design of the program"}),
      sim::real("end_months", &P::end_months, 9, -9, 60,
                {"months", "Infant age at the last session.", "design of the program"}),
      sim::integer("sessions", &P::sessions, 3, 1, 1000,
                   {"sessions", "Sessions, evenly spaced from start to end.", "design of the program (van den Boom 1994: 3; VIPP: 4 plus 2 boosters, Juffer et al. 2008; Moss et al. 2011: 8; ABC: 10; IPP/CPP and NFP: weekly or biweekly for a year or more)"}),
      sim::real("stop_months", &P::stop_months, 60, -9, 60,
                {"months", "Sessions scheduled after this infant age are not held: the content is stopped early, as when an adaptive trial switches a family to another program at a decision point (the sessions before keep their spacing). 60: never.",
                 "design of the program; Nahum-Shani et al. 2012 (switching at a decision point in a SMART)"}),
      sim::real("fidelity", &P::fidelity, 1, 0, 1,
                {"share", "Share of each session's content delivered as designed.", "assumption; 1 in efficacy trials run by the program's developers"}),
      sim::real("cost_per_session", &P::cost_per_session, 377, 0, 100000,
                {"USD (2010)", "Cost of one session attended.", "Miller & Hendrie 2015: $354-400 per Nurse-Family Partnership visit"}),
  };
  t.front().spec.meaning = who + " " + t.front().spec.meaning;
  return t;
}

// The source of every engagement rate: they were set together, from completion rates in the literature.
#define ENGAGEMENT_RATES \
  "set jointly with the other engagement rates from completion in the literature, not from any trial's outcome: about 35-40% of high-risk families complete a 60-visit home-visiting program (Holland et al. 2018; Gomby, Culross & Behrman 1999: 20-67% attrition, about half the planned visits received) and 85-90% a brief program of 8 weekly visits (Moss et al. 2011; Bakermans-Kranenburg et al. 2003); tests/models/programs/test_engagement.cpp checks both"

inline sim::ParameterTable<ProgramParameters> program_table() {
  using P = ProgramParameters;
  // Per-aim parameters are one declaration each, bound to their slot of the arrays.
  const auto per_aim = [](std::string key, std::array<double, aim_count> P::*field, int aim, double def, double lo,
                          double hi, sim::Documentation doc) {
    sim::Parameter<P> p{{std::move(key), sim::Kind::real, def, lo, hi, {}, doc.unit, doc.meaning, doc.source}, {}};
    p.assign = [field, aim](P& t, const sim::Value& v) { (t.*field)[static_cast<std::size_t>(aim)] = std::get<double>(v); };
    return p;
  };
  sim::ParameterTable<P> t;
  // The program's own content keeps its plain keys (program.type, ...).
  for (auto& c : program_content_table("Program delivered to every dyad of the scenario (in a trial: of an arm)."))
    t.push_back({c.spec, [assign = c.assign](P& o, const sim::Value& v) { assign(o.content, v); }});
  for (auto& p : sim::ParameterTable<P>{
      sim::real("alliance_start", &P::alliance_start, 0.4, 0.01, 0.99,
                {"0-1", "Working alliance with the home visitor or therapist at the first session, for a caregiver of average motivation: the share of a session's content she takes in.",
                 "assumption; Korfmacher et al. 2008 (engagement in home visiting is participation and emotional involvement, the latter low at first)"}),
      sim::real("motivation_effect", &P::motivation_effect, 1, 0, 5,
                {"log-odds per unit", "How much higher a motivated caregiver's first alliance is: logit(alliance) = logit(alliance_start) + k x 2 (motivation - 0.5).",
                 "McCurdy & Daro 2001 (a parent's readiness shapes enrolment and involvement); Egeland 2019"}),
      sim::real("alliance_gain", &P::alliance_gain, 0.3, 0, 1,
                {"share per session", "Share of the gap to full alliance closed by each attended session: the alliance forms within the first few sessions.",
                 "Horvath & Symonds 1991 (alliance measured in sessions 3-5 predicts outcome as well as later); Korfmacher et al. 2008"}),
      sim::real("burden_per_risk", &P::burden_per_risk, 0.3, 0, 3,
                {"log-burden per risk", "A family's burden = exp(k x risk load), risk load counting hardship, violence, adolescent mother, chaos and isolation: competing demands that multiply the fatigue each session adds, missed sessions and dropout.",
                 "Ingoldsby 2010; McCurdy & Daro 2001 (families with more stressors take part less and leave more); size " ENGAGEMENT_RATES}),
      sim::real("fatigue_per_session", &P::fatigue_per_session, 0.2, 0, 2,
                {"per session", "Fatigue an attended session adds at burden 1; a session's uptake is alliance x exp(-fatigue), so a long, intensive program wears families down.",
                 "emotional involvement, which carries a program's effect more than attendance does, wanes over long programs in burdened families (Korfmacher et al. 2008; Hebbeler & Gerlach-Downie 2002), and attendance declines (Holland et al. 2018; Gomby et al. 1999). Its effect on uptake has no direct measure (assumption); with dropout_fatigue_effect it is held to the completion rates: " ENGAGEMENT_RATES}),
      sim::real("fatigue_recovery_months", &P::fatigue_recovery_months, 1.5, 0.1, 60,
                {"months", "Time constant over which fatigue wears off between sessions: weekly sessions accumulate it, monthly ones much less.", ENGAGEMENT_RATES}),
      sim::real("missed_per_session", &P::missed_per_session, 0.01, 0, 1,
                {"probability", "Chance that a family still in the program misses a session, at burden 1 and no fatigue (x burden x exp(fatigue), at most 0.95).",
                 ENGAGEMENT_RATES}),
      sim::real("dropout_per_session", &P::dropout_per_session, 0.012, 0, 1,
                {"probability", "Chance of leaving the program at a session, at burden 1, the starting alliance and no fatigue (x burden x exp(fatigue effect x fatigue - alliance effect x (alliance - alliance_start)), at most 0.99).",
                 ENGAGEMENT_RATES}),
      sim::real("dropout_alliance_effect", &P::dropout_alliance_effect, 1.5, 0, 10,
                {"log-hazard per unit", "How much a working alliance lowers the dropout hazard: families leave early, before an alliance forms.",
                 "Ingoldsby 2010; Korfmacher et al. 2008 (alliance and retention); size " ENGAGEMENT_RATES}),
      sim::real("dropout_fatigue_effect", &P::dropout_fatigue_effect, 0.25, 0, 10,
                {"log-hazard per unit", "How much fatigue raises the dropout hazard.", ENGAGEMENT_RATES}),
      sim::real("completion_share", &P::completion_share, 0.75, 0, 1,
                {"share", "A family has completed the program (per-protocol analyses) if it did not drop out and attended at least this share of the sessions.",
                 "design convention of per-protocol analyses (e.g. Cicchetti, Rogosch & Toth 2006 analysed completers)"}),
      per_aim("sensitivity_ceiling", &P::ceiling, aim_sensitivity, 0.5, 0, 1,
              {"share", "Most of the gap to ideal answers a caregiver can close (also restraining rebuffs and self-focus).",
               "assumption; it bounds what long programs reach (d .47 on observed sensitivity at 12-24 sessions in low-burden families, .35-.37 at high risk; docs/calibration.md)"}),
      per_aim("sensitivity_half_sessions", &P::half_sessions, aim_sensitivity, 1, 0.1, 100,
              {"sessions", "Sessions of full sensitivity content (at full uptake) that close half of the remaining gap to the ceiling.",
               "calibrated (docs/calibration.md): a program of VIPP's 4 core sessions (Juffer et al. 2008) at the default engagement gives about the meta-analytic effect on observed sensitivity (d .32 against .33; normative families, 6-9 months; Bakermans-Kranenburg, van IJzendoorn & Juffer 2003)"}),
      per_aim("atypical_ceiling", &P::ceiling, aim_atypical, 0.6, 0, 1,
              {"share", "Most of the caregiver's atypical behaviour (threatening, frightened, dissociated, including abusive acts) she can unlearn.",
               "assumption; Benoit et al. 2001; Madigan et al. 2006 (atypical behaviour reduced, not gone)"}),
      per_aim("atypical_half_sessions", &P::half_sessions, aim_atypical, 3, 0.1, 100,
              {"sessions", "Sessions of full atypical content that close half of the remaining gap to the ceiling.",
               "set from program length: ABC's 10 sessions share three aims (Bernard et al. 2012); modified interaction guidance is brief (Benoit et al. 2001)"}),
      per_aim("representation_ceiling", &P::ceiling, aim_representation, 0.5, 0, 1,
              {"share", "Most of the state-of-mind dimensions (unresolved, dismissing, preoccupied) representational work can lower: the intrusion of the parent's own experience.",
               "assumption; Fraiberg, Adelson & Shapiro 1975; Lieberman et al. 2005 (CPP)"}),
      per_aim("representation_half_sessions", &P::half_sessions, aim_representation, 12, 0.1, 200,
              {"sessions", "Sessions of full representational content that close half of the remaining gap to the ceiling: slow work.",
               "set from program length: infant-parent psychotherapy and CPP run weekly for about a year (Lieberman et al. 1991; Lieberman, Van Horn & Ghosh Ippen 2005: about 50 sessions; Cicchetti et al. 2006)"}),
      per_aim("stress_ceiling", &P::ceiling, aim_stress, 0.5, 0, 1,
              {"share", "Most of the stress-driven harshness a caregiver can learn to manage (realistic expectations, knowledge of development, coping).",
               "assumption; Olds et al. 1997 (home visiting and harsh parenting)"}),
      per_aim("stress_half_sessions", &P::half_sessions, aim_stress, 4, 0.1, 100,
              {"sessions", "Sessions of full stress and expectations content that close half of the remaining gap to the ceiling.",
               "assumption: parenting education programs of 6-12 sessions"}),
      per_aim("support_ceiling", &P::ceiling, aim_support, 0.5, 0, 1,
              {"share", "Most of the gap to full social support a program can close.", "assumption; Crockenberg 1981; STEEP's mothers' groups (Egeland & Erickson 2004)"}),
      per_aim("support_half_sessions", &P::half_sessions, aim_support, 6, 0.1, 100,
              {"sessions", "Sessions of full support content that close half of the remaining gap to the ceiling: a network takes weeks to build.", "assumption"}),
      per_aim("depression_ceiling", &P::ceiling, aim_depression, 0.85, 0, 0.95,
              {"share", "Most of the length of a depressive episode treatment can take away: the remission hazard is divided by (1 - gain), so at the ceiling an episode of mean length 49 weeks lasts about 7. Treatment shortens episodes: the one under way and, by the gain kept for good (maintenance), later ones. It does not make onsets rarer, and it reaches the caregiver's answers only by sparing her days of depression.",
               "calibrated with depression_half_sessions (docs/calibration.md): 12 weekly sessions at the default engagement give the meta-analytic effect of psychotherapy for perinatal depression, d = .61 (Cuijpers, Brännmark & van Straten 2008), about 24 percentage points more remitted at the end of treatment"}),
      per_aim("depression_half_sessions", &P::half_sessions, aim_depression, 1.5, 0.1, 100,
              {"sessions", "Sessions of full depression-treatment content that close half of the remaining gap to the ceiling.",
               "calibrated with depression_ceiling; IPT and CBT for postpartum depression run 8-16 weekly sessions with most of the change early (O'Hara et al. 2000: 12 sessions; Cooper et al. 2003: 10)"}),
      per_aim("safety_ceiling", &P::ceiling, aim_safety, 0.5, 0, 1,
              {"share", "Most of the partner-violence events a safety component can prevent (safety planning, advocacy, counselling about the relationship): the event rate is multiplied by (1 - gain). Violence still starts and ends as before.",
               "assumption; Kiely et al. 2010 (a cognitive-behavioural intervention in pregnancy about halved recurrent partner violence, OR .48); Ramsay et al. 2009 and Sullivan & Bybee 1999 (advocacy lowers re-abuse)"}),
      per_aim("safety_half_sessions", &P::half_sessions, aim_safety, 3, 0.1, 100,
              {"sessions", "Sessions of full safety content that close half of the remaining gap to the ceiling.",
               "set from program length: Kiely et al. 2010 offered 4-8 sessions; advocacy programs 10 weeks (Sullivan & Bybee 1999)"}),
      sim::real("decay_months", &P::decay_months, 12, 0.1, 240,
                {"months", "Time constant over which what a family gained fades once it is out of the program (at its end, or when it left).", "assumption"}),
      sim::real("maintenance", &P::maintenance, 0.5, 0, 1,
                {"share", "Share of the gains kept for good.", "assumption; lasting effects at 42 months (van den Boom 1995)"}),
  })
    t.push_back(std::move(p));
  // Components last: each is program.component_k.* (k = 1 ..).
  for (int k = 0; k < component_slots; ++k) {
    const std::string slot = "component_" + std::to_string(k + 1);
    sim::ParameterTable<ProgramContent> component = program_content_table(
        "Component " + std::to_string(k + 1) + " of a tailored program, delivered beside the program's own content with the same engagement (one family, one alliance, its fatigue from every session) and the same per-aim ceilings and fading. A trial arm's `components` set it family by family, from what an assessment sees (Egeland 2019: meet the unique needs of each family); in a scenario it goes to every dyad.");
    for (auto& c : component) {
      c.spec.key = slot + "." + c.spec.key;
      t.push_back({c.spec, [assign = c.assign, k](P& o, const sim::Value& v) { assign(o.components[static_cast<std::size_t>(k)], v); }});
    }
  }
  return t;
}
#undef ENGAGEMENT_RATES

// How a program's session content is split across its aims (shares summing to 1): breadth thins
// each aim's share (Bakermans-Kranenburg et al. 2003: broad programs were less effective).
inline std::array<double, aim_count> aim_shares(const ProgramContent& p) {
  std::array<double, aim_count> w{};
  switch (p.type) {
    case ProgramType::none: return w;
    case ProgramType::sensitivity: w[aim_sensitivity] = 1; break;
    case ProgramType::representational: w[aim_representation] = 1; break;
    case ProgramType::social_support: w[aim_support] = 1; break;
    case ProgramType::comprehensive: w[aim_sensitivity] = w[aim_representation] = w[aim_support] = 1; break;
    // Psychoeducation is mostly knowledge, expectations and coping, with some work on answering the
    // infant (the PPI of Cicchetti et al. 2006, after Olds' home visiting).
    case ProgramType::psychoeducational: w[aim_stress] = 2, w[aim_sensitivity] = 1; break;
    case ProgramType::atypical_behaviour: w[aim_atypical] = 1; break;
    case ProgramType::depression_treatment: w[aim_depression] = 1; break;
    case ProgramType::safety: w[aim_safety] = 1; break;
  }
  if (p.atypical_focus) w[aim_atypical] = 1;
  double total = 0;
  for (double x : w) total += x;
  for (double& x : w) x /= total;
  return w;
}

// Aims that work on the caregiver's answers to the infant need the infant to work with.
constexpr bool needs_infant(int aim) { return aim == aim_sensitivity || aim == aim_atypical; }

// The day of each session, evenly spaced from start to end (one session: at the start). Days before
// birth are negative: the family meets the program in pregnancy.
inline std::vector<int> program_session_days(const ProgramContent& p) {
  std::vector<int> days;
  if (p.type == ProgramType::none) return days;
  const auto n = p.sessions;
  for (std::int64_t k = 0; k < n; ++k) {
    const double months =
        n == 1 ? p.start_months : p.start_months + (p.end_months - p.start_months) * static_cast<double>(k) / static_cast<double>(n - 1);
    if (months > p.stop_months) break;  // stopped early: the later sessions are not held
    days.push_back(static_cast<int>(std::lround(months * days_per_month)));
  }
  return days;
}

// One session of a family's program: its day and the part it belongs to (0: the program's own
// content, k: component k).
struct ProgramSession {
  int day;
  int part;
};

// Every session a family is offered, the program's own and its components', in order of day (on a
// shared day, the program's own first, then the components in order).
inline std::vector<ProgramSession> program_sessions(const ProgramParameters& p) {
  std::vector<ProgramSession> all;
  for (int k = 0; k < program_parts; ++k)
    for (int day : program_session_days(p.part(k))) all.push_back({day, k});
  std::stable_sort(all.begin(), all.end(), [](const ProgramSession& a, const ProgramSession& b) { return a.day < b.day; });
  return all;
}

// Whether the family is offered anything: the program's own content or a component.
inline bool any_program(const ProgramParameters& p) {
  for (int k = 0; k < program_parts; ++k)
    if (p.part(k).type != ProgramType::none) return true;
  return false;
}

}  // namespace attachsim::models
