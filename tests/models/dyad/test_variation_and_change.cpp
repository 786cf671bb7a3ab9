// A model no more certain than the world (issue 13): the working model reads as attachment theory says,
// change of attachment follows change in caregiving in both directions, chaos, violence and depression
// lower security, a hard-to-soothe temperament raises resistance more than avoidance (and, with the
// caregiver's atypical acts at a rate of her own, not disorganization), susceptibility amplifies care
// both ways, and a single caregiver in an unchanging life still gives all four classes.
// Comparisons between two runs of the same dyads (same seed: common random numbers) differ only by the
// change made, so their differences carry less noise than two independent samples would.
#include "sim/core/statistics.hpp"
#include "support/population_run.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <algorithm>
#include <numeric>

using attachsim::testing::PopulationRun;
using attachsim::testing::run_population;

namespace {

double mean_where(const PopulationRun& run, const std::string& column, const std::string& klass, double* sd = nullptr,
                  double* n = nullptr) {
  const auto classes = run.labels("ssp_12m_class");
  const auto& values = run.columns.at(column);
  double s = 0, s2 = 0, k = 0;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (classes[i] == klass) s += values[i], s2 += values[i] * values[i], ++k;
  if (sd) *sd = std::sqrt(std::max(0.0, s2 / k - (s / k) * (s / k)));
  if (n) *n = k;
  return s / k;
}

// Standard error of the difference of two class means of `column`.
double se_of_difference(const PopulationRun& run, const std::string& column, const std::string& a, const std::string& b) {
  double sa = 0, sb = 0, na = 0, nb = 0;
  mean_where(run, column, a, &sa, &na);
  mean_where(run, column, b, &sb, &nb);
  return std::sqrt(sa * sa / na + sb * sb / nb);
}

}  // namespace

// The class means of a working-model dimension; `above(column, high, low)` holds when `high`'s mean
// exceeds `low`'s by more than two standard errors of the difference.
struct ClassOrdering {
  PopulationRun run;
  bool above(const std::string& column, const std::string& high, const std::string& low) const {
    const double difference = mean_where(run, column, high) - mean_where(run, column, low);
    const double se = se_of_difference(run, column, high, low);
    INFO(column << ": " << high << " - " << low << " = " << difference << " (SE " << se << ")");
    return difference > 2 * se;
  }
};

const ClassOrdering& normative_orderings() {
  // 20,000 normative dyads (about 2,600 A, 12,500 B, 2,000 C, 2,900 D), run once for both test cases.
  static const ClassOrdering o{run_population("configs/populations/normative.yaml", {"run.dyads=20000"})};
  return o;
}

TEST_CASE("working model: the dimensions order the classes as theory says") {
  // Each ordering must hold by more than two standard errors of the difference between two classes' means.
  // Predictability separates the classes by little (B .353, D .348, A .344, C .338 at 20,000 since
  // pass 14, 2026-12-05), so the run is large enough for SEs of a difference near .0011-.0017: the
  // smallest of these orderings, B above D by .0056 and C below A by .0063, then stand 4.2 SE clear,
  // the others 5.8 SE or more (at 8,000 they would stand under 3 SE clear). C lowest came with pass 12
  // (2026-12-04): an infant held but not settled by a figure it does not expect to come resists, so the
  // infants coded C now include those whose plain bids meet a figure who comes now and then; before it
  // C stood level with A (.348 against .345) and D (.347). B above D by more than 2 SE needs the
  // surprise of an alarming answer to weigh as its fright does (working_model.alarm_surprise: salient,
  // pass 13): with the caregiver's atypical acts at a rate of her own (caregiver.atypical_tracks_crying
  // 0) and alarming answers as ordinary as any other, B stood above D by 1.2 SE only
  // (docs/calibration.md, note 8).
  const auto& o = normative_orderings();
  for (const char* other : {"A", "C", "D"}) CHECK(o.above("iwm_12m_availability", "B", other));
  for (const char* other : {"A", "C", "D"}) CHECK(o.above("iwm_12m_predictability", "B", other));
  for (const char* other : {"A", "D"}) CHECK(o.above("iwm_12m_predictability", other, "C"));
  for (const char* other : {"B", "C", "D"}) CHECK(o.above("iwm_12m_rejection", "A", other));
  CHECK(o.above("iwm_12m_fear", "D", "B"));
}

