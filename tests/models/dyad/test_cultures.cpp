// Cultures act through care practices, never through class shares (issue 17, item 4). Early independence
// training (Grossmann et al. 1985) changes nothing before it begins, and from then on makes avoidance
// more common and resistance less, through rebuffs the infant meets; a culture's population file sets
// only practices and the family's circumstances, never states of mind, classes or calibrated caregiving.
// Comparisons are between two runs of the same dyads (same seed: common random numbers).
#include "support/population_run.hpp"
#include "support/sample_mean.hpp"

#include "sim/core/record.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

using attachsim::testing::run_population;
using Mean = attachsim::testing::SampleMean;
using attachsim::testing::mean_over;

TEST_CASE("cultures: independence training changes nothing before it begins, then raises A and lowers C") {
  // 6,000 normative dyads with and without training (the German file's strength), from 7 months: the
  // observation at 6 months is on day 183, 6.01 months, which would be the first day of training that
  // began at 6 (the day's answers carry its discouragement). A paired difference in a 0/1 indicator has
  // an SE of sqrt(discordant share / n): at most .013 here, so the 5-point minimum below is far outside
  // chance and the direction checks are over 2 SE.
  const std::string config = "configs/populations/normative.yaml";
  const std::vector<std::string> base = {"run.dyads=6000", "childcare.share=0", "care_practices.discourage_from_months=7"};
  auto trained_settings = base;
  trained_settings.push_back("care_practices.discourage_bids=0.21");
  const auto plain = run_population(config, base), trained = run_population(config, trained_settings);
  const std::size_t n = plain.columns.at("infant_temperament").size();

  // Sensitivity is observed at 6 months, before the training's first day: the same in every dyad, as
  // is everything the family brings (the caregiver's sensitivity, her state of mind).
  for (const char* column : {"sensitivity_6m", "caregiver_sensitivity_baseline", "caregiver_dismissing", "infant_temperament"}) {
    CAPTURE(column);
    CHECK(plain.columns.at(column) == trained.columns.at(column));
  }

  const double a = attachsim::sim::label_code("A"), c = attachsim::sim::label_code("C");
  const auto& before = plain.columns.at("ssp_12m_organized_class");
  const auto& after = trained.columns.at("ssp_12m_organized_class");
  const auto all = [](std::size_t) { return true; };
  const Mean more_a = mean_over(n, all, [&](std::size_t i) { return (after[i] == a) - (before[i] == a) + 0.0; });
  const Mean fewer_c = mean_over(n, all, [&](std::size_t i) { return (before[i] == c) - (after[i] == c) + 0.0; });
  INFO("organized A +" << more_a.mean << " (SE " << more_a.se << "), C -" << fewer_c.mean << " (SE " << fewer_c.se << ")");
  CHECK(more_a.mean > 0.05);
  CHECK(more_a.mean > 2 * more_a.se);
  CHECK(fewer_c.mean > 2 * fewer_c.se);

  // Through what the infant met: the rebuffs it expects rise.
  const Mean rejection = mean_over(n, all, [&](std::size_t i) {
    return trained.columns.at("iwm_12m_rejection")[i] - plain.columns.at("iwm_12m_rejection")[i];
  });
  INFO("expected rejection at 12 months +" << rejection.mean << " (SE " << rejection.se << ")");
  CHECK(rejection.mean > 2 * rejection.se);
}

TEST_CASE("cultures: a culture's population file sets practices and circumstances, never minds, classes or calibrated caregiving") {
  // The groups a culture file may set: what a culture does (care_practices), who cares for the infant
  // (childcare, partner, night_care) and the family's circumstances (risk), besides the run. Not state_of_mind, not
  // caregiver.* (calibrated), nothing with a class in it.
  const std::vector<std::string> allowed = {"run", "risk", "care_practices", "childcare", "partner", "night_care"};
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(ATTACHSIM_SOURCE_DIR) + "/configs/populations/cultures")) {
    if (entry.path().extension() != ".yaml") continue;
    CAPTURE(entry.path().string());
    const YAML::Node root = YAML::LoadFile(entry.path().string());
    for (const auto& group : root) {
      const std::string name = group.first.Scalar();
      CAPTURE(name);
      CHECK(std::find(allowed.begin(), allowed.end(), name) != allowed.end());
    }
    // It loads and runs as a scenario.
    const auto run = run_population("configs/populations/cultures/" + entry.path().filename().string(), {"run.dyads=50"});
    CHECK(run.columns.at("infant_temperament").size() == 50);
    ++files;
  }
  CHECK(files >= 1);
}

