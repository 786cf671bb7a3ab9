// The caregiver's answer mix: detection falls with weaker signals and lower sensitivity; dismissing
// minds rebuff intense bids most; preoccupied minds let only strong signals through; unresolved minds
// act atypically (threatening and frightened), more under stress; comfort settles a hard-to-soothe infant
// less often. Frequencies are checked against the odds they come from.
#include "models/caregiver/caregiving_response.hpp"
#include "sim/core/random_stream.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cmath>

using namespace attachsim::models;

namespace {

CaregiverParameters parameters() {
  CaregiverParameters p{};
  p.detection_exponent = 1.5;
  p.delayed_share = 0.5;
  p.rebuff_base = 0.35;
  p.rebuff_intensity = 0.65;
  p.self_focus_exponent = 4;
  p.self_focus_comfort_share = 0.5;
  p.frightening_base = 0.1;
  p.frightening_stress = 0.3;
  p.frightened_share = 0.5;
  p.stress_sensitivity_effect = 0.3;
  p.depression_sensitivity_effect = 0.35;
  return p;
}

Caregiver caregiver(double sensitivity) {
  Caregiver c;
  c.sensitivity = sensitivity;
  c.availability = 1;
  return c;
}

const SignalStrengths& strengths() {
  static const SignalStrengths s(parameters(), {0.1, 0.7, 1.0});
  return s;
}

// Frequencies of each response to `signal` over n answers from one stream.
std::array<double, response_count> frequencies(const AnswerOdds& odds, int signal, int n = 200000) {
  attachsim::sim::RandomStream stream(7, 0, 1);
  std::array<double, response_count> f{};
  for (int i = 0; i < n; ++i) {
    const double a = stream.uniform(), b = stream.uniform(), c = stream.uniform();
    f[static_cast<int>(caregiver_response(odds, signal, a, b, c))] += 1.0 / n;
  }
  return f;
}

// A frequency from n = 200,000 answers against its probability p: within 4 SE, sqrt(p (1 - p) / n) (a
// false alarm once in 16,000 checks); exact where p is 0 or 1.
void check_frequency(double frequency, double p, int n = 200000) {
  const double margin = 4 * std::sqrt(p * (1 - p) / n);
  CHECK_MESSAGE(std::abs(frequency - p) <= margin + 1e-12, "frequency " << frequency << ", probability " << p << ", 4 SE " << margin);
}

// Two frequencies counted on the same uniforms, of answers the same cut points decide: the same counts,
// so equal but for the order in which 1/n was summed.
void check_same_count(double a, double b) { CHECK(a == doctest::Approx(b).epsilon(1e-12)); }

}  // namespace

TEST_CASE("caregiving: an attentive caregiver answers as her odds say") {
  const auto odds = answer_odds(parameters(), caregiver(0.6), strengths());
  CHECK(odds.detect[direct] == doctest::Approx(std::pow(0.7, 1.5 * 0.4)));
  const auto f = frequencies(odds, direct);
  check_frequency(f[static_cast<int>(Response::unanswered)], 1 - odds.detect[direct]);
  check_frequency(f[static_cast<int>(Response::comfort)], odds.detect[direct] * 0.6);
  CHECK(f[static_cast<int>(Response::rebuff)] == 0.0);
  CHECK(f[static_cast<int>(Response::frightening)] == 0.0);
}

TEST_CASE("caregiving: weak signals are missed more, and more so by an insensitive caregiver") {
  const auto sensitive = answer_odds(parameters(), caregiver(0.9), strengths());
  const auto insensitive = answer_odds(parameters(), caregiver(0.2), strengths());
  CHECK(sensitive.detect[suppress] < sensitive.detect[direct]);
  CHECK(sensitive.detect[direct] < sensitive.detect[escalate] + 1e-12);
  CHECK(insensitive.detect[suppress] < sensitive.detect[suppress]);
  CHECK(insensitive.detect[direct] < sensitive.detect[direct]);
}

TEST_CASE("caregiving: dismissing minds rebuff intense bids more than mild ones") {
  auto c = caregiver(0.5);
  c.mind.dismissing = 0.8;
  const auto odds = answer_odds(parameters(), c, strengths());
  CHECK(odds.rebuff[escalate] > odds.rebuff[direct]);
  CHECK(odds.rebuff[direct] > odds.rebuff[suppress]);
  const auto f = frequencies(odds, escalate);
  check_frequency(f[static_cast<int>(Response::rebuff)], odds.detect[escalate] * odds.rebuff[escalate]);
}

