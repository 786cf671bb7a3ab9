// Reproducibility end to end: results are bitwise identical for any thread count and block size,
// and a different seed gives different dyads; rows an assessment could not measure read 0 and stay out of
// the summary.
#include "support/cli.hpp"
#include "support/hdf5_reader.hpp"

#include <doctest/doctest.h>

#include <hdf5.h>

#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using attachsim::testing::Hdf5File;
using attachsim::testing::run_attachsim;
using attachsim::testing::ScratchDirectory;

namespace {

// 300 dyads in blocks of 64: four full blocks and a partial one, each run in parallel.
const std::string small_run = "run configs/normative.yaml --set run.dyads=300 --set run.chunk_dyads=64 "
                              "--set run.timeseries=true -q ";

fs::path run_to(const ScratchDirectory& dir, const std::string& name, const std::string& extra) {
  const fs::path out = dir.file(name);
  const auto r = run_attachsim(small_run + extra + " -o '" + out.string() + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  return out;
}

// A dataset's bytes exactly as stored (read in its file type, so nothing is converted).
std::vector<unsigned char> stored_bytes(const fs::path& file, const std::string& dataset) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t set = H5Dopen2(f, dataset.c_str(), H5P_DEFAULT);
  const hid_t type = H5Dget_type(set), space = H5Dget_space(set);
  std::vector<unsigned char> bytes(H5Tget_size(type) * static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
  const herr_t status = H5Dread(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data());
  H5Sclose(space), H5Tclose(type), H5Dclose(set), H5Fclose(f);
  if (status < 0) bytes.clear();
  return bytes;
}

// Compares every dataset of /dyads, /timeseries and /summary; returns how many were compared.
std::size_t check_identical(const fs::path& a, const fs::path& b) {
  std::size_t compared = 0;
  for (const std::string group : {"/dyads", "/timeseries", "/summary"}) {
    const auto names = Hdf5File(a.string()).members(group);
    REQUIRE(names == Hdf5File(b.string()).members(group));
    for (const auto& name : names) {
      const std::string path = group + "/" + name;
      CAPTURE(path);
      const auto bytes = stored_bytes(a, path);
      CHECK_FALSE(bytes.empty());
      CHECK(bytes == stored_bytes(b, path));
      ++compared;
    }
  }
  return compared;
}

}  // namespace

TEST_CASE("cli determinism: --threads 1 and --threads 2 give bitwise-identical datasets") {
  ScratchDirectory dir;
  const auto one = run_to(dir, "one.h5", "--threads 1");
  const auto two = run_to(dir, "two.h5", "--threads 2");
  CHECK(Hdf5File(two.string()).number_attribute("/meta", "threads") == 2);
  CHECK(check_identical(one, two) > 20);
}

TEST_CASE("cli determinism: the block size does not change any result") {
  ScratchDirectory dir;
  const auto blocks = run_to(dir, "blocks.h5", "--threads 2");
  const auto whole = run_to(dir, "whole.h5", "--threads 2 --set run.chunk_dyads=4096");
  CHECK(check_identical(blocks, whole) > 20);
}

// A Strange Situation with the partner leaves its scales unwritten for an infant with no partner at that
// age, and block buffers are reused: those rows must read 0 in any block size, not the values of the dyad
// that had the row in an earlier block (they did before 2026-12-03). In this population about 8% of
// infants have no partner at 12 months, about 24 of the 300.
TEST_CASE("cli determinism: a column a dyad leaves unwritten reads 0 in any block size") {
  ScratchDirectory dir;
  const std::string partner = "--threads 2 --set strange_situation.with_partner=true";
  const auto blocks = run_to(dir, "blocks.h5", partner);
  const auto whole = run_to(dir, "whole.h5", partner + " --set run.chunk_dyads=4096");
  CHECK(check_identical(blocks, whole) > 20);
  const Hdf5File out(blocks.string());
  const auto classes = out.labels("/dyads/ssp_12m_partner_class");
  const auto security = out.doubles("/dyads/ssp_12m_partner_security");
  REQUIRE(classes.size() == security.size());
  std::size_t absent = 0, unwritten_zero = 0;
  for (std::size_t i = 0; i < classes.size(); ++i)
    if (classes[i].empty()) ++absent, unwritten_zero += security[i] == 0;
  CHECK(absent >= 5);
  CHECK(unwritten_zero == absent);
  // Each such column names the class that tells readers where it was measured; other columns name none.
  CHECK(out.string_attribute("/dyads/ssp_12m_partner_security", "measured_by") == "ssp_12m_partner_class");
  CHECK(out.string_attribute("/dyads/iwm_12m_partner_fear", "measured_by") == "ssp_12m_partner_class");
  CHECK(out.string_attribute("/dyads/ssp_12m_security", "measured_by") == "ssp_12m_class");
  CHECK_FALSE(out.has_attribute("/dyads/infant_temperament", "measured_by"));
}

// A home visit with the partner (sensitivity_observation.with_partner) is a measurement of its own: it
// draws from its own streams, so every other column of the same lives is unchanged bit for bit; it is
// made where a partner lives with the infant that day (about 92% of 300 here) and scored on the 1-9
// scale; elsewhere it holds 0 and its flag column, which `measured_by` names, is 0; and the summary
// counts the partners observed.
TEST_CASE("cli run: a home visit with the partner is its own measurement, made where there is a partner") {
  ScratchDirectory dir;
  const auto without = run_to(dir, "without.h5", "");
  const auto with = run_to(dir, "with.h5", "--set sensitivity_observation.with_partner=true");
  const Hdf5File a(without.string()), b(with.string());
  std::size_t compared = 0;
  for (const std::string group : {"/dyads", "/timeseries"})
    for (const auto& name : a.members(group)) {
      const std::string path = group + "/" + name;
      CAPTURE(path);
      CHECK(stored_bytes(without, path) == stored_bytes(with, path));
      ++compared;
    }
  CHECK(compared > 80);
  for (const std::string age : {"6m", "12m"}) {
    CAPTURE(age);
    const std::string score = "/dyads/sensitivity_" + age + "_partner", flag = score + "_observed";
    CHECK(b.string_attribute(score, "measured_by") == "sensitivity_" + age + "_partner_observed");
    const auto scores = b.doubles(score);
    const auto observed = b.ints(flag);
    REQUIRE(scores.size() == observed.size());
    std::size_t seen = 0, consistent = 0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
      seen += observed[i] == 1;
      consistent += observed[i] == 1 ? scores[i] >= 1 && scores[i] <= 9 : observed[i] == 0 && scores[i] == 0;
    }
    CHECK(consistent == scores.size());
    CHECK(seen > 200);
    CHECK(seen + 5 <= scores.size());  // some infants have no partner that day, so the flag means something
    CHECK(b.doubles("/summary/sensitivity_" + age + "_partner_dyads").at(0) == static_cast<double>(seen));
  }
}

