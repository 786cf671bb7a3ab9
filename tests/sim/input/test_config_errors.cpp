// Bad config input: every problem is one sim::InputError naming file, line, column, key, what was
// expected and what was found, and what() says all of it in one line.
#include "sim/core/config.hpp"
#include "sim/input/yaml_settings.hpp"
#include "support/cli.hpp"
#include "support/toy_schema.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

namespace sim = attachsim::sim;
using attachsim::testing::ScratchDirectory;
using attachsim::testing::toy_schema;

namespace {

// The InputError that loading raises, or nothing if it loads.
std::optional<sim::InputError> error_of(const std::string& path, const std::vector<std::string>& overrides = {}) {
  try {
    sim::load_config(path, toy_schema(), overrides);
  } catch (const sim::InputError& e) {
    return e;
  }
  return std::nullopt;
}

std::optional<sim::InputError> error_of_text(const std::string& yaml, const std::vector<std::string>& overrides = {}) {
  ScratchDirectory dir;
  return error_of(dir.write("scenario.yaml", yaml).string(), overrides);
}

// what() carries every part, in the one format the CLI prints.
void check_message(const sim::InputError& e) {
  const std::string key_part = e.key().empty() ? "" : "key '" + e.key() + "': ";
  CHECK(std::string(e.what()) ==
        e.where().describe() + ": " + key_part + "expected " + e.expected() + ", found " + e.found());
  CHECK(std::string(e.what()).find('\n') == std::string::npos);
}

}  // namespace

TEST_CASE("config: a YAML syntax error names file, line and column") {
  ScratchDirectory dir;
  const auto path = dir.write("syntax.yaml", "run:\n  count: 5\n bad: 2\n").string();
  const auto e = error_of(path);
  REQUIRE(e);
  CHECK(e->where().file == path);
  CHECK(e->where().line == 3);
  CHECK(e->where().column == 2);
  CHECK(e->key() == "");
  CHECK(e->expected() == "valid YAML");
  CHECK(e->found().rfind("a syntax error (", 0) == 0);
  CHECK(std::string(e->what()).rfind(path + ":3:2: expected valid YAML, found a syntax error", 0) == 0);
  check_message(*e);
}

TEST_CASE("config: unknown key suggests the nearest declared key") {
  ScratchDirectory dir;
  const auto path = dir.write("typo.yaml", "run:\n  count: 5\ninfant:\n  probabilty: 0.3\n").string();
  const auto e = error_of(path);
  REQUIRE(e);
  CHECK(e->where().file == path);
  CHECK(e->where().line == 4);
  CHECK(e->where().column == 3);
  CHECK(e->key() == "infant.probabilty");
  CHECK(e->expected() == "a declared key, such as 'infant.probability'");
  CHECK(e->found() == "an unknown key; did you mean 'infant.probability'?");
  CHECK(std::string(e->what()) == path +
                                      ":4:3: key 'infant.probabilty': expected a declared key, such as "
                                      "'infant.probability', found an unknown key; did you mean 'infant.probability'?");
}

TEST_CASE("config: a right name under the wrong group suggests the group it belongs to") {
  const auto e = error_of_text("run:\n  probability: 0.3\n");
  REQUIRE(e);
  CHECK(e->key() == "run.probability");
  CHECK(e->found().find("did you mean 'infant.probability'?") != std::string::npos);
  check_message(*e);
}

TEST_CASE("config: a misspelt group is an unknown key with the group suggested") {
  const auto e = error_of_text("infnat:\n  probability: 0.3\n");
  REQUIRE(e);
  CHECK(e->key() == "infnat");
  CHECK(e->where().line == 1);
  CHECK(e->where().column == 1);
  CHECK(e->found() == "an unknown key; did you mean 'infant'?");
}

TEST_CASE("config: an unknown key with nothing near points to the parameter list") {
  const auto e = error_of_text("zzzzzzzzzzzz: 1\n");
  REQUIRE(e);
  CHECK(e->key() == "zzzzzzzzzzzz");
  CHECK(e->expected() == "a declared key (see 'attachsim params')");
  CHECK(e->found() == "an unknown key");
  check_message(*e);
}

TEST_CASE("config: a string where a number belongs is a type error at the value") {
  ScratchDirectory dir;
  const auto path = dir.write("type.yaml", "infant:\n  probability: high\n").string();
  const auto e = error_of(path);
  REQUIRE(e);
  CHECK(e->where().file == path);
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 16);
  CHECK(e->key() == "infant.probability");
  CHECK(e->expected() == "a number in [0.0, 1.0]");
  CHECK(e->found() == "'high'");
  CHECK(std::string(e->what()) ==
        path + ":2:16: key 'infant.probability': expected a number in [0.0, 1.0], found 'high'");
}

TEST_CASE("config: a list or a map where a scalar belongs is a type error") {
  const auto list = error_of_text("infant:\n  probability: [0.1, 0.2]\n");
  REQUIRE(list);
  CHECK(list->key() == "infant.probability");
  CHECK(list->found() == "a list of 2");
  CHECK(list->where().line == 2);
  check_message(*list);

  const auto map = error_of_text("run:\n  count:\n    value: 3\n");
  REQUIRE(map);
  CHECK(map->key() == "run.count");
  CHECK(map->expected() == "a whole number in [0, 1000]");
  CHECK(map->found() == "a map");
  check_message(*map);
}