// Known miss (docs/calibration.md, "Checked"): D infants' predictability is not below A's (D .348
// above A .344 at 20,000 since pass 14, 2.1 SE; .340 below .343, 1.9 SE, after pass 13; .351 above
// .346 after pass 12). Alarming acts are a kind of answer of their own (2026-12-04), which put D lowest
// while almost all of them came from unresolved minds; since most caregivers carry some unresolved
// experience (the same day), D infants meet fewer of them. The check asserts that the miss is still
// there; when it fails, the mechanism is there: move it, as a CHECK, into the case above, and update
// docs/calibration.md.
TEST_CASE("working model: known misses of the theory's ordering are still misses") {
  const auto& o = normative_orderings();
  CHECK_FALSE(o.above("iwm_12m_predictability", "A", "D"));
}

TEST_CASE("change: becoming secure follows better caregiving, becoming insecure worse") {
  // Strange Situations at 12 and 24 months, 8,000 normative dyads. The caregiver's responsiveness over
  // recent weeks changes more for the better among those who became secure than among those insecure at
  // both, and more for the worse among those who became insecure than among those secure at both. The
  // summary reports the mean changes; their SEs at these group sizes are below 0.004, so the SE of a
  // difference is below 0.006. The margin of 0.01 asks for more than 1.7 SE of a difference; the model's
  // differences are about 0.02 and 0.03 (docs/calibration.md: +.021 and -.029 against about 0), 3.5-5 SE.
  const auto run = run_population("configs/populations/normative.yaml",
                                  {"run.dyads=8000", "strange_situation.ages_months=[12, 24]"});
  const auto change = [&](const std::string& t) { return run.summary.at("change_12m_24m_" + t + "_responsiveness_change"); };
  CHECK(change("becomes_secure") > change("stays_insecure") + 0.01);
  CHECK(change("becomes_insecure") < change("stays_secure") - 0.01);
  // Attachment changes at all, and moderately: neither fixed nor random. The bounds are the substantive
  // range (published 12-24-month stability about r .39, Pinquart et al. 2013), not a sampling margin: the
  // kappa's SE at 8,000 dyads is about .01 and the model's value .37 (docs/calibration.md) is 20 SE from each.
  const double kappa = run.summary.at("stability_12m_24m_four_way_kappa");
  CHECK(kappa > 0.15);
  CHECK(kappa < 0.6);
}

// The change in the secure share between two runs of the same dyads (same seed), and its standard error
// from the paired differences: a dyad secure in one run and not the other counts +-1, the others 0.
struct PairedChange {
  double change = 0, se = 0;
};
PairedChange secure_change(const PopulationRun& before, const PopulationRun& after) {
  const auto a = before.labels("ssp_12m_class"), b = after.labels("ssp_12m_class");
  double sum = 0, sum2 = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double d = static_cast<double>(b[i] == "B") - static_cast<double>(a[i] == "B");
    sum += d, sum2 += d * d;
  }
  const double n = static_cast<double>(a.size()), mean = sum / n;
  return {mean, std::sqrt((sum2 / n - mean * mean) / n)};
}

TEST_CASE("context: chaos, violence and depression each lower security") {
  // 4,000 normative dyads per run, the same seed in each pair (common random numbers). Each risk,
  // raised, must lower the secure share by more than two standard errors of the paired difference.
  const std::string config = "configs/populations/normative.yaml";
  const auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.begin(), "run.dyads=4000");
    return run_population(config, extra);
  };
  const auto lowers = [](const PopulationRun& low, const PopulationRun& high, const char* what) {
    const PairedChange c = secure_change(low, high);
    INFO(what << ": secure share changes by " << c.change << " (SE " << c.se << ")");
    CHECK(c.change < -2 * c.se);
  };
  lowers(with({"chaos_support.missed_bids=0", "chaos_support.chaos_stress=0"}),
         with({"chaos_support.missed_bids=0.8", "chaos_support.chaos_stress=0.3"}), "chaos");
  lowers(with({"risk.violence_share=0"}), with({"risk.violence_share=0.3"}), "violence");
  lowers(with({"depression.onset_per_year=0.02"}), with({"depression.onset_per_year=0.4"}), "depression");
}

