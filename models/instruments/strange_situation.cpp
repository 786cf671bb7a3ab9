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

StrangeSituationBehaviour reunions(const StrangeSituationParameters& p, const SignallingPolicy& policy,
                                   const WorkingModel& model, const AnswerOdds& odds, double anger,
                                   sim::RandomStream& stream, Overwhelm overwhelm) {
  constexpr int intense = 1;
  const int samples = 2 * static_cast<int>(p.behaviours_per_reunion);
  // Being held settles an infant who can be soothed and expects comfort from a consistent figure.
  const double expects = model.availability * (p.settle_floor + (1 - p.settle_floor) * model.predictability);
  // Conflict shows when fear is substantial: a trace of fear does not disorganize (quadratic onset).
  const double f = model.fear;
  const double lapse = std::min(1.0, p.conflict_gain * f * f + p.freeze_gain * f * f * f);

  // The figure's own alarming acts in the room (threatening, frightened, dissociated) come at her rate
  // whatever the infant does: an infant who approaches more does not by that see more of them, and its
  // conflict is not scored higher for approaching (Main & Solomon 1990 code the behaviour, not the approach).
  const double alarming = odds.cuts[0][direct].kind[1];
  double approach = 0, contact = 0, avoid = 0, resist = 0, disorganized = 0;
  int alarmed = 0;
  for (int i = 0; i < samples; ++i) {
    // An overwhelmed infant cries hard whatever it has learned, and being held does not settle it.
    const bool overwhelmed = overwhelm.share > 0 && overwhelm.stream->uniform() < overwhelm.share;
    const int learned = policy.choose(intense, stream.uniform());
    const int signal = overwhelmed ? static_cast<int>(escalate) : learned;
    disorganized += stream.uniform() < lapse;  // read from fear, whatever the infant does next
    const double u_focus = stream.uniform(), u_kind = stream.uniform(), u_settle = stream.uniform();
    const double u_anger = stream.uniform();  // drawn every time, so that what follows never depends on it
    const bool alarmed_now = u_kind < alarming;
    alarmed += alarmed_now;
    disorganized += alarmed_now;
    if (signal == suppress) {
      avoid += 1;
      continue;
    }
    approach += 1;
    // At a reunion the figure is in the room and sees the infant: only self-focus or absence leave a
    // bid unanswered.
    const Response answer = caregiver_response(odds, signal, u_focus, 0.0, u_kind);
    if (came(answer)) {
      // Held: an infant who settles maintains contact calmly; one who does not clings and, if it is
      // escalating, resists at once (angry, pushing away while seeking contact). An unsettled infant that
      // did not expect her to come resists too, whatever it signalled, as its anger proneness allows.
      const bool settled = !overwhelmed && soothed(answer) && u_settle < expects;
      contact += 1;
      if (!settled && (signal == escalate || u_anger < anger * (1 - model.availability))) resist += 1;
    } else if (signal == escalate) {
      resist += 1;  // angry protest at a figure who does not come
    }
  }
  const double n = samples;
  return {approach / n, contact / n, avoid / n, resist / n, disorganized / n, alarmed};
}

StrangeSituationResult code(const StrangeSituationParameters& p, const StrangeSituationBehaviour& b, sim::RandomStream& stream) {
  boost::random::normal_distribution<double> coder(0, p.coder_noise_sd > 0 ? p.coder_noise_sd : 1);
  const auto scale = [&](double share, double top) {
    const double score = 1 + (top - 1) * share + (p.coder_noise_sd > 0 ? coder(stream) : 0.0);
    return std::clamp(std::round(score), 1.0, top);
  };
  StrangeSituationResult r;
  r.proximity_seeking = scale(b.approach, 7);
  r.contact_maintaining = scale(b.contact, 7);
  r.avoidance = scale(b.avoid, 7);
  r.resistance = scale(b.resist, 7);
  r.disorganization = scale(std::min(1.0, b.disorganized / p.disorganization_saturation), 9);
  classify(p, r);
  return r;
}

}  // namespace attachsim::models
