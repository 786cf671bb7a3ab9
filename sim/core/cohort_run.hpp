// A population run in the order every run must keep: lineages in blocks, each lineage's generations in
// turn (a parent's record is at hand when its child is simulated), blocks summarized and handed on in
// dyad order. The parallel engine (sim/engine) and the serial run below share the plan and the lineage
// step, so a run gives the same records on one thread, on many, and in the browser (the classroom's
// WebAssembly build, which has no threads).
#pragma once

#include "sim/core/model.hpp"
#include "sim/core/record.hpp"
#include "sim/core/run_settings.hpp"

#include <cstdint>
#include <functional>

namespace attachsim::sim {

// Receives finished blocks in dyad order.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void write(const RecordBlock& block) = 0;
};

struct RunStatistics {
  std::uint64_t dyads = 0;
  double wall_seconds = 0;
};

using ProgressCallback = std::function<void(std::uint64_t done, std::uint64_t total)>;

// How a run is cut into blocks of whole lineages.
class BlockPlan {
 public:
  BlockPlan(const Model& model, const RunSettings& settings);

  std::uint64_t lineages() const { return lineages_; }
  std::uint64_t block_lineages() const { return block_lineages_; }
  std::uint64_t total_dyads() const { return lineages_ * generations_; }
  RecordBlock make_block() const;  // room for one block, time series included when the run records them

  // Makes `block` hold the lineages from `first` on (as many as fit) and returns how many that is.
  std::uint64_t start(RecordBlock& block, std::uint64_t first) const;
  // Simulates every generation of lineage first + i into its rows of the block `start` prepared.
  void simulate_lineage(RecordBlock& block, std::uint64_t first, std::size_t i) const;
  // Hands a finished block to the summary, the sink and the progress callback, in dyad order.
  void finish(const RecordBlock& block, Summary& summary, RecordSink* sink, const ProgressCallback& progress) const;

 private:
  const Model& model_;
  const RunSettings& settings_;
  std::uint32_t generations_;
  std::uint64_t lineages_, block_lineages_;
};

// The run on the calling thread alone: the same records as run_population (sim/engine) with any
// number of threads.
RunStatistics run_population_serial(const Model& model, const RunSettings& settings, Summary& summary, RecordSink* sink,
                                    const ProgressCallback& progress = {});

}  // namespace attachsim::sim
