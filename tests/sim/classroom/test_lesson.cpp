// The lesson plan (docs/guide_classroom.md) tells students what they will see when they move the page's
// controls; these are those answers, asked of the classroom API exactly as the page asks them. Each
// statistical check uses 1000 babies (or 300 families) with a fixed seed; a share of 1000 has a
// standard error of at most 1.6 points, so the margins below (3 to 10 points between two cohorts of
// the same seed, whose common random numbers make differences smaller still) are several errors wide
// and still far below the effects the lesson asks students to see.
#include "sim/classroom/classroom_api.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace sim = attachsim::sim;
using nlohmann::json;

namespace {

json ask(json settings, const std::string& view = "cohort") {
  settings["run.seed"] = 20261128;  // the page's own seed
  if (!settings.contains("run.dyads")) settings["run.dyads"] = view == "cohort" ? 1000 : 300;
  const sim::CohortRunner serial = [](const sim::Model& model, const sim::RunSettings& run, sim::Summary& summary,
                                      sim::RecordSink& sink) { return sim::run_population_serial(model, run, summary, &sink); };
  return json::parse(sim::simulate_classroom(json{{"view", view}, {"settings", settings}}.dump(), serial));
}

double share(const json& answer, int assessment, const char* k) {
  return answer["strange_situation"][assessment]["shares"][k]["share"].get<double>();
}

// The page's state-of-mind presets (web/classroom.js, PRESETS).
json mix(double f, double ds, double e, double u) {
  return {{"state_of_mind.share_F", f}, {"state_of_mind.share_Ds", ds}, {"state_of_mind.share_E", e}, {"state_of_mind.share_U", u}};
}

}  // namespace

TEST_CASE("lesson, part 1: at birth every baby cries directly, and other strategies are learned before 12 months") {
  const json typical = ask(json::object());
  CHECK(typical["pattern"]["direct"][0].get<double>() == 1.0);
  CHECK(typical["pattern"]["suppress"][11].get<double>() > typical["pattern"]["suppress"][0].get<double>() + 0.05);
  // The groups pull apart before the first Strange Situation: at 11 months avoidant babies already
  // expect comfort far less than secure ones, and less than resistant ones. (Means at 11 months: B .38,
  // C .33, A .29, D .28; at 24 months B .38, A .27. Expected comfort is learned from plain bids only,
  // and comfort won by escalating no longer counts, which narrowed the gap from over 10 points: the
  // margin is 8, over a quarter of the avoidant mean. Groups of about 130 and 620 babies whose
  // expectations spread by .10 and .16 give the difference a standard error of about .011; the seed is
  // fixed, so the check is deterministic, and it fails if the gap closes to under 8 points (to C, whose
  // group is smaller, under 3; it is 4.6). Disorganized babies expect about as little as avoidant ones:
  // since comfort that settles a baby extinguishes its fear, the babies who stay afraid are mostly
  // those whose comfort seldom works.)
  const auto expects = [&](const char* k, int month) {
    return typical["means_by_final_class"][k]["means"]["iwm_availability"][month].get<double>();
  };
  CHECK(expects("A", 11) < expects("B", 11) - 0.08);
  CHECK(expects("A", 11) < expects("C", 11) - 0.03);
  // Avoidant babies still expect comfort far less than secure ones at 2 years, and the typical avoidant
  // baby mostly hides its distress by then.
  CHECK(expects("A", 24) < expects("B", 24) - 0.08);
  const json& avoidant = typical["examples"]["A"]["series"];
  CHECK(avoidant["policy_suppress"][24].get<double>() > avoidant["policy_direct"][24].get<double>());
}

TEST_CASE("lesson, part 2: the parents' state of mind shows in their babies' classes") {
  const json typical = ask(json::object());
  const json dismissing = ask(mix(0.15, 0.70, 0.05, 0.10));
  const json preoccupied = ask(mix(0.15, 0.05, 0.70, 0.10));
  const json unresolved = ask(mix(0.16, 0.06, 0.03, 0.75));
  CHECK(share(dismissing, 2, "A") > share(typical, 2, "A") + 0.10);
  CHECK(share(preoccupied, 2, "C") > share(typical, 2, "C") + 0.05);
  CHECK(share(unresolved, 2, "D") > share(typical, 2, "D") + 0.10);
  // ... and unresolved parents disorganize without being less sensitive on average: the page's
  // "Caregiver sensitivity" slider is unchanged, and observed sensitivity moves far less than it does
  // when that slider moves from 0.6 to 0.3 (lesson, part 3).
  const json insensitive = ask({{"caregiver.sensitivity_mean", 0.3}});
  const auto observed = [](const json& a) { return a["observed_sensitivity"][0]["mean"].get<double>(); };
  CHECK(std::abs(observed(unresolved) - observed(typical)) < 0.5 * std::abs(observed(insensitive) - observed(typical)));
  // The dashed fear line climbs, and the typical disorganized baby is more afraid than the typical secure
  // one. The shares of babies afraid above half at 24 months (about .04 against .01 since most caregivers
  // carry some unresolved experience, 2026-12-04) must differ by more than three standard errors of the
  // difference of two independent shares of 1000 (about .007 here).
  const double afraid = unresolved["pattern"]["fear_above_half"][24].get<double>();
  const double afraid_typical = typical["pattern"]["fear_above_half"][24].get<double>();
  CHECK(afraid - afraid_typical > 3 * std::sqrt((afraid * (1 - afraid) + afraid_typical * (1 - afraid_typical)) / 1000));
  const auto most_fear = [](const json& example) {
    double most = 0;
    for (const auto& f : example["series"]["fear"]) most = std::max(most, f.get<double>());
    return most;
  };
  CHECK(most_fear(unresolved["examples"]["D"]) > most_fear(unresolved["examples"]["B"]));
}

