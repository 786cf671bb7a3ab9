#include "sim/trials/trial_spec.hpp"

#include "sim/input/input_file.hpp"

#include "sim/input/yaml_document.hpp"
#include "sim/input/yaml_reader.hpp"
#include "sim/input/yaml_settings.hpp"
#include "sim/core/run_settings.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace attachsim::sim {
namespace {

namespace fs = std::filesystem;

class TrialReader : YamlReader {
 public:
  TrialReader(std::string file, Model& model, std::vector<std::string> overrides)
      : YamlReader(std::move(file)), model_(model), overrides_(std::move(overrides)) {}

  // The name of an arm, component, option or comparison group, which names a group or column of the
  // output: not empty, and without the '/' that would split it into HDF5 groups.
  std::string name_of_item(const YAML::Node& item, const std::string& key) const {
    const YAML::Node node = require(item, "name", key);
    const std::string name = text_of(node, key + ".name");
    if (name.empty() || name == "." || name.find('/') != std::string::npos)
      throw InputError(position_in(file(), node), key + ".name", "a non-empty name without '/' (it names a group of the output)",
                       describe_node(node));
    return name;
  }

  TrialSpec read() {
    TrialSpec spec;
    spec.file = file();
    spec.text = read_text("trial file");
    const YAML::Node root = load_yaml(spec.text, file());
    if (!root.IsMap() || !root["trial"])
      throw InputError(position_in(file(), config_kind_key(root)), "trial", "a trial file: a map with a 'trial' section",
                       root.IsMap() ? describe_config_kind(config_kind(root)) : describe_node(root));
    check_keys(root, "", {"trial"});  // a key beside trial: (a misplaced or misspelt section) is no comment
    const YAML::Node trial = root["trial"];
    if (!trial.IsMap()) throw InputError(position_in(file(), trial), "trial", "a map", describe_node(trial));
    check_keys(trial, "trial", {"name", "source", "population", "set", "screened", "enrolled", "eligibility",
                                "stratify_by", "arms", "follow_up", "replicates", "seed", "comparison_groups", "economics", "decision"});

    spec.name = text_of(require(trial, "name", "trial"), "trial.name");
    spec.source = trial["source"] ? text_of(trial["source"], "trial.source") : "";
    spec.screened = whole(require(trial, "screened", "trial"), "trial.screened", 1, 100000000);
    spec.enrolled = whole(require(trial, "enrolled", "trial"), "trial.enrolled", 2, spec.screened);
    spec.replicates = trial["replicates"] ? whole(trial["replicates"], "trial.replicates", 1, 100000) : 1;
    spec.seed = static_cast<std::uint64_t>(trial["seed"] ? whole(trial["seed"], "trial.seed", 0, largest_seed) : 1);

    // The base scenario, then the trial's own settings, then the follow-up instruments' ages.
    ResolvedConfig config = load_config(population_file(require(trial, "population", "trial"), "trial.population"),
                                        scenario_schema(model_));
    if (trial["set"]) apply_settings(config, file(), trial["set"]);
    apply_overrides(config, overrides_);  // --set: after the trial's own settings, before the arms'
    one_generation(config);
    read_follow_ups(require(trial, "follow_up", "trial"), config, spec);

    read_arms(require(trial, "arms", "trial"), config, spec);
    model_.configure(spec.arms.front().config);  // the reference arm names the columns
    std::vector<std::string> columns;
    for (const auto& c : model_.columns()) columns.push_back(c.name);

    if (trial["decision"]) read_decision(trial["decision"], columns, spec);
    if (trial["eligibility"]) spec.eligibility = read_eligibility(trial["eligibility"], columns, spec.eligibility_where);
    if (trial["comparison_groups"]) read_groups(trial["comparison_groups"], trial, columns, spec);
    if (trial["stratify_by"]) {
      const YAML::Node list = trial["stratify_by"];
      if (!list.IsSequence()) throw InputError(position_in(file(), list), "trial.stratify_by", "a list of columns", describe_node(list));
      for (const auto& c : list) {
        const std::string name = column(c, "trial.stratify_by", columns);
        if (std::find(spec.stratify_by.begin(), spec.stratify_by.end(), name) != spec.stratify_by.end())
          throw InputError(position_in(file(), c), "trial.stratify_by", "each column once", "'" + name + "' again");
        spec.stratify_by.push_back(name);
      }
    }
    if (const YAML::Node node = trial["economics"])
      spec.economics = load_trial_economics(file_beside(node, "trial.economics", "economics file (configs/economics/)"), spec, model_);
    return spec;
  }

