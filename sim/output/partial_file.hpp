// An output is written under a temporary name of its own and renamed to its path only when complete,
// so that a file at the path is always whole. The temporary name is unique to the process
// (PATH.<pid>.partial) and created exclusively: two runs writing one path at once each write their
// own file, neither touches the other's, both succeed, and the last rename wins. The temporary file is
// removed when the writer fails or is dropped uncommitted, and on SIGINT, SIGTERM and SIGHUP (a SLURM
// job at its time limit gets SIGTERM first) by a handler that only unlinks and re-raises the signal.
// The handler is installed only while a temporary file exists; in a process that had a handler of its
// own (the Python interpreter), it passes the signal on to it and asks the run to stop
// (sim/core/stop_request.hpp) instead of ending the process.
// SIGKILL or a power cut can still leave a PATH.<pid>.partial, never a partial PATH.
#pragma once

#include <string>
#include <vector>

namespace attachsim::sim {

// An output path in an existing directory, new or a regular file (the finished file is renamed over
// what is there, which would replace a device, a pipe or a symbolic link rather than write through
// it), and none of `inputs`, the files the command reads; throws InputError.
void check_output_path(const std::string& path, const std::vector<std::string>& inputs = {});

// `results/<stem>.h5`, where run, trial and sweep write when no -o is given; the folder is made when
// missing (a path the user gives must exist: a typo stays an error).
std::string default_result_path(const std::string& stem);

// The signal handler of the temporary files, installed for this object's lifetime without a file: a
// long computation that writes only at its end (a sweep) is then stopped by a host's Ctrl-C as a run is
// (its checkpoint is kept). On the command line it changes nothing: the signal still ends the process.
class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;
};

class PartialFile {
 public:
  // Creates the temporary file at once, so an unwritable path fails before any work (InputError).
  explicit PartialFile(std::string path);
  ~PartialFile();
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& temporary() const { return temporary_; }
  // Renames the temporary file to the path (replacing what is there); throws OutputError.
  void commit();

 private:
  std::string path_, temporary_;
  int slot_ = -1;  // where the signal handler finds the temporary name
  bool committed_ = false;
};

}  // namespace attachsim::sim
