#include "models/dyad/population.hpp"

#include "models/dyad/life_schedule.hpp"
#include "models/instruments/strange_situation.hpp"
#include "sim/core/logistic.hpp"

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

// A state of mind drawn from the population's shares: unresolved or not, and the organized category.
StateOfMind draw_mind(const StateOfMindParameters& som, sim::RandomStream& stream) {
  const double u = stream.uniform();
  const bool unresolved = u >= som.share_F + som.share_Ds + som.share_E;
  const AaiCategory organized = draw_category(stream.uniform(), som.share_F, som.share_Ds, som.share_E);
  return draw_state_of_mind(som, unresolved, organized, stream);
}

// A paid carer (a childcare provider, a night watch): a state of mind from the population's shares,
// baseline sensitivity from childcare.sensitivity_* with no shift, and stress at the population's mean.
Caregiver draw_carer(const ModelParameters& p, boost::random::normal_distribution<double>& z, sim::RandomStream& stream) {
  Caregiver carer;
  carer.mind = draw_mind(p.state_of_mind, stream);
  carer.sensitivity_baseline = std::clamp(p.childcare.sensitivity_mean + p.childcare.sensitivity_sd * z(stream), 0.0, 1.0);
  carer.sensitivity = carer.sensitivity_baseline;
  carer.self_efficacy = p.caregiver.efficacy_expected;
  carer.stress_baseline = carer.stress = carer.stress_lasting = p.context.stress_mean;
  return carer;
}

}  // namespace

Household draw_household(const ModelParameters& p, const RiskStructure& risk, std::uint64_t seed, std::uint64_t dyad,
                         sim::RandomStream& stream, sim::RandomStream& life_stream, const Inheritance* inherited) {
  boost::random::normal_distribution<double> z(0, 1);
  Household h;
  h.context.risk = draw_risk_profile(p.risk, risk, seed, dyad, stream);
  if (inherited && p.adulthood.risk_continuity > 0)
    inherit_liabilities(risk, p.adulthood.risk_continuity, inherited->liability, h.context.risk);
  RiskProfile& r = h.context.risk;
  // Single parenthood shares part of the family's liability to isolation, around the family's shift.
  const double loading = p.life_course.single_isolation_loading;
  const double single = r.shift + loading * (r.liability[isolation] - r.shift) + std::sqrt(1 - loading * loading) * z(stream);
  h.life_course.start(p.life_course, risk, r, single, life_stream);
  h.context.risk_at_birth = r;

  Infant& infant = h.infant;
  infant.temperament = z(stream);
  infant.susceptibility = std::max(0.05, 1 + p.infant.susceptibility_sd * z(stream));
  infant.marker = stream.bernoulli(p.infant.marker_frequency);
  if (infant.marker) infant.susceptibility *= p.infant.marker_effect;
  infant.rate_scale = sim::portable_exp(p.infant.temperament_rate_effect * infant.temperament);
  infant.intense_probability = sim::logistic(p.infant.intense_logit + p.infant.temperament_intensity_effect * infant.temperament);
  infant.soothe = sim::logistic(p.infant.soothe_logit - p.infant.temperament_soothe_effect * infant.temperament);
  infant.escalation_cost = std::max(0.0, p.signalling.escalation_cost - p.infant.temperament_protest_effect * infant.temperament);
  infant.anger = anger_proneness(p.strange_situation.anger_at_unavailability,
                                 p.infant.temperament_intensity_effect * infant.temperament);

  StateOfMind mind = draw_mind(p.state_of_mind, stream);
  if (inherited) mind = inherited->mind;
  Caregiver& c = h.caregiver;
  c.mind = mind;
  const double z_sensitivity = z(stream);
  const auto shift_of = [&](const StateOfMind& m) {
    return m.category == AaiCategory::F ? 0.0 : p.caregiver.sensitivity_shift_insecure;
  };
  const double shift = shift_of(mind) + (r.adolescent ? p.caregiver.sensitivity_shift_adolescent : 0.0);
  c.sensitivity_baseline = std::clamp(p.caregiver.sensitivity_mean + shift + p.caregiver.sensitivity_sd * z_sensitivity, 0.0, 1.0);
  c.sensitivity = c.responsiveness_lasting = c.sensitivity_baseline;
  c.self_efficacy = p.caregiver.efficacy_expected;
  c.motivation = std::clamp(0.5 + p.caregiver.motivation_sd * z(stream), 0.0, 1.0);
  c.stress_baseline = std::clamp(p.context.stress_mean + p.context.stress_sd * z(stream), 0.0, 1.0);
  c.stress_own = c.stress = c.stress_lasting = c.stress_baseline;
  c.intrusive_when_depressed = stream.bernoulli(p.caregiver.depression_intrusive_share);
  const double depressed = p.context.processes ? depressed_at_birth(p.depression, r.liability[depression], c.stress, r.support)
                                               : p.depression.fixed_prevalence;
  c.depressed = stream.bernoulli(depressed);

  // The partner: sensitivity correlated with the primary caregiver's, a state of mind partly matched.
  Caregiver& partner = h.partner;
  const double rho = p.partner.sensitivity_correlation;
  const bool same_mind = stream.bernoulli(p.partner.mind_concordance);
  const StateOfMind drawn = draw_mind(p.state_of_mind, stream);
  partner.mind = same_mind ? draw_state_of_mind(p.state_of_mind, mind.category == AaiCategory::U,
                                                mind.category == AaiCategory::U ? AaiCategory::F : mind.category, stream)
                           : drawn;
  const double z_partner = rho * z_sensitivity + std::sqrt(1 - rho * rho) * z(stream);
  partner.sensitivity_baseline = std::clamp(p.partner.sensitivity_mean + shift_of(partner.mind) + p.partner.sensitivity_sd * z_partner, 0.0, 1.0);
  partner.sensitivity = partner.sensitivity_baseline;
  partner.self_efficacy = p.caregiver.efficacy_expected;
  partner.stress_baseline = std::clamp(p.partner.stress_mean + p.context.stress_sd * z(stream), 0.0, 1.0);
  partner.stress = partner.stress_lasting = partner.stress_baseline;

  // The childcare provider, if the primary caregiver returns to work within the span.
  h.provider = draw_carer(p, z, stream);
  const bool care = stream.bernoulli(p.childcare.share);
  const double start = p.childcare.start_months_min + stream.uniform() * (p.childcare.start_months_max - p.childcare.start_months_min);
  h.childcare_start_day = care ? day_of(start) : -1;

  // Maltreatment: the family's own propensity, and the caregiver's history when she grew up in the run.
  Maltreatment& m = h.context.maltreatment;
  m.frailty = p.maltreatment.frailty_sd * z(stream);
  m.history = inherited && inherited->maltreated;
  // A spell may be under way at birth, with the stationary chance at the family's risks then.
  const MaltreatmentRisks at_birth{r.hardship, r.violence, c.depressed, r.adolescent, r.support, c.stress};
  const double on = maltreatment_onset_per_day(p.maltreatment, m, at_birth), off = 1 / (30.4375 * p.maltreatment.mean_spell_months);
  const double u_spell = stream.uniform(), u_kind = stream.uniform();
  if (p.context.processes && u_spell < on / (on + off)) start_spell(p.maltreatment, m, u_kind);

  // The night watch: last, so that every draw above is the same whether or not the infant sleeps away
  // from home.
  h.night_watch = draw_carer(p, z, stream);
  return h;
}

}  // namespace attachsim::models
