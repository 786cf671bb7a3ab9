// Reading scenarios from YAML: every key checked against the declared parameters, with the file, line and
// column of each value kept for error messages (sim/core/config.hpp holds the values themselves).
#include "sim/input/yaml_settings.hpp"

#include "sim/input/input_file.hpp"

#include "sim/input/yaml_document.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace attachsim::sim {
namespace {

SourcePosition at(const std::string& file, const YAML::Node& node) {
  const auto mark = node.Mark();
  return {file, mark.line + 1, mark.column + 1};
}

// An empty value has no place of its own in the text: yaml-cpp marks where the next token starts, which
// may be the next line or past the end of the file. Its key is where the user looks.
SourcePosition value_at(const std::string& file, const YAML::Node& key, const YAML::Node& value) {
  return at(file, value.IsNull() ? key : value);
}

// In quotes, with line breaks and other control characters written as escapes, so that a message stays
// one line whatever was typed (a --set value may hold a newline).
std::string quoted(const std::string& s) {
  std::string q = "'";  // built by appends: GCC 12 warns falsely on "'" + std::string (PR 105329)
  for (const char c : shortened(s)) {
    if (c == '\n') q += "\\n";
    else if (c == '\t') q += "\\t";
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
      q += escape;
    } else q += c;
  }
  q += "'";
  return q;
}

std::string describe_found(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return node.size() == 0 ? "an empty map" : "a map";
    case YAML::NodeType::Sequence: return node.size() == 0 ? "an empty list" : "a list of " + std::to_string(node.size());
    case YAML::NodeType::Null: return "nothing";
    default: return quoted(node.Scalar());
  }
}

class Reader {
 public:
  Reader(ResolvedConfig& config, std::string file) : config_(config), file_(std::move(file)) {
    for (const auto& spec : config.schema()) {
      keys_.push_back(spec.key);
      for (auto dot = spec.key.find('.'); dot != std::string::npos; dot = spec.key.find('.', dot + 1))
        groups_.push_back(spec.key.substr(0, dot));
    }
  }

  void read_map(const YAML::Node& map, const std::string& prefix) {
    for (const auto& entry : map) {
      const std::string name = entry.first.Scalar();
      const std::string key = prefix.empty() ? name : prefix + "." + name;
      const YAML::Node& value = entry.second;
      if (std::find(keys_.begin(), keys_.end(), key) != keys_.end()) {
        // run: {dyads: 50} and run.dyads: 60 in one map set one parameter twice, as a duplicate key would.
        const SourcePosition where = at(file_, entry.first);
        if (const auto [earlier, fresh] = set_at_.emplace(key, where); !fresh)
          throw InputError(where, key, "each parameter set once",
                           "a second setting (first at line " + std::to_string(earlier->second.line) + ", column " +
                               std::to_string(earlier->second.column) + ")");
        const SourcePosition value_where = value_at(file_, entry.first, value);
        config_.set(key, parse_value(value, config_.spec(key), value_where), value_where);
      } else if (std::find(groups_.begin(), groups_.end(), key) != groups_.end()) {
        if (!value.IsMap()) throw InputError(value_at(file_, entry.first, value), key, "a map of settings", describe_found(value));
        read_map(value, key);
      } else {
        throw unknown(key, at(file_, entry.first));
      }
    }
  }

  InputError unknown(const std::string& key, const SourcePosition& where) const {
    if (std::find(groups_.begin(), groups_.end(), key) != groups_.end()) {  // `--set run=5`: a group, not a parameter
      const auto first = std::find_if(keys_.begin(), keys_.end(), [&](const std::string& k) { return k.rfind(key + ".", 0) == 0; });
      return InputError(where, key, "a parameter, such as '" + *first + "' (see 'attachsim params')", "a group of parameters");
    }
    std::vector<std::string> all = keys_;
    all.insert(all.end(), groups_.begin(), groups_.end());
    const std::string near = nearest_key(key, all);
    return InputError(where, key, near.empty() ? "a declared key (see 'attachsim params')" : "a declared key, such as '" + near + "'",
                      "an unknown key" + (near.empty() ? std::string() : "; did you mean '" + near + "'?"));
  }

  bool is_key(const std::string& key) const { return std::find(keys_.begin(), keys_.end(), key) != keys_.end(); }

