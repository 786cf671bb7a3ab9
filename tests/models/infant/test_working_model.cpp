// The working model tracks what answers the infant has had; fear rises with frightening answers and
// fades without them; the transactional loop moves the caregiver.
#include "models/caregiver/caregiver.hpp"
#include "models/infant/development.hpp"
#include "models/infant/working_model.hpp"

#include <doctest/doctest.h>

using namespace attachsim::models;

namespace {
WorkingModelParameters parameters() { return {0.05, 0.1, 0.01}; }
}  // namespace

TEST_CASE("working model: consistent comfort builds expected availability and self-worth") {
  WorkingModel m;
  for (int i = 0; i < 300; ++i) update_working_model(parameters(), m, Response::comfort, 1.0, 1.0);
  CHECK(m.availability > 0.99);
  CHECK(m.self_worth > 0.99);
  CHECK(m.rejection < 0.01);
  CHECK(m.predictability > 0.95);
}

TEST_CASE("working model: rebuffs build expected rejection and lower self-worth") {
  WorkingModel m;
  for (int i = 0; i < 300; ++i) update_working_model(parameters(), m, Response::rebuff, -1.0, 1.0);
  CHECK(m.rejection > 0.99);
  CHECK(m.availability < 0.01);
  CHECK(m.self_worth < 0.01);
}

TEST_CASE("working model: alternating answers leave the caregiver unpredictable") {
  WorkingModel consistent, alternating;
  for (int i = 0; i < 400; ++i) {
    update_working_model(parameters(), consistent, Response::delayed, 0.5, 1.0);
    const bool good = i % 2 == 0;
    update_working_model(parameters(), alternating, good ? Response::comfort : Response::misattuned, good ? 1.0 : 0.0, 1.0);
  }
  CHECK(alternating.predictability < consistent.predictability - 0.3);
}

TEST_CASE("working model: fear rises only with frightening answers, scaled by susceptibility") {
  WorkingModel low, high;
  update_working_model(parameters(), low, Response::frightening, -1.0, 0.5);
  update_working_model(parameters(), high, Response::frightening, -1.0, 1.5);
  CHECK(low.fear == doctest::Approx(0.05));
  CHECK(high.fear == doctest::Approx(0.15));
  WorkingModel calm;
  update_working_model(parameters(), calm, Response::rebuff, -1.0, 1.0);
  CHECK(calm.fear == 0.0);
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
  p.efficacy_sensitivity_gain = 0.2, p.sensitivity_drift_rate = 0.05;
  Caregiver spiral, success;
  spiral.sensitivity = spiral.sensitivity_baseline = success.sensitivity = success.sensitivity_baseline = 0.6;
  for (int day = 0; day < 100; ++day) {
    for (int e = 0; e < 5; ++e) {
      caregiver_after_episode(p, spiral, true, false, true);
      caregiver_after_episode(p, success, true, true, true);
    }
    caregiver_end_of_day(p, spiral);
    caregiver_end_of_day(p, success);
  }
  CHECK(spiral.parenting_stress > 0.3);
  CHECK(success.parenting_stress == 0.0);
  CHECK(spiral.sensitivity < 0.55);
  CHECK(success.sensitivity > 0.65);
}
