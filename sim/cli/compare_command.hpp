// `attachsim compare A.h5 B.h5`: how run B differs from run A. The comparison is analysis and is written
// once, in the Python package (python/attachsim/compare.py, with scipy and statsmodels), so that the
// printout, attachsim.compare and the side-by-side figures of scripts/plot give the same numbers; this
// subcommand runs that module with the interpreter the build was configured with.
#pragma once

#include <string>
#include <vector>

namespace attachsim::sim {

// Replaces the process with `python3 -m attachsim compare ARGS...`; returns only if that fails (exit 1).
int run_compare_command(const std::vector<std::string>& args);

}  // namespace attachsim::sim
