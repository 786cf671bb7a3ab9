#include "sim/sweeps/sweep_runner.hpp"

#include "sim/core/config.hpp"
#include "sim/input/yaml_settings.hpp"
#include "sim/engine/engine.hpp"
#include "sim/sweeps/mpi_work_queue.hpp"
#include "sim/engine/progress.hpp"
#include "sim/core/run_settings.hpp"
#include "sim/output/partial_file.hpp"
#include "sim/sweeps/sweep_memory.hpp"
#include "sim/sweeps/sweep_output.hpp"
#include "sim/sweeps/sweep_progress.hpp"
#include "sim/sweeps/sweep_spec.hpp"
#include "sim/output/provenance.hpp"
#include "sim/output/version.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iterator>
#include <iomanip>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace attachsim::sim {
namespace {

// The build a checkpoint was recorded with (`git describe` has no spaces, nor has the version: the
// header is one line of space-separated fields).
std::string build_id() { return std::string(version) + "+" + git_commit; }

std::uint64_t parse_count(const std::string& s, bool& ok) {
  std::uint64_t x = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  ok = ok && !s.empty() && ec == std::errc() && end == s.data() + s.size();
  return x;
}

std::string shell_word(const std::string& s) {
  if (s.find_first_of(" \t'\"[]$*?") == std::string::npos) return s;
  return "'" + s + "'";
}

// Everything a run needs, the same on every rank: the design, the base config, the outcome layout.
struct Plan {
  SweepSpec spec;
  ResolvedConfig base;
  std::vector<SummaryValue> outcomes;  // name, unit, description of each kept value
  std::vector<std::string> set_options;  // per point: the --set options that repeat it

  Plan(SweepSpec s, ResolvedConfig b) : spec(std::move(s)), base(std::move(b)) {}

