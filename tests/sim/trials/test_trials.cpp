// Simulated randomized trials: a control twin is a plain run of its dyad; a null program's effect
// interval covers zero at about the nominal rate; effects grow with dose; invalid designs are named.
#include "support/cli.hpp"
#include "support/hdf5_reader.hpp"
#include "support/population_run.hpp"

#include "sim/trials/trial_analysis.hpp"
#include "sim/trials/trial_runner.hpp"
#include "sim/trials/trial_spec.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace attachsim;
using attachsim::testing::ScratchDirectory;

namespace {

const std::string normative = std::string(ATTACHSIM_SOURCE_DIR) + "/configs/populations/normative.yaml";

// A trial file: `arms` and `extra` are YAML lines inside `trial:`.
std::string trial_yaml(const std::string& arms, const std::string& extra = "", std::int64_t screened = 300,
                       std::int64_t enrolled = 200) {
  return "trial:\n  name: test\n  population: " + normative + "\n  screened: " + std::to_string(screened) +
         "\n  enrolled: " + std::to_string(enrolled) +
         "\n  follow_up:\n    - {age_months: 12, instruments: [strange_situation, sensitivity]}\n  seed: 5\n"
         "  arms:\n" + arms + extra;
}

const std::string control = "    - {name: control, allocation: 0.5}\n";
const std::string training = "    - {name: training, allocation: 0.5, program: {type: sensitivity, start_months: 6, end_months: 9, sessions: 6}}\n";

sim::TrialSpec load(const ScratchDirectory& dir, const std::string& yaml, models::AttachmentModel& model) {
  return sim::load_trial(dir.write("trial.yaml", yaml).string(), model);
}

}  // namespace

TEST_CASE("trial: the control twin of a dyad is a plain run of that dyad, bit for bit") {
  ScratchDirectory dir;
  models::AttachmentModel model;
  const auto spec = load(dir, trial_yaml(control + training), model);
  const auto trial = sim::run_trial_replicate(model, spec, spec.seed, 2);

  // The plain run: the engine's own path (blocks, summary, sink) over the screened dyads.
  auto config = spec.arms.front().config;
  config.set("run.seed", static_cast<std::int64_t>(spec.seed), {"test", 1, 1});
  config.set("run.dyads", spec.screened, {"test", 1, 1});
  config.set("run.chunk_dyads", std::int64_t{64}, {"test", 1, 1});
  model.configure(config);
  sim::RunSettings settings;
  config.bind(sim::run_settings_table(), settings);
  testing::PopulationRun plain;
  testing::KeepEverything sink(model.columns(), plain);
  auto summary = model.make_summary();
  sim::run_population(model, settings, 1, *summary, &sink);

  const auto columns = model.columns();
  REQUIRE(trial.enrolled.size() == 200);
  for (std::size_t c = 0; c < columns.size(); ++c)
    for (std::size_t i = 0; i < trial.enrolled.size(); ++i) {
      CAPTURE(columns[c].name);
      REQUIRE(trial.twins[0].value(c, i) == plain.columns.at(columns[c].name)[trial.enrolled[i]]);
    }
  // The program's twin shares the life before the program: the same infant, the same caregiver.
  const std::size_t temperament = 1;
  CHECK(columns[temperament].name == "infant_temperament");
  for (std::size_t i = 0; i < trial.enrolled.size(); ++i) CHECK(trial.twins[1].value(temperament, i) == trial.twins[0].value(temperament, i));
}

TEST_CASE("trial: randomization follows the allocation within strata") {
  ScratchDirectory dir;
  models::AttachmentModel model;
  const auto spec = load(dir, trial_yaml(control + training, "  stratify_by: [infant_marker]\n"), model);
  const auto trial = sim::run_trial_replicate(model, spec, spec.seed, 2);
  std::size_t treated = 0;
  for (int a : trial.assigned) treated += a == 1;
  CHECK(treated == 100);  // 200 x 0.5, largest remainder within the single stratum
}

TEST_CASE("trial: a null program's effect interval covers zero at about the nominal rate") {
  // 40 replicates of 200 dyads, both arms without a program: the true effect is zero. The 95% interval
  // of the risk difference in secure should cover it ~38 times; fewer than 34 (coverage < 0.85) has a
  // binomial probability below 0.3% if the intervals are right.
  ScratchDirectory dir;
  models::AttachmentModel model;
  const std::string arms = control + "    - {name: placebo, allocation: 0.5}\n";
  const auto spec = load(dir, trial_yaml(arms, "", 250, 200), model);
  const auto design = model.trial_design();
  int covered = 0, total = 0;
  for (std::int64_t r = 0; r < 40; ++r) {
    const auto trial = sim::run_trial_replicate(model, spec, sim::replicate_seed(spec.seed, r), 2);
    for (const auto& c : sim::contrasts(spec, design, model.columns(), trial, r))
      if (c.analysis == "itt" && c.outcome == "secure") {
        ++total;
        covered += c.difference_low <= 0 && c.difference_high >= 0;
      }
  }
  CHECK(total == 40);
  CHECK(covered >= 34);
}

