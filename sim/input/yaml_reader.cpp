#include "sim/input/yaml_reader.hpp"

#include "sim/core/config.hpp"
#include "sim/core/input_error.hpp"
#include "sim/input/input_file.hpp"
#include "sim/input/yaml_settings.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace attachsim::sim {

std::string YamlReader::read_text(const std::string& what) const { return read_config_file(file_, what); }

YAML::Node YamlReader::require(const YAML::Node& map, const std::string& key, const std::string& where) const {
  if (!map[key]) throw InputError(position_in(file_, map), where + "." + key, "a '" + key + "' entry", "none");
  return map[key];
}

void YamlReader::check_keys(const YAML::Node& map, const std::string& where, const std::vector<std::string>& known) const {
  for (const auto& entry : map) {
    const std::string key = entry.first.Scalar();
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    const std::string near = nearest_key(key, known);
    std::string all;
    for (const auto& k : known) all += (all.empty() ? "" : ", ") + k;
    throw InputError(position_in(file_, entry.first), where.empty() ? key : where + "." + key,
                     near.empty() ? "one of " + all : "a known key, such as '" + near + "'",
                     "an unknown key" + (near.empty() ? std::string() : "; did you mean '" + near + "'?"));
  }
}

std::string YamlReader::text_of(const YAML::Node& node, const std::string& key) const {
  if (!node.IsScalar()) throw InputError(position_in(file_, node), key, "a text", describe_node(node));
  return node.Scalar();
}

double YamlReader::number(const YAML::Node& node, const std::string& key) const {
  double x = 0;
  const std::string s = node.IsScalar() ? node.Scalar() : "";
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(x))
    throw InputError(position_in(file_, node), key, "a number", describe_node(node));
  return x;
}

std::int64_t YamlReader::whole(const YAML::Node& node, const std::string& key, std::int64_t lo, std::int64_t hi) const {
  std::int64_t i = 0;
  const std::string s = node.IsScalar() ? node.Scalar() : "";
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || i < lo || i > hi)
    throw InputError(position_in(file_, node), key, "a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]",
                     describe_node(node));
  return i;
}

std::string YamlReader::column(const YAML::Node& node, const std::string& key, const std::vector<std::string>& columns) const {
  const std::string name = text_of(node, key);
  if (std::find(columns.begin(), columns.end(), name) != columns.end()) return name;
  const std::string near = nearest_key(name, columns);
  throw InputError(position_in(file_, node), key,
                   "a column of /dyads" + (near.empty() ? std::string(" (see docs/output.md)") : ", such as '" + near + "'"),
                   "'" + name + "'" + (near.empty() ? std::string() : "; did you mean '" + near + "'?"));
}

}  // namespace attachsim::sim