TEST_CASE("caregiving: a self-absorbed preoccupied caregiver lets only strong signals through") {
  auto c = caregiver(0.9);
  c.mind.preoccupied = 1.0;  // always self-focused
  const auto odds = answer_odds(parameters(), c, strengths());
  const auto direct_answers = frequencies(odds, direct), escalated_answers = frequencies(odds, escalate);
  const int unanswered = static_cast<int>(Response::unanswered);
  check_frequency(direct_answers[unanswered], 1 - std::pow(0.7, 4));
  CHECK(escalated_answers[unanswered] < 0.01);
  // What gets through is answered by her mood: comfort or mis-attunement, half and half.
  check_frequency(escalated_answers[static_cast<int>(Response::comfort)], 0.5);
  check_frequency(escalated_answers[static_cast<int>(Response::misattuned)], 0.5);
}

TEST_CASE("caregiving: self-absorption does not shield the infant from atypical acts") {
  // Absorption in her own state is where frightened and dissociated behaviour shows (Main & Hesse
  // 1990): a caregiver who is always self-focused acts atypically at the same rate as an attending one.
  auto absorbed = caregiver(0.5), attending = caregiver(0.5);
  absorbed.mind.unresolved = attending.mind.unresolved = 0.8;
  absorbed.mind.preoccupied = 1.0;  // always self-focused
  const auto absorbed_odds = answer_odds(parameters(), absorbed, strengths());
  const auto attending_odds = answer_odds(parameters(), attending, strengths());
  REQUIRE(absorbed_odds.self_focus == 1.0);
  REQUIRE(absorbed_odds.frightening > 0.03);
  for (int signal : {suppress, direct, escalate}) {
    CAPTURE(signal);
    const auto a = frequencies(absorbed_odds, signal), b = frequencies(attending_odds, signal);
    for (const Response r : {Response::frightening, Response::frightened}) {
      const int i = static_cast<int>(r);
      check_frequency(a[i], r == Response::frightening ? absorbed_odds.frightening : absorbed_odds.frightened);
      check_same_count(a[i], b[i]);  // the same uniforms and the same cut points for atypical acts
    }
  }
}

TEST_CASE("caregiving: unresolved minds act atypically, threatening and frightened, more under stress") {
  auto calm = caregiver(0.5), stressed = caregiver(0.5);
  calm.mind.unresolved = stressed.mind.unresolved = 0.8;
  stressed.stress = 1.0;
  const auto calm_odds = answer_odds(parameters(), calm, strengths());
  const auto stressed_odds = answer_odds(parameters(), stressed, strengths());
  // Half of the intrusion threatens, half frightens (frightened_share 0.5); momentary sensitivity 0.5
  // neither restrains nor releases it.
  CHECK(calm_odds.frightening == doctest::Approx(0.5 * 0.08));
  CHECK(calm_odds.frightened == doctest::Approx(0.5 * 0.08));
  const double stressed_momentary = 0.5 * 0.7;  // stress lowers momentary sensitivity, which releases the mind
  const double release = std::exp(-parameters().sensitivity_restrains_mind * (stressed_momentary - 0.5));
  CHECK(stressed_odds.frightening == doctest::Approx(0.5 * 0.8 * 0.4 * release));
  const auto f = frequencies(stressed_odds, escalate);
  check_frequency(f[static_cast<int>(Response::frightening)], stressed_odds.detect[escalate] * stressed_odds.frightening);
  check_frequency(f[static_cast<int>(Response::frightened)], stressed_odds.detect[escalate] * stressed_odds.frightened);
}

TEST_CASE("caregiving: a secure mind beside lack of resolution holds its intrusion back, where the rival account is on") {
  // The same unresolved dimension (0.8) in a U/F and a U/Ds caregiver, and a resolved F caregiver with a
  // trace (0.02). Off (0, the default), the organized classification makes no difference; at 0.5 the
  // U/F caregiver's intrusion halves, and the others' stays as it was (Schuengel et al. 1999).
  auto secure = caregiver(0.5), dismissing = caregiver(0.5), resolved = caregiver(0.5);
  secure.mind.category = dismissing.mind.category = AaiCategory::U;
  secure.mind.organized = AaiCategory::F, dismissing.mind.organized = AaiCategory::Ds;
  secure.mind.unresolved = dismissing.mind.unresolved = 0.8;
  resolved.mind.unresolved = 0.02;
  auto p = parameters();
  CHECK(atypical_rates(p, secure).threatening == doctest::Approx(0.5 * 0.08));
  CHECK(atypical_rates(p, secure).threatening == atypical_rates(p, dismissing).threatening);
  const double resolved_before = atypical_rates(p, resolved).frightened;
  p.unresolved_secure_buffer = 0.5;
  CHECK(atypical_rates(p, secure).threatening == doctest::Approx(0.5 * 0.5 * 0.08));
  CHECK(atypical_rates(p, secure).frightened == doctest::Approx(0.5 * 0.5 * 0.08));
  CHECK(atypical_rates(p, dismissing).threatening == doctest::Approx(0.5 * 0.08));
  CHECK(atypical_rates(p, resolved).frightened == resolved_before);
}

