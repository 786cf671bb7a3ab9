// Settings of a run that are not science: how many units, which seed, how output is chunked.
#pragma once

#include "sim/core/parameter.hpp"

#include <cstdint>

namespace attachsim::sim {

// The largest seed of a run, a trial or a sweep: 2^53 - 1, the largest whole number a double (HDF5
// attributes, YAML readers, Python) holds exactly, so that a recorded seed reads back unchanged.
constexpr std::int64_t largest_seed = 9007199254740991;

struct RunSettings {
  std::int64_t dyads = 0;
  std::int64_t seed = 0;
  std::int64_t chunk_dyads = 0;
  std::int64_t generations = 1;
  bool timeseries = false;
};

inline ParameterTable<RunSettings> run_settings_table() {
  ParameterTable<RunSettings> t;
  // At most 2e8 lineages of at most 10 generations: every row index fits the int32 dyad column.
  t.push_back(integer("dyads", &RunSettings::dyads, 10000, 1, 200000000,
                      {"dyads", "Number of dyads simulated (of lineages, when run.generations > 1).", "run setting"}));
  t.push_back(integer("seed", &RunSettings::seed, 1, 0, largest_seed,
                      {"", "Master seed; every stream derives from (seed, dyad, purpose).", "run setting"}));
  t.push_back(integer("chunk_dyads", &RunSettings::chunk_dyads, 4096, 16, 1048576,
                      {"dyads", "Dyads simulated and written per block; bounds memory.", "run setting"}));
  t.push_back(boolean("timeseries", &RunSettings::timeseries, false,
                      {"", "Write monthly per-dyad state to /timeseries.", "run setting"}));
  t.push_back(integer("generations", &RunSettings::generations, 1, 1, 10,
                      {"generations", "Linked generations per lineage: the infant of each generation grows up and becomes the caregiver of the next (rows = dyads x generations).", "run setting; docs/ODD.md, Submodels: adulthood"}));
  ParameterTable<RunSettings> nested;
  for (auto& p : t) {
    p.spec.key = "run." + p.spec.key;
    nested.push_back(std::move(p));
  }
  return nested;
}

}  // namespace attachsim::sim
