// Bad input to the real binary: exit code 2, exactly one "attachsim: error:" line naming where
// (file:line:column), the key, what was expected and what was found, and no output file at all.
#include "support/bad_input.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
using attachsim::testing::check_nothing_written;
using attachsim::testing::check_one_error;
using attachsim::testing::CommandResult;
using attachsim::testing::quote;
using attachsim::testing::run_attachsim;
using attachsim::testing::run_scenario;
using attachsim::testing::ScratchDirectory;

namespace {

// A valid small run with extra arguments.
CommandResult run_normative(const ScratchDirectory& dir, const std::string& extra) {
  return run_attachsim("run configs/normative.yaml --set run.dyads=200 -q -o " + quote(dir.file("out.h5")) + " " +
                       extra);
}

}  // namespace

TEST_CASE("cli bad input: a YAML syntax error") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run:\n  dyads: 200\n seed: 2\n");
  check_one_error(r, {dir.file("scenario.yaml").string() + ":3:2: ", "expected valid YAML", "found a syntax error"});
  check_nothing_written(dir, 1);
}

TEST_CASE("cli bad input: an unknown key, with the nearest key suggested") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run:\n  dyads: 200\ninfant:\n  marker_frequncy: 0.1\n");
  check_one_error(r, {dir.file("scenario.yaml").string() + ":4:3: ", "key 'infant.marker_frequncy'", "expected ",
                      "found an unknown key", "did you mean 'infant.marker_frequency'?"});
  check_nothing_written(dir, 1);
}

TEST_CASE("cli bad input: a word where a number belongs") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run:\n  dyads: many\n");
  check_one_error(r, {dir.file("scenario.yaml").string() + ":2:10: ", "key 'run.dyads'", "expected a whole number",
                      "found 'many'"});
  check_nothing_written(dir, 1);
}

TEST_CASE("cli bad input: a probability outside [0, 1]") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "infant:\n  marker_frequency: 1.5\n");
  check_one_error(r, {dir.file("scenario.yaml").string() + ":2:21: ", "key 'infant.marker_frequency'",
                      "expected a number in [0.0, 1.0]", "found '1.5'"});
  check_nothing_written(dir, 1);
}

TEST_CASE("cli bad input: a negative count of dyads") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run:\n  dyads: -5\n");
  check_one_error(r, {dir.file("scenario.yaml").string() + ":2:10: ", "key 'run.dyads'",
                      "expected a whole number in [1, ", "found '-5'"});
  check_nothing_written(dir, 1);
}

TEST_CASE("cli bad input: a choice that is not one of the alternatives") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run:\n  dyads: 200\nlearning:\n  rule: bayes\n");
  check_one_error(r, {dir.file("scenario.yaml").string() + ":4:9: ", "key 'learning.rule'",
                      "expected one of reinforcement, bayesian", "found 'bayes'"});
  check_nothing_written(dir, 1);
}

TEST_CASE("cli bad input: a Strange Situation age beyond the simulated span") {
  ScratchDirectory dir;
  const auto r =
      run_scenario(dir, "run:\n  dyads: 200\ndevelopment:\n  span_months: 24\nstrange_situation:\n  ages_months: [30]\n");
  check_one_error(r, {dir.file("scenario.yaml").string() + ":6:16: ", "key 'strange_situation.ages_months'",
                      "expected ages within the simulated span", "found 30.0"});
  check_nothing_written(dir, 1);
}

TEST_CASE("cli bad input: AAI shares that do not sum to 1") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run:\n  dyads: 200\nstate_of_mind:\n  share_F: 0.9\n");
  check_one_error(r, {dir.file("scenario.yaml").string(), "key 'state_of_mind.share_", "sum to 1", "found a sum of"});
  check_nothing_written(dir, 1);
}

TEST_CASE("cli bad input: a missing config file") {
  ScratchDirectory dir;
  const fs::path missing = dir.file("absent.yaml");
  const auto r = run_attachsim("run " + quote(missing) + " -q -o " + quote(dir.file("out.h5")));
  check_one_error(r, {missing.string() + ": ", "expected a readable YAML config file", "found no such file"});
  check_nothing_written(dir, 0);
}

