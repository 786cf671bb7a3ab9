// Benchmark of the engine and model (run by scripts/bench, never by the tests): episodes and dyads per
// second with 1 thread and with all threads, and the cost of the random-number engine alternatives.
#include "sim/core/config.hpp"
#include "sim/input/yaml_settings.hpp"
#include "sim/engine/engine.hpp"
#include "sim/core/fast_stream.hpp"
#include "sim/core/random_stream.hpp"
#include "sim/core/run_settings.hpp"
#include "sim/trials/trial_runner.hpp"
#include "sim/trials/trial_spec.hpp"

#include "models/dyad/attachment_model.hpp"

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/taus88.hpp>
#include <boost/random/uniform_01.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>

using namespace attachsim;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// Draws per second of each candidate engine, in the pattern the model uses them: a fresh stream per
// (dyad, purpose), then a few thousand draws from it.
void bench_engines() {
  constexpr int streams = 20000, draws = 4000;
  double sink = 0;
  {
    const auto t = std::chrono::steady_clock::now();
    for (int s = 0; s < streams; ++s) {
      sim::RandomStream r(42, static_cast<std::uint64_t>(s), 3);
      for (int i = 0; i < draws; ++i) sink += r.uniform();
    }
    std::printf("rng philox4x64-10 (counter-based, the low-volume streams): %7.1f M draws/s\n", streams * double(draws) / seconds_since(t) / 1e6);
  }
  {
    const auto t = std::chrono::steady_clock::now();
    for (int s = 0; s < streams; ++s) {
      sim::FastStream r(42, static_cast<std::uint64_t>(s), 3);
      for (int i = 0; i < draws / 2; ++i) {
        const auto [u, v] = r.uniform_pair();
        sink += u + v;
      }
    }
    std::printf("rng xoshiro256++ seeded from philox (episodes, context), uniform pairs: %7.1f M draws/s\n",
                streams * double(draws) / seconds_since(t) / 1e6);
  }
  {
    const auto t = std::chrono::steady_clock::now();
    for (int s = 0; s < streams; ++s) {
      boost::random::mt19937 r(static_cast<std::uint32_t>(sim::mix_seed(42 ^ static_cast<std::uint64_t>(s))));
      boost::random::uniform_01<double> u;
      for (int i = 0; i < draws; ++i) sink += u(r);
    }
    std::printf("rng boost mt19937 (seeded per stream): %7.1f M draws/s\n", streams * double(draws) / seconds_since(t) / 1e6);
  }
  {
    const auto t = std::chrono::steady_clock::now();
    for (int s = 0; s < streams; ++s) {
      boost::random::taus88 r(static_cast<std::uint32_t>(sim::mix_seed(42 ^ static_cast<std::uint64_t>(s))) | 0x100u);
      boost::random::uniform_01<double> u;
      for (int i = 0; i < draws; ++i) sink += u(r);
    }
    std::printf("rng boost taus88 (seeded per stream): %7.1f M draws/s\n", streams * double(draws) / seconds_since(t) / 1e6);
  }
  if (sink < 0) std::printf("%f\n", sink);
}

struct Result {
  double seconds = 0;
  double episodes = 0;
};

Result bench_model(const std::string& config_path, std::int64_t dyads, int threads, bool context = true) {
  models::AttachmentModel model;
  auto config = sim::load_config(config_path, sim::scenario_schema(model),
                                 {"run.dyads=" + std::to_string(dyads), std::string("context.processes=") + (context ? "true" : "false")});
  model.configure(config);
  sim::RunSettings run;
  config.bind(sim::run_settings_table(), run);
  auto summary = model.make_summary();
  const auto stats = sim::run_population(model, run, threads, *summary, nullptr);
  Result r{stats.wall_seconds, 0};
  for (const auto& v : summary->values())
    if (v.name == "episodes") r.episodes = v.value;
  return r;
}

// A trial simulates every enrolled dyad under every arm (counterfactual twins); its cost should be
// at most (arms x) a plain run of the same dyads. Everyone eligible here, so the comparison is exact.
void bench_trial(int threads) {
  const std::string path = "/tmp/attachsim-bench-trial.yaml";
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fprintf(f, "trial:\n  name: bench\n  population: %s/configs/populations/normative.yaml\n"
                    "  screened: 4000\n  enrolled: 4000\n  seed: 3\n"
                    "  follow_up:\n    - {age_months: 12, instruments: [strange_situation]}\n"
                    "  arms:\n    - {name: control, allocation: 0.5}\n"
                    "    - {name: program, allocation: 0.5, program: {type: sensitivity, start_months: 6, end_months: 9}}\n",
                 std::filesystem::current_path().c_str());
    std::fclose(f);
  }
  models::AttachmentModel model;
  const auto spec = sim::load_trial(path, model);
  auto t = std::chrono::steady_clock::now();
  const auto trial = sim::run_trial_replicate(model, spec, spec.seed, threads);
  const double trial_seconds = seconds_since(t);
  model.configure(spec.arms.front().config);
  sim::RecordBlock block(model.columns().size(), 0, 0, trial.enrolled.size());
  t = std::chrono::steady_clock::now();
  sim::simulate_dyads(model, spec.seed, trial.enrolled, threads, block);
  const double plain_seconds = seconds_since(t);
  std::printf("trial with twins, 2 arms x 4000 dyads: %.2f s; plain run of the 4000: %.2f s; ratio %.2f (at most 2 expected)\n",
              trial_seconds, plain_seconds, trial_seconds / plain_seconds);
  std::remove(path.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string config = argc > 1 ? argv[1] : "configs/normative.yaml";
  const std::int64_t dyads = argc > 2 ? std::atoll(argv[2]) : 20000;
  const int all = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  bench_engines();
  bench_model(config, 1000, all);  // warm-up
  const Result one = bench_model(config, dyads, 1);
  const Result many = bench_model(config, dyads, all);
  std::printf("model %s, %lld dyads, %.0f episodes\n", config.c_str(), static_cast<long long>(dyads), one.episodes);
  std::printf("1 thread : %6.2f s  %8.1f M episodes/s  %9.0f dyads/s\n", one.seconds, one.episodes / one.seconds / 1e6,
              double(dyads) / one.seconds);
  std::printf("%d threads: %6.2f s  %8.1f M episodes/s  %9.0f dyads/s\n", all, many.seconds,
              many.episodes / many.seconds / 1e6, double(dyads) / many.seconds);
  std::printf("speed-up  : %.2fx\n", one.seconds / many.seconds);
  const Result simple = bench_model(config, dyads, all, false);
  std::printf("%d threads, context processes off: %6.2f s  %8.1f M episodes/s; with them on: %.0f%% of that speed\n", all,
              simple.seconds, simple.episodes / simple.seconds / 1e6,
              100 * (many.episodes / many.seconds) / (simple.episodes / simple.seconds));
  bench_trial(all);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak RSS  : %.1f MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
}
