// The stability, change and agreement summaries on hand-made records, so that every number they report
// can be checked against a count done by hand.
#include "models/dyad/attachment_model.hpp"
#include "models/reporting/agreement_summary.hpp"
#include "models/reporting/dyad_columns.hpp"
#include "models/reporting/stability_summary.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include <map>
#include <string>

namespace models = attachsim::models;
namespace sim = attachsim::sim;

namespace {

std::map<std::string, double> by_name(const std::vector<sim::SummaryValue>& values) {
  std::map<std::string, double> m;
  for (const auto& v : values) m[v.name] = v.value;
  return m;
}

struct Infant {
  const char* at12;
  const char* at24;
  double sensitivity12, sensitivity24;
  bool hardship12, hardship24;
  int stratum;
  const char* with_partner;
};

}  // namespace

TEST_CASE("stability summary: agreement, kappa and what came between, from counted records") {
  auto p = models::AttachmentModel().parameters_in_use();
  p.strange_situation.ages_months = {12, 24};
  p.strange_situation.with_partner = true;
  const models::DyadColumns columns(p, false);
  const Infant infants[] = {{"B", "B", 0.7, 0.7, false, false, 0, "B"}, {"B", "B", 0.6, 0.7, false, false, 1, "A"},
                            {"A", "B", 0.4, 0.6, false, false, 0, "B"}, {"B", "C", 0.6, 0.4, false, true, 1, "C"},
                            {"D", "D", 0.3, 0.3, true, true, 1, "D"},   {"C", "A", 0.5, 0.5, true, false, 0, "B"}};
  constexpr std::size_t n = std::size(infants);
  sim::RecordBlock block(columns.columns().size(), 0, 0, n);
  block.reset(0, n);
  models::StabilitySummary stability(columns, p.strange_situation.ages_months);
  models::AgreementSummary agreement(columns, p.strange_situation.ages_months, p.sensitivity_observation.ages_months);
  for (std::size_t i = 0; i < n; ++i) {
    sim::DyadRecord r(block, i);
    const Infant& x = infants[i];
    const auto& a = columns.strange_situation[0];
    const auto& b = columns.strange_situation[1];
    r.set(a.coded.attachment_class, sim::label_code(x.at12));
    r.set(b.coded.attachment_class, sim::label_code(x.at24));
    r.set(a.caregiver_sensitivity, x.sensitivity12);
    r.set(b.caregiver_sensitivity, x.sensitivity24);
    r.set(a.hardship, x.hardship12);
    r.set(b.hardship, x.hardship24);
    r.set(columns.high_risk_stratum, x.stratum);
    r.set(columns.strange_situation_partner[0].coded.attachment_class, sim::label_code(x.with_partner));
    r.set(columns.strange_situation_partner[1].coded.attachment_class, sim::label_code(x.at24));
    stability.add(block, i);
    agreement.add(block, i);
  }
  const auto v = by_name(stability.values());
  // Same class at both ages: B-B, B-B, D-D: 3 of 6. Secure at both or insecure at both: B-B, B-B, D-D,
  // C-A: 4 of 6. Kappa of the secure/insecure table [[2, 1], [1, 2]]: (4/6 - 1/2) / (1/2) = 1/3.
  CHECK(v.at("stability_12m_24m_four_way_agreement") == doctest::Approx(3.0 / 6));
  CHECK(v.at("stability_12m_24m_secure_agreement") == doctest::Approx(4.0 / 6));
  CHECK(v.at("stability_12m_24m_secure_kappa") == doctest::Approx(1.0 / 3));
  // Within the high-risk stratum (rows 2, 4, 5): B-B, B-C, D-D: 2 of 3 the same.
  CHECK(v.at("stability_12m_24m_high_risk_four_way_agreement") == doctest::Approx(2.0 / 3));
  // Transitions: stays secure 2 (changes 0 and +0.1), becomes secure 1 (+0.2), becomes insecure 1 (-0.2),
  // stays insecure 2 (0, 0).
  CHECK(v.at("change_12m_24m_stays_secure_share") == doctest::Approx(2.0 / 6));
  CHECK(v.at("change_12m_24m_becomes_secure_sensitivity_change") == doctest::Approx(0.2));
  CHECK(v.at("change_12m_24m_becomes_insecure_sensitivity_change") == doctest::Approx(-0.2));
  CHECK(v.at("change_12m_24m_stays_secure_sensitivity_change") == doctest::Approx(0.05));
  // The change table: the one infant who became insecure entered hardship in between.
  const auto tables = stability.tables();
  const auto change = std::find_if(tables.begin(), tables.end(), [](const auto& t) { return t.path == "change/12m_24m"; });
  REQUIRE(change != tables.end());
  REQUIRE(change->columns[0].texts[2] == "becomes_insecure");
  CHECK(change->columns[7].name == "hardship_entered");
  CHECK(change->columns[7].numbers[2] == 1.0);
  CHECK(change->columns[8].numbers[3] == 0.5);  // of the two insecure at both, one (C-A) left hardship

  const auto a = by_name(agreement.values());
  // With the primary caregiver and the partner at 12 months: B-B, B-A, A-B, B-C, D-D, C-B: 2 of 6 the
  // same; secure/insecure: B-B, D-D, and... B-A no, A-B no, B-C no, C-B no: 2 of 6.
  CHECK(a.at("concordance_12m_primary_partner_four_way_agreement") == doctest::Approx(2.0 / 6));
  CHECK(a.at("concordance_12m_primary_partner_secure_agreement") == doctest::Approx(2.0 / 6));
  CHECK(a.at("concordance_24m_primary_partner_four_way_agreement") == doctest::Approx(1.0));
}
