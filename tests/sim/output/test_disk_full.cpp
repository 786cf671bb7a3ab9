// A full disk (issue 11, item 1): `run`, `trial`, `sweep` and `merge` writing to a 64 KB tmpfs end with
// exit 1 and one line naming the file and the disk being full, no crash (they died of SIGSEGV in
// H5Fclose), and nothing left on the small disk. Skipped (exit 77) only where a tmpfs cannot be mounted.
#include "support/cli.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

namespace fs = std::filesystem;
using attachsim::testing::CommandResult;
using attachsim::testing::run_attachsim;
using attachsim::testing::run_command;
using attachsim::testing::ScratchDirectory;
using attachsim::testing::quote;

namespace {

// A 64 KB tmpfs at DIR/disk, unmounted at the end of the scope.
class SmallDisk {
 public:
  explicit SmallDisk(const ScratchDirectory& dir) : path_(dir.file("disk")) {
    fs::create_directories(path_);
    const auto mounted = run_command("mount -t tmpfs -o size=64k tmpfs " + quote(path_));
    if (mounted.exit_code != 0) {
      std::cout << "SKIP: cannot mount a 64 KB tmpfs here (needs root and mount): " << mounted.output << std::endl;
      std::exit(77);  // CTest's SKIP_RETURN_CODE for these tests
    }
  }
  ~SmallDisk() { run_command("umount " + quote(path_)); }
  fs::path file(const std::string& name) const { return path_ / name; }
  bool empty() const { return fs::is_empty(path_); }

 private:
  fs::path path_;
};

void check_disk_full(const CommandResult& r, const fs::path& output) {
  INFO("output: " << r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output == "attachsim: error: cannot write '" + output.string() + r.output.substr(r.output.find("' (HDF5")));
  CHECK(r.output.find("No space left on device; the disk is full") != std::string::npos);
  CHECK(r.output.find("internal error") == std::string::npos);
  CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 1);  // one line
}

// `attachsim COMMAND -o DISK/NAME` on an empty small disk.
void check_fills_disk(const std::string& command, const std::string& name) {
  ScratchDirectory dir;
  SmallDisk disk(dir);
  check_disk_full(run_attachsim(command + " --threads 2 -q -o " + quote(disk.file(name))), disk.file(name));
  CHECK(disk.empty());
}

}  // namespace

TEST_CASE("disk full: run exits 1 naming the file and the full disk, and leaves nothing") {
  check_fills_disk("run configs/normative.yaml --set run.dyads=2000", "out.h5");
}

TEST_CASE("disk full: trial exits 1 naming the file and the full disk, and leaves nothing") {
  check_fills_disk("trial configs/trials/van_den_boom_1994.yaml", "trial.h5");
}

TEST_CASE("disk full: merge exits 1 naming the file and the full disk, and leaves nothing") {
  ScratchDirectory dir;
  const fs::path sweep = dir.write("sweep.yaml", std::string("base: ") + ATTACHSIM_SOURCE_DIR +
                                                     "/configs/normative.yaml\nset:\n  run.dyads: 20\nreplicates: 2\n"
                                                     "factors:\n  - parameter: caregiver.sensitivity_mean\n    range: [0.3, 0.9]\n"
                                                     "    levels: 40\n");
  for (const char* i : {"0", "1"})
    REQUIRE(run_attachsim("sweep " + quote(sweep) + " -q --shard " + i + "/2 -o " + quote(dir.file(std::string("s") + i + ".h5")))
                .exit_code == 0);
  SmallDisk disk(dir);
  // Fill the disk but for a few kilobytes, so that even a small merged table cannot fit.
  run_command("head -c 57000 /dev/zero > " + quote(disk.file("ballast")));
  const auto r = run_attachsim("merge -q " + quote(disk.file("merged.h5")) + " " + quote(dir.file("s0.h5")) + " " +
                               quote(dir.file("s1.h5")));
  check_disk_full(r, disk.file("merged.h5"));
  fs::remove(disk.file("ballast"));
  CHECK(disk.empty());
  // The same sweep, unsharded, to the full disk: its progress file is kept for a resume, its result is not written.
  run_command("head -c 60000 /dev/zero > " + quote(disk.file("ballast")));
  const auto s = run_attachsim("sweep " + quote(sweep) + " -q -o " + quote(disk.file("sweep.h5")));
  INFO(s.output);
  CHECK((s.exit_code == 1 || s.exit_code == 2));
  CHECK(s.output.find("No space left on device") != std::string::npos);
  CHECK_FALSE(fs::exists(disk.file("sweep.h5")));
  CHECK(fs::exists(disk.file("sweep.h5.progress")));
  for (const auto& e : fs::directory_iterator(disk.file("")))
    CHECK(e.path().filename().string().find(".partial") == std::string::npos);
}
