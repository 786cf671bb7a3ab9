#include "models/instruments/strange_situation.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cmath>

namespace attachsim::models {

void classify(const StrangeSituationParameters& p, StrangeSituationResult& r) {
  if (r.avoidance >= p.avoidance_cutoff && r.avoidance > r.resistance)
    r.organized_class = 'A';
  else if (r.resistance >= p.resistance_cutoff)
    r.organized_class = 'C';
  else
    r.organized_class = 'B';
  r.attachment_class = r.disorganization >= p.disorganization_cutoff ? 'D' : r.organized_class;
  r.security = (r.proximity_seeking + r.contact_maintaining - r.avoidance - r.resistance + 12) / 24;
}

StrangeSituationResult strange_situation(const StrangeSituationParameters& p, const SignallingPolicy& policy,
                                         const WorkingModel& model, sim::RandomStream& stream) {
  constexpr int intense = 1;
  const int samples = 2 * static_cast<int>(p.behaviours_per_reunion);
  // Being picked up settles an infant who expects comfort from a consistent caregiver.
  const double settles = model.availability * (p.settle_floor + (1 - p.settle_floor) * model.predictability);
  // Conflict shows when fear is substantial: a trace of fear does not disorganize (quadratic onset).
  const double conflict = std::min(1.0, p.conflict_gain * model.fear * model.fear);
  const double freeze = std::min(1.0, p.freeze_gain * model.fear * model.fear * model.fear);

  double approach = 0, contact = 0, avoid = 0, resist = 0, disorganized = 0;
  for (int i = 0; i < samples; ++i) {
    const int signal = policy.choose(intense, stream.uniform());
    if (stream.uniform() < freeze) disorganized += 1;
    if (signal == suppress) {
      avoid += 1;
      continue;
    }
    approach += 1;
    if (stream.uniform() < conflict) disorganized += 1;
    const bool settled = stream.uniform() < settles;
    if (settled) contact += 1;
    // Resistance is angry, escalated contact seeking: strongest when contact does not settle.
    if (signal == escalate) resist += settled ? 0.5 : 1.0;
  }

  boost::random::normal_distribution<double> coder(0, p.coder_noise_sd);
  const auto code = [&](double share, double top) {
    const double score = 1 + (top - 1) * share + (p.coder_noise_sd > 0 ? coder(stream) : 0.0);
    return std::clamp(std::round(score), 1.0, top);
  };
  StrangeSituationResult r;
  r.proximity_seeking = code(approach / samples, 7);
  r.contact_maintaining = code(contact / samples, 7);
  r.avoidance = code(avoid / samples, 7);
  r.resistance = code(resist / samples, 7);
  r.disorganization = code(std::min(1.0, disorganized / samples / p.disorganization_saturation), 9);
  classify(p, r);
  return r;
}

}  // namespace attachsim::models
