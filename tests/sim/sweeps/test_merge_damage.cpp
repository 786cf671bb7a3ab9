// `attachsim merge` given damaged or inconsistent shards (issue 11, item 3): each is refused with exit 2
// and one line naming the file, never a crash, a hang or a merged file with wrong numbers. The fuzz
// test changes bytes of real shards at offsets spread over the whole file from a fixed seed; the corpus
// (fuzz_corpus/) keeps shards that once crashed or hung libhdf5 inside merge.
#include "sim/sweeps/sweep_output.hpp"
#include "support/cli.hpp"
#include "support/fuzz.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
namespace sim = attachsim::sim;
using attachsim::testing::findings_dir;
using attachsim::testing::FuzzTally;
using attachsim::testing::Outcome;
using attachsim::testing::run_attachsim;
using attachsim::testing::run_case;
using attachsim::testing::ScratchDirectory;
using attachsim::testing::spit;
using attachsim::testing::slurp;
using attachsim::testing::quote;

namespace {

// Two shards of a tiny sweep (3 points x 2 replicates at 50 dyads) in DIR, and their merge as the reference.
void make_shards(const ScratchDirectory& dir) {
  const fs::path sweep = dir.write("sweep.yaml", std::string("base: ") + ATTACHSIM_SOURCE_DIR +
                                                     "/configs/normative.yaml\nset:\n  run.dyads: 50\nseed: 7\nreplicates: 2\n"
                                                     "factors:\n  - parameter: caregiver.sensitivity_mean\n    range: [0.3, 0.9]\n"
                                                     "    levels: 3\noutcomes: [ssp_12m_share_B, ssp_12m_share_D]\n");
  for (const char* i : {"0", "1"}) {
    const auto r = run_attachsim("sweep " + quote(sweep) + " -q --threads 1 --shard " + i + "/2 -o " +
                                 quote(dir.file(std::string("shard") + i + ".h5")));
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  }
}

// The same columns, bitwise, and the same /meta but for merged_from and wall_seconds.
bool same_table(const sim::SweepTable& a, const sim::SweepTable& b) {
  if (a.columns.size() != b.columns.size() || a.meta.size() != b.meta.size()) return false;
  for (std::size_t c = 0; c < a.columns.size(); ++c) {
    const auto &u = a.columns[c], &v = b.columns[c];
    if (u.name != v.name || u.type != v.type || u.width != v.width || u.unit != v.unit || u.description != v.description ||
        u.ints != v.ints || u.texts != v.texts || u.reals.size() != v.reals.size() ||
        (!u.reals.empty() && std::memcmp(u.reals.data(), v.reals.data(), u.reals.size() * sizeof(double)) != 0))
      return false;
  }
  for (std::size_t m = 0; m < a.meta.size(); ++m)
    if (a.meta[m].first != b.meta[m].first ||
        (a.meta[m].first != "merged_from" && a.meta[m].first != "wall_seconds" && a.meta[m].second != b.meta[m].second))
      return false;
  return true;
}

void check_refused(const attachsim::testing::CommandResult& r, const fs::path& shard, const std::string& mention) {
  INFO("output: " << r.output);
  CHECK(r.exit_code == 2);
  CHECK(r.output.rfind("attachsim: error: " + shard.string(), 0) == 0);
  CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 1);
  CHECK(r.output.find(mention) != std::string::npos);
}

}  // namespace

