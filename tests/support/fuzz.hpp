// Fuzzing the real binary: each case runs `attachsim ARGS` within a bound, and how it ended is tallied.
// Exit 0 (accepted) and 2 (bad input, refused) are answers; a signal or any other exit code is a crash,
// the bound passing is a hang. Cases are drawn from a fixed seed, so a finding repeats exactly; each is
// also copied to BUILD/fuzz-findings for the corpus of regression inputs (tests/sim/*/fuzz_corpus).
#pragma once

#include "support/process.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace attachsim::testing {

// Cases per fuzz test: fewer under the sanitizers, whose processes start and run several times slower,
// so that each test stays within about two minutes on a 2-core CI machine (69-119 s measured there).
#ifdef ATTACHSIM_SANITIZED
inline constexpr int fuzz_cases = 120;
#else
inline constexpr int fuzz_cases = 400;
#endif

enum class Outcome { accepted, refused, crash, hang };

struct FuzzTally {
  int cases = 0, accepted = 0, refused = 0, crashes = 0, hangs = 0, wrong = 0;
  std::vector<std::string> findings;  // what each crash, hang or wrong answer was

  std::string summary() const {
    return std::to_string(cases) + " cases: " + std::to_string(accepted) + " accepted, " + std::to_string(refused) +
           " refused (exit 2), " + std::to_string(crashes) + " crashes, " + std::to_string(hangs) + " hangs, " +
           std::to_string(wrong) + " wrong answers";
  }
  // Counts an outcome; a crash or hang is kept as a finding together with `input` (a file to keep).
  void add(Outcome outcome, const std::string& what, const std::filesystem::path& input, const std::filesystem::path& keep_as) {
    ++cases;
    if (outcome == Outcome::accepted) ++accepted;
    if (outcome == Outcome::refused) ++refused;
    if (outcome == Outcome::crash) ++crashes;
    if (outcome == Outcome::hang) ++hangs;
    if (outcome == Outcome::crash || outcome == Outcome::hang) keep(what, input, keep_as);
  }
  void keep(const std::string& what, const std::filesystem::path& input, const std::filesystem::path& keep_as) {
    findings.push_back(what + " (kept as " + keep_as.string() + ")");
    std::filesystem::create_directories(keep_as.parent_path());
    std::filesystem::copy_file(input, keep_as, std::filesystem::copy_options::overwrite_existing);
  }
};

// Runs one case; `output` gets what it printed.
inline Outcome run_case(const std::vector<std::string>& args, const std::filesystem::path& log, std::string& output,
                        std::chrono::seconds bound = std::chrono::seconds(30)) {
  Child child(args, log);
  const auto status = child.wait_within(bound);
  output = child.output();
  if (!status) return Outcome::hang;
  if (WIFEXITED(*status) && WEXITSTATUS(*status) == 0) return Outcome::accepted;
  if (WIFEXITED(*status) && WEXITSTATUS(*status) == 2) return Outcome::refused;
  return Outcome::crash;
}

inline std::filesystem::path findings_dir() { return std::filesystem::path(ATTACHSIM_BUILD_DIR) / "fuzz-findings"; }

}  // namespace attachsim::testing
