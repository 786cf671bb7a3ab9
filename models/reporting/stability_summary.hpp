// Stability and change of attachment between Strange Situation ages, as longitudinal studies report
// it (Waters 1978; Vaughn, Egeland, Sroufe & Waters 1979; Pinquart, Feussner & Ahnert 2013; Opie et
// al. 2021): for every pair of ages the 4-way and secure/insecure agreement and Cohen's kappa, overall
// and by risk stratum; and the class transitions with the changes in caregiving and in the family's
// life that came between the two assessments (Egeland & Farber 1984; Weinfield, Sroufe & Egeland 2000:
// change follows change in caregiving).
#pragma once

#include "models/reporting/dyad_columns.hpp"
#include "models/reporting/transmission_summary.hpp"
#include "sim/core/model.hpp"
#include "sim/core/statistics.hpp"

#include <array>
#include <string>
#include <vector>

namespace attachsim::models {

class StabilitySummary {
 public:
  StabilitySummary(const DyadColumns& columns, const std::vector<double>& ages);
  void add(const sim::RecordBlock& block, std::size_t row);
  std::vector<sim::SummaryValue> values() const;
  std::vector<sim::SummaryTable> tables() const;
  std::string report() const;

  // The four ways a dyad can go between two assessments.
  enum Transition : int { stays_secure, becomes_secure, becomes_insecure, stays_insecure, transition_count };

 private:
  // What came between the two assessments, summed over the dyads of one transition.
  struct Between {
    std::uint64_t dyads = 0;
    double sensitivity_change = 0, responsiveness_change = 0, stress_change = 0, life_events = 0, violence_events = 0;
    std::uint64_t hardship_entered = 0, hardship_left = 0, violence_started = 0, violence_ended = 0, partner_left = 0,
                  partner_came = 0, depression_began = 0, depression_ended = 0, maltreatment_began = 0,
                  maltreatment_ended = 0;
  };
  struct Pair {
    std::size_t first, second;
    std::string label;                      // e.g. "12m_24m"
    std::array<CategoryTable, 3> classes{};  // all, low-risk stratum, high-risk stratum; [B,A,C,D][B,A,C,D]
    std::array<Between, transition_count> between{};
  };
  const DyadColumns& columns_;
  std::vector<std::string> ages_;
  std::vector<Pair> pairs_;
};

}  // namespace attachsim::models
