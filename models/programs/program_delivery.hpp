// Delivering a program to one family, day by day: each scheduled session is attended, missed or left
// (models/programs/engagement.hpp); an attended session's uptake is split across the aims of the part
// it belongs to (the program's own content or a component of a tailored program: one family, one
// engagement, so every part's sessions add to the same fatigue and alliance),
// and each aim closes part of its remaining gap (models/programs/intervention_program.hpp). What has
// been gained acts every day on the caregiver's hooks and the family's support, and fades toward a
// maintained share once the family is out of the program. Nothing here reaches the infant.
#pragma once

#include "models/caregiver/caregiver.hpp"
#include "models/household/risk_profile.hpp"
#include "models/programs/engagement.hpp"
#include "models/programs/intervention_program.hpp"
#include "sim/core/fast_exp.hpp"
#include "sim/core/random_stream.hpp"

#include <array>
#include <cmath>
#include <vector>

namespace attachsim::models {

// A program's course in one family.
struct ProgramCourse {
  int attended = 0, missed = 0;
  std::array<int, program_parts> attended_by_part{};
  bool dropped_out = false;
  int left_day = -1;  // day of the session at which the family left (-1: it did not leave)
  double uptake = 0;  // sum of the attended sessions' uptakes: sessions' worth of content taken in
  std::array<double, aim_count> gain{};  // today, 0-1 of each aim's gap
  double effect_at_end = 0;  // mean gain over the program's aims when the family was out of it
};

class ProgramDelivery {
  static constexpr double ln_half = -0.69314718055994531;  // a literal, not std::log: the same on every machine

 public:
  // `sessions` (program_sessions) may hold days before birth (negative): those sessions are held on
  // day 0, in order, with their true spacing.
  ProgramDelivery(const ProgramParameters& p, const std::vector<ProgramSession>& sessions, const Caregiver& caregiver,
                  int risk_load)
      : p_(p), sessions_(sessions), mind_(caregiver.mind), engagement_(start_engagement(p, caregiver.motivation, risk_load)),
        daily_decay_(sim::fast_exp(-1.0 / (days_per_month * p.decay_months))) {
    for (int k = 0; k < program_parts; ++k) share_[static_cast<std::size_t>(k)] = aim_shares(p.part(k));
    for (int a = 0; a < aim_count; ++a) {
      const auto i = static_cast<std::size_t>(a);
      for (const auto& part : share_) has_[i] = has_[i] || part[i] > 0;
      aims_ += has_[i];
      step_[i] = ln_half / p.half_sessions[i];  // log of the gap kept per unit of content
    }
  }

  void day(int today, Caregiver& c, RiskProfile& risk, sim::RandomStream& stream) {
    if (aims_ == 0) return;
    for (; next_ < sessions_.size() && sessions_[next_].day <= today; ++next_) attend(sessions_[next_], stream);
    if (!out_ && (engagement_.dropped_out || next_ == sessions_.size())) {
      out_ = true;
      course_.effect_at_end = mean_gain();
      at_end_ = course_.gain;
    }
    if (out_) {
      fading_ *= daily_decay_;
      for (std::size_t a = 0; a < aim_count; ++a) course_.gain[a] = at_end_[a] * (p_.maintenance + (1 - p_.maintenance) * fading_);
    }
    apply(c, risk);
  }

  const ProgramCourse& course() const { return course_; }
  // Every attended session at its own part's price.
  double cost() const {
    double total = 0;
    for (int k = 0; k < program_parts; ++k) total += course_.attended_by_part[static_cast<std::size_t>(k)] * p_.part(k).cost_per_session;
    return total;
  }
  // Received as planned: stayed in and attended at least completion_share of the sessions
  // (trivially so without a program).
  bool completed() const {
    return aims_ == 0 || (!course_.dropped_out && course_.attended >= p_.completion_share * static_cast<double>(sessions_.size()));
  }

 private:
  void attend(ProgramSession s, sim::RandomStream& stream) {
    const double u_leave = stream.uniform(), u_miss = stream.uniform();
    const int day = s.day;
    const auto part = static_cast<std::size_t>(s.part);
    const int attended_before = engagement_.attended;
    const double uptake = p_.part(s.part).fidelity * session(p_, engagement_, day, u_leave, u_miss);
    course_.attended_by_part[part] += engagement_.attended - attended_before;
    course_.attended = engagement_.attended, course_.missed = engagement_.missed;
    if (engagement_.dropped_out && !course_.dropped_out) course_.left_day = day;
    course_.dropped_out = engagement_.dropped_out;
    course_.uptake += uptake;
    for (int a = 0; a < aim_count; ++a) {
      const auto i = static_cast<std::size_t>(a);
      const double content = needs_infant(a) && day < 0 ? 0.0 : uptake * share_[part][i];
      const double ceiling = p_.ceiling[i];
      course_.gain[i] = ceiling - (ceiling - course_.gain[i]) * sim::fast_exp(step_[i] * content);
    }
  }

  double mean_gain() const {
    double s = 0;
    for (std::size_t a = 0; a < aim_count; ++a) s += has_[a] ? course_.gain[a] : 0.0;
    return s / aims_;
  }

  // Today's gains on the hooks they act on (a hook of an aim the program lacks is left alone).
  void apply(Caregiver& c, RiskProfile& risk) const {
    const auto& g = course_.gain;
    if (has_[aim_sensitivity]) c.program_sensitivity = g[aim_sensitivity];
    if (has_[aim_atypical]) c.program_atypical = g[aim_atypical];
    if (has_[aim_stress]) c.program_stress = g[aim_stress];
    if (has_[aim_depression]) c.program_depression = g[aim_depression];
    if (has_[aim_safety]) c.program_safety = g[aim_safety];
    if (has_[aim_representation]) {
      const double kept = 1 - g[aim_representation];
      c.mind.dismissing = mind_.dismissing * kept;
      c.mind.preoccupied = mind_.preoccupied * kept;
      c.mind.unresolved = mind_.unresolved * kept;
    }
    if (has_[aim_support]) risk.support_gain = g[aim_support], risk.update_support();
  }

  const ProgramParameters& p_;
  const std::vector<ProgramSession>& sessions_;
  StateOfMind mind_;  // as before the program
  std::array<std::array<double, aim_count>, program_parts> share_{};  // each part's split of a session's content
  std::array<double, aim_count> step_{};
  std::array<bool, aim_count> has_{};
  int aims_ = 0;
  Engagement engagement_;
  double daily_decay_, fading_ = 1;
  std::size_t next_ = 0;
  bool out_ = false;  // out of the program (left, or past its end): gains fade
  std::array<double, aim_count> at_end_{};
  ProgramCourse course_;
};

}  // namespace attachsim::models
