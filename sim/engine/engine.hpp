// Runs a model over a population in blocks: each block is simulated in parallel with oneTBB, then
// summarized and handed to the output in dyad order, so results do not depend on the thread count
// and memory does not grow with the number of dyads.
#pragma once

#include "sim/core/model.hpp"
#include "sim/core/record.hpp"
#include "sim/core/run_settings.hpp"

#include <functional>
#include <vector>

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

// Simulates the listed dyads (in list order) into `out`, whose capacity must hold them all.
void simulate_dyads(const Model& model, std::uint64_t seed, const std::vector<std::uint64_t>& dyads, int threads,
                    RecordBlock& out);

RunStatistics run_population(const Model& model, const RunSettings& settings, int threads, Summary& summary,
                             RecordSink* sink, const ProgressCallback& progress = {});

}  // namespace attachsim::sim