TEST_CASE("cultures: inexperience of separation changes the Strange Situation and nothing else") {
  // The Japanese file (no childcare, no brief separations) with the procedure's overwhelm of an infant new
  // to separation (the default) and without it (0): the same dyads, seed and life. The Strange Situation
  // does not feed back into the life, so everything the life made is equal bit for bit; its
  // disorganization signs are drawn from the reunions' own stream, so D is unchanged too. What changes is
  // the organized class: resistance up, avoidance down. 6,000 dyads: a paired share difference has an SE
  // of sqrt(discordant share / n) <= .013, so the 8-point minimum is far outside chance.
  const std::string config = "configs/populations/cultures/japan_1980s.yaml";
  const auto calm = run_population(config, {"run.dyads=6000", "strange_situation.overwhelmed_unfamiliar=0"});
  const auto overwhelmed = run_population(config, {"run.dyads=6000"});
  const std::size_t n = calm.columns.at("infant_temperament").size();
  for (const auto& [column, values] : calm.columns) {
    const bool room = column.rfind("ssp_", 0) == 0;
    if (room && column.find("disorganization") == std::string::npos) continue;
    CAPTURE(column);
    CHECK(overwhelmed.columns.at(column) == values);  // the life, and the disorganization ratings, bit for bit
  }
  const double d_code = attachsim::sim::label_code("D");
  for (std::size_t i = 0; i < n; ++i)
    CHECK((calm.columns.at("ssp_12m_class")[i] == d_code) == (overwhelmed.columns.at("ssp_12m_class")[i] == d_code));
  CHECK(overwhelmed.columns.at("life_12m_separation_days") == std::vector<double>(n, 0.0));

  const double a = attachsim::sim::label_code("A"), c = attachsim::sim::label_code("C");
  const auto& before = calm.columns.at("ssp_12m_organized_class");
  const auto& after = overwhelmed.columns.at("ssp_12m_organized_class");
  const auto all = [](std::size_t) { return true; };
  const Mean more_c = mean_over(n, all, [&](std::size_t i) { return (after[i] == c) - (before[i] == c) + 0.0; });
  const Mean fewer_a = mean_over(n, all, [&](std::size_t i) { return (before[i] == a) - (after[i] == a) + 0.0; });
  INFO("organized C +" << more_c.mean << " (SE " << more_c.se << "), A -" << fewer_a.mean << " (SE " << fewer_a.se << ")");
  CHECK(more_c.mean > 0.08);
  CHECK(more_c.mean > 2 * more_c.se);
  CHECK(fewer_a.mean > 2 * fewer_a.se);
}

TEST_CASE("cultures: separation experience is counted from childcare and brief separations, and familiarity ends overwhelm") {
  // Without childcare, brief separations accumulate at their weekly rate (the Strange Situation at 12
  // months comes before the day's separations are counted: 365 days of 2/7). In the normative population
  // infants in childcare and at home with one brief separation a week are familiar with separation by 12
  // months, so the procedure's overwhelm changes almost nothing for them (NICHD ECCRN 1997: childcare does
  // not change the procedure's validity): fewer than 0.5% of classes move, against 8% or more in Japan.
  const auto home = run_population("configs/populations/normative.yaml",
                                   {"run.dyads=300", "childcare.share=0", "care_practices.brief_separations_per_week=2"});
  const auto& days = home.columns.at("life_12m_separation_days");
  const double ssp_day = std::round(12 * 30.4375);
  for (double v : days) CHECK(v == doctest::Approx(ssp_day * 2 / 7).epsilon(1e-9));

  const std::string config = "configs/populations/normative.yaml";
  const auto calm = run_population(config, {"run.dyads=4000", "strange_situation.overwhelmed_unfamiliar=0"});
  const auto overwhelmed = run_population(config, {"run.dyads=4000"});
  const auto& before = calm.columns.at("ssp_12m_organized_class");
  const auto& after = overwhelmed.columns.at("ssp_12m_organized_class");
  const auto& in_care = calm.columns.at("childcare_start_months");
  double moved = 0, fewest_days = 1e9;
  for (std::size_t i = 0; i < before.size(); ++i) {
    moved += before[i] != after[i];
    fewest_days = std::min(fewest_days, calm.columns.at("life_12m_separation_days")[i]);
    if (in_care[i] >= 0 && in_care[i] <= 9) CHECK(calm.columns.at("life_12m_separation_days")[i] > 52 + 40);
  }
  INFO("moved " << moved << " of " << before.size() << "; fewest separation days " << fewest_days);
  CHECK(fewest_days >= 52);  // a brief separation a week from birth
  CHECK(moved / static_cast<double>(before.size()) < 0.005);
}