 private:
  // A file named at `node`, relative to the trial file (a population, an economics file): one that is
  // missing, a directory, an empty name or the trial file itself is named with the trial file's line
  // and column and the key, like every other problem of the file.
  std::string file_beside(const YAML::Node& node, const std::string& key, const std::string& what) const {
    const std::string given = text_of(node, key);
    const std::string path = (fs::path(file()).parent_path() / given).lexically_normal().string();
    if (std::error_code ec; given.empty() || !fs::is_regular_file(path, ec))
      throw InputError(position_in(file(), node), key, "a readable " + what + ", relative to the trial file",
                       describe_not_a_file(path, given));
    // The trial file itself, read as another kind, would be refused at its own 1:1 for its 'trial' key.
    if (std::error_code ec; fs::equivalent(path, file(), ec))
      throw InputError(position_in(file(), node), key, "a " + what + " other than the trial file", "the trial file itself");
    return path;
  }

  std::string population_file(const YAML::Node& node, const std::string& key) const {
    return file_beside(node, key, "population (scenario) file");
  }

  void read_follow_ups(const YAML::Node& list, ResolvedConfig& config, TrialSpec& spec) {
    if (!list.IsSequence() || list.size() == 0)
      throw InputError(position_in(file(), list), "trial.follow_up", "a list of follow-ups", describe_node(list));
    const auto design = model_.trial_design();
    std::vector<std::string> names;
    for (const auto& i : design.instruments) names.push_back(i.name);
    for (const auto& item : list) {
      if (!item.IsMap()) throw InputError(position_in(file(), item), "trial.follow_up", "a map", describe_node(item));
      check_keys(item, "trial.follow_up", {"age_months", "instruments"});
      FollowUp f;
      const YAML::Node age = require(item, "age_months", "trial.follow_up");
      f.age_months = number(age, "trial.follow_up.age_months");
      // Two follow-ups at one age would report each of its contrasts twice: one age, its instruments listed together.
      for (const auto& earlier : spec.follow_ups)
        if (earlier.age_months == f.age_months)
          throw InputError(position_in(file(), age), "trial.follow_up.age_months",
                           "an age no other follow-up has (list all its instruments in one follow-up)",
                           describe_node(age) + " again");
      const YAML::Node instruments = require(item, "instruments", "trial.follow_up");
      if (!instruments.IsSequence() || instruments.size() == 0)
        throw InputError(position_in(file(), instruments), "trial.follow_up.instruments", "a list of instruments",
                         describe_node(instruments));
      for (const auto& node : instruments) {
        const std::string name = text_of(node, "trial.follow_up.instruments");
        const auto found = std::find_if(design.instruments.begin(), design.instruments.end(),
                                        [&](const Instrument& i) { return i.name == name; });
        if (found == design.instruments.end()) {
          const std::string near = nearest_key(name, names);
          std::string all;
          for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
          throw InputError(position_in(file(), node), "trial.follow_up.instruments", "an instrument: " + all,
                           "'" + name + "'" + (near.empty() ? std::string() : "; did you mean '" + near + "'?"));
        }
        if (std::find(f.instruments.begin(), f.instruments.end(), name) != f.instruments.end())
          throw InputError(position_in(file(), node), "trial.follow_up.instruments", "each instrument once", "'" + name + "' again");
        f.instruments.push_back(name);
      }
      // Apply the instruments at this age, in every arm.
      apply_follow_up(f, config, position_in(file(), item["age_months"]));
      spec.follow_ups.push_back(f);
    }
  }

