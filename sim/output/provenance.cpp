#include "sim/output/provenance.hpp"

#include "sim/output/version.hpp"

#include <boost/version.hpp>
#include <hdf5.h>
#include <tbb/version.h>

namespace attachsim::sim {

std::vector<std::pair<std::string, std::string>> build_provenance() {
  unsigned major = 0, minor = 0, release = 0;
  H5get_libversion(&major, &minor, &release);
  const auto dotted = [](unsigned a, unsigned b, unsigned c) {
    return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c);
  };
  return {{"attachsim_version", version},
          {"git_commit", git_commit},
          {"compiler", compiler},
          {"build_type", build_type},
          {"boost_version", dotted(BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100)},
          {"tbb_version", TBB_runtime_version()},
          {"hdf5_version", dotted(major, minor, release)},
          {"yaml_cpp_version", *yaml_cpp_version ? yaml_cpp_version : "unknown"}};
}

}  // namespace attachsim::sim
