#include "sim/sweeps/sweep_spec.hpp"

#include "sim/input/input_file.hpp"

#include "sim/core/config.hpp"
#include "sim/core/random_stream.hpp"
#include "sim/core/run_settings.hpp"

#include <yaml-cpp/yaml.h>

#include <boost/random/sobol.hpp>
#include "sim/input/yaml_document.hpp"
#include "sim/input/yaml_settings.hpp"
#include "sim/sweeps/sweep_memory.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace attachsim::sim {
namespace {

constexpr std::uint64_t max_runs = 100'000'000;  // far beyond any sweep; guards the products below
constexpr std::uint32_t purpose_random = 0x53575250;  // "SWRP": random designs
constexpr std::uint32_t purpose_lhs = 0x5357484C;     // "SWHL": Latin hypercube strata and jitter

SourcePosition at(const std::string& file, const YAML::Node& node) { return position_in(file, node); }


std::string describe_found(const YAML::Node& node) { return describe_node(node); }

// Checks that a map has only `allowed` keys; an unknown one is named with the nearest allowed key.
void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed, const std::string& file,
                const std::string& prefix) {
  for (const auto& entry : map) {
    const std::string name = entry.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    const std::string near = nearest_key(name, allowed);
    std::string expected = "one of";
    for (std::size_t i = 0; i < allowed.size(); ++i) expected += (i ? ", " : " ") + allowed[i];
    throw InputError(at(file, entry.first), prefix + name, expected,
                     "an unknown key" + (near.empty() ? std::string() : "; did you mean '" + near + "'?"));
  }
}

std::int64_t whole_number(const YAML::Node& node, const std::string& file, const std::string& key, std::int64_t lo,
                          std::int64_t hi) {
  std::int64_t i = 0;
  if (!parse_integer(node, i) || i < lo || i > hi)
    throw InputError(at(file, node), key, "a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]",
                     describe_found(node));
  return i;
}

// Flattens `set:` (dotted keys, or nested maps of them) into key/node pairs.
struct Entry {
  std::string key;
  YAML::Node key_node, value;
};

void flatten(const YAML::Node& map, const std::string& prefix, std::vector<Entry>& out,
             const std::vector<std::string>& groups) {
  for (const auto& entry : map) {
    const std::string key = prefix.empty() ? entry.first.Scalar() : prefix + "." + entry.first.Scalar();
    if (entry.second.IsMap() && std::find(groups.begin(), groups.end(), key) != groups.end())
      flatten(entry.second, key, out, groups);
    else
      out.push_back({key, entry.first, entry.second});
  }
}

struct Axis {
  std::vector<std::size_t> factors;       // indices of the factors this axis sets
  std::vector<std::vector<Value>> levels;  // levels[i][j]: value of factors[j] at level i
};

Value from_unit(double u, const ParameterSpec& spec, double lo, double hi) {
  const double x = lo + (hi - lo) * u;
  if (spec.kind == Kind::integer) return static_cast<std::int64_t>(std::llround(x));
  return std::clamp(x, lo, hi);
}

