// Long-term costs and benefits of a trial's programs: amounts discount as stated, benefits and costs
// sum as stated, intervals come from the replicates and the prices as documented, the CLI writes
// /trial/economics whose numbers are recomputed here from the twins' own columns, and bad economics
// files are named with file, line and key.
#include "support/cli.hpp"
#include "support/hdf5_reader.hpp"

#include "models/dyad/attachment_model.hpp"
#include "sim/trials/economics.hpp"
#include "sim/trials/trial_spec.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace attachsim;
using attachsim::testing::ScratchDirectory;

namespace {

const std::string normative = std::string(ATTACHSIM_SOURCE_DIR) + "/configs/populations/normative.yaml";

// A trial with a preschool follow-up at 42 months; `extra` adds lines inside `trial:`.
std::string trial_yaml(const std::string& extra = "", std::int64_t enrolled = 100) {
  return "trial:\n  name: priced\n  population: " + normative + "\n  set: {development.span_months: 42}\n  screened: " +
         std::to_string(enrolled) + "\n  enrolled: " + std::to_string(enrolled) +
         "\n  follow_up:\n    - {age_months: 12, instruments: [strange_situation]}\n"
         "    - {age_months: 42, instruments: [preschool]}\n  seed: 7\n  arms:\n"
         "    - {name: control, allocation: 0.5}\n"
         "    - {name: training, allocation: 0.5, program: {type: sensitivity, start_months: 6, end_months: 9, sessions: 6}}\n" +
         extra;
}

// An economics file: one link on a trial outcome and one on a column; `link_extra` replaces the first
// link's case (for error tests).
std::string economics_yaml(const std::string& first_case = "{outcome: externalizing, min: 1.0}",
                           const std::string& currency = "USD (2010)", const std::string& cost = "{value: 10000, low: 5000, high: 20000, source: s}") {
  return "economics:\n  name: test prices\n  currency: \"" + currency + "\"\n  discount_rate: 0.05\n  discount_source: s\n"
         "  price_draws: 400\n  links:\n"
         "    - name: problems\n      case: " + first_case + "\n      case_source: s\n      later_outcome: later problems\n"
         "      probability_if_case: {value: 0.4, low: 0.3, high: 0.6, source: s}\n"
         "      probability_otherwise: {value: 0.1, source: s}\n"
         "      cost: " + cost + "\n      ages_years: [10, 15]\n"
         "    - name: reports\n      case: {column: cps_reports, min: 1}\n      case_source: s\n      later_outcome: services\n"
         "      probability_if_case: {value: 1, source: s}\n      probability_otherwise: {value: 0, source: s}\n"
         "      cost: {value: 1000, source: s}\n      ages_years: [3, 3]\n";
}

sim::EconomicsSpec two_links() {
  sim::EconomicsSpec e;
  e.currency = "USD (2010)", e.discount_rate = 0.05, e.present_value_age_months = 0, e.price_draws = 1;
  sim::CostLink a, b;
  a.name = "a", a.probability_if_case = {0.4, 0.4, 0.4, "s"}, a.probability_otherwise = {0.1, 0.1, 0.1, "s"};
  a.cost = {10000, 10000, 10000, "s"}, a.from_age_years = 10, a.to_age_years = 15;
  b.name = "b", b.probability_if_case = {1, 1, 1, "s"}, b.probability_otherwise = {0, 0, 0, "s"};
  b.cost = {1000, 1000, 1000, "s"}, b.from_age_years = 3, b.to_age_years = 3;
  e.links = {a, b};
  return e;
}

sim::EconomicShares shares(double cost_arm, double case_a_arm, double case_a_ref, double case_b_arm, double case_b_ref) {
  sim::EconomicShares s;
  s.arm = "p", s.analysis = "itt", s.n_arm = s.n_reference = 100;
  s.cost_arm = cost_arm, s.cost_reference = 0;
  s.case_arm = {case_a_arm, case_b_arm}, s.case_reference = {case_a_ref, case_b_ref};
  return s;
}

}  // namespace

