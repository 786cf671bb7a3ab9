// The memory a sweep needs, estimated before it starts and compared with what the machine has: a sweep
// at the limit of its design (two factors of 10,000 levels, 10^8 points) ran half a minute and then
// died of std::bad_alloc. What grows with a sweep: the design (a row of values per point) and the --set
// text of each point, which every shard and rank holds whole, and the finished runs of this process
// with the table written from them.
#pragma once

#include "sim/core/input_error.hpp"

#include <cstdint>
#include <string>

namespace attachsim::sim {

struct SweepSize {
  std::uint64_t points = 0, factors = 0;  // the design
  std::uint64_t set_width = 0;            // bytes of one point's --set text
  std::uint64_t runs = 0, outcomes = 0;   // the runs this process keeps, and values per run
};

// Bytes the sweep's data takes at its peak (its design, its runs, its table), without the program itself.
std::uint64_t sweep_memory_bytes(const SweepSize& size);

// Bytes this process may still use: /proc/meminfo's MemAvailable, bounded by the cgroup's memory.max
// and by SLURM_MEM_PER_NODE where set; `source` says which bound it was.
std::uint64_t available_memory_bytes(std::string& source);

// Throws InputError at `where` (key `key`) with both numbers when the sweep will not fit.
void check_sweep_memory(const SweepSize& size, const SourcePosition& where, const std::string& key);

}  // namespace attachsim::sim
