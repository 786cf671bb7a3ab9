// Later development as longitudinal studies report it (Sroufe et al. 2005; Groh et al. 2014, 2017;
// Fearon et al. 2010): preschool outcomes by infant attachment class, the secure-insecure difference
// as Cohen's d, security as a protective factor (the drop in competence from low to high cumulative
// risk among secure and among insecure children), and the stability of attachment from the first
// Strange Situation to the preschool assessment, with and without stressful life events and a year
// or more of caregiver depression (Vaughn et al. 1979; Egeland & Farber 1984).
#pragma once

#include "models/reporting/dyad_columns.hpp"
#include "sim/core/model.hpp"
#include "sim/core/statistics.hpp"

#include <array>
#include <string>
#include <vector>

namespace attachsim::models {

class ChildhoodSummary {
 public:
  ChildhoodSummary(const DyadColumns& columns, std::vector<std::string> preschool_ages, std::string infant_age);
  void add(const sim::RecordBlock& block, std::size_t row);
  std::vector<sim::SummaryValue> values() const;
  std::vector<sim::SummaryTable> tables() const;
  std::string report() const;

  static constexpr int outcome_count = 4;  // social competence, empathy, externalizing, internalizing
  static constexpr int risk_groups = 3;    // 0-1, 2-4, 5 or more cumulative risks

 private:
  struct Age {
    std::array<std::array<sim::RunningMoments, outcome_count>, 4> by_class;   // infant B, A, C, D
    std::array<std::array<sim::RunningMoments, outcome_count>, 2> by_security;  // secure, insecure
    std::array<std::array<std::array<sim::RunningMoments, outcome_count>, 2>, risk_groups> by_risk;  // [risk][secure?]
    std::array<std::array<std::uint64_t, 4>, 4> stability{};  // [infant B/A/C/D][preschool B/A/C/D]
    std::array<std::array<std::uint64_t, 2>, 2> stable_secure_by_events{};      // [life events 0 / 1+][changed, stable]
    std::array<std::array<std::uint64_t, 2>, 2> stable_secure_by_depression{};  // [depressed < 1 year / >= 1 year][...]
  };
  const DyadColumns& columns_;
  std::vector<std::string> ages_;
  std::string infant_age_;
  std::vector<Age> at_;
};

}  // namespace attachsim::models
