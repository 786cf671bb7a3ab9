// The population of maltreating families (configs/populations/maltreating.yaml): maltreatment is the rule
// there, and disorganization, which nothing assigns, is far commoner than in the poor families it is built
// on. The two runs share their seed (common random numbers) and differ only in the maltreatment hazard.
#include "support/population_run.hpp"
#include "support/sample_mean.hpp"

#include <doctest/doctest.h>

#include <cmath>

using attachsim::testing::run_population;

using Mean = attachsim::testing::SampleMean;
using attachsim::testing::mean_over;

TEST_CASE("maltreating families: maltreatment is the rule and disorganization, which nothing assigns, is common") {
  // 4,000 families of configs/populations/maltreating.yaml against the same 4,000 of the high-risk
  // population it is built on (it differs only in the maltreatment onset hazard). Most families
  // maltreat; D is higher than in the high-risk population by more than two standard errors of the
  // paired difference (per dyad: D here minus D there); every class still emerges (above 1%: the SE of
  // a 2.5% share at n = 4,000 is 0.25%).
  const std::vector<std::string> n = {"run.dyads=4000"};
  const auto maltreating = run_population("configs/populations/maltreating.yaml", n);
  const auto poor = run_population("configs/populations/high_risk.yaml", n);
  const auto& maltreated = maltreating.columns.at("maltreated");
  const Mean share = mean_over(maltreated.size(), [](std::size_t) { return true; }, [&](std::size_t i) { return maltreated[i]; });
  INFO("maltreated in the span: " << share.mean);
  CHECK(share.mean > 0.9);
  const auto d_here = maltreating.labels("ssp_12m_class"), d_there = poor.labels("ssp_12m_class");
  const Mean more_d = mean_over(d_here.size(), [](std::size_t) { return true; },
                                [&](std::size_t i) { return double(d_here[i] == "D") - double(d_there[i] == "D"); });
  INFO("D: maltreating " << maltreating.share("ssp_12m_class", "D") << ", high risk " << poor.share("ssp_12m_class", "D"));
  CHECK(more_d.mean > 2 * more_d.se);
  for (const char* k : {"A", "B", "C", "D"}) CHECK(maltreating.share("ssp_12m_class", k) > 0.01);
}
