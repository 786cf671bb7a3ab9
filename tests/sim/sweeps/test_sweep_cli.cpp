// `attachsim sweep` and `attachsim merge` end to end with the real binary: two shards merged equal
// the unsharded run bitwise, a killed sweep resumes to the same table, any row repeats alone with
// `attachsim run --seed --set`, and bad input fails with exit 2, one error line, nothing lost.
#include "sim/sweeps/sweep_output.hpp"
#include "support/cli.hpp"

#include <doctest/doctest.h>
#include <hdf5.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
namespace sim = attachsim::sim;
using attachsim::testing::run_attachsim;
using attachsim::testing::ScratchDirectory;
using attachsim::testing::slurp;
using attachsim::testing::quote;

namespace {

// 3 x 3 points x 2 replicates at 100 dyads: 18 runs, a second or two.
std::string small_sweep() {
  return std::string("base: ") + ATTACHSIM_SOURCE_DIR +
         "/configs/normative.yaml\n"
         "set:\n  run.dyads: 100\nseed: 42\nreplicates: 2\n"
         "factors:\n"
         "  - parameter: caregiver.sensitivity_mean\n    range: [0.3, 0.9]\n    levels: 3\n"
         "  - parameter: caregiver.hostile_under_stress\n    values: [0.1, 0.35, 0.8]\n"
         "outcomes: [ssp_12m_share_B, ssp_12m_share_D, sensitivity_12m_mean, aai_share_U]\n";
}

// The /points tables of two files hold the same columns with bitwise-identical values.
void check_same_points(const fs::path& a, const fs::path& b) {
  const sim::SweepTable x = sim::read_sweep_table(a.string()), y = sim::read_sweep_table(b.string());
  REQUIRE(x.columns.size() == y.columns.size());
  for (std::size_t c = 0; c < x.columns.size(); ++c) {
    const auto &u = x.columns[c], &v = y.columns[c];
    CAPTURE(u.name);
    CHECK(u.name == v.name);
    CHECK(u.type == v.type);
    CHECK(u.width == v.width);
    CHECK(u.unit == v.unit);
    CHECK(u.description == v.description);
    CHECK(u.ints == v.ints);
    CHECK(u.texts == v.texts);
    REQUIRE(u.reals.size() == v.reals.size());
    if (!u.reals.empty())  // memcmp of an empty vector's null data() is undefined
      CHECK(std::memcmp(u.reals.data(), v.reals.data(), u.reals.size() * sizeof(double)) == 0);
  }
}

void check_one_error(const attachsim::testing::CommandResult& r, const std::string& mention) {
  INFO("output: " << r.output);
  CHECK(r.exit_code == 2);
  CHECK(r.output.rfind("attachsim: error: ", 0) == 0);
  CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 1);
  CHECK(r.output.find(mention) != std::string::npos);
}

// `attachsim ARGS` run in DIR, so that the names in /meta are the short ones given.
attachsim::testing::CommandResult run_command_in(const ScratchDirectory& dir, const std::string& args) {
  return attachsim::testing::run_command("cd " + quote(dir.path()) + " && '" + ATTACHSIM_BINARY + "' " + args);
}

}  // namespace

