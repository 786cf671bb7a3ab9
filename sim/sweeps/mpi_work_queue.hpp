// Sweep runs spread over MPI ranks with dynamic assignment: rank 0 hands out run indices on
// request (so a slow run never idles the other ranks), computes runs itself in a second thread,
// and receives every result; only rank 0 touches files. Built with MPI when CMake finds it
// (ATTACHSIM_HAVE_MPI); MPI is initialized only by the sweep command and only when the process was
// started by an MPI launcher (mpirun, srun), so `attachsim run` and friends never touch it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace attachsim::sim {

class MpiWorld {
 public:
  MpiWorld();  // initializes MPI if this process was started by an MPI launcher (and the build has MPI)
  ~MpiWorld();
  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool distributed() const { return size_ > 1; }

  // Rank 0's verdict, known to every rank: false when rank 0 failed (its own error is reported by it).
  bool agree(bool ok_on_rank0) const;
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0, size_ = 1;
  bool initialized_ = false;
};

using NextRun = std::function<std::optional<std::uint64_t>()>;
using ComputeRun = std::function<std::vector<double>(std::uint64_t run)>;
using RecordRun = std::function<void(std::uint64_t run, const std::vector<double>& values)>;

// Runs every run that `next` yields, on all ranks. `next` and `record` are called on rank 0 only,
// one call at a time; `compute` runs on every rank. Returns when every run has been recorded.
void distribute_runs(const MpiWorld& world, std::size_t values_per_run, const NextRun& next, const ComputeRun& compute,
                     const RecordRun& record);

}  // namespace attachsim::sim
