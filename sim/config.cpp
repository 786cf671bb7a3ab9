#include "sim/config.hpp"
#include "sim/config_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <boost/uuid/detail/sha1.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace attachsim::sim {
namespace {

SourcePosition at(const std::string& file, const YAML::Node& node) {
  const auto mark = node.Mark();
  return {file, mark.line + 1, mark.column + 1};
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::string describe_found(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    default: return quoted(node.Scalar());
  }
}

bool in_range(double x, const ParameterSpec& spec) { return x >= spec.min && x <= spec.max; }

// Parses a YAML node as the kind the declaration wants; throws InputError naming the key.
Value parse_value(const YAML::Node& node, const ParameterSpec& spec, const SourcePosition& where) {
  const auto fail = [&](const YAML::Node& n) {
    throw InputError(where, spec.key, describe_expected(spec), describe_found(n));
  };
  const auto scalar_number = [&](const YAML::Node& n) {
    if (!n.IsScalar()) fail(n);
    double x = 0;
    const std::string& s = n.Scalar();
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(x)) fail(n);
    return x;
  };
  switch (spec.kind) {
    case Kind::real: {
      const double x = scalar_number(node);
      if (!in_range(x, spec)) fail(node);
      return x;
    }
    case Kind::integer: {
      if (!node.IsScalar()) fail(node);
      std::int64_t i = 0;
      const std::string& s = node.Scalar();
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
      if (ec != std::errc() || end != s.data() + s.size() || !in_range(static_cast<double>(i), spec)) fail(node);
      return i;
    }
    case Kind::boolean: {
      const std::string& s = node.IsScalar() ? node.Scalar() : std::string();
      if (s == "true") return true;
      if (s == "false") return false;
      fail(node);
      return false;
    }
    case Kind::choice: {
      if (!node.IsScalar() || std::find(spec.choices.begin(), spec.choices.end(), node.Scalar()) == spec.choices.end())
        fail(node);
      return node.Scalar();
    }
    case Kind::real_list: {
      if (!node.IsSequence()) fail(node);
      std::vector<double> xs;
      for (const auto& element : node) {
        const double x = scalar_number(element);
        if (!in_range(x, spec)) throw InputError(where, spec.key, describe_expected(spec), quoted(element.Scalar()));
        xs.push_back(x);
      }
      return xs;
    }
  }
  fail(node);
  return {};
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
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
        config_.set(key, parse_value(value, config_.spec(key), at(file_, value)), at(file_, value));
      } else if (std::find(groups_.begin(), groups_.end(), key) != groups_.end()) {
        if (!value.IsMap()) throw InputError(at(file_, value), key, "a map of settings", describe_found(value));
        read_map(value, key);
      } else {
        throw unknown(key, at(file_, entry.first));
      }
    }
  }

  InputError unknown(const std::string& key, const SourcePosition& where) const {
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
  std::vector<std::string> keys_, groups_;
};

// Writes the tree of dotted keys as nested block YAML in declaration order.
void emit(std::ostringstream& out, const std::vector<ParameterSpec>& schema, const ResolvedConfig& config) {
  std::vector<std::string> open;  // the groups currently open
  for (const auto& spec : schema) {
    std::vector<std::string> parts;
    std::stringstream ss(spec.key);
    for (std::string part; std::getline(ss, part, '.');) parts.push_back(part);
    std::size_t common = 0;
    while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common]) ++common;
    open.resize(common);
    for (std::size_t d = common; d + 1 < parts.size(); ++d) {
      out << std::string(2 * d, ' ') << parts[d] << ":\n";
      open.push_back(parts[d]);
    }
    out << std::string(2 * (parts.size() - 1), ' ') << parts.back() << ": " << format_value(config.value(spec.key))
        << "\n";
  }
}

}  // namespace

std::string format_value(const Value& v) {
  struct {
    std::string operator()(double x) const {
      char buf[64];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);  // shortest text that reads back exactly
      std::string s(buf, end);
      if (s.find_first_of(".e") == std::string::npos) s += ".0";
      return s;
    }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const std::vector<double>& xs) const {
      std::string s = "[";
      for (std::size_t i = 0; i < xs.size(); ++i) s += (i ? ", " : "") + (*this)(xs[i]);
      return s + "]";
    }
  } visitor;
  return std::visit(visitor, v);
}

std::string describe_expected(const ParameterSpec& spec) {
  const auto number = [](double x) { return format_value(x); };
  std::string range = "[";  // built by appends: GCC 12 warns falsely on "[" + std::string (PR 105329)
  range += number(spec.min);
  range += ", ";
  range += number(spec.max);
  range += "]";
  switch (spec.kind) {
    case Kind::real: return "a number in " + range;
    case Kind::integer:
      return "a whole number in [" + std::to_string(static_cast<std::int64_t>(spec.min)) + ", " +
             std::to_string(static_cast<std::int64_t>(spec.max)) + "]";
    case Kind::boolean: return "true or false";
    case Kind::choice: {
      std::string s = "one of ";
      for (std::size_t i = 0; i < spec.choices.size(); ++i) s += (i ? ", " : "") + spec.choices[i];
      return s;
    }
    case Kind::real_list: return "a list of numbers, each in " + range;
  }
  return "a value";
}

