// Hdf5Output: /meta, /dyads (typed columns), /timeseries and /summary read back with the plain HDF5
// library, units and description on every dataset, and the PATH.partial -> PATH commit protocol.
#include "sim/output/hdf5_output.hpp"
#include "sim/core/input_error.hpp"
#include "support/cli.hpp"
#include "support/hdf5_reader.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <hdf5.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace sim = attachsim::sim;
using attachsim::testing::Hdf5File;
using attachsim::testing::ScratchDirectory;
using attachsim::testing::entries;

namespace {

const std::vector<sim::Column> columns = {
    {"value", sim::ColumnType::float64, "m", "A real measurement."},
    {"count", sim::ColumnType::int32, "episodes", "A whole count."},
    {"class", sim::ColumnType::label, "A/B/C/D", "A one-letter label."},
    {"aai", sim::ColumnType::label, "F/Ds/E/U", "A label of up to two letters."},
};
const std::vector<sim::Series> series = {{"level", "0-1", "A level by month."}};
const std::vector<double> ages = {0, 1, 2};

// Writes 6 dyads in a block of 4 and a block of 2, so appending at an offset is exercised.
void write_records(sim::Hdf5Output& out) {
  out.define_records(columns, {{"dyads", "One row per dyad."}}, series, ages, 4);
  sim::RecordBlock block(columns.size(), series.size(), ages.size(), 4);
  const char* classes[] = {"B", "A", "C", "D", "B", "B"};
  const char* aai[] = {"F", "Ds", "E", "U", "Ds", "F"};
  for (std::size_t first : {0, 4}) {
    const std::size_t size = first == 0 ? 4 : 2;
    block.reset(first, size);
    for (std::size_t row = 0; row < size; ++row) {
      const std::size_t dyad = first + row;
      sim::DyadRecord record(block, row);
      record.set(0, 0.5 + static_cast<double>(dyad));
      record.set(1, -3 + static_cast<double>(dyad));
      record.set(2, sim::label_code(classes[dyad]));
      record.set(3, sim::label_code(aai[dyad]));
      for (std::size_t step = 0; step < ages.size(); ++step)
        record.set_series(0, step, static_cast<double>(10 * dyad + step));
    }
    out.write(block);
  }
}

struct StoredType {
  H5T_class_t type_class;
  std::size_t size;
};

// The class and size of a dataset's type as stored in the file.
StoredType stored_type(const std::string& file, const std::string& dataset) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t set = H5Dopen2(f, dataset.c_str(), H5P_DEFAULT);
  const hid_t type = H5Dget_type(set);
  const StoredType out{H5Tget_class(type), H5Tget_size(type)};
  H5Tclose(type), H5Dclose(set), H5Fclose(f);
  return out;
}

}  // namespace

TEST_CASE("hdf5 output: /meta, /dyads, /timeseries and /summary read back as written") {
  ScratchDirectory dir;
  const std::string path = dir.file("out.h5").string();
  {
    sim::Hdf5Output out(path);
    out.set_meta("label", std::string("normative"));
    out.set_meta("fraction", 0.125);
    out.set_meta("seed", std::int64_t{9007199254740991});
    write_records(out);
    out.write_summary({{"share_B", 0.5, "proportion", "Share classified B."}, {"mean", -1.25, "SD", "A mean."}});
    out.commit();
  }
  Hdf5File h5(path);
  CHECK(h5.string_attribute("/meta", "label") == "normative");
  CHECK(h5.number_attribute("/meta", "fraction") == 0.125);
  CHECK(h5.number_attribute("/meta", "seed") == 9007199254740991.0);

  CHECK(h5.members("/dyads") == std::vector<std::string>{"aai", "class", "count", "value"});
  CHECK(h5.shape("/dyads/value") == std::vector<hsize_t>{6});
  CHECK(h5.doubles("/dyads/value") == std::vector<double>{0.5, 1.5, 2.5, 3.5, 4.5, 5.5});
  CHECK(h5.ints("/dyads/count") == std::vector<int>{-3, -2, -1, 0, 1, 2});
  CHECK(h5.labels("/dyads/class") == std::vector<std::string>{"B", "A", "C", "D", "B", "B"});
  CHECK(h5.labels("/dyads/aai") == std::vector<std::string>{"F", "Ds", "E", "U", "Ds", "F"});

  CHECK(h5.doubles("/timeseries/age_months") == ages);
  CHECK(h5.shape("/timeseries/level") == std::vector<hsize_t>{6, 3});
  const auto level = h5.doubles("/timeseries/level");  // row-major [dyad, step]
  REQUIRE(level.size() == 18);
  CHECK(level[0] == 0);
  CHECK(level[2] == 2);
  CHECK(level[3 * 5 + 1] == 51);

  CHECK(h5.doubles("/summary/share_B") == std::vector<double>{0.5});
  CHECK(h5.doubles("/summary/mean") == std::vector<double>{-1.25});
}