  ResolvedConfig config_of(std::size_t point, std::uint64_t seed) const {
    ResolvedConfig config = base;
    for (std::size_t k = 0; k < spec.factors.size(); ++k)
      config.set(spec.factors[k].key, spec.points[point][k], spec.factors[k].where);
    config.set("run.seed", static_cast<std::int64_t>(seed), {spec.file, 0, 0});
    return config;
  }
};

std::vector<std::string> names_of(const std::vector<SummaryValue>& values) {
  std::vector<std::string> names;
  for (const auto& v : values) names.push_back(v.name);
  return names;
}

// Reads the sweep and checks every point against the model (relations between parameters, the
// outcome names) before anything runs, so bad input fails at once and costs nothing.
Plan make_plan(const ModelFactory& make_model, const std::vector<ParameterSpec>& schema, const std::string& sweep_path) {
  SweepSpec spec = load_sweep_spec(sweep_path, schema);
  ResolvedConfig base = load_config(spec.base_path, schema);
  for (const auto& f : spec.fixed) base.set(f.key, f.value, f.where);
  Plan plan(std::move(spec), std::move(base));

  auto model = make_model();
  std::vector<std::string> reference;
  for (std::size_t point = 0; point < plan.spec.points.size(); ++point) {
    try {
      model->configure(plan.config_of(point, 0));
    } catch (const InputError& e) {
      // What a factor's value at this point broke is told at the factor, with the point's settings:
      // the place of the key it broke (often the base file) alone would not name the sweep's part.
      const auto settings = plan.spec.overrides(point);
      std::string at_point;
      for (const auto& o : settings) at_point += (at_point.empty() ? "" : ", ") + o;
      const auto factor = std::find_if(plan.spec.factors.begin(), plan.spec.factors.end(),
                                       [&](const SweepFactor& f) { return f.key == e.key(); });
      throw InputError(factor != plan.spec.factors.end() ? factor->where : plan.spec.factors.back().where, e.key(), e.expected(),
                       e.found() + " at point " + std::to_string(point) + " of the sweep (" + at_point + "; the key set at " +
                           e.where().describe() + ")");
    }
    const auto values = model->make_summary()->values();
    const auto names = names_of(values);
    if (point == 0) {
      reference = names;
      if (plan.spec.outcomes.empty()) {
        plan.outcomes = values;
      } else {
        for (const auto& wanted : plan.spec.outcomes) {
          auto it = std::find(names.begin(), names.end(), wanted);
          if (it == names.end()) {
            const std::string near = nearest_key(wanted, names);
            throw InputError(plan.spec.outcomes_where, "outcomes",
                             near.empty() ? "names of /summary values (see the /summary of a run's file)"
                                          : "a /summary value name, such as '" + near + "'",
                             "'" + wanted + "'" + (near.empty() ? std::string() : "; did you mean '" + near + "'?"));
          }
          plan.outcomes.push_back(values[static_cast<std::size_t>(it - names.begin())]);
        }
      }
    } else if (names != reference) {
      for (const auto& o : plan.outcomes)
        if (std::find(names.begin(), names.end(), o.name) == names.end())
          throw InputError({plan.spec.file, 0, 0}, "outcomes",
                           "outcomes that every point reports (point 0 does, point " + std::to_string(point) + " does not)",
                           "'" + o.name + "'; name the outcomes to keep with outcomes: [...]");
    }
    std::string options;
    for (const auto& o : plan.spec.overrides(point)) options += (options.empty() ? "--set " : " --set ") + shell_word(o);
    plan.set_options.push_back(std::move(options));
  }
  for (const auto& v : plan.outcomes)
    if (v.name == "point" || v.name == "replicate" || v.name == "seed" || v.name == "set")
      throw InputError(plan.spec.outcomes_where, "outcomes", "outcome names other than point, replicate, seed, set", v.name);
  return plan;
}

// The runs one shard computes.
std::uint64_t shard_runs(std::uint64_t runs, const Shard& shard) {
  return runs > shard.index ? (runs - shard.index + shard.count - 1) / shard.count : 0;
}

// The design again (load_sweep_spec checked it alone), now with the shard's runs, their outcomes and
// the table written from them.
void check_memory(const Plan& plan, const Shard& shard) {
  std::uint64_t set_width = 0;
  for (const auto& s : plan.set_options) set_width = std::max<std::uint64_t>(set_width, s.size());
  check_sweep_memory({plan.spec.points.size(), plan.spec.factors.size(), set_width, shard_runs(plan.spec.runs(), shard),
                      plan.outcomes.size()},
                     {plan.spec.file, 0, 0}, "factors");
}

// One run: the point's config with the run's seed, simulated with no per-dyad output.
std::vector<double> compute_run(const Plan& plan, const ModelFactory& make_model, std::uint64_t run, int threads) {
  const auto replicates = static_cast<std::uint64_t>(plan.spec.replicates);
  const ResolvedConfig config = plan.config_of(static_cast<std::size_t>(run / replicates), run_seed(plan.spec.seed, run));
  auto model = make_model();
  model->configure(config);
  RunSettings settings;
  config.bind(run_settings_table(), settings);
  auto summary = model->make_summary();
  run_population(*model, settings, threads, *summary, nullptr);
  const auto values = summary->values();
  std::vector<double> out;
  out.reserve(plan.outcomes.size());
  for (const auto& o : plan.outcomes) {
    auto it = std::find_if(values.begin(), values.end(), [&](const SummaryValue& v) { return v.name == o.name; });
    out.push_back(it->value);
  }
  return out;
}

SweepTable make_table(const Plan& plan, const std::map<std::uint64_t, std::vector<double>>& done) {
  SweepTable t;
  using Type = TableColumn::Type;
  TableColumn point{"point", "", "Index of the design point (0-based); the first factor varies slowest.", Type::int64, 0, {}, {}, {}};
  TableColumn replicate{"replicate", "", "Replicate of the point (0-based).", Type::int64, 0, {}, {}, {}};
  TableColumn seed{"seed", "", "run.seed of this run, derived from the sweep seed and the run index: "
                   "'attachsim run BASE --seed SEED' with this row's set options repeats it exactly.", Type::int64, 0, {}, {}, {}};
  std::vector<TableColumn> factors;
  for (const auto& f : plan.spec.factors) {
    TableColumn c{f.key, f.unit, "Factor (" + f.sampling + "): " + f.meaning, Type::float64, 0, {}, {}, {}};
    if (f.kind == Kind::integer || f.kind == Kind::boolean) c.type = Type::int64;
    if (f.kind == Kind::choice) c.type = Type::text;
    factors.push_back(std::move(c));
  }
  std::vector<TableColumn> outcomes;
  for (const auto& o : plan.outcomes) outcomes.push_back({o.name, o.unit, o.description, Type::float64, 0, {}, {}, {}});
  TableColumn set{"set", "", "The --set options that repeat this run: attachsim run BASE --seed SEED <set>.", Type::text, 0, {}, {}, {}};
  // Text widths come from the whole design, so every shard and the unsharded run agree.
  for (const auto& s : plan.set_options) set.width = std::max(set.width, s.size());
  for (std::size_t k = 0; k < factors.size(); ++k)
    if (factors[k].type == Type::text)
      for (const auto& p : plan.spec.points) factors[k].width = std::max(factors[k].width, std::get<std::string>(p[k]).size());

  const auto replicates = static_cast<std::uint64_t>(plan.spec.replicates);
  for (const auto& [run, values] : done) {
    const auto p = static_cast<std::size_t>(run / replicates);
    point.ints.push_back(static_cast<std::int64_t>(p));
    replicate.ints.push_back(static_cast<std::int64_t>(run % replicates));
    seed.ints.push_back(static_cast<std::int64_t>(run_seed(plan.spec.seed, run)));
    for (std::size_t k = 0; k < factors.size(); ++k) {
      const Value& v = plan.spec.points[p][k];
      if (const auto* x = std::get_if<double>(&v)) factors[k].reals.push_back(*x);
      if (const auto* i = std::get_if<std::int64_t>(&v)) factors[k].ints.push_back(*i);
      if (const auto* b = std::get_if<bool>(&v)) factors[k].ints.push_back(*b ? 1 : 0);
      if (const auto* s = std::get_if<std::string>(&v)) factors[k].texts.push_back(*s);
    }
    for (std::size_t o = 0; o < outcomes.size(); ++o) outcomes[o].reals.push_back(values[o]);
    set.texts.push_back(plan.set_options[p]);
  }
  t.columns.push_back(std::move(point));
  t.columns.push_back(std::move(replicate));
  t.columns.push_back(std::move(seed));
  for (auto& c : factors) t.columns.push_back(std::move(c));
  for (auto& c : outcomes) t.columns.push_back(std::move(c));
  t.columns.push_back(std::move(set));
  return t;
}

std::string joined(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}


}  // namespace

