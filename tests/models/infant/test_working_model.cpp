// The working model learns from the infant's bids what the figure does: consistent comfort builds
// expected availability and self-worth, rebuffs build expected rejection, answers that are now comfort
// and now something else leave the figure unpredictable; distress kept to itself teaches nothing; fear
// rises with atypical acts (threatening more than frightened) and fades without them; the transactional
// loop moves the caregiver.
#include "models/caregiver/caregiver.hpp"
#include "models/infant/development.hpp"
#include "models/infant/working_model.hpp"

#include <doctest/doctest.h>

#include <array>

using namespace attachsim::models;

namespace {

WorkingModelRates rates(double weight = 1, double fear_gain = 1, FearFading fading = FearFading::time,
                        AlarmSurprise surprise = AlarmSurprise::ordinary) {
  const WorkingModelParameters p{0.05, 0.1, 0.5, fading, 0.01, 0.02, 0.2, surprise};
  return working_model_rates(p, weight, fear_gain);
}

// Bids answered in turn by the answers listed.
WorkingModel after(const std::vector<Response>& answers, int bids = 400, int signal = direct) {
  WorkingModel m;
  for (int i = 0; i < bids; ++i) update_working_model(rates(), m, answers[static_cast<std::size_t>(i) % answers.size()], signal);
  return m;
}

}  // namespace

TEST_CASE("working model: consistent comfort builds expected availability, predictability and self-worth") {
  const WorkingModel m = after({Response::comfort});
  CHECK(m.availability > 0.99);
  CHECK(m.self_worth > 0.99);
  CHECK(m.rejection < 0.01);
  CHECK(m.predictability > 0.99);
}

TEST_CASE("working model: rebuffs build expected rejection and lower self-worth") {
  const WorkingModel m = after({Response::rebuff});
  CHECK(m.rejection > 0.99);
  CHECK(m.availability < 0.01);
  CHECK(m.self_worth < 0.01);
}

TEST_CASE("working model: answers that are now comfort, now not, are unpredictable; consistent ones are not") {
  // Half comfort, half mis-attunement: a running expectation of about 0.5, so every answer surprises
  // by about half. Consistent rejection is as predictable as consistent comfort.
  const WorkingModel alternating = after({Response::comfort, Response::misattuned});
  const WorkingModel comforting = after({Response::comfort}), rejecting = after({Response::rebuff});
  CHECK(alternating.predictability < 0.6);
  CHECK(comforting.predictability > 0.95);
  CHECK(rejecting.predictability > 0.95);
}

TEST_CASE("working model: an alarming act is a kind of answer of its own, which rebuffs do not foretell") {
  // After 400 rebuffs the infant expects a rebuff almost surely (predictability above .99). One more
  // rebuff leaves that as it is; a threatening or frightened act, which the rebuffs gave almost no
  // chance, lowers it by about the update rate (0.05 here). Counted as one more harsh answer, as before
  // 2026-12-04, it would have been foreseen as surely as the rebuffs.
  const WorkingModel rejected = after({Response::rebuff});
  for (const Response alarming : {Response::frightening, Response::frightened}) {
    WorkingModel rebuffed_again = rejected, alarmed = rejected;
    update_working_model(rates(), rebuffed_again, Response::rebuff, direct);
    update_working_model(rates(), alarmed, alarming, direct);
    CHECK(rebuffed_again.predictability > 0.99);
    CHECK(alarmed.predictability < rejected.predictability - 0.04);
  }
  // A fright as regular as the rebuffs were is foreseen as well as they were.
  CHECK(after({Response::frightening}).predictability > 0.95);
}

TEST_CASE("working model: under alarm_surprise 'salient' an alarming answer moves predictability at the rate of its fright") {
  // After 400 rebuffs predictability is above .99 and the expected chance of an alarming act near 0, so
  // one alarming answer lowers predictability by about its rate: update_rate 0.05 under 'ordinary';
  // fear_rate 0.1 for a threatening act and 0.1 x frightened_fear 0.5 = 0.05 for a frightened one under
  // 'salient'. Any other answer moves it at the update rate under both, and what the infant expects of
  // each kind of answer is learned at the update rate under both. The drops are deterministic; they fall
  // short of the rates by what predictability lacked of 1 and the act's chance above 0 (under 0.002).
  const WorkingModel rejected = after({Response::rebuff});
  const auto drop = [&](Response r, AlarmSurprise surprise) {
    WorkingModel m = rejected;
    update_working_model(rates(1, 1, FearFading::time, surprise), m, r, direct);
    return rejected.predictability - m.predictability;
  };
  CHECK(std::abs(drop(Response::frightening, AlarmSurprise::ordinary) - 0.05) < 0.002);
  CHECK(std::abs(drop(Response::frightening, AlarmSurprise::salient) - 0.10) < 0.002);
  CHECK(std::abs(drop(Response::frightened, AlarmSurprise::salient) - 0.05) < 0.002);
  for (const Response r : {Response::comfort, Response::unanswered, Response::misattuned})
    CHECK(drop(r, AlarmSurprise::salient) == drop(r, AlarmSurprise::ordinary));
  WorkingModel ordinary = rejected, salient = rejected;
  update_working_model(rates(1, 1, FearFading::time, AlarmSurprise::ordinary), ordinary, Response::frightening, direct);
  update_working_model(rates(1, 1, FearFading::time, AlarmSurprise::salient), salient, Response::frightening, direct);
  CHECK(salient.expected_kind == ordinary.expected_kind);
  // Distress kept to itself teaches nothing, alarming answer or not.
  WorkingModel kept = rejected;
  update_working_model(rates(1, 1, FearFading::time, AlarmSurprise::salient), kept, Response::frightening, suppress);
  CHECK(kept.predictability == rejected.predictability);
}