TEST_CASE("lesson, part 3: sensitivity and violence move the classes, and late help cannot show at 12 months") {
  // Secure babies rise and disorganized ones fall: comfort that settles a baby also takes away its fear
  // of the caregiver (working_model.fear_extinction). The organized insecure move little: avoidance
  // comes mostly from rebuffs, which the slider does not move, and slow, unreliable answers breed
  // resistance (Isabella & Belsky 1991) only a little. At 24 months with these 4,000 babies B rises
  // .527 -> .627, D falls .232 -> .159 and A + C .241 -> .215; with 20,000 babies of the normative file
  // A + C falls only .237 -> .225, so a fall of A + C was once asked here and passed by the luck of the
  // seed. Each change of B and D must exceed two standard errors of the difference of two independent
  // shares of 4,000 (about .011 and .009; common random numbers only make it smaller), and A + C must
  // not rise by more than that.
  const json low = ask({{"caregiver.sensitivity_mean", 0.2}, {"run.dyads", 4000}});
  const json high = ask({{"caregiver.sensitivity_mean", 0.8}, {"run.dyads", 4000}});
  const auto se_of_change = [](double a, double b) { return std::sqrt(a * (1 - a) / 4000 + b * (1 - b) / 4000); };
  const double b_low = share(low, 2, "B"), b_high = share(high, 2, "B");
  const double d_low = share(low, 2, "D"), d_high = share(high, 2, "D");
  const double ac_low = share(low, 2, "A") + share(low, 2, "C"), ac_high = share(high, 2, "A") + share(high, 2, "C");
  INFO("B " << b_low << " -> " << b_high << ", D " << d_low << " -> " << d_high << ", A + C " << ac_low << " -> " << ac_high);
  CHECK(b_high - b_low > 2 * se_of_change(b_low, b_high));
  CHECK(d_low - d_high > 2 * se_of_change(d_low, d_high));
  CHECK(ac_high - ac_low < 2 * se_of_change(ac_low, ac_high));
  const json typical = ask(json::object());
  const json violent = ask({{"risk.violence_share", 0.4}});
  CHECK(share(violent, 2, "D") > share(typical, 2, "D") + 0.05);
  // A programme starting at 16 months comes after the 12-month assessment: those results are the
  // typical population's, bit for bit (every random stream belongs to one purpose of one dyad).
  const json late = ask({{"program.type", "sensitivity"}, {"program.start_months", 16}, {"program.end_months", 19}, {"program.sessions", 8}});
  CHECK(late["strange_situation"][0] == typical["strange_situation"][0]);
}

TEST_CASE("lesson, part 4: three generations, transmission, from baby to parent, preschool") {
  const json g = ask(json::object(), "generations");
  const json typical = ask(json::object());
  double u_parents = 0, u_babies_d = 0;
  for (const auto& generation : g["generations"]) {
    CHECK(generation["secure_match"].get<double>() > 0.6);
    // babies of autonomous parents mostly secure; babies of unresolved parents disorganized far more
    // often than babies in general
    const json& t = generation["parents_by_infant_class"];
    const auto row_size = [&](const char* mind) {
      double n = 0;
      for (const auto& [c, count] : t[mind].items()) n += count.get<double>();
      return n;
    };
    CHECK(t["F"]["B"].get<double>() / row_size("F") > 0.5);
    u_parents += row_size("U");
    u_babies_d += t["U"]["D"].get<double>();
  }
  // The U rows hold few parents (about 45 of 300 families a generation), so they are pooled over the
  // three generations (about 140) and checked at 3 SEs of the pooled share: one generation's row alone
  // (SE about .07) fell below its own 3-SE margin by sampling once in a model variant (.277 against .312).
  const double u_d = u_babies_d / u_parents;
  CAPTURE(u_d);
  CAPTURE(u_parents);
  CHECK(u_d > share(typical, 0, "D") + 3 * std::sqrt(u_d * (1 - u_d) / u_parents));
  const auto row = [&](const char* k) {
    double n = 0;
    for (const auto& [mind, count] : g["infant_to_adult"][k].items()) n += count.get<double>();
    return n;
  };
  const double secure_autonomous = g["infant_to_adult"]["B"]["F"].get<double>() / row("B");
  const double insecure_autonomous = (g["infant_to_adult"]["A"]["F"].get<double>() + g["infant_to_adult"]["C"]["F"].get<double>() +
                                      g["infant_to_adult"]["D"]["F"].get<double>()) / (row("A") + row("C") + row("D"));
  CHECK(secure_autonomous > insecure_autonomous + 0.1);
  CHECK(secure_autonomous < 0.95);  // far from always: later years revise
  // At preschool, secure children are on average more competent and empathic, with fewer problems,
  // than the insecure ones pooled.
  for (const auto& outcome : g["preschool_outcomes"]) {
    const auto& c = outcome["by_infant_class"];
    double n = 0, sum = 0;
    for (const char* k : {"A", "C", "D"}) n += c[k]["n"].get<double>(), sum += c[k]["n"].get<double>() * c[k]["mean"].get<double>();
    const double secure = c["B"]["mean"].get<double>(), insecure = sum / n;
    CAPTURE(outcome["name"]);
    const bool problem = outcome["name"] == "externalizing" || outcome["name"] == "internalizing";
    CHECK((problem ? secure < insecure : secure > insecure));
  }
}
