// A rule on one /dyads column: a range (min, max) or a set of labels. Trials screen with such rules
// (eligibility) and economics names its cases with them.
#pragma once

#include "sim/core/input_error.hpp"
#include "sim/core/record.hpp"
#include "sim/input/yaml_reader.hpp"

#include <optional>
#include <string>
#include <vector>

namespace attachsim::sim {

struct EligibilityRule {
  std::string column;
  std::optional<double> min, max;
  std::vector<std::string> labels;  // equals / one_of, for label columns
  SourcePosition where;
  std::string describe() const;
  bool admits(double value) const;
};

// Reads the rule's min, max, equals and one_of from `item` (the column is the caller's).
void read_rule_bounds(const YamlReader& in, const YAML::Node& item, const std::string& key, EligibilityRule& rule);

// The names of the label columns (A/B/C/D, F/Ds/E/U) among `columns`.
std::vector<std::string> label_column_names(const std::vector<Column>& columns);

// Refuses a rule that no row could meet because of its column's kind: min/max on a label column, or
// equals/one_of on a numeric one (`label_columns`: label_column_names of the model's columns).
void check_rule_fits_column(const YamlReader& in, const YAML::Node& item, const std::string& key,
                            const EligibilityRule& rule, const std::vector<std::string>& label_columns);

// Index of the column named `name`; columns.size() if none.
std::size_t column_index(const std::vector<Column>& columns, const std::string& name);

// The index of the column telling whether `column` was measured in a row (Column::measured_by), or
// columns.size() when it is measured in every row (or `column` is itself columns.size()).
std::size_t measured_by_index(const std::vector<Column>& columns, std::size_t column);
// Whether a row holds a measurement, `measured_by` being measured_by_index's result: false where the
// column's assessment was not given (its measured_by column reads 0: an empty label, or a 0/1 flag at 0). Rules never admit such a row, and analyses leave it out.
bool is_measured(const RecordBlock& block, std::size_t measured_by, std::size_t row);

}  // namespace attachsim::sim
