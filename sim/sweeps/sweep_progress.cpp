#include "sim/sweeps/sweep_progress.hpp"

#include "sim/core/input_error.hpp"
#include "sim/core/sha1.hpp"
#include "sim/output/output_error.hpp"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace attachsim::sim {
namespace {

// Version 2 ends every run's line with a checksum of the rest; version 1 had none, and one changed digit
// became a wrong outcome in a result that looked complete.
constexpr const char* magic = "attachsim-sweep-progress-2";
constexpr const char* magic_family = "attachsim-sweep-progress-";

// The checksum of a run's line: the first 16 hex digits of the SHA-1 of what precedes it.
std::string line_checksum(const std::string& content) { return sha1_hex(content).substr(0, 16); }

std::string header_line(const ProgressHeader& h) {
  return std::string(magic) + " sweep_sha1=" + h.sweep_sha1 + " base_sha1=" + h.base_sha1 +
         " shard=" + std::to_string(h.shard_index) + "/" + std::to_string(h.shard_count) +
         " runs=" + std::to_string(h.runs) + " outcomes=" + std::to_string(h.outcomes) + " build=" + h.build;
}

std::string field(const std::string& line, const std::string& name) {
  const auto at = line.find(" " + name + "=");
  if (at == std::string::npos) return "";
  const auto start = at + name.size() + 2;
  return line.substr(start, line.find(' ', start) - start);
}

// One finished run: "RUN HEX HEX ... #CHECKSUM", exactly `outcomes` values, the checksum that of the
// text before " #".
bool parse_row(const std::string& line, std::size_t outcomes, std::uint64_t& run, std::vector<double>& values) {
  const auto mark = line.rfind(" #");
  if (mark == std::string::npos || line.compare(mark + 2, std::string::npos, line_checksum(line.substr(0, mark))) != 0)
    return false;
  const char* p = line.data();
  const char* end = p + mark;
  auto r = std::from_chars(p, end, run);
  if (r.ec != std::errc()) return false;
  p = r.ptr;
  values.clear();
  while (p < end) {
    if (*p != ' ') return false;
    ++p;
    std::uint64_t bits = 0;
    r = std::from_chars(p, end, bits, 16);
    if (r.ec != std::errc() || r.ptr - p != 16) return false;
    p = r.ptr;
    values.push_back(std::bit_cast<double>(bits));
  }
  return values.size() == outcomes;
}

}  // namespace

SweepProgress::SweepProgress(std::string path, const ProgressHeader& header) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  const std::string expected = header_line(header);
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(path_, ec);
  if (fs::exists(status) && !fs::is_regular_file(status))
    throw InputError({path_, 0, 0}, "", "the progress file of an attachsim sweep (a regular file)",
                     fs::is_directory(status) ? "a directory; remove it or write to another -o"
                                              : "something that is not a file; remove it or write to another -o");
  if (fs::exists(status)) {
    std::ifstream in(path_, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto first = text.find('\n');
    const std::string line = text.substr(0, first);
    if (line.rfind(magic_family, 0) != 0 || first == std::string::npos)
      throw InputError({path_, 1, 1}, "", "the progress file of an attachsim sweep (" + std::string(magic) + ")",
                       "something else; remove it or write to another -o");
    if (line != expected) {
      const auto keep = "; the " + std::to_string(std::count(text.begin(), text.end(), '\n') - 1) +
                        " finished runs in it are kept: restore the sweep as it was, or write to another -o";
      if (field(line, "sweep_sha1") != header.sweep_sha1)
        throw InputError({path_, 1, 1}, "sweep_sha1", "the sweep file this progress was recorded with (sha1 " + field(line, "sweep_sha1") + ")",
                         "'" + header.sweep_file + "' changed (sha1 " + header.sweep_sha1 + ")" + keep);
      if (field(line, "base_sha1") != header.base_sha1)
        throw InputError({path_, 1, 1}, "base_sha1", "the base config this progress was recorded with (sha1 " + field(line, "base_sha1") + ")",
                         "a changed base config (sha1 " + header.base_sha1 + ")" + keep);
      if (field(line, "shard") != std::to_string(header.shard_index) + "/" + std::to_string(header.shard_count))
        throw InputError({path_, 1, 1}, "shard", "--shard " + field(line, "shard") + " as this progress was recorded with",
                         "--shard " + std::to_string(header.shard_index) + "/" + std::to_string(header.shard_count) + keep);
      if (field(line, "build") != header.build)
        throw InputError({path_, 1, 1}, "build", "the attachsim build this progress was recorded with (" +
                         (field(line, "build").empty() ? std::string("an earlier version") : field(line, "build")) + ")",
                         "this build (" + header.build + "), whose runs could differ" + keep);
      throw InputError({path_, 1, 1}, "", "a progress header '" + expected + "'", "'" + line + "'" + keep);
    }
    // Finished runs; the first line that does not parse or check (a write cut short by a kill, a damaged
    // line, a run recorded twice) ends them: the runs from there on are run again.
    std::size_t valid_end = first + 1, pos = first + 1;
    std::vector<double> values;
    while (pos < text.size()) {
      const auto nl = text.find('\n', pos);
      if (nl == std::string::npos) break;
      std::uint64_t run = 0;
      if (!parse_row(text.substr(pos, nl - pos), header.outcomes, run, values) || run >= header.runs ||
          run % header.shard_count != header.shard_index || done_.count(run))
        break;
      done_[run] = values;
      pos = valid_end = nl + 1;
    }
    resumed_ = done_.size();
    dropped_lines_ = static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(valid_end), text.end(), '\n'));
    if (valid_end < text.size()) fs::resize_file(path_, valid_end);
    file_ = std::fopen(path_.c_str(), "ab");
  } else {
    file_ = std::fopen(path_.c_str(), "wb");
    if (file_ && (std::fprintf(file_, "%s\n", expected.c_str()) < 0 || std::fflush(file_) != 0)) {
      const int error = errno;
      std::fclose(file_), file_ = nullptr;
      std::filesystem::remove(path_);
      throw OutputError("cannot write '" + path_ + "': " + std::strerror(error));
    }
  }
  if (!file_)
    throw InputError({path_, 0, 0}, "output", "a writable place for the progress file beside the output",
                     "'" + std::string(std::strerror(errno)) + "'");
}

SweepProgress::~SweepProgress() {
  if (file_) std::fclose(file_);
}

void SweepProgress::record(std::uint64_t run, const std::vector<double>& values) {
  std::string line = std::to_string(run);
  char hex[20];
  for (double v : values) {
    std::snprintf(hex, sizeof hex, " %016llx", static_cast<unsigned long long>(std::bit_cast<std::uint64_t>(v)));
    line += hex;
  }
  line += " #" + line_checksum(line) + "\n";
  // One write per line, flushed at once: a kill loses at most the line being written.
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0)
    throw OutputError("cannot append to '" + path_ + "': " + std::strerror(errno) + " (the runs recorded so far are kept for a resume)");
  done_[run] = values;
}

void SweepProgress::remove() {
  if (file_) std::fclose(file_), file_ = nullptr;
  std::filesystem::remove(path_);
}

}  // namespace attachsim::sim
