// The long-term costs and benefits a trial projects (configs/economics/*.yaml), as a user writes them:
// one currency and price year (the model's program costs'), a discount rate, and links, each from a
// case the trial simulates (a share of families, read from an outcome or a /dyads column) to a later
// outcome beyond the simulated span, with the chance of that outcome for cases and for others, and its
// cost over the ages at which it falls. Every number carries its plausible range and its source.
// Checked with the project's input-error rules: file, line, column, key, expected and found.
#pragma once

#include "sim/core/input_error.hpp"
#include "sim/core/trial_design.hpp"
#include "sim/trials/column_rule.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace attachsim::sim {

struct TrialSpec;

// A number with its plausible range (low <= value <= high; price uncertainty is drawn from the
// triangular distribution over it) and where it comes from.
struct UncertainValue {
  double value = 0, low = 0, high = 0;
  std::string source;
};

struct CostLink {
  std::string name, description, later_outcome;
  // The simulated case: a /dyads column meets the rule. A link that names a trial outcome is resolved
  // to that outcome's column at the follow-up it is read at.
  EligibilityRule rule;
  std::string outcome;     // the trial outcome named, or empty when the link names a column
  double age_months = -1;  // the follow-up the outcome is read at (-1: a column)
  std::string case_source;
  UncertainValue probability_if_case, probability_otherwise, cost;
  double from_age_years = 0, to_age_years = 0;  // the cost is spread evenly over these years of age
  SourcePosition where;
  std::string describe_case() const;
};

struct EconomicsSpec {
  std::string file, text, name, currency;
  double discount_rate = 0;
  std::string discount_source;
  double present_value_age_months = 0;  // the age to which every amount is discounted
  std::int64_t price_draws = 1000;      // draws over the prices' uncertainty
  std::vector<CostLink> links;
};

// Reads `path` and checks it against the trial it prices: the currency must be the model's program
// cost unit; each link's outcome must be measured at one of the trial's follow-ups (the last one by
// default), each column must be a /dyads column, whose rule fits its kind (`label_columns`: labels).
EconomicsSpec load_economics(const std::string& path, const TrialSpec& trial, const TrialDesign& design,
                             const std::vector<std::string>& columns, const LabelColumns& label_columns);

}  // namespace attachsim::sim
