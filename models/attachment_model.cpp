#include "models/attachment_model.hpp"

#include "models/dyad_life.hpp"
#include "models/population_summary.hpp"

#include <cmath>

namespace attachsim::models {

AttachmentModel::AttachmentModel() {
  configure(sim::ResolvedConfig(parameters()));  // defaults until a scenario is configured
}

std::vector<sim::ParameterSpec> AttachmentModel::parameters() const { return sim::specs_of(model_parameter_table()); }

void AttachmentModel::configure(const sim::ResolvedConfig& config) {
  parameters_ = bind_model_parameters(config);
  columns_.emplace(parameters_);
  schedule_.emplace(parameters_);
}

std::vector<sim::Column> AttachmentModel::columns() const { return columns_->columns(); }

std::vector<sim::Series> AttachmentModel::series() const { return DyadColumns::series(); }

std::vector<double> AttachmentModel::series_ages_months() const {
  std::vector<double> ages;
  for (int m = 0; m <= static_cast<int>(std::floor(parameters_.development.span_months)); ++m) ages.push_back(m);
  return ages;
}

std::vector<std::pair<std::string, std::string>> AttachmentModel::mechanisms() const {
  return {{"learning_rule", name_of(parameters_.learning.rule)}};
}

void AttachmentModel::simulate(std::uint64_t seed, std::uint64_t dyad, bool record_series,
                               sim::DyadRecord& record) const {
  live_dyad(parameters_, *schedule_, *columns_, seed, dyad, record_series, record);
}

std::unique_ptr<sim::Summary> AttachmentModel::make_summary() const {
  return std::make_unique<PopulationSummary>(parameters_, *columns_);
}

}  // namespace attachsim::models

namespace attachsim::sim {
std::unique_ptr<Model> make_model() { return std::make_unique<models::AttachmentModel>(); }
}  // namespace attachsim::sim
