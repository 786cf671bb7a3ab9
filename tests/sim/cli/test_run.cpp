// `attachsim run` end to end: the HDF5 file it writes carries full provenance in /meta, one row per
// dyad with units and description, --seed is applied and recorded, and config_yaml re-checks.
#include "sim/core/config.hpp"
#include "sim/input/yaml_settings.hpp"
#include "sim/core/model.hpp"
#include "sim/core/run_settings.hpp"
#include "support/cli.hpp"
#include "support/hdf5_reader.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace sim = attachsim::sim;
using attachsim::testing::Hdf5File;
using attachsim::testing::run_attachsim;
using attachsim::testing::ScratchDirectory;

namespace {

std::string quote(const fs::path& p) { return "'" + p.string() + "'"; }

// Whether `text` matches `pattern`, where '9' stands for any digit, 'f' for any lowercase hex digit
// and every other character for itself (std::regex trips GCC 12's -Wmaybe-uninitialized under ASan).
bool matches(const std::string& text, const std::string& pattern) {
  if (text.size() != pattern.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i], p = pattern[i];
    const bool digit = c >= '0' && c <= '9';
    if (p == '9' ? !digit : p == 'f' ? !(digit || (c >= 'a' && c <= 'f')) : c != p) return false;
  }
  return true;
}

std::vector<sim::ParameterSpec> full_schema() { return sim::scenario_schema(*sim::make_model()); }

}  // namespace

TEST_CASE("cli run: /meta records version, commit, resolved config, seed, threads, times and mechanisms") {
  ScratchDirectory dir;
  const fs::path out = dir.file("meta.h5");
  const auto r = run_attachsim("run configs/normative.yaml --set run.dyads=200 --threads 2 -q -o " + quote(out));
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.empty());  // -q prints nothing but errors
  REQUIRE(fs::exists(out));
  CHECK_FALSE(fs::exists(out.string() + ".partial"));

  Hdf5File h5(out.string());
  CHECK_FALSE(h5.string_attribute("/meta", "attachsim_version").empty());
  CHECK_FALSE(h5.string_attribute("/meta", "git_commit").empty());
  CHECK(h5.string_attribute("/meta", "config_file") == "configs/normative.yaml");

  // The recorded config is exactly what loading the same scenario in-process resolves to.
  const auto expected =
      sim::load_config(std::string(ATTACHSIM_SOURCE_DIR) + "/configs/normative.yaml", full_schema(), {"run.dyads=200"});
  const std::string yaml = h5.string_attribute("/meta", "config_yaml");
  CHECK(yaml == expected.to_yaml());
  CHECK(yaml.find("  dyads: 200\n") != std::string::npos);
  CHECK(h5.string_attribute("/meta", "config_sha1") == expected.hash());
  CHECK(matches(h5.string_attribute("/meta", "config_sha1"), std::string(40, 'f')));

  CHECK(h5.number_attribute("/meta", "seed") == 20261128);
  CHECK(h5.number_attribute("/meta", "threads") == 2);
  CHECK(matches(h5.string_attribute("/meta", "start_time"), "9999-99-99T99:99:99Z"));
  CHECK(std::isfinite(h5.number_attribute("/meta", "wall_seconds")));
  CHECK(h5.number_attribute("/meta", "wall_seconds") > 0);  // measured, not left unset
  CHECK(h5.string_attribute("/meta", "mechanism_learning_rule") == "reinforcement");
  CHECK(h5.string_attribute("/meta", "mechanism_susceptibility_mechanism") == "size");
  CHECK(h5.string_attribute("/meta", "mechanism_life_course_changes") == "on");
}

