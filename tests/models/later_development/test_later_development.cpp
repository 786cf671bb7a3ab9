// Later development emerges from the carried-forward working model (MODEL.md section 6): security at
// 12 months predicts preschool outcomes; the association goes when the working model no longer
// shapes peer encounters; security protects competence under cumulative risk. Standard errors are
// computed from the samples themselves; each check names its margin.
#include "support/population_run.hpp"

#include "sim/core/statistics.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <string>

using attachsim::testing::PopulationRun;
using attachsim::testing::run_population;
namespace sim = attachsim::sim;

namespace {

const std::vector<std::string> preschool = {"development.span_months=54", "preschool.ages_months=[54]"};

std::vector<std::string> with(std::vector<std::string> base, const std::vector<std::string>& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

struct Groups {
  sim::RunningMoments secure, insecure;
  double d() const {  // pooled by degrees of freedom
    const double a = static_cast<double>(secure.count()) - 1, b = static_cast<double>(insecure.count()) - 1;
    const double pooled = std::sqrt((a * secure.variance() + b * insecure.variance()) / (a + b));
    return (secure.mean() - insecure.mean()) / pooled;
  }
  // Standard error of d for two groups (Hedges & Olkin 1985), near d = 0.
  double se() const {
    return std::sqrt(1.0 / static_cast<double>(secure.count()) + 1.0 / static_cast<double>(insecure.count()));
  }
};

Groups by_security(const PopulationRun& run, const std::string& outcome) {
  Groups g;
  const auto classes = run.labels("ssp_12m_class");
  const auto& values = run.columns.at(outcome);
  for (std::size_t i = 0; i < values.size(); ++i) (classes[i] == "B" ? g.secure : g.insecure).add(values[i]);
  return g;
}

const PopulationRun& normative_children() {
  static const PopulationRun run = run_population("configs/normative.yaml", with(preschool, {"run.dyads=4000"}));
  return run;
}

}  // namespace

TEST_CASE("later development: children secure at 12 months are more competent and empathic, with fewer problems, at 54") {
  const auto& run = normative_children();
  // Published associations are modest (Groh et al. 2014: competence d = 0.39; Fearon et al. 2010:
  // externalizing d = 0.31; Groh et al. 2012: internalizing d = 0.15). Each d with a target must lie in
  // its target's band (configs/calibration/development_targets.yaml, +-0.15); empathy, which has none,
  // must exceed 0.3. With ~2,450 secure and ~1,550 insecure children the SE of d is 0.033. This run
  // (2026-12-03) gives 0.31, 0.45, -0.22 and -0.20: 2.1, 4.5, 1.8 and 3.0 SE inside the nearest edge.
  // The model before distress was rated per day and hidden distress went unrated gave internalizing
  // -0.43 here, 4 SE beyond its band.
  const auto competence = by_security(run, "preschool_54m_social_competence");
  const auto empathy = by_security(run, "preschool_54m_empathy");
  const auto externalizing = by_security(run, "preschool_54m_externalizing");
  const auto internalizing = by_security(run, "preschool_54m_internalizing");
  CAPTURE(competence.d());
  CAPTURE(empathy.d());
  CAPTURE(externalizing.d());
  CAPTURE(internalizing.d());
  CHECK(competence.d() > 0.39 - 0.15);
  CHECK(competence.d() < 0.39 + 0.15);
  CHECK(empathy.d() > 0.3);
  CHECK(externalizing.d() < -0.31 + 0.15);
  CHECK(externalizing.d() > -0.31 - 0.15);
  CHECK(internalizing.d() < -0.15 + 0.15);
  CHECK(internalizing.d() > -0.15 - 0.15);
  CHECK(run.summary.at("preschool_54m_social_competence_d_secure") == doctest::Approx(competence.d()).epsilon(1e-9));
}

TEST_CASE("later development: without the working model in peer encounters, security no longer predicts competence") {
  // carry_forward = 0 gives every child neutral expectations and the same help-seeking; the remaining
  // path, family stress that upsets the child on preschool days, is closed too, so d should be zero
  // within three standard errors.
  const auto run = run_population("configs/normative.yaml",
                                  with(preschool, {"run.dyads=4000", "preschool.carry_forward=0", "preschool.arousal_stress_gain=0"}));
  const auto competence = by_security(run, "preschool_54m_social_competence");
  CAPTURE(competence.d());
  CHECK(std::abs(competence.d()) < 3 * competence.se());
  // With family stress left in, a small association through the household remains, far below the full one
  // (d .32, docs/calibration.md): below half of it, where the SE of a d at 4,000 children is about .033.
  const auto stress_only = by_security(
      run_population("configs/normative.yaml", with(preschool, {"run.dyads=4000", "preschool.carry_forward=0"})),
      "preschool_54m_social_competence");
  CAPTURE(stress_only.d());
  CHECK(stress_only.d() < 0.5 * by_security(normative_children(), "preschool_54m_social_competence").d());
}

TEST_CASE("later development: security protects competence under cumulative risk") {
  // In a mixed-risk population, competence falls from 0-1 to 2+ cumulative risks less among children
  // secure at 12 months. Secure children ask the teacher for help on upset days and are settled;
  // insecure ones less often. The interaction's SE comes from the four cells (about 0.03 here).
  // One-sided at two SE (a fixed seed; the published buffering effects are modest, so no larger margin
  // is claimed). 16,000 children: the interaction, about .11, stands 3.8 SE clear (5.0 at 32,000); at
  // 8,000 it stood 1.96 SE clear after pass 12 and 2 SE is too close to a draw's luck.
  const auto run = run_population("configs/populations/mixed.yaml", with(preschool, {"run.dyads=16000"}));
  const auto classes = run.labels("ssp_12m_class");
  const auto& competence = run.columns.at("preschool_54m_social_competence");
  const auto& risks = run.columns.at("risk_count");
  sim::RunningMoments cell[2][2];  // [secure][high risk]
  for (std::size_t i = 0; i < competence.size(); ++i) cell[classes[i] == "B"][risks[i] >= 2].add(competence[i]);
  const double drop_secure = cell[1][0].mean() - cell[1][1].mean(), drop_insecure = cell[0][0].mean() - cell[0][1].mean();
  double variance = 0;
  for (auto& row : cell)
    for (auto& c : row) variance += c.variance() / static_cast<double>(c.count());
  const double z = (drop_insecure - drop_secure) / std::sqrt(variance);
  CAPTURE(drop_secure);
  CAPTURE(drop_insecure);
  CAPTURE(z);
  CHECK(drop_secure > 0);  // risk still costs the secure something
  CHECK(z > 2);
}

TEST_CASE("later development: attachment at 54 months is mostly stable, and never assigned from the 12-month class") {
  const auto& run = normative_children();
  const auto infant = run.labels("ssp_12m_class"), preschool_class = run.labels("preschool_54m_attachment_class");
  double same = 0, changed_class = 0;
  for (std::size_t i = 0; i < infant.size(); ++i) {
    same += (infant[i] == "B") == (preschool_class[i] == "B");
    changed_class += infant[i] != preschool_class[i];
  }
  const double n = static_cast<double>(infant.size());
  // Low-risk stability of secure/insecure is about 70-80% (Main & Cassidy 1988; Pinquart et al. 2013);
  // change happens: at least one child in twenty has another class.
  CHECK(same / n > 0.65);
  CHECK(same / n < 0.95);
  CHECK(changed_class / n > 0.05);
}

TEST_CASE("later development: the economics file's clinical cut-off for externalizing still flags the top 8%") {
  // configs/economics/us_2010.yaml counts a child as a case of clinical-range externalizing at the
  // score the CBCL's clinical range (T >= 64, about the top 8% of its norm sample; Achenbach & Rescorla
  // 2000) corresponds to in the normative population (docs/calibration.md, "Economics"). It was read
  // from the model, so a change to the model can move it. 4,000 children at 54 months: the SE of a share
  // of .08 is .0043; the margin of .02 is 4.7 SE.
  const YAML::Node links = YAML::LoadFile(std::string(ATTACHSIM_SOURCE_DIR) + "/configs/economics/us_2010.yaml")["economics"]["links"];
  double cut = -1;
  for (const auto& link : links)
    if (link["case"]["outcome"] && link["case"]["outcome"].as<std::string>() == "externalizing") cut = link["case"]["min"].as<double>();
  REQUIRE(cut > 0);
  const auto& scores = normative_children().columns.at("preschool_54m_externalizing");
  double cases = 0;
  for (double x : scores) cases += x >= cut;
  const double share = cases / static_cast<double>(scores.size());
  CAPTURE(cut);
  CAPTURE(share);
  CHECK(std::abs(share - 0.08) < 0.02);
}
