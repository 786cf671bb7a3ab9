// The serial run (sim/core/cohort_run.hpp, what the classroom's browser build uses) gives bitwise the
// records, time series and summary of the parallel engine, for one generation and for linked
// generations cut into several blocks.
#include "models/dyad/attachment_model.hpp"
#include "sim/core/cohort_run.hpp"
#include "sim/core/config.hpp"
#include "sim/engine/engine.hpp"
#include "sim/input/yaml_settings.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace sim = attachsim::sim;

namespace {

// Every number a run hands on: record values, then time series, block by block in dyad order.
class KeepBits : public sim::RecordSink {
 public:
  KeepBits(std::size_t columns, std::size_t series) : columns_(columns), series_(series) {}
  void write(const sim::RecordBlock& block) override {
    for (std::size_t c = 0; c < columns_; ++c) numbers.insert(numbers.end(), block.column(c), block.column(c) + block.size());
    for (std::size_t s = 0; s < series_; ++s)
      numbers.insert(numbers.end(), block.series(s), block.series(s) + block.size() * block.steps());
  }
  std::vector<double> numbers;

 private:
  std::size_t columns_, series_;
};

struct Outcome {
  std::vector<double> numbers;
  std::vector<double> summary;
  std::uint64_t dyads = 0;
};

Outcome run(const std::string& scenario, const std::vector<std::string>& overrides, int threads) {
  attachsim::models::AttachmentModel model;
  const auto config = sim::load_config(std::string(ATTACHSIM_SOURCE_DIR) + "/" + scenario, sim::scenario_schema(model),
                                       overrides);
  model.configure(config);
  sim::RunSettings settings;
  config.bind(sim::run_settings_table(), settings);
  KeepBits sink(model.columns().size(), settings.timeseries ? model.series().size() : 0);
  auto summary = model.make_summary();
  const auto stats = threads == 0 ? sim::run_population_serial(model, settings, *summary, &sink)
                                  : sim::run_population(model, settings, threads, *summary, &sink);
  Outcome out{std::move(sink.numbers), {}, stats.dyads};
  for (const auto& v : summary->values()) out.summary.push_back(v.value);
  return out;
}

// Bitwise, so that NaN equals NaN and 0.0 differs from -0.0.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

TEST_CASE("serial run: bitwise the parallel engine's records, series and summary") {
  const std::vector<std::pair<std::string, std::vector<std::string>>> scenarios = {
      // one generation with monthly time series, in blocks of 64 dyads
      {"configs/normative.yaml", {"run.dyads=150", "run.seed=11", "run.timeseries=true", "run.chunk_dyads=64"}},
      // three linked generations followed to preschool and adulthood, blocks of 10 lineages
      {"configs/generations.yaml", {"run.dyads=40", "run.seed=12", "run.chunk_dyads=30"}},
  };
  for (const auto& [scenario, overrides] : scenarios) {
    CAPTURE(scenario);
    const Outcome serial = run(scenario, overrides, 0), parallel = run(scenario, overrides, 2);
    CHECK(serial.dyads == parallel.dyads);
    CHECK(!serial.numbers.empty());
    CHECK(same_bits(serial.numbers, parallel.numbers));
    CHECK(same_bits(serial.summary, parallel.summary));
  }
}
