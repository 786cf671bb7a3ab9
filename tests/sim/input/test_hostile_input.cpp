// Input an adversarial user tried (issue 11, items 5-8 and 10), through the real binary: each is refused
// with exit code 2 and one line naming where, the key, what was expected and what was found, and
// nothing is written.
#include "support/bad_input.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using attachsim::testing::check_nothing_written;
using attachsim::testing::check_one_error;
using attachsim::testing::entries;
using attachsim::testing::quote;
using attachsim::testing::run_attachsim;
using attachsim::testing::run_command;
using attachsim::testing::run_scenario;
using attachsim::testing::ScratchDirectory;
using attachsim::testing::tiny_trial;

namespace {

const std::string normative = std::string(ATTACHSIM_SOURCE_DIR) + "/configs/populations/normative.yaml";

}  // namespace

TEST_CASE("hostile input: a key written twice in one map is refused, naming both places") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run:\n  dyads: 50\n  dyads: 60\n");
  check_one_error(r, {dir.file("scenario.yaml").string() + ":3:3: ", "key 'run.dyads'", "expected each key once in a map",
                      "found 'dyads' a second time (first at line 2, column 3)"});
  check_nothing_written(dir, 1);
}

TEST_CASE("hostile input: a duplicate key in a flow map and a duplicate group are refused too") {
  ScratchDirectory dir;
  check_one_error(run_scenario(dir, "run: {dyads: 50, dyads: 60}\n"),
                  {":1:18: ", "key 'run.dyads'", "first at line 1, column 7"});
  check_one_error(run_scenario(dir, "run:\n  dyads: 50\ninfant:\n  marker_frequency: 0.1\nrun:\n  seed: 3\n"),
                  {":5:1: ", "key 'run'", "first at line 1, column 1"});
  check_nothing_written(dir, 1);
}

TEST_CASE("hostile input: one parameter set twice by two spellings (nested and dotted) is refused") {
  ScratchDirectory dir;
  const auto r = run_scenario(dir, "run:\n  dyads: 50\nrun.dyads: 60\n");
  check_one_error(r, {":3:1: ", "key 'run.dyads'", "expected each parameter set once",
                      "found a second setting (first at line 2, column 3)"});
  check_nothing_written(dir, 1);
}

TEST_CASE("hostile input: duplicate keys in sweep and trial files are refused") {
  ScratchDirectory dir;
  const fs::path sweep = dir.write("sweep.yaml", "base: " + normative + "\nseed: 1\nseed: 2\n");
  check_one_error(run_attachsim("sweep " + quote(sweep) + " -q -o " + quote(dir.file("out.h5"))),
                  {sweep.string() + ":3:1: ", "key 'seed'", "first at line 2, column 1"});
  const fs::path trial = tiny_trial(dir, normative, "program: {type: sensitivity}", "  enrolled: 30\n");
  check_one_error(run_attachsim("trial " + quote(trial) + " -q -o " + quote(dir.file("out.h5"))),
                  {trial.string() + ":11:3: ", "key 'trial.enrolled'", "first at line 5, column 3"});
  check_nothing_written(dir, 2);
}

TEST_CASE("hostile input: an alias bomb is read in linear time, not expanded") {
  // Nine levels of ten aliases each would be 10^9 nodes if every alias were walked as a copy. The check
  // itself takes milliseconds; walking 10^9 nodes would take minutes of processor time, so a limit of
  // 20 s of it (`ulimit -t`: processor time, which a loaded machine does not stretch) tells the two
  // apart, and `timeout 120` only bounds a hang.
  std::string yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    const std::string name = std::to_string(i), previous = std::to_string(i - 1);
    yaml += "a";  // built by appends: GCC 12 warns falsely on "a" + std::string (PR 105329)
    yaml += name;
    yaml += ": &a";
    yaml += name;
    yaml += " [";
    for (int k = 0; k < 10; ++k) yaml += (k ? ", *a" : "*a"), yaml += previous;
    yaml += "]\n";
  }
  ScratchDirectory dir;
  const fs::path config = dir.write("scenario.yaml", yaml);
  const auto r = attachsim::testing::run_command("ulimit -t 20; timeout 120 '" ATTACHSIM_BINARY "' check " + quote(config));
  check_one_error(r, {":1:1: ", "key 'a0'", "found an unknown key"});
  check_nothing_written(dir, 1);
}

