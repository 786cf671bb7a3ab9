// Config loading with a hand-made schema: defaults, nested YAML, --set overrides, binding, positions,
// and to_yaml()/hash() as a canonical text that reads back to the same values.
#include "sim/core/config.hpp"
#include "sim/input/yaml_settings.hpp"
#include "support/cli.hpp"
#include "support/toy_schema.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sim = attachsim::sim;
using attachsim::testing::ScratchDirectory;
using attachsim::testing::Toy;
using attachsim::testing::toy_default_yaml;
using attachsim::testing::toy_schema;
using attachsim::testing::toy_table;

namespace {

double real_of(const sim::ResolvedConfig& c, const std::string& key) { return std::get<double>(c.value(key)); }
std::int64_t int_of(const sim::ResolvedConfig& c, const std::string& key) {
  return std::get<std::int64_t>(c.value(key));
}

}  // namespace

TEST_CASE("config: an empty file resolves every key to its declared default") {
  ScratchDirectory dir;
  const auto path = dir.write("empty.yaml", "");
  const auto config = sim::load_config(path.string(), toy_schema());
  REQUIRE(config.schema().size() == 5);
  for (const auto& spec : config.schema()) {
    CAPTURE(spec.key);
    CHECK(config.value(spec.key) == spec.default_value);
  }
  CHECK(config.to_yaml() == toy_default_yaml);
}

TEST_CASE("config: nested YAML maps set dotted keys at every depth") {
  ScratchDirectory dir;
  const auto path = dir.write("nested.yaml",
                              "run:\n  count: 42\n"
                              "infant:\n  probability: 0.75\n  temper:\n    flag: true\n"
                              "learning:\n  rule: bayesian\n"
                              "assess:\n  ages_months: [6, 18.5]\n");
  const auto config = sim::load_config(path.string(), toy_schema());
  CHECK(int_of(config, "run.count") == 42);
  CHECK(real_of(config, "infant.probability") == 0.75);
  CHECK(std::get<bool>(config.value("infant.temper.flag")) == true);
  CHECK(std::get<std::string>(config.value("learning.rule")) == "bayesian");
  CHECK(std::get<std::vector<double>>(config.value("assess.ages_months")) == std::vector<double>{6, 18.5});
}

TEST_CASE("config: a partial file keeps the defaults of keys it does not name") {
  ScratchDirectory dir;
  const auto path = dir.write("partial.yaml", "infant:\n  temper:\n    flag: true\n");
  const auto config = sim::load_config(path.string(), toy_schema());
  CHECK(std::get<bool>(config.value("infant.temper.flag")) == true);
  CHECK(real_of(config, "infant.probability") == 0.25);
  CHECK(int_of(config, "run.count") == 10);
}

TEST_CASE("config: --set overrides the file, later overrides win, and lists use YAML syntax") {
  ScratchDirectory dir;
  const auto path = dir.write("base.yaml", "run:\n  count: 42\nassess:\n  ages_months: [6]\n");
  const auto config = sim::load_config(path.string(), toy_schema(),
                                       {"run.count=7", "assess.ages_months=[12, 18]", "learning.rule=bayesian",
                                        "infant.temper.flag=true", "run.count=8"});
  CHECK(int_of(config, "run.count") == 8);
  CHECK(std::get<std::vector<double>>(config.value("assess.ages_months")) == std::vector<double>{12, 18});
  CHECK(std::get<std::string>(config.value("learning.rule")) == "bayesian");
  CHECK(std::get<bool>(config.value("infant.temper.flag")) == true);
}

TEST_CASE("config: bind() assigns every declared field, choices as their enum") {
  ScratchDirectory dir;
  const auto path = dir.write("bind.yaml", "learning:\n  rule: bayesian\n");
  const auto config = sim::load_config(path.string(), toy_schema(), {"assess.ages_months=[3, 4.5]"});
  Toy toy;  // every field starts different from what the config holds
  config.bind(toy_table(), toy);
  CHECK(toy.count == 10);
  CHECK(toy.probability == 0.25);
  CHECK(toy.flag == false);
  CHECK(toy.rule == Toy::Rule::bayesian);
  CHECK(toy.ages == std::vector<double>{3, 4.5});
}