Shard parse_shard(const std::string& text, const SourcePosition& where) {
  const auto slash = text.find('/');
  bool ok = slash != std::string::npos;
  Shard s;
  if (ok) {
    s.index = parse_count(text.substr(0, slash), ok);
    s.count = parse_count(text.substr(slash + 1), ok);
  }
  if (!ok || s.count == 0 || s.index >= s.count)
    throw InputError(where, "shard", "I/N with 0 <= I < N, e.g. 0/4", "'" + text + "'");
  return s;
}

std::optional<Shard> shard_from_slurm() {
  const char* id = std::getenv("SLURM_ARRAY_TASK_ID");
  const char* count = std::getenv("SLURM_ARRAY_TASK_COUNT");
  if (!id || !count) return std::nullopt;
  const char* min = std::getenv("SLURM_ARRAY_TASK_MIN");
  bool ok = true;
  const std::uint64_t task = parse_count(id, ok), first = min ? parse_count(min, ok) : 0, n = parse_count(count, ok);
  const std::string found = std::string("SLURM_ARRAY_TASK_ID=") + id + " SLURM_ARRAY_TASK_MIN=" + (min ? min : "") +
                            " SLURM_ARRAY_TASK_COUNT=" + count;
  if (!ok || task < first || task - first >= n || n == 0)
    throw InputError({"SLURM_ARRAY_TASK_ID", 0, 0}, "shard",
                     "a contiguous array (e.g. --array=0-3): task id - min below the task count", found);
  return Shard{task - first, n};
}

std::string check_sweep(const ModelFactory& make_model, const std::vector<ParameterSpec>& schema, const std::string& sweep_path) {
  const Plan plan = make_plan(make_model, schema, sweep_path);
  check_memory(plan, Shard{});
  return "sweep: " + std::to_string(plan.spec.points.size()) + " points x " + std::to_string(plan.spec.replicates) +
         " replicates = " + std::to_string(plan.spec.runs()) + " runs of " + plan.spec.base_path + "; outcomes: " +
         joined(names_of(plan.outcomes)) + "\n";
}