TEST_CASE("config: other kind mismatches name what the declaration wants") {
  SUBCASE("a fraction for a whole number") {
    const auto e = error_of_text("run:\n  count: 2.5\n");
    REQUIRE(e);
    CHECK(e->expected() == "a whole number in [0, 1000]");
    CHECK(e->found() == "'2.5'");
  }
  SUBCASE("yes for a boolean") {
    const auto e = error_of_text("infant:\n  temper:\n    flag: yes\n");
    REQUIRE(e);
    CHECK(e->key() == "infant.temper.flag");
    CHECK(e->expected() == "true or false");
    CHECK(e->found() == "'yes'");
    CHECK(e->where().line == 3);
    CHECK(e->where().column == 11);
  }
  SUBCASE("a scalar for a list") {
    const auto e = error_of_text("assess:\n  ages_months: 12\n");
    REQUIRE(e);
    CHECK(e->expected() == "a list of numbers, each in [0.0, 60.0]");
    CHECK(e->found() == "'12'");
  }
  SUBCASE("a scalar for a group") {
    const auto e = error_of_text("infant: 3\n");
    REQUIRE(e);
    CHECK(e->key() == "infant");
    CHECK(e->expected() == "a map of settings");
    CHECK(e->found() == "'3'");
  }
  SUBCASE("a list at the top level") {
    const auto e = error_of_text("- 1\n- 2\n");
    REQUIRE(e);
    CHECK(e->expected() == "a map of settings at the top level");
    CHECK(e->found() == "a list of 2");
  }
  SUBCASE("no value") {
    const auto e = error_of_text("run:\n  count:\n");
    REQUIRE(e);
    CHECK(e->key() == "run.count");
    CHECK(e->found() == "nothing");
  }
  SUBCASE("not a number") {
    const auto e = error_of_text("infant:\n  probability: nan\n");
    REQUIRE(e);
    CHECK(e->found() == "'nan'");
  }
}

TEST_CASE("config: a probability outside [0, 1] is out of range, the bounds themselves are not") {
  const auto high = error_of_text("infant:\n  probability: 1.5\n");
  REQUIRE(high);
  CHECK(high->key() == "infant.probability");
  CHECK(high->expected() == "a number in [0.0, 1.0]");
  CHECK(high->found() == "'1.5'");
  CHECK(high->where().line == 2);
  CHECK(high->where().column == 16);
  check_message(*high);

  const auto low = error_of_text("infant:\n  probability: -0.01\n");
  REQUIRE(low);
  CHECK(low->found() == "'-0.01'");

  CHECK_FALSE(error_of_text("infant:\n  probability: 0\n"));
  CHECK_FALSE(error_of_text("infant:\n  probability: 1\n"));
}

TEST_CASE("config: a negative count is out of range, the bounds themselves are not") {
  const auto e = error_of_text("run:\n  count: -5\n");
  REQUIRE(e);
  CHECK(e->key() == "run.count");
  CHECK(e->expected() == "a whole number in [0, 1000]");
  CHECK(e->found() == "'-5'");
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 10);
  check_message(*e);

  CHECK_FALSE(error_of_text("run:\n  count: 0\n"));
  CHECK_FALSE(error_of_text("run:\n  count: 1000\n"));
  CHECK(error_of_text("run:\n  count: 1001\n"));
}

TEST_CASE("config: one list element out of range names that element") {
  const auto e = error_of_text("assess:\n  ages_months: [12, 99, 18]\n");
  REQUIRE(e);
  CHECK(e->key() == "assess.ages_months");
  CHECK(e->expected() == "a list of numbers, each in [0.0, 60.0]");
  CHECK(e->found() == "'99'");
}

TEST_CASE("config: a choice outside its alternatives lists the alternatives") {
  const auto e = error_of_text("learning:\n  rule: bayes\n");
  REQUIRE(e);
  CHECK(e->key() == "learning.rule");
  CHECK(e->expected() == "one of reinforcement, bayesian");
  CHECK(e->found() == "'bayes'");
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 9);
  check_message(*e);
}

TEST_CASE("config: --set without '=' is malformed and says what form is wanted") {
  ScratchDirectory dir;
  const auto path = dir.write("ok.yaml", "").string();
  for (const std::string bad : {"run.count", "=5"}) {
    CAPTURE(bad);
    const auto e = error_of(path, {bad});
    REQUIRE(e);
    CHECK(e->where().file == "--set '" + bad + "'");
    CHECK(e->where().line == 0);
    CHECK(e->key() == "");
    CHECK(e->expected().find("KEY=VALUE") != std::string::npos);
    CHECK(e->found() == "'" + bad + "'");
    check_message(*e);
  }
}

