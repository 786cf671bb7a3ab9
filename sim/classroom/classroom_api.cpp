// The classroom page's JSON API: turns the page's settings into a resolved config, runs the cohort
// with the real engine (run_population), and summarizes it for the page month by month.
//
// This file is the ONE place outside models/ that knows the attachment model's outputs: the
// Strange Situation class columns `ssp_<age>_class` (labels A/B/C/D), the observed-sensitivity
// columns `sensitivity_<age>`, and the time series `policy_suppress`, `policy_direct`,
// `policy_escalate` and `fear`. The model itself still comes from make_model(), the parameters from
// model.parameters() and the series names from model.series(); if the model renames an output, the
// request fails with an internal error naming the missing column instead of showing wrong numbers.
#include "sim/classroom/classroom_api.hpp"

#include "sim/core/config.hpp"
#include "sim/engine/engine.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/model.hpp"
#include "sim/core/run_settings.hpp"
#include "sim/core/statistics.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace attachsim::sim {
namespace {

using nlohmann::json;

const SourcePosition from_page{"classroom page", 0, 0};

// The assessments the page shows while its animation runs from month 0 to 24.
constexpr double span_months = 24;
const std::vector<double> strange_situation_ages{12, 18, 24};
constexpr std::array<char, 4> class_letters{'A', 'B', 'C', 'D'};

// The page decides these; a request that sets them is refused rather than silently overridden.
const char* const fixed_keys[] = {"run.timeseries", "run.chunk_dyads", "development.span_months",
                                  "strange_situation.ages_months"};

// 12 -> "12m", 7.5 -> "7p5m": the age part of the model's column names.
std::string age_label(double months) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", months);
  std::string s = text;
  for (char& c : s)
    if (c == '.') c = 'p';
  return s + "m";
}

Value to_value(const ParameterSpec& spec, const json& j) {
  const auto refuse = [&]() -> InputError { return InputError(from_page, spec.key, describe_expected(spec), "'" + j.dump() + "'"); };
  switch (spec.kind) {
    case Kind::real:
      if (!j.is_number()) throw refuse();
      return j.get<double>();
    case Kind::integer:
      if (j.is_number_integer()) return j.get<std::int64_t>();
      if (j.is_number_float() && std::isfinite(j.get<double>()) && std::floor(j.get<double>()) == j.get<double>() &&
          std::abs(j.get<double>()) < 9.1e15)
        return static_cast<std::int64_t>(j.get<double>());
      throw refuse();
    case Kind::boolean:
      if (!j.is_boolean()) throw refuse();
      return j.get<bool>();
    case Kind::choice:
      if (!j.is_string()) throw refuse();
      return j.get<std::string>();
    case Kind::real_list: {
      if (!j.is_array()) throw refuse();
      std::vector<double> list;
      for (const auto& x : j) {
        if (!x.is_number()) throw refuse();
        list.push_back(x.get<double>());
      }
      return list;
    }
  }
  throw refuse();
}

json value_to_json(const Value& v) {
  return std::visit([](const auto& x) { return json(x); }, v);
}

std::size_t column_index(const std::vector<Column>& columns, const std::string& name) {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  throw std::runtime_error("the model has no column '" + name + "', which the classroom page needs");
}

std::size_t series_index(const std::vector<Series>& series, const std::string& name) {
  for (std::size_t i = 0; i < series.size(); ++i)
    if (series[i].name == name) return i;
  throw std::runtime_error("the model has no time series '" + name + "', which the classroom page needs");
}

int class_of(double label) {
  const auto first = static_cast<int>(std::fmod(label, 256.0));
  const auto second = static_cast<int>(label / 256.0);
  if (second != 0) return -1;
  for (std::size_t k = 0; k < class_letters.size(); ++k)
    if (first == class_letters[k]) return static_cast<int>(k);
  return -1;
}

// Everything the page shows, accumulated block by block in dyad order (so the same settings and
// seed give the same answer for any thread count).
class CohortSink : public RecordSink {
 public:
  CohortSink(const Model& model, std::size_t steps) : series_(model.series()), steps_(steps) {
    const auto columns = model.columns();
    for (double age : strange_situation_ages) ssp_class_.push_back(column_index(columns, "ssp_" + age_label(age) + "_class"));
    suppress_ = series_index(series_, "policy_suppress");
    direct_ = series_index(series_, "policy_direct");
    escalate_ = series_index(series_, "policy_escalate");
    fear_ = series_index(series_, "fear");
    for (auto& c : by_class_) c.assign(series_.size() * steps_, 0.0);
    all_.assign(series_.size() * steps_, 0.0);
    ssp_counts_.assign(strange_situation_ages.size(), {});
    for (auto& p : pattern_) p.assign(steps_, 0);
  }

