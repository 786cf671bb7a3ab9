#include "sim/core/cohort_run.hpp"

#include <algorithm>
#include <chrono>

namespace attachsim::sim {

BlockPlan::BlockPlan(const Model& model, const RunSettings& settings)
    : model_(model),
      settings_(settings),
      generations_(static_cast<std::uint32_t>(settings.generations)),
      lineages_(static_cast<std::uint64_t>(settings.dyads)),
      // A block holds whole lineages, so that a parent's record is at hand when its child is simulated.
      block_lineages_(static_cast<std::uint64_t>(
          std::max<std::int64_t>(1, std::min(settings.chunk_dyads / settings.generations, settings.dyads)))) {}

RecordBlock BlockPlan::make_block() const {
  const std::size_t steps = settings_.timeseries ? model_.series_ages_months().size() : 0;
  const std::size_t series = settings_.timeseries ? model_.series().size() : 0;
  return RecordBlock(model_.columns().size(), series, steps, static_cast<std::size_t>(block_lineages_ * generations_));
}

std::uint64_t BlockPlan::start(RecordBlock& block, std::uint64_t first) const {
  const std::uint64_t count = std::min(block_lineages_, lineages_ - first);
  block.reset(first * generations_, static_cast<std::size_t>(count * generations_));
  return count;
}

void BlockPlan::simulate_lineage(RecordBlock& block, std::uint64_t first, std::size_t i) const {
  const auto seed = static_cast<std::uint64_t>(settings_.seed);
  for (std::uint32_t g = 0; g < generations_; ++g) {
    const std::size_t row = i * generations_ + g;
    block.clear_row(row);
    DyadRecord record(block, row), parent(block, row ? row - 1 : 0);
    model_.simulate(seed, DyadPlace{first + i, g, first * generations_ + row}, g ? &parent : nullptr, settings_.timeseries,
                    record);
  }
}

void BlockPlan::finish(const RecordBlock& block, Summary& summary, RecordSink* sink, const ProgressCallback& progress) const {
  for (std::size_t row = 0; row < block.size(); ++row) summary.add(block, row);
  if (sink) sink->write(block);
  if (progress) progress(block.first_dyad() + block.size(), total_dyads());
}

RunStatistics run_population_serial(const Model& model, const RunSettings& settings, Summary& summary, RecordSink* sink,
                                    const ProgressCallback& progress) {
  const auto start = std::chrono::steady_clock::now();
  const BlockPlan plan(model, settings);
  RecordBlock block = plan.make_block();
  for (std::uint64_t first = 0; first < plan.lineages(); first += plan.block_lineages()) {
    const std::uint64_t count = plan.start(block, first);
    for (std::size_t i = 0; i < count; ++i) plan.simulate_lineage(block, first, i);
    plan.finish(block, summary, sink, progress);
  }
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  return {plan.total_dyads(), wall.count()};
}

}  // namespace attachsim::sim
