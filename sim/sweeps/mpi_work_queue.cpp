#include "sim/sweeps/mpi_work_queue.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#ifdef ATTACHSIM_HAVE_MPI
#include <mpi.h>

#include <chrono>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>
#endif

namespace attachsim::sim {
namespace {

// Launchers set these in every process they start: OpenMPI's mpirun, PMIx and PMI-2 (srun, Hydra).
bool started_by_mpi_launcher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(name)) return true;
  return false;
}

}  // namespace

#ifdef ATTACHSIM_HAVE_MPI

namespace {
constexpr int tag_result = 1;  // worker -> rank 0: [run or -1][values...], also the request for more
constexpr int tag_assign = 2;  // rank 0 -> worker: the next run, or -1 for "no more"
}  // namespace

MpiWorld::MpiWorld() {
  if (!started_by_mpi_launcher()) return;
  int already = 0;
  MPI_Initialized(&already);
  if (!already) {
    int provided = 0;
    // Only the main thread calls MPI; rank 0's second thread computes and never communicates.
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    initialized_ = true;
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiWorld::~MpiWorld() {
  if (initialized_) MPI_Finalize();
}

bool MpiWorld::agree(bool ok_on_rank0) const {
  if (!distributed()) return ok_on_rank0;
  int ok = ok_on_rank0 ? 1 : 0;
  MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return ok != 0;
}

void MpiWorld::abort(int code) const {
  if (initialized_) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

void distribute_runs(const MpiWorld& world, std::size_t values_per_run, const NextRun& next, const ComputeRun& compute,
                     const RecordRun& record) {
  const std::size_t bytes = sizeof(std::int64_t) + values_per_run * sizeof(double);
  std::vector<char> buffer(bytes);
  if (world.rank() != 0) {
    std::int64_t run = -1;  // the first message only asks for work
    std::vector<double> values(values_per_run);
    for (;;) {
      std::memcpy(buffer.data(), &run, sizeof run);
      if (values_per_run) std::memcpy(buffer.data() + sizeof run, values.data(), values_per_run * sizeof(double));
      MPI_Send(buffer.data(), static_cast<int>(bytes), MPI_BYTE, 0, tag_result, MPI_COMM_WORLD);
      MPI_Recv(&run, 1, MPI_INT64_T, 0, tag_assign, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (run < 0) return;
      try {
        values = compute(static_cast<std::uint64_t>(run));
      } catch (const std::exception& e) {
        std::fprintf(stderr, "attachsim: internal error on rank %d, run %lld: %s\n", world.rank(),
                     static_cast<long long>(run), e.what());
        world.abort(1);
      }
    }
  }

  std::mutex lock;  // next and record are called from both of rank 0's threads
  std::thread local([&] {
    for (;;) {
      std::optional<std::uint64_t> run;
      {
        std::lock_guard guard(lock);
        run = next();
      }
      if (!run) return;
      try {
        const auto values = compute(*run);
        std::lock_guard guard(lock);
        record(*run, values);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "attachsim: internal error on rank 0, run %llu: %s\n", static_cast<unsigned long long>(*run),
                     e.what());
        world.abort(1);
      }
    }
  });

  int active = world.size() - 1;
  std::vector<double> values(values_per_run);
  while (active > 0) {
    int arrived = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, tag_result, MPI_COMM_WORLD, &arrived, &status);
    if (!arrived) {  // polling with a nap: a blocking receive would spin a core that rank 0 computes on
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    MPI_Recv(buffer.data(), static_cast<int>(bytes), MPI_BYTE, status.MPI_SOURCE, tag_result, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    std::int64_t run = -1;
    std::memcpy(&run, buffer.data(), sizeof run);
    std::optional<std::uint64_t> assign;
    {
      std::lock_guard guard(lock);
      if (run >= 0) {
        if (values_per_run) std::memcpy(values.data(), buffer.data() + sizeof run, values_per_run * sizeof(double));
        record(static_cast<std::uint64_t>(run), values);
      }
      assign = next();
    }
    const std::int64_t reply = assign ? static_cast<std::int64_t>(*assign) : -1;
    MPI_Send(&reply, 1, MPI_INT64_T, status.MPI_SOURCE, tag_assign, MPI_COMM_WORLD);
    if (!assign) --active;
  }
  local.join();
}

#else  // built without MPI: always a world of one

MpiWorld::MpiWorld() {
  if (started_by_mpi_launcher())
    std::fputs("attachsim: note: started by an MPI launcher, but this build has no MPI: every rank runs the whole sweep alone\n",
               stderr);
}
MpiWorld::~MpiWorld() = default;
bool MpiWorld::agree(bool ok_on_rank0) const { return ok_on_rank0; }
void MpiWorld::abort(int code) const { std::exit(code); }

void distribute_runs(const MpiWorld&, std::size_t, const NextRun&, const ComputeRun&, const RecordRun&) {
  throw std::logic_error("distribute_runs needs a build with MPI");
}

#endif

}  // namespace attachsim::sim
