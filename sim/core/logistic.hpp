// The logistic function 1 / (1 + e^-x), from portable_exp, so that a probability drawn from it (a
// family's risks at birth, a child's preschool encounters) is the same on every machine and in the
// classroom's WebAssembly build.
#pragma once

#include "sim/core/portable_exp.hpp"

namespace attachsim::sim {

inline double logistic(double x) { return 1 / (1 + portable_exp(-x)); }

}  // namespace attachsim::sim