TEST_CASE("hdf5 output: columns are stored as float64, int32 and 2-byte strings") {
  ScratchDirectory dir;
  const std::string path = dir.file("types.h5").string();
  {
    sim::Hdf5Output out(path);
    write_records(out);
    out.commit();
  }
  const auto real = stored_type(path, "/dyads/value");
  CHECK(real.type_class == H5T_FLOAT);
  CHECK(real.size == 8);
  const auto whole = stored_type(path, "/dyads/count");
  CHECK(whole.type_class == H5T_INTEGER);
  CHECK(whole.size == 4);
  const auto label = stored_type(path, "/dyads/aai");
  CHECK(label.type_class == H5T_STRING);
  CHECK(label.size == 2);
  CHECK(stored_type(path, "/timeseries/level").type_class == H5T_FLOAT);
}

TEST_CASE("hdf5 output: every dataset and group carries units and description") {
  ScratchDirectory dir;
  const std::string path = dir.file("described.h5").string();
  {
    sim::Hdf5Output out(path);
    write_records(out);
    out.write_summary({{"share_B", 0.5, "proportion", "Share classified B."}});
    out.commit();
  }
  Hdf5File h5(path);
  std::size_t checked = 0;
  for (const std::string group : {"/dyads", "/timeseries", "/summary"}) {
    CHECK_NOTHROW(h5.string_attribute(group, "description"));
    for (const auto& name : h5.members(group)) {
      const std::string object = group + "/" + name;
      CAPTURE(object);
      CHECK_NOTHROW(h5.string_attribute(object, "units"));
      CHECK_FALSE(h5.string_attribute(object, "description").empty());
      ++checked;
    }
  }
  CHECK(checked == 4 + 2 + 1);  // 4 columns, level + age_months, 1 summary value
  CHECK(h5.string_attribute("/dyads/aai", "units") == "F/Ds/E/U");
  CHECK(h5.string_attribute("/dyads/count", "description") == "A whole count.");
  CHECK(h5.string_attribute("/timeseries/age_months", "units") == "months");
  CHECK(h5.string_attribute("/summary/share_B", "units") == "proportion");
}

TEST_CASE("hdf5 output: the file exists only as PATH.<pid>.partial until commit() renames it") {
  ScratchDirectory dir;
  const fs::path path = dir.file("run.h5");
  const std::vector<std::string> partial{"run.h5." + std::to_string(getpid()) + ".partial"};
  sim::Hdf5Output out(path.string());
  CHECK(entries(dir.path()) == partial);
  write_records(out);
  CHECK(entries(dir.path()) == partial);
  out.commit();
  CHECK(entries(dir.path()) == std::vector<std::string>{"run.h5"});
  CHECK(Hdf5File(path.string()).shape("/dyads/value") == std::vector<hsize_t>{6});
}

TEST_CASE("hdf5 output: a second writer of the same path in one process gets a temporary name of its own") {
  ScratchDirectory dir;
  const fs::path path = dir.file("run.h5");
  sim::Hdf5Output first(path.string()), second(path.string());
  const std::string pid = std::to_string(getpid());
  CHECK(entries(dir.path()).size() == 2);
  CHECK(fs::exists(dir.file("run.h5." + pid + ".partial")));
  CHECK(fs::exists(dir.file("run.h5." + pid + "-1.partial")));
  write_records(first), write_records(second);
  second.commit();
  first.commit();  // the last rename wins; neither writer disturbed the other
  CHECK(entries(dir.path()) == std::vector<std::string>{"run.h5"});
  CHECK(Hdf5File(path.string()).shape("/dyads/value") == std::vector<hsize_t>{6});
}

TEST_CASE("hdf5 output: destroying without commit leaves nothing") {
  ScratchDirectory dir;
  const fs::path path = dir.file("abandoned.h5");
  {
    sim::Hdf5Output out(path.string());
    out.set_meta("seed", std::int64_t{1});
    write_records(out);
  }
  CHECK(entries(dir.path()).empty());
}

TEST_CASE("hdf5 output: an abandoned run leaves an earlier result at PATH untouched") {
  ScratchDirectory dir;
  const fs::path path = dir.file("previous.h5");
  std::ofstream(path) << "earlier result";
  {
    sim::Hdf5Output out(path.string());
    write_records(out);
  }
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  CHECK(text == "earlier result");
}

TEST_CASE("hdf5 output: a path in a missing directory is an InputError and creates nothing") {
  ScratchDirectory dir;
  const fs::path path = dir.file("no-such-dir") / "out.h5";
  try {
    sim::Hdf5Output out(path.string());
    FAIL("no InputError");
  } catch (const sim::InputError& e) {
    CHECK(e.where().file == path.string());
    CHECK(e.key() == "output");
    CHECK(e.expected() == "a file path in an existing directory");
    CHECK(e.found().find("no-such-dir") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(dir.file("no-such-dir")));
}

TEST_CASE("hdf5 output: a path that is a directory is an InputError") {
  ScratchDirectory dir;
  const fs::path path = dir.file("taken");
  fs::create_directory(path);
  try {
    sim::Hdf5Output out(path.string());
    FAIL("no InputError");
  } catch (const sim::InputError& e) {
    CHECK(e.key() == "output");
    CHECK(e.found() == "a directory");
  }
  CHECK(fs::is_directory(path));
  CHECK_FALSE(fs::exists(dir.file("taken.partial")));
}