TEST_CASE("merge: a shard whose column is shorter than its rows is refused, not merged as zeros") {
  ScratchDirectory dir;
  make_shards(dir);
  // Written through write_sweep_table, so that its checksum holds and only the rows are wrong.
  sim::SweepTable t = sim::read_sweep_table(dir.file("shard0.h5").string());
  auto outcome = std::find_if(t.columns.begin(), t.columns.end(), [](const auto& c) { return c.name == "ssp_12m_share_B"; });
  REQUIRE(outcome != t.columns.end());
  REQUIRE(outcome->reals.size() == 3);
  outcome->reals.pop_back();
  sim::write_sweep_table(dir.file("short.h5").string(), t);
  const std::string merge = "merge " + quote(dir.file("m.h5")) + " " + quote(dir.file("shard1.h5")) + " ";
  check_refused(run_attachsim(merge + quote(dir.file("short.h5"))), dir.file("short.h5"),
                "/points/ssp_12m_share_B with 2 rows, /points/point with 3");
  // Every column one row short: the columns agree with each other, not with the shard's runs.
  for (auto& c : t.columns) {
    if (c.type == sim::TableColumn::Type::int64) c.ints.resize(2);
    if (c.type == sim::TableColumn::Type::float64) c.reals.resize(2);
    if (c.type == sim::TableColumn::Type::text) c.texts.resize(2);
  }
  sim::write_sweep_table(dir.file("short.h5").string(), t);
  check_refused(run_attachsim(merge + quote(dir.file("short.h5"))), dir.file("short.h5"),
                "key '/points/point': expected 3 rows (shard 0/2 of 6 runs), found 2");
  CHECK_FALSE(fs::exists(dir.file("m.h5")));
}

TEST_CASE("merge: a column of another type, or rows outside the design, are refused") {
  ScratchDirectory dir;
  make_shards(dir);
  sim::SweepTable t = sim::read_sweep_table(dir.file("shard0.h5").string());
  auto typed = t;
  for (auto& c : typed.columns)
    if (c.name == "ssp_12m_share_B") c.type = sim::TableColumn::Type::int64, c.ints.assign(c.reals.size(), 0), c.reals.clear();
  sim::write_sweep_table(dir.file("typed.h5").string(), typed);
  check_refused(run_attachsim("merge " + quote(dir.file("m.h5")) + " " + quote(dir.file("shard1.h5")) + " " +
                              quote(dir.file("typed.h5"))),
                dir.file("typed.h5"), "key 'points/ssp_12m_share_B': expected column");
  // A run in two rows of one shard is named, with the file (before 2026-12-05: "merge: expected 6 runs,
  // each once, found 6 rows", no file, no run).
  auto doubled = t;
  for (auto& c : doubled.columns)
    if (c.name == "point") c.ints[1] = c.ints[0];
  for (auto& c : doubled.columns)
    if (c.name == "replicate") c.ints[1] = c.ints[0];
  sim::write_sweep_table(dir.file("doubled.h5").string(), doubled);
  check_refused(run_attachsim("merge " + quote(dir.file("m.h5")) + " " + quote(dir.file("doubled.h5")) + " " +
                              quote(dir.file("shard1.h5"))),
                dir.file("doubled.h5"), "expected each run once, found run 0 in two rows");
  auto outside = t;
  for (auto& c : outside.columns)
    if (c.name == "point") c.ints.back() = 7;
  sim::write_sweep_table(dir.file("outside.h5").string(), outside);
  check_refused(run_attachsim("merge " + quote(dir.file("m.h5")) + " " + quote(dir.file("outside.h5")) + " " +
                              quote(dir.file("shard1.h5"))),
                dir.file("outside.h5"), "point 7, replicate");
  CHECK_FALSE(fs::exists(dir.file("m.h5")));
}

TEST_CASE("merge: a changed byte, a cut file and a shard without a checksum are each refused as damaged") {
  ScratchDirectory dir;
  make_shards(dir);
  std::string bytes = slurp(dir.file("shard0.h5"));
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x11);
  spit(dir.file("flipped.h5"), bytes);
  const std::string merge = "merge " + quote(dir.file("m.h5")) + " ";
  check_refused(run_attachsim(merge + quote(dir.file("flipped.h5")) + " " + quote(dir.file("shard1.h5"))), dir.file("flipped.h5"),
                "a damaged file");
  spit(dir.file("cut.h5"), slurp(dir.file("shard0.h5")).substr(0, 9000));
  check_refused(run_attachsim(merge + quote(dir.file("cut.h5")) + " " + quote(dir.file("shard1.h5"))), dir.file("cut.h5"),
                "a damaged file");
  // An HDF5 file as attachsim wrote it before: the bytes after the checksum block.
  spit(dir.file("old.h5"), slurp(dir.file("shard0.h5")).substr(512));
  check_refused(run_attachsim(merge + quote(dir.file("old.h5")) + " " + quote(dir.file("shard1.h5"))), dir.file("old.h5"),
                "without attachsim's checksum");
  CHECK_FALSE(fs::exists(dir.file("m.h5")));
}