TEST_CASE("hostile input: an unknown key beside trial: is refused like any unknown key") {
  ScratchDirectory dir;
  const fs::path trial = tiny_trial(dir, normative, "program: {type: sensitivity}", "trail:\n  seed: 3\n");
  check_one_error(run_attachsim("trial " + quote(trial) + " -q -o " + quote(dir.file("out.h5"))),
                  {trial.string() + ":11:1: ", "key 'trail'", "expected a known key, such as 'trial'", "found an unknown key"});
  check_nothing_written(dir, 1);
}

TEST_CASE("hostile input: a missing trial population names the trial file, line, column and key") {
  ScratchDirectory dir;
  const fs::path trial = tiny_trial(dir, "populations/nowhere.yaml");
  check_one_error(run_attachsim("trial " + quote(trial) + " -q -o " + quote(dir.file("out.h5"))),
                  {trial.string() + ":3:15: ", "key 'trial.population'", "expected a readable population",
                   "found no file '" + dir.file("populations/nowhere.yaml").string() + "'"});
  check_nothing_written(dir, 1);
}

TEST_CASE("hostile input: a trial population that is a directory, an empty name or the trial itself is called so") {
  // Both were "found no file '<the trial's folder>/'" (before 2026-12-05).
  ScratchDirectory dir;
  fs::create_directories(dir.file("populations"));
  const fs::path folder = tiny_trial(dir, "populations");
  check_one_error(run_attachsim("check " + quote(folder)),
                  {folder.string() + ":3:15: ", "key 'trial.population'", "found a directory '" + dir.file("populations").string() + "'"});
  const fs::path empty = tiny_trial(dir, "''");
  check_one_error(run_attachsim("check " + quote(empty)), {empty.string() + ":3:15: ", "key 'trial.population'", "found an empty name"});
  // The trial file named as its own population: named at the trial's line, not at its own 1:1.
  const fs::path itself = tiny_trial(dir, "trial.yaml");
  check_one_error(run_attachsim("check " + quote(itself)),
                  {itself.string() + ":3:15: ", "key 'trial.population'", "expected a population (scenario) file other than the trial file, found the trial file itself"});
}

TEST_CASE("hostile input: a control character is named with its place, on one line") {
  // yaml-cpp said "unknown escape character: " and then the character itself, so a NUL byte broke the
  // message over two lines (before 2026-12-05).
  ScratchDirectory dir;
  const fs::path config = dir.write("scenario.yaml", std::string("run:\n  dyads: 20\0\n", 18));
  check_one_error(run_attachsim("check " + quote(config)),
                  {config.string() + ":2:12: expected YAML text, found a control character (0x00, a NUL byte: a binary file?)"});
}

TEST_CASE("hostile input: a file named 'results' where the default output folder goes is named") {
  ScratchDirectory dir;
  dir.write("results", "not a folder\n");
  const auto r = run_command("cd " + quote(dir.path()) + " && '" ATTACHSIM_BINARY "' run " + quote(std::string(ATTACHSIM_SOURCE_DIR) + "/configs/normative.yaml") +
                             " --set run.dyads=20 -q");
  check_one_error(r, {"results: key 'output': expected a folder 'results' for the result, or an output path (-o), found a file named 'results'"});
  CHECK(entries(dir.path()) == std::vector<std::string>{"results"});
}

