// Lives that change: a family's risks are not fixed at birth. Families enter and leave economic hardship
// (Bane & Ellwood 1986; Stevens 1999: about half of poverty spells end within a year, and many recur),
// violent relationships start and end (about half of women who report partner violence in one year
// report it the next; Agrawal et al. 2014), partners leave and new ones arrive (Osborne & McLanahan 2007,
// Fragile Families: instability is common after non-marital births), chaos and social support drift
// (Matheny et al. 1995: CHAOS scale stable at r ~ .7 over a year). Each status is a threshold on a
// liability made of the family's lasting part, drawn at birth (risk_profile.hpp), and a transient part
// that wanders as an Ornstein-Uhlenbeck process, stepped weekly: at any moment the shares of families in
// each status are those declared for the population, while each family moves in and out of them.
#pragma once

#include "models/household/risk_profile.hpp"
#include "sim/core/parameter.hpp"
#include "sim/core/portable_exp.hpp"
#include "sim/core/random_stream.hpp"

#include <boost/random/normal_distribution.hpp>

#include <array>
#include <cmath>

namespace attachsim::models {

// The statuses that change: each is a share of its liability's variance that wanders, and how fast.
enum Transient : int { transient_hardship, transient_violence, transient_partner, transient_chaos, transient_support, transient_count };

struct LifeCourseParameters {
  bool changes;
  std::int64_t step_days;
  double hardship_transient_share;
  double hardship_years;
  double violence_transient_share;
  double violence_years;
  double partner_transient_share;
  double partner_years;
  double chaos_transient_share;
  double chaos_years;
  double support_transient_share;
  double support_years;
  double single_share;
  double single_isolation_loading;
};

inline sim::ParameterTable<LifeCourseParameters> life_course_table() {
  using P = LifeCourseParameters;
  return {
      sim::boolean("changes", &P::changes, true,
                   {"", "Let hardship, partner violence, a partner's presence, chaos and support change during the span. false fixes them at birth: the static households of the first model, for comparison.", "design choice: a mechanism switched off is a config line"}),
      sim::integer("step_days", &P::step_days, 7, 1, 365,
                {"days", "Interval at which the transient parts of the liabilities take a step.", "design choice: statuses change over weeks, not days"}),
      sim::real("hardship_transient_share", &P::hardship_transient_share, 0.35, 0, 1,
                {"share of variance", "Share of the hardship liability that is transient.", "set with hardship_years so that about half of hardship spells end within a year (Bane & Ellwood 1986; Stevens 1999); docs/calibration.md, inputs"}),
      sim::real("hardship_years", &P::hardship_years, 1.5, 0.05, 50,
                {"years", "Time constant of the transient part of the hardship liability.", "see hardship_transient_share"}),
      sim::real("violence_transient_share", &P::violence_transient_share, 0.5, 0, 1,
                {"share of variance", "Share of the violence liability that is transient: violent relationships start and end.", "set with violence_years so that about half of women reporting partner violence report it a year later (Agrawal et al. 2014; Martin et al. 2001)"}),
      sim::real("violence_years", &P::violence_years, 1.0, 0.05, 50,
                {"years", "Time constant of the transient part of the violence liability.", "see violence_transient_share"}),
      sim::real("partner_transient_share", &P::partner_transient_share, 0.3, 0, 1,
                {"share of variance", "Share of the single-parenthood liability that is transient: partners leave and new ones arrive.", "set with partner_years so that about 1 in 12 two-parent families separate within two years of a birth and a fifth of single mothers gain a partner (Osborne & McLanahan 2007)"}),
      sim::real("partner_years", &P::partner_years, 3.0, 0.05, 50,
                {"years", "Time constant of the transient part of the single-parenthood liability.", "see partner_transient_share"}),
      sim::real("chaos_transient_share", &P::chaos_transient_share, 0.3, 0, 1,
                {"share of variance", "Share of the chaos liability that is transient.", "Matheny et al. 1995: CHAOS test-retest r = .74 over a year"}),
      sim::real("chaos_years", &P::chaos_years, 1.0, 0.05, 50,
                {"years", "Time constant of the transient part of the chaos liability.", "see chaos_transient_share"}),
      sim::real("support_transient_share", &P::support_transient_share, 0.35, 0, 1,
                {"share of variance", "Share of the isolation liability that is transient: support networks change.", "assumption: social-support measures are stable at r ~ .6-.7 over a year (e.g. Sarason et al. 1983)"}),
      sim::real("support_years", &P::support_years, 1.0, 0.05, 50,
                {"years", "Time constant of the transient part of the isolation liability.", "see support_transient_share"}),
      sim::real("single_share", &P::single_share, 0.08, 0, 1,
                {"probability", "Share of caregivers without a co-resident partner at any time (at no risk shift); the partner is the second attachment figure and the only perpetrator of partner violence.", "assumption for middle-class samples; ~10% of births in two-parent-majority samples are to single mothers (NICHD ECCRN 1997 sample: 14% no partner)"}),
      sim::real("single_isolation_loading", &P::single_isolation_loading, 0.5, 0, 1,
                {"loading", "How much the liability to single parenthood shares with the liability to social isolation (and so with the family's other risks).", "assumption; single mothers report less support (Cairney et al. 2003)"}),
  };
}

// The family's statuses now, and the transient parts behind them.
class LifeCourse {
 public:
  // Draws the transient parts at birth (from the life-course stream) and sets the statuses; `single`
  // is the family's lasting liability to single parenthood, drawn with the household.
  void start(const LifeCourseParameters& p, const RiskStructure& structure, RiskProfile& risk, double single,
             sim::RandomStream& stream) {
    p_ = &p, structure_ = &structure, single_liability_ = single;
    single_threshold_ = liability_threshold(p.single_share);
    const std::array<double, transient_count> shares = {p.hardship_transient_share, p.violence_transient_share,
                                                         p.partner_transient_share, p.chaos_transient_share,
                                                         p.support_transient_share};
    const std::array<double, transient_count> years = {p.hardship_years, p.violence_years, p.partner_years,
                                                       p.chaos_years, p.support_years};
    boost::random::normal_distribution<double> z(0, 1);
    for (int k = 0; k < transient_count; ++k) {
      lasting_[k] = p.changes ? std::sqrt(1 - shares[k]) : 1.0;
      wander_[k] = p.changes ? std::sqrt(shares[k]) : 0.0;
      keep_[k] = sim::portable_exp(-static_cast<double>(p.step_days) / (365.25 * years[k]));
      transient_[k] = p.changes ? z(stream) : 0.0;
    }
    apply(risk);
  }

