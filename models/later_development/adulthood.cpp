#include "models/later_development/adulthood.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cmath>

namespace attachsim::models {

MindCategories categorize(const AdulthoodParameters& p, const AttachmentRepresentation& r) {
  MindCategories c;
  c.unresolved = r.fear >= p.fear_threshold;
  const double deactivated = r.deactivation / p.deactivation_threshold, hyperactivated = r.hyperactivation / p.hyperactivation_threshold;
  if (deactivated >= 1 || hyperactivated >= 1) c.organized = deactivated >= hyperactivated ? AaiCategory::Ds : AaiCategory::E;
  return c;
}

Adulthood grow_up(const AdulthoodParameters& p, const StateOfMindParameters& som, const AttachmentRepresentation& early,
                  double child_years, sim::RandomStream& stream) {
  boost::random::normal_distribution<double> noise(0, 1);
  Adulthood a;
  a.early = early;
  AttachmentRepresentation& w = a.adult;
  w = early;
  const double kappa = p.stability == StabilityModel::prototype ? p.prototype_weight : 0.0;
  const auto revise = [&](double& value, double experience, double anchor) {
    value = std::clamp(value + p.revision_rate * (experience - value) + kappa * (anchor - value), 0.0, 1.0);
  };
  // Whole years from the end of childhood to the interview; the same number of draws every year.
  const int years = std::max(0, static_cast<int>(std::lround(p.parenthood_years - child_years)));
  for (int y = 0; y < years; ++y) {
    const double age = child_years + y;
    const bool home = age < p.leave_home_years;
    const double zd = noise(stream), zh = noise(stream), u_trauma = stream.uniform();
    const double deactivation = home ? early.deactivation : p.later_deactivation_mean;
    const double hyperactivation = home ? early.hyperactivation : p.later_hyperactivation_mean;
    revise(w.deactivation, std::clamp(deactivation + p.experience_sd * zd, 0.0, 1.0), early.deactivation);
    revise(w.hyperactivation, std::clamp(hyperactivation + p.experience_sd * zh, 0.0, 1.0), early.hyperactivation);
    // Fear: kept alive at home by the same caregiver, fading away from it, renewed by trauma.
    revise(w.fear, home ? early.fear : 0.0, early.fear);
    if (u_trauma < p.trauma_rate) ++a.traumas, w.fear += p.trauma_fear * (1 - w.fear);
  }
  const MindCategories c = categorize(p, w);
  a.mind = draw_state_of_mind(som, c.unresolved, c.organized, stream);
  return a;
}

}  // namespace attachsim::models