TEST_CASE("sweep cli: two shards merged equal the unsharded sweep, and any row repeats alone") {
  ScratchDirectory dir;
  const fs::path sweep = dir.write("sweep.yaml", small_sweep());
  const auto all = run_attachsim("sweep " + quote(sweep) + " -q --threads 2 -o " + quote(dir.file("all.h5")));
  REQUIRE_MESSAGE(all.exit_code == 0, all.output);
  CHECK_FALSE(fs::exists(dir.file("all.h5.progress")));
  for (const char* shard : {"0", "1"}) {
    const auto r = run_attachsim("sweep " + quote(sweep) + " -q --threads 1 --shard " + shard + "/2 -o " +
                                 quote(dir.file(std::string("s") + shard + ".h5")));
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  }
  const auto merged = run_attachsim("merge -q " + quote(dir.file("merged.h5")) + " " + quote(dir.file("s1.h5")) + " " +
                                    quote(dir.file("s0.h5")));
  REQUIRE_MESSAGE(merged.exit_code == 0, merged.output);
  check_same_points(dir.file("all.h5"), dir.file("merged.h5"));

  const sim::SweepTable t = sim::read_sweep_table(dir.file("all.h5").string());
  const auto* point = t.find_column("point");
  REQUIRE(point);
  CHECK(point->ints.size() == 18);
  CHECK(t.find_column("caregiver.sensitivity_mean"));
  REQUIRE(t.find_meta("sweep_yaml"));
  CHECK(std::get<std::string>(*t.find_meta("sweep_yaml")) == small_sweep());
  CHECK(std::get<std::string>(*t.find_meta("shard")) == "0/1");

  // Row 7 by hand: attachsim run BASE --seed SEED <set>.
  const std::int64_t seed = t.find_column("seed")->ints[7];
  const std::string set = t.find_column("set")->texts[7];
  const auto one = run_attachsim("run configs/normative.yaml -q --threads 1 --seed " + std::to_string(seed) + " " + set +
                                 " -o " + quote(dir.file("one.h5")));
  REQUIRE_MESSAGE(one.exit_code == 0, one.output);
  // The run's /summary value equals the sweep's column, bitwise.
  const std::string h5 = dir.file("one.h5").string();
  const double b = [&] {
    double v = 0;
    hid_t f = H5Fopen(h5.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    hid_t d = H5Dopen2(f, "/summary/ssp_12m_share_B", H5P_DEFAULT);
    H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &v);
    H5Dclose(d), H5Fclose(f);
    return v;
  }();
  const double from_sweep = t.find_column("ssp_12m_share_B")->reals[7];
  CHECK(std::memcmp(&b, &from_sweep, sizeof b) == 0);
}

TEST_CASE("sweep cli: a sweep killed part-way resumes to the same table; a changed sweep file is refused") {
  ScratchDirectory dir;
  const fs::path sweep = dir.write("sweep.yaml", small_sweep());
  const auto whole = run_attachsim("sweep " + quote(sweep) + " -q -o " + quote(dir.file("whole.h5")));
  REQUIRE_MESSAGE(whole.exit_code == 0, whole.output);

  // Dies like a killed job (std::_Exit, no cleanup) once 5 runs are recorded.
  const std::string command = "sweep " + quote(sweep) + " -q --threads 2 -o " + quote(dir.file("resumed.h5"));
  {
    const std::string shell = std::string("cd '") + ATTACHSIM_SOURCE_DIR + "' && ATTACHSIM_SWEEP_STOP_AFTER=5 '" +
                              ATTACHSIM_BINARY + "' " + command + " >/dev/null 2>&1";
    const int status = std::system(shell.c_str());
    CHECK(WEXITSTATUS(status) == 75);
  }
  CHECK_FALSE(fs::exists(dir.file("resumed.h5")));
  const fs::path progress = dir.file("resumed.h5.progress");
  REQUIRE(fs::exists(progress));
  const std::string checkpoint = slurp(progress);
  CHECK(std::count(checkpoint.begin(), checkpoint.end(), '\n') == 6);  // header + 5 runs

  // The sweep file changed: exit 2, and the checkpoint is untouched.
  dir.write("sweep.yaml", small_sweep() + "# edited\n");
  check_one_error(run_attachsim(command), "changed");
  CHECK(slurp(progress) == checkpoint);

  // Recorded by another build (its header says so): exit 2, and the checkpoint is untouched.
  dir.write("sweep.yaml", small_sweep());
  const auto build_at = checkpoint.find(" build=");
  REQUIRE(build_at != std::string::npos);
  const auto line_end = checkpoint.find('\n');
  const std::string other_build = checkpoint.substr(0, build_at) + " build=0.0.1+0123456789ab" + checkpoint.substr(line_end);
  dir.write("resumed.h5.progress", other_build);
  check_one_error(run_attachsim(command), "build");
  CHECK(slurp(progress) == other_build);
  dir.write("resumed.h5.progress", checkpoint);

  // Restored: the same command resumes and ends identical to the uninterrupted run.
  const auto resumed = run_attachsim(command);
  REQUIRE_MESSAGE(resumed.exit_code == 0, resumed.output);
  CHECK_FALSE(fs::exists(progress));
  check_same_points(dir.file("whole.h5"), dir.file("resumed.h5"));
  // /meta says that 5 runs came from the checkpoint, and none in the uninterrupted sweep.
  const auto resumed_runs = [&](const char* file) {
    return std::get<std::int64_t>(*sim::read_sweep_table(dir.file(file).string()).find_meta("resumed_runs"));
  };
  CHECK(resumed_runs("resumed.h5") == 5);
  CHECK(resumed_runs("whole.h5") == 0);

  // Damaged checkpoints: one changed hex digit in the second run's line (its checksum no longer
  // matches), or the first run's line again after the second (a run recorded twice). Each is run again
  // from the bad line on, so the table is the uninterrupted one; before, the changed digit became the
  // run's outcome and a repeated run's last value won (version 1 had no checksum and took repeats).
  const auto line_start = [&](int k) {  // the k-th line, 0 = header
    std::size_t at = 0;
    for (int i = 0; i < k; ++i) at = checkpoint.find('\n', at) + 1;
    return at;
  };
  const std::size_t second = line_start(2), third = line_start(3);
  std::string flipped = checkpoint;
  const std::size_t digit = checkpoint.find(' ', second) + 5;  // a digit of the first value
  flipped[digit] = flipped[digit] == '0' ? '1' : '0';
  const std::string repeated = checkpoint.substr(0, third) + checkpoint.substr(line_start(1), second - line_start(1)) +
                               checkpoint.substr(third);
  // The flipped line is the first run's second: 1 run kept; the repeat comes after two: 2 kept.
  for (const auto& [damaged, kept] : std::vector<std::pair<std::string, std::int64_t>>{{flipped, 1}, {repeated, 2}}) {
    fs::remove(dir.file("resumed.h5"));
    dir.write("resumed.h5.progress", damaged);
    const auto again = run_attachsim(command);
    REQUIRE_MESSAGE(again.exit_code == 0, again.output);
    check_same_points(dir.file("whole.h5"), dir.file("resumed.h5"));
    CHECK(resumed_runs("resumed.h5") == kept);
  }
}