TEST_CASE("temperament: a hard-to-soothe temperament raises resistance more than avoidance") {
  // 16,000 normative dyads, split into thirds by negative emotionality (soothability falls with it). From
  // the calmest third to the most reactive, the C share must rise by more than the A share, by more than
  // two standard errors of that difference of differences (each share from about 5,300 infants; the four
  // shares are from disjoint or nearly independent groups, so their variances add: SE about .008). And C
  // infants are, on average, more negatively emotional than A infants (Goldsmith & Alansky 1987). With
  // 6,000 dyads (SE .014) the difference, about .04, came within sampling error of 2 SE in some draws
  // once caregivers began to withdraw from hard-to-soothe infants (which raises A a little as well).
  const auto run = run_population("configs/populations/normative.yaml", {"run.dyads=16000"});
  const auto& temperament = run.columns.at("infant_temperament");
  const auto classes = run.labels("ssp_12m_class");
  std::vector<double> sorted = temperament;
  std::sort(sorted.begin(), sorted.end());
  const double calm = sorted[sorted.size() / 3], reactive = sorted[2 * sorted.size() / 3];
  const auto share = [&](const std::string& klass, bool high, double* variance) {
    double k = 0, n = 0;
    for (std::size_t i = 0; i < classes.size(); ++i)
      if (high ? temperament[i] >= reactive : temperament[i] <= calm) k += classes[i] == klass, ++n;
    *variance += (k / n) * (1 - k / n) / n;
    return k / n;
  };
  double variance = 0;
  const double more_c = share("C", true, &variance) - share("C", false, &variance);
  const double more_a = share("A", true, &variance) - share("A", false, &variance);
  INFO("rise from the calmest to the most reactive third: C " << more_c << ", A " << more_a << " (SE " << std::sqrt(variance) << ")");
  CHECK(more_c - more_a > 2 * std::sqrt(variance));
  const double c_minus_a = mean_where(run, "infant_temperament", "C") - mean_where(run, "infant_temperament", "A");
  CHECK(c_minus_a > 2 * se_of_difference(run, "infant_temperament", "C", "A"));
}

TEST_CASE("temperament: atypical acts at the caregiver's own rate leave temperament unrelated to D") {
  // Infant temperament does not predict disorganization (van IJzendoorn, Schuengel & Bakermans-Kranenburg
  // 1999). A reactive infant cries more. If the caregiver's atypical acts come at her rate per episode of
  // distress (caregiver.atypical_tracks_crying 1, the rival) it meets more of them; if they come at a
  // rate of her own through the day (0, the default since 2026-12-05), it does not. 12,000 normative
  // dyads, the same dyads under both: the SE of a correlation near 0 is 1/sqrt(n) = .009. Under 0,
  // r(temperament, D) must stay within .05, a small association at most (about 4 SE from the -.016
  // measured with 20,000); under 1 it must exceed .05 (about .11 measured, 7 SE above): the parameter
  // decides the association, so the check can fail either way. docs/calibration.md, note 9.
  const auto r_with_d = [](const PopulationRun& run) {
    const auto& temperament = run.columns.at("infant_temperament");
    const auto classes = run.labels("ssp_12m_class");
    attachsim::sim::RunningCorrelation r;
    for (std::size_t i = 0; i < classes.size(); ++i) r.add(temperament[i], classes[i] == "D" ? 1.0 : 0.0);
    return r.r();
  };
  const double per_episode = r_with_d(run_population(
      "configs/populations/normative.yaml", {"run.dyads=12000", "caregiver.atypical_tracks_crying=1"}));
  const double own_rate = r_with_d(run_population("configs/populations/normative.yaml", {"run.dyads=12000"}));
  INFO("r(temperament, D): atypical acts per episode of distress " << per_episode << ", at her own rate " << own_rate);
  CHECK(per_episode > 0.05);
  CHECK(std::abs(own_rate) < 0.05);
}

