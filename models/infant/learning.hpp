// How the infant learns from an episode's outcome. The rule is a replaceable part (docs/ODD.md):
//  - reinforcement: the delta rule of reward learning (Rescorla & Wagner 1972; Sutton & Barto 2018),
//    a constant learning rate, so recent experience keeps weight;
//  - bayesian: a conjugate normal belief about each signal's payoff (Gershman 2015), whose learning
//    rate falls as evidence accumulates, with slow forgetting; early experience weighs more.
// Both scale each experience by the developmental phase; susceptibility scales either the size of each
// experience (the outcome's value, 'size') or the learning rate ('speed'; infant.hpp). An experience
// with one attachment figure also shapes, by a smaller share, what the infant expects of the others
// (Bowlby 1973: working models generalize), so strategies with two figures are related but not the same.
#pragma once

#include "models/caregiver/caregiving_response.hpp"
#include "models/infant/development.hpp"
#include "models/infant/infant.hpp"
#include "models/infant/signalling_policy.hpp"
#include "sim/core/parameter.hpp"

#include <algorithm>
#include <array>

namespace attachsim::models {

enum class LearningRule { reinforcement, bayesian };
inline const char* name_of(LearningRule r) { return r == LearningRule::reinforcement ? "reinforcement" : "bayesian"; }

// How the infant meets a figure it has not met before (a partner who arrives, a childcare provider, a
// night watch): with the strategy and expectations it has learned so far, or as a newborn meets its
// first figure. A rival-hypothesis choice (docs/guide_hypothesis.md).
enum class NewFigure { carried, fresh };
inline const char* name_of(NewFigure n) { return n == NewFigure::carried ? "carried" : "fresh"; }

struct LearningParameters {
  LearningRule rule;
  double learning_rate;
  double prior_weight;
  double forgetting;
  double generalization;
  NewFigure new_figure;
  double value_comfort;
  double value_comfort_unsoothed;
  double value_delayed;
  double value_delayed_unsoothed;
  double value_misattuned;
  double value_rebuff;
  double value_frightening;
  double value_frightened;
  double ignored_bid_penalty;
  double value_alone_newborn;
  double value_alone_one_year;
  double intense_alone_penalty;
};

inline sim::ParameterTable<LearningParameters> learning_table() {
  using P = LearningParameters;
  return {
      sim::choice("rule", &P::rule, {"reinforcement", "bayesian"}, 0,
                  {"", "Learning rule: 'reinforcement' (delta rule, constant rate) or 'bayesian' (normal belief, rate falls with evidence).", "Rescorla & Wagner 1972; Sutton & Barto 2018; Gershman 2015"}),
      sim::real("learning_rate", &P::learning_rate, 0.06, 0, 1,
                {"per episode", "Reinforcement rule: step toward each outcome in the reference phase, for susceptibility 1.", "assumption"}),
      sim::real("prior_weight", &P::prior_weight, 5, 0.01, 1000,
                {"episodes", "Bayesian rule: the innate expectation counts as this many experiences.", "assumption"}),
      sim::real("forgetting", &P::forgetting, 0.002, 0, 1,
                {"per episode", "Bayesian rule: share of accumulated evidence forgotten per experience (volatile world).", "assumption"}),
      sim::real("generalization", &P::generalization, 0.1, 0, 1,
                {"share", "Share of an experience with one attachment figure that also updates the infant's strategy with each other figure present that day.", "assumption; Bowlby 1973 on generalizing working models; Fox, Kimmerly & Schafer 1991: attachments to mother and father are related but distinct"}),
      sim::choice("new_figure", &P::new_figure, {"carried", "fresh"}, 0,
                  {"", "How the infant meets a figure it has not met before (a partner who arrives later, a childcare provider, a night watch): 'carried', with the signalling strategy and expectations it has learned so far; 'fresh', with a newborn's strategy and no expectations, so that the relationship is learned from that figure's own answers (and the little generalization carries from the others).",
                   "carried: Bowlby 1973 (working models carried into new relationships); fresh: Main & Weston 1981, Goossens & van IJzendoorn 1990 (attachments are relationship-specific; to professional caregivers independent of those to parents)"}),
      sim::real("value_comfort", &P::value_comfort, 1.0, -2, 2,
                {"value", "Outcome value of prompt, appropriate comfort.", "reference = 1"}),
      sim::real("value_comfort_unsoothed", &P::value_comfort_unsoothed, 0.3, -2, 2,
                {"value", "Outcome value of comfort that does not settle the infant: held, but still distressed.", "assumption; Ainsworth et al. 1978 on contact that fails to comfort"}),
      sim::real("value_delayed", &P::value_delayed, 0.5, -2, 2,
                {"value", "Outcome value of comfort that comes late.", "assumption"}),
      sim::real("value_delayed_unsoothed", &P::value_delayed_unsoothed, 0.1, -2, 2,
                {"value", "Outcome value of late comfort that does not settle the infant.", "assumption"}),
      sim::real("value_misattuned", &P::value_misattuned, 0.0, -2, 2,
                {"value", "Outcome value of a mis-attuned or intrusive answer.", "assumption"}),
      sim::real("value_rebuff", &P::value_rebuff, -1.0, -2, 2,
                {"value", "Outcome value of a rebuff.", "assumption; Main 1981: rejection of bids is aversive"}),
      sim::real("value_frightening", &P::value_frightening, -1.0, -2, 2,
                {"value", "Outcome value of threatening (frightening) caregiver behaviour.", "assumption; Main & Hesse 1990"}),
      sim::real("value_frightened", &P::value_frightened, -0.6, -2, 2,
                {"value", "Outcome value of frightened, helpless or dissociated caregiver behaviour: no comfort, and alarm.", "assumption; Main & Hesse 1990; Lyons-Ruth et al. 1999"}),
      sim::real("ignored_bid_penalty", &P::ignored_bid_penalty, 0.05, 0, 2,
                {"value", "How much worse unanswered distress is after a bid than after suppressing it: ignored crying goes on.", "calibrated (docs/calibration.md) with the A shares; Bell & Ainsworth 1972 (ignored crying persists)"}),
      sim::real("value_alone_newborn", &P::value_alone_newborn, -0.3, -2, 2,
                {"value", "Outcome value of distress that no one answers, at birth: newborns barely self-soothe.", "Kopp 1989 on early emotion regulation; design note: C emerges only if self-soothing pays little early (docs/ODD.md)"}),
      sim::real("value_alone_one_year", &P::value_alone_one_year, 0.1, -2, 2,
                {"value", "Outcome value of unanswered distress from 12 months on: self-soothing has grown.", "Kopp 1989"}),
      sim::real("intense_alone_penalty", &P::intense_alone_penalty, 0.3, 0, 2,
                {"value", "How much worse unanswered distress is when it is intense.", "assumption"}),
  };
}

inline double outcome_value(const LearningParameters& p, Response r, double age_days, bool intense) {
  switch (r) {
    case Response::comfort: return p.value_comfort;
    case Response::comfort_unsoothed: return p.value_comfort_unsoothed;
    case Response::delayed: return p.value_delayed;
    case Response::delayed_unsoothed: return p.value_delayed_unsoothed;
    case Response::misattuned: return p.value_misattuned;
    case Response::rebuff: return p.value_rebuff;
    case Response::frightening: return p.value_frightening;
    case Response::frightened: return p.value_frightened;
    case Response::unanswered: break;
  }
  const double one_year = 12 * days_per_month;
  const double grown = age_days < one_year ? age_days / one_year : 1.0;
  return p.value_alone_newborn + (p.value_alone_one_year - p.value_alone_newborn) * grown -
         (intense ? p.intense_alone_penalty : 0.0);
}

// What a day's episodes share, computed once a day: the net value of every outcome to this infant at
// today's age, by distress level, signal and answer (the perceived value, net of the effort of
// escalating and of an ignored bid), and the reinforcement rule's step.
struct LearningDay {
  std::array<std::array<std::array<double, response_count>, signal_count>, distress_levels> outcome{};
  double step = 0;    // reinforcement rule
  double weight = 0;  // Bayesian rule: evidence an experience adds
};

// The value to this infant of outcome `r` after `signal` at distress `level`, at an age: the perceived
// value (scaled by susceptibility under 'size'), net of an ignored bid and of the signal's effort.
inline double net_outcome(const LearningParameters& p, double worth, const std::array<double, signal_count>& effort,
                          int level, int signal, Response r, double age_days) {
  const double ignored = r == Response::unanswered && signal != suppress ? p.ignored_bid_penalty : 0.0;
  return worth * (outcome_value(p, r, age_days, level == 1) - ignored) - effort[signal];
}

// The learning days of one infant. Of a day's values only the step and weight (the developmental phase)
// and, through the first year, the value of unanswered distress (self-soothing grows) change from day
// to day; the rest is computed once, so a day costs a few products instead of the whole table.
// `susceptibility` is the infant's; `effort` the cost of each signal. Under the 'size' mechanism
// susceptibility scales what an answer is worth to the infant, under 'speed' how fast it learns.
class LearningDays {
 public:
  LearningDays(const LearningParameters& p, double susceptibility, SusceptibilityMechanism mechanism,
               const std::array<double, signal_count>& effort)
      : p_(p), effort_(effort), size_(mechanism == SusceptibilityMechanism::size),
        susceptibility_(susceptibility), worth_(size_ ? susceptibility : 1.0) {
    for (int level = 0; level < distress_levels; ++level)
      for (int signal = 0; signal < signal_count; ++signal)
        for (int r = 0; r < response_count; ++r)
          day_.outcome[level][signal][r] = net_outcome(p_, worth_, effort_, level, signal, static_cast<Response>(r), 0);
  }