TEST_CASE("economics: amounts are discounted as stated") {
  // A single amount at age 5, seen from birth at 5%: 1 / 1.05^5.
  CHECK(sim::present_value_factor(0.05, 5, 5, 0) == doctest::Approx(1 / std::pow(1.05, 5)).epsilon(1e-14));
  // Spread over ages 2 and 3 (each year's half at its start) at 10%.
  CHECK(sim::present_value_factor(0.10, 2, 4, 0) == doctest::Approx((std::pow(1.1, -2) + std::pow(1.1, -3)) / 2).epsilon(1e-14));
  // Seen from age 1 instead of birth; and no discounting at a zero rate.
  CHECK(sim::present_value_factor(0.10, 2, 4, 1) == doctest::Approx((std::pow(1.1, -1) + std::pow(1.1, -2)) / 2).epsilon(1e-14));
  CHECK(sim::present_value_factor(0, 12, 19, 0) == 1);
  // An amount before the present-value age is compounded forward.
  CHECK(sim::present_value_factor(0.03, 0, 0, 2) == doctest::Approx(1.03 * 1.03).epsilon(1e-14));
}

TEST_CASE("economics: costs and benefits sum as stated") {
  const auto e = two_links();
  const auto prices = sim::central_prices(e);
  // The program costs 2,000 per family; it lowers link a's cases from 20% to 10% and link b's from 4% to 2%.
  const auto v = sim::value(e, shares(2000, 0.10, 0.20, 0.02, 0.04), prices);
  const double pv_a = 10000 * sim::present_value_factor(0.05, 10, 15, 0);
  const double pv_b = 1000 * std::pow(1.05, -3);
  // Later outcome: cases x 0.4 + others x 0.1.
  CHECK(v.later_reference[0] == doctest::Approx(0.2 * 0.4 + 0.8 * 0.1));
  CHECK(v.later_arm[0] == doctest::Approx(0.1 * 0.4 + 0.9 * 0.1));
  CHECK(v.benefit[0] == doctest::Approx(0.10 * (0.4 - 0.1) * pv_a));
  CHECK(v.benefit[1] == doctest::Approx(0.02 * pv_b));
  CHECK(v.cost_reference[0] - v.cost_arm[0] == doctest::Approx(v.benefit[0]));
  CHECK(v.benefits == doctest::Approx(v.benefit[0] + v.benefit[1]));
  CHECK(v.net_present_benefit == doctest::Approx(v.benefits - 2000));
  CHECK(v.benefit_cost_ratio == doctest::Approx(v.benefits / 2000));
  CHECK(v.cases_prevented[0] == doctest::Approx(0.10));
  // With no added cost there is no ratio (a program that saves money and helps is not a large ratio).
  CHECK(std::isnan(sim::value(e, shares(0, 0.10, 0.20, 0.02, 0.04), prices).benefit_cost_ratio));

  // The summary rows: cost per case prevented is the cost difference over the cases prevented; a
  // case share that rises gives no cost per case prevented.
  auto rows = sim::summarize_economics(e, {shares(2000, 0.10, 0.20, 0.05, 0.04)}, 1);
  const auto find = [&](const std::string& link, const std::string& quantity) {
    for (const auto& r : rows)
      if (r.link == link && r.quantity == quantity) return r;
    FAIL("no row " << link << " " << quantity);
    return sim::EconomicSummary{};
  };
  CHECK(find("a", "cost_per_case_prevented").value == doctest::Approx(2000 / 0.10));
  CHECK(find("a", "cost_per_later_outcome_prevented").value == doctest::Approx(2000 / (0.10 * 0.3)));
  CHECK(std::isnan(find("b", "cost_per_case_prevented").value));
  CHECK(find("", "program_cost_difference").basis == "simulated");
  CHECK(find("a", "cases_prevented").basis == "simulated");
  CHECK(find("a", "benefit").basis == "projected");
  CHECK(find("", "net_present_benefit").basis == "projected");
}

