// Tailored programs (issue 17): an arm whose components are chosen family by family from what an
// assessment sees. Each family's twin under the arm is a plain run of it with the components it was
// given; assessments err as declared; where needs differ, tailoring beats the same sessions spent
// uniformly, and where they do not, it gives what a uniform program gives; bad designs are named.
#include "support/cli.hpp"
#include "support/hdf5_reader.hpp"
#include "support/trial_run.hpp"

#include "models/dyad/attachment_model.hpp"
#include "sim/core/record.hpp"
#include "sim/trials/assessment.hpp"
#include "sim/trials/trial_analysis.hpp"
#include "sim/trials/trial_runner.hpp"
#include "sim/trials/trial_spec.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace attachsim;
using attachsim::testing::ScratchDirectory;

namespace {

const std::string normative = std::string(ATTACHSIM_SOURCE_DIR) + "/configs/populations/normative.yaml";

std::string trial_yaml(const std::string& arms, std::int64_t n, const std::string& set = "") {
  return "trial:\n  name: tailored\n  population: " + normative + "\n  set: {development.span_months: 13" + set + "}\n  screened: " +
         std::to_string(n) + "\n  enrolled: " + std::to_string(n) +
         "\n  follow_up:\n    - {age_months: 12, instruments: [strange_situation]}\n  seed: 11\n  arms:\n" + arms;
}

// Eight sessions from 6 to 8 months of one content, as a program or a component's program.
std::string eight(const std::string& type) { return "{type: " + type + ", start_months: 6, end_months: 8, sessions: 8}"; }

// Control, the two uniform programs of eight sessions, the same eight split four and four, and a tailored
// arm giving eight sessions of atypical-behaviour work to caregivers whose AAI is coded unresolved and
// eight of sensitivity work to the others: every family is offered eight sessions in every program arm.
const std::string arms =
    "    - {name: control, allocation: 0.2}\n"
    "    - {name: all_sensitivity, allocation: 0.2, program: " + eight("sensitivity") + "}\n"
    "    - {name: all_atypical, allocation: 0.2, program: " + eight("atypical_behaviour") + "}\n"
    "    - name: split\n      allocation: 0.2\n"
    "      program: {type: sensitivity, start_months: 6, end_months: 8, sessions: 4}\n"
    "      set: {program.component_1.type: atypical_behaviour, program.component_1.start_months: 6, program.component_1.end_months: 8, program.component_1.sessions: 4}\n"
    "    - name: tailored\n      allocation: 0.2\n      components:\n"
    "        - {name: atypical, when: [{column: caregiver_aai, equals: U}], program: " + eight("atypical_behaviour") + "}\n"
    "        - {name: sensitivity, when: [{column: caregiver_aai, one_of: [F, Ds, E]}], program: " + eight("sensitivity") + "}\n";

// Mean and SE of the paired difference in 'secure at 12 months' between two arms' twins.
struct Paired {
  double mean, se;
};
Paired paired_secure(const sim::TrialReplicate& t, const std::vector<sim::Column>& columns, std::size_t a, std::size_t b) {
  const std::size_t c = sim::column_index(columns, "ssp_12m_class");
  const double secure = sim::label_code("B");
  double sum = 0, squares = 0;
  const auto n = static_cast<double>(t.enrolled.size());
  for (std::size_t i = 0; i < t.enrolled.size(); ++i) {
    const double d = (t.twins[a].value(c, i) == secure) - (t.twins[b].value(c, i) == secure);
    sum += d, squares += d * d;
  }
  const double mean = sum / n;
  return {mean, std::sqrt((squares / n - mean * mean) / (n - 1))};
}

// The design above run once (replicate 0) on n families, with `set` added to the trial's settings.
struct Run : testing::TrialRun {
  explicit Run(std::int64_t n, const std::string& set = "") : TrialRun(trial_yaml(arms, n, set)) {}
};

}  // namespace

