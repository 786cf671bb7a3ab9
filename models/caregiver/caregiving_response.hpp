// How a caregiver answers a bid (docs/ODD.md, Submodels): detection depends on availability, sensitivity and
// signal strength; the answer mix on sensitivity and state of mind. Dismissing minds rebuff more the
// more intense the bid (Main 1981); preoccupied minds answer by their own state, so that only strong
// signals break through and the answer is then a matter of the caregiver's mood (Cassidy & Berlin
// 1994); unresolved minds show frightening/frightened behaviour, more under stress (Main & Hesse 1990).
#pragma once

#include "models/caregiver/caregiver.hpp"
#include "sim/core/fast_exp.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace attachsim::models {

enum class Response { unanswered, comfort, delayed, misattuned, rebuff, frightening };
constexpr int response_count = 6;

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
  // The same odds as one table, [self-focused][signal]: detection, then the answer mix as cut points
  // on one uniform. The answer is the count of cut points at or below it (caregiver_response): no
  // division and no branch on the random numbers, whose outcomes a processor cannot predict.
  struct Cuts {
    double detect;
    std::array<double, 5> kind;
  };
  std::array<std::array<Cuts, signal_count>, 2> cuts;
};

// The answer for each count of cut points passed, [detected][count].
constexpr std::array<std::array<Response, 6>, 2> answer_by_cut = {
    {{Response::unanswered, Response::unanswered, Response::unanswered, Response::unanswered, Response::unanswered,
      Response::unanswered},
     {Response::frightening, Response::rebuff, Response::comfort, Response::delayed, Response::delayed,
      Response::misattuned}}};

// Walking down the mix (frightening, rebuff, then comfort, of which chaos interrupts a share, then
// delayed or mis-attuned), each step taking its probability of what is left, puts the boundaries at
// these cumulative points. Exact in real arithmetic; the rounding of the cut points differs from
// rescaling the uniform at each step by about 1e-16. Frightening and rebuff odds above 1 take all
// that is left, as in the walk down; comfort, interruption and delay are shares in [0, 1].
inline std::array<double, 5> answer_cuts(double frightening, double rebuff, double comfort, double interrupted,
                                         double delayed_share) {
  frightening = std::min(1.0, frightening);
  rebuff = std::min(1.0, rebuff);
  const double rest_after_fright = 1 - frightening, rest_after_rebuff = rest_after_fright * (1 - rebuff);
  const double to_rebuff = frightening + rest_after_fright * rebuff;
  const double to_comfort = to_rebuff + rest_after_rebuff * comfort;
  return {frightening, to_rebuff, to_rebuff + rest_after_rebuff * comfort * (1 - interrupted), to_comfort,
          to_comfort + rest_after_rebuff * (1 - comfort) * delayed_share};
}

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
    // A signal of strength 1 (the default escalation) has log 0, and fast_exp(0) is exactly 1.
    const double missed_weak = log_strength == 0 ? 1.0 : sim::fast_exp(p.detection_exponent * (1 - odds.comfort) * log_strength);
    odds.detect[s] = heard * c.availability * missed_weak;
    odds.detect_self_focused[s] = heard * c.availability * signals.breakthrough[s];
    odds.rebuff[s] = untrained * std::min(1.0, c.mind.dismissing * (p.rebuff_base + p.rebuff_intensity * signals.strength[s]) +
                                                   p.hostile_under_stress * stress2);
    odds.cuts[0][s] = {odds.detect[s], answer_cuts(odds.frightening, odds.rebuff[s], odds.comfort, odds.interrupted,
                                                    odds.delayed_share)};
    // Self-focused: comfort or mis-attuned by her mood, whatever the signal.
    const double mood = odds.self_focus_comfort;
    odds.cuts[1][s] = {odds.detect_self_focused[s], {0, 0, mood, mood, mood}};
  }
  return odds;
}

// Three uniforms decide an answer: is the caregiver self-absorbed, does she notice, what does she do.
inline Response caregiver_response(const AnswerOdds& odds, int signal, double u_focus, double u_detect,
                                   double u_kind) {
  const auto& odds_now = odds.cuts[u_focus < odds.self_focus][signal];
  const auto& cut = odds_now.kind;
  const int passed = (u_kind >= cut[0]) + (u_kind >= cut[1]) + (u_kind >= cut[2]) + (u_kind >= cut[3]) + (u_kind >= cut[4]);
  return answer_by_cut[u_detect < odds_now.detect][passed];
}

}  // namespace attachsim::models
