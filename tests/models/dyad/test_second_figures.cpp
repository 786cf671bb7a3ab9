// Attachments to more than one figure (issue 13, item 2; docs/calibration.md, "Second figures"): the
// infant's classes with its mother and its father are related but distinct, and each relationship
// follows that figure's own care (Fox, Kimmerly & Schafer 1991; van IJzendoorn & De Wolff 1997). One
// published pattern the model misses is asserted as a miss, so that the test fails when it is fixed; the
// rival account of how a new figure is met (learning.new_figure) makes the relationships more specific.
#include "support/population_run.hpp"
#include "sim/core/statistics.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using attachsim::testing::PopulationRun;
using attachsim::testing::run_population;

namespace {

// A class label is empty (code 0, one NUL character) where the Strange Situation was not run with the figure.
bool assessed(const std::string& label) { return !label.empty() && label.front() != '\0'; }

// The correlation of two columns over the dyads assessed with the partner (a non-empty class with him).
double r_with_partner(const PopulationRun& run, const std::string& x, const std::string& y) {
  const auto with_him = run.labels("ssp_12m_partner_class");
  attachsim::sim::RunningCorrelation r;
  for (std::size_t i = 0; i < with_him.size(); ++i)
    if (assessed(with_him[i])) r.add(run.columns.at(x)[i], run.columns.at(y)[i]);
  return r.r();
}

const PopulationRun& with_both_parents() {
  // 6,000 normative dyads, the Strange Situation run with the mother and with the father at 12 months,
  // and the father observed at home too (its own streams: the lives and the other measures are the same
  // with or without it): about 5,500 infants have a father at home then.
  static const PopulationRun run = run_population(
      "configs/populations/normative.yaml",
      {"run.dyads=6000", "strange_situation.with_partner=true", "sensitivity_observation.with_partner=true"});
  return run;
}

// The same 6,000 normative lives with the Strange Situation run with the childcare provider: about
// 3,000 infants are in care at 12 months. The same seed gives the same lives, so the two runs differ
// only in whom the procedure is run with.
const PopulationRun& with_provider() {
  static const PopulationRun run =
      run_population("configs/populations/normative.yaml", {"run.dyads=6000", "strange_situation.figure=childcare"});
  return run;
}

// The infants in care, classified with the mother in one run and with the provider in the other.
struct MotherAndProvider {
  double n = 0, secure_with_mother = 0, secure_with_provider = 0;  // shares of the n
  double secure_phi = 0;
};
MotherAndProvider compare(const PopulationRun& with_mother, const PopulationRun& with_provider) {
  const auto mother = with_mother.labels("ssp_12m_class"), provider = with_provider.labels("ssp_12m_class");
  attachsim::sim::RunningCorrelation r;
  MotherAndProvider c;
  for (std::size_t i = 0; i < provider.size(); ++i)
    if (assessed(provider[i])) {
      r.add(mother[i] == "B", provider[i] == "B");
      ++c.n, c.secure_with_mother += mother[i] == "B", c.secure_with_provider += provider[i] == "B";
    }
  c.secure_with_mother /= c.n, c.secure_with_provider /= c.n, c.secure_phi = r.r();
  return c;
}

}  // namespace

TEST_CASE("second figure: the classes with mother and father are related but distinct") {
  // Secure/insecure kappa of the two classifications, from the run's own summary: .25 at 20,000
  // (2026-12-04; published about .17). Its SE at 5,500 infants is under .015, so the bounds stand more
  // than 10 SE from the model's value: the test fails if the two relationships become independent
  // (kappa near 0) or copies of each other (kappa near 1), not if the value drifts a little.
  const auto& run = with_both_parents();
  const double kappa = run.summary.at("concordance_12m_primary_partner_secure_kappa");
  INFO("secure/insecure kappa, mother and father: " << kappa);
  CHECK(kappa > 0.08);
  CHECK(kappa < 0.45);

  // Among infants insecure (organized A or C) with both, the kind of insecurity with one parent goes
  // with the kind with the other (Fox et al. 1991). About 650 such infants here: the SE of a phi is
  // about .04, and the model's .44 (20,000; .48 here) stands 6 SE above the bound.
  const auto mother = run.labels("ssp_12m_organized_class"), father = run.labels("ssp_12m_partner_organized_class");
  attachsim::sim::RunningCorrelation avoidant_with_both;
  for (std::size_t i = 0; i < mother.size(); ++i)
    if (assessed(father[i]) && mother[i] != "B" && father[i] != "B")
      avoidant_with_both.add(mother[i] == "A", father[i] == "A");
  INFO("doubly insecure infants: " << avoidant_with_both.count() << ", phi of A with A " << avoidant_with_both.r());
  CHECK(avoidant_with_both.count() > 300);
  CHECK(avoidant_with_both.r() > 0.2);
}

