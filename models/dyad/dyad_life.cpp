#include "models/dyad/dyad_life.hpp"

#include "models/dyad/population.hpp"
#include "models/dyad/random_purposes.hpp"
#include "models/household/care_schedule.hpp"
#include "models/household/context.hpp"
#include "models/infant/learning.hpp"
#include "models/infant/working_model.hpp"
#include "models/instruments/adult_attachment_interview.hpp"
#include "models/instruments/family_screen.hpp"
#include "models/instruments/sensitivity_observation.hpp"
#include "models/instruments/strange_situation.hpp"
#include "models/later_development/adulthood.hpp"
#include "models/later_development/preschool.hpp"
#include "models/programs/program_delivery.hpp"
#include "sim/core/fast_stream.hpp"
#include "sim/core/poisson.hpp"
#include "sim/core/portable_exp.hpp"
#include "sim/core/random_stream.hpp"

#include <cmath>
#include <optional>

namespace attachsim::models {
namespace {

// Everyone in the infant's life and what the infant has learned of each.
struct Dyad {
  Infant infant;
  std::array<Caregiver, figure_count> figures;  // primary, partner, provider, night watch
  ContextHistory context;
  LifeCourse life_course;
  int childcare_start_day = -1;
  int night_care_start_day = -1;  // -1: the infant sleeps at home
  std::array<SignallingPolicy, figure_count> policy;
  std::array<WorkingModel, figure_count> model;
  std::array<bool, figure_count> met{true, false, false, false};
  std::int64_t episodes = 0;
  double separation_days = 0;  // the infant's experience of being left: childcare, preschool, brief separations

