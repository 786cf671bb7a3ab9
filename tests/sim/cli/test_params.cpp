// `attachsim params`: lists every declared parameter with default, range, unit, meaning and source;
// --markdown prints the same as the table of docs/parameters.md.
#include "sim/core/config.hpp"
#include "sim/core/model.hpp"
#include "sim/core/run_settings.hpp"
#include "support/cli.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace sim = attachsim::sim;
using attachsim::testing::run_attachsim;

namespace {

std::vector<sim::ParameterSpec> full_schema() { return sim::scenario_schema(*sim::make_model()); }

}  // namespace

TEST_CASE("cli params: lists every declared key with its default and meaning") {
  const auto r = run_attachsim("params");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("learning.rule = reinforcement  (choice, reinforcement, bayesian)") != std::string::npos);
  CHECK(r.output.find("strange_situation.ages_months = ") != std::string::npos);
  CHECK(r.output.find("run.dyads = 10000  (integer, [1, 200000000], dyads)") != std::string::npos);
  const std::string text = "\n" + r.output;  // so the first key also starts after a newline
  for (const auto& spec : full_schema()) {
    CAPTURE(spec.key);
    CHECK(text.find("\n" + spec.key + " = " + sim::format_value(spec.default_value) + "  (") != std::string::npos);
    CHECK(text.find("\n    " + spec.meaning + "\n") != std::string::npos);
  }
}

TEST_CASE("cli params: --markdown is a table with one row per key under a '# Parameters' title") {
  const auto r = run_attachsim("params --markdown");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.rfind("# Parameters\n", 0) == 0);
  CHECK(r.output.find("| key | default | allowed | unit | meaning | source |\n|---|---|---|---|---|---|\n") !=
        std::string::npos);
  const auto schema = full_schema();
  std::size_t rows = 0;
  for (std::size_t at = r.output.find("\n| `"); at != std::string::npos; at = r.output.find("\n| `", at + 1)) ++rows;
  CHECK(rows == schema.size());
  for (const auto& spec : schema) {
    CAPTURE(spec.key);
    CHECK(r.output.find("\n| `" + spec.key + "` | " + sim::format_value(spec.default_value) + " | ") !=
          std::string::npos);
  }
}
