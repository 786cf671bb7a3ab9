// `attachsim check`: validates a scenario and prints it as resolved YAML, every default filled in,
// with --set and --seed applied; nothing is simulated or written.
#include "sim/core/config.hpp"
#include "sim/input/yaml_settings.hpp"
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

const std::string normative = std::string(ATTACHSIM_SOURCE_DIR) + "/configs/normative.yaml";

}  // namespace

TEST_CASE("cli check: prints the resolved YAML of the scenario with every default filled in") {
  const auto r = run_attachsim("check configs/normative.yaml");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output == sim::load_config(normative, full_schema()).to_yaml());
  CHECK(r.output.rfind("run:\n  dyads: 10000\n  seed: 20261128\n", 0) == 0);  // from the file
  CHECK(r.output.find("  chunk_dyads: 4096\n") != std::string::npos);        // a default
  CHECK(r.output.find("learning:\n  rule: reinforcement\n") != std::string::npos);
  // Every declared key appears, under its group.
  for (const auto& spec : full_schema()) {
    CAPTURE(spec.key);
    CHECK(r.output.find(spec.key.substr(spec.key.rfind('.') + 1) + ": ") != std::string::npos);
  }
}

TEST_CASE("cli check: --set and --seed are applied to the printed config") {
  const auto r = run_attachsim("check configs/normative.yaml --set run.dyads=123 --set 'strange_situation.ages_months=[12, 18]' --seed 5");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("  dyads: 123\n") != std::string::npos);
  CHECK(r.output.find("  seed: 5\n") != std::string::npos);
  CHECK(r.output.find("  ages_months: [12.0, 18.0]\n") != std::string::npos);
  CHECK(r.output == sim::load_config(normative, full_schema(),
                                     {"run.dyads=123", "strange_situation.ages_months=[12, 18]", "run.seed=5"})
                        .to_yaml());
}

TEST_CASE("cli check: a trial is checked with its --set and --seed, as attachsim trial would run it; a sweep refuses them") {
  // Until 2026-12-05 check refused --set and --seed with a trial; attachsim trial takes both.
  const auto r = run_attachsim("check configs/trials/van_den_boom_1994.yaml --set learning.rule=bayesian --seed 9");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("1 replicate(s); seed 9") != std::string::npos);
  CHECK(r.output.find("  --set learning.rule=bayesian (every arm's population)") != std::string::npos);
  const auto bad = run_attachsim("check configs/trials/van_den_boom_1994.yaml --set learning.rules=bayesian");
  CHECK(bad.exit_code == 2);
  CHECK(bad.output.find("key 'learning.rules'") != std::string::npos);
  const auto sweep = run_attachsim("check configs/sweeps/sensitivity_hostility.yaml --seed 3");
  CHECK(sweep.exit_code == 2);
  CHECK(sweep.output.find("expected --set and --seed with a scenario or a trial only") != std::string::npos);
}

TEST_CASE("cli check: an economics file is named as one, at its key, with how to check it") {
  // Read as a scenario it was an 'unknown key' pointing to the parameter list, which misleads.
  const auto r = run_attachsim("check configs/economics/us_2010.yaml");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("us_2010.yaml:26:1: key 'economics': expected a scenario, trial or sweep") != std::string::npos);
  CHECK(r.output.find("checked with the trial it prices") != std::string::npos);
  CHECK(r.output.find("found an economics file") != std::string::npos);
}