  // The day at `age_days`, whose developmental multiplier is `phase`.
  const LearningDay& at(double age_days, double phase) {
    if (!grown_) {
      constexpr auto unanswered = static_cast<int>(Response::unanswered);
      for (int level = 0; level < distress_levels; ++level)
        for (int signal = 0; signal < signal_count; ++signal)
          day_.outcome[level][signal][unanswered] =
              net_outcome(p_, worth_, effort_, level, signal, Response::unanswered, age_days);
      grown_ = age_days >= 12 * days_per_month;  // outcome_value stops changing at one year
    }
    day_.weight = size_ ? phase : phase * susceptibility_;
    day_.step = std::min(1.0, p_.learning_rate * day_.weight);
    return day_;
  }

 private:
  const LearningParameters& p_;
  std::array<double, signal_count> effort_;
  bool size_;
  double susceptibility_, worth_;
  bool grown_ = false;
  LearningDay day_;
};

// One day's values computed whole (tests and one-off callers); LearningDays gives the same numbers.
inline LearningDay learning_day(const LearningParameters& p, double age_days, double phase, double susceptibility,
                                SusceptibilityMechanism mechanism, const std::array<double, signal_count>& effort) {
  return LearningDays(p, susceptibility, mechanism, effort).at(age_days, phase);
}

// One update of the chosen signal's value; `weight` = the day's learning weight (LearningDay::weight),
// `step` the reinforcement rule's min(1, learning_rate x weight), fixed for a day. A share of the update
// (learning.generalization) goes to the same signal with another figure.
template <LearningRule rule>
inline void learn(const LearningParameters& p, SignallingPolicy& policy, double beta, int level, int signal,
                  double outcome, double weight, double step) {
  double& v = policy.value[level][signal];
  if constexpr (rule == LearningRule::reinforcement) {
    v += step * (outcome - v);
  } else {
    double& e = policy.evidence[level][signal];
    e = e * (1 - p.forgetting) + weight;
    v += weight / (p.prior_weight + e) * (outcome - v);
  }
  policy.refresh(beta, level, signal);
}

template <LearningRule rule>
inline void learn(const LearningParameters& p, SignallingPolicy& policy, double beta, int level, int signal,
                  double outcome, double weight) {
  learn<rule>(p, policy, beta, level, signal, outcome, weight, std::min(1.0, p.learning_rate * weight));
}

}  // namespace attachsim::models