  const Caregiver& primary_caregiver() const { return figures[primary]; }
  WorkingModel general_model() const { return generalized(model); }
};

// Whether a figure is part of the infant's life today (not whether it is their turn).
bool in_life(const Dyad& d, int figure, int day) {
  if (figure == partner) return d.life_course.partner_present();
  if (figure == provider) return d.childcare_start_day >= 0 && day >= d.childcare_start_day;
  if (figure == night_watch) return d.night_care_start_day >= 0 && day >= d.night_care_start_day;
  return true;
}

const char* class_text(char c) {
  switch (c) {
    case 'A': return "A";
    case 'B': return "B";
    case 'C': return "C";
    case 'D': return "D";
  }
  return "";
}

void record_coded(const CodedColumns& c, const StrangeSituationResult& r, sim::DyadRecord& out) {
  out.set(c.attachment_class, sim::label_code(class_text(r.attachment_class)));
  out.set(c.organized_class, sim::label_code(class_text(r.organized_class)));
  out.set(c.security, r.security);
  out.set(c.disorganization, r.disorganization);
}

void record_assessment(const AssessmentColumns& c, const StrangeSituationBehaviour& b, const StrangeSituationResult& r,
                       const StrangeSituationResult* coder2, const SignallingPolicy& policy, const WorkingModel& model,
                       const Dyad& d, sim::DyadRecord& out) {
  out.set(c.caregiver_alarming, b.caregiver_alarming);
  out.set(c.proximity_seeking, r.proximity_seeking);
  out.set(c.contact_maintaining, r.contact_maintaining);
  out.set(c.avoidance, r.avoidance);
  out.set(c.resistance, r.resistance);
  record_coded(c.coded, r, out);
  if (coder2 && c.coder2) record_coded(*c.coder2, *coder2, out);
  out.set(c.iwm_availability, model.availability);
  out.set(c.iwm_predictability, model.predictability);
  out.set(c.iwm_rejection, model.rejection);
  out.set(c.iwm_self_worth, model.self_worth);
  out.set(c.fear, model.fear);
  constexpr int intense = 1;
  out.set(c.policy_suppress, policy.probability(intense, suppress));
  out.set(c.policy_direct, policy.probability(intense, direct));
  out.set(c.policy_escalate, policy.probability(intense, escalate));
  // The life around the assessment, for the study of change between assessments.
  const Caregiver& caregiver = d.primary_caregiver();
  const ContextHistory& h = d.context;
  out.set(c.caregiver_sensitivity, caregiver.sensitivity);
  out.set(c.caregiver_responsiveness, caregiver.responsiveness_lasting);
  out.set(c.caregiver_stress, caregiver.stress_lasting);
  out.set(c.depressed, caregiver.depressed ? 1 : 0);
  out.set(c.hardship, h.risk.hardship ? 1 : 0);
  out.set(c.violence, h.risk.violence ? 1 : 0);
  out.set(c.partner_present, d.life_course.partner_present() ? 1 : 0);
  out.set(c.maltreating, h.maltreatment.active ? 1 : 0);
  out.set(c.life_events, h.life_events);
  out.set(c.violence_events, h.violence_events);
  out.set(c.separation_days, d.separation_days);
}

void record_series(const Dyad& d, std::size_t step, sim::DyadRecord& out) {
  constexpr int intense = 1;
  const WorkingModel m = d.general_model();
  const SignallingPolicy& policy = d.policy[primary];
  const Caregiver& c = d.primary_caregiver();
  out.set_series(series_iwm_availability, step, m.availability);
  out.set_series(series_iwm_predictability, step, m.predictability);
  out.set_series(series_iwm_rejection, step, m.rejection);
  out.set_series(series_iwm_self_worth, step, m.self_worth);
  out.set_series(series_fear, step, m.fear);
  out.set_series(series_policy_suppress, step, policy.probability(intense, suppress));
  out.set_series(series_policy_direct, step, policy.probability(intense, direct));
  out.set_series(series_policy_escalate, step, policy.probability(intense, escalate));
  out.set_series(series_caregiver_sensitivity, step, c.sensitivity);
  out.set_series(series_caregiver_stress, step, c.stress);
  out.set_series(series_caregiver_self_efficacy, step, c.self_efficacy);
  out.set_series(series_caregiver_depressed, step, c.depressed ? 1 : 0);
  out.set_series(series_violence_events, step, d.context.violence_events);
  out.set_series(series_life_events, step, d.context.life_events);
  out.set_series(series_social_support, step, d.context.risk.support);
  out.set_series(series_partner_present, step, d.life_course.partner_present() ? 1 : 0);
  out.set_series(series_hardship, step, d.context.risk.hardship ? 1 : 0);
  out.set_series(series_partner_violence, step, d.context.risk.violence ? 1 : 0);
  out.set_series(series_maltreating, step, d.context.maltreatment.active ? 1 : 0);
}

void record_context(const DyadColumns& columns, const ContextHistory& h, sim::DyadRecord& out) {
  const RiskProfile& r = h.risk_at_birth;
  const auto risks = cumulative_risks(h);
  out.set(columns.high_risk_stratum, r.high_risk_stratum ? 1 : 0);
  out.set(columns.neighbourhood, static_cast<double>(r.neighbourhood));
  out.set(columns.chaos, r.chaos);
  out.set(columns.support, r.support_base);
  for (int k = 0; k < risk_indicator_count; ++k) out.set(columns.risk_indicators[static_cast<std::size_t>(k)], risks[static_cast<std::size_t>(k)] ? 1 : 0);
  int count = 0;
  for (bool present : risks) count += present;
  out.set(columns.risk_count, count);
  out.set(columns.depressed_days, h.depressed_days);
  out.set(columns.depression_first_year, h.depressed_days_first_year / static_cast<double>(first_year_days));
  out.set(columns.partner_days_first_year, h.partner_days_first_year);
  out.set(columns.partner_depressed_days, h.partner_depressed_days);
  out.set(columns.partner_depressed_days_first_year, h.partner_depressed_days_first_year);
  out.set(columns.violence_events, h.violence_events);
  out.set(columns.violence_witnessed, h.violence_witnessed);
  out.set(columns.life_events, h.life_events);
  out.set(columns.hardship_days, h.hardship_days);
  out.set(columns.violence_days, h.violence_days);
  out.set(columns.single_days, h.single_days);
  out.set(columns.hardship_entries, h.hardship_entries);
  out.set(columns.hardship_exits, h.hardship_exits);
  out.set(columns.violence_starts, h.violence_starts);
  out.set(columns.violence_ends, h.violence_ends);
  out.set(columns.partner_departures, h.partner_departures);
  out.set(columns.partner_arrivals, h.partner_arrivals);
  const Maltreatment& m = h.maltreatment;
  out.set(columns.maltreated, m.ever ? 1 : 0);
  out.set(columns.neglect_days, m.neglect_days);
  out.set(columns.abuse_days, m.abuse_days);
  out.set(columns.cps_reports, h.child_protection.reports);
  out.set(columns.cps_substantiated, h.child_protection.substantiated ? 1 : 0);
  out.set(columns.cps_substantiated_months,
          h.child_protection.substantiated ? h.child_protection.substantiated_day / days_per_month : -1.0);
}

void record_preschool(const PreschoolColumns& c, const StrangeSituationResult& a, const PreschoolScores& s,
                      sim::DyadRecord& out) {
  out.set(c.attachment_class, sim::label_code(class_text(a.attachment_class)));
  out.set(c.organized_class, sim::label_code(class_text(a.organized_class)));
  out.set(c.security, a.security);
  out.set(c.avoidance, a.avoidance);
  out.set(c.resistance, a.resistance);
  out.set(c.disorganization, a.disorganization);
  out.set(c.social_competence, s.social_competence);
  out.set(c.empathy, s.empathy);
  out.set(c.externalizing, s.externalizing);
  out.set(c.internalizing, s.internalizing);
  out.set(c.peer_acceptance, s.peer_acceptance);
}

// What the previous generation's dyad recorded of the adult its infant grew into and of its household.
Inheritance inheritance(const DyadColumns& columns, const sim::DyadRecord& parent) {
  const GenerationColumns& c = *columns.generations;
  Inheritance h;
  for (int k = 0; k < liability_count; ++k)
    h.liability[static_cast<std::size_t>(k)] = parent.get(c.risk_liability[static_cast<std::size_t>(k)]);
  StateOfMind& m = h.mind;
  m.dismissing = parent.get(c.adult_dismissing);
  m.preoccupied = parent.get(c.adult_preoccupied);
  m.unresolved = parent.get(c.adult_unresolved);
  const double code = parent.get(c.adult_mind);
  const double organized = parent.get(c.adult_mind_organized);
  for (AaiCategory k : {AaiCategory::F, AaiCategory::Ds, AaiCategory::E, AaiCategory::U}) {
    if (sim::label_code(name_of(k)) == code) m.category = k;
    if (sim::label_code(name_of(k)) == organized) m.organized = k;  // an unresolved mind's U/F, U/Ds or U/E
  }
  h.maltreated = parent.get(columns.maltreated) > 0;
  return h;
}

void record_adulthood(const GenerationColumns& c, const Adulthood& a, double aai_code, sim::DyadRecord& out) {
  out.set(c.early_deactivation, a.early.deactivation);
  out.set(c.early_hyperactivation, a.early.hyperactivation);
  out.set(c.early_fear, a.early.fear);
  out.set(c.adult_deactivation, a.adult.deactivation);
  out.set(c.adult_hyperactivation, a.adult.hyperactivation);
  out.set(c.adult_fear, a.adult.fear);
  out.set(c.traumas, a.traumas);
  out.set(c.adult_dismissing, a.mind.dismissing);
  out.set(c.adult_preoccupied, a.mind.preoccupied);
  out.set(c.adult_unresolved, a.mind.unresolved);
  out.set(c.adult_mind, sim::label_code(name_of(a.mind.category)));
  out.set(c.adult_mind_organized, sim::label_code(name_of(a.mind.organized)));
  out.set(c.adult_aai, aai_code);
}

// Counts what a step of the life course changed.
void count_changes(ContextHistory& h, const RiskProfile& before, bool partner_before, bool partner_now) {
  const RiskProfile& now = h.risk;
  h.hardship_entries += !before.hardship && now.hardship;
  h.hardship_exits += before.hardship && !now.hardship;
  h.violence_starts += !before.violence && now.violence;
  h.violence_ends += before.violence && !now.violence;
  h.partner_departures += partner_before && !partner_now;
  h.partner_arrivals += !partner_before && partner_now;
}

// What the dyad's row holds beyond its assessments, written once its life is over: who the infant and
// caregiver were, the context and program they had, the caregiver's coded interview and, followed
// into adulthood, the grown-up infant's.
void record_life(const ModelParameters& p, const LifeSchedule& schedule, const DyadColumns& columns, std::uint64_t seed,
                 const sim::DyadPlace& place, const sim::DyadRecord* parent, const Dyad& d, const ProgramDelivery& program,
                 bool partner_at_birth, sim::DyadRecord& out) {
  const std::uint64_t dyad = place.stream_key();
  sim::RandomStream aai_stream(seed, dyad, purpose::aai_coding);
  const Caregiver& c = d.figures[primary];
  out.set(columns.dyad, static_cast<double>(place.row));
  out.set(columns.temperament, d.infant.temperament);
  out.set(columns.soothability, d.infant.soothe);
  out.set(columns.susceptibility, d.infant.susceptibility);
  out.set(columns.marker, d.infant.marker ? 1 : 0);
  out.set(columns.episodes, static_cast<double>(d.episodes));
  out.set(columns.sensitivity_baseline, c.sensitivity_baseline);
  out.set(columns.dismissing, c.mind.dismissing);
  out.set(columns.preoccupied, c.mind.preoccupied);
  out.set(columns.unresolved, c.mind.unresolved);
  out.set(columns.aai_drawn, sim::label_code(name_of(c.mind.category)));
  out.set(columns.intrusive_when_depressed, c.intrusive_when_depressed ? 1 : 0);
  // A parent's interview was coded once, in its own dyad's row: the same interview, the same code.
  const GenerationColumns* g = columns.generations ? &*columns.generations : nullptr;
  out.set(columns.aai_coded, parent && g ? parent->get(g->adult_aai)
                                         : sim::label_code(name_of(code_aai(p.aai, c.mind, aai_stream))));
  record_context(columns, d.context, out);
  out.set(columns.partner_at_birth, partner_at_birth ? 1 : 0);
  out.set(columns.partner_sensitivity_baseline, d.figures[partner].sensitivity_baseline);
  out.set(columns.partner_aai_drawn, sim::label_code(name_of(d.figures[partner].mind.category)));
  out.set(columns.childcare_start_months, d.childcare_start_day >= 0 && d.childcare_start_day <= schedule.last_day
                                              ? d.childcare_start_day / days_per_month
                                              : -1.0);
  out.set(columns.motivation, c.motivation);
  out.set(columns.program_attended, program.course().attended);
  out.set(columns.program_completed, program.completed() ? 1 : 0);
  out.set(columns.program_left, program.course().dropped_out ? program.course().left_day / days_per_month : -99.0);
  out.set(columns.program_cost, program.cost());
  out.set(columns.program_effect, program.course().effect_at_end);
  out.set(columns.stress_baseline, c.stress_baseline);
  out.set(columns.sensitivity_final, c.sensitivity);
  out.set(columns.self_efficacy_final, c.self_efficacy);

  if (g) {
    out.set(g->lineage, static_cast<double>(place.lineage));
    out.set(g->generation, place.generation + 1.0);
    out.set(g->parent_dyad, place.generation > 0 ? static_cast<double>(place.row - 1) : -1.0);
    for (int k = 0; k < liability_count; ++k)
      out.set(g->risk_liability[static_cast<std::size_t>(k)], d.context.risk.liability[static_cast<std::size_t>(k)]);
    constexpr int intense = 1;
    const AttachmentRepresentation early{d.policy[primary].probability(intense, suppress),
                                         d.policy[primary].probability(intense, escalate), d.general_model().fear};
    sim::RandomStream adulthood_stream(seed, dyad, purpose::adulthood), adult_aai_stream(seed, dyad, purpose::adult_aai);
    const Adulthood a = grow_up(p.adulthood, p.state_of_mind, early, schedule.last_day / days_per_month / 12, adulthood_stream);
    record_adulthood(*g, a, sim::label_code(name_of(code_aai(p.aai, a.mind, adult_aai_stream))), out);
  }
}

template <LearningRule rule>
void live(const ModelParameters& p, const LifeSchedule& schedule, const DyadColumns& columns, std::uint64_t seed,
          const sim::DyadPlace& place, const sim::DyadRecord* parent, bool with_series, sim::DyadRecord& out) {
  const std::uint64_t dyad = place.stream_key();
  sim::RandomStream population_stream(seed, dyad, purpose::population), life_stream(seed, dyad, purpose::life_course);
  sim::FastStream context_stream(seed, dyad, purpose::context);  // high-volume streams: xoshiro256++
  sim::FastStream episode_stream(seed, dyad, purpose::episodes);

  Dyad d;
  {
    std::optional<Inheritance> inherited;
    if (parent && columns.generations) inherited = inheritance(columns, *parent);
    Household h = draw_household(p, schedule.risk_structure, seed, dyad, population_stream, life_stream,
                                 inherited ? &*inherited : nullptr);
    d.infant = h.infant;
    d.figures = {h.caregiver, h.partner, h.provider, h.night_watch};
    d.context = h.context;
    d.life_course = h.life_course;
    d.childcare_start_day = h.childcare_start_day;
    d.night_care_start_day = p.night_care.share > 0 ? day_of(p.night_care.start_months) : -1;
  }
  Caregiver& caregiver = d.figures[primary];
  const ContextRules context_rules{p.context, p.caregiver, p.depression, p.partner_violence, p.hardship,
                                   p.chaos_support, p.maltreatment, p.child_protection};
  sim::RandomStream program_stream(seed, dyad, purpose::program);
  ProgramDelivery program(p.program, schedule.program_sessions, caregiver, risk_load(d.context.risk_at_birth));
  const bool chaos_on = p.context.processes;
  // The partner's depression, from a stream of its own so that nothing else drawn changes with it; only
  // where the caregiver's runs as episodes, and not at all at an onset rate of 0.
  const bool partner_depression_on =
      chaos_on && p.depression.model == DepressionModel::episodes && p.depression.partner_onset_per_year > 0;
  sim::FastStream partner_depression_stream(seed, dyad, purpose::partner_depression);  // a draw every day: the fast generator
  {
    Caregiver& him = d.figures[partner];
    him.intrusive_when_depressed = partner_depression_stream.uniform() < p.caregiver.depression_intrusive_share;
    const double onset = partner_onset_per_day(p.depression, caregiver.depressed, d.context.risk.liability[depression],
                                               him.stress, d.context.risk.support);
    him.depressed = partner_depression_stream.uniform() < (partner_depression_on ? stationary_share(p.depression, onset) : 0.0);
  }
  const bool partner_at_birth = d.life_course.partner_present();
  for (auto& policy : d.policy) policy.start(p.signalling);
  const double beta = p.signalling.inverse_temperature;
  const auto effort = effort_costs(d.infant.escalation_cost);
  const double soothe_escalated = escalated_soothe(p.caregiver, d.infant.soothe);
  // The figures' atypical acts come from their own states, at a rate through the day that an infant who
  // cries more than the average spreads over more episodes (exactly 1 at atypical_tracks_crying 1).
  const double atypical_scale =
      sim::portable_exp((p.caregiver.atypical_tracks_crying - 1) * p.infant.temperament_rate_effect * d.infant.temperament);
  LearningDays learning_days(p.learning, d.infant.susceptibility, p.infant.susceptibility_mechanism, effort);
  const SignalStrengths strength(p.caregiver, {p.signalling.strength_suppress, p.signalling.strength_direct,
                                               p.signalling.strength_escalate});
  const bool size = p.infant.susceptibility_mechanism == SusceptibilityMechanism::size;
  const double fear_gain = size ? d.infant.susceptibility : 1.0;
  const double generalize = p.learning.generalization;
  const bool fear_fades_with_time = p.working_model.fear_fading == FearFading::time;
  const bool fear_fades_with_exposure = p.working_model.fear_fading == FearFading::exposure;
  const double brief_separations_per_day = p.care_practices.brief_separations_per_week / 7;
  // Whose relationship an episode with figure f teaches (care_schedule.hpp): its own, but a night
  // episode the mother's where the infant experiences her as absent at night (night_care.learned_with).
  const bool night_teaches_primary = p.night_care.learned_with == NightLearnedWith::primary;
  const auto relationship_of = [night_teaches_primary](int f) {
    return f == night_watch && night_teaches_primary ? static_cast<int>(primary) : f;
  };
  const int step_days = static_cast<int>(p.life_course.step_days);
  std::size_t next_step = 0;
  const std::size_t steps = with_series ? out.steps() : 0;
  sim::RandomStream preschool_stream(seed, dyad, purpose::preschool);
  PreschoolRecord preschool;
  std::array<AnswerOdds, figure_count> odds;
  std::array<bool, figure_count> odds_ready{};
  AnswerOdds assessed;  // odds seen by an assessment, where they differ from the day's (atypical_tracks_crying)

  for (int day = 0; day <= schedule.last_day; ++day) {
    // The life course: statuses change in weekly steps.
    if (day > 0 && day % step_days == 0) {
      const RiskProfile before = d.context.risk;
      const bool partner_before = d.life_course.partner_present();
      d.life_course.step(d.context.risk, life_stream);
      count_changes(d.context, before, partner_before, d.life_course.partner_present());
    }
    d.context.hardship_days += d.context.risk.hardship;
    d.context.violence_days += d.context.risk.violence;
    d.context.single_days += !d.life_course.partner_present();

    // Context sets today's stress and availability of each caregiver, and so their answer odds.
    program.day(day, caregiver, d.context.risk, program_stream);
    double partner_mood = 0;
    const ContextDay today = advance_context(context_rules, caregiver, d.context, day, context_stream, partner_mood);
    const bool partner_here = in_life(d, partner, day), in_care = in_life(d, provider, day),
               at_night_care = in_life(d, night_watch, day);
    if (partner_here && day < first_year_days) ++d.context.partner_days_first_year;
    if (partner_depression_on) {  // a draw every day, partner or not
      const double u = partner_depression_stream.uniform();
      if (partner_here) partner_depression_day(p.depression, d.figures[partner], caregiver.depressed, d.context, day, u);
    }
    if (partner_here) partner_context(context_rules, d.figures[partner], d.context, partner_mood);
    if (in_care) {
      Caregiver& care = d.figures[provider];
      care.availability = p.childcare.availability * (1 - p.context.availability_stress_effect * care.stress);
    }
    if (at_night_care) {
      Caregiver& night = d.figures[night_watch];
      night.availability = p.night_care.availability * (1 - p.context.availability_stress_effect * night.stress);
    }
    const CareToday care_now = care_today(p.partner, p.childcare, day, partner_here, in_care, at_night_care ? p.night_care.share : 0.0);
    const AnswerSetting home{chaos_on ? d.context.risk.chaos : 0.0, p.chaos_support.missed_bids,
                             p.chaos_support.interrupted_comfort, d.infant.soothe, soothe_escalated,
                             discouragement(p.care_practices, day / days_per_month), 0.0, atypical_scale};
    const AnswerSetting care_setting{0.0, 0.0, 0.0, d.infant.soothe, soothe_escalated, 0.0, 0.0, atypical_scale};
    const AnswerSetting night_setting{0.0, 0.0, 0.0, d.infant.soothe, soothe_escalated, 0.0, p.night_care.carry_exponent,
                                      atypical_scale};
    const auto setting_of = [&](int f) -> const AnswerSetting& {
      return f == provider ? care_setting : f == night_watch ? night_setting : home;
    };
    for (int f = 0; f < figure_count; ++f)
      if (in_life(d, f, day) && !d.met[f]) {
        // A new figure is met with what the infant has learned so far (Bowlby 1973), or, under the rival
        // account (learning.new_figure: fresh), with the newborn's strategy and expectations that the
        // figure's own policy and model have kept since birth: nothing reaches them before it is met.
        d.met[f] = true;
        if (p.learning.new_figure == NewFigure::carried) {
          d.policy[f] = d.policy[primary];
          d.model[f] = d.general_model();
          d.model[f].fear = 0, d.model[f].bids = 0;
        }
      }
    // A figure's odds for the day, from its state at the start of the day, computed when first needed: a
    // partner or provider with no episode today costs nothing (the episodes change only the answering
    // figure's state, after its odds are taken).
    odds_ready = {};
    const auto odds_of = [&](int f) -> const AnswerOdds& {
      if (!odds_ready[f]) {
        fill_answer_odds(odds[f], p.caregiver, d.figures[f], strength, setting_of(f));
        odds_ready[f] = true;
      }
      return odds[f];
    };
    // An assessment sees the figure's atypical acts at her own rate (an average infant's), however much
    // this infant cries at home (caregiver.atypical_tracks_crying).
    const auto assessment_odds_of = [&](int f) -> const AnswerOdds& {
      if (atypical_scale == 1) return odds_of(f);
      AnswerSetting own_rate = setting_of(f);
      own_rate.atypical_scale = 1;
      fill_answer_odds(assessed, p.caregiver, d.figures[f], strength, own_rate);
      return assessed;
    };
    // What the caregiving is like these weeks, for the study of change between assessments.
    caregiver.responsiveness_lasting += context_rules.lasting_rate * (caregiver.availability * odds_of(primary).comfort - caregiver.responsiveness_lasting);

    // Instruments at their ages, before the day's episodes, each from its own stream.
    for (std::size_t i = 0; i < schedule.screens; ++i)
      if (schedule.screen_days[i] == day) {
        sim::RandomStream s(seed, dyad, purpose::family_screen + static_cast<std::uint32_t>(i));
        const ScreenResult r = screen_family(p.family_screen, caregiver.depressed, d.context.risk.violence, s);
        out.set(columns.family_screen[i].depression, r.depression ? 1 : 0);
        out.set(columns.family_screen[i].violence, r.violence ? 1 : 0);
      }
    for (std::size_t i = 0; i < schedule.observations; ++i)
      if (schedule.observation_days[i] == day) {
        const auto index = static_cast<std::uint32_t>(i);
        const double episodes_today = schedule.episodes_per_day[day] * d.infant.rate_scale;
        sim::RandomStream s(seed, dyad, purpose::sensitivity_observation + index);
        const ObservedInfant seen{d.policy[primary], d.infant.intense_probability, episodes_today};
        const ObservedSensitivity o = observe_sensitivity(p.sensitivity_observation, assessment_odds_of(primary), seen, s);
        out.set(columns.observed_sensitivity[i], o.score);
        if (!columns.observed_sensitivity_rater2.empty()) out.set(columns.observed_sensitivity_rater2[i], o.second_rater);
        // A visit with the partner, from its own stream, where one lives with the infant that day: the
        // infant's signals with him and his answers, rated on the same scale.
        if (!columns.observed_sensitivity_partner.empty()) {
          const bool observed = in_life(d, partner, day);
          out.set(columns.observed_partner[i], observed ? 1 : 0);
          double score = 0;  // no visit: no measurement (sensitivity_<age>_partner_observed is 0)
          if (observed) {
            sim::RandomStream visit(seed, dyad, purpose::sensitivity_observation_partner + index);
            const ObservedInfant with_him{d.policy[partner], d.infant.intense_probability, episodes_today};
            score = observe_sensitivity(p.sensitivity_observation, assessment_odds_of(partner), with_him, visit).score;
          }
          out.set(columns.observed_sensitivity_partner[i], score);
        }
      }
    for (std::size_t i = 0; i < schedule.strange_situations; ++i)
      if (schedule.strange_situation_days[i] == day) {
        const auto index = static_cast<std::uint32_t>(i);
        const auto run_with = [&](int f, std::uint32_t purpose, const AssessmentColumns& c, bool coder2) {
          sim::RandomStream s(seed, dyad, purpose + index), second(seed, dyad, purpose::second_coder + purpose + index);
          sim::RandomStream overwhelm(seed, dyad, purpose::overwhelm + purpose + index);
          if (!in_life(d, f, day)) {
            out.set(c.coded.attachment_class, 0), out.set(c.coded.organized_class, 0);
            return;
          }
          const StrangeSituationBehaviour b = reunions(p.strange_situation, d.policy[f], d.model[f], assessment_odds_of(f),
                                                       d.infant.anger, s,
                                                       {overwhelmed_share(p.strange_situation, d.separation_days), &overwhelm});
          const StrangeSituationResult r = code(p.strange_situation, b, s);
          const StrangeSituationResult r2 = coder2 ? code(p.strange_situation, b, second) : r;
          record_assessment(c, b, r, coder2 ? &r2 : nullptr, d.policy[f], d.model[f], d, out);
        };
        run_with(static_cast<int>(p.strange_situation.figure), purpose::strange_situation, columns.strange_situation[i],
                 p.strange_situation.second_coder);
        if (p.strange_situation.with_partner)
          run_with(partner, purpose::strange_situation_partner, columns.strange_situation_partner[i], false);
      }
    for (std::size_t i = 0; i < schedule.preschool_assessments; ++i)
      if (schedule.preschool_days[i] == day) {
        sim::RandomStream assessment(seed, dyad, purpose::preschool_assessment + static_cast<std::uint32_t>(i));
        sim::RandomStream rating(seed, dyad, purpose::preschool_rating + static_cast<std::uint32_t>(i));
        sim::RandomStream overwhelm(seed, dyad, purpose::overwhelm + purpose::preschool_assessment + static_cast<std::uint32_t>(i));
        const auto b = reunions(p.strange_situation, d.policy[primary], d.model[primary], assessment_odds_of(primary), d.infant.anger,
                                assessment,
                                {overwhelmed_share(p.strange_situation, d.separation_days), &overwhelm});
        record_preschool(columns.preschool[i], code(p.strange_situation, b, assessment),
                         rate_preschool(p.preschool, preschool, rating), out);
        preschool.start_window();
      }
    while (next_step < steps && schedule.series_days[next_step] == day) record_series(d, next_step++, out);

    const double phase = schedule.phase_weight[day];
    const LearningDay& learning = learning_days.at(day, phase);
    const WorkingModelRates rates = working_model_rates(p.working_model, learning.weight, fear_gain);
    const double mean_episodes = schedule.episodes_per_day[day] * d.infant.rate_scale;
    int n = mean_episodes > 0 ? sim::poisson(mean_episodes, episode_stream) : 0;
    if (today.witnessed_violence) {
      // Witnessed violence alarms the infant: fear of the violent partner and, less, of the caregiver
      // who is herself frightened; an intense distress episode follows.
      const double fright = p.working_model.fear_rate * p.partner_violence.witness_fear * learning.weight * fear_gain;
      alarm(d.model[partner], fright);
      alarm(d.model[primary], fright * p.partner_violence.victim_fear_share);
      ++n;
    }
    d.episodes += n;

    for (int e = 0; e < n; ++e) {
      const auto [u_level, u_signal] = episode_stream.uniform_pair();
      const auto [u_focus, u_detect] = episode_stream.uniform_pair();
      const auto [u_kind, u_figure] = episode_stream.uniform_pair();
      const int f = figure_of(care_now, u_figure);  // who answers
      const int learner = relationship_of(f);  // whom it teaches about
      const int level = (today.witnessed_violence && e == 0) || u_level < d.infant.intense_probability ? 1 : 0;
      const int signal = d.policy[learner].choose(level, u_signal);
      const Response response = caregiver_response(odds_of(f), signal, u_focus, u_detect, u_kind);
      const double outcome = learning.outcome[level][signal][static_cast<int>(response)];
      learn<rule>(p.learning, d.policy[learner], beta, level, signal, outcome, learning.weight, learning.step);
      for (int g = 0; g < figure_count; ++g)  // what is learned with one figure colours the others a little
        if (g != learner && care_now.present[g])
          learn<rule>(p.learning, d.policy[g], beta, level, signal, outcome, generalize * learning.weight,
                      generalize * learning.step);
      update_working_model(rates, d.model[learner], response, signal);
      caregiver_after_episode(p.caregiver, d.figures[f], came(response), soothed(response), level == 1);
    }
    if (day == schedule.preschool_entry_day) enter_preschool(p.preschool, preschool, preschool_stream);
    const bool at_preschool = schedule.preschool_entry_day >= 0 && day >= schedule.preschool_entry_day;
    const bool away = ((care_now.present[provider] || at_preschool) && day % 7 < 5) || at_night_care;  // a day or a night away
    d.separation_days += away + brief_separations_per_day;
    if (at_preschool)
      preschool_day(p.preschool, PeerExpectations(p.preschool, d.general_model(), d.policy[primary]), caregiver.stress,
                    today.witnessed_violence, preschool, preschool_stream);
    if (fear_fades_with_time)
      for (auto& m : d.model) m.fear *= 1 - p.working_model.fear_decay;
    else if (fear_fades_with_exposure) {
      // Each relationship fades with the share of the day's episodes that teach it.
      std::array<double, figure_count> exposure{};
      for (int f = 0; f < figure_count; ++f) exposure[relationship_of(f)] += share_of(care_now, f);
      for (int f = 0; f < figure_count; ++f) d.model[f].fear *= 1 - p.working_model.fear_decay * exposure[f];
    }
    caregiver_end_of_day(p.caregiver, caregiver, d.context.risk.support);
    if (partner_here) caregiver_end_of_day(p.caregiver, d.figures[partner], d.context.risk.support);
    if (in_care) caregiver_end_of_day(p.caregiver, d.figures[provider], 0.5);
    if (at_night_care) caregiver_end_of_day(p.caregiver, d.figures[night_watch], 0.5);
  }
  while (next_step < steps) record_series(d, next_step++, out);  // a step past the last day

  record_life(p, schedule, columns, seed, place, parent, d, program, partner_at_birth, out);
}

}  // namespace

void live_dyad(const ModelParameters& p, const LifeSchedule& schedule, const DyadColumns& columns, std::uint64_t seed,
               const sim::DyadPlace& place, const sim::DyadRecord* parent, bool record_series, sim::DyadRecord& record) {
  switch (p.learning.rule) {  // chosen once per dyad, so the episode loop has no dispatch
    case LearningRule::reinforcement:
      live<LearningRule::reinforcement>(p, schedule, columns, seed, place, parent, record_series, record);
      break;
    case LearningRule::bayesian:
      live<LearningRule::bayesian>(p, schedule, columns, seed, place, parent, record_series, record);
      break;
  }
}

}  // namespace attachsim::models
