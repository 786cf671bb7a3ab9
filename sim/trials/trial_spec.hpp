// A simulated randomized trial as a user writes it (configs/trials/*.yaml): the base population,
// screening and eligibility, arms with allocations and the parameter changes (programs) of each,
// stratified randomization, follow-ups with instruments, replicates. Checked with the project's
// input-error rules: every problem names file, line, column, key, expected and found.
#pragma once

#include "sim/core/config.hpp"
#include "sim/core/model.hpp"
#include "sim/trials/column_rule.hpp"
#include "sim/trials/economics_spec.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attachsim::sim {

// One rule of the assessment that chooses a tailored arm's components, read as a practitioner reads
// it: the column's value with a screening instrument's error (sim/trials/assessment.hpp).
struct AssessmentRule {
  EligibilityRule rule;
  double error_sd = 0;                      // normal error added to the column's value
  double sensitivity = 1, specificity = 1;  // chance that a family the rule truly admits is seen so, and one it does not
};

// A component of a tailored arm: a program given, beside the arm's own, to the families whose
// assessment admits it (every rule; no rule: every family).
struct ArmComponent {
  std::string name;
  std::vector<AssessmentRule> when;
};

struct TrialArm {
  std::string name;
  double allocation = 0;
  ResolvedConfig config;  // the base scenario with this arm's program and settings applied
  // A tailored arm: its components, and the configuration of each set of them a family can be given
  // (tailored[m]: component k is given where bit k of m is set; tailored[0] is `config`).
  std::vector<ArmComponent> components;
  std::vector<ResolvedConfig> tailored;
};

// A group that is screened and followed but not randomized (a normative or non-maltreated comparison
// group, as in Cicchetti, Rogosch & Toth 2006): a fresh sample of its own population, with its own
// eligibility, simulated under its own settings and measured as the arms are.
struct ComparisonGroup {
  std::string name, population;
  std::int64_t screened = 0, enrolled = 0;
  std::vector<EligibilityRule> eligibility;
  SourcePosition eligibility_where;
  ResolvedConfig config;
};

// A second-stage option of an adaptive trial (SMART): what a family re-randomized to it is given from
// the decision point on, added to its first-stage arm: nothing (continue), a component (intensify,
// add), or a component with the first-stage program stopped (switch).
struct StageOption {
  std::string name;
  double allocation = 1;             // among the options of its list
  bool stop_first = false;           // the first-stage program's sessions after the decision are not held
  std::vector<ResolvedConfig> configs;  // per first-stage arm: that arm's configuration with this option
};

// The decision point of a SMART (Nahum-Shani et al. 2012): at `age_months` each family's response to
// its first-stage arm is read by a rule on a /dyads column of its twin under that arm; non-responders
// (and, if listed, responders) are re-randomized among their options.
struct DecisionPoint {
  double age_months = 0;
  EligibilityRule response;                    // a family meeting the rule has responded
  std::vector<StageOption> non_responders, responders;  // responders empty: they continue
};

struct FollowUp {
  double age_months = 0;
  std::vector<std::string> instruments;
};

struct TrialSpec {
  std::string file, text, name, source;
  std::int64_t screened = 0, enrolled = 0, replicates = 1;
  std::uint64_t seed = 1;
  std::vector<EligibilityRule> eligibility;
  SourcePosition eligibility_where;
  std::vector<std::string> stratify_by;
  std::vector<TrialArm> arms;
  std::vector<FollowUp> follow_ups;
  std::vector<ComparisonGroup> comparison_groups;
  std::optional<EconomicsSpec> economics;  // long-term costs and benefits (trial.economics)
  std::optional<DecisionPoint> decision;   // an adaptive trial's second stage (trial.decision)
};

// Reads and checks a trial file against the model (its parameters, instruments and columns).
// `overrides` ("key=value", attachsim trial --set) apply to the population of every arm and comparison
// group after the trial's own `set:`, before an arm's or group's own settings.
TrialSpec load_trial(const std::string& path, Model& model, const std::vector<std::string>& overrides = {});

// The economics file at `path` (a trial's `economics:` entry, or `attachsim trial --economics`),
// checked against the trial it prices.
EconomicsSpec load_trial_economics(const std::string& path, const TrialSpec& trial, Model& model);

}  // namespace attachsim::sim
