// The Saltelli design of a sweep (sampling: saltelli), which python/attachsim/sensitivity.py reads back
// for Sobol indices: n base rows give n x (factors + 2) points, in the order A_j, AB_j^1 ... AB_j^d, B_j,
// where AB_j^i is A_j with factor i taken from B_j; crossed with explicit values like any sampled axis.
#include "models/dyad/attachment_model.hpp"
#include "sim/sweeps/sweep_spec.hpp"
#include "support/cli.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <variant>

namespace sim = attachsim::sim;
using attachsim::testing::ScratchDirectory;

namespace {

const std::string factors =
    "factors:\n"
    "  - parameter: caregiver.sensitivity_mean\n    range: [0.2, 0.8]\n    sampling: saltelli\n    points: 8\n"
    "  - parameter: caregiver.hostile_under_stress\n    range: [0.0, 1.0]\n    sampling: saltelli\n    points: 8\n"
    "  - parameter: depression.onset_per_year\n    range: [0.05, 0.2]\n    sampling: saltelli\n    points: 8\n";

sim::SweepSpec load(const ScratchDirectory& dir, const std::string& extra) {
  const std::string yaml = std::string("base: ") + ATTACHSIM_SOURCE_DIR + "/configs/normative.yaml\nseed: 3\n" + factors + extra;
  return sim::load_sweep_spec(dir.write("sweep.yaml", yaml).string(),
                              sim::scenario_schema(attachsim::models::AttachmentModel()));
}

double real(const sim::Value& v) { return std::get<double>(v); }

}  // namespace

TEST_CASE("sweep spec: a Saltelli design is A, A with each factor from B, and B, for every base row") {
  ScratchDirectory dir;
  const auto spec = load(dir, "");
  const std::size_t d = 3, n = 8;
  REQUIRE(spec.points.size() == n * (d + 2));
  std::set<double> firsts;
  for (std::size_t j = 0; j < n; ++j) {
    const auto& a = spec.points[j * (d + 2)];
    const auto& b = spec.points[j * (d + 2) + d + 1];
    firsts.insert(real(a[0]));
    CHECK(a != b);  // the sequence's first point, where A_0 would equal B_0, is skipped
    for (std::size_t i = 0; i < d; ++i) {
      const auto& ab = spec.points[j * (d + 2) + 1 + i];
      for (std::size_t k = 0; k < d; ++k) CHECK(real(ab[k]) == real(k == i ? b[k] : a[k]));
    }
    CHECK(real(a[0]) >= 0.2);
    CHECK(real(a[0]) <= 0.8);
  }
  CHECK(firsts.size() == n);  // quasi-random base rows, no repeats
  CHECK(load(dir, "").points == spec.points);  // no seed in it: the same file, the same design
}

TEST_CASE("sweep spec: a Saltelli design crossed with explicit values repeats it for every value") {
  ScratchDirectory dir;
  // Declared after the design, the values vary fastest: point 2q + v is design point q with value v.
  const auto spec = load(dir, "  - parameter: learning.rule\n    values: [reinforcement, bayesian]\n");
  const auto alone = load(dir, "");
  REQUIRE(spec.points.size() == 2 * alone.points.size());
  for (std::size_t q = 0; q < alone.points.size(); ++q) {
    CHECK(std::get<std::string>(spec.points[2 * q][3]) == "reinforcement");
    CHECK(std::get<std::string>(spec.points[2 * q + 1][3]) == "bayesian");
    for (std::size_t k = 0; k < 3; ++k) {
      CHECK(real(spec.points[2 * q][k]) == real(alone.points[q][k]));
      CHECK(real(spec.points[2 * q + 1][k]) == real(alone.points[q][k]));
    }
  }
}
