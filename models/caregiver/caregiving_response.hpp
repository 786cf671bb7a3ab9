// How a caregiver answers a bid (docs/ODD.md, 3.3.6): detection depends on availability, sensitivity and
// signal strength, and in a noisy home weak signals are lost first; the answer mix on sensitivity, state
// of mind and the caregiver's atypical behaviour. Dismissing minds rebuff more the more intense the bid
// (Main 1981); preoccupied minds answer by their own state, so that only strong signals break through
// and the answer is then a matter of the caregiver's mood (Cassidy & Berlin 1994); atypical behaviour is
// threatening (frightening) or frightened, helpless and dissociated (Main & Hesse 1990; Lyons-Ruth,
// Bronfman & Parsons 1999). Comfort soothes a hard-to-soothe infant less often (Kagan 1994; van den
// Boom 1994): the same answer may leave the infant unsettled.
#pragma once

#include "models/caregiver/caregiver.hpp"
#include "sim/core/fast_exp.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace attachsim::models {

enum class Response {
  unanswered,
  comfort,            // prompt, appropriate comfort that settles the infant
  comfort_unsoothed,  // prompt comfort that does not settle a hard-to-soothe infant
  delayed,            // comfort that comes late (or is interrupted), and settles
  delayed_unsoothed,
  misattuned,  // an answer that does not fit the signal (intrusive, mistimed, mocking)
  rebuff,      // rejection of the bid
  frightening,  // threatening atypical behaviour (looming, hostile, abusive)
  frightened,   // frightened, helpless or dissociated atypical behaviour
};
constexpr int response_count = 9;

constexpr int signal_count = 3;  // suppress, direct bid, escalated bid
enum Signal { suppress = 0, direct = 1, escalate = 2 };

// What an answer means to the infant, independent of its value: did the caregiver come, did she settle it.
constexpr bool came(Response r) {
  return r == Response::comfort || r == Response::comfort_unsoothed || r == Response::delayed ||
         r == Response::delayed_unsoothed;
}
constexpr bool soothed(Response r) { return r == Response::comfort || r == Response::delayed; }
constexpr bool atypical(Response r) { return r == Response::frightening || r == Response::frightened; }

// The caregiver's answer probabilities for each kind of signal, fixed for a day: they change only
// with the caregiver's daily state, so the per-episode path is comparisons only.
struct AnswerOdds {
  std::array<double, signal_count> detect{};               // when attending to the infant
  std::array<double, signal_count> detect_self_focused{};  // when absorbed in her own state
  std::array<double, signal_count> rebuff{};
  double self_focus = 0;
  double frightening = 0, frightened = 0;
  double comfort = 0;      // momentary sensitivity: prompt comfort, or comfort that chaos interrupts
  double interrupted = 0;  // share of that comfort which chaos delays
  double delayed_share = 0;
  double self_focus_comfort = 0;
  double soothe = 1;            // chance that comfort settles this infant
  double soothe_escalated = 1;  // the same for an escalated protest, held longer
  // The same odds as one table, [self-focused][signal]: detection, then the answer mix as cut points
  // on one uniform. The answer is the count of cut points at or below it (caregiver_response): no
  // division and no branch on the random numbers, whose outcomes a processor cannot predict.
  struct Cuts {
    double detect;
    std::array<double, 7> kind;
  };
  std::array<std::array<Cuts, signal_count>, 2> cuts;
};

// The answer for each count of cut points passed, [detected][count]. Atypical acts do not wait for a
// noticed bid: a caregiver's frightening, frightened or dissociated behaviour in an episode of the
// infant's distress comes at her rate whether or not she noticed its signal, so neither hiding distress
// nor a caregiver who misses signals shields the infant from it (Main & Hesse 1990: fright without
// solution).
constexpr std::array<std::array<Response, 8>, 2> answer_by_cut = {
    {{Response::frightening, Response::frightened, Response::unanswered, Response::unanswered, Response::unanswered,
      Response::unanswered, Response::unanswered, Response::unanswered},
     {Response::frightening, Response::frightened, Response::rebuff, Response::comfort, Response::comfort_unsoothed,
      Response::delayed, Response::delayed_unsoothed, Response::misattuned}}};

