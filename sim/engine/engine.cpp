#include "sim/engine/engine.hpp"

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
  out.reset(0, dyads.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, dyads.size(), 16), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t row = r.begin(); row != r.end(); ++row) {
      DyadRecord record(out, row);
      model.simulate(seed, dyads[row], false, record);
    }
  });
}

RunStatistics run_population(const Model& model, const RunSettings& settings, int threads, Summary& summary,
                             RecordSink* sink, const ProgressCallback& progress) {
  const auto start = std::chrono::steady_clock::now();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));

  // A block holds whole lineages, so that a parent's record is at hand when its child is simulated.
  const auto generations = static_cast<std::uint32_t>(settings.generations);
  const auto lineages = static_cast<std::uint64_t>(settings.dyads);
  const std::uint64_t total = lineages * generations;
  const auto block_lineages =
      static_cast<std::uint64_t>(std::max<std::int64_t>(1, std::min(settings.chunk_dyads / settings.generations, settings.dyads)));
  const auto capacity = static_cast<std::size_t>(block_lineages * generations);
  const std::size_t steps = settings.timeseries ? model.series_ages_months().size() : 0;
  const std::size_t series = settings.timeseries ? model.series().size() : 0;
  const auto seed = static_cast<std::uint64_t>(settings.seed);

  // Two blocks: while one is simulated in parallel, the other is summarized and written (in dyad
  // order, by one task), so output overlaps with compute instead of idling the other cores.
  RecordBlock blocks[2] = {{model.columns().size(), series, steps, capacity},
                           {model.columns().size(), series, steps, capacity}};
  const auto finish = [&](const RecordBlock& block) {
    for (std::size_t row = 0; row < block.size(); ++row) summary.add(block, row);
    if (sink) sink->write(block);
    if (progress) progress(block.first_dyad() + block.size(), total);
  };

  tbb::task_group output;
  int current = 0;
  for (std::uint64_t first = 0; first < lineages; first += block_lineages, current ^= 1) {
    RecordBlock& block = blocks[current];
    const std::uint64_t count = std::min(block_lineages, lineages - first);
    block.reset(first * generations, static_cast<std::size_t>(count * generations));
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, static_cast<std::size_t>(count), 16),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                        for (std::size_t i = r.begin(); i != r.end(); ++i)
                          for (std::uint32_t g = 0; g < generations; ++g) {
                            const std::size_t row = i * generations + g;
                            DyadRecord record(block, row), parent(block, row ? row - 1 : 0);
                            model.simulate(seed, DyadPlace{first + i, g, first * generations + row}, g ? &parent : nullptr,
                                           settings.timeseries, record);
                          }
                      });
    output.wait();  // the previous block is out before this one goes, and before its buffer is reused
    output.run([&finish, &block] { finish(block); });
  }
  output.wait();

  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  return {total, wall.count()};
}

}  // namespace attachsim::sim
