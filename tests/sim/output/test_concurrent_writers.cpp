// Two runs writing one -o path at once (issue 11, item 2): each writes a temporary file of its own,
// neither touches the other's, both exit 0, and the last to finish renames its whole file into place
// (docs/output.md). Before, the second run's write probe truncated and deleted the first run's
// temporary file, and both exited 1 with nothing written. The overlap is made certain, not timed: the
// first run is stopped (SIGSTOP) while its temporary file exists, the second runs to its end, then the
// first is continued.
#include "support/cli.hpp"
#include "support/hdf5_reader.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using attachsim::testing::Child;
using attachsim::testing::eventually;
using attachsim::testing::Hdf5File;
using attachsim::testing::ScratchDirectory;
using attachsim::testing::entries;

namespace {

void check_exit_0(int status, const Child& child) {
  INFO(child.output());
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

}  // namespace

TEST_CASE("concurrent writers: two runs to one -o both succeed, and the last rename wins with a whole file") {
  ScratchDirectory dir, logs;
  const std::string out = dir.file("out.h5").string();
  const auto run = [&](const char* seed, const char* dyads, const char* log) {
    return std::make_unique<Child>(std::vector<std::string>{"run", "configs/normative.yaml", "--set", std::string("run.dyads=") + dyads,
                                                            "--seed", seed, "--threads", "1", "-q", "-o", out},
                                   logs.file(log));
  };
  auto first = run("1", "20000", "first.log");
  const fs::path first_partial = out + "." + std::to_string(first->pid()) + ".partial";
  REQUIRE(eventually([&] { return fs::exists(first_partial); }));
  first->signal(SIGSTOP);
  REQUIRE(fs::exists(first_partial));  // stopped before its rename: the two runs overlap for certain

  auto second = run("2", "300", "second.log");
  check_exit_0(second->wait(), *second);
  CHECK(fs::exists(first_partial));  // the second run never touched the first one's file
  CHECK(Hdf5File(out).number_attribute("/meta", "seed") == 2);
  CHECK(Hdf5File(out).shape("/dyads/caregiver_motivation") == std::vector<hsize_t>{300});

  first->signal(SIGCONT);
  check_exit_0(first->wait(), *first);
  CHECK(Hdf5File(out).number_attribute("/meta", "seed") == 1);  // the last rename wins, whole
  CHECK(Hdf5File(out).shape("/dyads/caregiver_motivation") == std::vector<hsize_t>{20000});
  CHECK(entries(dir.path()) == std::vector<std::string>{"out.h5"});
}

TEST_CASE("concurrent writers: two merges to one output both succeed") {
  // As for runs, the first merge is stopped while its temporary file exists and the second runs to its
  // end. A merge keeps that file for only a few milliseconds, so it is watched closely and stopped the
  // moment the file appears; should the merge have renamed it already, the merge is tried again (the
  // overlap is required to happen in one of 20 tries, not hoped for).
  ScratchDirectory dir, logs;
  const fs::path sweep = dir.write("sweep.yaml", std::string("base: ") + ATTACHSIM_SOURCE_DIR +
                                                     "/configs/normative.yaml\nset:\n  run.dyads: 20\nreplicates: 4\n"
                                                     "factors:\n  - parameter: caregiver.sensitivity_mean\n    range: [0.3, 0.9]\n"
                                                     "    levels: 20\n");
  for (const char* i : {"0", "1"}) {
    Child shard({"sweep", sweep.string(), "-q", "--shard", std::string(i) + "/2", "-o", dir.file(std::string("s") + i + ".h5").string()},
                logs.file("shard.log"));
    check_exit_0(shard.wait(), shard);
  }
  const std::string out = dir.file("m.h5").string();
  const std::vector<std::string> merge{"merge", "-q", out, dir.file("s0.h5").string(), dir.file("s1.h5").string()};
  bool overlapped = false;
  for (int attempt = 0; attempt < 20 && !overlapped; ++attempt) {
    fs::remove(out);
    Child a(merge, logs.file("a.log"));
    const fs::path a_partial = out + "." + std::to_string(a.pid()) + ".partial";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (!fs::exists(a_partial) && !fs::exists(out) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    a.signal(SIGSTOP);
    overlapped = fs::exists(a_partial);  // stopped before its rename
    if (overlapped) {
      MESSAGE("the merges overlap at try " << attempt + 1);
      Child b(merge, logs.file("b.log"));
      check_exit_0(b.wait(), b);
      CHECK(fs::exists(a_partial));  // the second merge never touched the first one's file
      CHECK(fs::exists(out));
    }
    a.signal(SIGCONT);
    check_exit_0(a.wait(), a);
  }
  CHECK(overlapped);
  CHECK(Hdf5File(out).shape("/points/point") == std::vector<hsize_t>{80});
  CHECK(entries(dir.path()) == std::vector<std::string>{"m.h5", "s0.h5", "s1.h5", "sweep.yaml"});
}
