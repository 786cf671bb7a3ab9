#include "sim/sweeps/sweep_memory.hpp"

#include "sim/core/parameter.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace attachsim::sim {
namespace {

constexpr std::uint64_t heap_block = 16;                 // glibc's header and rounding of one allocation
constexpr std::uint64_t map_node = 48 + heap_block;      // a std::map node's links, colour and key
constexpr std::uint64_t program = 64ull << 20;           // the program, the model, oneTBB and HDF5 around the data

std::uint64_t text_bytes(std::uint64_t width) { return sizeof(std::string) + (width > 15 ? width + 1 + heap_block : 0); }

// A number from a file such as "memory.max" ("max" is none).
std::uint64_t read_number(const std::string& path) {
  std::ifstream in(path);
  std::string word;
  if (!(in >> word) || word == "max") return UINT64_MAX;
  return std::strtoull(word.c_str(), nullptr, 10);
}

std::string gigabytes(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(bytes) / 1e9);
  return text;
}

}  // namespace

std::uint64_t sweep_memory_bytes(const SweepSize& s) {
  const std::uint64_t point = sizeof(std::vector<Value>) + s.factors * sizeof(Value) + heap_block  // the design row
                              + text_bytes(s.set_width);                                         // its --set text
  const std::uint64_t kept = map_node + sizeof(std::vector<double>) + s.outcomes * sizeof(double) + heap_block;
  // The table: point, replicate, seed, factors and outcomes as numbers and the --set text, in vectors
  // that may hold twice their size while they grow, and the text once more as HDF5 writes it.
  const std::uint64_t table = 2 * ((3 + s.factors + s.outcomes) * sizeof(double) + text_bytes(s.set_width)) + s.set_width;
  return s.points * point + s.runs * (kept + table);
}

std::uint64_t available_memory_bytes(std::string& source) {
  std::uint64_t available = UINT64_MAX;
  source = "unknown";
  const auto bound = [&](std::uint64_t bytes, const std::string& name) {
    if (bytes < available) available = bytes, source = name;
  };
  {
    std::ifstream meminfo("/proc/meminfo");
    for (std::string key, unit; meminfo >> key;) {
      std::uint64_t kb = 0;
      meminfo >> kb >> unit;
      if (key == "MemAvailable:") bound(kb * 1024, "MemAvailable in /proc/meminfo");
    }
  }
  // cgroup v2: "0::/path" in /proc/self/cgroup; the limit less what the group already uses.
  std::ifstream cgroups("/proc/self/cgroup");
  for (std::string line; std::getline(cgroups, line);)
    if (line.rfind("0::", 0) == 0) {
      const std::string dir = "/sys/fs/cgroup" + line.substr(3);
      const std::uint64_t limit = read_number(dir + "/memory.max"), used = read_number(dir + "/memory.current");
      if (limit != UINT64_MAX) bound(limit > used ? limit - used : 0, "the cgroup's memory.max");
    }
  if (const char* slurm = std::getenv("SLURM_MEM_PER_NODE"))  // megabytes, for the whole job on this node
    bound(std::strtoull(slurm, nullptr, 10) << 20, "SLURM_MEM_PER_NODE");
  return available;
}

void check_sweep_memory(const SweepSize& size, const SourcePosition& where, const std::string& key) {
  std::string source;
  const std::uint64_t available = available_memory_bytes(source);
  const std::uint64_t needed = sweep_memory_bytes(size) + program;
  if (needed <= available) return;
  throw InputError(where, key, "a sweep that fits in the memory available (" + gigabytes(available) + ", from " + source + ")",
                   std::to_string(size.points) + " points" + (size.runs ? " and " + std::to_string(size.runs) + " runs" : std::string()) +
                       " needing about " + gigabytes(needed) + "; use fewer levels, points or replicates");
}

}  // namespace attachsim::sim
