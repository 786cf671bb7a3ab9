// Sweep files: the design they expand to (grid, values, random, Latin hypercube, Sobol; points
// crossed in declaration order), run seeds, and every bad input as one InputError naming where,
// which key, what was expected and what was found.
#include "models/dyad/attachment_model.hpp"
#include "sim/core/run_settings.hpp"
#include "sim/sweeps/sweep_spec.hpp"
#include "support/cli.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sim = attachsim::sim;
using attachsim::testing::ScratchDirectory;

namespace {

std::vector<sim::ParameterSpec> schema() { return sim::scenario_schema(attachsim::models::AttachmentModel()); }

const std::string base_line = std::string("base: ") + ATTACHSIM_SOURCE_DIR + "/configs/normative.yaml\n";

sim::SweepSpec load(const ScratchDirectory& dir, const std::string& yaml) {
  return sim::load_sweep_spec(dir.write("sweep.yaml", yaml).string(), schema());
}

std::optional<sim::InputError> error_of(const std::string& yaml) {
  ScratchDirectory dir;
  try {
    load(dir, yaml);
  } catch (const sim::InputError& e) {
    CHECK(std::string(e.what()).find("sweep.yaml") != std::string::npos);
    return e;
  }
  return std::nullopt;
}

double real(const sim::Value& v) { return std::get<double>(v); }

}  // namespace

TEST_CASE("sweep spec: values and grid factors cross, the first factor varying slowest") {
  ScratchDirectory dir;
  const auto spec = load(dir, base_line +
                                  "replicates: 2\nseed: 5\nset:\n  run.dyads: 100\nfactors:\n"
                                  "  - parameter: caregiver.sensitivity_mean\n    range: [0.3, 0.9]\n    levels: 3\n"
                                  "  - parameter: caregiver.hostile_under_stress\n    values: [0.1, 0.8]\n");
  REQUIRE(spec.points.size() == 6);
  CHECK(spec.runs() == 12);
  CHECK(real(spec.points[0][0]) == 0.3);
  CHECK(real(spec.points[1][0]) == 0.3);
  CHECK(real(spec.points[2][0]) == 0.6);  // rounded grid levels: 0.6, not 0.6000000000000001
  CHECK(real(spec.points[5][0]) == 0.9);
  CHECK(real(spec.points[0][1]) == 0.1);
  CHECK(real(spec.points[1][1]) == 0.8);
  CHECK(spec.overrides(2) == std::vector<std::string>{"run.dyads=100", "caregiver.sensitivity_mean=0.6",
                                                      "caregiver.hostile_under_stress=0.1"});
  CHECK(spec.base_path.find("configs/normative.yaml") != std::string::npos);
  CHECK(spec.sha1.size() == 40);
}

TEST_CASE("sweep spec: run seeds derive from the sweep seed and the run index, within run.seed's range") {
  std::set<std::uint64_t> seeds;
  for (std::uint64_t r = 0; r < 1000; ++r) {
    const auto s = sim::run_seed(7, r);
    CHECK(s <= 9007199254740991ULL);
    seeds.insert(s);
  }
  CHECK(seeds.size() == 1000);
  // A recorded value: a sweep's run seeds must not change between versions, or its runs could not be redone.
  CHECK(sim::run_seed(7, 3) == 5598107118308042ULL);
  CHECK(sim::run_seed(7, 3) != sim::run_seed(8, 3));
}

TEST_CASE("sweep spec: sampled factors form one joint design within their ranges") {
  for (const std::string sampling : {"random", "latin_hypercube", "sobol"}) {
    CAPTURE(sampling);
    ScratchDirectory dir;
    const std::string yaml = base_line + "seed: 11\nfactors:\n"
                             "  - parameter: caregiver.sensitivity_mean\n    range: [0.2, 0.8]\n    sampling: " + sampling +
                             "\n    points: 16\n"
                             "  - parameter: caregiver.hostile_under_stress\n    range: [0.0, 1.0]\n    sampling: " + sampling +
                             "\n    points: 16\n"
                             "  - parameter: run.dyads\n    values: [100, 200]\n";
    const auto spec = load(dir, yaml);
    REQUIRE(spec.points.size() == 32);  // 16 joint samples x 2 values
    std::set<double> first, second;
    for (const auto& p : spec.points) {
      CHECK(real(p[0]) >= 0.2);
      CHECK(real(p[0]) <= 0.8);
      CHECK(real(p[1]) >= 0.0);
      CHECK(real(p[1]) <= 1.0);
      first.insert(real(p[0])), second.insert(real(p[1]));
    }
    CHECK(first.size() == 16);
    CHECK(second.size() == 16);
    if (sampling == "latin_hypercube") {  // one sample in each of the 16 strata of each factor
      std::set<int> strata;
      for (double x : second) strata.insert(static_cast<int>(x * 16));
      CHECK(strata.size() == 16);
    }
    const auto again = load(dir, yaml);  // the same seed, the same design
    CHECK(again.points == spec.points);
  }
}