  void read_arms(const YAML::Node& list, const ResolvedConfig& base, TrialSpec& spec) {
    if (!list.IsSequence() || list.size() < 2)
      throw InputError(position_in(file(), list), "trial.arms", "a list of at least two arms", describe_node(list));
    double total = 0;
    YAML::Node last_allocation;
    for (const auto& item : list) {
      if (!item.IsMap()) throw InputError(position_in(file(), item), "trial.arms", "a map", describe_node(item));
      check_keys(item, "trial.arms", {"name", "allocation", "program", "set", "components"});
      TrialArm arm{name_of_item(item, "trial.arms"), 0, base, {}, {}};
      for (const auto& other : spec.arms)
        if (other.name == arm.name)
          throw InputError(position_in(file(), item["name"]), "trial.arms.name", "a name no other arm has", "'" + arm.name + "'");
      last_allocation = require(item, "allocation", "trial.arms");
      arm.allocation = allocation(last_allocation, "trial.arms.allocation");
      total += arm.allocation;
      if (item["program"]) apply_settings(arm.config, file(), item["program"], "program");
      if (item["set"] && !(item["set"].IsMap() && item["set"].size() == 0)) apply_settings(arm.config, file(), item["set"]);
      no_run_settings(arm.config);
      model_.configure(arm.config);  // a program outside the span, ages beyond it, ...: named here
      // Twins are compared column by column: an arm may change what happens, not what is measured.
      std::vector<std::string> measured;
      for (const auto& c : model_.columns()) measured.push_back(c.name);
      if (spec.arms.empty()) {
        reference_columns_ = measured;
        label_columns_ = label_columns_of(model_.columns());
      } else if (measured != reference_columns_) {
        throw InputError(position_in(file(), item), "trial.arms", "arms that measure the same things as the first arm",
                         "arm '" + arm.name + "' changing the instruments or their ages");
      }
      if (item["components"]) {
        // The reference arm's twin is the screening run itself: a plain run of each family.
        if (spec.arms.empty())
          throw InputError(position_in(file(), item["components"]), "trial.arms.components",
                           "components on a later arm (the first arm is the reference, the screening run itself)", "components on the first arm");
        read_components(item["components"], measured, arm);
      }
      spec.arms.push_back(std::move(arm));
    }
    allocations_sum_to_one(total, last_allocation, "trial.arms.allocation");
  }

  // A share of a randomization: in (0, 1].
  double allocation(const YAML::Node& node, const std::string& key) {
    const double x = number(node, key);
    if (!(x > 0 && x <= 1)) throw InputError(position_in(file(), node), key, "a share in (0, 1]", describe_node(node));
    return x;
  }

  // The shares of one randomization sum to 1 (named at the last of them).
  void allocations_sum_to_one(double total, const YAML::Node& last, const std::string& key) {
    if (std::abs(total - 1) > 1e-6)
      throw InputError(position_in(file(), last), key, "allocations that sum to 1", "a sum of " + format_value(total));
  }

  // A tailored arm's components: each a program for the slot the model gives it, and the assessment
  // rules that choose the families it goes to. Every set of components a family can be given is
  // configured (and so checked) here.
  void read_components(const YAML::Node& list, const std::vector<std::string>& columns, TrialArm& arm) {
    const std::string key = "trial.arms.components";
    const auto slots = model_.trial_design().component_slots;
    if (!list.IsSequence() || list.size() == 0)
      throw InputError(position_in(file(), list), key, "a list of components", describe_node(list));
    if (list.size() > slots.size())
      throw InputError(position_in(file(), list), key, "at most " + std::to_string(slots.size()) + " components (the model's slots)",
                       std::to_string(list.size()));
    std::vector<YAML::Node> programs;
    for (const auto& item : list) {
      if (!item.IsMap()) throw InputError(position_in(file(), item), key, "a map", describe_node(item));
      check_keys(item, key, {"name", "when", "program"});
      ArmComponent c{name_of_item(item, key), {}};
      for (const auto& other : arm.components)
        if (other.name == c.name)
          throw InputError(position_in(file(), item["name"]), key + ".name", "a name no other component of the arm has", "'" + c.name + "'");
      if (const YAML::Node when = item["when"]) {
        if (!when.IsSequence()) throw InputError(position_in(file(), when), key + ".when", "a list of rules", describe_node(when));
        for (const auto& rule : when) c.when.push_back(read_assessment_rule(rule, columns, key + ".when"));
      }
      const YAML::Node program = require(item, "program", key);
      if (!program.IsMap() || program.size() == 0)
        throw InputError(position_in(file(), program), key + ".program", "a map of program settings (type, sessions, ...)", describe_node(program));
      programs.push_back(program);
      arm.components.push_back(std::move(c));
    }
    const std::size_t sets = std::size_t{1} << programs.size();
    for (std::size_t m = 0; m < sets; ++m) {
      ResolvedConfig config = arm.config;
      for (std::size_t k = 0; k < programs.size(); ++k)
        if (m >> k & 1) apply_settings(config, file(), programs[k], slots[k]);
      model_.configure(config);  // a component outside the span, ...: named here
      arm.tailored.push_back(std::move(config));
    }
  }

