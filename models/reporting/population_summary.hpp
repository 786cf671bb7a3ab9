// What a population of dyads shows as researchers report it: the distribution of Strange Situation
// classes with 95% intervals, mean observed sensitivity, and the sensitivity-security correlation
// (De Wolff & van IJzendoorn 1997), plus the AAI distribution of the caregivers. These describe the
// first generation, the population as configured; later development and the transmission across
// generations are reported beside them.
#pragma once

#include "models/reporting/agreement_summary.hpp"
#include "models/reporting/childhood_summary.hpp"
#include "models/reporting/dyad_columns.hpp"
#include "models/dyad/model_parameters.hpp"
#include "models/reporting/stability_summary.hpp"
#include "models/reporting/transmission_summary.hpp"
#include "sim/core/model.hpp"
#include "sim/core/statistics.hpp"

#include <array>
#include <optional>
#include <vector>

namespace attachsim::models {

class PopulationSummary : public sim::Summary {
 public:
  PopulationSummary(const ModelParameters& p, const DyadColumns& columns, std::size_t generations);
  void add(const sim::RecordBlock& block, std::size_t row) override;
  std::vector<sim::SummaryValue> values() const override;
  std::string report() const override;
  std::vector<sim::SummaryTable> tables() const override;

 private:
  struct Classes {
    std::array<std::uint64_t, 4> attachment{};  // A, B, C, D
    std::array<std::uint64_t, 3> organized{};   // A, B, C
    sim::RunningMoments security;
    std::uint64_t assessed = 0;  // dyads whose assessed figure was in their life that day: the shares' base
  };
  const ModelParameters& p_;
  const DyadColumns& columns_;
  std::uint64_t dyads_ = 0, episodes_ = 0;
  std::vector<Classes> ssp_;
  std::vector<sim::RunningMoments> sensitivity_;
  sim::RunningCorrelation sensitivity_security_;
  std::vector<sim::RunningMoments> partner_sensitivity_;  // visits with the partner, where one took place
  sim::RunningCorrelation partner_sensitivity_security_;   // his observed sensitivity, security with him
  bool partner_correlated_;  // the partner both observed at home and assessed in the Strange Situation
  std::size_t correlated_observation_ = 0;  // the observation paired with the first Strange Situation
  std::size_t generations_ = 1;             // the report says that its counts are of the first generation
  std::array<std::uint64_t, 4> aai_{};        // F, Ds, E, U as coded
  // Breakdowns of the first Strange Situation by risk: stratum (low, high) and cumulative-risk group.
  std::array<std::array<std::uint64_t, 4>, 2> by_stratum_{};
  std::array<std::array<std::uint64_t, 4>, 3> by_risk_group_{};  // 0-1, 2-4, 5 or more risks
  sim::RunningMoments depression_first_year_;
  std::uint64_t partner_days_first_year_ = 0, partner_depressed_days_first_year_ = 0;
  sim::RunningCorrelation parents_depression_;  // first-year shares, infants with a partner all year
  std::optional<ChildhoodSummary> childhood_;        // with preschool assessments
  std::optional<TransmissionSummary> transmission_;  // with a Strange Situation
  std::optional<StabilitySummary> stability_;        // with two or more Strange Situation ages
  std::optional<AgreementSummary> agreement_;        // with a second figure, coder or rater
};

}  // namespace attachsim::models
