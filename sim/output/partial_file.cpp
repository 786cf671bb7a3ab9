#include "sim/output/partial_file.hpp"

#include "sim/core/input_error.hpp"
#include "sim/core/stop_request.hpp"
#include "sim/output/output_error.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <mutex>

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

namespace attachsim::sim {
namespace {

// The temporary files of this process, for the signal handler: fixed storage, since a handler may not
// allocate. A slot is free (0), being filled (1) or holds a name to remove (2).
struct Slot {
  std::atomic<int> state{0};
  char name[4096] = {};
};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler reads the slots' states");
Slot slots[16];

// The signals that remove the temporary files, and what was installed for them before this file's
// handler: the default (the command line), ignored (nohup, background jobs: left alone), or a host
// process's own handler (the Python interpreter's).
constexpr int handled_signals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction before[std::size(handled_signals)];

bool is_function(const struct sigaction& a) {
  if (a.sa_flags & SA_SIGINFO) return a.sa_sigaction != nullptr;
  return a.sa_handler != SIG_DFL && a.sa_handler != SIG_IGN;
}

// Async-signal-safe only: unlink, sigaction, raise and a lock-free store. Without a host handler, dying
// of the same signal keeps the exit status a shell or SLURM expects (128 + signal); with one, the run is
// asked to stop and the host's handler gets the signal when this one returns.
extern "C" void remove_partial_files(int signal) {
  for (auto& slot : slots)
    if (slot.state.load(std::memory_order_acquire) == 2) unlink(slot.name);
  for (std::size_t i = 0; i < std::size(handled_signals); ++i)
    if (handled_signals[i] == signal && is_function(before[i])) {
      stop_requested.store(true, std::memory_order_relaxed);
      sigaction(signal, &before[i], nullptr);
      raise(signal);  // blocked until this handler returns, then delivered to the host's
      return;
    }
  struct sigaction restore {};
  restore.sa_handler = SIG_DFL;
  sigemptyset(&restore.sa_mask);
  sigaction(signal, &restore, nullptr);
  raise(signal);
}

// The handler is installed while a temporary file (or an InterruptWatch) exists and the signals'
// earlier dispositions are put back after the last one is gone, so that a host process (Python) has its
// own Ctrl-C again between runs.
std::mutex installation;
int live_files = 0;

void install_handler() {
  const std::lock_guard lock(installation);
  if (live_files++ > 0) return;
  stop_requested.store(false, std::memory_order_relaxed);
  for (std::size_t i = 0; i < std::size(handled_signals); ++i) {
    sigaction(handled_signals[i], nullptr, &before[i]);
    if (!(before[i].sa_flags & SA_SIGINFO) && before[i].sa_handler == SIG_IGN) continue;  // ignored stays ignored
    struct sigaction handler {};
    handler.sa_handler = remove_partial_files;
    sigemptyset(&handler.sa_mask);
    sigaction(handled_signals[i], &handler, nullptr);
  }
}

void uninstall_handler() {
  const std::lock_guard lock(installation);
  if (--live_files > 0) return;
  for (std::size_t i = 0; i < std::size(handled_signals); ++i) {
    struct sigaction now {};
    sigaction(handled_signals[i], nullptr, &now);
    // Only our own handler is put back: one the host installed meanwhile stays.
    if (!(now.sa_flags & SA_SIGINFO) && now.sa_handler == remove_partial_files) sigaction(handled_signals[i], &before[i], nullptr);
  }
}

// A slot holding `name`, not yet armed; -1 when every slot is taken or the name is too long (the file
// is then still removed on failure, only not on a signal).
int reserve(const std::string& name) {
  if (name.size() >= sizeof(Slot::name)) return -1;
  for (int i = 0; i < static_cast<int>(std::size(slots)); ++i) {
    int free = 0;
    if (slots[i].state.compare_exchange_strong(free, 1)) {
      std::memcpy(slots[i].name, name.c_str(), name.size() + 1);
      return i;
    }
  }
  return -1;
}

void arm(int slot) {
  if (slot >= 0) slots[slot].state.store(2, std::memory_order_release);
}

void release(int slot) {
  if (slot >= 0) slots[slot].state.store(0, std::memory_order_release);
}

// Holds SIGINT, SIGTERM and SIGHUP back on this thread for its lifetime: a signal between creating the
// file and arming its slot would otherwise leave the file behind. A held signal is delivered on unblock.
class SignalsHeld {
 public:
  SignalsHeld() {
    sigset_t held;
    sigemptyset(&held);
    for (int signal : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&held, signal);
    pthread_sigmask(SIG_BLOCK, &held, &before_);
  }
  ~SignalsHeld() { pthread_sigmask(SIG_SETMASK, &before_, nullptr); }
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;