  // One step of the transient parts (every step_days days): a fixed number of draws, changes or not.
  void step(RiskProfile& risk, sim::RandomStream& stream) {
    if (!p_->changes) return;
    boost::random::normal_distribution<double> z(0, 1);
    for (int k = 0; k < transient_count; ++k)
      transient_[k] = keep_[k] * transient_[k] + std::sqrt(1 - keep_[k] * keep_[k]) * z(stream);
    apply(risk);
  }

  bool partner_present() const { return partner_present_; }

 private:
  // A liability now: the family's shift (stratum, neighbourhood), its lasting part around the shift, and
  // the transient part, so that the variance around the shift stays 1 and the declared shares hold.
  double now(int k, double liability, double shift) const {
    return shift + lasting_[k] * (liability - shift) + wander_[k] * transient_[k];
  }

  void apply(RiskProfile& r) {
    // The liabilities of the risk profile are the lasting parts (shifts included); what they are now is
    // written into the statuses the day's context reads.
    const double s = r.shift;
    r.hardship = now(transient_hardship, r.liability[hardship], s) > structure_->hardship_threshold;
    partner_present_ = !(now(transient_partner, single_liability_, s) > single_threshold_);
    // Only a partner can be violent: violence ends when he leaves.
    r.violence = partner_present_ && now(transient_violence, r.liability[violence], s) > structure_->violence_threshold;
    r.chaos = normal_cdf(now(transient_chaos, r.liability[chaos], s));
    r.support_base = 1 - normal_cdf(now(transient_support, r.liability[isolation], s));
    r.update_support();
  }

  const LifeCourseParameters* p_ = nullptr;
  const RiskStructure* structure_ = nullptr;
  double single_liability_ = 0, single_threshold_ = 0;
  std::array<double, transient_count> lasting_{}, wander_{}, keep_{}, transient_{};
  bool partner_present_ = true;
};

}  // namespace attachsim::models
