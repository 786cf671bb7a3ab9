#include "sim/engine/engine.hpp"

#include "sim/core/stop_request.hpp"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <chrono>

namespace attachsim::sim {

void simulate_dyads(const Model& model, std::uint64_t seed, const std::vector<std::uint64_t>& dyads, int threads,
                    RecordBlock& out) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  stop_if_requested();
  out.reset(0, dyads.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, dyads.size(), 16), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t row = r.begin(); row != r.end(); ++row) {
      out.clear_row(row);  // blocks are reused (a trial's arms): what a dyad leaves unwritten reads 0
      DyadRecord record(out, row);
      model.simulate(seed, dyads[row], false, record);
    }
  });
}

RunStatistics run_population(const Model& model, const RunSettings& settings, int threads, Summary& summary,
                             RecordSink* sink, const ProgressCallback& progress) {
  const auto start = std::chrono::steady_clock::now();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const BlockPlan plan(model, settings);

  // Two blocks: while one is simulated in parallel, the other is summarized and written (in dyad
  // order, by one task), so output overlaps with compute instead of idling the other cores.
  RecordBlock blocks[2] = {plan.make_block(), plan.make_block()};
  tbb::task_group output;
  int current = 0;
  for (std::uint64_t first = 0; first < plan.lineages(); first += plan.block_lineages(), current ^= 1) {
    if (stop_requested.load(std::memory_order_relaxed)) {
      output.wait();  // the block being written still uses the sink
      throw Interrupted();
    }
    RecordBlock& block = blocks[current];
    const std::uint64_t count = plan.start(block, first);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, static_cast<std::size_t>(count), 16),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                        for (std::size_t i = r.begin(); i != r.end(); ++i) plan.simulate_lineage(block, first, i);
                      });
    output.wait();  // the previous block is out before this one goes, and before its buffer is reused
    output.run([&plan, &block, &summary, sink, &progress] { plan.finish(block, summary, sink, progress); });
  }
  output.wait();

  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  return {plan.total_dyads(), wall.count()};
}

}  // namespace attachsim::sim
