// Version, git commit and toolchain of the build, recorded in every output file (sim/output/provenance.hpp).
#pragma once

namespace attachsim::sim {
extern const char* const version;
extern const char* const git_commit;
extern const char* const compiler;          // e.g. "GNU 12.2.0"
extern const char* const build_type;        // e.g. "Release", "RelWithDebInfo with sanitizers address,undefined"
extern const char* const yaml_cpp_version;  // yaml-cpp has no version macro: CMake's, at configure time
}  // namespace attachsim::sim