 private:
  ResolvedConfig& config_;
  std::string file_;
  std::map<std::string, SourcePosition> set_at_;  // where each parameter was set in this map
  std::vector<std::string> keys_, groups_;
};

}  // namespace

bool parse_number(const YAML::Node& node, double& x) {
  if (!node.IsScalar()) return false;
  const std::string& s = node.Scalar();
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(x);
}

bool parse_integer(const YAML::Node& node, std::int64_t& i) {
  if (!node.IsScalar()) return false;
  const std::string& s = node.Scalar();
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
  return ec == std::errc() && end == s.data() + s.size();
}

Value parse_value(const YAML::Node& node, const ParameterSpec& spec, const SourcePosition& where) {
  const auto fail = [&](const YAML::Node& n) -> Value {
    throw InputError(where, spec.key, describe_expected(spec), describe_found(n));
  };
  switch (spec.kind) {
    case Kind::real: {
      double x = 0;
      if (!parse_number(node, x) || !in_range(x, spec)) return fail(node);
      return x;
    }
    case Kind::integer: {
      std::int64_t i = 0;
      if (!parse_integer(node, i) || !in_range(static_cast<double>(i), spec)) return fail(node);
      return i;
    }
    case Kind::boolean:
      if (node.IsScalar() && node.Scalar() == "true") return true;
      if (node.IsScalar() && node.Scalar() == "false") return false;
      return fail(node);
    case Kind::choice:
      if (!node.IsScalar() || std::find(spec.choices.begin(), spec.choices.end(), node.Scalar()) == spec.choices.end())
        return fail(node);
      return node.Scalar();
    case Kind::real_list: {
      if (!node.IsSequence()) return fail(node);
      std::vector<double> xs;
      for (const auto& element : node) {
        double x = 0;
        if (!parse_number(element, x) || !in_range(x, spec)) return fail(element);
        xs.push_back(x);
      }
      return xs;
    }
  }
  return fail(node);
}

SourcePosition position_in(const std::string& file, const YAML::Node& node) { return at(file, node); }

std::string describe_node(const YAML::Node& node) { return describe_found(node); }

void apply_settings(ResolvedConfig& config, const std::string& file, const YAML::Node& map, const std::string& prefix) {
  if (!map.IsMap()) throw InputError(at(file, map), prefix, "a map of settings", describe_found(map));
  Reader(config, file).read_map(map, prefix);
}

void apply_overrides(ResolvedConfig& config, const std::vector<std::string>& overrides) {
  Reader reader(config, config.source_file());
  // Overrides apply in the order given, so a later --set of a key wins (a script may add its own after
  // a user's); a value holds one YAML document, since a second would be ignored yet look applied.
  for (const auto& assignment : overrides) {
    const SourcePosition where{"--set " + quoted(assignment), 0, 0};
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
      throw InputError(where, "", "KEY=VALUE with a dotted key, e.g. run.dyads=500", quoted(assignment));
    const std::string key = assignment.substr(0, eq);
    if (!reader.is_key(key)) throw reader.unknown(key, where);
    std::vector<YAML::Node> documents;
    try {
      documents = YAML::LoadAll(assignment.substr(eq + 1));
    } catch (const YAML::ParserException& e) {
      throw InputError(where, key, "a value in YAML syntax", "a syntax error (" + e.msg + ")");
    }
    if (documents.size() > 1) throw InputError(where, key, "one YAML value", "a second YAML document (after '---')");
    const YAML::Node value = documents.empty() ? YAML::Node() : documents.front();
    config.set(key, parse_value(value, config.spec(key), where), where);
  }
}

ResolvedConfig load_config(const std::string& path, std::vector<ParameterSpec> schema,
                           const std::vector<std::string>& overrides) {
  ResolvedConfig config(std::move(schema));
  config.set_source_file(path);
  Reader reader(config, path);

  const YAML::Node root = load_yaml(read_config_file(path, "YAML config file"), path);
  if (const ConfigKind kind = config_kind(root); kind != ConfigKind::scenario)
    throw InputError(at(path, config_kind_key(root)), "", "a scenario", describe_config_kind(kind));
  if (root.IsMap())
    reader.read_map(root, "");
  else if (!root.IsNull())
    throw InputError(at(path, root), "", "a map of settings at the top level", describe_found(root));

  apply_overrides(config, overrides);
  return config;
}

}  // namespace attachsim::sim
