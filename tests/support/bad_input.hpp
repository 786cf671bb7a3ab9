// Checking the real binary's answer to bad input: exit code 2, exactly one "attachsim: error:" line
// naming what the test expects, and no output file at all.
#pragma once

#include "support/cli.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace attachsim::testing {

namespace fs = std::filesystem;

// Exit code 2 and one line of output, the error, mentioning each of `mentions`.
inline void check_one_error(const CommandResult& r, const std::vector<std::string>& mentions) {
  INFO("output: " << r.output);
  CHECK(r.exit_code == 2);
  std::vector<std::string> lines;
  std::istringstream in(r.output);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("attachsim: error: ", 0) == 0);
  for (const auto& m : mentions) {
    CAPTURE(m);
    CHECK(lines[0].find(m) != std::string::npos);
  }
}

// The scratch directory holds only the inputs the test wrote: no PATH, no PATH.partial, nothing else.
inline void check_nothing_written(const ScratchDirectory& dir, std::size_t inputs) {
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  CHECK(entries == inputs);
  CHECK_FALSE(fs::exists(dir.file("out.h5")));
  CHECK_FALSE(fs::exists(dir.file("out.h5.partial")));
}

// Runs a scenario written from `yaml` with -o into the scratch directory.
inline CommandResult run_scenario(const ScratchDirectory& dir, const std::string& yaml, const std::string& extra = "") {
  const fs::path config = dir.write("scenario.yaml", yaml);
  return run_attachsim("run " + quote(config) + " -q -o " + quote(dir.file("out.h5")) + " " + extra);
}

// trial.yaml in DIR: 40 families screened on `population`, a control arm and a program arm whose map
// holds `program_arm`, a Strange Situation at 12 months, and `extra` appended.
inline fs::path tiny_trial(const ScratchDirectory& dir, const std::string& population,
                           const std::string& program_arm = "program: {type: sensitivity}", const std::string& extra = "") {
  return dir.write("trial.yaml", "trial:\n"
                                 "  name: t\n"
                                 "  population: " + population + "\n"
                                 "  screened: 40\n"
                                 "  enrolled: 20\n"
                                 "  arms:\n"
                                 "    - {name: control, allocation: 0.5}\n"
                                 "    - {name: program, allocation: 0.5, " + program_arm + "}\n"
                                 "  follow_up:\n"
                                 "    - {age_months: 12, instruments: [strange_situation]}\n" + extra);
}
}  // namespace attachsim::testing
