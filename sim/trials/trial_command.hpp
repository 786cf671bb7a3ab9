// `attachsim trial TRIAL.yaml`: run a simulated randomized trial (with replicates), print its
// contrasts, moderators and power, and write /trial to an HDF5 file.
#pragma once

#include "sim/core/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace attachsim::sim {

struct TrialOptions {
  std::string file, output;
  std::string economics;  // an economics file replacing the trial's own (empty: the trial's, if any)
  std::vector<std::string> overrides;  // --set key=value for every arm's population (load_trial)
  std::optional<std::int64_t> replicates;
  std::optional<std::uint64_t> seed;
  int threads = 1;
  bool quiet = false;    // print nothing but errors: no report, no progress
  bool progress = true;  // the replicates' progress on stderr (Python keeps the report and drops this)
};

int run_trial_command(Model& model, const TrialOptions& options);

}  // namespace attachsim::sim
