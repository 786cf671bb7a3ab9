// Invalid context parameters get the same clear-error treatment as any bad input: rates that are
// not rates, probabilities outside [0, 1], risk correlations that are not positive semi-definite,
// a wrong number of correlations, state-of-mind shares that do not sum to one.
#include "support/bad_input.hpp"

#include <doctest/doctest.h>

using attachsim::testing::check_nothing_written;
using attachsim::testing::check_one_error;
using attachsim::testing::run_scenario;
using attachsim::testing::ScratchDirectory;

TEST_CASE("context input: a negative event rate is not a rate") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run: {dyads: 50}\npartner_violence:\n  events_per_month: -2\n");
  check_one_error(r, {":3:21: ", "key 'partner_violence.events_per_month'", "expected a number in [0.0, 60.0]",
                      "found '-2'"});
  check_nothing_written(dir, 1);
}

TEST_CASE("context input: an onset hazard that is not a number") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "depression:\n  onset_per_year: often\n");
  check_one_error(r, {":2:19: ", "key 'depression.onset_per_year'", "expected a number", "found 'often'"});
  check_nothing_written(dir, 1);
}

TEST_CASE("context input: a share of families above one") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "risk:\n  violence_share: 1.4\n");
  check_one_error(r, {":2:19: ", "key 'risk.violence_share'", "expected a number in [0.0, 1.0]", "found '1.4'"});
  check_nothing_written(dir, 1);
}

TEST_CASE("context input: risk correlations that are not positive semi-definite") {
  ScratchDirectory dir;
  // hardship-violence .9 and violence-chaos .9 force hardship-chaos to be strongly positive; -.9 is impossible.
  const auto r = run_scenario(dir, "risk:\n  correlations: [0.9, -0.9, 0, 0, 0, 0.9, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n");
  check_one_error(r, {":2:17: ", "key 'risk.correlations'", "expected correlations that form a positive semi-definite matrix",
                      "found [0.9, -0.9"});
  check_nothing_written(dir, 1);
}

TEST_CASE("context input: the wrong number of risk correlations") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "risk:\n  correlations: [0.1, 0.2]\n");
  check_one_error(r, {"key 'risk.correlations'", "expected a list of 15 correlations (or none)", "found [0.1, 0.2]"});
  check_nothing_written(dir, 1);
}

TEST_CASE("context input: state-of-mind shares of a population must sum to one") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "state_of_mind:\n  share_F: 0.5\n  share_Ds: 0.3\n  share_E: 0.1\n  share_U: 0.2\n");
  check_one_error(r, {":5:12: ", "key 'state_of_mind.share_U'", "expected shares F + Ds + E + U that sum to 1",
                      "found a sum of 1.1"});
  check_nothing_written(dir, 1);
}
