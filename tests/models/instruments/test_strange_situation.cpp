// The Strange Situation reads the reunions: scales come from the infant's behaviour (its policy, working
// model and fear with the figure) and the figure's answers in the room; classification follows the
// coding rules; disorganization is read from fear, not from how often the infant approaches.
#include "models/dyad/attachment_model.hpp"
#include "models/instruments/strange_situation.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace attachsim::models;

namespace {

StrangeSituationParameters parameters(double coder_noise = 0) {
  StrangeSituationParameters p{};
  p.behaviours_per_reunion = 8;
  p.conflict_gain = 1.5;
  p.freeze_gain = 1.0;
  p.settle_floor = 0.5;
  p.disorganization_saturation = 0.5;
  p.coder_noise_sd = coder_noise;
  p.avoidance_cutoff = 5;
  p.resistance_cutoff = 4;
  p.disorganization_cutoff = 5;
  return p;
}

// An infant whose intense-distress policy almost always picks `signal`.
SignallingPolicy policy_for(int signal) {
  SignallingParameters s{};
  s.inverse_temperature = 10;
  SignallingPolicy policy;
  policy.start(s);
  policy.value[1] = {-1, -1, -1};
  policy.value[1][signal] = 1;
  for (int k = 0; k < signal_count; ++k) policy.refresh(10, 1, k);
  return policy;
}

// A figure who answers as a caregiver of `sensitivity` does, with threatening acts at a rate of `threat`.
AnswerOdds figure(double sensitivity = 0.9, double threat = 0) {
  const auto p = AttachmentModel().parameters_in_use();
  Caregiver c;
  c.sensitivity = sensitivity;
  c.abuse = threat;
  const SignalStrengths s(p.caregiver, {p.signalling.strength_suppress, p.signalling.strength_direct, p.signalling.strength_escalate});
  return answer_odds(p.caregiver, c, s);
}

StrangeSituationResult assess(const StrangeSituationParameters& p, const SignallingPolicy& policy, const WorkingModel& model,
                              attachsim::sim::RandomStream& stream, const AnswerOdds& odds = figure()) {
  const auto behaviour = reunions(p, policy, model, odds, p.anger_at_unavailability, stream);
  return code(p, behaviour, stream);
}

WorkingModel trusting() {
  WorkingModel m;
  m.availability = 0.9, m.predictability = 0.9;
  return m;
}

char classify_infant(const SignallingPolicy& policy, const WorkingModel& model, std::uint64_t dyad) {
  attachsim::sim::RandomStream stream(5, dyad, 100);
  return assess(parameters(0.5), policy, model, stream).attachment_class;
}

double share_of(char expected, const SignallingPolicy& policy, const WorkingModel& model) {
  int k = 0;
  for (std::uint64_t d = 0; d < 500; ++d) k += classify_infant(policy, model, d) == expected;
  return k / 500.0;
}

}  // namespace

TEST_CASE("strange situation: classification rules follow the scale cutoffs") {
  StrangeSituationResult r;
  r.proximity_seeking = 6, r.contact_maintaining = 5, r.avoidance = 2, r.resistance = 2, r.disorganization = 1;
  classify(parameters(), r);
  CHECK(r.attachment_class == 'B');
  r.avoidance = 6;
  classify(parameters(), r);
  CHECK(r.attachment_class == 'A');
  r.avoidance = 2, r.resistance = 5;
  classify(parameters(), r);
  CHECK(r.attachment_class == 'C');
  r.disorganization = 6;
  classify(parameters(), r);
  CHECK(r.attachment_class == 'D');
  CHECK(r.organized_class == 'C');  // the forced organized class stands beside D
  CHECK(r.security == doctest::Approx((6 + 5 - 2 - 5 + 12) / 24.0));
}

