// The assessment that fits a tailored arm's components to each family: what a practitioner could see
// (a /dyads column, such as a screening instrument's reading or an observed rating), read with the
// error of a real assessment, never the simulator's hidden state as it is. A family's reading of a
// column is one measurement: every rule, component and arm that reads that column sees the same value.
#pragma once

#include "sim/core/record.hpp"
#include "sim/trials/trial_spec.hpp"

#include <cstdint>
#include <vector>

namespace attachsim::sim {

// Whether the family's assessment admits `rule`, given the column's true value: the value plus a
// normal error of rule.error_sd is held to the rule's bounds, and that verdict is then kept with
// chance rule.sensitivity (a true positive) or rule.specificity (a true negative). The draws come from
// a stream of (seed, dyad, column).
bool assessment_admits(const AssessmentRule& rule, double value, std::uint64_t seed, std::uint64_t dyad);

// The components a tailored arm gives a family (bit k: component k), from its row of `block` (the
// family as it was before any program: the reference twin).
std::uint32_t components_given(const TrialArm& arm, const RecordBlock& block, std::size_t row, const std::vector<Column>& columns,
                               std::uint64_t seed, std::uint64_t dyad);

}  // namespace attachsim::sim
