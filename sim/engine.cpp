#include "sim/engine.hpp"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>

namespace attachsim::sim {

RunStatistics run_population(const Model& model, const RunSettings& settings, int threads, Summary& summary,
                             RecordSink* sink, const ProgressCallback& progress) {
  const auto start = std::chrono::steady_clock::now();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));

  const auto total = static_cast<std::uint64_t>(settings.dyads);
  const auto capacity = static_cast<std::size_t>(std::min<std::int64_t>(settings.chunk_dyads, settings.dyads));
  const std::size_t steps = settings.timeseries ? model.series_ages_months().size() : 0;
  RecordBlock block(model.columns().size(), settings.timeseries ? model.series().size() : 0, steps, capacity);
  const auto seed = static_cast<std::uint64_t>(settings.seed);

  for (std::uint64_t first = 0; first < total; first += capacity) {
    const auto size = static_cast<std::size_t>(std::min<std::uint64_t>(capacity, total - first));
    block.reset(first, size);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, size, 16), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t row = r.begin(); row != r.end(); ++row) {
        DyadRecord record(block, row);
        model.simulate(seed, first + row, settings.timeseries, record);
      }
    });
    for (std::size_t row = 0; row < size; ++row) summary.add(block, row);
    if (sink) sink->write(block);
    if (progress) progress(first + size, total);
  }

  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  return {total, wall.count()};
}

}  // namespace attachsim::sim
