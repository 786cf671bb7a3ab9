// The learning rules: the reinforcement rule tracks outcomes at a constant rate; the Bayesian rule's
// rate falls as evidence accumulates; both move the chosen signal only and keep the softmax cache true.
#include "models/infant/learning.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace attachsim::models;

namespace {

LearningParameters parameters() {
  LearningParameters p{};
  p.learning_rate = 0.1;
  p.prior_weight = 5;
  p.forgetting = 0;
  return p;
}

SignallingPolicy fresh_policy() {
  SignallingParameters s{};
  s.inverse_temperature = 4;
  s.initial_suppress = 0, s.initial_direct = 0, s.initial_escalate = 0;
  SignallingPolicy policy;
  policy.start(s);
  return policy;
}

}  // namespace

TEST_CASE("learning: the reinforcement rule converges to a constant outcome") {
  auto policy = fresh_policy();
  for (int i = 0; i < 200; ++i) learn<LearningRule::reinforcement>(parameters(), policy, 4, 1, direct, 0.8, 1.0);
  CHECK(policy.value[1][direct] == doctest::Approx(0.8).epsilon(1e-6));
  CHECK(policy.value[1][suppress] == 0.0);  // other signals untouched
  CHECK(policy.value[0][direct] == 0.0);    // other distress level untouched
  CHECK(policy.weight[1][direct] == doctest::Approx(std::exp(4 * 0.8)).epsilon(1e-8));
}

TEST_CASE("learning: the reinforcement rule's first step is learning rate x weight") {
  auto policy = fresh_policy();
  learn<LearningRule::reinforcement>(parameters(), policy, 4, 0, escalate, 1.0, 0.5);
  CHECK(policy.value[0][escalate] == doctest::Approx(0.05));
}

TEST_CASE("learning: the Bayesian rule is the running posterior mean, its steps shrinking with evidence") {
  auto policy = fresh_policy();
  // With prior weight 5 at value 0 and no forgetting, after n outcomes of 1 the mean is n / (5 + n).
  for (int n = 1; n <= 20; ++n) {
    learn<LearningRule::bayesian>(parameters(), policy, 4, 1, direct, 1.0, 1.0);
    CHECK(policy.value[1][direct] == doctest::Approx(n / (5.0 + n)));
  }
}

TEST_CASE("learning: forgetting keeps the Bayesian rule able to follow a changed caregiver") {
  auto p = parameters();
  auto stable = fresh_policy(), forgetful = fresh_policy();
  for (int i = 0; i < 500; ++i) learn<LearningRule::bayesian>(p, stable, 4, 1, direct, 1.0, 1.0);
  p.forgetting = 0.02;
  for (int i = 0; i < 500; ++i) learn<LearningRule::bayesian>(p, forgetful, 4, 1, direct, 1.0, 1.0);
  p.forgetting = 0;
  for (int i = 0; i < 50; ++i) learn<LearningRule::bayesian>(p, stable, 4, 1, direct, -1.0, 1.0);
  p.forgetting = 0.02;
  for (int i = 0; i < 50; ++i) learn<LearningRule::bayesian>(p, forgetful, 4, 1, direct, -1.0, 1.0);
  CHECK(forgetful.value[1][direct] < stable.value[1][direct]);
}

TEST_CASE("learning: outcome values order comfort above delay above mis-attunement above rebuff") {
  LearningParameters p{};
  p.value_comfort = 1, p.value_delayed = 0.5, p.value_misattuned = 0, p.value_rebuff = -1, p.value_frightening = -1;
  p.value_alone_newborn = -0.3, p.value_alone_one_year = 0.1, p.intense_alone_penalty = 0.3;
  CHECK(outcome_value(p, Response::comfort, 100, false) > outcome_value(p, Response::delayed, 100, false));
  CHECK(outcome_value(p, Response::delayed, 100, false) > outcome_value(p, Response::misattuned, 100, false));
  CHECK(outcome_value(p, Response::misattuned, 100, false) > outcome_value(p, Response::rebuff, 100, false));
  // Self-soothing grows over the first year and is harder in intense distress.
  CHECK(outcome_value(p, Response::unanswered, 0, false) == doctest::Approx(-0.3));
  CHECK(outcome_value(p, Response::unanswered, 366, false) == doctest::Approx(0.1));
  CHECK(outcome_value(p, Response::unanswered, 400, true) == doctest::Approx(-0.2));
}

TEST_CASE("learning: the softmax policy picks signals in proportion to their weights") {
  auto policy = fresh_policy();
  policy.value[0] = {0.0, std::log(2.0) / 4, std::log(3.0) / 4};  // weights 1, 2, 3
  for (int s = 0; s < signal_count; ++s) policy.refresh(4, 0, s);
  CHECK(policy.probability(0, suppress) == doctest::Approx(1.0 / 6));
  CHECK(policy.choose(0, 0.1) == suppress);  // [0, 1/6)
  CHECK(policy.choose(0, 0.3) == direct);    // [1/6, 1/2)
  CHECK(policy.choose(0, 0.9) == escalate);  // [1/2, 1)
}
