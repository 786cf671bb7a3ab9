#include "sim/cli/compare_command.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <unistd.h>

namespace attachsim::sim {
namespace {

namespace fs = std::filesystem;

// The folder holding the package attachsim/: beside the installed binary (cmake --install puts the
// package at ATTACHSIM_PYTHON_INSTALL_REL from the binary's folder), else the source tree's python/.
std::string package_dir() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = self.parent_path() / ATTACHSIM_PYTHON_INSTALL_REL;
    if (fs::is_regular_file(installed / "attachsim" / "compare.py", ec)) return installed.lexically_normal().string();
  }
  return ATTACHSIM_PYTHON_SOURCE_DIR;
}

}  // namespace

int run_compare_command(const std::vector<std::string>& args) {
  const std::string python = ATTACHSIM_PYTHON_EXECUTABLE, dir = package_dir();
  const char* old = std::getenv("PYTHONPATH");
  std::string path = dir;  // appended piecewise: GCC 12 warns falsely on ":" + std::string (PR 105329)
  if (old && *old) path.append(":").append(old);
  setenv("PYTHONPATH", path.c_str(), 1);
  setenv("ATTACHSIM_PROG", "attachsim compare", 1);
  setenv("MPLBACKEND", "Agg", 0);
  // `python -m attachsim compare`, with Ctrl-C while the package and its libraries load (a second or
  // more) ending it quietly, as it does later: -m would import the package outside any handler.
  const std::string launch =
      "import sys\n"
      "try:\n"
      "    from attachsim.__main__ import main\n"
      "    sys.exit(main(['compare'] + sys.argv[1:]))\n"
      "except KeyboardInterrupt:\n"
      "    sys.exit(130)\n";
  std::vector<std::string> words{python, "-c", launch};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  execv(python.c_str(), argv.data());
  std::cerr << "attachsim: internal error: compare runs the Python package (" << dir << ") with " << python
            << ", which could not be started: " << std::strerror(errno)
            << " (install python3 with numpy, pandas, scipy, statsmodels, h5py and PyYAML, or reconfigure with "
               "-DPython3_EXECUTABLE=...)\n";
  return 1;
}

}  // namespace attachsim::sim
