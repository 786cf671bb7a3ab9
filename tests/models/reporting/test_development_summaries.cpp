// The later-development and transmission summaries on hand-made records, so that every number they
// report can be checked against a count done by hand.
#include "models/dyad/attachment_model.hpp"
#include "models/reporting/childhood_summary.hpp"
#include "models/reporting/dyad_columns.hpp"
#include "models/reporting/transmission_summary.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <string>

namespace models = attachsim::models;
namespace sim = attachsim::sim;

namespace {

models::ModelParameters with_preschool() {
  auto p = models::AttachmentModel().parameters_in_use();
  p.development.span_months = 60;
  p.preschool.ages_months = {54};
  return p;
}

std::map<std::string, double> by_name(const std::vector<sim::SummaryValue>& values) {
  std::map<std::string, double> m;
  for (const auto& v : values) m[v.name] = v.value;
  return m;
}

// `n` empty records with the columns of `columns`.
sim::RecordBlock empty_records(const models::DyadColumns& columns, std::size_t n) {
  sim::RecordBlock block(columns.columns().size(), 0, 0, n);
  block.reset(0, n);
  return block;
}

struct Child {
  const char* infant;     // class at 12 months
  const char* preschool;  // class at 54 months
  double competence;
  int life_events;
  int risks;
};

}  // namespace

TEST_CASE("childhood summary: d, protection and stability from counted records") {
  const auto p = with_preschool();
  const models::DyadColumns columns(p, false);
  // Secure children: competence 4 and 3 at low risk (0 risks), 3 at high risk (5 risks).
  // Insecure children: 3 and 2 at low risk, 1 at 5 risks and 1.5 at 3 risks.
  const Child children[] = {{"B", "B", 4, 0, 0}, {"B", "A", 3, 2, 0}, {"B", "B", 3, 1, 5},
                            {"A", "A", 3, 0, 0}, {"C", "B", 2, 3, 0}, {"D", "D", 1, 0, 5}, {"A", "A", 1.5, 0, 3}};
  auto block = empty_records(columns, 7);
  models::ChildhoodSummary summary(columns, {"54m"}, "12m");
  for (std::size_t i = 0; i < 7; ++i) {
    sim::DyadRecord r(block, i);
    const auto& c = children[i];
    r.set(columns.strange_situation[0].coded.attachment_class, sim::label_code(c.infant));
    r.set(columns.preschool[0].attachment_class, sim::label_code(c.preschool));
    r.set(columns.preschool[0].social_competence, c.competence);
    r.set(columns.life_events, c.life_events);
    r.set(columns.risk_count, c.risks);
    summary.add(block, i);
  }
  const auto v = by_name(summary.values());
  // d: secure 4, 3, 3 (mean 10/3, variance 1/3), insecure 3, 2, 1, 1.5 (mean 1.875, variance
  // 2.1875 / 3); pooled variance (2/3 + 2.1875) / 5.
  CHECK(v.at("preschool_54m_social_competence_d_secure") ==
        doctest::Approx((10.0 / 3 - 1.875) / std::sqrt((2.0 / 3 + 2.1875) / 5)));
  // Low risk (0-1) against 2 or more: secure 3.5 against 3; insecure 2.5 against the mean of 1 and 1.5.
  CHECK(v.at("preschool_54m_competence_risk_drop_secure") == doctest::Approx(3.5 - 3));
  CHECK(v.at("preschool_54m_competence_risk_drop_insecure") == doctest::Approx(2.5 - 1.25));
  // Secure/insecure the same at both ages for 5 of 7: B-B, B-B, A-A, D-D, A-A (B-A and C-B changed).
  CHECK(v.at("preschool_54m_attachment_stability_secure") == doctest::Approx(5.0 / 7));
  // Without life events: B-B, A-A, D-D, A-A all stable; with: B-A, B-B, C-B, one of three stable.
  CHECK(v.at("preschool_54m_attachment_stability_secure_without_life_events") == doctest::Approx(1.0));
  CHECK(v.at("preschool_54m_attachment_stability_secure_with_life_events") == doctest::Approx(1.0 / 3));
}

