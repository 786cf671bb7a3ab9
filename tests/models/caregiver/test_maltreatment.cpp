// Maltreatment: spells start more often where risks pile up and in caregivers maltreated as children,
// neglect days leave the caregiver barely available, abuse days add threatening acts; child protection
// sees only part of it, and substantiates less than it sees.
#include "models/caregiver/maltreatment.hpp"
#include "models/dyad/attachment_model.hpp"
#include "models/instruments/child_protection.hpp"
#include "sim/core/random_stream.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace attachsim;
using namespace attachsim::models;

namespace {

ModelParameters defaults() { return AttachmentModel().parameters_in_use(); }

}  // namespace

TEST_CASE("maltreatment: the onset hazard rises with risks and with the caregiver's own history") {
  const auto p = defaults().maltreatment;
  Maltreatment m;
  const MaltreatmentRisks none{false, false, false, false, 0.5, 0.25}, many{true, true, true, true, 0.1, 0.7};
  const double base = maltreatment_onset_per_day(p, m, none), risky = maltreatment_onset_per_day(p, m, many);
  CHECK(base == doctest::Approx(p.onset_per_year / 365.25 * std::exp(p.isolation_effect * 0.5)));
  CHECK(risky > 20 * base);
  m.history = true;
  CHECK(maltreatment_onset_per_day(p, m, none) == doctest::Approx(base * std::exp(p.history_effect)));
}

TEST_CASE("maltreatment: a spell's kinds follow the declared shares, and its days act on the caregiver") {
  // 40,000 spells started from uniform kinds: shares of neglect and abuse within 0.01 (SE 0.0022).
  const auto p = defaults().maltreatment;
  int neglect = 0, abuse = 0;
  sim::RandomStream stream(4, 0, 1);
  for (int i = 0; i < 40000; ++i) {
    Maltreatment m;
    start_spell(p, m, stream.uniform());
    neglect += m.neglect, abuse += m.abuse;
    CHECK((m.neglect || m.abuse));
  }
  CHECK(std::abs(neglect / 40000.0 - p.neglect_share) < 0.01);
  CHECK(std::abs(abuse / 40000.0 - p.abuse_share) < 0.01);

  Maltreatment both;
  both.active = both.neglect = both.abuse = true;
  double threat = 0;
  const MaltreatmentRisks risks{false, false, false, false, 0.5, 0.25};
  // u_step 0.5 keeps the spell going; u = 0 makes today both a neglect and an abuse day.
  CHECK(maltreatment_day(p, both, risks, 0.5, 0.5, 0.0, 0.0, threat) == p.neglect_availability);
  CHECK(threat == p.abuse_threat);
  CHECK(maltreatment_day(p, both, risks, 0.5, 0.5, 0.999, 0.999, threat) == 1.0);
  CHECK(threat == 0.0);
  CHECK(both.neglect_days == 1);
  CHECK(both.abuse_days == 1);
}

TEST_CASE("child protection: reports come at their rates and are substantiated only sometimes") {
  // 5,000 neglecting families over two years: expected reports 0.4/year x 2 = 0.8 each (Poisson);
  // the share ever substantiated stays below the share ever reported.
  const auto p = defaults().child_protection;
  double reports = 0, substantiated = 0, reported = 0;
  for (int i = 0; i < 5000; ++i) {
    sim::RandomStream stream(5, static_cast<std::uint64_t>(i), 1);
    ChildProtectionRecord r;
    for (int day = 0; day < 730; ++day) child_protection_day(p, r, day, true, false, false, stream.uniform(), stream.uniform());
    reports += r.reports, reported += r.reports > 0, substantiated += r.substantiated;
  }
  // SE of the mean of a Poisson(0.8) count over 5,000 families is 0.0126; 0.05 is 4 SE.
  CHECK(std::abs(reports / 5000 - p.neglect_reports_per_year * 2 * 730 / 730.5) < 0.05);
  // Reports K ~ Poisson(lambda), each substantiated with s: P(substantiated | reported) =
  // (1 - exp(-lambda s)) / (1 - exp(-lambda)). About 2,750 families are reported: SE 0.0093; 0.04 is 4 SE.
  const double lambda = p.neglect_reports_per_year * 2 * 730 / 730.5, s_ = p.neglect_substantiation;
  CHECK(std::abs(substantiated / reported - (1 - std::exp(-lambda * s_)) / (1 - std::exp(-lambda))) < 0.04);
  // Unfounded reports of 5,000 families that neither neglect nor abuse: Poisson with mean 0.004/year x 2
  // each; the SE of the mean count is sqrt(0.008 / 5000) = 0.0013, and 0.005 is 4 SE.
  double quiet_reports = 0;
  for (int i = 0; i < 5000; ++i) {
    sim::RandomStream stream(6, static_cast<std::uint64_t>(i), 1);
    ChildProtectionRecord quiet;
    for (int day = 0; day < 730; ++day) child_protection_day(p, quiet, day, false, false, false, stream.uniform(), stream.uniform());
    quiet_reports += quiet.reports;
  }
  CHECK(std::abs(quiet_reports / 5000 - p.unfounded_reports_per_year * 2 * 730 / 730.5) < 0.005);
}
