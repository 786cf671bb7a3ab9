// sim::test_positive, the verdict of an imperfect test shared by the family screen and trial
// assessments: true cases are found at the test's sensitivity, false ones cleared at its specificity.
#include "sim/core/imperfect_test.hpp"

#include <doctest/doctest.h>

#include <initializer_list>

namespace sim = attachsim::sim;

TEST_CASE("imperfect test: the uniform's place against sensitivity and specificity decides the verdict") {
  // A true case is positive exactly when the uniform falls below the sensitivity.
  CHECK(sim::test_positive(true, 0.79, 0.8, 0.9));
  CHECK_FALSE(sim::test_positive(true, 0.8, 0.8, 0.9));
  // A false case is a false positive exactly when the uniform reaches the specificity.
  CHECK_FALSE(sim::test_positive(false, 0.89, 0.8, 0.9));
  CHECK(sim::test_positive(false, 0.9, 0.8, 0.9));
  // A perfect test is always right; a test of sensitivity 0 and specificity 0 always wrong.
  for (double u : {0.0, 0.25, 0.5, 0.999999}) {
    CAPTURE(u);
    CHECK(sim::test_positive(true, u, 1, 1));
    CHECK_FALSE(sim::test_positive(false, u, 1, 1));
    CHECK_FALSE(sim::test_positive(true, u, 0, 0));
    CHECK(sim::test_positive(false, u, 0, 0));
  }
}
