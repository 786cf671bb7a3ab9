#include "sim/trials/column_rule.hpp"

#include "sim/core/config.hpp"
#include "sim/core/input_error.hpp"
#include "sim/input/yaml_settings.hpp"

#include <algorithm>

namespace attachsim::sim {

std::string EligibilityRule::describe() const {
  std::string s = column;
  if (min) s += " >= " + format_value(*min);
  if (max) s += (min ? " and <= " : " <= ") + format_value(*max);
  if (!labels.empty()) {
    s += " in {";
    for (std::size_t i = 0; i < labels.size(); ++i) s += (i ? ", " : "") + labels[i];
    s += "}";
  }
  return s;
}

bool EligibilityRule::admits(double value) const {
  if (min && !(value >= *min)) return false;
  if (max && !(value <= *max)) return false;
  if (!labels.empty())
    return std::any_of(labels.begin(), labels.end(), [&](const std::string& l) { return label_code(l.c_str()) == value; });
  return true;
}

void read_rule_bounds(const YamlReader& in, const YAML::Node& item, const std::string& key, EligibilityRule& rule) {
  if (item["min"]) rule.min = in.number(item["min"], key + ".min");
  if (item["max"]) rule.max = in.number(item["max"], key + ".max");
  if (item["equals"]) rule.labels.push_back(in.text_of(item["equals"], key + ".equals"));
  if (item["one_of"]) {
    const YAML::Node labels = item["one_of"];
    if (!labels.IsSequence() || labels.size() == 0)
      throw InputError(position_in(in.file(), labels), key + ".one_of", "a list of labels",
                       labels.IsSequence() ? "an empty list" : describe_node(labels));
    for (const auto& l : labels) rule.labels.push_back(in.text_of(l, key + ".one_of"));
  }
  // A rule that no row can meet prices or admits nothing, silently: refused where it is written.
  if (rule.min && rule.max && *rule.min > *rule.max)
    throw InputError(position_in(in.file(), item["max"]), key + ".max", "a max at or above min (" + format_value(*rule.min) + ")",
                     format_value(*rule.max));
  if (item["equals"] && item["one_of"])
    throw InputError(position_in(in.file(), item["one_of"]), key, "equals (one label) or one_of (a list), not both", "both");
  if ((rule.min || rule.max) && !rule.labels.empty())
    throw InputError(position_in(in.file(), item), key, "min/max (a numeric column) or equals/one_of (a label column), not both",
                     "both");
}

LabelColumns label_columns_of(const std::vector<Column>& columns) {
  LabelColumns found;
  for (const auto& c : columns) {
    if (c.type != ColumnType::label) continue;
    std::vector<std::string>& labels = found[c.name];
    if (c.unit.find('/') == std::string::npos) continue;
    for (std::size_t start = 0;;) {
      const auto slash = c.unit.find('/', start);
      labels.push_back(c.unit.substr(start, slash - start));
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
  }
  return found;
}

void check_rule_fits_column(const YamlReader& in, const YAML::Node& item, const std::string& key,
                            const EligibilityRule& rule, const LabelColumns& label_columns) {
  const auto labelled = label_columns.find(rule.column);
  const bool label_column = labelled != label_columns.end();
  if (label_column && (rule.min || rule.max))
    throw InputError(position_in(in.file(), item[rule.min ? "min" : "max"]), key,
                     "equals or one_of: '" + rule.column + "' is a label column", rule.min ? "min" : "max");
  if (!label_column && !rule.labels.empty())
    throw InputError(position_in(in.file(), item[item["equals"] ? "equals" : "one_of"]), key,
                     "min or max: '" + rule.column + "' is a numeric column", "a label rule (" + rule.describe() + ")");
  if (!label_column || labelled->second.empty()) return;
  const auto& allowed = labelled->second;
  for (std::size_t i = 0; i < rule.labels.size(); ++i)
    if (std::find(allowed.begin(), allowed.end(), rule.labels[i]) == allowed.end()) {
      const YAML::Node node = item["equals"] ? item["equals"] : item["one_of"][i];
      std::string all;
      for (const auto& a : allowed) all += (all.empty() ? "" : ", ") + a;
      throw InputError(position_in(in.file(), node), key + (item["equals"] ? ".equals" : ".one_of"),
                       "a label of '" + rule.column + "': one of " + all, "'" + rule.labels[i] + "'");
    }
}

std::size_t column_index(const std::vector<Column>& columns, const std::string& name) {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  return columns.size();
}

std::size_t measured_by_index(const std::vector<Column>& columns, std::size_t column) {
  if (column >= columns.size() || columns[column].measured_by.empty()) return columns.size();
  return column_index(columns, columns[column].measured_by);
}

bool is_measured(const RecordBlock& block, std::size_t measured_by, std::size_t row) {
  return measured_by >= block.columns() || block.value(measured_by, row) != 0;  // label_code("") is 0
}

}  // namespace attachsim::sim
