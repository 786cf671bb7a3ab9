// A parameter is declared once: key, default, allowed range, unit, meaning and source, bound
// to the field that stores it. That one declaration drives YAML validation, error messages,
// `attachsim params` and docs/parameters.md (the BioDynaMo / OpenABM-Covid19 habit).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace attachsim::sim {

enum class Kind { real, integer, boolean, choice, real_list };

using Value = std::variant<double, std::int64_t, bool, std::string, std::vector<double>>;

struct ParameterSpec {
  std::string key;  // dotted path in the YAML, e.g. "infant.episodes_per_day_peak"
  Kind kind = Kind::real;
  Value default_value;
  double min = 0;  // inclusive range for real, integer and each list element
  double max = 0;
  std::vector<std::string> choices;  // for Kind::choice
  std::string unit;
  std::string meaning;
  std::string source;
};

// A declaration bound to a field of Target.
template <class Target>
struct Parameter {
  ParameterSpec spec;
  std::function<void(Target&, const Value&)> assign;
};

template <class Target>
using ParameterTable = std::vector<Parameter<Target>>;

struct Documentation {
  const char* unit;
  const char* meaning;
  const char* source;
};

template <class T>
Parameter<T> real(std::string key, double T::*field, double def, double lo, double hi, Documentation doc) {
  return {{std::move(key), Kind::real, def, lo, hi, {}, doc.unit, doc.meaning, doc.source},
          [field](T& t, const Value& v) { t.*field = std::get<double>(v); }};
}

template <class T, class Int>
Parameter<T> integer(std::string key, Int T::*field, std::int64_t def, std::int64_t lo, std::int64_t hi,
                     Documentation doc) {
  return {{std::move(key), Kind::integer, def, static_cast<double>(lo), static_cast<double>(hi), {}, doc.unit,
           doc.meaning, doc.source},
          [field](T& t, const Value& v) { t.*field = static_cast<Int>(std::get<std::int64_t>(v)); }};
}

template <class T>
Parameter<T> boolean(std::string key, bool T::*field, bool def, Documentation doc) {
  return {{std::move(key), Kind::boolean, def, 0, 1, {}, doc.unit, doc.meaning, doc.source},
          [field](T& t, const Value& v) { t.*field = std::get<bool>(v); }};
}

// A choice among named alternatives (a mechanism, a rule); stored as the enum Choice.
template <class T, class Choice>
Parameter<T> choice(std::string key, Choice T::*field, std::vector<std::string> names, std::size_t def,
                    Documentation doc) {
  std::string def_name = names.at(def);
  auto assign = [field, names](T& t, const Value& v) {
    const auto& s = std::get<std::string>(v);
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == s) t.*field = static_cast<Choice>(i);
  };
  return {{std::move(key), Kind::choice, def_name, 0, 0, std::move(names), doc.unit, doc.meaning, doc.source},
          assign};
}

template <class T>
Parameter<T> real_list(std::string key, std::vector<double> T::*field, std::vector<double> def, double lo, double hi,
                       Documentation doc) {
  return {{std::move(key), Kind::real_list, std::move(def), lo, hi, {}, doc.unit, doc.meaning, doc.source},
          [field](T& t, const Value& v) { t.*field = std::get<std::vector<double>>(v); }};
}

// Lifts a component's table into its owner: keys get "prefix.", fields are reached through member.
template <class Outer, class Inner>
void nest(ParameterTable<Outer>& into, const std::string& prefix, Inner Outer::*member,
          const ParameterTable<Inner>& table) {
  for (const auto& p : table) {
    ParameterSpec spec = p.spec;
    spec.key = prefix + "." + spec.key;
    into.push_back({std::move(spec), [member, assign = p.assign](Outer& o, const Value& v) { assign(o.*member, v); }});
  }
}

// Whether a number lies in a declaration's inclusive range.
inline bool in_range(double x, const ParameterSpec& spec) { return x >= spec.min && x <= spec.max; }

template <class T>
std::vector<ParameterSpec> specs_of(const ParameterTable<T>& table) {
  std::vector<ParameterSpec> out;
  for (const auto& p : table) out.push_back(p.spec);
  return out;
}

}  // namespace attachsim::sim