TEST_CASE("cli bad input: a directory given as the config file") {
  ScratchDirectory dir;
  fs::create_directory(dir.file("configs"));
  const auto r = run_attachsim("run " + quote(dir.file("configs")) + " -q -o " + quote(dir.file("out.h5")));
  check_one_error(r, {dir.file("configs").string() + ": ", "expected a readable YAML config file", "found a directory"});
  check_nothing_written(dir, 1);
}

TEST_CASE("cli bad input: an output path in a missing directory") {
  REQUIRE_FALSE(fs::exists("/nonexistent-dir"));
  const auto r = run_attachsim("run configs/normative.yaml --set run.dyads=200 -q -o /nonexistent-dir/x.h5");
  check_one_error(r, {"/nonexistent-dir/x.h5: ", "key 'output'", "expected a file path in an existing directory",
                      "found no directory '/nonexistent-dir'"});
  CHECK_FALSE(fs::exists("/nonexistent-dir"));
}

TEST_CASE("cli bad input: an output path that is an existing directory") {
  ScratchDirectory dir;
  const fs::path taken = dir.file("out.h5");
  fs::create_directory(taken);
  const auto r = run_attachsim("run configs/normative.yaml --set run.dyads=200 -q -o " + quote(taken));
  check_one_error(r, {taken.string() + ": ", "key 'output'", "expected a file path", "found a directory"});
  CHECK(fs::is_directory(taken));
  CHECK(fs::is_empty(taken));
  CHECK_FALSE(fs::exists(dir.file("out.h5.partial")));
}

TEST_CASE("cli bad input: --set without '='") {
  ScratchDirectory dir;
  const auto r = run_normative(dir, "--set run.dyads");
  check_one_error(r, {"--set 'run.dyads'", "expected KEY=VALUE", "found 'run.dyads'"});
  check_nothing_written(dir, 0);
}

TEST_CASE("cli bad input: --set with a value of the wrong type") {
  ScratchDirectory dir;
  const auto r = run_normative(dir, "--set run.dyads=abc");
  check_one_error(r, {"--set 'run.dyads=abc'", "key 'run.dyads'", "expected a whole number", "found 'abc'"});
  check_nothing_written(dir, 0);
}

TEST_CASE("cli bad input: --set of an undeclared key") {
  ScratchDirectory dir;
  const auto r = run_normative(dir, "--set nosuch.key=1");
  check_one_error(r, {"--set 'nosuch.key=1'", "key 'nosuch.key'", "expected a declared key", "found an unknown key"});
  check_nothing_written(dir, 0);
}

TEST_CASE("cli bad input: a negative, fractional or non-numeric --seed") {
  // One message, worded as run.seed's own (until 2026-12-03: "Value -1 not in range 0.000000 to 1797...",
  // and for '1e20' a bare "Could not convert").
  for (const std::string seed : {"-1", "1e20", "2.5", "abc"}) {
    CAPTURE(seed);
    ScratchDirectory dir;
    const auto r = run_normative(dir, "--seed " + seed);
    check_one_error(r, {"attachsim run: '--seed' (Master seed", "): key 'run.seed': expected a whole number in [0, 9007199254740991], found '" + seed + "'"});
    check_nothing_written(dir, 0);
  }
}

TEST_CASE("cli bad input: a --seed above run.seed's declared maximum") {
  // 2^53 is one past the largest declared seed; 2^64 - 1 would wrap to -1 if not checked.
  for (const std::string seed : {"9007199254740992", "18446744073709551615"}) {
    CAPTURE(seed);
    ScratchDirectory dir;
    const auto r = run_normative(dir, "--seed " + seed);
    check_one_error(r, {"attachsim run: '--seed'", "key 'run.seed'", "expected a whole number in [0, 9007199254740991]",
                        "found '" + seed + "'"});
    check_nothing_written(dir, 0);
  }
  const auto largest = run_attachsim("check configs/normative.yaml --seed 9007199254740991");
  CHECK(largest.exit_code == 0);
  CHECK(largest.output.find("  seed: 9007199254740991\n") != std::string::npos);
}

