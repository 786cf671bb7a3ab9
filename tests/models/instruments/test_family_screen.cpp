// The family screen: the caregiver's depression and partner violence read with the screens' declared
// sensitivity and specificity, one stream per screening age, and written as columns the CLI's HDF5
// output carries (read back here against the life columns of the same day).
#include "support/cli.hpp"
#include "support/hdf5_reader.hpp"

#include "models/dyad/attachment_model.hpp"
#include "models/instruments/family_screen.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace attachsim;
using attachsim::testing::ScratchDirectory;

namespace {

// Within 4 binomial SEs of p over n readings (a false alarm about 1 in 16,000).
bool near(int count, int n, double p) { return std::abs(count / static_cast<double>(n) - p) < 4 * std::sqrt(p * (1 - p) / n); }

}  // namespace

TEST_CASE("family screen: each screen errs at its declared rates") {
  const auto p = models::AttachmentModel().parameters_in_use().family_screen;
  const int n = 20000;
  int depressed_positive = 0, well_positive = 0, violent_disclosed = 0, peaceful_disclosed = 0;
  for (int d = 0; d < n; ++d) {
    sim::RandomStream a(3, static_cast<std::uint64_t>(d), 600), b(4, static_cast<std::uint64_t>(d), 600);
    const auto sick = models::screen_family(p, true, true, a), well = models::screen_family(p, false, false, b);
    depressed_positive += sick.depression, violent_disclosed += sick.violence;
    well_positive += well.depression, peaceful_disclosed += well.violence;
  }
  CHECK(near(depressed_positive, n, p.depression_sensitivity));
  CHECK(near(well_positive, n, 1 - p.depression_specificity));
  CHECK(near(violent_disclosed, n, p.violence_sensitivity));
  CHECK(near(peaceful_disclosed, n, 1 - p.violence_specificity));
}

TEST_CASE("family screen: the CLI writes the screen beside the state it reads, and it errs as declared") {
  // 6,000 high-risk families screened at 12 months, the day of the Strange Situation, whose life
  // columns record the true state. Among the depressed (about 1,000) the positive share must be within
  // 4 SEs of the sensitivity, among the others of 1 - specificity; the same for violence.
  ScratchDirectory dir;
  const auto out = dir.file("screen.h5");
  const auto r = testing::run_attachsim("run configs/populations/high_risk.yaml --set run.dyads=6000 --set run.seed=21 "
                                        "--set development.span_months=13 --set 'strange_situation.ages_months=[12]' "
                                        "--set 'family_screen.ages_months=[12]' -q -o '" + out.string() + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  testing::Hdf5File h5(out.string());
  const auto p = models::AttachmentModel().parameters_in_use().family_screen;
  const auto check = [&](const std::string& state, const std::string& screen, double sensitivity, double specificity) {
    const auto truth = h5.ints("/dyads/life_12m_" + state);
    const auto read = h5.ints("/dyads/screen_12m_" + screen);
    REQUIRE(truth.size() == 6000);
    REQUIRE(read.size() == 6000);
    int cases = 0, hits = 0, others = 0, alarms = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) (truth[i] ? (++cases, hits += read[i]) : (++others, alarms += read[i]));
    CAPTURE(state);
    REQUIRE(cases > 200);
    CHECK(near(hits, cases, sensitivity));
    CHECK(near(alarms, others, 1 - specificity));
  };
  check("depressed", "depression", p.depression_sensitivity, p.depression_specificity);
  check("partner_violence", "partner_violence", p.violence_sensitivity, p.violence_specificity);
  CHECK_FALSE(h5.string_attribute("/dyads/screen_12m_depression", "description").empty());
}