int run_sweep(const ModelFactory& make_model, const std::vector<ParameterSpec>& schema, const std::string& sweep_path,
              const SweepOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  MpiWorld world;  // MPI starts here, and only when launched by mpirun or srun
  const bool root = world.rank() == 0;

  // Every rank reads and checks the same files and so fails alike; only rank 0 reports.
  std::optional<Plan> plan;
  const Shard shard = options.shard;
  try {
    plan.emplace(make_plan(make_model, schema, sweep_path));
    check_memory(*plan, shard);
  } catch (const InputError&) {
    if (root) throw;
    return 2;
  }
  const std::uint64_t runs = plan->spec.runs();

  // Rank 0 owns the files: the progress checkpoint, then the result.
  std::unique_ptr<SweepProgress> progress;
  std::vector<std::uint64_t> pending;
  std::exception_ptr failure;
  if (root) {
    try {
      check_output_path(options.output, {sweep_path, plan->spec.base_path});
      ProgressHeader header{plan->spec.sha1, plan->base.hash(), shard.index, shard.count, runs, plan->outcomes.size(),
                            plan->spec.file, build_id()};
      progress = std::make_unique<SweepProgress>(options.output + ".progress", header);
      for (std::uint64_t r = shard.index; r < runs; r += shard.count)
        if (!progress->done().count(r)) pending.push_back(r);
    } catch (...) {
      failure = std::current_exception();
    }
  }
  if (!world.agree(failure == nullptr)) {
    if (root) std::rethrow_exception(failure);
    return 2;
  }

  const std::uint64_t runs_here = shard_runs(runs, shard);
  if (root && !options.quiet && options.progress) {
    std::cerr << "sweep: " << plan->spec.points.size() << " points x " << plan->spec.replicates << " replicates = " << runs
              << " runs";
    if (shard.count > 1) std::cerr << "; shard " << shard.describe() << ": " << runs_here << " runs";
    if (world.distributed()) std::cerr << "; " << world.size() << " MPI ranks";
    std::cerr << "\n";
    if (progress->resumed())
      std::cerr << "sweep: resuming from " << progress->path() << ": " << progress->resumed() << " runs already done, "
                << pending.size() << " to go\n";
    if (progress->dropped_lines())
      std::cerr << "sweep: " << progress->path() << ": a damaged or repeated line; the runs of it and of the lines after it ("
                << progress->dropped_lines() << " in all) are run again\n";
  }

  // Recording, on rank 0 only: checkpoint, progress line, and the test hook that simulates a kill.
  Progress display("sweep runs", options.quiet || !options.progress);
  std::uint64_t recorded = 0;
  const char* stop_env = std::getenv("ATTACHSIM_SWEEP_STOP_AFTER");  // for tests: die like a killed job
  const std::uint64_t stop_after = stop_env ? std::strtoull(stop_env, nullptr, 10) : 0;
  const auto record = [&](std::uint64_t run, const std::vector<double>& values) {
    progress->record(run, values);
    ++recorded;
    display.update(recorded, pending.size());
    if (stop_after && recorded >= stop_after) std::_Exit(75);
  };
  std::size_t next_index = 0;
  const auto next = [&]() -> std::optional<std::uint64_t> {
    if (next_index >= pending.size()) return std::nullopt;
    return pending[next_index++];
  };

  if (world.distributed()) {
    distribute_runs(world, plan->outcomes.size(), next, [&](std::uint64_t run) { return compute_run(*plan, make_model, run, options.threads); },
                    record);
    if (!root) return 0;
  } else {
    // A host's Ctrl-C (Python's) stops the runs at their next block; the checkpoint keeps what is done.
    const InterruptWatch watch;
    // Whole runs in parallel, one per thread, each simulated serially; with fewer runs than
    // threads, one run at a time with all threads inside it.
    const auto loops = static_cast<std::size_t>(std::max<std::size_t>(1, std::min<std::size_t>(options.threads, pending.size())));
    const int inner = loops == static_cast<std::size_t>(options.threads) ? 1 : options.threads;
    std::mutex lock;
    std::exception_ptr error;
    const auto loop = [&] {
      for (;;) {
        std::optional<std::uint64_t> run;
        {
          std::lock_guard guard(lock);
          if (error) return;
          run = next();
        }
        if (!run) return;
        try {
          const auto values = compute_run(*plan, make_model, *run, inner);
          std::lock_guard guard(lock);
          record(*run, values);
        } catch (...) {
          std::lock_guard guard(lock);
          if (!error) error = std::current_exception();
          return;
        }
      }
    };
    if (loops == 1) {
      loop();
    } else {
      std::vector<std::thread> workers;
      for (std::size_t i = 0; i < loops; ++i) workers.emplace_back(loop);
      for (auto& w : workers) w.join();
    }
    if (error) std::rethrow_exception(error);
  }

  SweepTable table = make_table(*plan, progress->done());
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  table.meta = {{"sweep_file", plan->spec.file},
                {"sweep_yaml", plan->spec.text},
                {"sweep_sha1", plan->spec.sha1},
                {"base_config_file", plan->spec.base_path},
                {"base_config_yaml", plan->base.to_yaml()},
                {"base_config_sha1", plan->base.hash()},
                {"seed", static_cast<std::int64_t>(plan->spec.seed)},
                {"points", static_cast<std::int64_t>(plan->spec.points.size())},
                {"replicates", static_cast<std::int64_t>(plan->spec.replicates)},
                {"runs", static_cast<std::int64_t>(runs)},
                {"factors", joined([&] {
                   std::vector<std::string> k;
                   for (const auto& f : plan->spec.factors) k.push_back(f.key);
                   return k;
                 }())},
                {"outcomes", joined(names_of(plan->outcomes))},
                {"shard", shard.describe()},
                {"ranks", static_cast<std::int64_t>(world.size())},
                {"threads", static_cast<std::int64_t>(options.threads)},
                {"wall_seconds", wall.count()},
                {"resumed_runs", static_cast<std::int64_t>(progress->resumed())}};
  const auto provenance = build_provenance();  // version, commit, compiler and libraries first
  table.meta.insert(table.meta.begin(), provenance.begin(), provenance.end());
  write_sweep_table(options.output, table);
  progress->remove();
  if (!options.quiet)
    std::cout << std::fixed << std::setprecision(2) << "sweep: " << runs_here << " runs"
              << (progress->resumed() ? " (" + std::to_string(progress->resumed()) + " resumed)" : std::string()) << " in "
              << wall.count() << " s\nwritten: " << options.output << "\n";
  return 0;
}

