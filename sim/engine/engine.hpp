// Runs a model over a population in blocks: each block is simulated in parallel with oneTBB, then
// summarized and handed to the output in dyad order, so results do not depend on the thread count
// and memory does not grow with the number of dyads.
#pragma once

#include "sim/core/cohort_run.hpp"
#include "sim/core/model.hpp"
#include "sim/core/record.hpp"
#include "sim/core/run_settings.hpp"

#include <vector>

namespace attachsim::sim {

// Simulates the listed dyads (in list order) into `out`, whose capacity must hold them all.
void simulate_dyads(const Model& model, std::uint64_t seed, const std::vector<std::uint64_t>& dyads, int threads,
                    RecordBlock& out);

// The blocks of BlockPlan (sim/core/cohort_run.hpp), each simulated in parallel: the records of
// run_population_serial, for any thread count.
RunStatistics run_population(const Model& model, const RunSettings& settings, int threads, Summary& summary,
                             RecordSink* sink, const ProgressCallback& progress = {});

}  // namespace attachsim::sim
