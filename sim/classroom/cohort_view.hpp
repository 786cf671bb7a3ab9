// The page's first view, birth to two years: a cohort's signalling month by month, its Strange
// Situation classes at each assessment and who moved between them, the mean expectations by final
// class, and one typical baby of each class (typical_member.hpp) followed month by month.
#pragma once

#include "sim/classroom/model_outputs.hpp"
#include "sim/classroom/typical_member.hpp"
#include "sim/core/cohort_run.hpp"
#include "sim/core/model.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace attachsim::sim::classroom {

// Receives the cohort's blocks in dyad order (so the answer is the same for any thread count) and
// summarizes them for the page.
class CohortView : public RecordSink {
 public:
  CohortView(const Model& model, const std::vector<double>& assessment_ages);
  void write(const RecordBlock& block) override;
  nlohmann::json to_json() const;

 private:
  nlohmann::json means(const std::vector<double>& sums, std::uint64_t n) const;

  std::vector<Series> series_;
  std::size_t steps_;
  std::vector<double> ages_;
  std::vector<std::size_t> class_columns_;  // one per assessment age
  std::vector<std::size_t> organized_columns_;  // the forced A/B/C class, one per assessment age
  std::vector<std::size_t> typical_position_;  // the last assessment's working-model and strategy columns
  std::size_t suppress_, direct_, escalate_, fear_;

  std::uint64_t dyads_ = 0;
  std::vector<std::array<std::uint64_t, class_count>> class_counts_;  // per assessment
  std::vector<std::array<std::uint64_t, class_count>> organized_counts_;  // per assessment (no D)
  std::vector<std::array<std::array<std::uint64_t, class_count>, class_count>> moves_;  // per pair of successive assessments
  std::array<std::vector<std::uint64_t>, 4> pattern_;  // suppress, direct, escalate, fear > 0.5: babies per month
  std::vector<double> all_;                            // series sums over every baby
  std::array<std::vector<double>, class_count> by_class_;  // series sums by final class
  std::array<std::uint64_t, class_count> class_dyads_{};

  struct Baby {
    std::vector<int> classes;     // per assessment
    std::vector<double> series;   // every series, month by month
  };
  std::array<std::vector<Member>, class_count> members_;  // by final class
  std::array<std::vector<Baby>, class_count> babies_;     // parallel to members_
};

}  // namespace attachsim::sim::classroom