 private:
  sigset_t before_;
};

}  // namespace

InterruptWatch::InterruptWatch() { install_handler(); }
InterruptWatch::~InterruptWatch() { uninstall_handler(); }

void check_output_path(const std::string& path, const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  // A name or path the system cannot hold, or a folder that cannot be entered, fails here, before any
  // work; found only at the final rename, it cost the whole run (and the checks below threw
  // filesystem_error, an internal error, for them).
  const std::string name = fs::path(path).filename().string();
  constexpr std::size_t name_max = 255, path_max = 4095;  // Linux: NAME_MAX, PATH_MAX less its terminator
  if (name.size() > name_max)
    throw InputError({path, 0, 0}, "output", "a file name of at most 255 bytes", "one of " + std::to_string(name.size()) + " bytes");
  if (path.size() > path_max)
    throw InputError({path, 0, 0}, "output", "a path of at most 4095 bytes", "one of " + std::to_string(path.size()) + " bytes");
  std::error_code ec;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec)) {
    const bool missing = !ec || ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory;
    throw InputError({path, 0, 0}, "output", "a file path in an existing directory",
                     missing ? "no directory '" + parent.string() + "'" : "'" + parent.string() + "': " + ec.message());
  }
  const fs::file_status status = fs::symlink_status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory)
    throw InputError({path, 0, 0}, "output", "a writable file path", "'" + ec.message() + "'");
  if (fs::is_directory(status)) throw InputError({path, 0, 0}, "output", "a file path", "a directory");
  const auto kind = [&]() -> const char* {
    switch (status.type()) {
      case fs::file_type::symlink: return "a symbolic link (give the path it points to)";
      case fs::file_type::character: return "a character device";
      case fs::file_type::block: return "a block device";
      case fs::file_type::fifo: return "a named pipe";
      case fs::file_type::socket: return "a socket";
      default: return nullptr;
    }
  }();
  if (kind) throw InputError({path, 0, 0}, "output", "a new file or a regular file to replace", kind);
  for (const auto& input : inputs)
    if (!input.empty() && fs::exists(status) && fs::equivalent(path, input, ec))
      throw InputError({path, 0, 0}, "output", "an output file other than the files the command reads",
                       "'" + input + "', which it reads");
}

std::string default_result_path(const std::string& stem) {
  std::error_code ignored;  // a failure shows when the file is created, with its reason
  std::filesystem::create_directories("results", ignored);
  if (std::filesystem::exists("results", ignored) && !std::filesystem::is_directory("results", ignored))
    throw InputError({"results", 0, 0}, "output", "a folder 'results' for the result, or an output path (-o)",
                     "a file named 'results' where the folder goes");
  return "results/" + stem + ".h5";
}

PartialFile::PartialFile(std::string path) : path_(std::move(path)) {
  check_output_path(path_);
  install_handler();
  // PATH.<pid>.partial; a stale one of a dead process with the same pid is left alone, not reused. A
  // file name so long that the suffix would pass the system's limit (255 bytes) is cut to make room.
  const std::filesystem::path whole(path_);
  std::string name = whole.filename().string();
  std::string pid(1, '.');  // built by appends: GCC 12 warns falsely on "." + std::string (PR 105329)
  pid += std::to_string(getpid());
  constexpr std::size_t name_max = 255, suffix_room = 1 + 10 + 4 + 8;  // .pid -attempt .partial
  if (name.size() + suffix_room > name_max) name.resize(name_max - suffix_room);
  const std::string stem = (whole.parent_path() / name).string() + pid;
  for (int attempt = 0;; ++attempt) {
    temporary_ = stem;
    if (attempt) temporary_ += '-', temporary_ += std::to_string(attempt);
    temporary_ += ".partial";
    int error = 0;
    {
      const SignalsHeld held;
      slot_ = reserve(temporary_);
      const int fd = open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
      if (fd >= 0) {
        arm(slot_);
        close(fd);
        return;
      }
      error = errno;
      release(slot_), slot_ = -1;
    }
    if (error == EEXIST && attempt < 100) continue;
    std::string reason = "'";
    reason += std::strerror(error);
    reason += "'";
    uninstall_handler();  // no destructor runs for a constructor that throws
    throw InputError({path_, 0, 0}, "output", "a writable file path", reason);
  }
}

PartialFile::~PartialFile() {
  if (committed_) return;
  std::remove(temporary_.c_str());  // before the release: a signal in between still finds it named
  release(slot_);
  uninstall_handler();
}

void PartialFile::commit() {
  stop_if_requested();  // a host's Ctrl-C after the last block: the file is gone already
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0)
    throw OutputError("cannot write '" + path_ + "': renaming '" + temporary_ + "' to it failed: " + std::strerror(errno));
  release(slot_);
  committed_ = true;
  uninstall_handler();
}

}  // namespace attachsim::sim
