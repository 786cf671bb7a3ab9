// From the end of the simulated childhood to parenthood, coarsely: one step per year. The child
// leaves its early years with an attachment strategy (how often it suppresses or escalates intense
// distress) and a fear of its caregiver. Each year's relationships (at home, then partners and
// friends) and traumatic events revise that representation. Two accounts of stability are
// switchable (Fraley 2002): in the revisionist account the representation follows recent experience
// and the early form is gradually overwritten; in the prototype account the early form stays and
// keeps pulling the representation back. At parenthood the representation becomes a state of mind
// with respect to attachment (Main, Kaplan & Cassidy 1985): unresolved fear past its threshold makes it
// unresolved; otherwise the strategy further past its threshold decides, deactivation for dismissing
// and hyperactivation for preoccupied; below both it is autonomous. The dimensions behind that
// category are drawn as the first generation's are, so a state of mind means the same in every
// generation. Nothing here sees an attachment class.
#pragma once

#include "models/caregiver/state_of_mind.hpp"
#include "sim/core/parameter.hpp"
#include "sim/core/random_stream.hpp"

namespace attachsim::models {

enum class StabilityModel { prototype, revisionist };
inline const char* name_of(StabilityModel m) { return m == StabilityModel::prototype ? "prototype" : "revisionist"; }

struct AdulthoodParameters {
  bool follow;
  StabilityModel stability;
  double leave_home_years;
  double parenthood_years;
  double revision_rate;
  double prototype_weight;
  double experience_sd;
  double later_deactivation_mean;
  double later_hyperactivation_mean;
  double trauma_rate;
  double trauma_fear;
  double deactivation_threshold;
  double hyperactivation_threshold;
  double fear_threshold;
  double risk_continuity;
};

inline sim::ParameterTable<AdulthoodParameters> adulthood_table() {
  using P = AdulthoodParameters;
  return {
      sim::boolean("follow", &P::follow, false,
                   {"", "Follow every child into adulthood and give it a state of mind (always done when run.generations > 1).", "design choice"}),
      sim::choice("stability", &P::stability, {"prototype", "revisionist"}, 0,
                  {"", "Account of stability: 'prototype' (the early form keeps pulling the representation back) or 'revisionist' (later experience gradually overwrites it).", "Fraley 2002; Fraley & Brumbaugh 2004"}),
      sim::real("leave_home_years", &P::leave_home_years, 18, 5, 40,
                {"years", "Age until which the yearly relationship experience is the family's own (the same caregiving continues).", "assumption"}),
      sim::real("parenthood_years", &P::parenthood_years, 25, 15, 50,
                {"years", "Age at which the adult is interviewed (AAI) and has an infant of its own.", "assumption: mean age at first birth in Western cohorts, ~25-29"}),
      sim::real("revision_rate", &P::revision_rate, 0.15, 0, 1,
                {"per year", "Share of the gap between the representation and a year's relationship experience closed in that year.", "assumption; Fraley 2002 dynamic model"}),
      sim::real("prototype_weight", &P::prototype_weight, 0.10, 0, 1,
                {"per year", "Prototype account: share of the gap back to the early form closed each year (ignored by the revisionist account).", "assumption; Fraley 2002: test-retest stability levels off near r = .39 rather than falling to zero"}),
      sim::real("experience_sd", &P::experience_sd, 0.12, 0, 1,
                {"0-1", "SD of a year's relationship experience around what the relationship teaches.", "assumption"}),
      sim::real("later_deactivation_mean", &P::later_deactivation_mean, 0.2, 0, 1,
                {"0-1", "Deactivation that relationships outside the family teach, on average (after leave_home_years).", "assumption: near the population's mean strategy"}),
      sim::real("later_hyperactivation_mean", &P::later_hyperactivation_mean, 0.1, 0, 1,
                {"0-1", "Hyperactivation that relationships outside the family teach, on average.", "assumption"}),
      sim::real("trauma_rate", &P::trauma_rate, 0.01, 0, 1,
                {"per year", "Yearly rate of losses and traumas that can leave a state of mind unresolved.", "assumption; Main & Hesse 1990 on loss and trauma"}),
      sim::real("trauma_fear", &P::trauma_fear, 0.5, 0, 1,
                {"0-1", "Share of the gap to full unresolved fear that one trauma adds.", "assumption"}),
      sim::real("deactivation_threshold", &P::deactivation_threshold, 0.345, 0, 1,
                {"0-1", "Deactivation at or above which the adult's state of mind is dismissing (unless unresolved, or hyperactivation is further past its own threshold).", "calibrated: grown-up infants of configs/generations.yaml (normative, 60-month span) have the state_of_mind shares (docs/calibration.md)"}),
      sim::real("hyperactivation_threshold", &P::hyperactivation_threshold, 0.1225, 0, 1,
                {"0-1", "Hyperactivation at or above which the adult's state of mind is preoccupied (unless unresolved, or deactivation is further past its threshold).", "calibrated as deactivation_threshold"}),
      sim::real("fear_threshold", &P::fear_threshold, 0.14, 0, 1,
                {"0-1", "Unresolved fear at or above which the adult's state of mind is unresolved.", "calibrated as deactivation_threshold"}),
      sim::real("risk_continuity", &P::risk_continuity, 0, 0, 1,
                {"correlation", "How far a grown-up infant's household inherits the risk liabilities of the household it grew up in (0: drawn afresh, so only the state of mind is passed on; 1: the same liabilities).", "hypothesis switch, off by default; intergenerational persistence of income is about 0.3-0.5 (Chetty et al. 2014)"}),
  };
}

// The representation an individual carries: its strategy for distress and its unresolved fear.
struct AttachmentRepresentation {
  double deactivation = 0;     // learned suppression of attachment signals
  double hyperactivation = 0;  // learned escalation of attachment signals
  double fear = 0;             // fear from a frightening caregiver or trauma, not resolved
};

struct Adulthood {
  AttachmentRepresentation early, adult;
  int traumas = 0;
  StateOfMind mind;  // its category is the uncoded one; the AAI instrument codes its own
};

// The category a representation amounts to, and the organized one an unresolved mind is forced into.
struct MindCategories {
  bool unresolved = false;
  AaiCategory organized = AaiCategory::F;
};
MindCategories categorize(const AdulthoodParameters& p, const AttachmentRepresentation& r);

// Yearly steps from `child_years` to parenthood. Until leaving home the family keeps teaching what it
// taught (the early representation: the same caregiving, the same lesson); after, relationships teach
// the population's typical strategy and no fear of a caregiver.
Adulthood grow_up(const AdulthoodParameters& p, const StateOfMindParameters& som, const AttachmentRepresentation& early,
                  double child_years, sim::RandomStream& stream);

}  // namespace attachsim::models
