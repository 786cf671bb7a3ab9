// Reading a config file (scenario, trial, sweep, economics) whole, with one clear error for what is not
// one: a missing or unreadable file (the system's reason), a directory, a result file given by mistake,
// or more text than any config holds (a device such as /dev/zero would otherwise be read forever).
// A named pipe is read like a file, so `attachsim run <(generate_config)` works.
#pragma once

#include <cstddef>
#include <string>

namespace attachsim::sim {

// The largest config read: the shipped ones are a few kilobytes.
inline constexpr std::size_t config_file_limit = 16u << 20;

// The text of `path`; `what` names the kind of file expected ("scenario YAML file") in errors.
std::string read_config_file(const std::string& path, const std::string& what);

}  // namespace attachsim::sim