TEST_CASE("caregiving: comfort settles a hard-to-soothe infant less often") {
  const auto p = parameters();
  const auto easy = answer_odds(p, caregiver(0.8), strengths(), {0, 0, 0, 0.9, escalated_soothe(p, 0.9)});
  const auto hard = answer_odds(p, caregiver(0.8), strengths(), {0, 0, 0, 0.5, escalated_soothe(p, 0.5)});
  // An escalated protest is held longer: it settles 1 - (1 - soothe)^(1 + protest_holding) of the time.
  const auto he = frequencies(hard, escalate);
  const int comforted = static_cast<int>(Response::comfort), not_settled = static_cast<int>(Response::comfort_unsoothed);
  check_frequency(he[comforted], escalated_soothe(p, 0.5) * (he[comforted] + he[not_settled]));
  const auto e = frequencies(easy, direct), h = frequencies(hard, direct);
  const int settled = static_cast<int>(Response::comfort), unsettled = static_cast<int>(Response::comfort_unsoothed);
  // The same comfort is given (0.8 of detected bids); what differs is whether it settles.
  check_same_count(e[settled] + e[unsettled], h[settled] + h[unsettled]);
  check_frequency(e[settled], 0.9 * (e[settled] + e[unsettled]));
  check_frequency(h[settled], 0.5 * (h[settled] + h[unsettled]));
}

TEST_CASE("caregiving: stress and depression lower momentary sensitivity and availability") {
  auto c = caregiver(0.8);
  const double calm = momentary_sensitivity(parameters(), c);
  c.stress = 1.0;
  const double stressed = momentary_sensitivity(parameters(), c);
  c.depressed = true;
  const double depressed = momentary_sensitivity(parameters(), c);
  CHECK(calm == doctest::Approx(0.8));
  CHECK(stressed == doctest::Approx(0.8 * 0.7));
  CHECK(depressed == doctest::Approx(0.8 * 0.7 * 0.65));
}

TEST_CASE("caregiving: the cut points give the answers of walking down the mix, whatever the odds") {
  // The walk down as ODD 3.3.6 states it: atypical behaviour (threatening, then frightened), then rebuff,
  // then comfort (of which chaos delays a share), then delayed or mis-attuned, each taking its
  // probability of what is left; comfort and delayed comfort settle the infant with its soothability.
  const auto walk_down = [](const AnswerOdds& odds, int signal, double k) {
    const double atypical_odds = std::min(1.0, odds.frightening + odds.frightened);
    if (k < atypical_odds) return k < atypical_odds * odds.frightening / (odds.frightening + odds.frightened) ? Response::frightening : Response::frightened;
    k = (k - atypical_odds) / (1 - atypical_odds);
    if (k < odds.rebuff[signal]) return Response::rebuff;
    k = (k - odds.rebuff[signal]) / (1 - odds.rebuff[signal]);
    // What is left after rebuffs: prompt comfort, then late comfort (interrupted by chaos, or delayed),
    // each settling the infant in its first `soothe` share, then mis-attunement.
    const double prompt = odds.comfort * (1 - odds.interrupted);
    const double late = odds.comfort * odds.interrupted + (1 - odds.comfort) * odds.delayed_share;
    const double soothe = signal == escalate ? odds.soothe_escalated : odds.soothe;  // a protest is held longer
    if (k < prompt) return (k / prompt) < soothe ? Response::comfort : Response::comfort_unsoothed;
    if (k < prompt + late) return ((k - prompt) / late) < soothe ? Response::delayed : Response::delayed_unsoothed;
    return Response::misattuned;
  };
  attachsim::sim::RandomStream stream(8, 0, 1);
  int compared = 0;
  for (int trial = 0; trial < 200; ++trial) {
    auto c = caregiver(stream.uniform());
    c.mind.dismissing = stream.uniform();
    c.mind.unresolved = stream.uniform();
    c.stress = stream.uniform();
    c.depressed = stream.bernoulli(0.3);
    const double soothe = stream.uniform();
    const auto odds = answer_odds(parameters(), c, strengths(), {stream.uniform(), 0.2, 0.3, soothe, escalated_soothe(parameters(), soothe)});
    for (int signal = 0; signal < signal_count; ++signal) {
      const auto& cut = odds.cuts[0][signal].kind;
      for (int i = 0; i < 500; ++i) {
        const double k = stream.uniform();
        bool near_cut = false;  // the two roundings may differ within 1e-12 of a boundary
        for (double x : cut) near_cut |= std::abs(k - x) < 1e-12;
        if (near_cut) continue;
        // u_focus = 1 (never self-focused), u_detect = 0 (always detected): only u_kind decides.
        CHECK(caregiver_response(odds, signal, 1.0, 0.0, k) == walk_down(odds, signal, k));
        ++compared;
      }
    }
  }
  CHECK(compared > 290000);
}