  void write(const RecordBlock& block) override {
    if (block.steps() != steps_) throw std::runtime_error("time series have an unexpected number of steps");
    for (std::size_t row = 0; row < block.size(); ++row) {
      ++dyads_;
      for (std::size_t a = 0; a < ssp_class_.size(); ++a) {
        const int k = class_of(block.value(ssp_class_[a], row));
        if (k >= 0) ++ssp_counts_[a][static_cast<std::size_t>(k)];
      }
      const int final_class = class_of(block.value(ssp_class_.back(), row));
      for (std::size_t s = 0; s < series_.size(); ++s) {
        const double* values = block.series(s) + row * steps_;
        for (std::size_t t = 0; t < steps_; ++t) {
          all_[s * steps_ + t] += values[t];
          if (final_class >= 0) by_class_[static_cast<std::size_t>(final_class)][s * steps_ + t] += values[t];
        }
      }
      if (final_class >= 0) ++class_dyads_[static_cast<std::size_t>(final_class)];
      for (std::size_t t = 0; t < steps_; ++t) {
        const double suppress = block.series(suppress_)[row * steps_ + t];
        const double direct = block.series(direct_)[row * steps_ + t];
        const double escalate = block.series(escalate_)[row * steps_ + t];
        // Dominant strategy in intense distress; ties go to the direct bid (the first months' default).
        if (direct >= suppress && direct >= escalate) ++pattern_[1][t];
        else if (suppress >= escalate) ++pattern_[0][t];
        else ++pattern_[2][t];
        if (block.series(fear_)[row * steps_ + t] > 0.5) ++pattern_[3][t];
      }
      if (final_class >= 0 && examples_.find(final_class) == examples_.end()) examples_[final_class] = example(block, row);
    }
  }

  json to_json() const {
    json out;
    out["dyads"] = dyads_;
    json ssp = json::array();
    for (std::size_t a = 0; a < strange_situation_ages.size(); ++a) {
      json shares;
      for (std::size_t k = 0; k < class_letters.size(); ++k) {
        const auto [low, high] = wilson95(ssp_counts_[a][k], dyads_);
        shares[std::string(1, class_letters[k])] = {
            {"count", ssp_counts_[a][k]}, {"share", dyads_ ? double(ssp_counts_[a][k]) / double(dyads_) : 0.0},
            {"low", low}, {"high", high}};
      }
      ssp.push_back({{"age_months", strange_situation_ages[a]}, {"shares", shares}});
    }
    out["strange_situation"] = ssp;

    const char* pattern_names[] = {"suppress", "direct", "escalate", "fear_above_half"};
    json pattern;
    for (std::size_t p = 0; p < pattern_.size(); ++p) {
      std::vector<double> share(steps_);
      for (std::size_t t = 0; t < steps_; ++t) share[t] = dyads_ ? double(pattern_[p][t]) / double(dyads_) : 0.0;
      pattern[pattern_names[p]] = share;
    }
    out["pattern"] = pattern;

    json series_info = json::array();
    for (const auto& s : series_) series_info.push_back({{"name", s.name}, {"unit", s.unit}, {"description", s.description}});
    out["series"] = series_info;
    out["means_all"] = means(all_, dyads_);
    json by_class;
    for (std::size_t k = 0; k < class_letters.size(); ++k)
      by_class[std::string(1, class_letters[k])] = {{"dyads", class_dyads_[k]}, {"means", means(by_class_[k], class_dyads_[k])}};
    out["means_by_final_class"] = by_class;
    json examples;
    for (const auto& [k, e] : examples_) examples[std::string(1, class_letters[static_cast<std::size_t>(k)])] = e;
    out["examples"] = examples;
    return out;
  }

 private:
  json means(const std::vector<double>& sums, std::uint64_t n) const {
    json m;
    for (std::size_t s = 0; s < series_.size(); ++s) {
      std::vector<double> v(steps_, 0.0);
      if (n > 0)
        for (std::size_t t = 0; t < steps_; ++t) v[t] = sums[s * steps_ + t] / double(n);
      m[series_[s].name] = v;
    }
    return m;
  }

  json example(const RecordBlock& block, std::size_t row) const {
    json e;
    e["dyad"] = block.first_dyad() + row;
    json classes;
    for (std::size_t a = 0; a < ssp_class_.size(); ++a) {
      const int k = class_of(block.value(ssp_class_[a], row));
      classes[age_label(strange_situation_ages[a])] = k >= 0 ? std::string(1, class_letters[static_cast<std::size_t>(k)]) : "?";
    }
    e["classes"] = classes;
    json trajectories;
    for (std::size_t s = 0; s < series_.size(); ++s) {
      const double* values = block.series(s) + row * steps_;
      trajectories[series_[s].name] = std::vector<double>(values, values + steps_);
    }
    e["series"] = trajectories;
    return e;
  }

