// Analysing a simulated trial as the field does: per arm and per contrast with the reference arm, at
// each follow-up, by intention to treat and per protocol: shares and means, risk difference, odds
// ratio, Cohen's d (from the odds ratio for binary outcomes, Chinn 2000; pooled SD for continuous
// ones, Hedges & Olkin 1985) with 95% intervals, number needed to treat and cost per additional
// success. And what no real trial can do: individual effects from counterfactual twins, by moderator.
#pragma once

#include "sim/core/trial_design.hpp"
#include "sim/trials/trial_runner.hpp"
#include "sim/trials/trial_spec.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace attachsim::sim {

struct Contrast {
  std::int64_t replicate = 0;
  double age_months = 0;
  std::string outcome, arm, analysis;  // analysis: itt, per_protocol, twins
  double n_arm = 0, n_reference = 0;
  double arm_value = 0, reference_value = 0;  // share or mean
  double difference = 0, difference_low = 0, difference_high = 0;
  double odds_ratio = NAN, odds_ratio_low = NAN, odds_ratio_high = NAN;
  double cohens_d = 0, d_low = 0, d_high = 0;
  double nnt = NAN, cost_per_success = NAN, cost_difference = 0;
  bool significant = false;  // the 95% interval excludes no effect
};

struct ModeratorEffect {
  double age_months = 0;
  std::string outcome, arm, moderator, level;
  double n = 0, mean_effect = 0, se = 0;
};

// Change within an arm (or comparison group) between a baseline and a follow-up: the shares of the
// design's tracked outcomes at both, and transitions into and out of its transition outcome. The
// baseline is the trial's first assessment of that outcome, against each later one, when it has two or
// more ("first"); with only one, for program arms, the dyads' own reference twins at that age ("twin":
// what the same families would have shown without the program).
struct Transition {
  std::int64_t replicate = 0;
  std::string arm, analysis, baseline;  // analysis: itt, per_protocol, comparison (groups)
  double from_age = 0, to_age = 0, n = 0;
  std::vector<double> share_baseline, share, twin_difference;  // per tracked outcome (twin: NaN outside program arms)
  double absent_baseline = 0, gained = NAN;   // dyads without the outcome at baseline; share of them with it at follow-up
  double present_baseline = 0, lost = NAN;    // dyads with it at baseline; share of them without it at follow-up
};

struct PowerRow {
  double age_months = 0;
  std::string outcome, arm;
  double replicates = 0, mean_difference = 0, sd_difference = 0, low = 0, high = 0, power = 0, mean_d = 0;
};

// The outcome value of one row: 0/1 for binary outcomes, the value for continuous ones.
double outcome_value(const TrialOutcome& o, const RecordBlock& block, std::size_t column, std::size_t row);

std::vector<Contrast> contrasts(const TrialSpec& spec, const TrialDesign& design, const std::vector<Column>& columns,
                                const TrialReplicate& r, std::int64_t replicate);
std::vector<Transition> transitions(const TrialSpec& spec, const TrialDesign& design, const std::vector<Column>& columns,
                                    const TrialReplicate& r, std::int64_t replicate);
std::vector<ModeratorEffect> moderators(const TrialSpec& spec, const TrialDesign& design,
                                        const std::vector<Column>& columns, const TrialReplicate& r);
// Distribution of the intention-to-treat estimates over replicates and the power at alpha 0.05.
std::vector<PowerRow> power(const std::vector<Contrast>& all);

std::string format_contrasts(const std::vector<Contrast>& rows, const std::string& cost_unit);
std::string format_transitions(const std::vector<Transition>& rows, const TrialDesign& design);
std::string format_moderators(const std::vector<ModeratorEffect>& rows);
std::string format_power(const std::vector<PowerRow>& rows);

}  // namespace attachsim::sim
