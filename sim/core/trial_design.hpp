// What a model offers to simulated trials: its instruments (and the parameter that lists the ages at
// which each is applied), the outcomes a trial reports at a follow-up, the columns that hold a dyad's
// program cost and adherence, and the moderators of "who benefits most".
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace attachsim::sim {

struct TrialOutcome {
  std::string name;            // e.g. "secure"
  std::string column;          // the /dyads column it is read from
  bool binary = false;         // binary: column == positive_label; else continuous
  std::string positive_label;  // for binary outcomes on label columns
  std::string unit;
  std::string description;
};

struct TrialModerator {
  std::string name;
  std::string column;
  std::vector<double> edges;  // bins [edge_i, edge_i+1); empty: every distinct value is a level
  bool median_split = false;  // above/below the enrolled median (continuous traits)
};

struct Instrument {
  std::string name;       // as a trial names it, e.g. "strange_situation"
  std::string ages_key;   // the parameter listing its ages, e.g. "strange_situation.ages_months"
};

struct TrialDesign {
  std::vector<Instrument> instruments;
  // Outcomes at a follow-up age, given the instruments applied there.
  std::function<std::vector<TrialOutcome>(double age, const std::vector<std::string>& instruments)> outcomes;
  std::string success_outcome;   // binary outcome counted for NNT and cost per additional success
  std::string cost_column;       // cost of the program received
  std::string cost_unit;
  std::string adherence_column;  // 1 if the dyad received the program as planned (per-protocol)
  std::vector<TrialModerator> moderators;
  // Change per arm (/trial/transitions): binary outcomes whose shares are reported at baseline and at
  // follow-up, and one binary outcome whose transitions are counted both ways, named `transition_absent`
  // when absent (e.g. insecure to secure and secure to insecure).
  std::vector<std::string> tracked_outcomes;
  std::string transition_outcome, transition_absent;
  // Tailored arms: the parameter prefix of each slot a component of a tailored program can fill (an
  // arm's k-th component sets `<slot k>.*`); empty if the model has no such slots.
  std::vector<std::string> component_slots;
  // The key, under a slot, of the age its program starts (`<slot>.<component_start>`): a second-stage
  // option must not start before the decision that assigns it. Empty if the model has no such key.
  std::string component_start;
  // Adaptive trials: the parameter that stops an arm's own program at an age (a switch at a decision
  // point); empty if the model cannot.
  std::string program_stop_key;
};

}  // namespace attachsim::sim