  std::vector<Series> series_;
  std::size_t steps_;
  std::vector<std::size_t> ssp_class_;
  std::size_t suppress_ = 0, direct_ = 0, escalate_ = 0, fear_ = 0;
  std::uint64_t dyads_ = 0;
  std::array<std::vector<double>, 4> by_class_;
  std::array<std::uint64_t, 4> class_dyads_{};
  std::vector<double> all_;
  std::vector<std::array<std::uint64_t, 4>> ssp_counts_;
  std::array<std::vector<std::uint64_t>, 4> pattern_;  // suppress, direct, escalate, fear > 0.5
  std::map<int, json> examples_;                       // the first infant of each final class
};

}  // namespace

std::string simulate_classroom(const std::string& request_json, int threads) {
  json request;
  try {
    request = json::parse(request_json);
  } catch (const json::exception& e) {
    // parse_error for malformed text, out_of_range for a number beyond a double (1e400): both are the
    // request's fault, so both are a 400, never a 500.
    throw InputError(from_page, "", "a JSON request with numbers a double can hold", "'" + shortened(e.what()) + "'");
  }
  if (!request.is_object() || !request.contains("settings") || !request["settings"].is_object())
    throw InputError(from_page, "", "a JSON object {\"settings\": {KEY: VALUE, ...}}", "'" + request.dump() + "'");

  auto model = make_model();
  const std::vector<ParameterSpec> schema = scenario_schema(*model);
  std::vector<std::string> keys;
  for (const auto& spec : schema) keys.push_back(spec.key);

  ResolvedConfig config(schema);
  config.set("run.dyads", std::int64_t{500}, from_page);
  const json& settings = request["settings"];
  for (const auto& [key, value] : settings.items()) {
    bool known = false;
    for (const auto& k : keys) known = known || k == key;
    if (!known) {
      const std::string near = nearest_key(key, keys);
      throw InputError(from_page, key, near.empty() ? "a declared parameter (see attachsim params)" : "a declared parameter (did you mean '" + near + "'?)",
                       "an unknown key");
    }
    for (const char* fixed : fixed_keys)
      if (key == fixed) throw InputError(from_page, key, "a key the page may set (the page fixes this one)", "'" + value.dump() + "'");
    config.set(key, to_value(config.spec(key), value), from_page);
  }
  const auto dyads = std::get<std::int64_t>(config.value("run.dyads"));
  if (dyads > classroom_max_dyads)
    throw InputError(from_page, "run.dyads", "at most " + std::to_string(classroom_max_dyads) + " dyads on the classroom page",
                     "'" + std::to_string(dyads) + "'");
  // Generations multiply the dyads simulated: the work of a request is capped, not only its cohort.
  const auto generations = std::get<std::int64_t>(config.value("run.generations"));
  const auto months = static_cast<long long>(span_months);
  if (dyads * generations * months > classroom_max_dyad_months)
    throw InputError(from_page, "run.generations",
                     "at most " + std::to_string(classroom_max_dyad_months) + " dyad-months of work per request on the "
                     "classroom page (run.dyads x run.generations x " + std::to_string(months) + " months)",
                     std::to_string(dyads) + " dyads x " + std::to_string(generations) + " generations x " +
                         std::to_string(months) + " months = " + std::to_string(dyads * generations * months));
  config.set("run.timeseries", true, from_page);
  config.set("development.span_months", span_months, from_page);
  config.set("strange_situation.ages_months", strange_situation_ages, from_page);

  model->configure(config);
  RunSettings run;
  config.bind(run_settings_table(), run);

  const std::size_t steps = model->series_ages_months().size();
  CohortSink sink(*model, steps);
  auto summary = model->make_summary();
  const RunStatistics stats = run_population(*model, run, threads, *summary, &sink);

  json out = sink.to_json();
  out["ages_months"] = model->series_ages_months();
  out["seed"] = run.seed;
  out["wall_seconds"] = stats.wall_seconds;
  json observed = json::array();
  for (const auto& v : summary->values())
    if (v.name.rfind("sensitivity_", 0) == 0 && v.name.size() > 5 && v.name.compare(v.name.size() - 5, 5, "_mean") == 0)
      observed.push_back({{"name", v.name}, {"mean", v.value}, {"unit", v.unit}, {"description", v.description}});
  out["observed_sensitivity"] = observed;
  json echoed;
  for (const auto& [key, value] : settings.items()) echoed[key] = value_to_json(config.value(key));
  out["settings"] = echoed;
  return out.dump();
}

}  // namespace attachsim::sim