TEST_CASE("cli bad input: an option's value out of range, not a number or missing names the command, the option, what was expected and what was found") {
  // CLI11's own words were "--threads: Value 0 not in range 1 to 4096" and "--threads: 1 required INT:INT
  // in [1 - 4096] missing" (until 2026-12-05).
  for (const auto& [options, found] : std::vector<std::pair<std::string, std::string>>{
           {"--threads 0", "found '0'"}, {"--threads abc", "found 'abc'"}, {"--threads", "found no value"}}) {
    CAPTURE(options);
    ScratchDirectory dir;
    const auto r = run_normative(dir, options);
    check_one_error(r, {"attachsim run: '--threads' (Worker threads", "expected a whole number in [1, 4096]", found});
    check_nothing_written(dir, 0);
  }
  check_one_error(run_attachsim("trial configs/trials/van_den_boom_1994.yaml --replicates 0"),
                  {"attachsim trial: '--replicates'", "expected a whole number in [1, 100000]", "found '0'"});
  check_one_error(run_attachsim("serve --port 99999"), {"attachsim serve: '--port'", "expected a whole number in [0, 65535]", "found '99999'"});
}

TEST_CASE("cli bad input: an empty path, address or shard is refused, not taken for the default") {
  // `run -o ''` wrote results/<name>.h5 and `serve --host ''` listened where its printed address could
  // not be reached (until 2026-12-05).
  for (const auto& [command, option, expected] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"run configs/normative.yaml -o ''", "attachsim run: '--output'", "expected a file path"},
           {"trial configs/trials/van_den_boom_1994.yaml -o ''", "attachsim trial: '--output'", "expected a file path"},
           {"trial configs/trials/van_den_boom_1994.yaml --economics ''", "attachsim trial: '--economics'", "expected an economics file"},
           {"sweep configs/sweeps/sensitivity_hostility.yaml -o ''", "attachsim sweep: '--output'", "expected a file path"},
           {"sweep configs/sweeps/sensitivity_hostility.yaml --shard ''", "attachsim sweep: '--shard'", "expected a shard I/N"},
           {"merge '' a.h5", "attachsim merge: 'output'", "expected a file path"},
           {"compare a.h5 b.h5 --csv ''", "attachsim compare: '--csv'", "expected a file path"},
           {"serve --host ''", "attachsim serve: '--host'", "expected an address to listen on"}}) {
    CAPTURE(command);
    check_one_error(run_attachsim(command), {option, expected, "found an empty value"});
  }
}

TEST_CASE("cli bad input: a group given as a key, and a suggestion only for a near miss") {
  // `--set run=5` was told "such as 'run' ... did you mean 'run'?", and 'program.component_1.bogus'
  // "did you mean 'run.dyads'?" (its last segment, 4 edits from 'dyads', let through by the long path).
  check_one_error(run_attachsim("check configs/normative.yaml --set run=5"),
                  {"key 'run': expected a parameter, such as 'run.dyads' (see 'attachsim params'), found a group of parameters"});
  const auto far = run_attachsim("check configs/normative.yaml --set program.component_1.bogus=5");
  check_one_error(far, {"key 'program.component_1.bogus': expected a declared key (see 'attachsim params'), found an unknown key"});
  CHECK(far.output.find("did you mean") == std::string::npos);
  check_one_error(run_attachsim("check configs/normative.yaml --set caregiver.sensitivty_mean=5"),
                  {"did you mean 'caregiver.sensitivity_mean'?"});
  check_one_error(run_attachsim("check configs/normative.yaml --set caregiver.dyads=5"), {"did you mean 'run.dyads'?"});
}

TEST_CASE("cli bad input: no subcommand is a usage error") {
  const auto r = run_attachsim("");
  check_one_error(r, {});
}