TEST_CASE("care practices: independence training adds rebuffs by the bid's strength, and nothing else") {
  // A non-dismissing, unstressed caregiver: every rebuff is the household's norm. The restraint of her
  // sensitivity (sensitivity_restrains_mind, 0 in these parameters) leaves it whole.
  const auto plain = answer_odds(parameters(), caregiver(0.6), strengths());
  AnswerSetting trained;
  trained.discouraged = 0.3;
  const auto odds = answer_odds(parameters(), caregiver(0.6), strengths(), trained);
  for (int s = 0; s < signal_count; ++s) {
    CAPTURE(s);
    CHECK(plain.rebuff[s] == 0.0);
    CHECK(odds.rebuff[s] == doctest::Approx(0.3 * strengths().strength[s]).epsilon(1e-12));
    // What the caregiver notices, and her own state, are the same.
    CHECK(odds.detect[s] == plain.detect[s]);
    CHECK(odds.detect_self_focused[s] == plain.detect_self_focused[s]);
  }
  CHECK(odds.comfort == plain.comfort);
  CHECK(odds.self_focus == plain.self_focus);
  CHECK(odds.frightening == plain.frightening);
  CHECK(odds.frightened == plain.frightened);
  // The answers a noticed direct bid meets: rebuffs at 0.3 x 0.7, the rest as before, scaled by what is left.
  const auto f = frequencies(odds, direct), g = frequencies(plain, direct);
  const double rebuffed = 0.3 * 0.7;
  check_frequency(f[static_cast<int>(Response::rebuff)], odds.detect[direct] * rebuffed);
  check_frequency(f[static_cast<int>(Response::comfort)], g[static_cast<int>(Response::comfort)] * (1 - rebuffed));
  check_same_count(f[static_cast<int>(Response::unanswered)], g[static_cast<int>(Response::unanswered)]);
}

TEST_CASE("night care: only loud cries carry to a night watch, and without it detection is exactly as before") {
  // Detection x strength^k: an escalated cry (strength 1) carries whole, a direct bid (0.7) at 0.7^4,
  // a suppressed one (0.1) all but never. What she does once she notices is unchanged.
  const auto plain = answer_odds(parameters(), caregiver(0.6), strengths());
  AnswerSetting far;
  far.carry_exponent = 4;
  const auto odds = answer_odds(parameters(), caregiver(0.6), strengths(), far);
  for (int s = 0; s < signal_count; ++s) {
    CAPTURE(s);
    // Without it, detection is availability x the weak-signal loss of 3.3.6, exactly as computed there
    // (no chaos here, so every bid is heard).
    const double missed_weak = s == escalate ? 1.0 : std::exp(parameters().detection_exponent * (1 - plain.comfort) * std::log(strengths().strength[s]));
    CHECK(plain.detect[s] == doctest::Approx(caregiver(0.6).availability * missed_weak).epsilon(1e-6));
    const double carries = std::pow(strengths().strength[s], 4);
    CHECK(odds.detect[s] == doctest::Approx(plain.detect[s] * carries).epsilon(1e-6));
    CHECK(odds.detect_self_focused[s] == doctest::Approx(plain.detect_self_focused[s] * carries).epsilon(1e-6));
    CHECK(odds.cuts[0][s].kind == plain.cuts[0][s].kind);
    CHECK(odds.rebuff[s] == plain.rebuff[s]);
  }
  CHECK(odds.detect[escalate] == plain.detect[escalate]);
}