TEST_CASE("sweep cli: a merged file says how each shard ran, merges again, and refuses another build's shard") {
  ScratchDirectory dir;
  const fs::path sweep = dir.write("sweep.yaml", small_sweep());
  for (const char* shard : {"0", "1"}) {
    const auto r = run_attachsim("sweep " + quote(sweep) + " -q --threads " + (shard[0] == '0' ? "1" : "2") + " --shard " +
                                 shard + "/2 -o " + quote(dir.file(std::string("s") + shard + ".h5")));
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  }
  const auto meta_text = [&](const char* file, const char* name) {
    const sim::SweepTable t = sim::read_sweep_table(dir.file(file).string());
    const sim::MetaValue* v = t.find_meta(name);
    return v ? std::visit([](const auto& x) {
                 std::ostringstream s;
                 s << x;
                 return s.str();
               }, *v)
             : std::string("(none)");
  };
  // The shards ran with 1 and 2 threads: the merged file says so whatever order they are given in.
  for (const auto& [file, order] : {std::pair{"m01.h5", " s0.h5 s1.h5"}, std::pair{"m10.h5", " s1.h5 s0.h5"}}) {
    const auto r = run_command_in(dir, std::string("merge -q ") + file + order);
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    CHECK(meta_text(file, "threads") == "-1");
    CHECK(meta_text(file, "ranks") == "1");
    CHECK(meta_text(file, "merged_ranks") == "(none)");
  }
  CHECK(meta_text("m01.h5", "merged_threads") == "1 2");
  CHECK(meta_text("m10.h5", "merged_threads") == "2 1");
  // A merged file merges again (one shard of one): merged_from is replaced, the shards' threads kept.
  const auto again = run_command_in(dir, "merge -q again.h5 m01.h5");
  REQUIRE_MESSAGE(again.exit_code == 0, again.output);
  CHECK(meta_text("again.h5", "merged_from") == "m01.h5");
  CHECK(meta_text("again.h5", "merged_threads") == "1 2");
  check_same_points(dir.file("m01.h5"), dir.file("again.h5"));

  // A shard written by another build (its /meta says so, its checksum is intact): refused, nothing written.
  sim::SweepTable other = sim::read_sweep_table(dir.file("s1.h5").string());
  for (auto& [name, value] : other.meta)
    if (name == "git_commit") value = std::string("0123456789ab");
  sim::write_sweep_table(dir.file("s1_other.h5").string(), other);
  check_one_error(run_command_in(dir, "merge -q other.h5 s0.h5 s1_other.h5"),
                  "key 'git_commit': expected a shard written by the build that wrote 's0.h5'");
  CHECK_FALSE(fs::exists(dir.file("other.h5")));
}

