// The checkpoint of a sweep: FILE.h5.progress, a text file beside the output. Its first line names
// the sweep (SHA-1 of the sweep file and of the resolved base config), the shard and the run
// count; each further line is one finished run: its index, its outcome values as the hex of their
// IEEE bits (so a resumed sweep ends bitwise identical to an uninterrupted one) and a checksum of
// both. Lines are appended and flushed as runs finish; on resume the first line cut short by a kill,
// damaged (its checksum does not match) or repeating a run ends what is read, and the runs from there
// on are run again. The file is removed only once the HDF5 result is complete.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace attachsim::sim {

struct ProgressHeader {
  std::string sweep_sha1, base_sha1;
  std::uint64_t shard_index = 0, shard_count = 1;
  std::uint64_t runs = 0;        // of the whole sweep
  std::size_t outcomes = 0;      // values per run
  std::string sweep_file;        // for error messages only
  // The program that recorded the runs (version and commit): a rebuilt model would mix its runs with
  // the earlier ones, so a checkpoint resumes only with the build that wrote it.
  std::string build;
};

class SweepProgress {
 public:
  // Opens PATH: a new file gets the header; an existing one must carry the same header (else
  // InputError, and the file is left as it is) and its finished runs are read back.
  SweepProgress(std::string path, const ProgressHeader& header);
  ~SweepProgress();
  SweepProgress(const SweepProgress&) = delete;
  SweepProgress& operator=(const SweepProgress&) = delete;

  const std::map<std::uint64_t, std::vector<double>>& done() const { return done_; }
  std::size_t resumed() const { return resumed_; }
  std::size_t dropped_lines() const { return dropped_lines_; }  // complete lines after the first bad one
  void record(std::uint64_t run, const std::vector<double>& values);  // not thread-safe: callers serialize
  void remove();  // closes and deletes the file
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  std::map<std::uint64_t, std::vector<double>> done_;
  std::size_t resumed_ = 0, dropped_lines_ = 0;
};

}  // namespace attachsim::sim
