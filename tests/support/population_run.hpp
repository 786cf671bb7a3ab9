// Running the attachment model in-process on a scenario and keeping every record, for model tests.
#pragma once

#include "models/dyad/attachment_model.hpp"
#include "sim/core/config.hpp"
#include "sim/input/yaml_settings.hpp"
#include "sim/engine/engine.hpp"
#include "sim/core/run_settings.hpp"

#include <map>
#include <string>
#include <vector>

namespace attachsim::testing {

struct PopulationRun {
  std::map<std::string, std::vector<double>> columns;  // by column name, one value per dyad
  std::map<std::string, double> summary;

  // Labels (e.g. SSP classes) of a label column.
  std::vector<std::string> labels(const std::string& column) const {
    std::vector<std::string> out;
    for (double code : columns.at(column)) out.push_back(sim::label_text(code));
    return out;
  }

  double share(const std::string& column, const std::string& label) const {
    const auto all = labels(column);
    double k = 0;
    for (const auto& l : all) k += l == label;
    return all.empty() ? 0.0 : k / static_cast<double>(all.size());
  }
};

class KeepEverything : public sim::RecordSink {
 public:
  KeepEverything(const std::vector<sim::Column>& columns, PopulationRun& run) : columns_(columns), run_(run) {}
  void write(const sim::RecordBlock& block) override {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      auto& v = run_.columns[columns_[c].name];
      v.insert(v.end(), block.column(c), block.column(c) + block.size());
    }
  }

 private:
  std::vector<sim::Column> columns_;
  PopulationRun& run_;
};

// Runs CONFIG (a path relative to the source tree) with KEY=VALUE overrides.
inline PopulationRun run_population(const std::string& config, const std::vector<std::string>& overrides = {},
                                    int threads = 2) {
  models::AttachmentModel model;
  const auto resolved = sim::load_config(std::string(ATTACHSIM_SOURCE_DIR) + "/" + config, sim::scenario_schema(model), overrides);
  model.configure(resolved);
  sim::RunSettings settings;
  resolved.bind(sim::run_settings_table(), settings);
  PopulationRun run;
  KeepEverything sink(model.columns(), run);
  auto summary = model.make_summary();
  sim::run_population(model, settings, threads, *summary, &sink);
  for (const auto& v : summary->values()) run.summary[v.name] = v.value;
  return run;
}

}  // namespace attachsim::testing
