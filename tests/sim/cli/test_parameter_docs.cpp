// docs/parameters.md is generated from the one declaration of each parameter: it must be exactly what
// `attachsim params --markdown` prints, so that documentation cannot drift from the code.
#include "support/cli.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

TEST_CASE("docs: docs/parameters.md is what `attachsim params --markdown` prints") {
  const auto generated = attachsim::testing::run_attachsim("params --markdown");
  REQUIRE(generated.exit_code == 0);
  std::ifstream in(std::string(ATTACHSIM_SOURCE_DIR) + "/docs/parameters.md");
  std::stringstream committed;
  committed << in.rdbuf();
  INFO("regenerate with: build/attachsim params --markdown > docs/parameters.md");
  CHECK(committed.str() == generated.output);
}
