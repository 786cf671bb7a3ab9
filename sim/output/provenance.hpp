// What made an output file, recorded as /meta attributes of every run, trial and sweep file (and
// returned by the Python extension's build_info): attachsim's version and git commit, the compiler and
// build type, and the versions of the libraries that compute or write the results. The shared
// libraries (oneTBB, HDF5) report the version actually loaded, not the one compiled against.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace attachsim::sim {

// (name, value) pairs: attachsim_version, git_commit, compiler, build_type, boost_version, tbb_version,
// hdf5_version, yaml_cpp_version.
std::vector<std::pair<std::string, std::string>> build_provenance();

}  // namespace attachsim::sim
