// The verdict of an imperfect test (a screen, a referral, an assessment) on a case whose truth is known:
// a true positive is found with chance `sensitivity`, a true negative cleared with chance `specificity`.
// One uniform decides it, so a test's verdicts are reproducible from its random stream.
#pragma once

namespace attachsim::sim {

inline bool test_positive(bool truth, double u, double sensitivity, double specificity) {
  return truth ? u < sensitivity : u >= specificity;
}

}  // namespace attachsim::sim