TEST_CASE("cultures: communal sleeping changes nothing before it begins, and under Sagi's reading teaches the infant its mother is away") {
  // The kibbutz file with the night watch and without (home sleeping): the same dyads, seed and days.
  // From 13 months, after the Strange Situation at 12, everything at 12 months is equal bit for bit (the
  // night watch is drawn after every other draw of the household). From the file's 1.5 months, with the
  // night teaching about the mother (learned_with: primary), the infant's expectation that she comes
  // falls. 4,000 dyads: the paired SE of that expectation is about .003, so the .1 minimum is far
  // outside chance. The classification barely follows (docs/guide_cultures.md): it is reported, not
  // asserted.
  const std::string config = "configs/populations/cultures/israel_kibbutz_1980s.yaml";
  const auto home = run_population(config, {"run.dyads=4000", "night_care.share=0"});
  const auto late = run_population(config, {"run.dyads=4000", "night_care.start_months=13"});
  int compared = 0;
  for (const auto& [column, values] : home.columns) {
    // What was measured by 12 months, and what the family brought at birth; the span goes on to 24.
    const bool by_12_months = column.find("_12m") != std::string::npos || column.find("_6m") != std::string::npos ||
                              (column.rfind("caregiver_", 0) == 0 && column.find("baseline") != std::string::npos) ||
                              column == "infant_temperament" || column == "caregiver_dismissing";
    if (!by_12_months) continue;
    CAPTURE(column);
    CHECK(late.columns.at(column) == values);
    ++compared;
  }
  CHECK(compared > 30);
  const auto communal = run_population(config, {"run.dyads=4000"});
  const std::size_t n = home.columns.at("infant_temperament").size();
  const auto all = [](std::size_t) { return true; };
  const Mean expects = mean_over(n, all, [&](std::size_t i) {
    return home.columns.at("iwm_12m_availability")[i] - communal.columns.at("iwm_12m_availability")[i];
  });
  const Mean more_away = mean_over(n, all, [&](std::size_t i) {
    return communal.columns.at("life_12m_separation_days")[i] - home.columns.at("life_12m_separation_days")[i];
  });
  const double b = attachsim::sim::label_code("B");
  const Mean fewer_b = mean_over(n, all, [&](std::size_t i) {
    return (home.columns.at("ssp_12m_organized_class")[i] == b) - (communal.columns.at("ssp_12m_organized_class")[i] == b) + 0.0;
  });
  INFO("expected availability of the mother -" << expects.mean << " (SE " << expects.se << "); organized B -" << fewer_b.mean
                                               << " (SE " << fewer_b.se << ")");
  CHECK(expects.mean > 0.1);
  CHECK(expects.mean > 2 * expects.se);
  CHECK(more_away.mean > 50);  // weekend nights away count as separations too
}

TEST_CASE("cultures: the two calibrated numbers still give the shares they were read off") {
  // care_practices.discourage_bids (0.21) was read off the West German organized A share and
  // strange_situation.overwhelmed_unfamiliar (0.17) off the Japanese organized C share (van IJzendoorn &
  // Kroonenberg 1988: .35 of N = 136, .27 of N = 96; docs/calibration.md). A later change to the model
  // can move them without anyone re-reading them, as it moved the adulthood thresholds (pass 12 moved
  // them to .385 and .342, and both were read again). The published
  // shares are uncertain by SE .041 and .045; the margin is 2 of those plus 3 SE of the simulated share
  // (4,000 dyads of each file at its own seed: SE .0077 and .0070), .104 and .111.
  const auto german = run_population("configs/populations/cultures/germany_1980s.yaml", {"run.dyads=4000"});
  const auto japanese = run_population("configs/populations/cultures/japan_1980s.yaml", {"run.dyads=4000"});
  const double a = german.share("ssp_12m_organized_class", "A"), c = japanese.share("ssp_12m_organized_class", "C");
  CAPTURE(a);
  CAPTURE(c);
  CHECK(std::abs(a - 0.35) < 2 * 0.041 + 3 * std::sqrt(0.35 * 0.65 / 4000));
  CHECK(std::abs(c - 0.27) < 2 * 0.045 + 3 * std::sqrt(0.27 * 0.73 / 4000));
}

TEST_CASE("cultures: communal sleeping lowers security through anger at a mother not expected to come") {
  // The kibbutz file with communal sleeping and without (home sleeping), 10,000 dyads each, the same
  // families. An infant held but not settled at a reunion resists when it does not expect its mother to
  // come (strange_situation.anger_at_unavailability, 0.5 since pass 12), so nights of crying that no one
  // answers reach the class: B .665 at home against .637 communal, the direction Sagi et al. (1994)
  // found (80% against 48%), though much smaller. Under the rival account (anger 0, with
  // signalling.escalation_cost at its value before pass 12, .42) only escalation resists and communal
  // sleeping raises B instead (.686 against .711). The SE of a difference of two shares near .67 at
  // 10,000 each is sqrt(2 x .67 x .33 / 10,000) = .0066, so the bound of 0 stands about 4 SE from both.
  const std::string config = "configs/populations/cultures/israel_kibbutz_1980s.yaml";
  const auto secure_gap = [&](std::vector<std::string> settings) {
    settings.push_back("run.dyads=10000");
    const auto communal = run_population(config, settings);
    settings.push_back("night_care.share=0");
    const auto home = run_population(config, settings);
    return home.share("ssp_12m_class", "B") - communal.share("ssp_12m_class", "B");
  };
  const double by_default = secure_gap({});
  const double rival = secure_gap({"strange_situation.anger_at_unavailability=0", "signalling.escalation_cost=0.42"});
  INFO("B at home minus B communal: default " << by_default << ", without anger at unavailability " << rival);
  CHECK(by_default > 0);
  CHECK(rival < 0);
}