TEST_CASE("susceptibility: the susceptible are shaped more by care, for better and for worse") {
  // Twins: the same 6,000 dyads under a better change of care (a sensitivity program) and a worse one
  // (a population of harsher, more stressed caregivers), each against the default. Under the 'size'
  // mechanism the change in security is larger for the most susceptible third than for the least, in
  // both directions.
  const std::string config = "configs/populations/normative.yaml";
  const std::vector<std::string> base = {"run.dyads=6000", "infant.susceptibility_sd=0.4"};
  const auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.begin(), base.begin(), base.end());
    return run_population(config, extra);
  };
  const auto usual = with({});
  const auto better = with({"program.type=sensitivity", "program.start_months=3", "program.end_months=9", "program.sessions=6"});
  const auto worse = with({"caregiver.hostile_under_stress=0.9", "context.stress_mean=0.45"});
  const auto& s = usual.columns.at("infant_susceptibility");
  std::vector<double> sorted = s;
  std::sort(sorted.begin(), sorted.end());
  const double low = sorted[sorted.size() / 3], high = sorted[2 * sorted.size() / 3];
  // The mean paired change in security of one third, with its SE (SD of the paired changes / sqrt(n)).
  struct Effect { double mean, se; };
  const auto effect = [&](const PopulationRun& changed, bool susceptible) {
    const auto& a = usual.columns.at("ssp_12m_security");
    const auto& b = changed.columns.at("ssp_12m_security");
    double sum = 0, sum2 = 0, n = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
      if (susceptible ? s[i] >= high : s[i] <= low) sum += b[i] - a[i], sum2 += (b[i] - a[i]) * (b[i] - a[i]), ++n;
    const double mean = sum / n;
    return Effect{mean, std::sqrt(std::max(0.0, sum2 / n - mean * mean) / n)};
  };
  // The thirds are different dyads, so the SE of the difference of their effects is the root of the sum
  // of squares; each comparison must hold by more than 2 of those SEs, and each effect on the least
  // susceptible must have its sign by more than 2 of its own.
  const auto apart = [](Effect more, Effect less) {
    const double se = std::hypot(more.se, less.se);
    INFO("difference " << more.mean - less.mean << " (SE " << se << ")");
    return more.mean - less.mean > 2 * se;
  };
  const Effect better_high = effect(better, true), better_low = effect(better, false);
  const Effect worse_high = effect(worse, true), worse_low = effect(worse, false);
  INFO("better: " << better_high.mean << " vs " << better_low.mean << "; worse: " << worse_high.mean << " vs " << worse_low.mean);
  CHECK(apart(better_high, better_low));
  CHECK(apart(worse_low, worse_high));
  CHECK(better_low.mean > 2 * better_low.se);
  CHECK(worse_low.mean < -2 * worse_low.se);
}

TEST_CASE("emergence: one caregiver in an unchanging life still gives all four classes") {
  // No partner, no childcare, no life course changes: the first model's single dyad. 4,000 dyads; every
  // class above 3% (SE of a 5% share is 0.34%).
  const auto run = run_population("configs/populations/normative.yaml",
                                  {"run.dyads=4000", "partner.share_weekday=0", "partner.share_weekend=0",
                                   "childcare.share=0", "life_course.changes=false"});
  for (const char* letter : {"A", "B", "C", "D"}) {
    INFO(letter << " = " << run.share("ssp_12m_class", letter));
    CHECK(run.share("ssp_12m_class", letter) > 0.03);
  }
}

TEST_CASE("rival account: a secure mind beside lack of resolution weakens the unresolved-to-D link") {
  // Schuengel et al. 1999, as a switch (caregiver.unresolved_secure_buffer, off by default). 6,000
  // normative dyads, the same seed with it off and fully on: about 870 caregivers coded U. Their
  // infants' D share falls from about .49 to .22 (20,000 dyads); the SE of each share is at most .017,
  // so of the difference at most .024, and the margin of 0.15 stands 5 SE inside the model's fall. The
  // U-acts correlation falls with it (.26 to .04; the SE of each r is about .013 here, so the margin of
  // 0.15 stands 4 SE inside): the acts of U/F caregivers are held back.
  const auto off = run_population("configs/populations/normative.yaml", {"run.dyads=6000"});
  const auto on = run_population("configs/populations/normative.yaml", {"run.dyads=6000", "caregiver.unresolved_secure_buffer=1"});
  const auto u_to_d = [](const PopulationRun& run) {
    const auto aai = run.labels("caregiver_aai"), klass = run.labels("ssp_12m_class");
    double u = 0, d = 0;
    for (std::size_t i = 0; i < aai.size(); ++i)
      if (aai[i] == "U" && !klass[i].empty()) u += 1, d += klass[i] == "D";
    return d / u;
  };
  INFO("U -> D off " << u_to_d(off) << ", on " << u_to_d(on));
  CHECK(u_to_d(off) - u_to_d(on) > 0.15);
  CHECK(off.summary.at("generation_1_unresolved_alarming_r") - on.summary.at("generation_1_unresolved_alarming_r") > 0.15);
}
