// SIGTERM and Ctrl-C (SIGINT) in the middle of a run (issue 11, item 4): the run's own temporary file is
// removed and the process dies of the signal, as a shell or SLURM expects; nothing is left beside the
// output. Before, `*.h5.partial` files piled up. A sweep killed so keeps its progress file, which is
// how it resumes (a SLURM job at its time limit gets SIGTERM first).
#include "support/cli.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using attachsim::testing::Child;
using attachsim::testing::eventually;
using attachsim::testing::entries;
using attachsim::testing::ScratchDirectory;

namespace {

// Starts `attachsim ARGS -o DIR/NAME`, waits until its temporary file exists, sends `signal`, and
// checks that it died of that signal and left DIR empty.
void kill_while_writing(std::vector<std::string> args, const std::string& name, int signal) {
  ScratchDirectory dir, logs;
  const std::string out = dir.file(name).string();
  args.insert(args.end(), {"--threads", "1", "-q", "-o", out});
  Child child(args, logs.file("child.log"));
  const fs::path partial = out + "." + std::to_string(child.pid()) + ".partial";
  REQUIRE(eventually([&] { return fs::exists(partial); }));
  child.signal(signal);
  const int status = child.wait();
  INFO(child.output());
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == signal);
  CHECK(entries(dir.path()).empty());
}

}  // namespace

TEST_CASE("signals: SIGTERM, SIGINT and SIGHUP during a run remove its temporary file") {
  // Many dyads on one thread: still simulating when the signal comes, its temporary file open.
  for (const int signal : {SIGTERM, SIGINT, SIGHUP}) {
    CAPTURE(signal);
    kill_while_writing({"run", "configs/normative.yaml", "--set", "run.dyads=200000"}, "out.h5", signal);
  }
}

TEST_CASE("signals: SIGTERM during a trial removes its temporary file") {
  kill_while_writing({"trial", "configs/trials/van_den_boom_1994.yaml", "--replicates", "1000"}, "trial.h5", SIGTERM);
}

TEST_CASE("signals: a sweep killed by SIGTERM keeps its progress file for the resume, and nothing else") {
  ScratchDirectory dir, logs;
  const fs::path sweep = dir.write("sweep.yaml", std::string("base: ") + ATTACHSIM_SOURCE_DIR +
                                                     "/configs/normative.yaml\nset:\n  run.dyads: 2000\n"
                                                     "factors:\n  - parameter: caregiver.sensitivity_mean\n    range: [0.3, 0.9]\n"
                                                     "    levels: 200\n");
  const std::string out = dir.file("sweep.h5").string();
  Child child({"sweep", sweep.string(), "-q", "--threads", "1", "-o", out}, logs.file("child.log"));
  REQUIRE(eventually([&] { return fs::exists(out + ".progress"); }));
  child.signal(SIGTERM);
  const int status = child.wait();
  CHECK(WIFSIGNALED(status));
  CHECK(entries(dir.path()) == std::vector<std::string>{"sweep.h5.progress", "sweep.yaml"});
}
