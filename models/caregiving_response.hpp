// How a caregiver answers a bid (docs/ODD.md, Submodels): detection depends on availability, sensitivity and
// signal strength; the answer mix on sensitivity and state of mind. Dismissing minds rebuff more the
// more intense the bid (Main 1981); preoccupied minds answer by their own state, so that only strong
// signals break through and the answer is then a matter of the caregiver's mood (Cassidy & Berlin
// 1994); unresolved minds show frightening/frightened behaviour, more under stress (Main & Hesse 1990).
#pragma once

#include "models/caregiver.hpp"
#include "sim/fast_exp.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace attachsim::models {

enum class Response { unanswered, comfort, delayed, misattuned, rebuff, frightening };

constexpr int signal_count = 3;  // suppress, direct bid, escalated bid
enum Signal { suppress = 0, direct = 1, escalate = 2 };

// The caregiver's answer probabilities for each kind of signal, fixed for a day: they change only
// with the caregiver's daily state, so the per-episode path is comparisons only.
struct AnswerOdds {
  std::array<double, signal_count> detect{};             // when attending to the infant
  std::array<double, signal_count> detect_self_focused{};  // when absorbed in her own state
  std::array<double, signal_count> rebuff{};
  double self_focus = 0;
  double frightening = 0;
  double comfort = 0;  // momentary sensitivity: prompt comfort, or comfort that chaos interrupts
  double interrupted = 0;  // share of that comfort which chaos delays
  double delayed_share = 0;
  double self_focus_comfort = 0;
};

// Signal strengths, their logarithms, and what breaks through self-focus, fixed for a run: the
// daily odds then need one exp per signal and no pow.
struct SignalStrengths {
  std::array<double, signal_count> strength{};
  std::array<double, signal_count> log_strength{};
  std::array<double, signal_count> breakthrough{};  // strength^self_focus_exponent

  SignalStrengths(const CaregiverParameters& p, const std::array<double, signal_count>& s) : strength(s) {
    for (int i = 0; i < signal_count; ++i) {
      log_strength[i] = std::log(std::max(s[i], 1e-12));
      breakthrough[i] = std::exp(p.self_focus_exponent * log_strength[i]);
    }
  }
};

// `chaos` is the household's chaos level (0-1): bids lost to noise, comfort interrupted.
inline AnswerOdds answer_odds(const CaregiverParameters& p, const Caregiver& c, const SignalStrengths& signals,
                              double chaos = 0, double missed_bids = 0, double interrupted_comfort = 0) {
  AnswerOdds odds;
  odds.comfort = momentary_sensitivity(p, c);
  // A sensitivity program trains answering the infant's signal: fewer rebuffs, less self-focus, calmer
  // answers (video feedback shows parents their frightening moments too; Juffer et al. 2008).
  const double untrained = (1 - c.program_sensitivity) * sim::fast_exp(-p.sensitivity_restrains_mind * (odds.comfort - 0.5));
  odds.self_focus = std::min(1.0, c.mind.preoccupied * untrained);
  const double stress2 = c.stress * c.stress;
  odds.frightening = untrained * std::min(1.0, c.mind.unresolved * (p.frightening_base + p.frightening_stress * c.stress) +
                                                   p.atypical_under_stress * stress2);
  odds.delayed_share = p.delayed_share;
  odds.self_focus_comfort = p.self_focus_comfort_share;
  odds.interrupted = interrupted_comfort * chaos;
  const double heard = 1 - missed_bids * chaos;
  for (int s = 0; s < signal_count; ++s) {
    const double log_strength = signals.log_strength[s];
    odds.detect[s] = heard * c.availability * sim::fast_exp(p.detection_exponent * (1 - odds.comfort) * log_strength);
    odds.detect_self_focused[s] = heard * c.availability * signals.breakthrough[s];
    odds.rebuff[s] = untrained * std::min(1.0, c.mind.dismissing * (p.rebuff_base + p.rebuff_intensity * signals.strength[s]) +
                                                   p.hostile_under_stress * stress2);
  }
  return odds;
}

// Three uniforms decide an answer: is the caregiver self-absorbed, does she notice, what does she do.
inline Response caregiver_response(const AnswerOdds& odds, int signal, double u_focus, double u_detect,
                                   double u_kind) {
  const bool self_focused = u_focus < odds.self_focus;
  if (u_detect >= (self_focused ? odds.detect_self_focused[signal] : odds.detect[signal])) return Response::unanswered;
  if (self_focused) return u_kind < odds.self_focus_comfort ? Response::comfort : Response::misattuned;  // her mood

  double k = u_kind;  // one uniform walks down the mix, rescaled at each step
  if (k < odds.frightening) return Response::frightening;
  k = (k - odds.frightening) / (1 - odds.frightening);
  if (k < odds.rebuff[signal]) return Response::rebuff;
  k = (k - odds.rebuff[signal]) / (1 - odds.rebuff[signal]);
  if (k < odds.comfort) return k < odds.comfort * (1 - odds.interrupted) ? Response::comfort : Response::delayed;
  k = (k - odds.comfort) / (1 - odds.comfort);
  return k < odds.delayed_share ? Response::delayed : Response::misattuned;
}

}  // namespace attachsim::models