// Walking down the mix (atypical behaviour, threatening then frightened; rebuff; comfort, of which chaos
// interrupts a share; then delayed or mis-attuned), each step taking its probability of what is left, and
// splitting comfort and delayed comfort by whether they settle the infant, puts the boundaries at these
// cumulative points. Atypical and rebuff odds above 1 take all that is left; the others are shares.
// What does not depend on the signal is worked out once a day (AnswerMix); the cuts of one signal then
// cost a few products.
struct AnswerMix {
  double threatening, atypical_total, late_share;

  AnswerMix(double frightening, double frightened, double comfort, double interrupted, double delayed_share)
      : threatening(0), atypical_total(std::min(1.0, frightening + frightened)),
        late_share(comfort * interrupted + (1 - comfort) * delayed_share) {
    if (atypical_total > 0) threatening = atypical_total * frightening / (frightening + frightened);
  }

  std::array<double, 7> cuts(double rebuff, double comfort, double interrupted, double soothe) const {
    rebuff = std::min(1.0, rebuff);
    const double rest = (1 - atypical_total) * (1 - rebuff);
    const double to_rebuff = atypical_total + (1 - atypical_total) * rebuff;
    const double prompt = rest * comfort * (1 - interrupted), late = rest * late_share;
    return {threatening, atypical_total, to_rebuff, to_rebuff + prompt * soothe, to_rebuff + prompt,
            to_rebuff + prompt + late * soothe, to_rebuff + prompt + late};
  }
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

// What the household adds to a caregiver's answers today.
struct AnswerSetting {
  double chaos = 0;          // household chaos, 0-1
  double missed_bids = 0;    // chaos_support.missed_bids
  double interrupted = 0;    // chaos_support.interrupted_comfort
  double soothe = 1;         // the infant's chance of being settled by comfort
  double soothe_escalated = 1;  // the same for an escalated protest, held longer (escalated_soothe)
  double discouraged = 0;    // rebuffs by the household's norm of self-reliance, per unit strength (care_practices.hpp)
  double carry_exponent = 0; // only loud cries reach a carer out of earshot: detection x strength^k (night_care)
  double atypical_scale = 1; // her atypical acts per episode relative to an average infant's (caregiver.atypical_tracks_crying)
};

// Comfort of an escalated protest goes on longer, and so settles a hard-to-soothe infant more often:
// 1 - (1 - soothe)^(1 + protest_holding). Fixed for a dyad, computed once.
inline double escalated_soothe(const CaregiverParameters& p, double soothe) {
  return 1 - (1 - soothe) * std::pow(1 - soothe, p.protest_holding);
}

// Written into `odds`, every field, so the daily loop fills its table in place: the table is 70 doubles,
// and returning it by value cost a copy of it every day (6% of the model's time; see answer_odds below).
// Every input is read into a local first: `odds` holds doubles too, so each store into it could, for the
// compiler, change a parameter or the caregiver, and every input would be read and every product formed
// again for each signal (the same numbers, bit for bit, in fewer instructions).
inline void fill_answer_odds(AnswerOdds& odds, const CaregiverParameters& p, const Caregiver& c,
                             const SignalStrengths& signals, const AnswerSetting& setting = {}) {
  const double comfort = momentary_sensitivity(p, c);
  const double availability = c.availability, dismissing = c.mind.dismissing;
  const double soothe_plain = setting.soothe, soothe_escalated = setting.soothe_escalated;
  const double chaos = setting.chaos, discouraged = setting.discouraged, carry_exponent = setting.carry_exponent;
  // A sensitivity program trains answering the infant's signal: fewer rebuffs, less self-focus, calmer
  // answers; a program that addresses atypical behaviour lowers that too (Juffer et al. 2008).
  const double restraint = sim::fast_exp(-p.sensitivity_restrains_mind * (comfort - 0.5));
  const double untrained = (1 - c.program_sensitivity) * restraint;
  const double self_focus = std::min(1.0, c.mind.preoccupied * untrained);
  const AtypicalRates atypical = atypical_rates(p, c);
  const double unlearned = restraint * (1 - c.program_atypical);
  const double unlearned_here = unlearned * setting.atypical_scale;
  const double frightening = unlearned_here * atypical.threatening, frightened = unlearned_here * atypical.frightened;
  const double interrupted = setting.interrupted * chaos;
  const double hostile = hostility(p, c);
  const double mood = p.self_focus_comfort_share, delayed_share = p.delayed_share;
  const double missed_in_noise = setting.missed_bids * chaos;
  const double weak_missed = p.detection_exponent * (1 - comfort);
  const double rebuff_base = p.rebuff_base, rebuff_intensity = p.rebuff_intensity;
  const AnswerMix mix(frightening, frightened, comfort, interrupted, delayed_share);
  const double atypical_total = mix.atypical_total;
  odds.comfort = comfort;
  odds.soothe = soothe_plain;
  odds.soothe_escalated = soothe_escalated;
  odds.self_focus = self_focus;
  odds.frightening = frightening;
  odds.frightened = frightened;
  odds.delayed_share = delayed_share;
  odds.self_focus_comfort = mood;
  odds.interrupted = interrupted;
  for (int s = 0; s < signal_count; ++s) {
    const double strength = signals.strength[s], log_strength = signals.log_strength[s];
    const double soothe = s == escalate ? soothe_escalated : soothe_plain;
    // Noise masks weak signals first: an escalated cry (strength 1) is always heard (Evans & Wachs 2010).
    const double heard = 1 - missed_in_noise * (1 - strength);
    // A signal of strength 1 (the default escalation) has log 0, and fast_exp(0) is exactly 1.
    const double missed_weak = log_strength == 0 ? 1.0 : sim::fast_exp(weak_missed * log_strength);
    // Out of earshot (a night watch over several houses), a bid must be loud to carry: a branch on a
    // parameter, so that detection elsewhere is computed exactly as before.
    const double carries = carry_exponent > 0 ? sim::fast_exp(carry_exponent * log_strength) : 1.0;
    const double reachable = heard * availability;
    const double detect = reachable * missed_weak * carries, detect_self_focused = reachable * signals.breakthrough[s] * carries;
    const double rebuff = untrained * std::min(1.0, dismissing * (rebuff_base + rebuff_intensity * strength) + hostile +
                                                        discouraged * strength);
    odds.detect[s] = detect;
    odds.detect_self_focused[s] = detect_self_focused;
    odds.rebuff[s] = rebuff;
    odds.cuts[0][s] = {detect, mix.cuts(rebuff, comfort, interrupted, soothe)};
    // Self-focused: atypical acts at the same rate, since absorption in her own state is where frightened
    // and dissociated behaviour shows (Main & Hesse 1990), so self-focus does not shield the infant from
    // them; otherwise comfort or mis-attuned by her mood, whatever the signal.
    const double to_comfort = atypical_total + (1 - atypical_total) * mood;
    odds.cuts[1][s] = {detect_self_focused,
                       {mix.threatening, atypical_total, atypical_total,
                        atypical_total + (1 - atypical_total) * mood * soothe, to_comfort, to_comfort, to_comfort}};
  }
}

inline AnswerOdds answer_odds(const CaregiverParameters& p, const Caregiver& c, const SignalStrengths& signals,
                              const AnswerSetting& setting = {}) {
  AnswerOdds odds;
  fill_answer_odds(odds, p, c, signals, setting);
  return odds;
}

// Three uniforms decide an answer: is the caregiver self-absorbed, does she notice, what does she do.
inline Response caregiver_response(const AnswerOdds& odds, int signal, double u_focus, double u_detect,
                                   double u_kind) {
  const auto& odds_now = odds.cuts[u_focus < odds.self_focus][signal];
  const auto& cut = odds_now.kind;
  const int passed = (u_kind >= cut[0]) + (u_kind >= cut[1]) + (u_kind >= cut[2]) + (u_kind >= cut[3]) +
                     (u_kind >= cut[4]) + (u_kind >= cut[5]) + (u_kind >= cut[6]);
  return answer_by_cut[u_detect < odds_now.detect][passed];
}

}  // namespace attachsim::models