TEST_CASE("sweep spec: an unknown factor path names the nearest parameter") {
  const auto e = error_of(base_line + "factors:\n  - parameter: caregiver.sensitivty_mean\n    values: [0.5]\n");
  REQUIRE(e);
  CHECK(e->where().line == 3);
  CHECK(e->where().column == 16);
  CHECK(e->key() == "caregiver.sensitivty_mean");
  CHECK(e->found().find("did you mean 'caregiver.sensitivity_mean'?") != std::string::npos);
}

TEST_CASE("sweep spec: bad ranges, samplings, counts and keys are input errors") {
  struct Case {
    std::string yaml, key, expected_part, found_part;
    int line;
  };
  const std::string f = "factors:\n  - parameter: caregiver.sensitivity_mean\n";
  const std::vector<Case> cases{
      {f + "    range: [0.5, 0.5]\n    levels: 3\n", "caregiver.sensitivity_mean", "lo < hi", "[0.5, 0.5]", 4},
      // The end that is no finite number is named (before 2026-12-05: "found a list").
      {f + "    range: [.nan, 0.9]\n    levels: 3\n", "caregiver.sensitivity_mean", "two finite numbers", "'.nan'", 4},
      {f + "    range: [0.9, 0.1]\n    levels: 3\n", "caregiver.sensitivity_mean", "lo < hi", "[0.9, 0.1]", 4},
      {f + "    range: [0.5, 1.5]\n    levels: 3\n", "caregiver.sensitivity_mean", "a range within [0.0, 1.0]", "[0.5, 1.5]", 4},
      {f + "    range: [0.1, 0.5]\n    sampling: latin\n    points: 4\n", "caregiver.sensitivity_mean",
       "grid, random, latin_hypercube, sobol or saltelli", "'latin'", 5},
      {f + "    range: [0.1, 0.5]\n", "caregiver.sensitivity_mean", "levels", "no 'levels'", 4},
      {f + "    range: [0.1, 0.5]\n    sampling: sobol\n", "caregiver.sensitivity_mean", "points", "no 'points'", 4},
      {f + "    range: [0.1, 0.5]\n    levels: 1\n", "caregiver.sensitivity_mean.levels", "whole number in [2,", "'1'", 5},
      {f + "    values: []\n", "caregiver.sensitivity_mean", "non-empty list", "an empty list", 4},
      // A value twice ran its points twice, weighing them double (accepted before 2026-12-05).
      {f + "    values: [0.7, 0.5, 0.7]\n", "caregiver.sensitivity_mean", "each value once", "'0.7' again", 4},
      {f + "    values: [0.5, 2]\n", "caregiver.sensitivity_mean", "a number in [0.0, 1.0]", "'2'", 4},
      {f + "    valuse: [0.5]\n", "factors.valuse", "one of parameter, values", "did you mean 'values'?", 4},
      {f + "", "caregiver.sensitivity_mean", "values: [...] or range", "neither", 3},
      // Too many runs: the count asked for is told, at the factors.
      {f + "    range: [0.1, 0.5]\n    levels: 20000\n  - parameter: caregiver.hostile_under_stress\n    range: [0.1, 0.5]\n"
           "    levels: 20000\n",
       "factors", "at most 100000000 runs", "400000000 runs", 3},
      {"factors:\n  - parameter: run.seed\n    values: [1, 2]\n", "run.seed", "other than run.seed", "run.seed", 3},
      {"replicates: 0\n", "replicates", "whole number in [1,", "'0'", 2},
      {"replcates: 2\n", "replcates", "one of base", "did you mean 'replicates'?", 2},
      {f + "    range: [0.1, 0.5]\n    sampling: random\n    points: 4\n"
           "  - parameter: caregiver.hostile_under_stress\n    range: [0.1, 0.5]\n    sampling: sobol\n    points: 4\n",
       "caregiver.hostile_under_stress", "one joint design", "sampling: sobol", 9},
  };
  for (const auto& c : cases) {
    CAPTURE(c.yaml);
    const auto e = error_of(base_line + c.yaml);
    REQUIRE(e);
    CHECK(e->key() == c.key);
    CHECK(e->expected().find(c.expected_part) != std::string::npos);
    CHECK(e->found().find(c.found_part) != std::string::npos);
    CHECK(e->where().line == c.line);
  }
}

TEST_CASE("sweep spec: a missing base config is an input error at the base key") {
  const auto e = error_of("base: no_such.yaml\n");
  REQUIRE(e);
  CHECK(e->key() == "base");
  CHECK(e->where().line == 1);
  CHECK(e->found().find("no_such.yaml") != std::string::npos);
}

TEST_CASE("sweep spec: the example sweeps in configs/sweeps are valid") {
  const auto spec = sim::load_sweep_spec(std::string(ATTACHSIM_SOURCE_DIR) + "/configs/sweeps/sensitivity_hostility.yaml",
                                         schema());
  CHECK(spec.points.size() == 20);
  CHECK(spec.runs() == 80);
  CHECK(spec.outcomes.size() == 7);
}
