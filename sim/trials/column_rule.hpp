// A rule on one /dyads column: a range (min, max) or a set of labels. Trials screen with such rules
// (eligibility) and economics names its cases with them.
#pragma once

#include "sim/core/input_error.hpp"
#include "sim/core/record.hpp"
#include "sim/input/yaml_reader.hpp"

#include <map>
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

// The label columns among `columns`, each with the labels it may hold: a label column's unit lists
// them, separated by '/' ("A/B/C/D", "F/Ds/E/U"); none listed where the unit does not.
using LabelColumns = std::map<std::string, std::vector<std::string>>;
LabelColumns label_columns_of(const std::vector<Column>& columns);

// Refuses a rule that no row could meet, or that would silently leave out what it names: min/max on a
// label column, equals/one_of on a numeric one, or a label its column never holds (a typo, 'DS' for
// 'Ds', admitted no one and went unnoticed).
void check_rule_fits_column(const YamlReader& in, const YAML::Node& item, const std::string& key,
                            const EligibilityRule& rule, const LabelColumns& label_columns);

// Index of the column named `name`; columns.size() if none.
std::size_t column_index(const std::vector<Column>& columns, const std::string& name);

// The index of the column telling whether `column` was measured in a row (Column::measured_by), or
// columns.size() when it is measured in every row (or `column` is itself columns.size()).
std::size_t measured_by_index(const std::vector<Column>& columns, std::size_t column);
// Whether a row holds a measurement, `measured_by` being measured_by_index's result: false where the
// column's assessment was not given (its measured_by column reads 0: an empty label, or a 0/1 flag at 0). Rules never admit such a row, and analyses leave it out.
bool is_measured(const RecordBlock& block, std::size_t measured_by, std::size_t row);

}  // namespace attachsim::sim
