// Running a sweep: every run (point x replicate) of the design, or one shard of them, through
// run_population in-process with no per-dyad output, keeping the chosen /summary values. Locally
// runs go to all cores; under mpirun they are spread over ranks (sim/sweeps/mpi_work_queue.hpp).
// Finished runs are checkpointed (sim/sweeps/sweep_progress.hpp), so the same command after a kill
// resumes. Shards of a sweep are merged into a file identical to an unsharded run.
#pragma once

#include "sim/core/input_error.hpp"
#include "sim/core/model.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace attachsim::sim {

struct Shard {
  std::uint64_t index = 0, count = 1;  // this process runs the runs r with r % count == index
  std::string describe() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// "I/N" with 0 <= I < N; throws InputError at `where`.
Shard parse_shard(const std::string& text, const SourcePosition& where);
// The shard of a SLURM array task (SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT).
std::optional<Shard> shard_from_slurm();

struct SweepOptions {
  std::string output;  // the HDF5 result; FILE.progress beside it while running
  int threads = 1;
  Shard shard;
  bool quiet = false;    // print nothing but errors: no report, no progress
  bool progress = true;  // the design line and the runs' progress on stderr (Python keeps the report and drops this)
};

using ModelFactory = std::function<std::unique_ptr<Model>()>;

// Runs a sweep; returns the exit code for this process. Throws InputError for bad input.
int run_sweep(const ModelFactory& make_model, const std::vector<ParameterSpec>& schema, const std::string& sweep_path,
              const SweepOptions& options);

// Checks a sweep file as run_sweep would before running (every point against the model, the memory it
// needs) and describes its design in a line; throws InputError.
std::string check_sweep(const ModelFactory& make_model, const std::vector<ParameterSpec>& schema, const std::string& sweep_path);

// Combines the shard files of one sweep into OUTPUT; throws InputError if they do not fit together.
void merge_sweeps(const std::string& output, const std::vector<std::string>& shards, bool quiet);

}  // namespace attachsim::sim