// A Strange Situation with the childcare provider measures nothing for an infant not in childcare at 12
// months (about half of them here): the summary's shares and mean security are of the assessed dyads only.
// Before 2026-12-03 the unassessed counted as security 0 and in no class, so the shares summed to about
// the assessed half and the mean security was about half the assessed mean.
TEST_CASE("cli run: the summary describes the dyads an assessment measured, not those it could not") {
  ScratchDirectory dir;
  const auto out = run_to(dir, "childcare.h5", "--set strange_situation.figure=childcare");
  const Hdf5File h5(out.string());
  const auto classes = h5.labels("/dyads/ssp_12m_class");
  const auto security = h5.doubles("/dyads/ssp_12m_security");
  double sum = 0;
  std::size_t assessed = 0;
  for (std::size_t i = 0; i < classes.size(); ++i)
    if (!classes[i].empty()) ++assessed, sum += security[i];
  REQUIRE(assessed >= 50);
  REQUIRE(assessed + 50 <= classes.size());  // enough infants of each kind for the test to mean something
  double shares = 0;
  for (const char* k : {"A", "B", "C", "D"}) shares += h5.doubles(std::string("/summary/ssp_12m_share_") + k).at(0);
  CHECK(shares == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(h5.doubles("/summary/ssp_12m_security_mean").at(0) == doctest::Approx(sum / static_cast<double>(assessed)).epsilon(1e-12));
}

TEST_CASE("cli determinism: different seeds give different dyads") {
  ScratchDirectory dir;
  const auto first = run_to(dir, "seed1.h5", "--seed 1");
  const auto second = run_to(dir, "seed2.h5", "--seed 2");
  const auto names = Hdf5File(first.string()).members("/dyads");
  REQUIRE(names.size() > 5);
  // Some columns may be constant in this scenario (a marker of frequency 0); most must differ.
  std::size_t differing = 0;
  for (const auto& name : names) differing += stored_bytes(first, "/dyads/" + name) != stored_bytes(second, "/dyads/" + name);
  CHECK(differing * 2 > names.size());
  CHECK(stored_bytes(first, "/dyads/dyad") == stored_bytes(second, "/dyads/dyad"));  // same dyads, other draws
}
