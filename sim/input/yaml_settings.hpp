// Reading scenarios from YAML: a scenario file with "key=value" overrides, and parameter settings from a
// YAML map inside another document (a trial's arms, a sweep's base overrides), with the same checks and
// error positions.
#pragma once

#include "sim/core/config.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <vector>

namespace attachsim::sim {

// Reads a YAML scenario and applies "key=value" overrides (values in YAML syntax).
ResolvedConfig load_config(const std::string& path, std::vector<ParameterSpec> schema,
                           const std::vector<std::string>& overrides = {});

// Applies "key=value" overrides (values in YAML syntax) in the order given, so a later one of a key
// wins; an unknown key or a bad value is an InputError naming the override.
void apply_overrides(ResolvedConfig& config, const std::vector<std::string>& overrides);

// Applies every setting of `map` (nested groups or dotted keys, below `prefix`) to `config`;
// throws InputError naming `file`, line and column.
void apply_settings(ResolvedConfig& config, const std::string& file, const YAML::Node& map, const std::string& prefix = "");

// A YAML node as a value of the declared kind, within its range; throws InputError naming the key.
Value parse_value(const YAML::Node& node, const ParameterSpec& spec, const SourcePosition& where);
// A scalar that reads completely as a finite number / a whole number.
bool parse_number(const YAML::Node& node, double& x);
bool parse_integer(const YAML::Node& node, std::int64_t& i);

// The position of a node in a file, 1-based.
SourcePosition position_in(const std::string& file, const YAML::Node& node);

// What a node is, for "found ..." in errors: 'text', a map, a list, nothing.
std::string describe_node(const YAML::Node& node);

}  // namespace attachsim::sim
