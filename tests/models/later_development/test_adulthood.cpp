// The adulthood component on its own: the two accounts of stability (Fraley 2002) and the rule from
// representation to state of mind. A correlation r over 3,000 simulated people has a standard error of
// about (1 - r^2) / sqrt(3000): 0.018 near r = 0, 0.002 near r = 0.95; the margins below are at least
// five times those.
#include "models/later_development/adulthood.hpp"
#include "models/dyad/attachment_model.hpp"
#include "sim/core/statistics.hpp"

#include <doctest/doctest.h>

namespace models = attachsim::models;
namespace sim = attachsim::sim;

namespace {

models::ModelParameters defaults() {
  auto p = models::AttachmentModel().parameters_in_use();
  return p;
}

// Correlation of early with adult deactivation over people whose early strategies spread over [0, 1].
double stability(const models::ModelParameters& p, models::StabilityModel account, double parenthood_years) {
  auto a = p.adulthood;
  a.stability = account;
  a.parenthood_years = parenthood_years;
  sim::RunningCorrelation r;
  for (std::uint64_t person = 0; person < 3000; ++person) {
    sim::RandomStream stream(11, person, 8);
    const models::AttachmentRepresentation early{stream.uniform(), 0.1, 0.05};
    r.add(early.deactivation, models::grow_up(a, p.state_of_mind, early, 2, stream).adult.deactivation);
  }
  return r.r();
}

}  // namespace

TEST_CASE("adulthood: under the prototype account early strategies stay visible; under the revisionist they fade away") {
  const auto p = defaults();
  const double prototype_25 = stability(p, models::StabilityModel::prototype, 25);
  const double revisionist_25 = stability(p, models::StabilityModel::revisionist, 25);
  const double prototype_45 = stability(p, models::StabilityModel::prototype, 45);
  const double revisionist_45 = stability(p, models::StabilityModel::revisionist, 45);
  CAPTURE(prototype_25);
  CAPTURE(revisionist_25);
  CAPTURE(prototype_45);
  CAPTURE(revisionist_45);
  CHECK(prototype_25 > revisionist_25 + 0.02);  // seven years away from home: the accounts begin to part
  // Fraley (2002): the prototype account levels off well above zero, the revisionist one decays toward it.
  CHECK(prototype_45 > 0.9);
  CHECK(revisionist_45 < 0.15);
  CHECK(revisionist_45 < revisionist_25 - 0.2);
}

TEST_CASE("adulthood: with no years to live through the adult is the child") {
  auto p = defaults();
  p.adulthood.parenthood_years = 2;
  sim::RandomStream stream(1, 2, 8);
  const models::AttachmentRepresentation early{0.7, 0.05, 0.05};
  const auto a = models::grow_up(p.adulthood, p.state_of_mind, early, 2, stream);
  CHECK(a.adult.deactivation == early.deactivation);
  CHECK(a.adult.hyperactivation == early.hyperactivation);
  CHECK(a.adult.fear == early.fear);
  CHECK(a.mind.category == models::AaiCategory::Ds);
}

TEST_CASE("adulthood: the state of mind follows the representation's thresholds") {
  const auto p = defaults().adulthood;
  const auto of = [&](double d, double h, double f) { return models::categorize(p, {d, h, f}); };
  CHECK(of(0, 0, 0).organized == models::AaiCategory::F);
  CHECK_FALSE(of(0, 0, 0).unresolved);
  CHECK(of(p.deactivation_threshold, 0, 0).organized == models::AaiCategory::Ds);
  CHECK(of(0, p.hyperactivation_threshold, 0).organized == models::AaiCategory::E);
  // Both past their thresholds: the one further past decides.
  CHECK(of(2 * p.deactivation_threshold, 1.5 * p.hyperactivation_threshold, 0).organized == models::AaiCategory::Ds);
  CHECK(of(1.2 * p.deactivation_threshold, 1.5 * p.hyperactivation_threshold, 0).organized == models::AaiCategory::E);
  const auto u = of(0, 0, p.fear_threshold);
  CHECK(u.unresolved);
  CHECK(u.organized == models::AaiCategory::F);
}