TEST_CASE("tailored: each family's twin is a plain run with the components its assessment gave it") {
  // Without measurement error, the components follow the coded AAI of the screening record; a family
  // given 'sensitivity' has, bit for bit, its twin under the all_sensitivity arm (the same content in
  // another slot), one given 'atypical' its twin under all_atypical: grouping families by their
  // components changes nothing of any family's run.
  const Run run(300);
  const auto& t = run.trial;
  const auto& columns = run.columns;
  const std::size_t tailored = run.arm("tailored"), sens = run.arm("all_sensitivity"), atyp = run.arm("all_atypical");
  const std::size_t aai = sim::column_index(columns, "caregiver_aai");
  int given_atypical = 0;
  REQUIRE(t.components[tailored].size() == 300);
  CHECK(t.components[sens].empty());
  for (std::size_t i = 0; i < 300; ++i) {
    const bool unresolved = t.twins[0].value(aai, i) == sim::label_code("U");
    const std::uint32_t expected = unresolved ? 1u : 2u;
    REQUIRE(t.components[tailored][i] == expected);
    given_atypical += unresolved;
    const std::size_t same = unresolved ? atyp : sens;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      CAPTURE(columns[c].name);
      REQUIRE(t.twins[tailored].value(c, i) == t.twins[same].value(c, i));
    }
  }
  CHECK(given_atypical > 0);
}

TEST_CASE("tailored: an assessment errs as declared") {
  // 20,000 readings of a value at the rule's bound with error_sd 1 are admitted half the time, and one
  // SD above it 84.1% of the time; without error, sensitivity 0.6 keeps 60% of true positives and
  // specificity 0.9 admits 10% of true negatives. Each share is within 4 binomial SEs (SE <= 0.0036).
  sim::AssessmentRule at_bound;
  at_bound.rule.column = "x", at_bound.rule.min = 2.0, at_bound.error_sd = 1;
  sim::AssessmentRule screen;
  screen.rule.column = "y", screen.rule.min = 1.0, screen.sensitivity = 0.6, screen.specificity = 0.9;
  const int n = 20000;
  int bound = 0, above = 0, positive = 0, negative = 0;
  for (int d = 0; d < n; ++d) {
    const auto dyad = static_cast<std::uint64_t>(d);
    bound += sim::assessment_admits(at_bound, 2.0, 5, dyad);
    above += sim::assessment_admits(at_bound, 3.0, 5, dyad);
    positive += sim::assessment_admits(screen, 1.0, 5, dyad);
    negative += sim::assessment_admits(screen, 0.0, 5, dyad);
  }
  const auto near = [&](int count, double p) {
    return std::abs(count / static_cast<double>(n) - p) < 4 * std::sqrt(p * (1 - p) / n);
  };
  CHECK(near(bound, 0.5));
  CHECK(near(above, 0.8413));
  CHECK(near(positive, 0.6));
  CHECK(near(negative, 0.1));
  // One reading per family and column: the same family, seed and column read the same whatever was read
  // before, here every other family's reading (a stream shared across families would differ).
  const bool first = sim::assessment_admits(at_bound, 2.0, 5, 17);
  for (std::uint64_t other = 0; other < 100; ++other) sim::assessment_admits(at_bound, 2.0, 5, other);
  CHECK(sim::assessment_admits(at_bound, 2.0, 5, 17) == first);
}

TEST_CASE("tailored: the component each family needs beats the same sessions spent uniformly, where needs differ") {
  // Normative families: about 15% of caregivers are unresolved (their infants' disorganization comes from
  // atypical behaviour), the others are not. Every program arm offers each family eight sessions. The
  // tailored arm's twins must be secure more often than those of each uniform spending of the eight
  // sessions: a paired difference above 3 SEs (one-sided chance below 0.14% if tailoring gave nothing).
  // The gains are small against the spendings with sensitivity sessions (about half a point against
  // sensitivity for all, a point and a half against the even split, on 2026-12-05: settling comfort
  // extinguishes fear, so sensitivity sessions reach the unresolved families' D too), hence 10,000 families.
  // Needs differ sharply where atypical acts come from unresolved minds alone: the run sets the trace of
  // unresolved experience that most caregivers carry to 0 and the unresolved minds' rate to its value
  // before it (0.075). With the defaults the coded AAI marks the need only loosely, and tailoring on it
  // gains nothing over the uniform sensitivity program (-0.04 points, SE 0.14; docs/guide_tailored.md).
  const Run run(10000, ", state_of_mind.unresolved_trace_mean: 0, caregiver.frightening_base: 0.075");
  for (const std::string uniform : {"all_sensitivity", "all_atypical", "split"}) {
    const auto d = paired_secure(run.trial, run.columns, run.arm("tailored"), run.arm(uniform));
    MESSAGE(uniform << ": tailored minus uniform, secure at 12 months " << d.mean << " (SE " << d.se << ")");
    CHECK(d.mean > 3 * d.se);
  }
}

