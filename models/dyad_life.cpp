#include "models/dyad_life.hpp"

#include "models/adult_attachment_interview.hpp"
#include "models/caregiving_response.hpp"
#include "models/context.hpp"
#include "models/learning.hpp"
#include "models/population.hpp"
#include "models/random_purposes.hpp"
#include "models/sensitivity_observation.hpp"
#include "models/strange_situation.hpp"
#include "models/working_model.hpp"
#include "sim/random_stream.hpp"

#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

#include <cmath>

namespace attachsim::models {
namespace {

struct Dyad {
  Infant infant;
  Caregiver caregiver;
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
}

template <LearningRule rule>
void live(const ModelParameters& p, const LifeSchedule& schedule, const DyadColumns& columns, std::uint64_t seed,
          std::uint64_t dyad, bool with_series, sim::DyadRecord& out) {
  sim::RandomStream population_stream(seed, dyad, purpose::population);
  sim::RandomStream context_stream(seed, dyad, purpose::context);
  sim::RandomStream episode_stream(seed, dyad, purpose::episodes);

  Dyad d;
  {
    Household h = draw_household(p, population_stream);
    d.infant = h.infant;
    d.caregiver = h.caregiver;
  }
  d.policy.start(p.signalling);
  const double beta = p.signalling.inverse_temperature;
  const SignalStrengths strength(p.caregiver, {p.signalling.strength_suppress, p.signalling.strength_direct,
                                               p.signalling.strength_escalate});
  boost::random::normal_distribution<double> standard_normal(0, 1);

  std::size_t next_step = 0;
  const std::size_t steps = with_series ? out.steps() : 0;

  for (int day = 0; day <= schedule.last_day; ++day) {
    // Context sets today's stress and availability, and so the caregiver's answer odds.
    advance_context(p.context, d.caregiver, standard_normal(context_stream));
    const AnswerOdds odds = answer_odds(p.caregiver, d.caregiver, strength);

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
    while (next_step < steps && schedule.series_days[next_step] == day) record_series(d, next_step++, out);

    const double age = day;
    const double weight = schedule.phase_weight[day] * d.infant.susceptibility;
    const double mean_episodes = schedule.episodes_per_day[day] * d.infant.rate_scale;
    const int n = mean_episodes > 0 ? boost::random::poisson_distribution<int, double>(mean_episodes)(episode_stream) : 0;
    d.episodes += n;

    for (int e = 0; e < n; ++e) {
      const int level = episode_stream.uniform() < d.infant.intense_probability ? 1 : 0;
      const int signal = d.policy.choose(level, episode_stream.uniform());
      const double u_focus = episode_stream.uniform(), u_detect = episode_stream.uniform(),
                   u_kind = episode_stream.uniform();
      const Response response = caregiver_response(odds, signal, u_focus, u_detect, u_kind);
      const double outcome = outcome_value(p.learning, response, age, level == 1) -
                             (signal == escalate ? p.signalling.escalation_cost : 0.0);
      learn<rule>(p.learning, d.policy, beta, level, signal, outcome, weight);
      update_working_model(p.working_model, d.model, response, outcome, weight);
      const bool soothed = response == Response::comfort || response == Response::delayed;
      caregiver_after_episode(p.caregiver, d.caregiver, response != Response::unanswered, soothed, level == 1);
    }
    d.model.fear *= 1 - p.working_model.fear_decay;
    caregiver_end_of_day(p.caregiver, d.caregiver);
  }
  while (next_step < steps) record_series(d, next_step++, out);  // a step past the last day

  sim::RandomStream aai_stream(seed, dyad, purpose::aai_coding);
  const Caregiver& c = d.caregiver;
  out.set(columns.dyad, static_cast<double>(dyad));
  out.set(columns.temperament, d.infant.temperament);
  out.set(columns.susceptibility, d.infant.susceptibility);
  out.set(columns.marker, d.infant.marker ? 1 : 0);
  out.set(columns.episodes, static_cast<double>(d.episodes));
  out.set(columns.sensitivity_baseline, c.sensitivity_baseline);
  out.set(columns.dismissing, c.mind.dismissing);
  out.set(columns.preoccupied, c.mind.preoccupied);
  out.set(columns.unresolved, c.mind.unresolved);
  out.set(columns.aai_drawn, sim::label_code(name_of(c.mind.category)));
  out.set(columns.aai_coded, sim::label_code(name_of(code_aai(p.aai, c.mind, aai_stream))));
  out.set(columns.depressed, c.depressed ? 1 : 0);
  out.set(columns.stress_baseline, c.stress_baseline);
  out.set(columns.sensitivity_final, c.sensitivity);
  out.set(columns.self_efficacy_final, c.self_efficacy);
}

}  // namespace

void live_dyad(const ModelParameters& p, const LifeSchedule& schedule, const DyadColumns& columns, std::uint64_t seed,
               std::uint64_t dyad, bool record_series, sim::DyadRecord& record) {
  switch (p.learning.rule) {  // chosen once per dyad, so the episode loop has no dispatch
    case LearningRule::reinforcement:
      live<LearningRule::reinforcement>(p, schedule, columns, seed, dyad, record_series, record);
      break;
    case LearningRule::bayesian:
      live<LearningRule::bayesian>(p, schedule, columns, seed, dyad, record_series, record);
      break;
  }
}

}  // namespace attachsim::models
