// Lives that change: families move in and out of hardship and violent relationships, partners leave and
// arrive, while at any moment the shares of families in each status stay those declared; with
// life_course.changes off nothing moves. The care schedule gives each figure its share of the bids.
#include "models/dyad/attachment_model.hpp"
#include "models/household/care_schedule.hpp"
#include "models/household/life_course.hpp"
#include "models/household/risk_profile.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace attachsim;
using namespace attachsim::models;

namespace {

ModelParameters defaults() { return AttachmentModel().parameters_in_use(); }

struct Panel {
  double hardship_at_start = 0, hardship_at_end = 0, single_at_end = 0;
  double left_hardship = 0, in_hardship_at_start = 0, moved = 0;
};

// n families followed for `weeks` weekly steps.
Panel follow(const ModelParameters& p, int n, int weeks) {
  const RiskStructure structure(p.risk);
  Panel panel;
  for (int i = 0; i < n; ++i) {
    sim::RandomStream population(7, static_cast<std::uint64_t>(i), 1), life(7, static_cast<std::uint64_t>(i), 10);
    RiskProfile r = draw_risk_profile(p.risk, structure, 7, static_cast<std::uint64_t>(i), population);
    LifeCourse course;
    course.start(p.life_course, structure, r, r.liability[isolation], life);
    const bool start = r.hardship;
    const RiskProfile before = r;
    for (int w = 0; w < weeks; ++w) course.step(r, life);
    panel.hardship_at_start += start;
    panel.hardship_at_end += r.hardship;
    panel.single_at_end += !course.partner_present();
    panel.in_hardship_at_start += start;
    panel.left_hardship += start && !r.hardship;
    panel.moved += before.hardship != r.hardship || before.violence != r.violence;
  }
  return panel;
}

}  // namespace

TEST_CASE("life course: families enter and leave hardship while its share stays as declared") {
  // 20,000 families over a year (52 weekly steps). The share in hardship (0.10) has an SE of 0.002 at
  // this n; 0.012 is 6 SE, and a drift of the share would show as a difference between start and end.
  auto p = defaults();
  const Panel panel = follow(p, 20000, 52);
  CHECK(std::abs(panel.hardship_at_start / 20000 - p.risk.hardship_share) < 0.012);
  CHECK(std::abs(panel.hardship_at_end / 20000 - p.risk.hardship_share) < 0.012);
  // About half of hardship spells end within a year (Bane & Ellwood 1986; Stevens 1999): the defaults
  // must give a share between a quarter and three quarters (n ~ 2,000 in hardship: SE 0.011).
  const double left = panel.left_hardship / panel.in_hardship_at_start;
  CHECK(left > 0.25);
  CHECK(left < 0.75);
}

TEST_CASE("life course: with changes off nothing moves") {
  auto p = defaults();
  p.life_course.changes = false;
  const Panel panel = follow(p, 2000, 104);
  CHECK(panel.moved == 0);
  CHECK(panel.hardship_at_start == panel.hardship_at_end);
}

TEST_CASE("life course: single parents are as many as declared") {
  // 20,000 families: SE of a share of 0.08 is 0.0019; 0.01 is over 5 SE.
  auto p = defaults();
  const Panel panel = follow(p, 20000, 20);
  CHECK(std::abs(panel.single_at_end / 20000 - p.life_course.single_share) < 0.01);
}

TEST_CASE("care schedule: the partner answers his share, more at weekends; the provider only on care weekdays") {
  const auto p = defaults();
  const CareToday weekday = care_today(p.partner, p.childcare, 1, true, true);
  const CareToday weekend = care_today(p.partner, p.childcare, 5, true, true);
  const CareToday alone = care_today(p.partner, p.childcare, 1, false, false);
  CHECK(weekday.cumulative[0] == doctest::Approx(1 - p.partner.share_weekday - p.childcare.share_weekday));
  CHECK(weekday.cumulative[1] == doctest::Approx(1 - p.childcare.share_weekday));
  CHECK(weekend.cumulative[0] == doctest::Approx(1 - p.partner.share_weekend));
  CHECK(weekend.cumulative[1] == 1.0);  // no childcare at weekends
  CHECK(!weekend.present[provider]);
  CHECK(alone.cumulative[0] == 1.0);
  CHECK(figure_of(alone, 0.999) == primary);
  CHECK(figure_of(weekday, 0.999) == provider);
  CHECK(figure_of(weekday, weekday.cumulative[0] + 1e-9) == partner);
}

