// The classroom page's JSON API: turns the page's settings into a resolved config of the model, runs
// the cohort through the runner it is given, and summarizes it for the page (cohort_view.cpp,
// generations_view.cpp). Used by `attachsim serve` and by the static page's WebAssembly build alike.
#include "sim/classroom/classroom_api.hpp"

#include "sim/classroom/cohort_view.hpp"
#include "sim/classroom/generations_view.hpp"
#include "sim/core/config.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/run_settings.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace attachsim::sim {
namespace {

using nlohmann::json;

const SourcePosition from_page{"classroom page", 0, 0};

// What each view fixes: a request that sets one of these is refused rather than silently overridden.
struct View {
  const char* name;
  std::int64_t default_dyads;
  std::int64_t generations;
  double span_months;
  std::vector<double> strange_situation_ages;
  std::vector<double> preschool_ages;
  bool timeseries;
};

// Birth to two years, month by month, with Strange Situations at 12, 18 and 24 months.
const View cohort_view{"cohort", 500, 1, 24, {12, 18, 24}, {}, true};
// Three linked generations, each child followed to 60 months: Strange Situation at 12 months and the
// preschool assessment at 54, as configs/generations.yaml.
const View generations_view{"generations", 300, 3, 60, {12}, {54}, false};

const char* const fixed_keys[] = {"run.timeseries", "run.chunk_dyads", "run.generations", "development.span_months",
                                  "strange_situation.ages_months", "preschool.ages_months"};

// How many lineages the generations view shows whole.
constexpr std::size_t families_shown = 6;

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

const View& view_of(const json& request) {
  if (!request.contains("view")) return cohort_view;
  const json& v = request["view"];
  if (v == cohort_view.name) return cohort_view;
  if (v == generations_view.name) return generations_view;
  throw InputError(from_page, "view", "\"cohort\" or \"generations\"", "'" + shortened(v.dump()) + "'");
}

}  // namespace

std::string simulate_classroom(const std::string& request_json, const CohortRunner& run_cohort) {
  json request;
  // A key given twice in one object would be taken at its last value without a word (JSON allows it, as
  // YAML does not here): the first repeat is noted while parsing, one set of keys per open object.
  std::vector<std::vector<std::string>> open_objects;
  std::string repeated;
  const json::parser_callback_t note_repeats = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) open_objects.emplace_back();
    if (event == json::parse_event_t::object_end && !open_objects.empty()) open_objects.pop_back();
    if (event == json::parse_event_t::key && !open_objects.empty()) {
      auto& keys = open_objects.back();
      const std::string key = parsed.get<std::string>();
      if (repeated.empty() && std::find(keys.begin(), keys.end(), key) != keys.end()) repeated = key;
      keys.push_back(key);
    }
    return true;
  };
  try {
    request = json::parse(request_json, note_repeats);
  } catch (const json::exception& e) {
    // parse_error for malformed text, out_of_range for a number beyond a double (1e400): both are the
    // request's fault, so both are a 400, never a 500.
    throw InputError(from_page, "", "a JSON request with numbers a double can hold", "'" + shortened(e.what()) + "'");
  }
  if (!repeated.empty()) throw InputError(from_page, repeated, "each key once in an object", "'" + shortened(repeated) + "' twice");
  if (!request.is_object() || !request.contains("settings") || !request["settings"].is_object())
    throw InputError(from_page, "", "a JSON object {\"settings\": {KEY: VALUE, ...}}", "'" + shortened(request.dump()) + "'");
  for (const auto& [key, value] : request.items())
    if (key != "settings" && key != "view")
      throw InputError(from_page, key, "\"settings\" or \"view\"", "an unknown key");
  const View& view = view_of(request);

  auto model = make_model();
  ResolvedConfig config(scenario_schema(*model));
  config.set("run.dyads", view.default_dyads, from_page);
  const json& settings = request["settings"];
  for (const auto& [key, value] : settings.items()) {
    if (!config.contains(key)) {
      std::vector<std::string> keys;
      for (const auto& spec : config.schema()) keys.push_back(spec.key);
      const std::string near = nearest_key(key, keys);
      throw InputError(from_page, key, near.empty() ? "a declared parameter (see attachsim params)" : "a declared parameter (did you mean '" + near + "'?)",
                       "an unknown key");
    }
    for (const char* fixed : fixed_keys)
      if (key == fixed) throw InputError(from_page, key, "a key the page may set (the page fixes this one)", "'" + value.dump() + "'");
    config.set(key, to_value(config.spec(key), value), from_page);
  }
  // The work of a request, dyads x generations x months, is capped: a generations request follows
  // three generations to 60 months, so it may have fewer families than a cohort request has babies.
  const auto dyads = std::get<std::int64_t>(config.value("run.dyads"));
  const long long most = classroom_max_dyad_months / (view.generations * static_cast<long long>(view.span_months));
  if (dyads > most) {
    const std::string work = std::to_string(dyads) + " dyads x " + std::to_string(view.generations) + " generations x " +
                             std::to_string(static_cast<long long>(view.span_months)) + " months = " +
                             std::to_string(dyads * view.generations * static_cast<long long>(view.span_months)) + " dyad-months";
    throw InputError(from_page, "run.dyads",
                     "at most " + std::to_string(most) + (view.generations > 1 ? " families" : " babies") + " on the classroom page (at most " +
                         std::to_string(classroom_max_dyad_months) + " dyad-months of work per request)",
                     "'" + std::to_string(dyads) + "' (" + work + ")");
  }
  config.set("run.timeseries", view.timeseries, from_page);
  config.set("run.generations", view.generations, from_page);
  config.set("development.span_months", view.span_months, from_page);
  config.set("strange_situation.ages_months", view.strange_situation_ages, from_page);
  if (!view.preschool_ages.empty()) config.set("preschool.ages_months", view.preschool_ages, from_page);

  model->configure(config);
  RunSettings run;
  config.bind(run_settings_table(), run);
  auto summary = model->make_summary();

  json out;
  RunStatistics stats;
  if (view.generations > 1) {
    classroom::GenerationsView sink(*model, static_cast<int>(view.generations), view.strange_situation_ages.front(),
                                    view.preschool_ages.front(), families_shown);
    stats = run_cohort(*model, run, *summary, sink);
    out = sink.to_json();
  } else {
    classroom::CohortView sink(*model, view.strange_situation_ages);
    stats = run_cohort(*model, run, *summary, sink);
    out = sink.to_json();
    out["ages_months"] = model->series_ages_months();
  }
  out["view"] = view.name;
  out["seed"] = run.seed;
  out["wall_seconds"] = stats.wall_seconds;
  json observed = json::array();
  for (const auto& v : summary->values())
    if (v.name.rfind("sensitivity_", 0) == 0 && v.name.size() > 5 && v.name.compare(v.name.size() - 5, 5, "_mean") == 0)
      observed.push_back({{"name", v.name}, {"mean", v.value}, {"unit", v.unit}, {"description", v.description}});
  out["observed_sensitivity"] = observed;
  json echoed = json::object();
  for (const auto& [key, value] : settings.items()) echoed[key] = value_to_json(config.value(key));
  out["settings"] = echoed;
  return out.dump();
}

ClassroomAnswer answer_classroom(const std::string& request_json, const CohortRunner& run) {
  try {
    return {200, simulate_classroom(request_json, run)};
  } catch (const InputError& e) {
    return {400, json{{"error", e.what()}}.dump()};
  } catch (const std::exception& e) {
    return {500, json{{"error", std::string("internal error: ") + e.what()}}.dump()};
  }
}

}  // namespace attachsim::sim