TEST_CASE("working model: distress kept to itself teaches nothing about the figure") {
  const WorkingModel kept = after({Response::comfort}, 400, suppress);
  const WorkingModel fresh;
  CHECK(kept.availability == fresh.availability);
  CHECK(kept.predictability == fresh.predictability);
  CHECK(kept.bids == 0);
}

TEST_CASE("working model: availability is learned from plain bids, not from what protest wins") {
  // Escalated bids that are always comforted leave expected availability where it was; they still teach
  // self-worth and a predictable figure. After plain bids that went unanswered, comfort won by protest
  // does not raise it again.
  const WorkingModel protesting = after({Response::comfort}, 400, escalate);
  const WorkingModel fresh;
  CHECK(protesting.availability == fresh.availability);
  CHECK(protesting.self_worth > 0.99);
  CHECK(protesting.predictability > 0.95);
  WorkingModel conditional = after({Response::unanswered}, 200, direct);
  for (int i = 0; i < 200; ++i) update_working_model(rates(), conditional, Response::comfort, escalate);
  CHECK(conditional.availability < 0.01);
}

TEST_CASE("working model: fear rises only with atypical acts, threatening more than frightened, amplified by susceptibility") {
  WorkingModel low, high, frightened, calm;
  update_working_model(rates(0.5), low, Response::frightening, direct);
  update_working_model(rates(1.5), high, Response::frightening, direct);
  update_working_model(rates(1.0), frightened, Response::frightened, suppress);
  update_working_model(rates(1.0), calm, Response::rebuff, direct);
  CHECK(low.fear == doctest::Approx(0.05));
  CHECK(high.fear == doctest::Approx(0.15));
  CHECK(frightened.fear == doctest::Approx(0.05));  // 0.5 x fear_rate: alarm even when the infant did not bid
  CHECK(calm.fear == 0.0);
  WorkingModel amplified;
  update_working_model(rates(1.0, 2.0), amplified, Response::frightening, direct);
  CHECK(amplified.fear == doctest::Approx(0.2));
}

TEST_CASE("working model: comfort that settles the infant extinguishes fear; other answers do not") {
  // rates(): fear_rate 0.1, fear_extinction 0.2, so a settling comfort removes 0.02 of the fear there is,
  // a tenth of what a threat adds at the same weight (0.1 of what is left), and susceptibility under
  // 'size' amplifies the loss as it amplifies the rise.
  const auto frightened_then = [](Response r, int signal, double fear_gain = 1) {
    WorkingModel m;
    m.fear = 0.5;
    update_working_model(rates(1.0, fear_gain), m, r, signal);
    return m.fear;
  };
  CHECK(frightened_then(Response::comfort, direct) == doctest::Approx(0.49));
  CHECK(frightened_then(Response::delayed, escalate) == doctest::Approx(0.49));
  CHECK(frightened_then(Response::comfort, direct, 2.0) == doctest::Approx(0.48));
  // Held but not settled, unanswered, rebuffed, mis-attuned: the fear stays as it was.
  for (Response r : {Response::comfort_unsoothed, Response::delayed_unsoothed, Response::unanswered, Response::rebuff,
                     Response::misattuned})
    CHECK(frightened_then(r, direct) == 0.5);
  // With fear_extinction 0 (the rival account: fear fades only with time), comfort leaves it as it is.
  WorkingModel m;
  m.fear = 0.5;
  update_working_model(working_model_rates({0.05, 0.1, 0.5, FearFading::time, 0.01, 0.02, 0.0, AlarmSurprise::ordinary}, 1.0), m, Response::comfort, direct);
  CHECK(m.fear == 0.5);
}