TEST_CASE("transmission summary: agreement, kappa, d and mediation from counted records") {
  const auto p = with_preschool();
  const models::DyadColumns columns(p, true);
  // 40 dyads: 20 autonomous caregivers (16 secure infants, 4 avoidant), 20 dismissing (5 secure, 15 avoidant).
  auto block = empty_records(columns, 40);
  models::TransmissionSummary summary(columns, 1, 0, "12m");
  for (std::size_t i = 0; i < 40; ++i) {
    sim::DyadRecord r(block, i);
    const bool autonomous = i < 20;
    const bool secure = autonomous ? i < 16 : i < 25;
    r.set(columns.aai_coded, sim::label_code(autonomous ? "F" : "Ds"));
    r.set(columns.strange_situation[0].coded.attachment_class, sim::label_code(secure ? "B" : "A"));
    r.set(columns.strange_situation[0].coded.security, secure ? 0.8 : 0.3);
    r.set(columns.observed_sensitivity[0], autonomous ? 6.0 + static_cast<double>(i % 3) : 4.0 + static_cast<double>(i % 2));
    r.set(columns.generations->adult_aai, sim::label_code(secure ? "F" : "Ds"));
    summary.add(block, i, 0);
  }
  const auto v = by_name(summary.values());
  // Agreement (16 + 15) / 40; chance agreement 0.5 x 0.525 + 0.5 x 0.475 = 0.5; kappa = (0.775 - 0.5) / 0.5.
  CHECK(v.at("generation_1_transmission_secure_agreement") == doctest::Approx(31.0 / 40));
  CHECK(v.at("generation_1_transmission_secure_kappa") == doctest::Approx(0.55));
  // Four-way: F-B and Ds-A are matched cells, so the same agreement; kappa over the 4 x 4 table equals the 2 x 2 one here.
  CHECK(v.at("generation_1_transmission_four_way_kappa") == doctest::Approx(0.55));
  // phi = (16 x 15 - 4 x 5) / sqrt(20 x 20 x 21 x 19); d = 2 phi / sqrt(1 - phi^2).
  const double phi = (16.0 * 15 - 4.0 * 5) / std::sqrt(20.0 * 20 * 21 * 19);
  CHECK(v.at("generation_1_transmission_d") == doctest::Approx(2 * phi / std::sqrt(1 - phi * phi)));
  // Each infant's adult AAI matches its class exactly.
  CHECK(v.at("generation_1_infant_adult_secure_agreement") == doctest::Approx(1.0));
  CHECK(v.at("generation_1_infant_adult_secure_kappa") == doctest::Approx(1.0));
  // Mediation through observed sensitivity, worked out apart from the summary's regressions: with a
  // two-valued autonomy, a and c are differences of group means, and b (security on sensitivity,
  // autonomy held) is the pooled within-group slope. Here b is slightly negative (-0.0195: within each
  // group sensitivity and security are unrelated but for the cycles of i), so the share is -0.174.
  double m_mean[2] = {}, y_mean[2] = {};
  const auto sensitivity_of = [](std::size_t i) { return i < 20 ? 6.0 + static_cast<double>(i % 3) : 4.0 + static_cast<double>(i % 2); };
  const auto security_of = [](std::size_t i) { return (i < 20 ? i < 16 : i < 25) ? 0.8 : 0.3; };
  for (std::size_t i = 0; i < 40; ++i) {
    m_mean[i < 20] += sensitivity_of(i) / 20;
    y_mean[i < 20] += security_of(i) / 20;
  }
  double within_my = 0, within_mm = 0;
  for (std::size_t i = 0; i < 40; ++i) {
    const double dm = sensitivity_of(i) - m_mean[i < 20];
    within_my += dm * (security_of(i) - y_mean[i < 20]);
    within_mm += dm * dm;
  }
  const double a = m_mean[1] - m_mean[0], b = within_my / within_mm, c = y_mean[1] - y_mean[0];
  CHECK(v.at("generation_1_transmission_gap_proportion_mediated") == doctest::Approx(a * b / c));
  CHECK(a * b / c == doctest::Approx(-0.1737).epsilon(1e-3));
  const auto tables = summary.tables();
  REQUIRE(tables.size() == 2);
  CHECK(tables[0].path == "generations/transmission");
  double total = 0;
  for (double n : tables[0].columns[3].numbers) total += n;
  CHECK(total == 40);
}

TEST_CASE("transmission summary: the disorganization gap from counted records") {
  const auto p = with_preschool();
  const models::DyadColumns columns(p, false);
  // 20 dyads: 10 unresolved caregivers, 6 of whom were seen frightening twice in the Strange Situation,
  // and 10 autonomous ones, one of whom was. Every infant who saw such acts is D, and no other: all of
  // U's effect on D runs through them.
  auto block = empty_records(columns, 20);
  models::TransmissionSummary summary(columns, 1, 0, "12m");
  const auto& ssp = columns.strange_situation[0];
  for (std::size_t i = 0; i < 20; ++i) {
    sim::DyadRecord r(block, i);
    const bool unresolved = i < 10, alarmed = i < 6 || i == 10;
    r.set(columns.aai_coded, sim::label_code(unresolved ? "U" : "F"));
    r.set(ssp.caregiver_alarming, alarmed ? 2 : 0);
    r.set(ssp.coded.attachment_class, sim::label_code(alarmed ? "D" : "B"));
    summary.add(block, i, 0);
  }
  const auto v = by_name(summary.values());
  // U by D: 6 U-D, 4 U-not, 1 F-D, 9 F-not; phi = (6 x 9 - 4 x 1) / sqrt(10 x 10 x 7 x 13). The acts are
  // 2 x D, so U correlates with them as with D, and they with D perfectly.
  const double phi = (6.0 * 9 - 4.0 * 1) / std::sqrt(10.0 * 10 * 7 * 13);
  CHECK(v.at("generation_1_unresolved_disorganized_r") == doctest::Approx(phi));
  CHECK(v.at("generation_1_unresolved_alarming_r") == doctest::Approx(phi));
  CHECK(v.at("generation_1_alarming_disorganized_r") == doctest::Approx(1.0));
  CHECK(v.at("generation_1_disorganization_gap_proportion_mediated") == doctest::Approx(1.0));
  CHECK(summary.report().find("share of U -> D through them 100%") != std::string::npos);
}