  // The decision point of an adaptive trial: the response rule and the options of non-responders (and
  // responders), each configured for every first-stage arm.
  void read_decision(const YAML::Node& node, const std::vector<std::string>& columns, TrialSpec& spec) {
    const std::string key = "trial.decision";
    if (!node.IsMap()) throw InputError(position_in(file(), node), key, "a map", describe_node(node));
    check_keys(node, key, {"age_months", "response", "non_responders", "responders"});
    const auto design = model_.trial_design();
    if (design.component_slots.empty() || design.program_stop_key.empty())
      throw InputError(position_in(file(), node), key, "a model with program components and a stop age", "a model without them");
    for (const auto& arm : spec.arms)
      if (!arm.components.empty())
        throw InputError(position_in(file(), node), key, "first-stage arms without components (the second stage uses the first slot)",
                         "arm '" + arm.name + "' with components");
    DecisionPoint d;
    const YAML::Node age = require(node, "age_months", key);
    d.age_months = number(age, key + ".age_months");
    // The second stage must be able to change what the trial measures: after birth, before the last follow-up.
    double last = 0;
    for (const auto& f : spec.follow_ups) last = std::max(last, f.age_months);
    if (!(d.age_months > 0 && d.age_months < last))
      throw InputError(position_in(file(), age), key + ".age_months",
                       "an age after birth and before the last follow-up (" + format_value(last) + " months)", describe_node(age));
    d.response = read_rule(require(node, "response", key), columns, key + ".response", {});
    d.non_responders = read_options(require(node, "non_responders", key), key + ".non_responders", d.age_months, spec);
    if (node["responders"]) d.responders = read_options(node["responders"], key + ".responders", d.age_months, spec);
    spec.decision = std::move(d);
  }

  std::vector<StageOption> read_options(const YAML::Node& list, const std::string& key, double decision_age, const TrialSpec& spec) {
    if (!list.IsSequence() || list.size() == 0)
      throw InputError(position_in(file(), list), key, "a list of options", describe_node(list));
    const auto design = model_.trial_design();
    std::vector<StageOption> options;
    double total = 0;
    YAML::Node last;
    for (const auto& item : list) {
      if (!item.IsMap()) throw InputError(position_in(file(), item), key, "a map", describe_node(item));
      check_keys(item, key, {"name", "allocation", "stop_first", "program"});
      StageOption o;
      o.name = name_of_item(item, key);
      for (const auto& other : options)
        if (other.name == o.name)
          throw InputError(position_in(file(), item["name"]), key + ".name", "a name no other option of the list has", "'" + o.name + "'");
      last = require(item, "allocation", key);
      o.allocation = allocation(last, key + ".allocation");
      total += o.allocation;
      if (const YAML::Node stop = item["stop_first"]) {
        if (!stop.IsScalar() || (stop.Scalar() != "true" && stop.Scalar() != "false"))
          throw InputError(position_in(file(), stop), key + ".stop_first", "true or false", describe_node(stop));
        o.stop_first = stop.Scalar() == "true";
      }
      for (const auto& arm : spec.arms) {
        ResolvedConfig config = arm.config;
        if (o.stop_first) config.set(design.program_stop_key, decision_age, position_in(file(), item["stop_first"]));
        if (item["program"]) apply_settings(config, file(), item["program"], design.component_slots.front());
        model_.configure(config);  // an option outside the span, ...: named here
        // Non-responders are known only at the decision: an option given before it would answer what
        // no one had yet seen (accepted before 2026-12-05).
        if (const YAML::Node program = item["program"]; program && !design.component_start.empty()) {
          const std::string start_key = design.component_slots.front() + "." + design.component_start;
          if (const double start = std::get<double>(config.value(start_key)); start < decision_age)
            throw InputError(position_in(file(), program[design.component_start] ? program[design.component_start] : program),
                             key + ".program." + design.component_start,
                             "a start at or after the decision (" + format_value(decision_age) + " months), when non-responders are known",
                             format_value(start));
        }
        o.configs.push_back(std::move(config));
      }
      options.push_back(std::move(o));
    }
    allocations_sum_to_one(total, last, key + ".allocation");
    return options;
  }

