// The contract between the engine and a model. The engine schedules, seeds and records; the model
// declares its parameters, simulates one unit (a dyad) from a seed, and summarizes a population.
// The model library defines make_model(), so the engine never names the science it runs.
#pragma once

#include "sim/config.hpp"
#include "sim/parameter.hpp"
#include "sim/record.hpp"
#include "sim/run_settings.hpp"
#include "sim/trial_design.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace attachsim::sim {

struct SummaryValue {
  std::string name;
  double value = 0;
  std::string unit;
  std::string description;
};

// Population summary, fed one record at a time in dyad order (so it is identical for any thread
// count) and mergeable across ranks later.
class Summary {
 public:
  virtual ~Summary() = default;
  virtual void add(const RecordBlock& block, std::size_t row) = 0;
  virtual std::vector<SummaryValue> values() const = 0;
  virtual std::string report() const = 0;  // a short human-readable text
};

class Model {
 public:
  virtual ~Model() = default;

  virtual std::vector<ParameterSpec> parameters() const = 0;
  // Binds a resolved config and checks relations between parameters; throws InputError.
  virtual void configure(const ResolvedConfig& config) = 0;

  virtual std::vector<Column> columns() const = 0;
  virtual std::vector<Series> series() const = 0;
  virtual std::vector<double> series_ages_months() const = 0;
  // Which alternative of each replaceable mechanism is in use, recorded in the output.
  virtual std::vector<std::pair<std::string, std::string>> mechanisms() const = 0;

  // Simulates one dyad's life; every random draw comes from streams of (seed, dyad, purpose).
  virtual void simulate(std::uint64_t seed, std::uint64_t dyad, bool record_series, DyadRecord& record) const = 0;

  virtual std::unique_ptr<Summary> make_summary() const = 0;

  // How simulated randomized trials measure and analyse this model (sim/trial_runner.hpp).
  virtual TrialDesign trial_design() const = 0;
};

std::unique_ptr<Model> make_model();  // defined by the model library

// Every parameter of a scenario file: the run settings, then the model's.
inline std::vector<ParameterSpec> scenario_schema(const Model& model) {
  std::vector<ParameterSpec> schema = specs_of(run_settings_table());
  for (auto& spec : model.parameters()) schema.push_back(std::move(spec));
  return schema;
}

}  // namespace attachsim::sim