TEST_CASE("strange situation: behaviour, not labels, gives the class") {
  // 500 infants each; a near-deterministic policy (softmax weight e^20 : 1) makes the expected class
  // overwhelming, so 0.8 leaves room for coder noise (SD 0.5) without chance failures.
  CHECK(share_of('B', policy_for(direct), trusting()) > 0.8);
  CHECK(share_of('A', policy_for(suppress), trusting()) > 0.8);
  WorkingModel unsure;
  unsure.availability = 0.3, unsure.predictability = 0.3;
  CHECK(share_of('C', policy_for(escalate), unsure) > 0.8);
  WorkingModel afraid = trusting();
  afraid.fear = 0.9;
  CHECK(share_of('D', policy_for(direct), afraid) > 0.8);
}

TEST_CASE("strange situation: scales stay on their ranges and are whole numbers") {
  for (std::uint64_t d = 0; d < 200; ++d) {
    attachsim::sim::RandomStream stream(9, d, 100);
    auto p = parameters(3.0);  // large coder noise pushes scores to the ends
    const auto r = assess(p, policy_for(static_cast<int>(d % 3)), trusting(), stream);
    for (double scale : {r.proximity_seeking, r.contact_maintaining, r.avoidance, r.resistance}) {
      CHECK(scale >= 1);
      CHECK(scale <= 7);
      CHECK(scale == std::round(scale));
    }
    CHECK(r.disorganization >= 1);
    CHECK(r.disorganization <= 9);
  }
}

TEST_CASE("strange situation: the same infant and stream give the same result") {
  attachsim::sim::RandomStream a(3, 1, 100), b(3, 1, 100);
  const auto x = assess(parameters(0.5), policy_for(direct), trusting(), a);
  const auto y = assess(parameters(0.5), policy_for(direct), trusting(), b);
  CHECK(x.security == y.security);
  CHECK(x.attachment_class == y.attachment_class);
}

TEST_CASE("strange situation: approaching more does not by itself raise disorganization") {
  // The same fear (0.5) and a figure without atypical acts; one infant nearly always approaches, the
  // other nearly always turns away. Without coder noise the disorganization rating depends only on the
  // lapses fear causes, one draw per behaviour sample whatever the infant does. 2,000 assessments each:
  // the rating's SD is about 2, so the SE of a mean is 0.045 and of a difference 0.064; 0.25 is 4 SE.
  WorkingModel afraid = trusting();
  afraid.fear = 0.5;
  double approaching = 0, avoiding = 0;
  for (std::uint64_t d = 0; d < 2000; ++d) {
    attachsim::sim::RandomStream a(11, d, 100), b(12, d, 100);
    approaching += assess(parameters(0), policy_for(direct), afraid, a).disorganization;
    avoiding += assess(parameters(0), policy_for(suppress), afraid, b).disorganization;
  }
  CHECK(std::abs(approaching / 2000 - avoiding / 2000) < 0.25);
  CHECK(approaching / 2000 > 2);  // and the fear does show
}

TEST_CASE("strange situation: a figure who frightens in the room adds signs of disorganization") {
  // An infant without fear approaching a figure who threatens on about a third of bids: those acts are
  // signs of disorganization; a calm figure gives none. 500 assessments each, no coder noise.
  double calm = 0, frightening = 0;
  for (std::uint64_t d = 0; d < 500; ++d) {
    attachsim::sim::RandomStream a(13, d, 100), b(13, d, 100);
    calm += assess(parameters(0), policy_for(direct), trusting(), a, figure(0.5, 0)).disorganization;
    frightening += assess(parameters(0), policy_for(direct), trusting(), b, figure(0.5, 0.3)).disorganization;
  }
  CHECK(calm / 500 == 1.0);
  CHECK(frightening / 500 > 2);
}