TEST_CASE("second figure: security with the father follows his own sensitivity, not hers") {
  // The partner's sensitivity predicts the infant's security with him (r .23 at 20,000) far more than
  // its security with the mother (.05), which his sensitivity reaches only through hers (their
  // correlation, partner.sensitivity_correlation .3). With 5,500 infants the SE of each r is about
  // .013, of their difference under .02; the bound of .1 stands 4 SE below the model's .19.
  const auto& run = with_both_parents();
  const double with_him = r_with_partner(run, "partner_sensitivity_baseline", "ssp_12m_partner_security");
  const double with_her = r_with_partner(run, "partner_sensitivity_baseline", "ssp_12m_security");
  INFO("his sensitivity with security with him " << with_him << ", with her " << with_her);
  CHECK(with_him - with_her > 0.1);
}

TEST_CASE("second figure: the father observed at home, rated from his own answers") {
  // A visit with him rates his care: his observed sensitivity follows his baseline (r .46 at 6,000, where
  // the mother's visit gives .38 with hers), and security with him follows it far more than security with
  // the mother (.25 against .11; published for fathers .12, Lucassen et al. 2011, docs/calibration.md).
  // With 5,500 observed infants the SE of each r is about .013, of the difference under .02: the bounds
  // stand 12 and 4 SE below the model's values.
  const auto& run = with_both_parents();
  const auto observed = run.columns.at("sensitivity_12m_partner_observed");
  const auto with_him = run.labels("ssp_12m_partner_class");
  attachsim::sim::RunningCorrelation his_care, security_with_him, security_with_her;
  std::size_t off_scale = 0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    if (observed[i] != 1) continue;
    const double rated = run.columns.at("sensitivity_12m_partner")[i];
    off_scale += rated < 1 || rated > 9;
    his_care.add(run.columns.at("partner_sensitivity_baseline")[i], rated);
    if (!assessed(with_him[i])) continue;
    security_with_him.add(rated, run.columns.at("ssp_12m_partner_security")[i]);
    security_with_her.add(rated, run.columns.at("ssp_12m_security")[i]);
  }
  INFO("observed " << his_care.count() << ": with his baseline r " << his_care.r() << "; with security with him "
                   << security_with_him.r() << ", with her " << security_with_her.r());
  CHECK(off_scale == 0);
  CHECK(his_care.count() > 5000);
  CHECK(his_care.r() > 0.3);
  CHECK(security_with_him.r() - security_with_her.r() > 0.06);
}