std::string nearest_key(const std::string& key, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(3, key.size() / 3) + 1;  // further than this is no suggestion
  for (const auto& c : candidates) {
    // Compare the full path, and the last segment alone (a right name under the wrong group).
    const auto last = [](const std::string& s) { return s.substr(s.rfind('.') + 1); };
    const std::size_t d = std::min(edit_distance(key, c), edit_distance(last(key), last(c)) + 1);
    if (d < best_distance) best_distance = d, best = c;
  }
  return best;
}

ResolvedConfig::ResolvedConfig(std::vector<ParameterSpec> schema) : schema_(std::move(schema)) {
  for (std::size_t i = 0; i < schema_.size(); ++i) {
    index_[schema_[i].key] = i;
    values_[schema_[i].key] = schema_[i].default_value;
  }
}

const ParameterSpec& ResolvedConfig::spec(const std::string& key) const { return schema_.at(index_.at(key)); }

const Value& ResolvedConfig::value(const std::string& key) const { return values_.at(key); }

SourcePosition ResolvedConfig::position_of(const std::string& key) const {
  auto it = positions_.find(key);
  if (it != positions_.end()) return it->second;
  return {source_file_.empty() ? "defaults" : source_file_, 0, 0};
}

void ResolvedConfig::set(const std::string& key, const Value& value, const SourcePosition& where) {
  const ParameterSpec& declared = spec(key);
  const bool kind_matches = value.index() == declared.default_value.index();
  const auto outside = [&](double x) { return !in_range(x, declared); };
  bool bad = !kind_matches;
  if (!bad && declared.kind == Kind::real) bad = outside(std::get<double>(value));
  if (!bad && declared.kind == Kind::integer) bad = outside(static_cast<double>(std::get<std::int64_t>(value)));
  if (!bad && declared.kind == Kind::real_list)
    for (double x : std::get<std::vector<double>>(value)) bad = bad || outside(x);
  if (!bad && declared.kind == Kind::choice)
    bad = std::find(declared.choices.begin(), declared.choices.end(), std::get<std::string>(value)) == declared.choices.end();
  if (bad) throw InputError(where, key, describe_expected(declared), "'" + format_value(value) + "'");
  values_.at(key) = value;
  positions_[key] = where;
}

std::string ResolvedConfig::to_yaml() const {
  std::ostringstream out;
  emit(out, schema_, *this);
  return out.str();
}

std::string ResolvedConfig::hash() const { return sha1_hex(to_yaml()); }

std::string sha1_hex(const std::string& text) {
  boost::uuids::detail::sha1 sha;
  sha.process_bytes(text.data(), text.size());
  unsigned int digest[5];
  sha.get_digest(digest);
  char hex[41];
  for (int i = 0; i < 5; ++i) std::snprintf(hex + 8 * i, 9, "%08x", digest[i]);
  return std::string(hex, 40);
}

SourcePosition position_in(const std::string& file, const YAML::Node& node) { return at(file, node); }

std::string describe_node(const YAML::Node& node) { return describe_found(node); }

void apply_settings(ResolvedConfig& config, const std::string& file, const YAML::Node& map, const std::string& prefix) {
  if (!map.IsMap()) throw InputError(at(file, map), prefix, "a map of settings", describe_found(map));
  Reader(config, file).read_map(map, prefix);
}

ResolvedConfig load_config(const std::string& path, std::vector<ParameterSpec> schema,
                           const std::vector<std::string>& overrides) {
  ResolvedConfig config(std::move(schema));
  config.source_file_ = path;
  Reader reader(config, path);

  // A directory opens as a stream on Linux and fails only when read, as an internal error.
  if (std::error_code ec; std::filesystem::is_directory(path, ec))
    throw InputError({path, 0, 0}, "", "a readable YAML config file", "a directory");
  std::ifstream in(path);
  if (!in) throw InputError({path, 0, 0}, "", "a readable YAML config file", "no such readable file");
  YAML::Node root;
  try {
    root = YAML::Load(in);
  } catch (const YAML::ParserException& e) {
    throw InputError({path, e.mark.line + 1, e.mark.column + 1}, "", "valid YAML", "a syntax error (" + e.msg + ")");
  }
  if (root.IsMap())
    reader.read_map(root, "");
  else if (!root.IsNull())
    throw InputError(at(path, root), "", "a map of settings at the top level", describe_found(root));

  for (const auto& assignment : overrides) {
    const SourcePosition where{"--set '" + assignment + "'", 0, 0};
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
      throw InputError(where, "", "KEY=VALUE with a dotted key, e.g. run.dyads=500", quoted(assignment));
    const std::string key = assignment.substr(0, eq);
    if (!reader.is_key(key)) throw reader.unknown(key, where);
    YAML::Node value;
    try {
      value = YAML::Load(assignment.substr(eq + 1));
    } catch (const YAML::ParserException& e) {
      throw InputError(where, key, "a value in YAML syntax", "a syntax error (" + e.msg + ")");
    }
    config.set(key, parse_value(value, config.spec(key), where), where);
  }
  return config;
}

}  // namespace attachsim::sim
