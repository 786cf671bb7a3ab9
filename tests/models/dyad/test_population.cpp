// Drawing households: the drawn state-of-mind shares, sensitivity and depression follow the inputs,
// and traits are what the parameters say. Inputs only: no attachment is drawn.
#include "models/dyad/population.hpp"
#include "models/dyad/attachment_model.hpp"
#include "sim/core/run_settings.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace attachsim;

namespace {

models::ModelParameters defaults() {
  models::AttachmentModel model;
  return model.parameters_in_use();
}

}  // namespace

TEST_CASE("population: state-of-mind categories follow the configured shares") {
  const auto p = defaults();
  constexpr int n = 40000;
  int counts[4] = {};
  for (int i = 0; i < n; ++i) {
    sim::RandomStream stream(1, static_cast<std::uint64_t>(i), 1), life(1, static_cast<std::uint64_t>(i), 10);
    const models::RiskStructure risk(p.risk);
    ++counts[static_cast<int>(models::draw_household(p, risk, 1, static_cast<std::uint64_t>(i), stream, life).caregiver.mind.category)];
  }
  // n = 40,000: the SE of a share near 0.2 is 0.002; 0.01 is 5 SE.
  const double shares[4] = {p.state_of_mind.share_F, p.state_of_mind.share_Ds, p.state_of_mind.share_E,
                            p.state_of_mind.share_U};
  for (int k = 0; k < 4; ++k) CHECK(std::abs(counts[k] / double(n) - shares[k]) < 0.01);
}

TEST_CASE("population: traits follow their distributions") {
  auto p = defaults();
  p.depression.model = models::DepressionModel::fixed;  // a share drawn once, to compare with its input
  constexpr int n = 20000;
  double temperament = 0, temperament2 = 0, depressed = 0, susceptibility = 0;
  for (int i = 0; i < n; ++i) {
    sim::RandomStream stream(2, static_cast<std::uint64_t>(i), 1), life(2, static_cast<std::uint64_t>(i), 10);
    const models::RiskStructure risk(p.risk);
    const auto h = models::draw_household(p, risk, 1, static_cast<std::uint64_t>(i), stream, life);
    temperament += h.infant.temperament;
    temperament2 += h.infant.temperament * h.infant.temperament;
    depressed += h.caregiver.depressed;
    susceptibility += h.infant.susceptibility;
    CHECK(h.caregiver.sensitivity_baseline >= 0);
    CHECK(h.caregiver.sensitivity_baseline <= 1);
  }
  // n = 20,000: SE of the temperament mean is 0.007 (0.03 = 4 SE), of the mean square 0.01 (sqrt(2 / n);
  // 0.04 = 4 SE); of the depression share 0.0022 (0.01 = 4.5 SE); of the susceptibility mean 0.0021
  // (SD 0.3 / sqrt(n); 0.01 = 4.7 SE).
  CHECK(std::abs(temperament / n) < 0.03);
  CHECK(std::abs(temperament2 / n - 1) < 0.04);
  CHECK(std::abs(depressed / n - p.depression.fixed_prevalence) < 0.01);
  CHECK(std::abs(susceptibility / n - 1) < 0.01);
}

TEST_CASE("population: marker carriers are more susceptible") {
  auto p = defaults();
  p.infant.marker_frequency = 0.37;  // Lakatos et al. 2000
  double carriers = 0, carrier_s = 0, other_s = 0;
  constexpr int n = 20000;
  for (int i = 0; i < n; ++i) {
    sim::RandomStream stream(3, static_cast<std::uint64_t>(i), 1), life(3, static_cast<std::uint64_t>(i), 10);
    const models::RiskStructure risk(p.risk);
    const auto h = models::draw_household(p, risk, 1, static_cast<std::uint64_t>(i), stream, life);
    (h.infant.marker ? carrier_s : other_s) += h.infant.susceptibility;
    carriers += h.infant.marker;
  }
  CHECK(std::abs(carriers / n - 0.37) < 4 * 0.0034);  // SE sqrt(0.37 x 0.63 / n) = 0.0034
  // Carriers' susceptibility is marker_effect (1.5) times the others' in distribution; with ~7,400 and
  // ~12,600 draws of SD about 0.45 and 0.3, the SE of the ratio is about 0.007, so 1.4 is 15 SE below 1.5.
  CHECK(carrier_s / carriers > 1.4 * other_s / (n - carriers));
}
