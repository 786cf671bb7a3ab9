#include "models/dyad/population.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cmath>

namespace attachsim::models {
namespace {

AaiCategory draw_category(double u, double f, double ds, double e) {
  const double total = f + ds + e;
  if (total <= 0) return AaiCategory::F;
  u *= total;
  return u < f ? AaiCategory::F : (u < f + ds ? AaiCategory::Ds : AaiCategory::E);
}

}  // namespace

Household draw_household(const ModelParameters& p, const RiskStructure& risk, std::uint64_t seed, std::uint64_t dyad,
                         sim::RandomStream& stream, const Inheritance* inherited) {
  boost::random::normal_distribution<double> z(0, 1);
  Household h;
  h.context.risk = draw_risk_profile(p.risk, risk, seed, dyad, stream);
  if (inherited && p.adulthood.risk_continuity > 0)
    inherit_liabilities(risk, p.adulthood.risk_continuity, inherited->liability, h.context.risk);
  const RiskProfile& r = h.context.risk;
  h.context.support_at_birth = r.support;

  Infant& infant = h.infant;
  infant.temperament = z(stream);
  infant.susceptibility = std::max(0.05, 1 + p.infant.susceptibility_sd * z(stream));
  infant.marker = stream.bernoulli(p.infant.marker_frequency);
  if (infant.marker) infant.susceptibility *= p.infant.marker_effect;
  infant.rate_scale = std::exp(p.infant.temperament_rate_effect * infant.temperament);
  infant.intense_probability =
      1 / (1 + std::exp(-(p.infant.intense_logit + p.infant.temperament_intensity_effect * infant.temperament)));

  const auto& som = p.state_of_mind;
  StateOfMind& mind = h.caregiver.mind;
  const double u = stream.uniform();
  const bool unresolved = u >= som.share_F + som.share_Ds + som.share_E;
  const AaiCategory organized = draw_category(stream.uniform(), som.share_F, som.share_Ds, som.share_E);
  mind = draw_state_of_mind(som, unresolved, organized, stream);
  if (inherited) mind = inherited->mind;

  Caregiver& c = h.caregiver;
  const double shift = (mind.category == AaiCategory::F ? 0.0 : p.caregiver.sensitivity_shift_insecure) +
                       (r.adolescent ? p.caregiver.sensitivity_shift_adolescent : 0.0);
  c.sensitivity_baseline = std::clamp(p.caregiver.sensitivity_mean + shift + p.caregiver.sensitivity_sd * z(stream), 0.0, 1.0);
  c.sensitivity = c.sensitivity_baseline;
  c.motivation = std::clamp(0.5 + p.caregiver.motivation_sd * z(stream), 0.0, 1.0);
  c.stress_baseline = std::clamp(p.context.stress_mean + p.context.stress_sd * z(stream), 0.0, 1.0);
  c.stress_own = c.stress = c.stress_baseline;
  const double depressed = p.context.processes ? depressed_at_birth(p.depression, r.liability[depression], c.stress, r.support)
                                               : p.depression.fixed_prevalence;
  c.depressed = stream.bernoulli(depressed);
  return h;
}

}  // namespace attachsim::models
