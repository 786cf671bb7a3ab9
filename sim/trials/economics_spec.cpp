#include "sim/trials/economics_spec.hpp"

#include "sim/input/input_file.hpp"

#include "sim/core/config.hpp"
#include "sim/input/yaml_document.hpp"
#include "sim/input/yaml_reader.hpp"
#include "sim/input/yaml_settings.hpp"
#include "sim/trials/trial_spec.hpp"

#include <algorithm>

namespace attachsim::sim {
namespace {

class EconomicsReader : YamlReader {
 public:
  EconomicsReader(std::string file, const TrialSpec& trial, const TrialDesign& design, const std::vector<std::string>& columns,
                  const LabelColumns& label_columns)
      : YamlReader(std::move(file)), trial_(trial), design_(design), columns_(columns), label_columns_(label_columns) {}

  EconomicsSpec read() {
    EconomicsSpec spec;
    spec.file = file();
    spec.text = read_text("economics file");
    const YAML::Node root = load_yaml(spec.text, file());
    if (!root.IsMap() || !root["economics"])
      throw InputError(position_in(file(), config_kind_key(root)), "economics", "an economics file: a map with an 'economics' section",
                       root.IsMap() ? describe_config_kind(config_kind(root)) : describe_node(root));
    check_keys(root, "", {"economics"});
    const YAML::Node e = root["economics"];
    if (!e.IsMap()) throw InputError(position_in(file(), e), "economics", "a map", describe_node(e));
    check_keys(e, "economics", {"name", "currency", "discount_rate", "discount_source", "present_value_age_months",
                                "price_draws", "links"});
    spec.name = text_of(require(e, "name", "economics"), "economics.name");
    const YAML::Node currency = require(e, "currency", "economics");
    spec.currency = text_of(currency, "economics.currency");
    if (spec.currency != design_.cost_unit)
      throw InputError(position_in(file(), currency), "economics.currency",
                       "'" + design_.cost_unit + "', the unit of the model's program costs (prices in other years or currencies must be converted, with the index named in their source)",
                       "'" + spec.currency + "'");
    const YAML::Node rate = require(e, "discount_rate", "economics");
    spec.discount_rate = number(rate, "economics.discount_rate");
    if (spec.discount_rate < 0 || spec.discount_rate > 0.2)
      throw InputError(position_in(file(), rate), "economics.discount_rate", "a yearly rate in [0, 0.2]", describe_node(rate));
    spec.discount_source = source(e, "discount_source", "economics");
    if (e["present_value_age_months"]) {
      const YAML::Node age = e["present_value_age_months"];
      spec.present_value_age_months = number(age, "economics.present_value_age_months");
      if (spec.present_value_age_months < -9 || spec.present_value_age_months > 1200)
        throw InputError(position_in(file(), age), "economics.present_value_age_months", "an age in months in [-9, 1200]", describe_node(age));
    }
    if (e["price_draws"]) spec.price_draws = whole(e["price_draws"], "economics.price_draws", 1, 1000000);
    const YAML::Node links = require(e, "links", "economics");
    if (!links.IsSequence() || links.size() == 0)
      throw InputError(position_in(file(), links), "economics.links", "a list of links", describe_node(links));
    for (const auto& item : links) spec.links.push_back(link(item, spec.links));
    return spec;
  }

 private:
  std::string source(const YAML::Node& map, const std::string& key, const std::string& where) {
    const std::string s = text_of(require(map, key, where), where + "." + key);
    if (s.empty()) throw InputError(position_in(file(), map[key]), where + "." + key, "a source (citation or stated assumption)", "an empty text");
    return s;
  }

  UncertainValue uncertain(const YAML::Node& map, const std::string& name, const std::string& where, double lo, double hi) {
    const std::string key = where + "." + name;
    const YAML::Node node = require(map, name, where);
    if (!node.IsMap()) throw InputError(position_in(file(), node), key, "a map with value, low, high and source", describe_node(node));
    check_keys(node, key, {"value", "low", "high", "source"});
    UncertainValue v;
    v.value = number(require(node, "value", key), key + ".value");
    v.low = node["low"] ? number(node["low"], key + ".low") : v.value;
    v.high = node["high"] ? number(node["high"], key + ".high") : v.value;
    v.source = source(node, "source", key);
    const auto in_range = [&](double x) { return x >= lo && x <= hi; };
    if (!in_range(v.value) || !in_range(v.low) || !in_range(v.high))
      throw InputError(position_in(file(), node), key, "value, low and high in [" + format_value(lo) + ", " + format_value(hi) + "]",
                       "value " + format_value(v.value) + ", low " + format_value(v.low) + ", high " + format_value(v.high));
    if (!(v.low <= v.value && v.value <= v.high))
      throw InputError(position_in(file(), node), key, "low <= value <= high",
                       "value " + format_value(v.value) + ", low " + format_value(v.low) + ", high " + format_value(v.high));
    return v;
  }

