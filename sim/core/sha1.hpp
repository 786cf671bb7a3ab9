// SHA-1 of a text as 40 hex digits (FIPS 180-4): the fingerprint of a resolved config, a sweep file or a
// trial file recorded in outputs and checked when a sweep resumes.
#pragma once

#include <string>

namespace attachsim::sim {

std::string sha1_hex(const std::string& text);

}  // namespace attachsim::sim
