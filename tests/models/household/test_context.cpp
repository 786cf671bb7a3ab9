// Context processes: stress reverts to its chronic level; depression episodes reach their stationary
// prevalence; violence and life events come at their rates; support buffers stress; chaos loses bids;
// risk liabilities are correlated as declared, shared within neighbourhoods, and checked for PSD.
#include "models/dyad/attachment_model.hpp"
#include "models/caregiver/caregiving_response.hpp"
#include "models/household/context.hpp"
#include "models/household/risk_profile.hpp"
#include "sim/core/model.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace attachsim;
using namespace attachsim::models;

namespace {

ModelParameters defaults() { return AttachmentModel().parameters_in_use(); }

ContextRules rules_of(const ModelParameters& p) {
  return {p.context, p.caregiver, p.depression, p.partner_violence, p.hardship, p.chaos_support, p.maltreatment,
          p.child_protection};
}

// The share of 4,000 people depressed on the last day of three years at fixed liability and support:
// `day_of(i)` gives person i's day, with a stream of its own, as a callable (person, history, day).
template <class DayOf>
double share_depressed_after_three_years(DayOf day_of) {
  int depressed = 0;
  for (std::uint64_t i = 0; i < 4000; ++i) {
    Caregiver person;
    ContextHistory h;
    h.risk.support = 0.5;
    auto day = day_of(i);
    for (int t = 0; t < 3 * 365; ++t) day(person, h, t);
    depressed += person.depressed;
  }
  return depressed / 4000.0;
}

// One day of the primary caregiver's context (the partner's mood draw is not needed here).
ContextDay day_of_context(const ContextRules& rules, Caregiver& c, ContextHistory& h, int day, sim::FastStream& stream) {
  double partner_mood = 0;
  return advance_context(rules, c, h, day, stream, partner_mood);
}

}  // namespace

TEST_CASE("context: without shocks, stress reverts to its chronic level") {
  auto p = defaults();
  p.context.stress_volatility = 0;
  p.depression.model = DepressionModel::fixed;
  p.hardship.life_events_per_year = 0;
  Caregiver c;
  c.stress_baseline = 0.4;
  c.stress_own = 0.9;
  ContextHistory h;
  h.risk.support = 0.5;  // median support: no buffering either way
  sim::FastStream stream(1, 0, 2);
  for (int day = 0; day < 60; ++day) day_of_context(rules_of(p), c, h, day, stream);
  CHECK(c.stress == doctest::Approx(0.4).epsilon(0.01));
}

TEST_CASE("context: depression episodes settle at onset / (onset + remission)") {
  // 4,000 caregivers over 3 years at fixed liability, stress and support: the share depressed on the
  // last day. SE at p ~ 0.11 and n = 4000 is 0.005; the tolerance of 0.02 is 4 SE.
  auto p = defaults();
  p.depression.stress_effect = 0;  // hold the hazard fixed
  const double on = onset_per_day(p.depression, 0, 0.25, 0.5), off = remission_per_day(p.depression);
  const double depressed = share_depressed_after_three_years([&](std::uint64_t i) {
    return [&, stream = sim::FastStream(2, i, 2)](Caregiver& c, ContextHistory& h, int day) mutable {
      day_of_context(rules_of(p), c, h, day, stream);
    };
  });
  CHECK(std::abs(depressed - on / (on + off)) < 0.02);
}

TEST_CASE("context: the partner's depression settles at his stationary share, higher while she is depressed") {
  // 4,000 partners over 3 years at fixed liability, stress and support, with the caregiver depressed
  // throughout or never: the share depressed on the last day against onset / (onset + remission) at his
  // hazard, raised by depression.partner_with_caregiver_depressed. SE under .006 at n = 4000 and p below
  // .2; the tolerance of .025 is 4 SE.
  auto p = defaults();
  p.depression.stress_effect = 0;  // hold the hazard fixed
  const double alone = partner_onset_per_day(p.depression, false, 0, 0.25, 0.5);
  const double with_her = partner_onset_per_day(p.depression, true, 0, 0.25, 0.5);
  CHECK(with_her / alone == doctest::Approx(p.depression.partner_with_caregiver_depressed).epsilon(1e-12));
  for (const bool she_is_depressed : {false, true}) {
    const double depressed = share_depressed_after_three_years([&](std::uint64_t i) {
      return [&, stream = sim::FastStream(3, i, 11)](Caregiver& him, ContextHistory& h, int day) mutable {
        partner_depression_day(p.depression, him, she_is_depressed, h, day, stream.uniform());
      };
    });
    const double expected = stationary_share(p.depression, she_is_depressed ? with_her : alone);
    INFO("caregiver depressed " << she_is_depressed << ": " << depressed << " against " << expected);
    CHECK(std::abs(depressed - expected) < 0.025);
  }
  p.depression.partner_onset_per_year = 0;  // no onset at all: never depressed
  Caregiver him;
  ContextHistory h;
  sim::FastStream stream(3, 0, 11);
  for (int day = 0; day < 3 * 365; ++day) partner_depression_day(p.depression, him, true, h, day, stream.uniform());
  CHECK(h.partner_depressed_days == 0);
  CHECK(h.partner_depressed_days_first_year == 0);
  CHECK(h.partner_days_first_year == 0);  // his days are counted by the daily loop, not here
}

