// The infant's internal working model of one attachment relationship (Bowlby 1973; Bretherton &
// Munholland 2008): running expectations of the figure's availability, predictability and rejection,
// and of the self as worth comforting; and fear of the figure, the root of disorganization when the
// haven is also the source of alarm (Main & Hesse 1990; Hesse & Main 2006). Expectations are learned
// from the infant's bids: what happens when it signals. Distress it keeps to itself teaches it nothing
// about the figure's answers (fear is learned from every alarming act, bid or not). Fear fades by
// itself, and faster with comfort that settles the infant: a safe encounter with what is feared weakens
// the fear, more slowly than a fright built it (extinction; Bouton 2004), and comfort from the figure is
// the solution a fright from that figure otherwise lacks (Main & Hesse 1990). So a caregiver's atypical
// acts disorganize the infant less where her comfort usually works. Predictability is how well the
// infant can foresee which kind of answer a bid will meet: comfort that settles, comfort that does
// not, no answer, a harsh answer, or an alarming act. It is the running mean of the chance the infant's
// expectations gave to what then happened (consistency of the figure's responses, Ainsworth et al.
// 1978: rejecting care is consistent, care that answers by the caregiver's own state rather than the
// infant's, now promptly, now late, now not at all, is the least predictable, Cassidy & Berlin 1994).
// The surprise of an alarming answer is felt as strongly as its fright: it moves predictability at the
// rate fear is learned, not at the rate of ordinary answers (alarm_surprise; fear is learned in one or
// a few trials, Öhman & Mineka 2001; surprise drives how much an event is attended to and learned,
// Pearce & Hall 1980), so that a figure who is now the haven and now the source of alarm is, to her
// infant, the least foreseeable of all (Main & Hesse 1990).
// An alarming act is a kind of its own, not one more harsh answer: a rebuff answers the bid, a fright
// answers the caregiver's own alarm, and no run of rebuffs foretells it (Main & Hesse 1990; Lyons-Ruth,
// Bronfman & Parsons 1999 on anomalous, contradictory caregiving).
// Availability is learned from plain (direct) bids only: will the figure come when the infant asks in
// the ordinary way? Organized insecure strategies are conditional (Main 1990): an infant who has learned
// to escalate may be answered because it escalates, and still holds that a plain bid goes unanswered;
// counting the answers its protest wins would credit the figure with the strategy's gains.
#pragma once

#include "models/caregiver/caregiving_response.hpp"
#include "sim/core/parameter.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