TEST_CASE("economics: the printout keeps text of any length whole") {
  // Names and descriptions have no bound in the file; a fixed line buffer would cut them short.
  auto e = two_links();
  e.name = "prices", e.file = "prices.yaml";
  e.links[0].later_outcome = std::string(600, 'x') + " end of the later outcome";
  e.links[0].name = std::string(80, 'n');
  const auto rows = sim::summarize_economics(e, {shares(2000, 0.10, 0.20, 0.02, 0.04)}, 1);
  const std::string text = sim::format_economics(e, rows, 42, {"internalizing"});
  CHECK(text.find(e.links[0].later_outcome + ", at ages 10 to 14") != std::string::npos);
  CHECK(text.find("  " + e.links[0].name + ": benefit") != std::string::npos);
  CHECK(text.find("not priced (no link in this file): internalizing") != std::string::npos);
}

TEST_CASE("economics: intervals over replicates and over prices are the documented percentiles") {
  auto e = two_links();
  e.price_draws = 10;
  // Two replicates, fixed prices: the replicate interval interpolates between the two values
  // (2.5th and 97.5th percentiles of two points), and the price interval has no width.
  const auto rows = sim::summarize_economics(e, {shares(1000, 0.1, 0.2, 0, 0), shares(3000, 0.1, 0.2, 0, 0)}, 1);
  int found = 0;
  for (const auto& r : rows)
    if (r.quantity == "program_cost_difference") {
      ++found;
      CHECK(r.value == doctest::Approx(2000));
      CHECK(r.replicates_low == doctest::Approx(1000 + 0.025 * 2000));
      CHECK(r.replicates_high == doctest::Approx(1000 + 0.975 * 2000));
      CHECK(r.prices_low == doctest::Approx(2000));
      CHECK(r.prices_high == doctest::Approx(2000));
    }
  CHECK(found == 1);
  // Uncertain prices: link a's cost triangular over [5,000, 20,000] with mode 10,000. Its benefit is
  // linear in the cost, so the benefit's price interval is the cost's interval times a constant; the
  // triangular quantiles are known: F^-1(.025) = 5000 + sqrt(.025 x 15000 x 5000), F^-1(.975) =
  // 20000 - sqrt(.025 x 15000 x 10000). A sample quantile's SE is sqrt(p (1 - p) / n) / f(x_p), with the
  // density f(x) = 2 (x - 5000) / (15000 x 5000) below the mode and 2 (20000 - x) / (15000 x 10000)
  // above it: 30 and 43 at 20,000 draws. The tolerance is 4 SE.
  e.links[0].cost = {10000, 5000, 20000, "s"};
  e.price_draws = 20000;
  const auto priced = sim::summarize_economics(e, {shares(1000, 0.1, 0.2, 0, 0)}, 3);
  const double per_unit_cost = 0.1 * 0.3 * sim::present_value_factor(0.05, 10, 15, 0);
  found = 0;
  for (const auto& r : priced)
    if (r.link == "a" && r.quantity == "benefit") {
      ++found;
      CHECK(r.value == doctest::Approx(10000 * per_unit_cost));
      const double low = 5000 + std::sqrt(0.025 * 15000 * 5000), high = 20000 - std::sqrt(0.025 * 15000 * 10000);
      const double quantile_se = std::sqrt(0.025 * 0.975 / 20000);
      const double low_se = quantile_se / (2 * (low - 5000) / (15000.0 * 5000));
      const double high_se = quantile_se / (2 * (20000 - high) / (15000.0 * 10000));
      CHECK(std::abs(r.prices_low / per_unit_cost - low) < 4 * low_se);
      CHECK(std::abs(r.prices_high / per_unit_cost - high) < 4 * high_se);
      CHECK(std::isnan(r.replicates_low));  // one replicate
    }
  CHECK(found == 1);
}

