// Delivering a program to one family, day by day: sessions attended or dropped out of, the dose
// they add up to, and the effect that dose has on the caregiver's sensitivity, state of mind and
// social support while the program runs and after it ends (models/programs/intervention_program.hpp).
#pragma once

#include "models/caregiver/caregiver.hpp"
#include "models/programs/intervention_program.hpp"
#include "models/household/risk_profile.hpp"
#include "sim/core/random_stream.hpp"

#include <cmath>
#include <vector>

namespace attachsim::models {

class ProgramDelivery {
 public:
  ProgramDelivery(const ProgramParameters& p, const std::vector<int>& session_days, int end_day,
                  const Caregiver& caregiver, int risk_load)
      : p_(p), sessions_(session_days), end_day_(end_day), mind_(caregiver.mind),
        response_(std::exp(p.motivation_effect * 2 * (caregiver.motivation - 0.5) - p.risk_load_effect * risk_load)),
        dropout_(std::min(0.99, p.dropout_per_session * std::exp(p.dropout_risk_effect * risk_load))),
        daily_decay_(std::exp(-1.0 / (30.4375 * p.decay_months))) {}

  // Sessions of the day (each draws one number, attended or not, to keep streams aligned), then
  // today's effect on the caregiver and the family's support.
  void day(int today, Caregiver& c, RiskProfile& risk, sim::RandomStream& stream) {
    if (p_.type == ProgramType::none) return;
    for (; next_ < sessions_.size() && sessions_[next_] == today; ++next_) {
      const bool leaves = stream.uniform() < dropout_;
      course_.dropped_out = course_.dropped_out || leaves;
      if (course_.dropped_out) continue;
      ++course_.attended;
      course_.dose += p_.fidelity * response_;
    }
    // The effect changes with each session while the program runs, then fades toward its maintained
    // share: the fading part shrinks by the same factor every day.
    if (today <= end_day_) {
      if (course_.dose != dose_of_effect_) {
        dose_of_effect_ = course_.dose;
        course_.effect = course_.effect_at_end = program_effect_of_dose(p_, course_.dose);
      }
      fading_ = 1;
    } else {
      fading_ *= daily_decay_;
      course_.effect = course_.effect_at_end * (p_.maintenance + (1 - p_.maintenance) * fading_);
    }
    const double e = course_.effect;
    const bool sensitivity = p_.type == ProgramType::sensitivity || p_.type == ProgramType::comprehensive;
    const bool representational = p_.type == ProgramType::representational || p_.type == ProgramType::comprehensive;
    const bool support = p_.type == ProgramType::social_support || p_.type == ProgramType::comprehensive;
    if (sensitivity) c.program_sensitivity = e;
    if (representational) {
      c.mind.dismissing = mind_.dismissing * (1 - e);
      c.mind.preoccupied = mind_.preoccupied * (1 - e);
      c.mind.unresolved = mind_.unresolved * (1 - e);
    }
    if (support) risk.support_gain = e, risk.update_support();
  }

  const ProgramCourse& course() const { return course_; }
  double cost() const { return course_.attended * p_.cost_per_session; }
  // Received as planned: every session attended (trivially so without a program).
  bool completed() const { return p_.type == ProgramType::none || course_.attended == static_cast<int>(sessions_.size()); }

 private:
  const ProgramParameters& p_;
  const std::vector<int>& sessions_;
  int end_day_;
  StateOfMind mind_;  // as before the program
  double response_, dropout_, daily_decay_;
  double dose_of_effect_ = 0, fading_ = 1;
  std::size_t next_ = 0;
  ProgramCourse course_;
};

}  // namespace attachsim::models