TEST_CASE("config: --set of an undeclared key is an unknown key, with a suggestion when one is near") {
  ScratchDirectory dir;
  const auto path = dir.write("ok.yaml", "").string();
  const auto far = error_of(path, {"nosuch.key=1"});
  REQUIRE(far);
  CHECK(far->where().file == "--set 'nosuch.key=1'");
  CHECK(far->key() == "nosuch.key");
  CHECK(far->found() == "an unknown key");
  check_message(*far);

  const auto near = error_of(path, {"run.cont=1"});
  REQUIRE(near);
  CHECK(near->key() == "run.cont");
  CHECK(near->found() == "an unknown key; did you mean 'run.count'?");
}

TEST_CASE("config: --set values are checked like file values") {
  ScratchDirectory dir;
  const auto path = dir.write("ok.yaml", "").string();
  const auto word = error_of(path, {"run.count=abc"});
  REQUIRE(word);
  CHECK(word->where().file == "--set 'run.count=abc'");
  CHECK(word->key() == "run.count");
  CHECK(word->expected() == "a whole number in [0, 1000]");
  CHECK(word->found() == "'abc'");
  check_message(*word);

  const auto range = error_of(path, {"infant.probability=1.5"});
  REQUIRE(range);
  CHECK(range->found() == "'1.5'");

  const auto syntax = error_of(path, {"assess.ages_months=[1, 2"});
  REQUIRE(syntax);
  CHECK(syntax->key() == "assess.ages_months");
  CHECK(syntax->expected() == "a value in YAML syntax");
  CHECK(syntax->found().rfind("a syntax error (", 0) == 0);
}

TEST_CASE("config: a missing file is an InputError naming the path") {
  ScratchDirectory dir;
  const std::string path = dir.file("absent.yaml").string();
  const auto e = error_of(path);
  REQUIRE(e);
  CHECK(e->where().file == path);
  CHECK(e->where().line == 0);
  CHECK(e->key() == "");
  CHECK(e->expected() == "a readable YAML config file");
  CHECK(e->found() == "no such file");
  CHECK(std::string(e->what()) == path + ": expected a readable YAML config file, found no such file");
}

TEST_CASE("config: a directory given as the config file is an InputError, not a read failure") {
  ScratchDirectory dir;
  const auto e = error_of(dir.path().string());
  REQUIRE(e);
  CHECK(e->where().file == dir.path().string());
  CHECK(e->expected() == "a readable YAML config file");
  CHECK(e->found() == "a directory");
}

TEST_CASE("config: a second YAML document is refused at its start, not silently ignored") {
  // Without the check the second document's settings (here a typo and a bad value) looked applied.
  const auto e = error_of_text("run:\n  count: 5\n---\nrun:\n  cuont: banana\n");
  REQUIRE(e);
  CHECK(e->where().line == 4);
  CHECK(e->where().column == 1);
  CHECK(e->expected() == "one YAML document");
  CHECK(e->found() == "a second document (after '---')");
  check_message(*e);
  // A document marker before the only document, and one after it with nothing following, are one document.
  CHECK_FALSE(error_of_text("---\nrun:\n  count: 5\n"));
  CHECK_FALSE(error_of_text("run:\n  count: 5\n...\n"));
}

TEST_CASE("config: an empty value is reported at its key, not where the next token happens to start") {
  // yaml-cpp marks an empty value at the next token: here past the end of the two-line file.
  const auto e = error_of_text("run:\n  count:\n");
  REQUIRE(e);
  CHECK(e->key() == "run.count");
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 3);
  CHECK(e->found() == "nothing");
  check_message(*e);
  const auto group = error_of_text("run:\ninfant:\n  probability: 0.3\n");
  REQUIRE(group);
  CHECK(group->key() == "run");
  CHECK(group->where().line == 1);
  CHECK(group->where().column == 1);
  CHECK(group->expected() == "a map of settings");
}

TEST_CASE("config: a tab in the indentation is named as such, at the tab") {
  // yaml-cpp reports it as a bare "illegal map value" or at a later line.
  const auto e = error_of_text("run:\n  count: 5\ninfant:\n\tprobability: 0.3\n");
  REQUIRE(e);
  CHECK(e->where().line == 4);
  CHECK(e->where().column == 1);
  CHECK(e->expected() == "valid YAML, indented with spaces");
  CHECK(e->found() == "a tab in the indentation");
  check_message(*e);
  // A tab inside a value, or on a blank line, is not indentation; other syntax errors keep yaml-cpp's words.
  CHECK_FALSE(error_of_text("run:\n  count: 5 # a\tcomment\n"));
  const auto other = error_of_text("run:\n\t\n  count: [1, 2\n");
  REQUIRE(other);
  CHECK(other->found().rfind("a syntax error (", 0) == 0);
  // yaml-cpp finds an unclosed bracket only where the flow should end; the message says what it means.
  CHECK(other->found() == "a syntax error (end of sequence flow not found: a '[' without its ']')");
  const auto map = error_of_text("run: {count: 5\n");
  REQUIRE(map);
  CHECK(map->found() == "a syntax error (end of map flow not found: a '{' without its '}')");
}
