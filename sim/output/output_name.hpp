// Where `attachsim run` writes when no -o is given. A run with overrides must not replace another
// run's result silently (README step 2 once overwrote the baseline it asked the reader to compare
// with), so the overrides join the name: results/normative.h5 for the config alone,
// results/normative+learning.rule=bayesian.h5 with --set learning.rule=bayesian,
// results/normative+seed=7.h5 with --seed 7. Rerunning the same command replaces its own file only.
// A config in a folder below `configs/` is named with that folder (results/populations-normative.h5),
// so that the shipped scenarios of one file name do not share a result. The results/ folder is made
// when missing (default_result_path).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attachsim::sim {

std::string default_output_path(const std::string& config, const std::vector<std::string>& overrides,
                                const std::optional<std::uint64_t>& seed);
// The same for a file named `stem` (a trial's: results/<trial name>.h5, named by its overrides and seed
// as a run's is).
std::string named_output_path(const std::string& stem, const std::vector<std::string>& overrides,
                              const std::optional<std::uint64_t>& seed);

}  // namespace attachsim::sim
