// The real binary as a child process that a test can watch, signal and wait for: for what popen
// cannot do (two runs at once, a signal in the middle of a run, a server). Every wait is bounded, so
// a hang fails the test instead of stalling CI; no bound is a measurement.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace attachsim::testing {

class Child {
 public:
  // Starts `attachsim ARGS...` in the source directory, stdout and stderr to `log`.
  Child(const std::vector<std::string>& args, std::filesystem::path log) : log_(std::move(log)) {
    std::vector<std::string> argv{ATTACHSIM_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> pointers;
    for (auto& a : argv) pointers.push_back(a.data());
    pointers.push_back(nullptr);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      const int out = open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (out < 0 || chdir(ATTACHSIM_SOURCE_DIR) != 0) _exit(127);
      dup2(out, 1), dup2(out, 2), close(out);
      ::signal(SIGINT, SIG_DFL);  // a child of a background shell would inherit SIGINT ignored
      execv(pointers[0], pointers.data());
      _exit(127);
    }
  }
  ~Child() {
    if (pid_ > 0) kill(pid_, SIGKILL), waitpid(pid_, nullptr, 0);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int number) const { kill(pid_, number); }

  // Waits for the exit, at most `bound`; the raw wait status, or nothing (the child killed) on a hang.
  std::optional<int> wait_within(std::chrono::seconds bound) {
    const auto deadline = std::chrono::steady_clock::now() + bound;
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        kill(pid_, SIGKILL), waitpid(pid_, &status, 0), pid_ = -1;
        return std::nullopt;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    pid_ = -1;
    return status;
  }

  // Waits for the exit (at most `bound`, then kills it and fails); the raw wait status.
  int wait(std::chrono::seconds bound = std::chrono::seconds(300)) {
    const auto status = wait_within(bound);
    if (!status) FAIL("attachsim did not end within " << bound.count() << " s: " << output());
    return status.value_or(-1);
  }

  std::string output() const {
    std::ifstream in(log_);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  pid_t pid_ = -1;
  std::filesystem::path log_;
};

// Polls until `ready` holds (at most `bound`); false if it never did.
template <class Condition>
bool eventually(Condition ready, std::chrono::seconds bound = std::chrono::seconds(120)) {
  const auto deadline = std::chrono::steady_clock::now() + bound;
  while (!ready()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace attachsim::testing