TEST_CASE("sweep cli: a directory where the progress file goes is named, not an internal error") {
  ScratchDirectory dir;
  const fs::path sweep = dir.write("sweep.yaml", small_sweep());
  fs::create_directories(dir.file("out.h5.progress"));
  check_one_error(run_attachsim("sweep " + quote(sweep) + " -q -o " + quote(dir.file("out.h5"))),
                  "out.h5.progress: expected the progress file of an attachsim sweep (a regular file), found a directory");
  CHECK_FALSE(fs::exists(dir.file("out.h5")));
}

TEST_CASE("sweep cli: bad input exits 2 with one error line") {
  ScratchDirectory dir;
  const fs::path sweep = dir.write("sweep.yaml", small_sweep());
  const fs::path typo = dir.write("typo.yaml", std::string("base: ") + ATTACHSIM_SOURCE_DIR +
                                                   "/configs/normative.yaml\nfactors:\n"
                                                   "  - parameter: caregiver.hostile_under_stres\n    values: [0.1]\n");
  check_one_error(run_attachsim("sweep " + quote(typo) + " -o " + quote(dir.file("x.h5"))),
                  "did you mean 'caregiver.hostile_under_stress'?");
  check_one_error(run_attachsim("sweep " + quote(sweep) + " --shard 2/2 -o " + quote(dir.file("x.h5"))), "'2/2'");
  check_one_error(run_attachsim("sweep " + quote(sweep) + " --shard 1 -o " + quote(dir.file("x.h5"))), "I/N");
  dir.write("outcome.yaml", std::string("base: ") + ATTACHSIM_SOURCE_DIR + "/configs/normative.yaml\noutcomes: [ssp_12m_share_Q]\n");
  check_one_error(run_attachsim("sweep " + quote(dir.file("outcome.yaml")) + " -o " + quote(dir.file("x.h5"))),
                  "did you mean 'ssp_12m_share_");
  // A factor's value that breaks a relation with the base config is named at the factor, with the point
  // (before 2026-12-05 only at the base file's strange_situation.ages_months, the sweep unnamed).
  const fs::path span = dir.write("span.yaml", std::string("base: ") + ATTACHSIM_SOURCE_DIR + "/configs/normative.yaml\nfactors:\n"
                                                   "  - parameter: development.span_months\n    values: [24, 6]\n");
  check_one_error(run_attachsim("sweep " + quote(span) + " -o " + quote(dir.file("x.h5"))),
                  span.string() + ":3:16: key 'strange_situation.ages_months': expected ages within the simulated span");
  CHECK(run_attachsim("check " + quote(span)).output.find("at point 1 of the sweep (development.span_months=6.0; the key set at ") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir.file("x.h5")));
  CHECK_FALSE(fs::exists(dir.file("x.h5.progress")));

  // Shards of different sweeps, missing and duplicate shards.
  dir.write("other.yaml", small_sweep() + "# another sweep\n");
  REQUIRE(run_attachsim("sweep " + quote(sweep) + " -q --shard 0/2 -o " + quote(dir.file("a0.h5"))).exit_code == 0);
  REQUIRE(run_attachsim("sweep " + quote(dir.file("other.yaml")) + " -q --shard 1/2 -o " + quote(dir.file("b1.h5"))).exit_code == 0);
  check_one_error(run_attachsim("merge " + quote(dir.file("m.h5")) + " " + quote(dir.file("a0.h5")) + " " + quote(dir.file("b1.h5"))),
                  "another sweep");
  check_one_error(run_attachsim("merge " + quote(dir.file("m.h5")) + " " + quote(dir.file("a0.h5"))), "missing shard 1/2");
  check_one_error(run_attachsim("merge " + quote(dir.file("m.h5")) + " " + quote(dir.file("a0.h5")) + " " + quote(dir.file("a0.h5"))),
                  "twice");
  check_one_error(run_attachsim("merge " + quote(dir.file("m.h5")) + " " + quote(sweep)), "not an HDF5 file");
  CHECK_FALSE(fs::exists(dir.file("m.h5")));
}