// The unit-cube design of a joint sampled axis: n points x d dimensions in [0, 1) (for saltelli, n base
// rows and n x (d + 2) points).
std::vector<std::vector<double>> unit_design(const std::string& sampling, std::size_t n, std::size_t d,
                                             std::uint64_t seed) {
  std::vector<std::vector<double>> u(n, std::vector<double>(d));
  if (sampling == "random") {
    RandomStream stream(seed, 0, purpose_random);
    for (auto& row : u)
      for (double& x : row) x = stream.uniform();
  } else if (sampling == "latin_hypercube") {
    for (std::size_t k = 0; k < d; ++k) {
      RandomStream stream(seed, k, purpose_lhs);
      std::vector<std::size_t> stratum(n);
      for (std::size_t i = 0; i < n; ++i) stratum[i] = i;
      for (std::size_t i = n; i > 1; --i) {  // Fisher-Yates with a multiply-shift bounded draw
        const auto j = static_cast<std::size_t>((static_cast<std::uint64_t>(stream()) * i) >> 32);
        std::swap(stratum[i - 1], stratum[j]);
      }
      for (std::size_t i = 0; i < n; ++i)
        u[i][k] = (static_cast<double>(stratum[i]) + stream.uniform()) / static_cast<double>(n);
    }
  } else if (sampling == "saltelli") {
    // The design of the Sobol-index estimators (Saltelli et al. 2010): base rows A_j and B_j from one
    // Sobol sequence of 2d dimensions (A the first d, B the last d), and per row the points A_j,
    // AB_j^1 ... AB_j^d (A_j with coordinate i from B_j), B_j: n x (d + 2) points in all, in that order,
    // which python/attachsim/sensitivity.py reads back and checks.
    boost::random::sobol_engine<std::uint64_t, 64, boost::random::default_sobol_table> sobol(static_cast<unsigned>(2 * d));
    sobol.discard(2 * d);  // the first point is 1/2 in every dimension: A_0 would equal B_0 and teach nothing
    u.assign(n * (d + 2), std::vector<double>(d));
    std::vector<double> a(d), b(d);
    for (std::size_t j = 0; j < n; ++j) {
      for (double& x : a) x = static_cast<double>(sobol()) * 0x1.0p-64;
      for (double& x : b) x = static_cast<double>(sobol()) * 0x1.0p-64;
      const std::size_t first = j * (d + 2);
      u[first] = a;
      for (std::size_t i = 0; i < d; ++i) {
        u[first + 1 + i] = a;
        u[first + 1 + i][i] = b[i];
      }
      u[first + d + 1] = b;
    }
  } else {  // sobol: Joe & Kuo direction numbers, as Boost.Random ships them
    boost::random::sobol_engine<std::uint64_t, 64, boost::random::default_sobol_table> sobol(static_cast<unsigned>(d));
    for (auto& row : u)
      for (double& x : row) x = static_cast<double>(sobol()) * 0x1.0p-64;
  }
  return u;
}

}  // namespace

std::uint64_t run_seed(std::uint64_t sweep_seed, std::uint64_t run) {
  return mix_seed(sweep_seed ^ run) & static_cast<std::uint64_t>(largest_seed);  // largest_seed = 2^53 - 1: a mask
}

std::vector<std::string> SweepSpec::overrides(std::size_t point) const {
  std::vector<std::string> out;
  for (const auto& f : fixed) out.push_back(f.key + "=" + format_value(f.value));
  for (std::size_t k = 0; k < factors.size(); ++k) out.push_back(factors[k].key + "=" + format_value(points[point][k]));
  return out;
}

