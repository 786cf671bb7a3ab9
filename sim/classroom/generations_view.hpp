// The page's second view, three linked generations: how each generation's parents' state of mind
// (Adult Attachment Interview) goes with their infants' Strange Situation class, how an infant's class
// goes with the state of mind it has as a grown-up parent, what the children are like at preschool by
// their infant class, and a few families followed through all generations.
#pragma once

#include "sim/core/cohort_run.hpp"
#include "sim/core/model.hpp"
#include "sim/core/statistics.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace attachsim::sim::classroom {

class GenerationsView : public RecordSink {
 public:
  // `infant_age`: the Strange Situation that classifies the infants; `preschool_age`: the preschool
  // assessment; `families`: how many lineages to show whole.
  GenerationsView(const Model& model, int generations, double infant_age, double preschool_age, std::size_t families);
  void write(const RecordBlock& block) override;
  nlohmann::json to_json() const;

 private:
  using Table = std::array<std::array<std::uint64_t, 4>, 4>;
  struct Outcome {
    std::string name, unit, description;
    std::size_t column;
    std::array<RunningMoments, 4> by_class;
  };

  int generations_;
  std::size_t families_;
  std::size_t generation_, infant_class_, parent_mind_, adult_mind_, preschool_class_;
  std::vector<Table> parent_by_infant_;  // per generation: parents' state of mind (rows) x infant class
  Table infant_by_adult_{};              // infant class (rows) x the same person's state of mind as a parent
  Table infant_by_preschool_{};          // infant class (rows) x preschool attachment class
  std::vector<Outcome> outcomes_;
  nlohmann::json lineages_ = nlohmann::json::array();
  std::uint64_t dyads_ = 0;
};

}  // namespace attachsim::sim::classroom