TEST_CASE("config: position_of() names the line and column a key was set at, or where it came from") {
  ScratchDirectory dir;
  const auto path = dir.write("where.yaml", "infant:\n  probability: 0.5\n");
  const auto config = sim::load_config(path.string(), toy_schema(), {"run.count=3"});
  const auto in_file = config.position_of("infant.probability");
  CHECK(in_file.file == path.string());
  CHECK(in_file.line == 2);
  CHECK(in_file.column == 16);
  CHECK(in_file.describe() == path.string() + ":2:16");
  CHECK(config.position_of("run.count").file == "--set 'run.count=3'");
  const auto defaulted = config.position_of("learning.rule");
  CHECK(defaulted.file == path.string());
  CHECK(defaulted.line == 0);
}

TEST_CASE("config: to_yaml() reads back to the same values and the same hash") {
  ScratchDirectory dir;
  const auto path = dir.write("source.yaml", "run:\n  count: 999\ninfant:\n  temper:\n    flag: true\n");
  // 0.1 + 0.2 and 1/3 need all 17 digits: a lossy number format would change them on the way back.
  const auto first = sim::load_config(path.string(), toy_schema(),
                                      {"infant.probability=0.30000000000000004", "learning.rule=bayesian",
                                       "assess.ages_months=[0.3333333333333333, 59.99, 1e-7, 0]"});
  const std::string text = first.to_yaml();
  const auto again = sim::load_config(dir.write("again.yaml", text).string(), toy_schema());
  for (const auto& spec : first.schema()) {
    CAPTURE(spec.key);
    CHECK(again.value(spec.key) == first.value(spec.key));
  }
  CHECK(real_of(again, "infant.probability") == 0.1 + 0.2);
  CHECK(again.to_yaml() == text);
  CHECK(again.hash() == first.hash());
}

TEST_CASE("config: hash() is the SHA-1 of to_yaml() and changes with any value") {
  ScratchDirectory dir;
  const auto defaults = sim::load_config(dir.write("d.yaml", "").string(), toy_schema());
  // Known answer: `printf '<toy_default_yaml>' | sha1sum`.
  CHECK(defaults.hash() == "ae1b2587b55a97d0a25b1caf59c434bc44ced392");
  const auto changed = sim::load_config(dir.write("c.yaml", "").string(), toy_schema(), {"infant.probability=0.26"});
  CHECK(changed.hash().size() == 40);
  CHECK(changed.hash() != defaults.hash());
}

TEST_CASE("config: ResolvedConfig alone holds every default and reports positions as defaults") {
  const sim::ResolvedConfig config(toy_schema());
  CHECK(config.to_yaml() == toy_default_yaml);
  CHECK(config.position_of("run.count").file == "defaults");
  CHECK(config.spec("learning.rule").choices == std::vector<std::string>{"reinforcement", "bayesian"});
}

TEST_CASE("config: nearest_key() suggests a close spelling or the same name under its right group") {
  const std::vector<std::string> keys = {"run.dyads", "run.seed", "infant.marker_frequency", "learning.rule"};
  CHECK(sim::nearest_key("run.dyad", keys) == "run.dyads");
  CHECK(sim::nearest_key("infant.marker_frequncy", keys) == "infant.marker_frequency");
  CHECK(sim::nearest_key("caregiver.marker_frequency", keys) == "infant.marker_frequency");
  CHECK(sim::nearest_key("completely.unrelated_name", keys) == "");
}

TEST_CASE("config: format_value() writes reals with a decimal point and lists in flow style") {
  CHECK(sim::format_value(24.0) == "24.0");
  CHECK(sim::format_value(0.25) == "0.25");
  CHECK(sim::format_value(std::int64_t{-3}) == "-3");
  CHECK(sim::format_value(true) == "true");
  CHECK(sim::format_value(std::string("bayesian")) == "bayesian");
  CHECK(sim::format_value(std::vector<double>{12, 18.5}) == "[12.0, 18.5]");
  CHECK(sim::format_value(std::vector<double>{}) == "[]");
}