TEST_CASE("trial: effects grow with dose within a program's range") {
  ScratchDirectory dir;
  models::AttachmentModel model;
  const std::string arms =
      "    - {name: control, allocation: 0.34}\n"
      "    - {name: two, allocation: 0.33, program: {type: sensitivity, start_months: 4, end_months: 9, sessions: 2}}\n"
      "    - {name: twelve, allocation: 0.33, program: {type: sensitivity, start_months: 4, end_months: 9, sessions: 12}}\n";
  const auto spec = load(dir, trial_yaml(arms, "", 400, 400), model);
  const auto trial = sim::run_trial_replicate(model, spec, spec.seed, 2);
  double effect[3] = {};
  for (const auto& c : sim::contrasts(spec, model.trial_design(), model.columns(), trial, 0))
    if (c.analysis == "twins" && c.outcome == "security") effect[c.arm == "two" ? 1 : 2] = c.difference;
  // Twins: 400 paired individual effects; the paired SE of a mean effect is ~0.005 (see the printed
  // trials), so the ordering below is far outside chance.
  CHECK(effect[1] > 0.005);
  CHECK(effect[2] > effect[1] + 0.01);
}

TEST_CASE("trial: invalid designs are named with file, line and key") {
  ScratchDirectory dir;
  models::AttachmentModel model;
  SUBCASE("a program outside the simulated span") {
    const std::string arms = control + "    - {name: late, allocation: 0.5, program: {type: sensitivity, start_months: 20, end_months: 30}}\n";
    CHECK_THROWS_WITH_AS(load(dir, trial_yaml(arms), model), doctest::Contains("key 'program.end_months': expected a program within the simulated span"), sim::InputError);
  }
  SUBCASE("allocations that do not sum to one") {
    const std::string arms = "    - {name: control, allocation: 0.5}\n    - {name: other, allocation: 0.4}\n";
    CHECK_THROWS_WITH_AS(load(dir, trial_yaml(arms), model), doctest::Contains("allocations that sum to 1, found a sum of 0.9"), sim::InputError);
  }
  SUBCASE("eligibility that admits nobody") {
    const auto spec = load(dir, trial_yaml(control + training, "  eligibility:\n    - {column: infant_temperament, min: 9}\n"), model);
    CHECK_THROWS_WITH_AS(sim::run_trial_replicate(model, spec, spec.seed, 1),
                         doctest::Contains("expected rules that admit some of the 300 screened dyads, found none admitted by infant_temperament >= 9.0"),
                         sim::InputError);
  }
  SUBCASE("an arm that changes what is measured") {
    const std::string arms = control + "    - {name: other, allocation: 0.5, set: {strange_situation.ages_months: [12, 18]}}\n";
    CHECK_THROWS_WITH_AS(load(dir, trial_yaml(arms), model), doctest::Contains("expected arms that measure the same things as the first arm"), sim::InputError);
  }
  SUBCASE("an unknown instrument") {
    std::string yaml = trial_yaml(control + training);
    yaml.replace(yaml.find("strange_situation,"), 18, "strange_situaton,");
    CHECK_THROWS_WITH_AS(load(dir, yaml, model), doctest::Contains("did you mean 'strange_situation'?"), sim::InputError);
  }
  SUBCASE("more than one generation") {
    const std::string extra = "  set: {run.generations: 2}\n";
    CHECK_THROWS_WITH_AS(load(dir, trial_yaml(control + training, extra), model),
                         doctest::Contains("key 'run.generations': expected 1: a trial follows the families it enrols, one generation, found 2"),
                         sim::InputError);
  }
  SUBCASE("an unknown screening column") {
    CHECK_THROWS_WITH_AS(load(dir, trial_yaml(control + training, "  eligibility:\n    - {column: infant_temperment, min: 1}\n"), model),
                         doctest::Contains("trial.yaml:13:16: key 'trial.eligibility.column': expected a column of /dyads, such as 'infant_temperament'"), sim::InputError);
  }
}

TEST_CASE("trial: the CLI writes /trial with contrasts, moderators, twins and power") {
  ScratchDirectory dir;
  const auto file = dir.write("trial.yaml", trial_yaml(control + training, "", 200, 100));
  const auto out = dir.file("trial.h5");
  const auto r = testing::run_attachsim("trial '" + file.string() + "' --replicates 2 -q -o '" + out.string() + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  testing::Hdf5File h5(out.string());
  CHECK(h5.shape("/trial/enrolled/dyad") == std::vector<hsize_t>{100});
  CHECK(h5.shape("/trial/twins/training/ssp_12m_security") == std::vector<hsize_t>{100});
  CHECK(h5.labels("/trial/contrasts/analysis").size() == h5.doubles("/trial/contrasts/difference").size());
  CHECK(h5.doubles("/trial/power/power").size() > 0);
  CHECK(h5.labels("/trial/moderators/moderator").size() > 0);
  CHECK_FALSE(h5.string_attribute("/trial/contrasts/cohens_d", "description").empty());
  CHECK(h5.number_attribute("/meta", "replicates") == 2);
}