TEST_CASE("cli run: /dyads has one row per dyad and every dataset there has units and description") {
  ScratchDirectory dir;
  const fs::path out = dir.file("dyads.h5");
  const auto r = run_attachsim("run configs/normative.yaml --set run.dyads=200 --set run.timeseries=false -q -o " + quote(out));
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  Hdf5File h5(out.string());
  const auto names = h5.members("/dyads");
  REQUIRE(names.size() > 5);
  for (const auto& name : names) {
    const std::string path = "/dyads/" + name;
    CAPTURE(path);
    CHECK(h5.shape(path) == std::vector<hsize_t>{200});
    CHECK_NOTHROW(h5.string_attribute(path, "units"));
    CHECK_FALSE(h5.string_attribute(path, "description").empty());
  }
  // Rows are in dyad order.
  const auto dyad = h5.ints("/dyads/dyad");
  REQUIRE(dyad.size() == 200);
  for (int i = 0; i < 200; ++i) CHECK(dyad[static_cast<std::size_t>(i)] == i);
  // Summaries are described too, and there is no time series unless asked for.
  for (const auto& name : h5.members("/summary")) {
    CAPTURE(name);
    CHECK_NOTHROW(h5.string_attribute("/summary/" + name, "units"));
    CHECK_FALSE(h5.string_attribute("/summary/" + name, "description").empty());
  }
  CHECK_FALSE(h5.exists("/timeseries"));
}

TEST_CASE("cli run: without -q it reports the summary and the path written") {
  ScratchDirectory dir;
  const fs::path out = dir.file("loud.h5");
  const auto r = run_attachsim("run configs/normative.yaml --set run.dyads=200 -o " + quote(out));
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("written: " + out.string()) != std::string::npos);
  CHECK(r.output.find("200 dyads") != std::string::npos);
}

TEST_CASE("cli run: --seed overrides the config seed and is recorded") {
  ScratchDirectory dir;
  const fs::path out = dir.file("seeded.h5");
  const auto r = run_attachsim("run configs/normative.yaml --set run.dyads=200 --seed 7 -q -o " + quote(out));
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  Hdf5File h5(out.string());
  CHECK(h5.number_attribute("/meta", "seed") == 7);
  CHECK(h5.string_attribute("/meta", "config_yaml").find("  seed: 7\n") != std::string::npos);
  CHECK(h5.string_attribute("/meta", "config_yaml").find("20261128") == std::string::npos);
}

TEST_CASE("cli run: the recorded config_yaml passes `check` and prints back identically") {
  ScratchDirectory dir;
  const fs::path out = dir.file("recheck.h5");
  const auto r = run_attachsim("run configs/normative.yaml --set run.dyads=200 --seed 99 "
                               "--set 'strange_situation.ages_months=[12, 18]' -q -o " + quote(out));
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  const std::string yaml = Hdf5File(out.string()).string_attribute("/meta", "config_yaml");
  const fs::path recorded = dir.write("recorded.yaml", yaml);
  const auto checked = run_attachsim("check " + quote(recorded));
  CHECK(checked.exit_code == 0);
  CHECK(checked.output == yaml);
}

TEST_CASE("cli run: run.timeseries=true writes [dyads, span_months + 1] series") {
  ScratchDirectory dir;
  const fs::path out = dir.file("series.h5");
  const auto r = run_attachsim("run configs/normative.yaml --set run.dyads=120 --set run.timeseries=true "
                               "--set development.span_months=18 -q -o " + quote(out));
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  Hdf5File h5(out.string());
  REQUIRE(h5.exists("/timeseries"));
  std::vector<double> ages(19);
  for (std::size_t m = 0; m < ages.size(); ++m) ages[m] = static_cast<double>(m);
  CHECK(h5.doubles("/timeseries/age_months") == ages);
  const auto names = h5.members("/timeseries");
  REQUIRE(names.size() > 1);
  for (const auto& name : names) {
    if (name == "age_months") continue;
    const std::string path = "/timeseries/" + name;
    CAPTURE(path);
    CHECK(h5.shape(path) == std::vector<hsize_t>{120, 19});
    CHECK_NOTHROW(h5.string_attribute(path, "units"));
    CHECK_FALSE(h5.string_attribute(path, "description").empty());
  }
}
