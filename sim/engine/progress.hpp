// Progress of a long run on stderr: a redrawn bar on a terminal, one plain line per tenth when the
// output is a log file (never a carriage return there), nothing when quiet.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include <unistd.h>

namespace attachsim::sim {

class Progress {
 public:
  Progress(std::string label, bool quiet)
      : label_(std::move(label)), quiet_(quiet), terminal_(isatty(fileno(stderr)) != 0),
        start_(std::chrono::steady_clock::now()) {}

  void update(std::uint64_t done, std::uint64_t total) {
    if (quiet_ || total == 0) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double fraction = static_cast<double>(done) / static_cast<double>(total);
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
    const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    if (terminal_) {
      const int width = 30, filled = static_cast<int>(fraction * width);
      std::fprintf(stderr, "\r%s [%s%s] %3.0f%%  %.0f/s  %.0f s left ", label_.c_str(), std::string(filled, '#').c_str(),
                   std::string(width - filled, '.').c_str(), 100 * fraction, rate, left);
      if (done == total) std::fprintf(stderr, "\n");
    } else {
      const int tenth = static_cast<int>(fraction * 10);
      if (tenth <= reported_tenth_) return;
      reported_tenth_ = tenth;
      std::fprintf(stderr, "%s: %llu/%llu (%.0f%%), %.0f/s, %.0f s left\n", label_.c_str(),
                   static_cast<unsigned long long>(done), static_cast<unsigned long long>(total), 100 * fraction, rate,
                   left);
    }
  }

 private:
  std::string label_;
  bool quiet_, terminal_;
  std::chrono::steady_clock::time_point start_;
  int reported_tenth_ = 0;
};

}  // namespace attachsim::sim
