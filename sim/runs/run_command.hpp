// `attachsim run` as a library: load a scenario with its overrides, simulate it, write its HDF5 file,
// and return the report the command prints. The command line and the Python extension both call this,
// so a run from Python is the command's run: same engine, seeds, threads and file.
#pragma once

#include "sim/core/config.hpp"
#include "sim/core/model.hpp"
#include "sim/core/run_settings.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attachsim::sim {

struct Scenario {
  ResolvedConfig config;
  RunSettings run;
};

// Reads a scenario, applies the overrides ("key=value") and --seed, and configures the model with it;
// throws InputError.
Scenario load_scenario(Model& model, const std::string& path, const std::vector<std::string>& overrides,
                       const std::optional<std::uint64_t>& seed);

struct RunRequest {
  std::string config;                  // the scenario YAML, as given
  std::string output;                  // the HDF5 file; empty: default_output_path(config, overrides, seed)
  std::vector<std::string> overrides;  // "key=value", as --set gives them
  std::optional<std::uint64_t> seed;   // --seed
  int threads = 1;
  bool quiet = false;                  // no progress on stderr
};

struct RunOutcome {
  std::string output;                  // the file written
  std::string report;                  // the population summary, as the command prints it
  std::uint64_t rows = 0;              // dyads simulated: lineages x generations
  std::uint64_t lineages = 0, generations = 1;
  double wall_seconds = 0;
};

RunOutcome run_scenario(Model& model, const RunRequest& request);

}  // namespace attachsim::sim