TEST_CASE("economics: the CLI writes /trial/economics, and its numbers follow from the twins' columns") {
  ScratchDirectory dir;
  const auto prices = dir.write("prices.yaml", economics_yaml());
  const auto file = dir.write("trial.yaml", trial_yaml());
  const auto out = dir.file("trial.h5");
  const auto r = testing::run_attachsim("trial '" + file.string() + "' --economics '" + prices.string() + "' -o '" + out.string() + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  // The printout says what is simulated and what is projected, and what is not priced.
  CHECK(r.output.find("costs and benefits: test prices") != std::string::npos);
  CHECK(r.output.find("projected (beyond it") != std::string::npos);
  CHECK(r.output.find("not priced (no link in this file): secure") != std::string::npos);

  testing::Hdf5File h5(out.string());
  CHECK(h5.string_attribute("/meta", "economics_yaml") == economics_yaml());
  // Recompute the twins' analysis from the twins' own columns.
  const auto externalizing_p = h5.doubles("/trial/twins/training/preschool_42m_externalizing");
  const auto externalizing_c = h5.doubles("/trial/twins/control/preschool_42m_externalizing");
  const auto reports_p = h5.doubles("/trial/twins/training/cps_reports");
  const auto reports_c = h5.doubles("/trial/twins/control/cps_reports");
  const auto cost_p = h5.doubles("/trial/twins/training/program_cost");
  const auto cost_c = h5.doubles("/trial/twins/control/program_cost");
  const double n = static_cast<double>(cost_p.size());
  REQUIRE(n == 100);
  double case_p = 0, case_c = 0, report_p = 0, report_c = 0, cost = 0;
  for (std::size_t i = 0; i < cost_p.size(); ++i) {
    case_p += externalizing_p[i] >= 1.0, case_c += externalizing_c[i] >= 1.0;
    report_p += reports_p[i] >= 1, report_c += reports_c[i] >= 1;
    cost += cost_p[i] - cost_c[i];
  }
  case_p /= n, case_c /= n, report_p /= n, report_c /= n, cost /= n;
  REQUIRE(case_c > 0.05);  // the cut-off of 1.0 makes about a fifth cases: the check below has something to sum
  const double benefit_a = (case_c - case_p) * (0.4 - 0.1) * 10000 * sim::present_value_factor(0.05, 10, 15, 0);
  const double benefit_b = (report_c - report_p) * 1000 * std::pow(1.05, -3);

  const auto arm = h5.labels("/trial/economics/summary/arm");
  const auto analysis = h5.labels("/trial/economics/summary/analysis");
  const auto link = h5.labels("/trial/economics/summary/link");
  const auto quantity = h5.labels("/trial/economics/summary/quantity");
  const auto basis = h5.labels("/trial/economics/summary/basis");
  const auto value = h5.doubles("/trial/economics/summary/value");
  const auto row = [&](const std::string& l, const std::string& q) {
    for (std::size_t i = 0; i < value.size(); ++i)
      if (arm[i] == "training" && analysis[i] == "twins" && link[i] == l && quantity[i] == q) return i;
    FAIL("no row " << l << " " << q);
    return std::size_t{0};
  };
  CHECK(value[row("", "program_cost_difference")] == doctest::Approx(cost).epsilon(1e-12));
  CHECK(value[row("problems", "cases_prevented")] == doctest::Approx(case_c - case_p).epsilon(1e-12));
  CHECK(value[row("problems", "benefit")] == doctest::Approx(benefit_a).epsilon(1e-12));
  CHECK(value[row("reports", "benefit")] == doctest::Approx(benefit_b).epsilon(1e-12));
  CHECK(value[row("", "benefits")] == doctest::Approx(benefit_a + benefit_b).epsilon(1e-12));
  CHECK(value[row("", "net_present_benefit")] == doctest::Approx(benefit_a + benefit_b - cost).epsilon(1e-12));
  CHECK(basis[row("", "program_cost_difference")] == "simulated");
  CHECK(basis[row("", "benefits")] == "projected");
  // The shares table holds both analyses of the one program arm.
  CHECK(h5.doubles("/trial/economics/shares/problems_case_arm").size() == 2);
}

TEST_CASE("economics: a trial names its economics file, and bad ones are named with file, line and key") {
  ScratchDirectory dir;
  models::AttachmentModel model;
  const auto trial_with = [&](const std::string& economics) {
    dir.write("prices.yaml", economics);
    return sim::load_trial(dir.write("trial.yaml", trial_yaml("  economics: prices.yaml\n")).string(), model);
  };
  SUBCASE("a good file is read, relative to the trial") {
    const auto spec = trial_with(economics_yaml());
    REQUIRE(spec.economics);
    CHECK(spec.economics->links.size() == 2);
    CHECK(spec.economics->links[0].rule.column == "preschool_42m_externalizing");
    CHECK(spec.economics->links[0].age_months == 42);
  }
  SUBCASE("prices in another currency than the program costs") {
    CHECK_THROWS_WITH_AS(trial_with(economics_yaml("{outcome: externalizing, min: 1.0}", "EUR (2020)")),
                         doctest::Contains("prices.yaml:3:13: key 'economics.currency': expected 'USD (2010)', the unit of the model's program costs"),
                         sim::InputError);
  }
  SUBCASE("an outcome the trial does not measure") {
    CHECK_THROWS_WITH_AS(trial_with(economics_yaml("{outcome: sensitivity, min: 5}")),
                         doctest::Contains("key 'economics.links.case.outcome': expected an outcome the trial measures (secure, disorganized, security, preschool_secure"),
                         sim::InputError);
  }
  SUBCASE("a continuous outcome without a cut-off, and a binary one with one") {
    CHECK_THROWS_WITH_AS(trial_with(economics_yaml("{outcome: externalizing}")),
                         doctest::Contains("expected min or max: the range of 'externalizing' (0-2) that makes a case"), sim::InputError);
    CHECK_THROWS_WITH_AS(trial_with(economics_yaml("{outcome: secure, min: 1}")),
                         doctest::Contains("expected no rule: a binary outcome is a case when it is 'B'"), sim::InputError);
  }
  SUBCASE("a price outside its own range, and one without a source") {
    CHECK_THROWS_WITH_AS(trial_with(economics_yaml("{outcome: externalizing, min: 1.0}", "USD (2010)", "{value: 10000, low: 12000, high: 20000, source: s}")),
                         doctest::Contains("key 'economics.links.cost': expected low <= value <= high, found value 10000.0, low 12000.0"),
                         sim::InputError);
    CHECK_THROWS_WITH_AS(trial_with(economics_yaml("{outcome: externalizing, min: 1.0}", "USD (2010)", "{value: 10000}")),
                         doctest::Contains("key 'economics.links.cost.source': expected a 'source' entry, found none"), sim::InputError);
  }
  SUBCASE("a rule that no family can meet: min above max, or bounds beside labels") {
    CHECK_THROWS_WITH_AS(trial_with(economics_yaml("{column: cps_reports, min: 1, max: 0}")),
                         doctest::Contains("key 'economics.links.case.max': expected a max at or above min (1.0), found 0.0"),
                         sim::InputError);
    CHECK_THROWS_WITH_AS(trial_with(economics_yaml("{column: ssp_12m_class, min: 1, equals: B}")),
                         doctest::Contains("expected min/max (a numeric column) or equals/one_of (a label column), not both"),
                         sim::InputError);
    CHECK_THROWS_WITH_AS(trial_with(economics_yaml("{column: cps_reports, equals: yes}")),
                         doctest::Contains("expected min or max: 'cps_reports' is a numeric column, found a label rule"),
                         sim::InputError);
    CHECK_THROWS_WITH_AS(trial_with(economics_yaml("{column: ssp_12m_class, min: 1}")),
                         doctest::Contains("expected equals or one_of: 'ssp_12m_class' is a label column, found min"),
                         sim::InputError);
  }
  SUBCASE("an unknown column, and a missing file") {
    CHECK_THROWS_WITH_AS(trial_with(economics_yaml("{column: cps_report, min: 1}")),
                         doctest::Contains("did you mean 'cps_reports'?"), sim::InputError);
    CHECK_THROWS_WITH_AS(sim::load_trial(dir.write("trial.yaml", trial_yaml("  economics: nowhere.yaml\n")).string(), model),
                         doctest::Contains("key 'trial.economics': expected a readable economics file (configs/economics/), relative to the trial file"),
                         sim::InputError);
  }
}

TEST_CASE("economics: bad input on the command line exits 2 and writes nothing") {
  ScratchDirectory dir;
  const auto prices = dir.write("prices.yaml", economics_yaml("{outcome: externalising, min: 1}"));
  const auto file = dir.write("trial.yaml", trial_yaml());
  const auto out = dir.file("trial.h5");
  const auto r = testing::run_attachsim("trial '" + file.string() + "' --economics '" + prices.string() + "' -q -o '" + out.string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("prices.yaml:9:") != std::string::npos);
  CHECK(r.output.find("found 'externalising'") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
}
