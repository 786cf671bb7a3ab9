// Running a simulated trial in-process from its YAML text (replicate 0, two threads) and keeping what
// the runner returns, for trial tests that compare arms and twins.
#pragma once

#include "support/cli.hpp"

#include "models/dyad/attachment_model.hpp"
#include "sim/core/record.hpp"
#include "sim/trials/trial_runner.hpp"
#include "sim/trials/trial_spec.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace attachsim::testing {

struct TrialRun {
  models::AttachmentModel model;
  sim::TrialSpec spec;
  sim::TrialReplicate trial;
  std::vector<sim::Column> columns;

  explicit TrialRun(const std::string& yaml) {
    ScratchDirectory dir;
    spec = sim::load_trial(dir.write("trial.yaml", yaml).string(), model);
    trial = sim::run_trial_replicate(model, spec, spec.seed, 2);
    columns = model.columns();
  }
  std::size_t arm(const std::string& name) const {
    for (std::size_t a = 0; a < spec.arms.size(); ++a)
      if (spec.arms[a].name == name) return a;
    FAIL("no arm " << name);
    return 0;
  }
};

}  // namespace attachsim::testing