TEST_CASE("strange situation: the figure's alarming acts are tallied as a coder of her behaviour sees them") {
  // A calm figure shows none. One who threatens at a rate of 0.3 per sample (abuse 0.3, no other
  // atypical source) shows about 0.3 x 16 = 4.8 in an assessment; over 2,000 assessments the mean's SE
  // is about sqrt(16 x 0.3 x 0.7 / 2000) = 0.041, and the mean must be within 4 SE (0.16) of 4.8. The tally is hers, not the
  // infant's: an infant that turns away sees as many as one that approaches (the same draws decide),
  // and each is one of the infant's signs of disorganization too.
  const auto p = parameters(0);
  const int samples = 2 * static_cast<int>(p.behaviours_per_reunion);
  const AnswerOdds calm = figure(0.5, 0), threatening = figure(0.5, 0.3);
  CHECK(threatening.cuts[0][direct].kind[1] == doctest::Approx(0.3));
  double approaching = 0, avoiding = 0;
  for (std::uint64_t d = 0; d < 2000; ++d) {
    attachsim::sim::RandomStream a(14, d, 100), b(14, d, 100), c(14, d, 100);
    CHECK(reunions(p, policy_for(direct), trusting(), calm, p.anger_at_unavailability, c).caregiver_alarming == 0);
    const auto near = reunions(p, policy_for(direct), trusting(), threatening, p.anger_at_unavailability, a);
    const auto away = reunions(p, policy_for(suppress), trusting(), threatening, p.anger_at_unavailability, b);
    CHECK(near.caregiver_alarming == away.caregiver_alarming);
    CHECK(near.disorganized * samples == doctest::Approx(near.caregiver_alarming));  // no fear: no lapses
    approaching += near.caregiver_alarming, avoiding += away.caregiver_alarming;
  }
  CHECK(std::abs(approaching / 2000 - 0.3 * samples) < 4 * std::sqrt(samples * 0.3 * 0.7 / 2000));
  CHECK(approaching == avoiding);
}

TEST_CASE("strange situation: an infant new to separation is overwhelmed in its share of samples, and only there") {
  // Overwhelm draws from its own stream: at share 0 (or for an infant used to separation) the reunions are
  // bit for bit what they are without it, and the reunions' own stream is left where it would be.
  const WorkingModel model = trusting();
  const double angry = parameters().anger_at_unavailability;
  for (std::uint64_t d = 0; d < 50; ++d) {
    attachsim::sim::RandomStream a(21, d, 100), b(21, d, 100), overwhelm(21, d, 2100);
    const auto plain = reunions(parameters(), policy_for(static_cast<int>(d % 3)), model, figure(), angry, a);
    const auto used = reunions(parameters(), policy_for(static_cast<int>(d % 3)), model, figure(), angry, b, {0.0, &overwhelm});
    CHECK(plain.approach == used.approach);
    CHECK(plain.avoid == used.avoid);
    CHECK(plain.resist == used.resist);
    CHECK(plain.disorganized == used.disorganized);
    CHECK(a.uniform() == b.uniform());
  }
  // An avoidant infant overwhelmed in half its samples: it approaches and resists in those and avoids in
  // the rest; its signs of disorganization are those it shows anyway (drawn from the reunions' stream).
  // 400 assessments of 16 samples: the share of overwhelmed samples has an SE of 0.006; 0.05 is 8 SE.
  WorkingModel afraid = trusting();
  afraid.fear = 0.5;
  double avoided = 0, resisted = 0, disorganized_plain = 0, disorganized_overwhelmed = 0;
  for (std::uint64_t d = 0; d < 400; ++d) {
    attachsim::sim::RandomStream a(22, d, 100), b(22, d, 100), overwhelm(22, d, 2100);
    const auto plain = reunions(parameters(), policy_for(suppress), afraid, figure(), angry, a);
    const auto new_to_it = reunions(parameters(), policy_for(suppress), afraid, figure(), angry, b, {0.5, &overwhelm});
    avoided += new_to_it.avoid, resisted += new_to_it.resist;
    disorganized_plain += plain.disorganized, disorganized_overwhelmed += new_to_it.disorganized;
  }
  CHECK(std::abs(avoided / 400 - 0.5) < 0.05);
  CHECK(std::abs(resisted / 400 - 0.5) < 0.05);  // held, but not settled
  CHECK(disorganized_plain == disorganized_overwhelmed);
}