TEST_CASE("tailored: where every family has the same need, tailoring gives what the uniform program gives") {
  // No caregiver drawn unresolved: the assessment finds the same need in every family, so the tailored
  // arm gives everyone the sensitivity component, and its twins are those of the uniform sensitivity
  // program, bit for bit (a paired difference of exactly 0).
  // No trace of unresolved experience either, which the AAI's coding error would now and then read as U.
  const Run run(2000, ", state_of_mind.share_U: 0, state_of_mind.share_F: 0.7, state_of_mind.unresolved_trace_mean: 0");
  const std::size_t tailored = run.arm("tailored");
  for (std::uint32_t given : run.trial.components[tailored]) REQUIRE(given == 2u);
  const auto d = paired_secure(run.trial, run.columns, tailored, run.arm("all_sensitivity"));
  CHECK(d.mean == 0);
  CHECK(d.se == 0);
}

TEST_CASE("tailored: the CLI prints and writes each family's components") {
  ScratchDirectory dir;
  const auto file = dir.write("trial.yaml", trial_yaml(arms, 200));
  const auto out = dir.file("trial.h5");
  const auto r = testing::run_attachsim("trial '" + file.string() + "' -o '" + out.string() + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("tailored arm tailored: components by assessment of the 200 enrolled families: atypical ") != std::string::npos);
  testing::Hdf5File h5(out.string());
  const auto given = h5.labels("/trial/enrolled/components_tailored");
  const auto aai = h5.labels("/trial/twins/control/caregiver_aai");
  REQUIRE(given.size() == 200);
  REQUIRE(aai.size() == 200);
  for (std::size_t i = 0; i < given.size(); ++i) CHECK(given[i] == (aai[i] == "U" ? "atypical" : "sensitivity"));
  CHECK_FALSE(h5.string_attribute("/trial/enrolled/components_tailored", "description").empty());
}

TEST_CASE("tailored: bad components are named with file, line and key") {
  ScratchDirectory dir;
  models::AttachmentModel model;
  const auto load = [&](const std::string& a) { return sim::load_trial(dir.write("trial.yaml", trial_yaml(a, 100)).string(), model); };
  const std::string control = "    - {name: control, allocation: 0.5}\n";
  const std::string head = "    - name: t\n      allocation: 0.5\n      components:\n";
  SUBCASE("components on the reference arm") {
    CHECK_THROWS_WITH_AS(load("    - {name: control, allocation: 0.5, components: [{name: a, program: {type: sensitivity}}]}\n" + control),
                         doctest::Contains("key 'trial.arms.components': expected components on a later arm"), sim::InputError);
  }
  SUBCASE("a program key a component does not have") {
    CHECK_THROWS_WITH_AS(load(control + head + "        - {name: a, program: {type: sensitivity, alliance_start: 0.5}}\n"),
                         doctest::Contains("trial.yaml:15:"), sim::InputError);
  }
  SUBCASE("a component outside the span") {
    CHECK_THROWS_WITH_AS(load(control + head + "        - {name: a, program: {type: sensitivity, start_months: 12, end_months: 20}}\n"),
                         doctest::Contains("key 'program.component_1.end_months': expected a program within the simulated span"), sim::InputError);
  }
  SUBCASE("more components than the model has slots") {
    std::string many = control + head;
    for (const char* name : {"a", "b", "c", "d"}) many += std::string("        - {name: ") + name + ", program: {type: sensitivity}}\n";
    CHECK_THROWS_WITH_AS(load(many), doctest::Contains("expected at most 3 components (the model's slots), found 4"), sim::InputError);
  }
  SUBCASE("an error on a label rule, and a sensitivity out of range") {
    CHECK_THROWS_WITH_AS(load(control + head + "        - {name: a, when: [{column: caregiver_aai, equals: U, error_sd: 1}], program: {type: sensitivity}}\n"),
                         doctest::Contains("key 'trial.arms.components.when.error_sd': expected no error_sd on a rule over labels"), sim::InputError);
    CHECK_THROWS_WITH_AS(load(control + head + "        - {name: a, when: [{column: infant_temperament, min: 0, sensitivity: 1.5}], program: {type: sensitivity}}\n"),
                         doctest::Contains("key 'trial.arms.components.when.sensitivity': expected a number in [0.0, 1.0], found '1.5'"), sim::InputError);
  }
}