TEST_CASE("working model: under fear_fading 'encounters' fear fades in each episode that does not alarm, and only then") {
  // rates(..., encounters): fear_decay_encounter 0.02; fear_extinction 0.2 x fear_rate 0.1 = 0.02 more after
  // a settling comfort. Under 'time' and 'exposure' (the default) an episode takes nothing beyond
  // extinction: the day's decay is applied by the daily loop (dyad_life.cpp), whatever the episodes
  // ('time') or by the figure's share of the day's care ('exposure'; test_second_figures.cpp).
  const auto after_one = [](Response r, FearFading fading) {
    WorkingModel m;
    m.fear = 0.5;
    update_working_model(rates(1.0, 1.0, fading), m, r, direct);
    return m.fear;
  };
  CHECK(after_one(Response::unanswered, FearFading::encounters) == doctest::Approx(0.5 * 0.98));
  CHECK(after_one(Response::rebuff, FearFading::encounters) == doctest::Approx(0.5 * 0.98));
  CHECK(after_one(Response::comfort, FearFading::encounters) == doctest::Approx(0.5 * 0.98 * 0.98));
  CHECK(after_one(Response::unanswered, FearFading::time) == 0.5);
  CHECK(after_one(Response::comfort, FearFading::time) == doctest::Approx(0.5 * 0.98));
  // An alarming act is no safe encounter: fear rises by the act's rate and does not fade in that episode.
  CHECK(after_one(Response::frightening, FearFading::encounters) == doctest::Approx(0.5 + 0.1 * 0.5));
  CHECK(after_one(Response::frightened, FearFading::encounters) == doctest::Approx(0.5 + 0.05 * 0.5));
  // Distress kept to itself is an encounter too: the figure was there and did not alarm.
  WorkingModel quiet;
  quiet.fear = 0.5;
  update_working_model(rates(1.0, 1.0, FearFading::encounters), quiet, Response::unanswered, suppress);
  CHECK(quiet.fear == doctest::Approx(0.49));
}

TEST_CASE("working model: the generalized model weighs each relationship by its bids") {
  std::array<WorkingModel, 2> figures{after({Response::comfort}, 300), after({Response::rebuff}, 100)};
  const WorkingModel g = generalized(figures);
  CHECK(g.availability == doctest::Approx(0.75 * figures[0].availability + 0.25 * figures[1].availability));
  CHECK(g.rejection == doctest::Approx(0.75 * figures[0].rejection + 0.25 * figures[1].rejection));
}

TEST_CASE("development: learning is slow before attachment-in-the-making and full in clear-cut attachment") {
  DevelopmentParameters d{24, 2, 7, 30, 0.25, 0.8, 1.0, 0.6};
  CHECK(learning_phase_multiplier(d, 30) == 0.25);
  CHECK(learning_phase_multiplier(d, 100) == 0.8);
  CHECK(learning_phase_multiplier(d, 300) == 1.0);
  CHECK(learning_phase_multiplier(d, 31 * days_per_month) == 0.6);
}

TEST_CASE("transaction: inconsolable crying raises parenting stress and erodes sensitivity") {
  CaregiverParameters p{};
  p.crying_stress_gain = 0.05, p.parenting_stress_decay = 0.02, p.efficacy_rate = 0.05;
  p.efficacy_sensitivity_gain = 0.2, p.sensitivity_drift_rate = 0.05, p.efficacy_expected = 0.87;
  Caregiver spiral, success;
  spiral.self_efficacy = success.self_efficacy = p.efficacy_expected;
  spiral.sensitivity = spiral.sensitivity_baseline = success.sensitivity = success.sensitivity_baseline = 0.6;
  for (int day = 0; day < 100; ++day) {
    for (int e = 0; e < 5; ++e) {
      caregiver_after_episode(p, spiral, true, false, true);
      caregiver_after_episode(p, success, true, true, true);
    }
    caregiver_end_of_day(p, spiral, 0.5);
    caregiver_end_of_day(p, success, 0.5);
  }
  CHECK(spiral.parenting_stress > 0.3);
  CHECK(success.parenting_stress == 0.0);
  // Failing always: felt efficacy -1, of which she bears half at support 0.5: the level heads for
  // 0.6 - 0.1. Succeeding always: (1 - 0.87) / 0.87 above what she expects, the level heads for 0.6 + 0.03.
  CHECK(spiral.sensitivity < 0.52);
  CHECK(success.sensitivity > 0.62);
}

TEST_CASE("transaction: a caregiver who feels helpless withdraws from crying") {
  CaregiverParameters p{};
  p.withdrawal_gain = 0.6, p.efficacy_expected = 0.87;
  Caregiver confident, helpless;
  confident.self_efficacy = 0.9, helpless.self_efficacy = 0.1;
  CHECK(withdrawal(p, confident, 0.2) == 1.0);  // above what she expects: no withdrawal
  // Below it, as much as she is alone with it: support 0.2 leaves 0.8 of the shortfall, support 1 none.
  CHECK(withdrawal(p, helpless, 0.2) == doctest::Approx(1 - 0.6 * 0.8 * (0.87 - 0.1) / 0.87));
  CHECK(withdrawal(p, helpless, 1.0) == 1.0);
}
