#include "sim/runs/run_command.hpp"

#include "sim/engine/engine.hpp"
#include "sim/engine/progress.hpp"
#include "sim/input/yaml_settings.hpp"
#include "sim/output/hdf5_output.hpp"
#include "sim/output/partial_file.hpp"
#include "sim/output/provenance.hpp"
#include "sim/output/output_name.hpp"

#include <ctime>
#include <filesystem>
#include <iomanip>
#include <sstream>

namespace attachsim::sim {
namespace {

std::string now_iso8601() {
  const std::time_t t = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&t, &utc);
  std::ostringstream s;
  s << std::put_time(&utc, "%Y-%m-%dT%H:%M:%SZ");
  return s.str();
}

}  // namespace

Scenario load_scenario(Model& model, const std::string& path, const std::vector<std::string>& overrides,
                       const std::optional<std::uint64_t>& seed) {
  ResolvedConfig config = load_config(path, scenario_schema(model), overrides);
  if (seed) {
    // Checked before the int64 cast, which would wrap a huge seed negative and hide what was typed.
    const ParameterSpec& spec = config.spec("run.seed");
    if (static_cast<double>(*seed) > spec.max)
      throw InputError({"--seed", 0, 0}, spec.key, describe_expected(spec), "'" + std::to_string(*seed) + "'");
    config.set("run.seed", static_cast<std::int64_t>(*seed), {"--seed", 0, 0});
  }
  model.configure(config);
  RunSettings run;
  config.bind(run_settings_table(), run);
  return {std::move(config), run};
}

RunOutcome run_scenario(Model& model, const RunRequest& request) {
  const std::string started = now_iso8601();
  const Scenario loaded = load_scenario(model, request.config, request.overrides, request.seed);
  RunOutcome outcome;
  outcome.output = request.output;
  if (outcome.output.empty()) outcome.output = default_output_path(request.config, request.overrides, request.seed);

  check_output_path(outcome.output, {request.config});
  Hdf5Output out(outcome.output);
  for (const auto& [name, value] : build_provenance()) out.set_meta(name, value);
  out.set_meta("config_file", request.config);
  out.set_meta("config_yaml", loaded.config.to_yaml());
  out.set_meta("config_sha1", loaded.config.hash());
  out.set_meta("seed", static_cast<std::int64_t>(loaded.run.seed));
  out.set_meta("threads", static_cast<std::int64_t>(request.threads));
  out.set_meta("ranks", static_cast<std::int64_t>(1));
  out.set_meta("start_time", started);
  for (const auto& [mechanism, alternative] : model.mechanisms()) out.set_meta("mechanism_" + mechanism, alternative);
  out.define_records(model.columns(), model.column_groups(),
                     loaded.run.timeseries ? model.series() : std::vector<Series>{}, model.series_ages_months(),
                     static_cast<std::size_t>(loaded.run.chunk_dyads));

  auto summary = model.make_summary();
  Progress progress("dyads", request.quiet);
  const RunStatistics stats = run_population(model, loaded.run, request.threads, *summary, &out,
                                             [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); });
  out.write_summary(summary->values());
  for (const auto& table : summary->tables()) out.write_table(table.path, table.description, table.columns);
  out.set_meta("wall_seconds", stats.wall_seconds);
  out.commit();

  outcome.report = summary->report();
  outcome.rows = stats.dyads;
  outcome.lineages = static_cast<std::uint64_t>(loaded.run.dyads);
  outcome.generations = static_cast<std::uint64_t>(loaded.run.generations);
  outcome.wall_seconds = stats.wall_seconds;
  return outcome;
}

}  // namespace attachsim::sim
