// Agreement between two readings of one infant at one age: the Strange Situation with the primary
// caregiver and with the partner (concordance of attachments to two figures; Fox, Kimmerly & Schafer
// 1991), and the reliability checks a study reports: two coders of the same Strange Situation
// (inter-coder agreement) and two raters of the same home visit (inter-rater correlation).
#pragma once

#include "models/reporting/dyad_columns.hpp"
#include "models/reporting/transmission_summary.hpp"
#include "sim/core/model.hpp"
#include "sim/core/statistics.hpp"

#include <string>
#include <vector>

namespace attachsim::models {

class AgreementSummary {
 public:
  AgreementSummary(const DyadColumns& columns, const std::vector<double>& ssp_ages, const std::vector<double>& observation_ages);
  void add(const sim::RecordBlock& block, std::size_t row);
  std::vector<sim::SummaryValue> values() const;
  std::vector<sim::SummaryTable> tables() const;
  std::string report() const;
  bool empty() const { return figures_.empty() && coders_.empty() && raters_.empty(); }

 private:
  const DyadColumns& columns_;
  std::vector<std::string> ssp_ages_, observation_ages_;
  std::vector<CategoryTable> figures_;  // per SSP age: with the primary caregiver [B,A,C,D] by with the partner
  std::vector<CategoryTable> coders_;   // per SSP age: first coder by second coder
  std::vector<sim::RunningCorrelation> raters_;  // per observation age
};

}  // namespace attachsim::models