TEST_CASE("fuzz: merge of shards with bytes changed anywhere exits 2 naming the shard, or merges them exactly") {
  ScratchDirectory dir;
  make_shards(dir);
  const fs::path damaged = dir.file("damaged.h5"), merged = dir.file("merged.h5");
  fs::copy_file(dir.file("shard0.h5"), damaged);
  REQUIRE(run_attachsim("merge -q " + quote(dir.file("reference.h5")) + " " + quote(damaged) + " " + quote(dir.file("shard1.h5")))
              .exit_code == 0);
  const sim::SweepTable reference = sim::read_sweep_table(dir.file("reference.h5").string());
  const std::string original = slurp(dir.file("shard0.h5"));

  std::mt19937_64 rng(11);  // fixed: a finding repeats exactly
  FuzzTally tally;
  for (int c = 0; c < attachsim::testing::fuzz_cases; ++c) {
    std::string bytes = original;
    // Offsets spread evenly over the file, jittered, so every structure (checksum block, superblock,
    // object headers, heaps, B-trees, chunks) is hit; one to three bytes each, some cases cut the file.
    const std::size_t offset = (static_cast<std::size_t>(c) * bytes.size() / attachsim::testing::fuzz_cases + rng() % 64) % bytes.size();
    if (c % 10 == 9) {
      bytes.resize(offset);
    } else {
      for (std::size_t k = 0, n = 1 + rng() % 3; k < n && offset + k < bytes.size(); ++k)
        bytes[offset + k] = static_cast<char>(bytes[offset + k] ^ static_cast<char>(1 + rng() % 255));
    }
    spit(damaged, bytes);
    fs::remove(merged);
    std::string output;
    const Outcome outcome = run_case({"merge", "-q", merged.string(), damaged.string(), dir.file("shard1.h5").string()},
                                     dir.file("case.log"), output);
    const std::string what = "case " + std::to_string(c) + " (offset " + std::to_string(offset) + "): " + output.substr(0, 300);
    const fs::path keep = findings_dir() / ("shard-case-" + std::to_string(c) + ".h5");
    tally.add(outcome, what, damaged, keep);
    if (outcome == Outcome::refused && output.find(damaged.string()) == std::string::npos) ++tally.wrong, tally.keep(what, damaged, keep);
    if (outcome == Outcome::accepted && !same_table(sim::read_sweep_table(merged.string()), reference))
      ++tally.wrong, tally.keep(what, damaged, keep);
  }
  MESSAGE("merge fuzz: " << tally.summary());
  for (const auto& f : tally.findings) FAIL_CHECK(f);
  CHECK(tally.crashes == 0);
  CHECK(tally.hangs == 0);
  CHECK(tally.wrong == 0);
}

TEST_CASE("fuzz corpus: shards that once crashed or hung merge are refused as damaged") {
  const fs::path corpus = fs::path(ATTACHSIM_SOURCE_DIR) / "tests/sim/sweeps/fuzz_corpus";
  ScratchDirectory dir;
  int files = 0;
  for (const auto& e : fs::directory_iterator(corpus)) {
    if (e.path().extension() != ".h5") continue;
    ++files;
    CAPTURE(e.path());
    // Merged with itself as the other shard: the damaged file must be named before anything else happens.
    std::string output;
    const Outcome outcome =
        run_case({"merge", dir.file("m.h5").string(), e.path().string(), e.path().string()}, dir.file("case.log"), output);
    INFO(output);
    CHECK(outcome == Outcome::refused);
    CHECK(output.rfind("attachsim: error: " + e.path().string(), 0) == 0);
  }
  CHECK(files >= 4);
  CHECK_FALSE(fs::exists(dir.file("m.h5")));
}