TEST_CASE("care schedule: each figure's share of the day's care is the width of its band, and the shares sum to 1") {
  // share_of drives fear fading under working_model.fear_fading: exposure.
  const auto p = defaults();
  const CareToday weekday = care_today(p.partner, p.childcare, 1, true, true, 0.1);
  CHECK(share_of(weekday, partner) == doctest::Approx(p.partner.share_weekday));
  CHECK(share_of(weekday, provider) == doctest::Approx(p.childcare.share_weekday));
  CHECK(share_of(weekday, night_watch) == doctest::Approx(0.1));
  CHECK(share_of(weekday, primary) == doctest::Approx(1 - p.partner.share_weekday - p.childcare.share_weekday - 0.1));
  double total = 0;
  for (int f = 0; f < figure_count; ++f) total += share_of(weekday, f);
  CHECK(total == doctest::Approx(1.0));
  const CareToday alone = care_today(p.partner, p.childcare, 1, false, false);
  CHECK(share_of(alone, primary) == 1.0);
  for (int f : {partner, provider, night_watch}) CHECK(share_of(alone, f) == 0.0);
}

TEST_CASE("care schedule: a night watch answers the night's share every day, and without it nothing moves") {
  const auto p = defaults();
  // Without night care the cuts are those of the day alone, exactly (1 - care - partner, 1 - care),
  // and the third cut is 1.
  for (int day : {1, 5})
    for (bool partner_here : {false, true})
      for (bool in_care : {false, true}) {
        const CareToday b = care_today(p.partner, p.childcare, day, partner_here, in_care, 0.0);
        const double care = in_care && day != 5 ? p.childcare.share_weekday : 0.0;
        const double with_partner = partner_here ? (day == 5 ? p.partner.share_weekend : p.partner.share_weekday) : 0.0;
        CHECK(b.cumulative[0] == 1 - care - with_partner);
        CHECK(b.cumulative[1] == 1 - care);
        CHECK(b.cumulative[2] == 1.0);
        CHECK(!b.present[night_watch]);
        CHECK(figure_of(b, std::nextafter(1.0, 0.0)) != night_watch);
      }
  // With a night share n the four widths are exactly 1 - partner - care - n, partner, care, n, on a
  // weekday; at a weekend the provider's width is 0 and the night's is still n.
  const double n = 0.25;
  const CareToday weekday = care_today(p.partner, p.childcare, 1, true, true, n);
  CHECK(weekday.cumulative[0] == doctest::Approx(1 - p.partner.share_weekday - p.childcare.share_weekday - n));
  CHECK(weekday.cumulative[1] - weekday.cumulative[0] == doctest::Approx(p.partner.share_weekday));
  CHECK(weekday.cumulative[2] - weekday.cumulative[1] == doctest::Approx(p.childcare.share_weekday));
  CHECK(1 - weekday.cumulative[2] == doctest::Approx(n));
  CHECK(weekday.present[night_watch]);
  const CareToday weekend = care_today(p.partner, p.childcare, 6, true, true, n);
  CHECK(weekend.cumulative[2] - weekend.cumulative[1] == 0.0);
  CHECK(1 - weekend.cumulative[2] == doctest::Approx(n));
  CHECK(figure_of(weekend, 0.9) == night_watch);
  CHECK(figure_of(weekend, weekend.cumulative[2] - 1e-9) == partner);
}