namespace {

// What a shard's /meta says it holds, its /points must hold: one row per run of the shard in every
// column, and each row a run of the design that belongs to the shard. A column shorter than that was
// once merged as 0.0 where its values were missing.
void check_shard_rows(const std::string& path, const SweepTable& t, const Shard& s, std::int64_t runs, std::int64_t points,
                      std::int64_t replicates) {
  if (points < 1 || replicates < 1 || runs != points * replicates)
    throw InputError({path, 0, 0}, "runs", "runs = points x replicates in /meta",
                     std::to_string(runs) + " runs, " + std::to_string(points) + " points, " + std::to_string(replicates) + " replicates");
  const std::uint64_t rows = shard_runs(static_cast<std::uint64_t>(runs), s);
  for (const auto& c : t.columns)
    if (c.size() != rows)
      throw InputError({path, 0, 0}, "/points/" + c.name,
                       std::to_string(rows) + " rows (shard " + s.describe() + " of " + std::to_string(runs) + " runs)",
                       std::to_string(c.size()));
  const TableColumn* point = t.find_column("point");
  const TableColumn* replicate = t.find_column("replicate");
  if (!point || !replicate || point->type != TableColumn::Type::int64 || replicate->type != TableColumn::Type::int64)
    throw InputError({path, 0, 0}, "points", "integer columns point and replicate", "none");
  for (std::size_t i = 0; i < point->ints.size(); ++i)
    if (point->ints[i] < 0 || point->ints[i] >= points || replicate->ints[i] < 0 || replicate->ints[i] >= replicates)
      throw InputError({path, 0, 0}, "points", "points below " + std::to_string(points) + " and replicates below " +
                                                   std::to_string(replicates),
                       "point " + std::to_string(point->ints[i]) + ", replicate " + std::to_string(replicate->ints[i]) +
                           " in row " + std::to_string(i));
}

}  // namespace