  AssessmentRule read_assessment_rule(const YAML::Node& item, const std::vector<std::string>& columns, const std::string& key) {
    AssessmentRule a;
    a.rule = read_rule(item, columns, key, {"error_sd", "sensitivity", "specificity"});
    const auto bounded = [&](const char* name, double lo, double hi, double fallback) {
      if (!item[name]) return fallback;
      const double x = number(item[name], key + "." + name);
      if (!(x >= lo && x <= hi))
        throw InputError(position_in(file(), item[name]), key + "." + name,
                         "a number in [" + format_value(lo) + ", " + format_value(hi) + "]", describe_node(item[name]));
      return x;
    };
    a.error_sd = bounded("error_sd", 0, 1e9, 0);
    if (a.error_sd > 0 && !a.rule.labels.empty())
      throw InputError(position_in(file(), item["error_sd"]), key + ".error_sd", "no error_sd on a rule over labels (use sensitivity and specificity)",
                       describe_node(item["error_sd"]));
    a.sensitivity = bounded("sensitivity", 0, 1, 1);
    a.specificity = bounded("specificity", 0, 1, 1);
    return a;
  }

  std::vector<EligibilityRule> read_eligibility(const YAML::Node& list, const std::vector<std::string>& columns,
                                                SourcePosition& where, const std::string& key = "trial.eligibility") {
    if (!list.IsSequence()) throw InputError(position_in(file(), list), key, "a list of rules", describe_node(list));
    where = position_in(file(), list);
    std::vector<EligibilityRule> rules;
    for (const auto& item : list) rules.push_back(read_rule(item, columns, key, {}));
    return rules;
  }

  // A rule on a column (its range or labels); `more` are the further keys the caller reads.
  EligibilityRule read_rule(const YAML::Node& item, const std::vector<std::string>& columns, const std::string& key,
                            const std::vector<std::string>& more) {
    if (!item.IsMap()) throw InputError(position_in(file(), item), key, "a rule (a map)", describe_node(item));
    std::vector<std::string> keys = {"column", "min", "max", "equals", "one_of"};
    keys.insert(keys.end(), more.begin(), more.end());
    check_keys(item, key, keys);
    EligibilityRule rule;
    rule.where = position_in(file(), item);
    rule.column = column(require(item, "column", key), key + ".column", columns);
    read_rule_bounds(*this, item, key, rule);
    check_rule_fits_column(*this, item, key, rule, label_columns_);
    if (!rule.min && !rule.max && rule.labels.empty())
      throw InputError(rule.where, key, "a rule with min, max, equals or one_of", "only a column");
    return rule;
  }

  void one_generation(const ResolvedConfig& config) {
    if (const auto generations = std::get<std::int64_t>(config.value("run.generations")); generations != 1)
      throw InputError(config.position_of("run.generations"), "run.generations",
                       "1: a trial follows the families it enrols, one generation", std::to_string(generations));
    no_run_settings(config);
  }

  // A trial takes its families, seed and records from its own keys: run.dyads, run.seed and
  // run.timeseries set by the trial (its set:, an arm's or a group's, or --set) would be recorded in
  // /meta as applied while changing nothing. Those of the population file are its own, and stay.
  void no_run_settings(const ResolvedConfig& config) const {
    const std::pair<const char*, const char*> trial_keys[] = {
        {"run.dyads", "its families are trial.screened and trial.enrolled"},
        {"run.seed", "its seed is trial.seed or --seed"},
        {"run.timeseries", "it writes no time series"}};
    for (const auto& [key, instead] : trial_keys) {
      const SourcePosition where = config.position_of(key);
      if (where.file == file() || where.file.rfind("--set ", 0) == 0)
        throw InputError(where, key, std::string("a key a trial uses (") + instead + ")",
                         std::string(key) + ", which the trial would record in /meta but not use");
    }
  }

