#include "models/dyad/dyad_life.hpp"

#include "models/instruments/adult_attachment_interview.hpp"
#include "models/later_development/adulthood.hpp"
#include "models/caregiver/caregiving_response.hpp"
#include "models/household/context.hpp"
#include "models/infant/learning.hpp"
#include "models/dyad/population.hpp"
#include "models/later_development/preschool.hpp"
#include "models/programs/program_delivery.hpp"
#include "models/dyad/random_purposes.hpp"
#include "models/instruments/sensitivity_observation.hpp"
#include "models/instruments/strange_situation.hpp"
#include "models/infant/working_model.hpp"
#include "sim/core/fast_stream.hpp"
#include "sim/core/poisson.hpp"
#include "sim/core/random_stream.hpp"

#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

#include <cmath>
#include <optional>

namespace attachsim::models {
namespace {

struct Dyad {
  Infant infant;
  Caregiver caregiver;
  ContextHistory context;
  SignallingPolicy policy;
  WorkingModel model;
  std::int64_t episodes = 0;
};

void record_assessment(const AssessmentColumns& c, const StrangeSituationResult& r, const Dyad& d,
                       sim::DyadRecord& out) {
  out.set(c.proximity_seeking, r.proximity_seeking);
  out.set(c.contact_maintaining, r.contact_maintaining);
  out.set(c.avoidance, r.avoidance);
  out.set(c.resistance, r.resistance);
  out.set(c.disorganization, r.disorganization);
  const char klass[2] = {r.attachment_class, 0}, organized[2] = {r.organized_class, 0};
  out.set(c.attachment_class, sim::label_code(klass));
  out.set(c.organized_class, sim::label_code(organized));
  out.set(c.security, r.security);
  out.set(c.iwm_availability, d.model.availability);
  out.set(c.iwm_predictability, d.model.predictability);
  out.set(c.iwm_rejection, d.model.rejection);
  out.set(c.iwm_self_worth, d.model.self_worth);
  out.set(c.fear, d.model.fear);
  constexpr int intense = 1;
  out.set(c.policy_suppress, d.policy.probability(intense, suppress));
  out.set(c.policy_direct, d.policy.probability(intense, direct));
  out.set(c.policy_escalate, d.policy.probability(intense, escalate));
}

void record_series(const Dyad& d, std::size_t step, sim::DyadRecord& out) {
  constexpr int intense = 1;
  out.set_series(series_iwm_availability, step, d.model.availability);
  out.set_series(series_iwm_predictability, step, d.model.predictability);
  out.set_series(series_iwm_rejection, step, d.model.rejection);
  out.set_series(series_iwm_self_worth, step, d.model.self_worth);
  out.set_series(series_fear, step, d.model.fear);
  out.set_series(series_policy_suppress, step, d.policy.probability(intense, suppress));
  out.set_series(series_policy_direct, step, d.policy.probability(intense, direct));
  out.set_series(series_policy_escalate, step, d.policy.probability(intense, escalate));
  out.set_series(series_caregiver_sensitivity, step, d.caregiver.sensitivity);
  out.set_series(series_caregiver_stress, step, d.caregiver.stress);
  out.set_series(series_caregiver_self_efficacy, step, d.caregiver.self_efficacy);
  out.set_series(series_caregiver_depressed, step, d.caregiver.depressed ? 1 : 0);
  out.set_series(series_violence_events, step, d.context.violence_events);
  out.set_series(series_life_events, step, d.context.life_events);
  out.set_series(series_social_support, step, d.context.risk.support);
}

void record_context(const DyadColumns& columns, const ContextHistory& h, sim::DyadRecord& out) {
  const RiskProfile& r = h.risk;
  const auto risks = cumulative_risks(h);
  out.set(columns.high_risk_stratum, r.high_risk_stratum ? 1 : 0);
  out.set(columns.neighbourhood, static_cast<double>(r.neighbourhood));
  out.set(columns.chaos, r.chaos);
  out.set(columns.support, h.support_at_birth);
  for (int k = 0; k < risk_indicator_count; ++k) out.set(columns.risk_indicators[static_cast<std::size_t>(k)], risks[static_cast<std::size_t>(k)] ? 1 : 0);
  int count = 0;
  for (bool present : risks) count += present;
  out.set(columns.risk_count, count);
  out.set(columns.depressed_days, h.depressed_days);
  out.set(columns.depression_first_year, h.depressed_days_first_year / static_cast<double>(first_year_days));
  out.set(columns.violence_events, h.violence_events);
  out.set(columns.violence_witnessed, h.violence_witnessed);
  out.set(columns.life_events, h.life_events);
}

void record_preschool(const PreschoolColumns& c, const StrangeSituationResult& a, const PreschoolScores& s,
                      sim::DyadRecord& out) {
  const char klass[2] = {a.attachment_class, 0}, organized[2] = {a.organized_class, 0};
  out.set(c.attachment_class, sim::label_code(klass));
  out.set(c.organized_class, sim::label_code(organized));
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
Inheritance inheritance(const GenerationColumns& c, const sim::DyadRecord& parent) {
  Inheritance h;
  for (int k = 0; k < liability_count; ++k)
    h.liability[static_cast<std::size_t>(k)] = parent.get(c.risk_liability[static_cast<std::size_t>(k)]);
  StateOfMind& m = h.mind;
  m.dismissing = parent.get(c.adult_dismissing);
  m.preoccupied = parent.get(c.adult_preoccupied);
  m.unresolved = parent.get(c.adult_unresolved);
  const double code = parent.get(c.adult_mind);
  for (AaiCategory k : {AaiCategory::F, AaiCategory::Ds, AaiCategory::E, AaiCategory::U})
    if (sim::label_code(name_of(k)) == code) m.category = k;
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
  out.set(c.adult_aai, aai_code);
}

template <LearningRule rule>
void live(const ModelParameters& p, const LifeSchedule& schedule, const DyadColumns& columns, std::uint64_t seed,
          const sim::DyadPlace& place, const sim::DyadRecord* parent, bool with_series, sim::DyadRecord& out) {
  const std::uint64_t dyad = place.stream_key();
  sim::RandomStream population_stream(seed, dyad, purpose::population);
  sim::FastStream context_stream(seed, dyad, purpose::context);  // high-volume streams: xoshiro256++
  sim::FastStream episode_stream(seed, dyad, purpose::episodes);

  Dyad d;
  {
    std::optional<Inheritance> inherited;
    if (parent && columns.generations) inherited = inheritance(*columns.generations, *parent);
    Household h = draw_household(p, schedule.risk_structure, seed, dyad, population_stream,
                                 inherited ? &*inherited : nullptr);
    d.infant = h.infant;
    d.caregiver = h.caregiver;
    d.context = h.context;
  }
  const ContextRules context_rules{p.context, p.depression, p.partner_violence, p.hardship, p.chaos_support};
  sim::RandomStream program_stream(seed, dyad, purpose::program);
  ProgramDelivery program(p.program, schedule.session_days, schedule.program_end_day, d.caregiver, d.context.risk,
                          risk_load(d.context.risk));
  const double chaos = p.context.processes ? d.context.risk.chaos : 0.0;
  d.policy.start(p.signalling);
  const double beta = p.signalling.inverse_temperature;
  const auto effort = effort_costs(p.signalling);
  const SignalStrengths strength(p.caregiver, {p.signalling.strength_suppress, p.signalling.strength_direct,
                                               p.signalling.strength_escalate});
  std::size_t next_step = 0;
  const std::size_t steps = with_series ? out.steps() : 0;
  sim::RandomStream preschool_stream(seed, dyad, purpose::preschool);
  PreschoolRecord preschool;

  for (int day = 0; day <= schedule.last_day; ++day) {
    // Context sets today's stress and availability, and so the caregiver's answer odds.
    program.day(day, d.caregiver, d.context.risk, program_stream);
    const bool witnessed_violence = advance_context(context_rules, d.caregiver, d.context, day, context_stream);
    const AnswerOdds odds = answer_odds(p.caregiver, d.caregiver, strength, chaos, p.chaos_support.missed_bids,
                                        p.chaos_support.interrupted_comfort);

    // Instruments at their ages, before the day's episodes, each from its own stream.
    for (std::size_t i = 0; i < schedule.observations; ++i)
      if (schedule.observation_days[i] == day) {
        sim::RandomStream s(seed, dyad, purpose::sensitivity_observation + static_cast<std::uint32_t>(i));
        out.set(columns.observed_sensitivity[i], observed_sensitivity(p.sensitivity_observation, odds, s));
      }
    for (std::size_t i = 0; i < schedule.strange_situations; ++i)
      if (schedule.strange_situation_days[i] == day) {
        sim::RandomStream s(seed, dyad, purpose::strange_situation + static_cast<std::uint32_t>(i));
        record_assessment(columns.strange_situation[i], strange_situation(p.strange_situation, d.policy, d.model, s),
                          d, out);
      }
    for (std::size_t i = 0; i < schedule.preschool_assessments; ++i)
      if (schedule.preschool_days[i] == day) {
        sim::RandomStream assessment(seed, dyad, purpose::preschool_assessment + static_cast<std::uint32_t>(i));
        sim::RandomStream rating(seed, dyad, purpose::preschool_rating + static_cast<std::uint32_t>(i));
        record_preschool(columns.preschool[i], strange_situation(p.strange_situation, d.policy, d.model, assessment),
                         rate_preschool(p.preschool, preschool, rating), out);
        preschool.start_window();
      }
    while (next_step < steps && schedule.series_days[next_step] == day) record_series(d, next_step++, out);

    const double age = day;
    const double weight = schedule.phase_weight[day] * d.infant.susceptibility;
    const double mean_episodes = schedule.episodes_per_day[day] * d.infant.rate_scale;
    int n = mean_episodes > 0 ? sim::poisson(mean_episodes, episode_stream) : 0;
    if (witnessed_violence) {
      // Witnessed violence alarms the infant, and the caregiver is frightened too: fear rises and an
      // intense distress episode follows.
      d.model.fear += std::min(1.0, p.working_model.fear_rate * p.partner_violence.witness_fear * weight) * (1 - d.model.fear);
      ++n;
    }
    d.episodes += n;

    const LearningDay today = learning_day(p.learning, age, weight);
    const WorkingModelRates rates = working_model_rates(p.working_model, weight);
    for (int e = 0; e < n; ++e) {
      const auto [u_level, u_signal] = episode_stream.uniform_pair();
      const auto [u_focus, u_detect] = episode_stream.uniform_pair();
      const double u_kind = episode_stream.uniform();
      const int level = (witnessed_violence && e == 0) || u_level < d.infant.intense_probability ? 1 : 0;
      const int signal = d.policy.choose(level, u_signal);
      const Response response = caregiver_response(odds, signal, u_focus, u_detect, u_kind);
      const double outcome = today.outcome[level][static_cast<int>(response)] - effort[signal];
      learn<rule>(p.learning, d.policy, beta, level, signal, outcome, weight, today.step);
      update_working_model(rates, d.model, response, outcome);
      const bool soothed = response == Response::comfort || response == Response::delayed;
      caregiver_after_episode(p.caregiver, d.caregiver, response != Response::unanswered, soothed, level == 1);
    }
    if (day == schedule.preschool_entry_day) enter_preschool(p.preschool, preschool, preschool_stream);
    if (schedule.preschool_entry_day >= 0 && day >= schedule.preschool_entry_day)
      preschool_day(p.preschool, PeerExpectations(p.preschool, d.model, d.policy), d.caregiver.stress, witnessed_violence,
                    preschool, preschool_stream);
    d.model.fear *= 1 - p.working_model.fear_decay;
    caregiver_end_of_day(p.caregiver, d.caregiver);
  }
  while (next_step < steps) record_series(d, next_step++, out);  // a step past the last day

  sim::RandomStream aai_stream(seed, dyad, purpose::aai_coding);
  const Caregiver& c = d.caregiver;
  out.set(columns.dyad, static_cast<double>(place.row));
  out.set(columns.temperament, d.infant.temperament);
  out.set(columns.susceptibility, d.infant.susceptibility);
  out.set(columns.marker, d.infant.marker ? 1 : 0);
  out.set(columns.episodes, static_cast<double>(d.episodes));
  out.set(columns.sensitivity_baseline, c.sensitivity_baseline);
  out.set(columns.dismissing, c.mind.dismissing);
  out.set(columns.preoccupied, c.mind.preoccupied);
  out.set(columns.unresolved, c.mind.unresolved);
  out.set(columns.aai_drawn, sim::label_code(name_of(c.mind.category)));
  // A parent's interview was coded once, in its own dyad's row: the same interview, the same code.
  const GenerationColumns* g = columns.generations ? &*columns.generations : nullptr;
  out.set(columns.aai_coded, parent && g ? parent->get(g->adult_aai)
                                         : sim::label_code(name_of(code_aai(p.aai, c.mind, aai_stream))));
  record_context(columns, d.context, out);
  out.set(columns.motivation, c.motivation);
  out.set(columns.program_attended, program.course().attended);
  out.set(columns.program_completed, program.completed() ? 1 : 0);
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
    const AttachmentRepresentation early{d.policy.probability(intense, suppress), d.policy.probability(intense, escalate),
                                         d.model.fear};
    sim::RandomStream adulthood_stream(seed, dyad, purpose::adulthood), adult_aai_stream(seed, dyad, purpose::adult_aai);
    const Adulthood a = grow_up(p.adulthood, p.state_of_mind, early, schedule.last_day / days_per_month / 12, adulthood_stream);
    record_adulthood(*g, a, sim::label_code(name_of(code_aai(p.aai, a.mind, adult_aai_stream))), out);
  }
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
