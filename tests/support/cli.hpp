// Running the real attachsim binary from a test, and a scratch directory that cleans up after itself.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>
#include <sys/wait.h>

namespace attachsim::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a shell command from the source directory, stdout and stderr together.
inline CommandResult run_command(const std::string& shell_command) {
  const std::string command = std::string("cd '") + ATTACHSIM_SOURCE_DIR + "' && " + shell_command + " 2>&1";
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) result.output += buffer;
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Runs `attachsim ARGS` (ARGS already shell-quoted where needed) from the source directory.
inline CommandResult run_attachsim(const std::string& args) {
  return run_command(std::string("'") + ATTACHSIM_BINARY + "' " + args);
}

// A path in single quotes, for a shell command. Built by appends: GCC 12 warns falsely on
// "'" + std::string at -O3 (PR 105329).
inline std::string quote(const std::filesystem::path& p) {
  std::string s = "'";
  s += p.string();
  s += "'";
  return s;
}

// A file's bytes, and a file made of bytes.
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
inline void spit(const std::filesystem::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

// The names in a directory, sorted.
inline std::vector<std::string> entries(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class ScratchDirectory {
 public:
  ScratchDirectory() {
    std::random_device device;
    path_ = std::filesystem::temp_directory_path() / ("attachsim-test-" + std::to_string(device()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDirectory() { std::filesystem::remove_all(path_); }
  std::filesystem::path file(const std::string& name) const { return path_ / name; }
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return path_ / name;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace attachsim::testing
