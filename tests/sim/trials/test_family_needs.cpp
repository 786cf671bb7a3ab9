// Programs for a family's other needs (issue 17): depression treatment shortens the caregiver's
// episodes and leaves the household's violence as it was; safety work prevents violent events; and a
// tailored arm gives each component to the families the screens flag, so that a family's twin is its
// twin under the component given to everyone, bit for bit; a program the context cannot carry is
// refused.
#include "support/bad_input.hpp"
#include "support/trial_run.hpp"

#include "sim/core/record.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace attachsim;

namespace {

const std::string high_risk = std::string(ATTACHSIM_SOURCE_DIR) + "/configs/populations/high_risk.yaml";

// Twelve weekly sessions from 3 months: a course of psychotherapy for depression (O'Hara et al. 2000),
// or of safety work.
std::string course(const std::string& type) { return "{type: " + type + ", start_months: 3, end_months: 5.75, sessions: 12}"; }

std::string trial_yaml(std::int64_t n) {
  return "trial:\n  name: family needs\n  population: " + high_risk +
         "\n  set: {development.span_months: 13}\n  screened: " + std::to_string(n) + "\n  enrolled: " + std::to_string(n) +
         "\n  follow_up:\n    - {age_months: 3, instruments: [family_screen]}\n    - {age_months: 9, instruments: [family_screen]}\n"
         "  seed: 17\n  arms:\n"
         "    - {name: control, allocation: 0.2}\n"
         "    - {name: depression, allocation: 0.2, program: " + course("depression_treatment") + "}\n"
         "    - {name: safety, allocation: 0.2, program: " + course("safety") + "}\n"
         "    - name: both\n      allocation: 0.2\n      program: " + course("depression_treatment") + "\n"
         "      set: {program.component_1.type: safety, program.component_1.start_months: 3, program.component_1.end_months: 5.75, "
         "program.component_1.sessions: 12}\n"
         "    - name: tailored\n      allocation: 0.2\n      components:\n"
         "        - {name: depression, when: [{column: screen_3m_depression, min: 1}], program: " + course("depression_treatment") + "}\n"
         "        - {name: safety, when: [{column: screen_3m_partner_violence, min: 1}], program: " + course("safety") + "}\n";
}

struct Run : testing::TrialRun {
  explicit Run(std::int64_t n) : TrialRun(trial_yaml(n)) {}
  double value(const std::string& arm_name, const std::string& column, std::size_t i) const {
    return trial.twins[arm(arm_name)].value(sim::column_index(columns, column), i);
  }
  // Mean and SE of the paired difference in `column` between two arms' twins.
  std::pair<double, double> paired(const std::string& a, const std::string& b, const std::string& column) const {
    double sum = 0, squares = 0;
    const auto n = static_cast<double>(trial.enrolled.size());
    for (std::size_t i = 0; i < trial.enrolled.size(); ++i) {
      const double d = value(a, column, i) - value(b, column, i);
      sum += d, squares += d * d;
    }
    const double mean = sum / n;
    return {mean, std::sqrt((squares / n - mean * mean) / (n - 1))};
  }
};

}  // namespace

TEST_CASE("family needs: depression treatment shortens depression and nothing of the household's violence") {
  // 2,000 high-risk families, each under every arm (twins). Treated, a family spends fewer days
  // depressed: the paired difference must be below -3 SEs (one-sided chance under 0.14% were the
  // treatment to do nothing). Violence comes from the life course and the context's own draws, which
  // no mood reaches: every family's violent events are the same, bit for bit, under treatment.
  const Run run(2000);
  const auto [days, se] = run.paired("depression", "control", "depression_days");
  MESSAGE("depression treatment minus control, days depressed: " << days << " (SE " << se << ")");
  CHECK(days < -3 * se);
  for (std::size_t i = 0; i < run.trial.enrolled.size(); ++i)
    REQUIRE(run.value("depression", "violence_events", i) == run.value("control", "violence_events", i));

  // Safety work prevents violent events: fewer of them, paired difference below -3 SEs.
  const auto [events, events_se] = run.paired("safety", "control", "violence_events");
  MESSAGE("safety minus control, violent events: " << events << " (SE " << events_se << ")");
  CHECK(events < -3 * events_se);
  // A family that is never in a violent relationship has nothing for safety work to change.
  for (std::size_t i = 0; i < run.trial.enrolled.size(); ++i)
    if (run.value("control", "violence_days", i) == 0)
      REQUIRE(run.value("safety", "depression_days", i) == run.value("control", "depression_days", i));
}

TEST_CASE("family needs: a tailored arm gives each family what its screens flag, and that is all it gets") {
  // The components follow the 3-month screens of the family as it was before any program (its
  // control twin). A family given one component has its twin under that component given to
  // everyone, bit for bit; one given both, its twin under both for everyone (the same contents in
  // other slots, on the same days); one given none, its control twin.
  const Run run(600);
  const std::size_t tailored = run.arm("tailored");
  int depression_only = 0, safety_only = 0, both = 0, none = 0;
  for (std::size_t i = 0; i < run.trial.enrolled.size(); ++i) {
    const bool depressed = run.value("control", "screen_3m_depression", i) == 1;
    const bool violent = run.value("control", "screen_3m_partner_violence", i) == 1;
    const std::uint32_t given = run.trial.components[tailored][i];
    REQUIRE(given == (depressed ? 1u : 0u) + (violent ? 2u : 0u));
    const char* same = given == 0 ? "control" : given == 1 ? "depression" : given == 2 ? "safety" : "both";
    (given == 0 ? none : given == 1 ? depression_only : given == 2 ? safety_only : both) += 1;
    for (const auto& c : run.columns) {
      CAPTURE(c.name);
      REQUIRE(run.value("tailored", c.name, i) == run.value(same, c.name, i));
    }
  }
  MESSAGE("components: none " << none << ", depression " << depression_only << ", safety " << safety_only << ", both " << both);
  CHECK(depression_only > 0);
  CHECK(safety_only > 0);
  CHECK(both > 0);
  CHECK(none > 0);
}

TEST_CASE("family needs: a program the context cannot carry is refused, with file, line and key") {
  // Depression treatment acts on remission, which a depression fixed at birth or a context without its
  // processes does not have; safety work acts on violent events, which only the context processes draw.
  testing::ScratchDirectory dir;
  const auto check = [&](const std::string& yaml, const std::string& key, const std::string& found) {
    const auto r = testing::run_scenario(dir, "run: {dyads: 10}\n" + yaml);
    testing::check_one_error(r, {"scenario.yaml:", "key '" + key + "'", found});
    testing::check_nothing_written(dir, 1);
  };
  check("program: {type: depression_treatment}\ndepression: {model: fixed}\n", "program.type",
        "found depression_treatment with depression.model: fixed");
  check("program: {type: safety}\ncontext: {processes: false}\n", "program.type", "found safety with context.processes: false");
  check("program:\n  component_1: {type: depression_treatment}\ncontext: {processes: false}\n", "program.component_1.type",
        "found depression_treatment with context.processes: false");
}