TEST_CASE("context: depression treatment divides the remission hazard by (1 - its gain), and nothing starts an episode") {
  // 4,000 caregivers depressed on day 0, no onsets: after 120 days the share still depressed is the
  // survival (1 - r)^120 with r the remission hazard, untreated r = remission_per_day, treated at
  // gain 0.5 twice that (0.71 and 0.50). SE <= 0.008 at n = 4000; the tolerance of 0.03 is about 4 SE.
  auto p = defaults();
  p.depression.onset_per_year = 0;
  const double r = remission_per_day(p.depression);
  for (const double gain : {0.0, 0.5}) {
    int still = 0;
    for (int i = 0; i < 4000; ++i) {
      Caregiver c;
      c.depressed = true, c.program_depression = gain;
      ContextHistory h;
      h.risk.support = 0.5;
      sim::FastStream stream(12, static_cast<std::uint64_t>(i), 2);
      for (int day = 0; day < 120; ++day) day_of_context(rules_of(p), c, h, day, stream);
      still += c.depressed;
    }
    CAPTURE(gain);
    CHECK(std::abs(still / 4000.0 - std::pow(1 - r / (1 - gain), 120)) < 0.03);
  }
}

TEST_CASE("context: safety work prevents its share of violent events") {
  // At program_safety 0.5 a violent relationship has half its events: a Poisson count with mean 329
  // over 20,000 days, SD 18, tolerance 4 SD.
  auto p = defaults();
  Caregiver c;
  c.program_safety = 0.5;
  ContextHistory violent;
  violent.risk.violence = true;
  sim::FastStream stream(13, 0, 2);
  constexpr int days = 20000;
  for (int day = 0; day < days; ++day) day_of_context(rules_of(p), c, violent, day, stream);
  const double expected = 0.5 * p.partner_violence.events_per_month / 30.4375 * days;
  CHECK(std::abs(violent.violence_events - expected) < 4 * std::sqrt(expected));
}

TEST_CASE("context: violent relationships have events at their rate, and only they do") {
  auto p = defaults();
  Caregiver c;
  ContextHistory violent, peaceful;
  violent.risk.violence = true;
  sim::FastStream a(3, 0, 2), b(3, 1, 2);
  constexpr int days = 20000;
  for (int day = 0; day < days; ++day) {
    day_of_context(rules_of(p), c, violent, day, a);
    day_of_context(rules_of(p), c, peaceful, day, b);
  }
  // Poisson count with mean 657: SD 26, tolerance 4 SD.
  const double expected = p.partner_violence.events_per_month / 30.4375 * days;
  CHECK(std::abs(violent.violence_events - expected) < 4 * std::sqrt(expected));
  CHECK(peaceful.violence_events == 0);
  CHECK(violent.violence_witnessed < violent.violence_events);
}

TEST_CASE("context: social support buffers stress") {
  auto p = defaults();
  p.context.stress_volatility = 0;
  Caregiver supported, isolated;
  supported.stress_baseline = isolated.stress_baseline = supported.stress_own = isolated.stress_own = 0.4;
  ContextHistory high, low;
  high.risk.support = 0.9;
  low.risk.support = 0.1;
  p.depression.model = DepressionModel::fixed;
  p.hardship.life_events_per_year = 0;
  sim::FastStream a(4, 0, 2), b(4, 0, 2);
  day_of_context(rules_of(p), supported, high, 0, a);
  day_of_context(rules_of(p), isolated, low, 0, b);
  CHECK(supported.stress < isolated.stress);
  CHECK(supported.availability > isolated.availability);
}

TEST_CASE("context: chaos loses weak bids first and interrupts comfort") {
  const auto p = defaults();
  Caregiver c;
  c.sensitivity = 0.7;
  const SignalStrengths signals(p.caregiver, {0.1, 0.7, 1.0});
  const auto calm = answer_odds(p.caregiver, c, signals, {0.0, 0.2, 0.3, 1.0});
  const auto chaotic = answer_odds(p.caregiver, c, signals, {1.0, 0.2, 0.3, 1.0});
  // Noise masks a signal by its weakness: 1 - 0.2 x (1 - strength).
  CHECK(chaotic.detect[suppress] == doctest::Approx((1 - 0.2 * 0.9) * calm.detect[suppress]));
  CHECK(chaotic.detect[direct] == doctest::Approx((1 - 0.2 * 0.3) * calm.detect[direct]));
  CHECK(chaotic.detect[escalate] == doctest::Approx(calm.detect[escalate]));
  CHECK(calm.interrupted == 0.0);
  CHECK(chaotic.interrupted == doctest::Approx(0.3));
}