  // Comparison groups: each from its own population file (default: the trial's), with the trial's
  // settings, then its own, and the follow-ups' instruments at their ages; it must measure what the
  // arms measure, so that it can be set beside them.
  void read_groups(const YAML::Node& list, const YAML::Node& trial, const std::vector<std::string>& columns, TrialSpec& spec) {
    const std::string key = "trial.comparison_groups";
    if (!list.IsSequence()) throw InputError(position_in(file(), list), key, "a list of groups", describe_node(list));
    for (const auto& item : list) {
      if (!item.IsMap()) throw InputError(position_in(file(), item), key, "a map", describe_node(item));
      check_keys(item, key, {"name", "population", "set", "screened", "enrolled", "eligibility"});
      const YAML::Node population = item["population"] ? item["population"] : trial["population"];
      const std::string population_key = item["population"] ? key + ".population" : "trial.population";
      ComparisonGroup g{name_of_item(item, key), text_of(population, population_key), 0, 0, {}, {},
                        load_config(population_file(population, population_key), scenario_schema(model_))};
      const bool taken = std::any_of(spec.arms.begin(), spec.arms.end(), [&](const TrialArm& a) { return a.name == g.name; }) ||
                         std::any_of(spec.comparison_groups.begin(), spec.comparison_groups.end(),
                                     [&](const ComparisonGroup& o) { return o.name == g.name; });
      if (taken) throw InputError(position_in(file(), item["name"]), key + ".name", "a name no arm or other group has", "'" + g.name + "'");
      if (trial["set"]) apply_settings(g.config, file(), trial["set"]);
      apply_overrides(g.config, overrides_);
      if (item["set"] && !(item["set"].IsMap() && item["set"].size() == 0)) apply_settings(g.config, file(), item["set"]);
      one_generation(g.config);
      for (const auto& f : spec.follow_ups) apply_follow_up(f, g.config, position_in(file(), item));
      g.screened = whole(require(item, "screened", key), key + ".screened", 1, 100000000);
      g.enrolled = whole(require(item, "enrolled", key), key + ".enrolled", 1, g.screened);
      model_.configure(g.config);
      std::vector<std::string> measured;
      for (const auto& c : model_.columns()) measured.push_back(c.name);
      if (measured != reference_columns_)
        throw InputError(position_in(file(), item), key, "a group that measures the same things as the arms",
                         "group '" + g.name + "' changing the instruments or their ages");
      if (item["eligibility"]) g.eligibility = read_eligibility(item["eligibility"], columns, g.eligibility_where, key + ".eligibility");
      spec.comparison_groups.push_back(std::move(g));
    }
    model_.configure(spec.arms.front().config);
  }

  // The follow-up's instruments at its age, added to each instrument's list of ages. An age the
  // instrument cannot take is reported under the key the user wrote, with the instrument's own bounds.
  void apply_follow_up(const FollowUp& f, ResolvedConfig& config, const SourcePosition& where) {
    const auto design = model_.trial_design();
    for (const auto& name : f.instruments)
      for (const auto& i : design.instruments)
        if (i.name == name) {
          auto ages = std::get<std::vector<double>>(config.value(i.ages_key));
          if (std::find(ages.begin(), ages.end(), f.age_months) == ages.end()) ages.push_back(f.age_months);
          std::sort(ages.begin(), ages.end());
          try {
            config.set(i.ages_key, ages, where);
          } catch (const InputError& e) {
            throw InputError(where, "trial.follow_up.age_months",
                             "an age the " + name + " can be given at (" + i.ages_key + ": " + e.expected() + ")",
                             format_value(f.age_months));
          }
        }
  }

  Model& model_;
  std::vector<std::string> overrides_;  // attachsim trial --set, applied as the trial's own `set:` is
  std::vector<std::string> reference_columns_;  // what every arm measures: the first arm's columns
  LabelColumns label_columns_;                  // those of them that hold labels, with their labels, for the rules' checks
};

}  // namespace

TrialSpec load_trial(const std::string& path, Model& model, const std::vector<std::string>& overrides) {
  return TrialReader(path, model, overrides).read();
}

EconomicsSpec load_trial_economics(const std::string& path, const TrialSpec& trial, Model& model) {
  model.configure(trial.arms.front().config);
  std::vector<std::string> columns;
  for (const auto& c : model.columns()) columns.push_back(c.name);
  return load_economics(path, trial, model.trial_design(), columns, label_columns_of(model.columns()));
}

}  // namespace attachsim::sim