TEST_CASE("strange situation: overwhelm makes a secure infant look resistant, and familiarity takes it away") {
  // A trusting infant that bids directly is B; overwhelmed in 60% of samples it is held but unsettled in
  // most of them and its resistance reaches the C cutoff. With 30 separation days behind it (three times
  // familiarity_days) its overwhelm is e^-3 of that and it stays B. 500 infants, coder noise 0.5.
  auto p = parameters(0.5);
  p.familiarity_days = 10, p.overwhelmed_unfamiliar = 0.6;
  CHECK(overwhelmed_share(p, 0) == 0.6);
  CHECK(overwhelmed_share(p, 30) == doctest::Approx(0.6 * std::exp(-3.0)));
  int c_new = 0, b_familiar = 0;
  for (std::uint64_t d = 0; d < 500; ++d) {
    attachsim::sim::RandomStream a(23, d, 100), b(23, d, 100), oa(23, d, 2100), ob(23, d, 2100);
    c_new += code(p, reunions(p, policy_for(direct), trusting(), figure(), p.anger_at_unavailability, a, {overwhelmed_share(p, 0), &oa}), a).attachment_class == 'C';
    b_familiar += code(p, reunions(p, policy_for(direct), trusting(), figure(), p.anger_at_unavailability, b, {overwhelmed_share(p, 30), &ob}), b).attachment_class == 'B';
  }
  CHECK(c_new / 500.0 > 0.8);
  CHECK(b_familiar / 500.0 > 0.8);
}

TEST_CASE("strange situation: anger at a figure not expected to come resists without escalating") {
  // An infant that bids directly to a sensitive figure, expecting her to come to a plain bid one time in
  // ten: held, it settles in about availability x (floor + (1 - floor) x predictability) of samples,
  // under .1 here. With no anger proneness (the rival account), a direct bid never scores resistance,
  // whatever it expects. With proneness 1, each unsettled sample resists with chance 1 - .1 = .9. She
  // comes in most samples, so about three in four of the 16 samples show resistance (binomial, p about
  // .75): the bound of a quarter (4) is 4.6 SD below that mean, so that none of 200 infants should fall
  // under it (chance under 1e-4).
  // An infant sure she will come (availability 1) is never angry.
  const auto p = parameters();
  WorkingModel doubting;
  doubting.availability = 0.1, doubting.predictability = 0.5;
  WorkingModel sure = doubting;
  sure.availability = 1.0;
  for (std::uint64_t d = 0; d < 200; ++d) {
    attachsim::sim::RandomStream off(31, d, 100), on(31, d, 100), certain(31, d, 100);
    CHECK(reunions(p, policy_for(direct), doubting, figure(), 0.0, off).resist == 0);
    CHECK(reunions(p, policy_for(direct), doubting, figure(), 1.0, on).resist > 0.25);
    CHECK(reunions(p, policy_for(direct), sure, figure(), 1.0, certain).resist == 0);
  }
}

TEST_CASE("strange situation: anger proneness is the parameter for average temperament, more for a reactive infant") {
  // logistic(logit(a) + shift), computed without a logarithm: exact at shift 0, monotone in the shift,
  // symmetric (a shift of -s from a gives 1 minus the shift of +s from 1 - a), and 0 and 1 stay put.
  CHECK(anger_proneness(0.5, 0.0) == doctest::Approx(0.5));
  CHECK(anger_proneness(0.3, 0.0) == doctest::Approx(0.3));
  CHECK(anger_proneness(0.5, 0.7) == doctest::Approx(1 / (1 + std::exp(-0.7))).epsilon(1e-12));
  CHECK(anger_proneness(0.3, -0.7) == doctest::Approx(1 - anger_proneness(0.7, 0.7)).epsilon(1e-12));
  CHECK(anger_proneness(0.5, 1.4) > anger_proneness(0.5, 0.7));
  CHECK(anger_proneness(0.0, 3.0) == 0.0);
  CHECK(anger_proneness(1.0, -3.0) == 1.0);
}