TEST_CASE("hostile input: an unknown subcommand is named, with the valid ones") {
  check_one_error(run_attachsim("frobnicate"),
                  {"attachsim: expected a subcommand first: one of run, check, ", "merge", "serve", "found 'frobnicate'"});
  check_one_error(run_attachsim("rnu configs/normative.yaml"), {"found 'rnu'; did you mean 'run'?"});
  check_one_error(run_attachsim(""), {"expected a subcommand: one of run", "found none"});
}

TEST_CASE("hostile input: unexpected arguments are listed in the order given") {
  ScratchDirectory dir;
  const auto r = run_attachsim("check configs/normative.yaml --foo --bar --baz extra");
  check_one_error(r, {"attachsim check: ", "found '--foo' '--bar' '--baz' 'extra'"});
}

TEST_CASE("hostile input: an unknown key of 4 MB is refused at once, quoting 80 bytes of it") {
  // Measuring the distance of every declared key to the whole key took 17-62 s for 1 MB; 4 MB would
  // take minutes. The refusal itself takes well under a second: a limit of 20 s of processor time
  // (`ulimit -t`, not stretched by a loaded machine) tells the two apart; `timeout 120` bounds a hang.
  ScratchDirectory dir;
  const std::string key(4 << 20, 'x');
  const fs::path config = dir.write("scenario.yaml", "? " + key + "\n: 5\n");  // explicit: YAML caps implicit keys at 1024
  const auto bounded = attachsim::testing::run_command("ulimit -t 20; timeout 120 '" ATTACHSIM_BINARY "' check " + quote(config));
  check_one_error(bounded, {":1:3: ", "key '" + key.substr(0, 80) + "... (4194304 bytes)'", "found an unknown key"});
  CHECK(bounded.output.size() < 1000);
  check_nothing_written(dir, 1);
}

TEST_CASE("hostile input: a long --set key is quoted shortened in every part of the message") {
  const std::string key(100000, 'y');  // below the kernel's 128 KiB limit for one argument
  const auto r = run_attachsim("check configs/normative.yaml --set " + key + "=1");
  check_one_error(r, {"--set '" + key.substr(0, 80) + "... (100002 bytes)'", "key '" + key.substr(0, 80) + "... (100000 bytes)'",
                      "found an unknown key"});
  CHECK(r.output.size() < 1000);
}

TEST_CASE("hostile input: a --set value holding a second YAML document is refused, not cut short") {
  check_one_error(run_attachsim("check configs/normative.yaml --set \"$(printf 'run.dyads=5\\n---\\n7')\""),
                  {"--set 'run.dyads=5\\n---\\n7': key 'run.dyads'", "expected one YAML value",
                   "found a second YAML document (after '---')"});
}

TEST_CASE("hostile input: a device, a result file or a directory given as a config is named as such") {
  // /dev/zero never ends: it is read up to the limit and refused, not read until memory runs out.
  check_one_error(attachsim::testing::run_command("timeout 60 '" ATTACHSIM_BINARY "' check /dev/zero"),
                  {"/dev/zero: ", "expected a readable YAML config file of at most 16 MiB", "found more than that"});
  ScratchDirectory dir;
  const fs::path result = dir.file("result.h5");
  REQUIRE(run_attachsim("run configs/normative.yaml --set run.dyads=5 --threads 1 -q -o " + quote(result)).exit_code == 0);
  check_one_error(run_attachsim("run " + quote(result) + " -q -o " + quote(dir.file("out.h5"))),
                  {result.string() + ": ", "found an HDF5 file (a result: give the YAML file that made it)"});
  check_nothing_written(dir, 1);
}

TEST_CASE("hostile input: a trial arm's set: written as one string is refused, not ignored") {
  ScratchDirectory dir;
  const fs::path trial = tiny_trial(dir, normative, "set: caregiver.sensitivity_mean=0.95");
  check_one_error(run_attachsim("trial " + quote(trial) + " -q -o " + quote(dir.file("out.h5"))),
                  {trial.string() + ":8:", "expected a map of settings", "caregiver.sensitivity_mean=0.95"});
  check_nothing_written(dir, 1);
}

