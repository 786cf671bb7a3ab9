// Version and git commit of the build, recorded in every output file.
#pragma once

namespace attachsim::sim {
extern const char* const version;
extern const char* const git_commit;
}  // namespace attachsim::sim