TEST_CASE("second figure: the father has depressions of his own, more while the mother is depressed, and is then less sensitive") {
  // depression.partner_*, calibrated to Paulson & Bazemore 2010 (43 studies): fathers' point prevalence
  // from the first trimester to a year after birth 10.4% [8.5, 12.8], correlated .31 with mothers'. At
  // 6,000 dyads (about 5,500 with a father) the SE of the prevalence is under .004 (one first-year share a
  // father, SD about .27), so the published interval widened by 3 SE bounds it; the r of the first-year
  // shares (n about 5,000, SE about .013) is bounded by the published .31 +- .12, 3 SE and the difference
  // between a correlation of depressed shares and one of symptom scores, which is what studies report.
  const auto& run = with_both_parents();
  const double prevalence = run.summary.at("partner_depression_point_prevalence");
  const double r = run.summary.at("parents_depression_r");
  INFO("fathers depressed " << prevalence << ", r with mothers' " << r);
  CHECK(prevalence > 0.085 - 0.011);
  CHECK(prevalence < 0.128 + 0.011);
  CHECK(r > 0.31 - 0.12);
  CHECK(r < 0.31 + 0.12);

  // His depression lowers his momentary sensitivity (by caregiver.depression_sensitivity_effect, 35%) and
  // his availability, as hers does: fathers depressed through most of the first year (about 150) are
  // observed at 12 months less sensitive than fathers never depressed in it, by more than 3 SE of the
  // difference of the two means.
  const auto observed = run.columns.at("sensitivity_12m_partner_observed");
  const auto depressed_days = run.columns.at("partner_depression_first_year_days");
  const auto days = run.columns.at("partner_days_first_year");
  attachsim::sim::RunningMoments depressed, never;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    if (observed[i] != 1 || days[i] != 365) continue;
    const double rated = run.columns.at("sensitivity_12m_partner")[i];
    if (depressed_days[i] >= 300) depressed.add(rated);
    if (depressed_days[i] == 0) never.add(rated);
  }
  const double se = std::sqrt(depressed.variance() / depressed.count() + never.variance() / never.count());
  INFO("observed at 12m: depressed most of the year " << depressed.mean() << " (n " << depressed.count() << "), never "
                                                       << never.mean() << " (n " << never.count() << ")");
  CHECK(depressed.count() > 50);
  CHECK(never.mean() - depressed.mean() > 3 * se);
}

TEST_CASE("second figure: no partner is ever depressed at an onset rate of 0, under the fixed model or without the context processes") {
  // The partner's depression runs only beside the caregiver's episodes (docs/ODD.md 3.3.4).
  for (const char* setting : {"depression.partner_onset_per_year=0", "depression.model=fixed", "context.processes=false"}) {
    const auto run = run_population("configs/populations/normative.yaml", {"run.dyads=300", setting});
    double days = 0, partner_days = 0;
    for (double d : run.columns.at("partner_depression_days")) days += d;
    for (double d : run.columns.at("partner_days_first_year")) partner_days += d;
    INFO(setting);
    CHECK(days == 0);
    CHECK(partner_days > 0);  // the partners are there, only never depressed
    CHECK(run.summary.at("partner_depression_point_prevalence") == 0);
    CHECK(run.summary.count("parents_depression_r") == 0);
  }
}

// Known miss (docs/calibration.md, "Second figures"): infants are more often secure with a childcare
// provider than with their mother (.77 against .65 of the same infants at 20,000), where a meta-analysis
// of 40 studies found security with providers less common than with parents (Ahnert, Pinquart & Lamb
// 2006). The provider's care (sensitivity .55, free to notice a bid .7) is worse than the mother's, but
// the infant meets her with the strategy it learned at home and she brings no fear, so the infants
// whom fear makes D with the mother are mostly B with her. The check asserts that the miss is still
// there; when it fails, move it (reversed) into a case above and update docs/calibration.md.
TEST_CASE("second figure: known miss, security with a childcare provider above security with the mother") {
  // About 3,000 infants in care; the SE of each share is under .01.
  const auto c = compare(with_both_parents(), with_provider());
  INFO(c.n << " infants in care: secure with the provider " << c.secure_with_provider << ", with the mother " << c.secure_with_mother);
  CHECK(c.n > 2000);
  CHECK(c.secure_with_provider > c.secure_with_mother);
}