void merge_sweeps(const std::string& output, const std::vector<std::string>& shards, bool quiet) {
  namespace fs = std::filesystem;
  if (shards.empty()) throw InputError({"merge", 0, 0}, "shards", "one or more shard files", "none");
  check_output_path(output);
  std::vector<SweepTable> tables;
  std::map<std::uint64_t, std::string> by_index;
  std::uint64_t count = 0;
  const auto text = [](const SweepTable& t, const char* name) {
    const MetaValue* v = t.find_meta(name);
    return v && std::holds_alternative<std::string>(*v) ? std::get<std::string>(*v) : std::string();
  };
  const auto number = [](const SweepTable& t, const char* name) {
    const MetaValue* v = t.find_meta(name);
    return v && std::holds_alternative<std::int64_t>(*v) ? std::get<std::int64_t>(*v) : std::int64_t{-1};
  };
  for (const auto& path : shards) {
    std::error_code ec;
    if (fs::exists(output) && fs::equivalent(path, output, ec))
      throw InputError({path, 0, 0}, "output", "an output file other than the shards", "'" + output + "' is a shard");
    SweepTable t = read_sweep_table(path);
    const std::string sha = text(t, "sweep_sha1");
    if (sha.empty() || number(t, "runs") < 0 || text(t, "shard").empty())
      throw InputError({path, 0, 0}, "", "a sweep result written by 'attachsim sweep'", "no sweep_sha1, runs or shard in /meta");
    const Shard s = parse_shard(text(t, "shard"), {path + " (/meta shard)", 0, 0});
    check_shard_rows(path, t, s, number(t, "runs"), number(t, "points"), number(t, "replicates"));
    if (!tables.empty()) {
      const SweepTable& first = tables.front();
      // One build's numbers only: a resumed sweep refuses another build's checkpoint for the same reason.
      for (const char* name : {"attachsim_version", "git_commit"})
        if (text(t, name) != text(first, name))
          throw InputError({path, 0, 0}, name, "a shard written by the build that wrote '" + shards.front() + "' (" + text(first, name) + ")",
                           "'" + text(t, name) + "'");
      if (sha != text(first, "sweep_sha1") || text(t, "base_config_sha1") != text(first, "base_config_sha1"))
        throw InputError({path, 0, 0}, "sweep_sha1",
                         "a shard of the same sweep as '" + shards.front() + "' (sweep sha1 " + text(first, "sweep_sha1") + ")",
                         "a shard of another sweep (sweep sha1 " + sha + ")");
      for (const char* name : {"runs", "points", "replicates", "seed"})
        if (number(t, name) != number(first, name))
          throw InputError({path, 0, 0}, name, std::to_string(number(first, name)) + " as in '" + shards.front() + "'",
                           std::to_string(number(t, name)));
      if (s.count != count)
        throw InputError({path, 0, 0}, "shard", "a shard of " + std::to_string(count) + " like '" + shards.front() + "'",
                         "shard " + s.describe());
      // The first column that differs is named (a shard's own columns can only differ if it is damaged
      // or forged; which of the two is, the file cannot say, so both are named).
      for (std::size_t c = 0; c < std::min(t.columns.size(), first.columns.size()); ++c) {
        const auto& a = first.columns[c];
        const auto& b = t.columns[c];
        if (a.name != b.name || a.type != b.type || a.width != b.width)
          throw InputError({path, 0, 0}, "points/" + b.name,
                           "column " + std::to_string(c + 1) + " of /points as in '" + shards.front() + "' ('" + a.name + "', of the same type)",
                           a.name != b.name ? "'" + b.name + "'" : "'" + b.name + "' of another type");
      }
      if (t.columns.size() != first.columns.size())
        throw InputError({path, 0, 0}, "points", std::to_string(first.columns.size()) + " /points columns, as '" + shards.front() + "' has",
                         std::to_string(t.columns.size()));
    }
    count = s.count;
    if (auto [it, fresh] = by_index.emplace(s.index, path); !fresh)
      throw InputError({path, 0, 0}, "shard", "each shard once", "shard " + s.describe() + " twice (also '" + it->second + "')");
    tables.push_back(std::move(t));
  }
  std::string missing;
  for (std::uint64_t i = 0; i < count; ++i)
    if (!by_index.count(i)) missing += (missing.empty() ? "" : ", ") + std::to_string(i) + "/" + std::to_string(count);
  if (!missing.empty())
    throw InputError({"merge", 0, 0}, "shards", "all " + std::to_string(count) + " shards of the sweep", "missing shard " + missing);

  // Rows of every shard, ordered by run index = point x replicates + replicate.
  const SweepTable& first = tables.front();
  const auto replicates = static_cast<std::uint64_t>(std::max<std::int64_t>(1, number(first, "replicates")));
  const auto runs = static_cast<std::uint64_t>(number(first, "runs"));
  std::vector<std::tuple<std::uint64_t, std::size_t, std::size_t>> rows;  // run, table, row
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const TableColumn* point = tables[t].find_column("point");
    const TableColumn* replicate = tables[t].find_column("replicate");  // both there: check_shard_rows
    const Shard s = parse_shard(text(tables[t], "shard"), {shards[t], 0, 0});
    for (std::size_t i = 0; i < point->ints.size(); ++i) {
      const auto run = static_cast<std::uint64_t>(point->ints[i]) * replicates + static_cast<std::uint64_t>(replicate->ints[i]);
      if (run % s.count != s.index)
        throw InputError({shards[t], 0, 0}, "points", "rows of shard " + s.describe() + " only", "run " + std::to_string(run));
      rows.emplace_back(run, t, i);
    }
  }
  std::sort(rows.begin(), rows.end());
  const auto twice = std::adjacent_find(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return std::get<0>(a) == std::get<0>(b); });
  if (twice != rows.end()) {  // the file holding the run's second row is named with the run
    const std::size_t here = std::get<1>(*std::next(twice)), there = std::get<1>(*twice);
    throw InputError({shards[here], 0, 0}, "points", "each run once",
                     "run " + std::to_string(std::get<0>(*twice)) +
                         (here == there ? " in two rows" : " twice (also in '" + shards[there] + "')"));
  }
  if (rows.size() != runs)
    throw InputError({"merge", 0, 0}, "points", std::to_string(runs) + " runs in the shards together", std::to_string(rows.size()) + " rows");

  // The merged file's /meta: the first shard's, with what differs between shards said for all of them
  // (threads and ranks: the shards' common value, or -1 and each shard's in merged_threads and
  // merged_ranks, in the order of merged_from). Merging a merged file again replaces its merged_from.
  SweepTable merged;
  merged.meta = first.meta;
  double wall = 0;
  for (const auto& t : tables)
    if (const MetaValue* v = t.find_meta("wall_seconds"); v && std::holds_alternative<double>(*v)) wall += std::get<double>(*v);
  const auto per_shard = [&](const char* name, const char* listed) {
    std::vector<std::string> each;  // a merged shard contributes its own list
    for (const auto& t : tables)
      each.push_back(number(t, name) < 0 && !text(t, listed).empty() ? text(t, listed) : std::to_string(number(t, name)));
    const std::string all = joined(each);
    std::istringstream values(all);
    std::vector<std::int64_t> numbers{std::istream_iterator<std::int64_t>(values), std::istream_iterator<std::int64_t>()};
    const bool same = !numbers.empty() && std::all_of(numbers.begin(), numbers.end(), [&](auto n) { return n == numbers[0]; });
    return std::pair{same ? numbers[0] : std::int64_t{-1}, all};
  };
  const auto [threads, each_threads] = per_shard("threads", "merged_threads");
  const auto [ranks, each_ranks] = per_shard("ranks", "merged_ranks");
  std::erase_if(merged.meta, [](const auto& m) {
    return m.first == "merged_from" || m.first == "merged_threads" || m.first == "merged_ranks";
  });
  for (auto& [name, value] : merged.meta) {
    if (name == "shard") value = std::string("0/1");
    if (name == "wall_seconds") value = wall;
    if (name == "resumed_runs") {
      std::int64_t resumed = 0;
      for (const auto& t : tables) resumed += std::max<std::int64_t>(0, number(t, "resumed_runs"));
      value = resumed;
    }
    if (name == "threads") value = threads;
    if (name == "ranks") value = ranks;
  }
  merged.meta.emplace_back("merged_from", joined(shards));
  if (threads < 0) merged.meta.emplace_back("merged_threads", each_threads);
  if (ranks < 0) merged.meta.emplace_back("merged_ranks", each_ranks);
  for (std::size_t c = 0; c < first.columns.size(); ++c) {
    TableColumn col = first.columns[c];
    col.ints.clear(), col.reals.clear(), col.texts.clear();
    for (const auto& [run, t, i] : rows) {
      const TableColumn& from = tables[t].columns[c];
      switch (col.type) {
        case TableColumn::Type::int64: col.ints.push_back(from.ints[i]); break;
        case TableColumn::Type::float64: col.reals.push_back(from.reals[i]); break;
        case TableColumn::Type::text: col.texts.push_back(from.texts[i]); break;
      }
    }
    merged.columns.push_back(std::move(col));
  }
  write_sweep_table(output, merged);
  if (!quiet) std::cout << "merged " << shards.size() << " shards, " << runs << " runs\nwritten: " << output << "\n";
}

}  // namespace attachsim::sim
