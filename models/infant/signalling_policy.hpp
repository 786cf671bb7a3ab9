// What the infant has learned to do when distressed: suppress (look away, self-soothe), bid directly,
// or escalate (intense, angry, clinging). The policy is a softmax over learned values of each signal,
// held separately for mild and intense distress, since the Strange Situation reads the infant under
// raised distress (Ainsworth et al. 1978) and minimizing or maximizing shows most there.
#pragma once

#include "models/caregiver/caregiving_response.hpp"
#include "sim/core/fast_exp.hpp"
#include "sim/core/parameter.hpp"

#include <array>
#include <cmath>

namespace attachsim::models {

constexpr int distress_levels = 2;  // mild, intense

struct SignallingParameters {
  double strength_suppress;
  double strength_direct;
  double strength_escalate;
  double escalation_cost;
  double inverse_temperature;
  double initial_suppress;
  double initial_direct;
  double initial_escalate;
};

inline sim::ParameterTable<SignallingParameters> signalling_table() {
  using P = SignallingParameters;
  return {
      sim::real("strength_suppress", &P::strength_suppress, 0.1, 0, 1,
                {"0-1", "Signal strength of suppressed distress (looking away, self-soothing).", "assumption"}),
      sim::real("strength_direct", &P::strength_direct, 0.7, 0, 1,
                {"0-1", "Signal strength of a direct bid (crying, reaching, approaching).", "assumption"}),
      sim::real("strength_escalate", &P::strength_escalate, 1.0, 0, 1,
                {"0-1", "Signal strength of an escalated bid (intense, angry, clinging).", "reference = 1"}),
      sim::real("escalation_cost", &P::escalation_cost, 0.5, 0, 2,
                {"value", "Effort cost of escalating, paid in every escalated episode.", "calibrated (docs/calibration.md): see caregiver.self_focus_comfort_share; design note: without an effort cost escalation always pays and C cannot be told from B (docs/ODD.md)"}),
      sim::real("inverse_temperature", &P::inverse_temperature, 10, 0, 50,
                {"1/value", "How deterministically the infant picks the signal of highest learned value.", "assumption (softmax choice; Sutton & Barto 2018)"}),
      sim::real("initial_suppress", &P::initial_suppress, -0.2, -2, 2,
                {"value", "Innate value of suppressing distress at birth.", "newborns signal distress by crying (Bowlby 1969)"}),
      sim::real("initial_direct", &P::initial_direct, 0.3, -2, 2,
                {"value", "Innate value of a direct bid at birth.", "Bowlby 1969: crying as an innate attachment behaviour"}),
      sim::real("initial_escalate", &P::initial_escalate, 0.1, -2, 2,
                {"value", "Innate value of an escalated bid at birth.", "assumption"}),
  };
}

// The effort each signal costs an infant, subtracted from its outcome: only escalating costs (3.3.7).
inline std::array<double, signal_count> effort_costs(double escalation_cost) { return {0.0, 0.0, escalation_cost}; }

struct SignallingPolicy {
  std::array<std::array<double, signal_count>, distress_levels> value{};
  std::array<std::array<double, signal_count>, distress_levels> weight{};    // exp(beta * value), cached
  std::array<std::array<double, signal_count>, distress_levels> evidence{};  // for the Bayesian rule

  void start(const SignallingParameters& p) {
    for (int d = 0; d < distress_levels; ++d) {
      value[d] = {p.initial_suppress, p.initial_direct, p.initial_escalate};
      for (int s = 0; s < signal_count; ++s) refresh(p.inverse_temperature, d, s);
    }
  }

  void refresh(double beta, int level, int signal) { weight[level][signal] = sim::fast_exp(beta * value[level][signal]); }

  int choose(int level, double u) const {
    const auto& w = weight[level];
    const double x = u * (w[0] + w[1] + w[2]);
    return x < w[0] ? suppress : (x < w[0] + w[1] ? direct : escalate);
  }

  double probability(int level, int signal) const {
    const auto& w = weight[level];
    return w[signal] / (w[0] + w[1] + w[2]);
  }
};

}  // namespace attachsim::models
