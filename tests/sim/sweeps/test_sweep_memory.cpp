// A sweep that will not fit in memory is refused before it starts (issue 11, item 9), with the numbers:
// two factors of 10,000 levels (10^8 points, the design's limit) ran half a minute and died of
// std::bad_alloc. SLURM_MEM_PER_NODE bounds the memory attachsim counts on, as in a SLURM job; here it
// makes the tests independent of the machine's size.
#include "sim/core/input_error.hpp"
#include "sim/sweeps/sweep_memory.hpp"
#include "support/cli.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace sim = attachsim::sim;
using attachsim::testing::run_command;
using attachsim::testing::ScratchDirectory;

TEST_CASE("sweep memory: the estimate grows with points, runs, factors and outcomes") {
  const sim::SweepSize small{100, 2, 60, 200, 7};
  CHECK(sim::sweep_memory_bytes(small) > 0);
  sim::SweepSize more = small;
  more.points *= 10;
  CHECK(sim::sweep_memory_bytes(more) > sim::sweep_memory_bytes(small));
  more = small, more.runs *= 10;
  CHECK(sim::sweep_memory_bytes(more) > sim::sweep_memory_bytes(small));
  // 10^8 points of two factors take more than 20 GB before a single run is kept: the design alone.
  CHECK(sim::sweep_memory_bytes({100'000'000, 2, 120, 0, 0}) > 20'000'000'000ull);
}

TEST_CASE("sweep memory: SLURM_MEM_PER_NODE bounds what is available, and a design beyond it is refused with both numbers") {
  setenv("SLURM_MEM_PER_NODE", "100", 1);  // megabytes
  std::string source;
  CHECK(sim::available_memory_bytes(source) <= 100ull << 20);
  CHECK(source == "SLURM_MEM_PER_NODE");
  CHECK_NOTHROW(sim::check_sweep_memory({100, 2, 60, 200, 7}, {"sweep.yaml", 0, 0}, "factors"));
  CHECK_THROWS_WITH_AS(sim::check_sweep_memory({1'000'000, 2, 120, 1'000'000, 7}, {"sweep.yaml", 0, 0}, "factors"),
                       doctest::Contains("key 'factors': expected a sweep that fits in the memory available (0.1 GB, from "
                                         "SLURM_MEM_PER_NODE), found 1000000 points and 1000000 runs needing about"),
                       sim::InputError);
  unsetenv("SLURM_MEM_PER_NODE");
}

TEST_CASE("sweep memory: two factors of 10,000 levels are refused at once with exit 2, not after a bad_alloc") {
  ScratchDirectory dir;
  const auto sweep = dir.write("sweep.yaml", std::string("base: ") + ATTACHSIM_SOURCE_DIR +
                                                 "/configs/normative.yaml\nset:\n  run.dyads: 10\nfactors:\n"
                                                 "  - parameter: caregiver.sensitivity_mean\n    range: [0.3, 0.9]\n    levels: 10000\n"
                                                 "  - parameter: caregiver.hostile_under_stress\n    range: [0.0, 1.0]\n    levels: 10000\n");
  // 16 GB: less than the design needs on any machine; `timeout` only bounds a hang.
  std::string quoted = "'";  // built by appends: GCC 12 warns falsely on "'" + std::string (PR 105329)
  quoted += sweep.string();
  quoted += "'";
  std::string output = " -o '";
  output += dir.file("out.h5").string();
  output += "'";
  for (const std::string& command : {"sweep " + quoted + output, "check " + quoted}) {
    CAPTURE(command);
    const auto r = run_command("SLURM_MEM_PER_NODE=16000 timeout 120 '" ATTACHSIM_BINARY "' " + command);
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.output.rfind("attachsim: error: " + sweep.string() + ": key 'factors': expected a sweep that fits in the memory", 0) == 0);
    CHECK(r.output.find("found 100000000 points") != std::string::npos);
    CHECK(r.output.find(" GB") != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(dir.file("out.h5")));
  CHECK_FALSE(std::filesystem::exists(dir.file("out.h5.progress")));
}
