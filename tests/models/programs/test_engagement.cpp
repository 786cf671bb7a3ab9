// Engagement with programs, session by session (models/programs/engagement.hpp): the rates are set from
// completion in the home-visiting literature, and these tests check that the settings hold in the model's
// own families (risk loads from the populations, motivation drawn per caregiver).
#include "support/population_run.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace attachsim;
using attachsim::testing::run_population;

namespace {

struct Participation {
  double completed = 0, stayed = 0, n = 0;
};

// A program given to every dyad of POPULATION: the share who completed it (stayed and attended at least
// program.completion_share of the sessions) and the share who stayed to the end.
Participation participation(const std::string& population, const std::vector<std::string>& program, int dyads) {
  std::vector<std::string> settings = {"run.dyads=" + std::to_string(dyads), "development.span_months=24"};
  settings.insert(settings.end(), program.begin(), program.end());
  const auto run = run_population("configs/populations/" + population + ".yaml", settings);
  Participation p;
  const auto& completed = run.columns.at("program_completed");
  const auto& left = run.columns.at("program_left_months");
  for (std::size_t i = 0; i < completed.size(); ++i) p.completed += completed[i], p.stayed += left[i] == -99.0;
  p.n = static_cast<double>(completed.size());
  p.completed /= p.n, p.stayed /= p.n;
  return p;
}

// Nurse-Family Partnership-like: about 60 visits from mid-pregnancy to age two (Olds 2006).
const std::vector<std::string> long_program = {"program.type=psychoeducational", "program.start_months=-6",
                                               "program.end_months=24", "program.sessions=60"};
// A brief program: 8 weekly visits (Moss et al. 2011).
const std::vector<std::string> brief_program = {"program.type=sensitivity", "program.start_months=12",
                                                "program.end_months=13.75", "program.sessions=8"};

}  // namespace

TEST_CASE("engagement: few high-risk families complete a 60-visit program, nearly all complete a brief one") {
  // Seeds are the populations' own (run.seed); n = 2,000 dyads per run, so the SE of a share near 0.4 is
  // 0.011 and of one near 0.9 is 0.007. The bands are the literature's, not the model's measured values
  // (0.39 and 0.81 in high-risk families, 0.92 for the brief program in the normative population), and
  // each lies more than 4 SE inside its band:
  // - a long program in high-risk families: about 35% complete (Holland et al. 2018, Nurse-Family
  //   Partnership), 20-67% leave (Gomby, Culross & Behrman 1999): completion in [0.25, 0.50], staying
  //   to the end in [0.33, 0.80]
  // - a brief program: nearly all complete it in the general population (>= 0.85), most in high-risk
  //   families (>= 0.75), far more than complete the long one there.
  const auto long_high = participation("high_risk", long_program, 2000);
  const auto brief_high = participation("high_risk", brief_program, 2000);
  const auto brief_normative = participation("normative", brief_program, 2000);
  MESSAGE("long, high-risk: completed " << long_high.completed << ", stayed " << long_high.stayed
                                     << "; brief, high-risk: " << brief_high.completed << "; brief, normative: "
                                     << brief_normative.completed);
  CHECK(long_high.completed >= 0.25);
  CHECK(long_high.completed <= 0.50);
  CHECK(long_high.stayed >= 0.33);
  CHECK(long_high.stayed <= 0.80);
  CHECK(brief_normative.completed >= 0.85);
  CHECK(brief_high.completed >= 0.75);
  CHECK(brief_high.completed > long_high.completed + 0.3);
}

TEST_CASE("engagement: families with more risks take part less") {
  // The same 60-visit program in the normative population: completion falls with the family's burden.
  // n = 3,000; completion among families with no counted risk against those with two or more (about
  // 1,500 and 450 dyads): SE of the difference ~0.026, the required gap 0.1 is a large effect.
  const auto run = run_population("configs/populations/normative.yaml",
                                  {"run.dyads=3000", "development.span_months=24", "program.type=psychoeducational",
                                   "program.start_months=-6", "program.end_months=24", "program.sessions=60"});
  const auto& completed = run.columns.at("program_completed");
  double none = 0, n_none = 0, some = 0, n_some = 0;
  const char* risks[] = {"risk_hardship", "risk_partner_violence", "risk_household_chaos", "risk_low_support",
                         "risk_adolescent_mother"};
  for (std::size_t i = 0; i < completed.size(); ++i) {
    int load = 0;
    for (const char* r : risks) load += run.columns.at(r)[i] > 0;
    if (load == 0) none += completed[i], ++n_none;
    if (load >= 2) some += completed[i], ++n_some;
  }
  MESSAGE("no risk: " << none / n_none << " (n " << n_none << "), two or more: " << some / n_some << " (n " << n_some << ")");
  REQUIRE(n_some > 100);
  CHECK(none / n_none > some / n_some + 0.1);
}
