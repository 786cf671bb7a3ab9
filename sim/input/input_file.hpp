// Reading a config file (scenario, trial, sweep, economics) whole, with one clear error for what is not
// one: a missing or unreadable file (the system's reason), a directory, a result file given by mistake,
// or more text than any config holds (a device such as /dev/zero would otherwise be read forever).
// A named pipe is read like a file, so `attachsim run <(generate_config)` works.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>

namespace attachsim::sim {

// The largest config read: the shipped ones are a few kilobytes.
inline constexpr std::size_t config_file_limit = 16u << 20;

// The text of `path`; `what` names the kind of file expected ("scenario YAML file") in errors.
std::string read_config_file(const std::string& path, const std::string& what);

// What is at `path` when a file named there is not a regular file, for an error's "found": "no file
// 'P'", "a directory 'P'", "'P': Permission denied" (a folder on the way that cannot be entered), ...
// `path` is what the file named resolved to; `given` the text as written ("" for an empty name).
std::string describe_not_a_file(const std::string& path, const std::string& given);

// What a config's top level says it is: a trial (`trial:`), a sweep (`base:` or `factors:`), an
// economics file (`economics:`), else a scenario. Each is read by its own command, and a file given to
// the wrong one is named for what it is (describe_config_kind) rather than read key by key.
enum class ConfigKind { scenario, trial, sweep, economics };
ConfigKind config_kind(const YAML::Node& root);
// "a trial file (attachsim trial reads it)", and so on.
std::string describe_config_kind(ConfigKind kind);
// The top-level key that makes `root` of its kind, for the error's position (root itself for a scenario).
YAML::Node config_kind_key(const YAML::Node& root);

}  // namespace attachsim::sim
