// The contract between the engine and a model. The engine schedules, seeds and records; the model
// declares its parameters, simulates one unit (a dyad) from a seed, and summarizes a population.
// The model library defines make_model(), so the engine never names the science it runs.
#pragma once

#include "sim/core/config.hpp"
#include "sim/core/parameter.hpp"
#include "sim/core/record.hpp"
#include "sim/core/run_settings.hpp"
#include "sim/core/trial_design.hpp"

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

// A small table a summary reports beside its values (e.g. a concordance table): a group of
// one-dimensional datasets, numbers or texts, each with units and description.
struct ReportColumn {
  std::string name, unit, description;
  std::vector<double> numbers;
  std::vector<std::string> texts;  // used when not empty
};
struct SummaryTable {
  std::string path;  // e.g. "generations/transmission"
  std::string description;
  std::vector<ReportColumn> columns;
};

// Where a simulated dyad sits. A run simulates run.dyads lineages of run.generations dyads each: the
// infant of generation g becomes the caregiver in generation g + 1, so a lineage is simulated in
// order, in one task. Rows are lineage-major: row = lineage x generations + generation.
struct DyadPlace {
  std::uint64_t lineage = 0;
  std::uint32_t generation = 0;
  std::uint64_t row = 0;
  // The dyad's key in (seed, dyad, purpose): the lineage for the first generation, so that the first
  // generation of a many-generation run is bitwise the run of one generation.
  std::uint64_t stream_key() const { return lineage + (static_cast<std::uint64_t>(generation) << generation_shift); }
  static constexpr int generation_shift = 48;
};

// The lineage of a stream key, and the key of its generation's first lineage.
constexpr std::uint64_t lineage_of(std::uint64_t key) { return key & ((std::uint64_t{1} << DyadPlace::generation_shift) - 1); }
constexpr std::uint64_t generation_start(std::uint64_t key) { return key - lineage_of(key); }

// Population summary, fed one record at a time in dyad order (so it is identical for any thread
// count) and mergeable across ranks later.
class Summary {
 public:
  virtual ~Summary() = default;
  virtual void add(const RecordBlock& block, std::size_t row) = 0;
  virtual std::vector<SummaryValue> values() const = 0;
  virtual std::string report() const = 0;  // a short human-readable text
  virtual std::vector<SummaryTable> tables() const { return {}; }
};

class Model {
 public:
  virtual ~Model() = default;

  virtual std::vector<ParameterSpec> parameters() const = 0;
  // Binds a resolved config and checks relations between parameters; throws InputError.
  virtual void configure(const ResolvedConfig& config) = 0;

  virtual std::vector<Column> columns() const = 0;
  // Description of each group named by a column (Column::group), for the output file.
  virtual std::vector<std::pair<std::string, std::string>> column_groups() const = 0;
  virtual std::vector<Series> series() const = 0;
  virtual std::vector<double> series_ages_months() const = 0;
  // Which alternative of each replaceable mechanism is in use, recorded in the output.
  virtual std::vector<std::pair<std::string, std::string>> mechanisms() const = 0;

  // Simulates one dyad's life; every random draw comes from streams of (seed, place.stream_key(),
  // purpose). `parent` is the record of the dyad of the previous generation, null in the first.
  virtual void simulate(std::uint64_t seed, const DyadPlace& place, const DyadRecord* parent, bool record_series,
                        DyadRecord& record) const = 0;
  // A first-generation dyad on its own (trials, tests): lineage = row = dyad.
  void simulate(std::uint64_t seed, std::uint64_t dyad, bool record_series, DyadRecord& record) const {
    simulate(seed, DyadPlace{dyad, 0, dyad}, nullptr, record_series, record);
  }

  virtual std::unique_ptr<Summary> make_summary() const = 0;

  // How simulated randomized trials measure and analyse this model (sim/trials/trial_runner.hpp).
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