TEST_CASE("cli bad input: a missing argument names the command, the argument and what it is") {
  // CLI11's own words were "trial is required" and "files: At least 2 required but received 1".
  check_one_error(run_attachsim("trial"),
                  {"attachsim trial: expected the argument 'trial' (Trial YAML file), found none (attachsim trial --help describes it)"});
  check_one_error(run_attachsim("merge out.h5"), {"attachsim merge: expected the argument 'shards' (Shard files"});
  check_one_error(run_attachsim("compare a.h5"), {"attachsim compare: expected at least 2 values of 'files' (A.h5 B.h5", "found 1"});
  check_one_error(run_attachsim("compare a.h5 b.h5 c.h5"), {"attachsim compare: expected at most 2 values of 'files'", "found 3"});
}

TEST_CASE("cli: --help exits 0 and names the subcommands") {
  const auto r = run_attachsim("--help");
  CHECK(r.exit_code == 0);
  for (const char* sub : {"run", "check", "params"}) {
    CAPTURE(sub);
    CHECK(r.output.find(sub) != std::string::npos);
  }
  const auto run_help = run_attachsim("run --help");
  CHECK(run_help.exit_code == 0);
  CHECK(run_help.output.find("--seed") != std::string::npos);
  CHECK(run_help.output.find("--set") != std::string::npos);
}

TEST_CASE("cli bad input: generations out of range") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run:\n  dyads: 50\n  generations: 0\n");
  check_one_error(r, {dir.file("scenario.yaml").string() + ":3:16: ", "key 'run.generations'",
                      "expected a whole number in [1, 10]", "found '0'"});
  check_nothing_written(dir, 1);
}

TEST_CASE("cli bad input: a preschool assessment before preschool entry") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run:\n  dyads: 50\ndevelopment:\n  span_months: 48\npreschool:\n  ages_months: [30]\n");
  check_one_error(r, {dir.file("scenario.yaml").string() + ":6:16: ", "key 'preschool.ages_months'",
                      "expected ages at or after preschool.entry_months = 36.0", "found 30.0"});
  check_nothing_written(dir, 1);
}

TEST_CASE("cli bad input: a preschool assessment past the simulated span") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run:\n  dyads: 50\npreschool:\n  ages_months: [54]\n");
  check_one_error(r, {dir.file("scenario.yaml").string() + ":4:16: ", "key 'preschool.ages_months'",
                      "expected ages within the simulated span, at most development.span_months = 24.0", "found 54.0"});
  check_nothing_written(dir, 1);
}

TEST_CASE("cli bad input: an unknown account of stability") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run:\n  dyads: 50\nadulthood:\n  stability: revisionistic\n");
  check_one_error(r, {dir.file("scenario.yaml").string() + ":4:14: ", "key 'adulthood.stability'", "prototype",
                      "revisionist", "found 'revisionistic'"});
  check_nothing_written(dir, 1);
}

TEST_CASE("cli bad input: preschool encounter shares that exceed one") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run:\n  dyads: 50\npreschool:\n  provocation_share: 0.7\n  peer_distress_share: 0.5\n");
  check_one_error(r, {dir.file("scenario.yaml").string() + ":5:24: ", "key 'preschool.peer_distress_share'",
                      "expected shares of provocations and peer distress that sum to at most 1", "found a sum of 1.2"});
  check_nothing_written(dir, 1);
}

TEST_CASE("cli bad input: a night share that leaves the day's other carers no room") {
  // Weekday: partner 0.2 + provider 0.4 + night 0.5 = 1.1, over one; the message names the night share.
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run:\n  dyads: 50\nnight_care:\n  share: 0.5\n");
  check_one_error(r, {dir.file("scenario.yaml").string() + ":4:10: ", "key 'night_care.share'",
                      "partner.share_weekday + childcare.share_weekday + night_care.share", "found sums of 1.1 (weekday) and 0.9 (weekend)"});
  check_nothing_written(dir, 1);
}