SweepSpec load_sweep_spec(const std::string& path, const std::vector<ParameterSpec>& schema) {
  namespace fs = std::filesystem;
  SweepSpec spec;
  spec.file = path;
  spec.text = read_config_file(path, "sweep YAML file");
  spec.sha1 = sha1_hex(spec.text);
  const YAML::Node root = load_yaml(spec.text, path);
  if (!root.IsMap()) throw InputError(at(path, root), "", "a map with base, factors, replicates, seed, outcomes", describe_found(root));
  if (const ConfigKind kind = config_kind(root); kind != ConfigKind::sweep)
    throw InputError(at(path, config_kind_key(root)), "", "a sweep file (with base: and factors:)", describe_config_kind(kind));
  check_keys(root, {"base", "set", "factors", "replicates", "seed", "outcomes"}, path, "");

  std::map<std::string, const ParameterSpec*> declared;
  std::vector<std::string> keys, groups;
  for (const auto& p : schema) {
    declared[p.key] = &p;
    keys.push_back(p.key);
    for (auto dot = p.key.find('.'); dot != std::string::npos; dot = p.key.find('.', dot + 1))
      groups.push_back(p.key.substr(0, dot));
  }
  const auto lookup = [&](const std::string& key, const SourcePosition& where) -> const ParameterSpec& {
    auto it = declared.find(key);
    if (it != declared.end()) return *it->second;
    const std::string near = nearest_key(key, keys);
    throw InputError(where, key, near.empty() ? "a declared parameter (see 'attachsim params')" : "a declared parameter, such as '" + near + "'",
                     "an unknown parameter" + (near.empty() ? std::string() : "; did you mean '" + near + "'?"));
  };

  // base: the scenario every point starts from, relative to the sweep file.
  const YAML::Node base = root["base"];
  if (!base) throw InputError({path, 0, 0}, "base", "the path of a base config (relative to the sweep file)", "no 'base'");
  if (!base.IsScalar() || base.Scalar().empty())
    throw InputError(at(path, base), "base", "the path of a base config (relative to the sweep file)", describe_found(base));
  fs::path base_path(base.Scalar());
  if (base_path.is_relative()) base_path = fs::path(path).parent_path() / base_path;
  spec.base_path = base_path.lexically_normal().string();
  if (std::error_code ec; base.Scalar().empty() || !fs::is_regular_file(spec.base_path, ec))
    throw InputError(at(path, base), "base", "a readable base config file", describe_not_a_file(spec.base_path, base.Scalar()));

  if (const YAML::Node seed = root["seed"])
    spec.seed = static_cast<std::uint64_t>(whole_number(seed, path, "seed", 0, largest_seed));
  if (const YAML::Node replicates = root["replicates"])
    spec.replicates = whole_number(replicates, path, "replicates", 1, 1000000);

  if (const YAML::Node set = root["set"]) {
    if (!set.IsMap()) throw InputError(at(path, set), "set", "a map of parameter: value applied to every point", describe_found(set));
    std::vector<Entry> entries;
    flatten(set, "", entries, groups);
    for (const auto& e : entries) {
      const SourcePosition where = at(path, e.key_node);
      const ParameterSpec& p = lookup(e.key, where);
      if (p.key == "run.seed")
        throw InputError(where, e.key, "a parameter other than run.seed (each run's seed derives from the sweep seed)", "run.seed");
      for (const auto& earlier : spec.fixed)  // dotted and nested forms of one key alike
        if (earlier.key == p.key)
          throw InputError(where, p.key, "each parameter set once",
                           "a second setting (the first at " + earlier.where.describe() + ")");
      spec.fixed.push_back({p.key, parse_value(e.value, p, at(path, e.value)), at(path, e.value)});
    }
  }

  if (const YAML::Node outcomes = root["outcomes"]) {
    spec.outcomes_where = at(path, outcomes);
    if (!outcomes.IsSequence())
      throw InputError(spec.outcomes_where, "outcomes", "a list of /summary value names", describe_found(outcomes));
    for (const auto& o : outcomes) {
      if (!o.IsScalar() || o.Scalar().empty())
        throw InputError(at(path, o), "outcomes", "a /summary value name", describe_found(o));
      if (std::find(spec.outcomes.begin(), spec.outcomes.end(), o.Scalar()) != spec.outcomes.end())
        throw InputError(at(path, o), "outcomes", "each outcome named once", "'" + o.Scalar() + "' twice");
      spec.outcomes.push_back(o.Scalar());
    }
  }

  // Factors: values and grids are axes of their own; sampled factors form one joint design axis.
  std::vector<Axis> axes;
  std::size_t sampled_axis = SIZE_MAX, sampled_points = 0;
  std::string sampled_with, sampled_first;
  std::vector<std::pair<double, double>> sampled_ranges;
  const YAML::Node factors = root["factors"];
  if (factors && !factors.IsNull() && !factors.IsSequence())
    throw InputError(at(path, factors), "factors", "a list of factors (each with parameter and values or range)", describe_found(factors));
  if (factors && factors.IsSequence()) {
    for (const auto& f : factors) {
      if (!f.IsMap())
        throw InputError(at(path, f), "factors", "a factor: a map with parameter and values or range", describe_found(f));
      check_keys(f, {"parameter", "values", "range", "sampling", "levels", "points"}, path, "factors.");
      const YAML::Node parameter = f["parameter"];
      if (!parameter || !parameter.IsScalar())
        throw InputError(at(path, parameter ? parameter : f), "factors.parameter", "a dotted parameter path, e.g. caregiver.sensitivity_mean",
                         parameter ? describe_found(parameter) : "no 'parameter'");
      const SourcePosition where = at(path, parameter);
      const ParameterSpec& p = lookup(parameter.Scalar(), where);
      if (p.key == "run.seed")
        throw InputError(where, p.key, "a parameter other than run.seed (each run's seed derives from the sweep seed)", "run.seed");
      if (p.kind == Kind::real_list)
        throw InputError(where, p.key, "a parameter holding one value (lists cannot be swept)", "a list parameter");
      for (const auto& other : spec.factors)
        if (other.key == p.key)
          throw InputError(where, p.key, "each parameter swept by one factor", "a second factor for '" + p.key + "'");
      for (const auto& fixed : spec.fixed)
        if (fixed.key == p.key)
          throw InputError(where, p.key, "a factor on a parameter that set: leaves alone",
                           "'" + p.key + "' also in set: (at " + fixed.where.describe() + "), whose value the factor would replace");
      SweepFactor factor{p.key, p.kind, "values", where, p.unit, p.meaning};
      const std::size_t index = spec.factors.size();

      const YAML::Node values = f["values"], range = f["range"], sampling = f["sampling"], levels = f["levels"],
                       points = f["points"];
      if (values && range)
        throw InputError(at(path, range), p.key, "either values or range, not both", "both");
      if (values) {
        if (!values.IsSequence() || values.size() == 0)
          throw InputError(at(path, values), p.key, "a non-empty list of values", describe_found(values));
        for (const char* extra : {"sampling", "levels", "points"})
          if (f[extra]) throw InputError(at(path, f[extra]), p.key, "no '" + std::string(extra) + "' with explicit values", "'" + std::string(extra) + "'");
        Axis axis{{index}, {}};
        for (const auto& v : values) {
          Value value = parse_value(v, p, at(path, v));
          // A value twice would run its points twice and weigh them double in every summary: replicates repeat.
          for (const auto& earlier : axis.levels)
            if (earlier.front() == value)
              throw InputError(at(path, v), p.key, "each value once (replicates: repeats every point)", describe_found(v) + " again");
          axis.levels.push_back({std::move(value)});
        }
        axes.push_back(std::move(axis));
      } else if (range) {
        if (p.kind != Kind::real && p.kind != Kind::integer)
          throw InputError(at(path, range), p.key, "explicit values: a range needs a numeric parameter", describe_expected(p));
        double lo = 0, hi = 0;
        if (!range.IsSequence() || range.size() != 2)
          throw InputError(at(path, range), p.key, "a range [lo, hi] of two numbers", describe_found(range));
        for (int end : {0, 1})  // the end that is not a finite number is named, where it is
          if (!parse_number(range[end], end ? hi : lo))
            throw InputError(at(path, range[end]), p.key, "a range [lo, hi] of two finite numbers", describe_found(range[end]));
        if (!(lo < hi))
          throw InputError(at(path, range), p.key, "a non-empty range [lo, hi] with lo < hi",
                           "[" + format_value(lo) + ", " + format_value(hi) + "]");
        if (!in_range(lo, p) || !in_range(hi, p))
          throw InputError(at(path, range), p.key, "a range within " + describe_bounds(p),
                           "[" + format_value(lo) + ", " + format_value(hi) + "]");
        if (p.kind == Kind::integer && (lo != std::floor(lo) || hi != std::floor(hi)))
          throw InputError(at(path, range), p.key, "whole-number bounds for an integer parameter",
                           "[" + format_value(lo) + ", " + format_value(hi) + "]");
        factor.sampling = sampling ? sampling.Scalar() : "grid";
        const std::vector<std::string> samplings{"grid", "random", "latin_hypercube", "sobol", "saltelli"};
        if (std::find(samplings.begin(), samplings.end(), factor.sampling) == samplings.end() || (sampling && !sampling.IsScalar()))
          throw InputError(at(path, sampling), p.key, "sampling: grid, random, latin_hypercube, sobol or saltelli",
                           describe_found(sampling));
        if (factor.sampling == "grid") {
          if (points) throw InputError(at(path, points), p.key, "levels (not points) with sampling: grid", "points");
          if (!levels) throw InputError(at(path, range), p.key, "levels: N (2 or more) with a grid range", "no 'levels'");
          std::int64_t max_levels = 1000000;
          if (p.kind == Kind::integer) max_levels = std::min<std::int64_t>(max_levels, static_cast<std::int64_t>(hi - lo) + 1);
          const std::int64_t n = whole_number(levels, path, p.key + ".levels", 2, max_levels);
          Axis axis{{index}, {}};
          for (std::int64_t i = 0; i < n; ++i) {
            Value level = from_unit(static_cast<double>(i) / static_cast<double>(n - 1), p, lo, hi);
            // Grid levels are rounded to 12 significant digits: 0.6, not 0.6000000000000001.
            if (auto* x = std::get_if<double>(&level)) {
              char text[32];
              std::snprintf(text, sizeof text, "%.12g", *x);
              *x = std::clamp(std::strtod(text, nullptr), lo, hi);
            }
            axis.levels.push_back({level});
          }
          axes.push_back(std::move(axis));
        } else {
          if (levels) throw InputError(at(path, levels), p.key, "points (not levels) with sampling: " + factor.sampling, "levels");
          if (!points) throw InputError(at(path, range), p.key, "points: N with sampling: " + factor.sampling, "no 'points'");
          const auto n = static_cast<std::size_t>(whole_number(points, path, p.key + ".points", 1, 10000000));
          if (sampled_axis == SIZE_MAX) {
            sampled_axis = axes.size();
            sampled_points = n, sampled_with = factor.sampling, sampled_first = p.key;
            axes.push_back({});
          } else if (factor.sampling != sampled_with || n != sampled_points) {
            throw InputError(at(path, sampling ? sampling : points), p.key,
                             "sampling: " + sampled_with + " with points: " + std::to_string(sampled_points) + " as for '" +
                                 sampled_first + "' (sampled factors form one joint design)",
                             "sampling: " + factor.sampling + " with points: " + std::to_string(n));
          }
          axes[sampled_axis].factors.push_back(index);
          sampled_ranges.emplace_back(lo, hi);
        }
      } else {
        throw InputError(at(path, f), p.key, "values: [...] or range: [lo, hi]", "neither");
      }
      spec.factors.push_back(std::move(factor));
    }
  }
  if (sampled_axis != SIZE_MAX) {
    Axis& axis = axes[sampled_axis];
    if (sampled_with == "saltelli" && sampled_points * (axis.factors.size() + 2) > max_runs)
      throw InputError({path, 0, 0}, "factors", "at most " + std::to_string(max_runs) + " runs (points x replicates)",
                       "more: a Saltelli design runs points x (factors + 2) points");
    const auto u = unit_design(sampled_with, sampled_points, axis.factors.size(), spec.seed);
    for (const auto& row : u) {
      std::vector<Value> level;
      for (std::size_t k = 0; k < axis.factors.size(); ++k)
        level.push_back(from_unit(row[k], *declared.at(spec.factors[axis.factors[k]].key), sampled_ranges[k].first,
                                  sampled_ranges[k].second));
      axis.levels.push_back(std::move(level));
    }
  }

  // The full design: axes crossed, the first axis varying slowest. Counted in floating point, since the
  // product of the axes can pass what an integer holds; below max_runs it is exact.
  double asked = static_cast<double>(spec.replicates);
  for (const auto& axis : axes) asked *= static_cast<double>(axis.levels.size());
  if (asked > static_cast<double>(max_runs))
    throw InputError(factors ? at(path, factors) : SourcePosition{path, 0, 0}, "factors",
                     "at most " + std::to_string(max_runs) + " runs (points x replicates)",
                     (asked < 1e18 ? std::to_string(static_cast<std::uint64_t>(asked)) : format_value(asked)) + " runs");
  const auto total = static_cast<std::uint64_t>(asked);
  const std::size_t n_points = static_cast<std::size_t>(total / static_cast<std::uint64_t>(spec.replicates));
  // The design and each point's --set text are held whole by every shard and rank: refuse before
  // expanding what cannot fit (the runs are checked again once the outcomes are known).
  std::uint64_t set_width = 0;
  for (const auto& f : spec.fixed) set_width += 7 + f.key.size() + format_value(f.value).size();
  for (const auto& f : spec.factors) set_width += 7 + f.key.size() + 24;  // a number's shortest text: <= 24
  check_sweep_memory({n_points, spec.factors.size(), set_width, 0, 0}, {path, 0, 0}, "factors");
  spec.points.assign(n_points, std::vector<Value>(spec.factors.size()));
  for (std::size_t point = 0; point < n_points; ++point) {
    std::size_t rest = point;
    for (std::size_t a = axes.size(); a-- > 0;) {
      const std::size_t level = rest % axes[a].levels.size();
      rest /= axes[a].levels.size();
      for (std::size_t k = 0; k < axes[a].factors.size(); ++k) spec.points[point][axes[a].factors[k]] = axes[a].levels[level][k];
    }
  }
  return spec;
}

}  // namespace attachsim::sim
