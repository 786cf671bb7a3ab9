// The files attachsim writes can be checked by any reader (issue 11, item 3): HDF5's newest format,
// whose metadata carries checksums (superblock version 2 or later), and on every dataset either the
// Fletcher32 filter (arrays, chunked for it) or the compact layout inside a checksummed object header
// (scalars). Read back from real files of `run` (with time series), `trial` and `sweep`.
#include "support/cli.hpp"

#include <doctest/doctest.h>
#include <hdf5.h>

#include <string>
#include <vector>

using attachsim::testing::quote;
using attachsim::testing::run_attachsim;
using attachsim::testing::ScratchDirectory;

namespace {

struct Storage {
  int datasets = 0, checksummed = 0, compact_scalars = 0;
  std::vector<std::string> unprotected;
};

herr_t visit(hid_t file, const char* name, const H5O_info_t* info, void* data) {
  if (info->type != H5O_TYPE_DATASET) return 0;
  auto& storage = *static_cast<Storage*>(data);
  ++storage.datasets;
  const hid_t set = H5Dopen2(file, name, H5P_DEFAULT);
  const hid_t create = H5Dget_create_plist(set);
  const hid_t space = H5Dget_space(set);
  bool fletcher = false;
  for (int f = 0, n = H5Pget_nfilters(create); f < n; ++f) {
    unsigned flags = 0;
    size_t count = 0;
    fletcher = fletcher || H5Pget_filter2(create, static_cast<unsigned>(f), &flags, &count, nullptr, 0, nullptr, nullptr) ==
                               H5Z_FILTER_FLETCHER32;
  }
  if (fletcher) {
    ++storage.checksummed;
  } else if (H5Pget_layout(create) == H5D_COMPACT && H5Sget_simple_extent_type(space) == H5S_SCALAR) {
    ++storage.compact_scalars;
  } else {
    storage.unprotected.emplace_back(name);
  }
  H5Sclose(space), H5Pclose(create), H5Dclose(set);
  return 0;
}

void check_format(const std::string& path, bool scalars) {
  CAPTURE(path);
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(file >= 0);
  H5F_info2_t info{};
  REQUIRE(H5Fget_info2(file, &info) >= 0);
  CHECK(info.super.version >= 2);  // 0 and 1 carry no checksums
  Storage storage;
  REQUIRE(H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_INC, visit, &storage, H5O_INFO_BASIC) >= 0);
  H5Fclose(file);
  CAPTURE(storage.unprotected.size() ? storage.unprotected.front() : std::string());
  CHECK(storage.datasets > 10);
  CHECK(storage.unprotected.empty());
  CHECK(storage.checksummed + storage.compact_scalars == storage.datasets);
  CHECK((storage.compact_scalars > 0) == scalars);
}

}  // namespace

TEST_CASE("file format: run, trial and sweep files are checksummed throughout") {
  ScratchDirectory dir;
  REQUIRE(run_attachsim("run configs/normative.yaml --set run.dyads=100 --set run.timeseries=true -q -o " +
                        quote(dir.file("run.h5"))).exit_code == 0);
  check_format(dir.file("run.h5").string(), true);  // the /summary scalars are compact
  REQUIRE(run_attachsim("trial configs/trials/van_den_boom_1994.yaml -q -o " + quote(dir.file("trial.h5"))).exit_code == 0);
  check_format(dir.file("trial.h5").string(), false);
  const auto sweep = dir.write("sweep.yaml", std::string("base: ") + ATTACHSIM_SOURCE_DIR +
                                                 "/configs/normative.yaml\nset:\n  run.dyads: 20\nfactors:\n"
                                                 "  - parameter: caregiver.sensitivity_mean\n    values: [0.4, 0.8]\n");
  REQUIRE(run_attachsim("sweep " + quote(sweep) + " -q -o " + quote(dir.file("sweep.h5"))).exit_code == 0);
  check_format(dir.file("sweep.h5").string(), false);
}
