// A YAML document as the user wrote it: a syntax error, a key written twice in one map, or a second
// document in the file (which would be silently ignored) is an InputError with file, line and column. YAML forbids duplicate keys, but yaml-cpp keeps both entries
// and the later one silently won; here the second is refused and the first is named beside it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

namespace attachsim::sim {

// Parses `text` (the contents of `file`, which only names it in errors) and checks every map in it.
YAML::Node load_yaml(const std::string& text, const std::string& file);

}  // namespace attachsim::sim