  CostLink link(const YAML::Node& item, const std::vector<CostLink>& earlier) {
    const std::string key = "economics.links";
    if (!item.IsMap()) throw InputError(position_in(file(), item), key, "a map", describe_node(item));
    check_keys(item, key, {"name", "description", "case", "case_source", "later_outcome", "probability_if_case",
                           "probability_otherwise", "cost", "ages_years"});
    CostLink l;
    l.where = position_in(file(), item);
    const YAML::Node name = require(item, "name", key);
    l.name = text_of(name, key + ".name");
    if (l.name.empty() || std::any_of(earlier.begin(), earlier.end(), [&](const CostLink& o) { return o.name == l.name; }))
      throw InputError(position_in(file(), name), key + ".name", "a name no other link has", "'" + l.name + "'");
    l.description = item["description"] ? text_of(item["description"], key + ".description") : "";
    l.later_outcome = text_of(require(item, "later_outcome", key), key + ".later_outcome");
    read_case(require(item, "case", key), key + ".case", l);
    l.case_source = source(item, "case_source", key);
    l.probability_if_case = uncertain(item, "probability_if_case", key, 0, 1);
    l.probability_otherwise = uncertain(item, "probability_otherwise", key, 0, 1);
    l.cost = uncertain(item, "cost", key, -1e12, 1e12);
    const YAML::Node ages = require(item, "ages_years", key);
    if (!ages.IsSequence() || ages.size() != 2)
      throw InputError(position_in(file(), ages), key + ".ages_years", "[from, to]: the whole years of age over which the cost falls",
                       describe_node(ages));
    l.from_age_years = static_cast<double>(whole(ages[0], key + ".ages_years", 0, 120));
    l.to_age_years = static_cast<double>(whole(ages[1], key + ".ages_years", 0, 120));
    if (l.to_age_years < l.from_age_years)
      throw InputError(position_in(file(), ages), key + ".ages_years", "from <= to (equal: a single amount at that age)",
                       "[" + format_value(l.from_age_years) + ", " + format_value(l.to_age_years) + "]");
    return l;
  }

  // The case: a trial outcome (binary: a case when positive; continuous: a case within min/max), read
  // at the last follow-up that measures it or at age_months; or a /dyads column with a rule.
  void read_case(const YAML::Node& node, const std::string& key, CostLink& l) {
    if (!node.IsMap()) throw InputError(position_in(file(), node), key, "a map naming an outcome or a column", describe_node(node));
    check_keys(node, key, {"outcome", "age_months", "column", "min", "max", "equals", "one_of"});
    if (node["outcome"].IsDefined() == node["column"].IsDefined())
      throw InputError(position_in(file(), node), key, "either 'outcome' (a trial outcome) or 'column' (a /dyads column)",
                       node["outcome"] ? "both" : "neither");
    EligibilityRule& rule = l.rule;
    rule.where = position_in(file(), node);
    read_rule_bounds(*this, node, key, rule);
    const bool bounded = rule.min || rule.max || !rule.labels.empty();
    if (node["column"]) {
      if (node["age_months"])
        throw InputError(position_in(file(), node["age_months"]), key + ".age_months", "no age for a column (its age is in its name)", "an age");
      rule.column = column(node["column"], key + ".column", columns_);
      if (!bounded) throw InputError(position_in(file(), node), key, "a rule: min, max, equals or one_of", "only a column");
      check_rule_fits_column(*this, node, key, rule, label_columns_);
    } else {
      const YAML::Node outcome = node["outcome"];
      l.outcome = text_of(outcome, key + ".outcome");
      std::optional<double> age;
      if (node["age_months"]) age = number(node["age_months"], key + ".age_months");
      std::vector<std::string> measured;
      std::optional<TrialOutcome> found;
      for (const auto& f : trial_.follow_ups)
        for (const auto& o : design_.outcomes(f.age_months, f.instruments)) {
          if (std::find(measured.begin(), measured.end(), o.name) == measured.end()) measured.push_back(o.name);
          if (o.name == l.outcome && (age ? f.age_months == *age : f.age_months >= l.age_months))
            found = o, l.age_months = f.age_months;
        }
      if (!found) {
        std::string all;
        for (const auto& m : measured) all += (all.empty() ? "" : ", ") + m;
        throw InputError(position_in(file(), age ? node["age_months"] : outcome), key + (age ? ".age_months" : ".outcome"),
                         "an outcome the trial measures" + std::string(age ? " at that follow-up" : "") + " (" + all + ")",
                         "'" + l.outcome + "'" + (age ? " at " + format_value(*age) + " months" : std::string()));
      }
      rule.column = found->column;
      if (found->binary) {
        if (bounded)
          throw InputError(position_in(file(), node), key, "no rule: a binary outcome is a case when it is '" + found->positive_label + "'",
                           "min, max, equals or one_of");
        rule.labels = {found->positive_label};
      } else if (!bounded) {
        throw InputError(position_in(file(), node), key, "min or max: the range of '" + l.outcome + "' (" + found->unit + ") that makes a case",
                         "none");
      }
    }
  }

  const TrialSpec& trial_;
  const TrialDesign& design_;
  const std::vector<std::string>& columns_;
  const LabelColumns& label_columns_;
};

}  // namespace

std::string CostLink::describe_case() const {
  return outcome.empty() ? rule.describe() : outcome + " at " + format_value(age_months) + " months (" + rule.describe() + ")";
}

EconomicsSpec load_economics(const std::string& path, const TrialSpec& trial, const TrialDesign& design,
                             const std::vector<std::string>& columns, const LabelColumns& label_columns) {
  return EconomicsReader(path, trial, design, columns, label_columns).read();
}

}  // namespace attachsim::sim