TEST_CASE("risk: liabilities correlate as declared") {
  auto p = defaults();
  p.risk.pairwise_correlation = 0.5;
  const RiskStructure structure(p.risk);
  double sxy = 0, sxx = 0, syy = 0;
  constexpr int n = 20000;
  for (int i = 0; i < n; ++i) {
    sim::RandomStream stream(5, static_cast<std::uint64_t>(i), 1);
    const auto x = structure.correlated(stream);
    sxy += x[hardship] * x[depression], sxx += x[hardship] * x[hardship], syy += x[depression] * x[depression];
  }
  // n = 20,000: SE of r near 0.5 is (1 - r^2)/sqrt(n) = 0.0053; tolerance 0.025 is ~5 SE.
  CHECK(std::abs(sxy / std::sqrt(sxx * syy) - 0.5) < 0.025);
}

TEST_CASE("risk: correlations that are not positive semi-definite are rejected") {
  auto p = defaults();
  p.risk.correlations = std::vector<double>(correlation_pairs, 0.0);
  CHECK_FALSE(RiskStructure::check(p.risk).has_value());
  p.risk.correlations[0] = 0.9;   // hardship-violence
  p.risk.correlations[5] = 0.9;   // violence-chaos
  p.risk.correlations[1] = -0.9;  // hardship-chaos: impossible with the two above
  CHECK(RiskStructure::check(p.risk).has_value());
  p.risk.correlations.resize(3);
  CHECK(RiskStructure::check(p.risk).value().find("15 correlations") != std::string::npos);
}

TEST_CASE("risk: families of one neighbourhood share its shift") {
  auto p = defaults();
  p.risk.neighbourhood_size = 10;
  p.risk.neighbourhood_sd = 1.0;
  p.risk.pairwise_correlation = 0;
  const RiskStructure structure(p.risk);
  // The mean liability of a neighbourhood varies far more than chance would give without sharing.
  double between = 0;
  constexpr int neighbourhoods = 200;
  for (int g = 0; g < neighbourhoods; ++g) {
    double mean = 0;
    for (int k = 0; k < 10; ++k) {
      const auto dyad = static_cast<std::uint64_t>(g * 10 + k);
      sim::RandomStream stream(6, dyad, 1);
      const auto r = draw_risk_profile(p.risk, structure, 6, dyad, stream);
      CHECK(r.neighbourhood == g);
      mean += r.liability[hardship] / 10;
    }
    between += mean * mean / neighbourhoods;
  }
  // Without sharing the variance of a mean of 10 is 0.1; with a shared SD of 1 it is 1.1.
  CHECK(between > 0.6);
}

TEST_CASE("risk: a later generation's neighbourhoods are the same groups of lineages, with shifts of their own") {
  auto p = defaults();
  p.risk.neighbourhood_size = 10;  // does not divide 2^48: the groups must not slide with the generation
  p.risk.neighbourhood_sd = 1.0;
  const RiskStructure structure(p.risk);
  const auto shift_of = [&](std::uint64_t generation, std::uint64_t lineage, std::int64_t& neighbourhood) {
    const std::uint64_t key = lineage + (generation << sim::DyadPlace::generation_shift);
    sim::RandomStream stream(6, key, 1);
    const auto r = draw_risk_profile(p.risk, structure, 6, key, stream);
    neighbourhood = r.neighbourhood;
    return r.shift;
  };
  std::int64_t n = 0;
  for (std::uint64_t generation : {0u, 1u, 2u}) {
    const double first = shift_of(generation, 0, n);
    CHECK(n == 0);
    for (std::uint64_t lineage = 1; lineage < 10; ++lineage) {
      CHECK(shift_of(generation, lineage, n) == first);  // one neighbourhood: lineages 0-9
      CHECK(n == 0);
    }
    CHECK(shift_of(generation, 10, n) != first);  // the next begins at lineage 10
    CHECK(n == 1);
  }
  // Each generation's neighbourhood 0 draws its own shift (a continuous draw: equal only by a bug).
  std::int64_t ignored = 0;
  CHECK(shift_of(1, 0, ignored) != shift_of(0, 0, ignored));
  CHECK(shift_of(2, 0, ignored) != shift_of(1, 0, ignored));
}