TEST_CASE("rival account: a figure met fresh makes attachments relationship-specific") {
  // learning.new_figure: with 'carried' (the default) the infant meets its childcare provider with the
  // strategy learned at home, and its classes with her and with its mother go together (secure phi .37
  // at 20,000); with 'fresh' it meets her as a newborn meets its first figure, and the phi falls to
  // .17 (Goossens & van IJzendoorn 1990 found the two independent). 6,000 dyads each, about 3,000 in
  // care: the SE of each phi is about .018, so the bound of .1 on the fall stands about 4 SE below the
  // model's .20 even if the two errors did not share the same families.
  const std::string config = "configs/populations/normative.yaml";
  const double carried = compare(with_both_parents(), with_provider()).secure_phi;
  const double fresh = compare(run_population(config, {"run.dyads=6000", "learning.new_figure=fresh"}),
                               run_population(config, {"run.dyads=6000", "learning.new_figure=fresh",
                                                       "strange_situation.figure=childcare"}))
                           .secure_phi;
  INFO("secure phi, mother and provider: carried " << carried << ", fresh " << fresh);
  CHECK(carried - fresh > 0.1);
}

namespace {

// D with each parent, among the infants assessed with both, and D with the mother by whether the infant
// was in care by 12 months (the care start is drawn at random, so the two groups differ only by care).
struct ExposureAndD {
  double mother_d = 0, father_d = 0, n = 0;    // infants assessed with both parents
  double d_in_care = 0, d_at_home = 0;         // D with the mother
};
ExposureAndD exposure_and_d(const PopulationRun& run) {
  const auto mother = run.labels("ssp_12m_class"), father = run.labels("ssp_12m_partner_class");
  const auto& care_start = run.columns.at("childcare_start_months");
  ExposureAndD e;
  double in_care = 0, at_home = 0;
  for (std::size_t i = 0; i < mother.size(); ++i) {
    if (assessed(father[i])) ++e.n, e.mother_d += mother[i] == "D", e.father_d += father[i] == "D";
    const bool care = care_start[i] >= 0 && care_start[i] <= 12;
    (care ? e.d_in_care : e.d_at_home) += mother[i] == "D";
    (care ? in_care : at_home) += 1;
  }
  e.mother_d /= e.n, e.father_d /= e.n, e.d_in_care /= in_care, e.d_at_home /= at_home;
  return e;
}

}  // namespace

TEST_CASE("fear that fades with the figure's care, not with days, makes D less a matter of exposure") {
  // working_model.fear_fading. Under 'exposure' (the default since pass 14) fear of a figure fades with
  // the share of the day's care she gives, as her alarming acts come with it, so fear follows how often
  // her care alarms. Under 'time' (the rival, the default before) it fades every day, so a figure met
  // less often (the father, in a quarter of the episodes; the mother of an infant in care) frightens it
  // less for the same acts. The same 6,000 lives under both (the fading changes no draw), measured
  // 2026-12-05: the father's D is .49 of the mother's under 'exposure' (.074 against .151) and .30 under
  // 'time' (.033 against .112): with 5,500 infants assessed with both parents the SE of each ratio is
  // under .03, so the bound of .12 on its rise stands more than 2 SE below the model's .19. Care lowers
  // D with the mother by 2.4 points under 'exposure' and 3.8 under 'time' (20,000: 1.2 and 4.1): the
  // change, .014, has an SE of .005 (paired: the same infants, 3.7% of whom change D), so the bound of
  // .004 stands 2 SE below it (docs/calibration.md, pass 14 and notes 9 and 11 of the second figures).
  const auto by_exposure = exposure_and_d(with_both_parents());
  const auto by_time = exposure_and_d(run_population(
      "configs/populations/normative.yaml",
      {"run.dyads=6000", "strange_situation.with_partner=true", "working_model.fear_fading=time"}));
  INFO("time: father D " << by_time.father_d << ", mother D " << by_time.mother_d << "; in care " << by_time.d_in_care
                         << ", at home " << by_time.d_at_home);
  INFO("exposure: father D " << by_exposure.father_d << ", mother D " << by_exposure.mother_d << "; in care "
                             << by_exposure.d_in_care << ", at home " << by_exposure.d_at_home);
  CHECK(by_exposure.n > 5000);
  CHECK(by_exposure.father_d / by_exposure.mother_d - by_time.father_d / by_time.mother_d > 0.12);
  CHECK((by_exposure.d_in_care - by_exposure.d_at_home) - (by_time.d_in_care - by_time.d_at_home) > 0.004);
}
