#include "sim/core/config.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>
#include <string_view>

namespace attachsim::sim {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
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

std::string describe_bounds(const ParameterSpec& spec) {
  const bool whole = spec.kind == Kind::integer;
  const auto number = [whole](double x) { return whole ? std::to_string(static_cast<std::int64_t>(x)) : format_value(x); };
  std::string range = "[";  // built by appends: GCC 12 warns falsely on "[" + std::string (PR 105329)
  range += number(spec.min);
  range += ", ";
  range += number(spec.max);
  range += "]";
  return range;
}

std::string describe_expected(const ParameterSpec& spec) {
  const std::string range = describe_bounds(spec);
  switch (spec.kind) {
    case Kind::real: return "a number in " + range;
    case Kind::integer: return "a whole number in " + range;
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
  // Compare the full path, and the last segment alone (a right name under the wrong group). An edit
  // distance is at least the difference in length, so a comparison that cannot beat the best so far is
  // skipped: a key of a megabyte is refused at once instead of after seconds of measuring. Further than
  // a third of the key, or half of its last segment, is no suggestion: a long group name must not let
  // a last segment through that shares nothing ('program.component_1.bogus' is not '...type').
  const auto last = [](const std::string& s) { return std::string_view(s).substr(s.rfind('.') + 1); };
  const auto apart = [](std::size_t a, std::size_t b) { return a > b ? a - b : b - a; };
  const std::string_view key_last = last(key);
  std::size_t best_distance =
      std::min(std::max<std::size_t>(3, key.size() / 3), std::max<std::size_t>(3, key_last.size() / 2)) + 1;
  for (const auto& c : candidates) {
    const std::string_view c_last = last(c);
    std::size_t d = best_distance;
    if (apart(key.size(), c.size()) < d) d = std::min(d, edit_distance(key, c));
    // The last segment alone suggests only a near miss of it: 'bogus' is 4 edits from 'dyads', which
    // the whole path's allowance of a long key would have let through.
    const std::size_t last_allowance = std::max<std::size_t>(1, key_last.size() / 3);
    if (apart(key_last.size(), c_last.size()) <= last_allowance && apart(key_last.size(), c_last.size()) + 1 < d)
      if (const std::size_t e = edit_distance(key_last, c_last); e <= last_allowance) d = std::min(d, e + 1);
    if (d < best_distance) best_distance = d, best = c;
  }
  return best;
}

ResolvedConfig::ResolvedConfig(std::vector<ParameterSpec> schema) {
  auto declared = std::make_shared<Declarations>();
  declared->specs = std::move(schema);
  for (std::size_t i = 0; i < declared->specs.size(); ++i) {
    declared->index[declared->specs[i].key] = i;
    values_.push_back(declared->specs[i].default_value);
  }
  declared_ = std::move(declared);
}

const ParameterSpec& ResolvedConfig::spec(const std::string& key) const { return declared_->specs[index_of(key)]; }

const Value& ResolvedConfig::value(const std::string& key) const { return values_[index_of(key)]; }

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
  if (bad) {
    std::string found = "'";  // built by appends: GCC 12 warns falsely on "'" + std::string (PR 105329)
    found += format_value(value);
    found += "'";
    throw InputError(where, key, describe_expected(declared), found);
  }
  values_[index_of(key)] = value;
  positions_[key] = where;
}

std::string ResolvedConfig::to_yaml() const {
  std::ostringstream out;
  emit(out, declared_->specs, *this);
  return out.str();
}

std::string ResolvedConfig::hash() const { return sha1_hex(to_yaml()); }


}  // namespace attachsim::sim