namespace attachsim::models {

// How fear of a figure fades without new alarm: with the days that pass ('time'), with the distress
// episodes with the figure that do not alarm ('encounters'), or with the time spent in the figure's care
// ('exposure', the default since 2026-12-05): extinction is learned from exposure to what is feared
// without what it signalled, not from the mere passing of time (Bouton 2004). Under 'time' an infant who
// meets a figure less often (a father in the evenings, a mother whose infant spends weekdays in care)
// meets fewer of her alarming acts and forgets between them, so its fear, and its disorganization with
// her, grow with the share of the care she gives; under 'exposure' the fading, like the alarm, comes
// with that share, so fear follows how often her care alarms, whatever its amount. 'encounters' counts
// distress episodes, so an infant who cries more also unlearns fear faster. A rival-hypothesis choice
// (docs/guide_hypothesis.md).
enum class FearFading { time, encounters, exposure };  // 'exposure': fear_decay x the figure's share of the day's care
inline const char* name_of(FearFading f) {
  return f == FearFading::time ? "time" : f == FearFading::encounters ? "encounters" : "exposure";
}

// How much the surprise of an alarming answer (threatening, frightened) moves predictability: as any
// other answer's ('ordinary', the model before 2026-12-05), or at the rate its fright is learned
// ('salient'). A rival-hypothesis choice (docs/guide_hypothesis.md).
enum class AlarmSurprise { ordinary, salient };
inline const char* name_of(AlarmSurprise a) { return a == AlarmSurprise::ordinary ? "ordinary" : "salient"; }

struct WorkingModelParameters {
  double update_rate;
  double fear_rate;
  double frightened_fear;
  FearFading fear_fading;
  double fear_decay;
  double fear_decay_encounter;
  double fear_extinction;
  AlarmSurprise alarm_surprise;
};

inline sim::ParameterTable<WorkingModelParameters> working_model_table() {
  using P = WorkingModelParameters;
  return {
      sim::real("update_rate", &P::update_rate, 0.02, 0, 1,
                {"per bid", "Rate at which expectations track experience in the reference phase, for susceptibility 1.", "assumption: expectations settle over weeks of episodes"}),
      sim::real("fear_rate", &P::fear_rate, 0.05, 0, 1,
                {"per event", "Rise of fear of the figure toward 1 after a threatening (frightening) act (susceptibility 1, reference phase).", "assumption; Main & Hesse 1990"}),
      sim::real("frightened_fear", &P::frightened_fear, 0.6, 0, 2,
                {"x fear_rate", "Fear a frightened, helpless or dissociated act adds, relative to a threatening one.", "assumption; Main & Hesse 1990: frightened behaviour alarms the infant too, through the caregiver's own alarm"}),
      sim::choice("fear_fading", &P::fear_fading, {"time", "encounters", "exposure"}, 2,
                  {"", "How fear of a figure fades without new alarm: 'exposure' (the default since 2026-12-05), by fear_decay x the figure's share of the day's care (of the infant's distress episodes), so that fear follows how often the figure's care alarms, whatever its amount; 'time', by fear_decay every day, whether or not the figure was there (the default before); 'encounters', by fear_decay_encounter in every distress episode with the figure that brings no alarming act, so that an infant who cries more also unlearns fear faster.",
                   "exposure and encounters: Bouton 2004 (extinction is new learning from exposure to what is feared without what it signalled, not forgetting with time); time: assumption (the first model); docs/calibration.md, pass 14"}),
      sim::real("fear_decay", &P::fear_decay, 0.005, 0, 1,
                {"per day", "Daily decay of fear of the figure without new alarm (fear_fading: time), or per day of the figure's whole care (fear_fading: exposure: x her share of the day's care).", "assumption: without new alarm fear fades over about six months"}),
      sim::real("fear_decay_encounter", &P::fear_decay_encounter, 0.0015, 0, 1,
                {"per episode", "Decay of fear of the figure in each distress episode with it that brings no alarming act (fear_fading: encounters).", "fear_decay spread over the distress episodes a day that an infant at home has with its mother at 9 months: about 4.2 (the crying curve at 274 days, averaged over temperament), 3.1 of them with her where a partner answers a quarter (.005 / 3.1 = .0016, taken as .0015), so that both accounts fade fear alike in that case"}),
      sim::real("fear_extinction", &P::fear_extinction, 0.1, 0, 2,
                {"x fear_rate", "Share of fear of the figure lost each time its comfort settles the infant, relative to fear_rate (susceptibility 1, reference phase). 0: fear fades only by fear_fading (with time, with the figure's care, or with encounters that bring no alarming act).",
                 "assumption: a tenth of a threat's rise per comfort, since extinction by safe encounters is slower than fear learning (Bouton 2004); Main & Hesse 1990: comfort is the solution a fright from the haven lacks"}),
      sim::choice("alarm_surprise", &P::alarm_surprise, {"ordinary", "salient"}, 1,
                  {"", "How much the surprise of an alarming answer to a bid (threatening, or frightened, helpless or dissociated) lowers predictability: 'salient', at the rate its fright is learned (fear_rate, or fear_rate x frightened_fear), so that a figure who is now the haven and now the alarm is the least foreseeable; 'ordinary', at update_rate, like any other answer (the model before 2026-12-05). What the infant expects of each kind of answer is learned at update_rate under both.",
                   "salient: Öhman & Mineka 2001 (fear is learned in one or a few trials), Pearce & Hall 1980 (surprising events command learning), Main & Hesse 1990 (fright from the haven); docs/calibration.md, note 8"}),
  };
}

constexpr std::size_t answer_kind_count = 5;  // the kinds of answer an infant learns to foresee (AnswerKind)

struct WorkingModel {
  double availability = 0.5;    // will the figure come and comfort when asked plainly (a direct bid)?
  double predictability = 0.5;  // can the kind of answer to a bid be foreseen?
  std::array<double, answer_kind_count> expected_kind{0.2, 0.2, 0.2, 0.2, 0.2};  // expected chance of each AnswerKind
  double rejection = 0;         // will a bid be rebuffed?
  double self_worth = 0.5;      // am I worth comforting?
  double fear = 0;              // fear of the figure
  double bids = 0;              // bids so far: the weight of this relationship
};

// The kinds of answer an infant can learn to foresee (predictability), by Response.
enum AnswerKind : int { settling_comfort, unsettling_comfort, no_answer, harsh_answer, alarming_answer };
constexpr std::array<int, response_count> kind_of = {no_answer,        settling_comfort, unsettling_comfort,
                                                     settling_comfort, unsettling_comfort, harsh_answer,
                                                     harsh_answer,     alarming_answer,    alarming_answer};

// Each kind as 1 for itself and 0 for the others: what a bid's answer teaches the expectations.
constexpr std::array<std::array<double, answer_kind_count>, answer_kind_count> one_hot_kind = {
    {{1, 0, 0, 0, 0}, {0, 1, 0, 0, 0}, {0, 0, 1, 0, 0}, {0, 0, 0, 1, 0}, {0, 0, 0, 0, 1}}};

// What each answer means for the expectations (docs/ODD.md, 3.3.9), by Response.
constexpr std::array<double, response_count> availability_after = {0.0, 1.0, 0.5, 1.0, 0.5, 0.0, 0.0, 0.0, 0.0};
constexpr std::array<double, response_count> rejection_after = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.5, 0.0};
constexpr std::array<double, response_count> worth_after = {0.3, 1.0, 0.8, 0.8, 0.6, 0.5, 0.0, 0.0, 0.2};

