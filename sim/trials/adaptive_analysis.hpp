// Analysing an adaptive trial (SMART) as Nahum-Shani et al. (2012) describe: each embedded adaptive
// intervention (a first-stage arm, what non-responders are then given, what responders are given) is
// estimated by weighting and replicating: every family whose assignments are consistent with a
// sequence counts for it, weighted by the inverse of the chances of those assignments, so that a
// responder who was not re-randomized counts for every sequence that shares its first stage. And what
// no real SMART can do: the mean every enrolled family would have had under each sequence, from its
// counterfactual twins.
#pragma once

#include "sim/core/trial_design.hpp"
#include "sim/trials/trial_runner.hpp"
#include "sim/trials/trial_spec.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace attachsim::sim {

// An embedded adaptive intervention: its first-stage arm and the options of its non-responders and
// responders (-1: responders continue, the design having none for them).
struct EmbeddedSequence {
  std::size_t arm = 0;
  int non_responder_option = 0, responder_option = -1;
  std::string name;  // e.g. "vipp, non-responders: add_psychotherapy, responders: continue"
};

std::vector<EmbeddedSequence> embedded_sequences(const TrialSpec& spec);

// The estimate of one sequence's mean outcome at one follow-up.
struct SequenceEstimate {
  std::int64_t replicate = 0;
  double age_months = 0;
  std::string outcome, sequence;
  double consistent = 0;                // families consistent with the sequence whose outcome was measured
  double estimate = 0, low = 0, high = 0;  // weighted-and-replicated mean, bootstrap 95% interval
  double twins = 0;                     // mean over every enrolled family of its outcome under the sequence
  // Against the first sequence: the estimated difference with its bootstrap interval, and the twins'.
  double difference = 0, difference_low = 0, difference_high = 0, twins_difference = 0;
};

// Bootstrap resamples of the families for the intervals (percentiles 2.5 and 97.5).
constexpr int adaptive_bootstrap_draws = 1000;

std::vector<SequenceEstimate> adaptive_estimates(const TrialSpec& spec, const TrialDesign& design, const std::vector<Column>& columns,
                                                 const TrialReplicate& r, std::int64_t replicate);

std::string format_adaptive(const TrialSpec& spec, const TrialReplicate& r, const std::vector<SequenceEstimate>& rows);

}  // namespace attachsim::sim