TEST_CASE("hostile input: a sweep sets each parameter once, in set: or by a factor") {
  ScratchDirectory dir;
  const fs::path twice = dir.write("twice.yaml", "base: " + normative + "\nset: {run.dyads: 30, run: {dyads: 40}}\n");
  check_one_error(run_attachsim("sweep " + quote(twice) + " -q -o " + quote(dir.file("out.h5"))),
                  {twice.string() + ":2:", "key 'run.dyads': expected each parameter set once", "found a second setting (the first at"});
  const fs::path both = dir.write("both.yaml", "base: " + normative + "\nset: {caregiver.sensitivity_mean: 0.1}\nfactors:\n"
                                               "  - {parameter: caregiver.sensitivity_mean, values: [0.5, 0.7]}\n");
  check_one_error(run_attachsim("sweep " + quote(both) + " -q -o " + quote(dir.file("out.h5"))),
                  {both.string() + ":4:", "key 'caregiver.sensitivity_mean': expected a factor on a parameter that set: leaves alone"});
  check_nothing_written(dir, 2);
}

TEST_CASE("hostile input: a file given to the wrong command is named for what it is") {
  // `run` on a trial file suggested "did you mean 'risk'?" for its `trial:` key; `trial` on a scenario
  // said it found "a map".
  ScratchDirectory dir;
  const std::string out = " -q -o " + quote(dir.file("out.h5"));
  check_one_error(run_attachsim("run configs/trials/van_den_boom_1994.yaml" + out),
                  {"van_den_boom_1994.yaml:", "expected a scenario, found a trial file (attachsim trial reads it)"});
  check_one_error(run_attachsim("run configs/sweeps/sensitivity_hostility.yaml" + out),
                  {"expected a scenario, found a sweep file (attachsim sweep reads it)"});
  check_one_error(run_attachsim("trial configs/normative.yaml" + out),
                  {"key 'trial': expected a trial file: a map with a 'trial' section, found a scenario (attachsim run reads it)"});
  check_one_error(run_attachsim("trial configs/trials/van_den_boom_1994.yaml --economics configs/normative.yaml" + out),
                  {"key 'economics': expected an economics file", "found a scenario (attachsim run reads it)"});
  check_nothing_written(dir, 0);
}

TEST_CASE("hostile input: an eligibility rule that does not fit its column's kind is refused where written") {
  // min on a label column, or equals on a numeric one, admitted no family and was found only at run time.
  ScratchDirectory dir;
  const std::string out = " -q -o " + quote(dir.file("out.h5"));
  const fs::path label = tiny_trial(dir, normative, "program: {type: sensitivity}",
                                    "  eligibility:\n    - {column: caregiver_aai, min: 1}\n");
  check_one_error(run_attachsim("trial " + quote(label) + out),
                  {label.string() + ":12:", "key 'trial.eligibility': expected equals or one_of: 'caregiver_aai' is a label column, found min"});
  const fs::path numeric = tiny_trial(dir, normative, "program: {type: sensitivity}",
                                      "  eligibility:\n    - {column: risk_count, equals: B}\n");
  check_one_error(run_attachsim("trial " + quote(numeric) + out),
                  {numeric.string() + ":12:", "expected min or max: 'risk_count' is a numeric column"});
  // A tailored component's rule is read with its arm, before the trial's other rules: it is checked
  // against the first arm's columns all the same.
  const fs::path component = tiny_trial(
      dir, normative, "components: [{name: low, when: [{column: caregiver_aai, min: 1}], program: {type: sensitivity}}]");
  check_one_error(run_attachsim("trial " + quote(component) + out),
                  {component.string() + ":8:101:", "key 'trial.arms.components.when': expected equals or one_of: 'caregiver_aai' is a label column, found min"});
  check_nothing_written(dir, 1);
}
