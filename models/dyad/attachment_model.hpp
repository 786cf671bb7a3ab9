// The attachment model as the engine sees it (sim::Model): parameters, record layout, one dyad's
// life, and the population summary.
#pragma once

#include "models/reporting/dyad_columns.hpp"
#include "models/dyad/life_schedule.hpp"
#include "models/dyad/model_parameters.hpp"
#include "sim/core/model.hpp"

#include <memory>
#include <optional>

namespace attachsim::models {

class AttachmentModel : public sim::Model {
 public:
  AttachmentModel();

  std::vector<sim::ParameterSpec> parameters() const override;
  void configure(const sim::ResolvedConfig& config) override;
  std::vector<sim::Column> columns() const override;
  std::vector<sim::Series> series() const override;
  std::vector<double> series_ages_months() const override;
  std::vector<std::pair<std::string, std::string>> mechanisms() const override;
  std::vector<std::pair<std::string, std::string>> column_groups() const override;
  using sim::Model::simulate;
  void simulate(std::uint64_t seed, const sim::DyadPlace& place, const sim::DyadRecord* parent, bool record_series,
                sim::DyadRecord& record) const override;
  std::unique_ptr<sim::Summary> make_summary() const override;
  sim::TrialDesign trial_design() const override;

  const ModelParameters& parameters_in_use() const { return parameters_; }
  const DyadColumns& layout() const { return *columns_; }

 private:
  ModelParameters parameters_;
  std::int64_t generations_ = 1;
  std::optional<DyadColumns> columns_;
  std::optional<LifeSchedule> schedule_;
};

}  // namespace attachsim::models
