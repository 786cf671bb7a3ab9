// Fuzzing the readers of scenario, trial and sweep files (issue 11): every shipped config, mutated from
// a fixed seed (bytes and tokens inserted, lines dropped, doubled, swapped or cut, values replaced),
// goes through `attachsim check`, which reads each kind with its own reader. Each case must end in
// exit 0 or 2 within its bound and leave no file behind. The corpus (fuzz_corpus/) keeps inputs that
// once crashed, hung or were wrongly accepted by an attachsim reader; they must be refused or read.
#include "support/cli.hpp"
#include "support/fuzz.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using attachsim::testing::findings_dir;
using attachsim::testing::FuzzTally;
using attachsim::testing::Outcome;
using attachsim::testing::run_case;
using attachsim::testing::ScratchDirectory;
using attachsim::testing::slurp;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (lines.empty()) lines.emplace_back();
  return lines;
}

// What a hostile or careless hand puts into YAML: structure, aliases, tags, numbers beyond a double,
// huge keys and nesting, control bytes, keys of the other kinds of file.
const std::vector<std::string> tokens = {
    "{", "}", "[", "]", ":", "- ", "? ", "&a ", "*a", "!!binary ", "!!int ", "1e400", "-1e400", ".inf", ".nan", "~",
    "null", "0x1F", "9223372036854775808", "-0", "'", "\"", "#", "\t", "|", ">", "%YAML 1.2\n", "---\n", "...\n",
    std::string(1, '\0'), "\xff\xfe", "run:", "dyads:", "trial:", "factors:", "base:", "generations: 10",
    std::string(40, ' '), std::string(3000, 'x'), std::string(3000, '['), "\\u0000", "<<: *a"};

const std::vector<std::string> values = {"0", "1", "-1", "0.5", "1e9", "true", "abc", "[1, 2]", "{a: 1}", "", "[]",
                                         "1e400", "99999999999999999999", "'text'", "[0.3, 0.9]", "*a", "&a 3"};

std::string mutate(const std::string& text, std::mt19937_64& rng) {
  auto lines = lines_of(text);
  const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % std::max<std::size_t>(n, 1)); };
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits; ++e) {
    if (lines.empty()) lines.emplace_back();
    const std::size_t i = pick(lines.size());
    std::string& line = lines[i];
    switch (rng() % 7) {
      case 0: line.insert(pick(line.size() + 1), tokens[pick(tokens.size())]); break;
      case 1: lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i)); break;
      case 2: lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i), lines[pick(lines.size())]); break;
      case 3: std::swap(lines[i], lines[pick(lines.size())]); break;
      case 4:
        if (!line.empty()) line[pick(line.size())] = static_cast<char>(1 + rng() % 127);
        break;
      case 5:
        if (const auto colon = line.find(':'); colon != std::string::npos) line = line.substr(0, colon) + ": " + values[pick(values.size())];
        break;
      case 6: lines.resize(i); break;
    }
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::vector<fs::path> yaml_files(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> listing(const fs::path& root) {
  std::vector<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(root)) names.push_back(fs::relative(e.path(), root).string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("fuzz: mutated shipped configs through `attachsim check` exit 0 or 2 and leave nothing behind") {
  // A copy of configs/, so that relative paths (a sweep's base:, a trial's population:) resolve.
  ScratchDirectory dir;
  fs::copy(fs::path(ATTACHSIM_SOURCE_DIR) / "configs", dir.file("configs"), fs::copy_options::recursive);
  const auto files = yaml_files(dir.file("configs"));
  REQUIRE(files.size() >= 15);
  const auto before = listing(dir.path());

  std::mt19937_64 rng(20261201);  // fixed: a finding repeats exactly
  FuzzTally tally;
  for (int c = 0; c < attachsim::testing::fuzz_cases; ++c) {
    const fs::path& original = files[static_cast<std::size_t>(c) % files.size()];
    const fs::path input = original.parent_path() / "fuzz-case.yaml";  // beside it: its relative paths hold
    std::ofstream(input, std::ios::binary) << mutate(slurp(original), rng);
    std::string output;
    const Outcome outcome = run_case({"check", input.string()}, dir.file("case.log"), output);
    tally.add(outcome, "case " + std::to_string(c) + " from " + original.filename().string() + ": " + output.substr(0, 300),
              input, findings_dir() / ("config-case-" + std::to_string(c) + ".yaml"));
    fs::remove(input);
    fs::remove(dir.file("case.log"));
  }
  MESSAGE("config fuzz: " << tally.summary());
  for (const auto& f : tally.findings) FAIL_CHECK(f);
  CHECK(tally.crashes == 0);
  CHECK(tally.hangs == 0);
  CHECK(tally.accepted + tally.refused == attachsim::testing::fuzz_cases);
  CHECK(tally.refused > tally.cases / 4);  // the mutations do reach the readers' checks
  CHECK(listing(dir.path()) == before);     // check writes nothing, and no case left a file
}

TEST_CASE("fuzz corpus: inputs that once crashed, hung or were wrongly accepted are refused, within the bound") {
  const fs::path corpus = fs::path(ATTACHSIM_SOURCE_DIR) / "tests/sim/input/fuzz_corpus";
  const auto files = yaml_files(corpus);
  REQUIRE(!files.empty());
  ScratchDirectory dir;
  for (const auto& f : files) {
    CAPTURE(f);
    std::string output;
    // Each file says in its first line what it once did; every one of them is bad input today.
    const Outcome outcome = run_case({"check", f.string()}, dir.file("case.log"), output);
    INFO(output);
    CHECK(outcome == Outcome::refused);
    CHECK(output.rfind("attachsim: error: " + f.string(), 0) == 0);
    CHECK(output.size() < 2000);
  }
}
