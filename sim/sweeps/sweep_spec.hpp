// A parameter sweep, as read from its YAML file: a base config, factors (explicit values, or ranges
// sampled by grid, random, Latin hypercube, Sobol or a Saltelli design), replicates, a seed and the
// outcomes to keep.
// Reading it checks everything against the declared parameters (InputError, exit 2) and expands the
// design into its points. Run r (= point x replicates + replicate) gets seed run_seed(seed, r), so
// any run can be repeated alone with `attachsim run BASE --seed S --set ...`.
#pragma once

#include "sim/core/input_error.hpp"
#include "sim/core/parameter.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace attachsim::sim {

struct SweepFactor {
  std::string key;         // dotted parameter path, e.g. caregiver.sensitivity_mean
  Kind kind = Kind::real;  // real, integer, boolean or choice (lists cannot be swept)
  std::string sampling;    // values, grid, random, latin_hypercube, sobol or saltelli
  SourcePosition where;    // the factor's `parameter:` entry in the sweep file
  std::string unit, meaning;
};

struct SweepSetting {
  std::string key;
  Value value;
  SourcePosition where;
};

struct SweepSpec {
  std::string file;               // the sweep YAML as given
  std::string text;               // its exact bytes, recorded in the output
  std::string sha1;               // hex SHA-1 of text
  std::string base_path;          // the base config, resolved relative to the sweep file
  std::vector<SweepSetting> fixed;  // from `set:`, applied to every point before the factors
  std::vector<SweepFactor> factors;
  std::int64_t replicates = 1;
  std::uint64_t seed = 1;
  std::vector<std::string> outcomes;  // names of /summary values to keep; empty: all
  SourcePosition outcomes_where;
  std::vector<std::vector<Value>> points;  // the design: one row per point, one value per factor

  std::uint64_t runs() const { return points.size() * static_cast<std::uint64_t>(replicates); }
  // The --set overrides that reproduce point p: the fixed ones, then one per factor.
  std::vector<std::string> overrides(std::size_t point) const;
};

// Reads and checks a sweep file against the schema (run settings and model parameters).
SweepSpec load_sweep_spec(const std::string& path, const std::vector<ParameterSpec>& schema);

// The run.seed of run r: derived from the sweep seed and the run index, within run.seed's range.
std::uint64_t run_seed(std::uint64_t sweep_seed, std::uint64_t run);


}  // namespace attachsim::sim