// The rates of a day's episodes, which depend only on the day's learning weight.
struct WorkingModelRates {
  double update = 0;      // min(1, update_rate x weight)
  std::array<double, response_count> surprise{};  // how far each answer moves predictability (alarm_surprise)
  double threat = 0;      // min(1, fear_rate x weight x fear amplification)
  double frightened = 0;  // the same for frightened acts
  double extinction = 0;  // min(1, fear_rate x fear_extinction x weight x fear amplification)
  double encounter = 0;   // fear_decay_encounter under fear_fading: encounters, else 0
};

// `fear_gain` is what susceptibility does to fear under the 'size' mechanism (1 under 'speed', where the
// weight carries it), for its rise and its extinction alike.
inline WorkingModelRates working_model_rates(const WorkingModelParameters& p, double weight, double fear_gain = 1) {
  WorkingModelRates r;
  r.update = std::min(1.0, p.update_rate * weight);
  r.threat = std::min(1.0, p.fear_rate * weight * fear_gain);
  r.frightened = std::min(1.0, p.fear_rate * p.frightened_fear * weight * fear_gain);
  r.extinction = std::min(1.0, p.fear_rate * p.fear_extinction * weight * fear_gain);
  r.encounter = p.fear_fading == FearFading::encounters ? p.fear_decay_encounter : 0.0;
  r.surprise.fill(r.update);
  if (p.alarm_surprise == AlarmSurprise::salient) {
    r.surprise[static_cast<std::size_t>(Response::frightening)] = r.threat;
    r.surprise[static_cast<std::size_t>(Response::frightened)] = r.frightened;
  }
  return r;
}

// One episode. Branch-free on the answer: a rate times 0 leaves a value as it is.
inline void update_working_model(const WorkingModelRates& rates, WorkingModel& m, Response r, int signal) {
  const auto i = static_cast<std::size_t>(r);
  const double bid = signal != suppress;
  const double rate = rates.update * bid;
  const auto kind = static_cast<std::size_t>(kind_of[i]);
  m.predictability += rates.surprise[i] * bid * (m.expected_kind[kind] - m.predictability);
  // From a table, so that the loop has no comparison (the same numbers in fewer instructions).
  const auto& came_kind = one_hot_kind[kind];
  for (std::size_t k = 0; k < m.expected_kind.size(); ++k) m.expected_kind[k] += rate * (came_kind[k] - m.expected_kind[k]);
  m.availability += rate * (signal == direct) * (availability_after[i] - m.availability);
  m.rejection += rate * (rejection_after[i] - m.rejection);
  m.self_worth += rate * (worth_after[i] - m.self_worth);
  m.bids += bid;
  const double alarm = r == Response::frightening ? rates.threat : r == Response::frightened ? rates.frightened : 0.0;
  m.fear += alarm * (1 - m.fear);
  m.fear -= rates.extinction * soothed(r) * m.fear;  // an alarming act never settles: one or the other
  // A safe encounter fades fear (fear_fading: encounters): a branch on the run's choice, not on the
  // answer, so that the default costs nothing here.
  if (rates.encounter > 0) m.fear -= rates.encounter * !atypical(r) * m.fear;
}

// Fear added by an alarming event outside the episodes (witnessed violence): `rate` is fear_rate x the
// event's weight, already scaled.
inline void alarm(WorkingModel& m, double rate) { m.fear += std::min(1.0, rate) * (1 - m.fear); }

// The generalized working model: the relationships' expectations weighted by the bids each received.
template <std::size_t N>
WorkingModel generalized(const std::array<WorkingModel, N>& figures) {
  WorkingModel g{0, 0, {0, 0, 0, 0, 0}, 0, 0, 0, 0};
  double total = 0;
  for (const auto& m : figures) total += m.bids;
  if (total <= 0) return figures[0];
  for (const auto& m : figures) {
    const double w = m.bids / total;
    g.availability += w * m.availability, g.predictability += w * m.predictability, g.rejection += w * m.rejection;
    for (std::size_t k = 0; k < g.expected_kind.size(); ++k) g.expected_kind[k] += w * m.expected_kind[k];
    g.self_worth += w * m.self_worth, g.fear += w * m.fear;
  }
  g.bids = total;
  return g;
}

}  // namespace attachsim::models
