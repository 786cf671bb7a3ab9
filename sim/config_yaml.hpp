// Reading parameter settings from a YAML map inside another document (a trial's arms, a sweep's
// base overrides) with the same checks and error positions as a scenario file.
#pragma once

#include "sim/config.hpp"

#include <yaml-cpp/yaml.h>

#include <string>

namespace attachsim::sim {

// Applies every setting of `map` (nested groups or dotted keys, below `prefix`) to `config`;
// throws InputError naming `file`, line and column.
void apply_settings(ResolvedConfig& config, const std::string& file, const YAML::Node& map, const std::string& prefix = "");

// The position of a node in a file, 1-based.
SourcePosition position_in(const std::string& file, const YAML::Node& node);

// What a node is, for "found ..." in errors: 'text', a map, a list, nothing.
std::string describe_node(const YAML::Node& node);

}  // namespace attachsim::sim
