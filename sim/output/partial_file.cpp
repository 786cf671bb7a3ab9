#include "sim/output/partial_file.hpp"

#include "sim/core/input_error.hpp"
#include "sim/output/output_error.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
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

// Async-signal-safe only: unlink, sigaction, raise. Dying of the same signal afterwards keeps the exit
// status a shell or SLURM expects (128 + signal).
extern "C" void remove_partial_files(int signal) {
  for (auto& slot : slots)
    if (slot.state.load(std::memory_order_acquire) == 2) unlink(slot.name);
  struct sigaction restore {};
  restore.sa_handler = SIG_DFL;
  sigemptyset(&restore.sa_mask);
  sigaction(signal, &restore, nullptr);
  raise(signal);
}

void install_handler() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int signal : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction current {};
      sigaction(signal, nullptr, &current);
      if (current.sa_handler == SIG_IGN) continue;  // nohup and background jobs ignore them: keep that
      struct sigaction handler {};
      handler.sa_handler = remove_partial_files;
      sigemptyset(&handler.sa_mask);
      sigaction(signal, &handler, nullptr);
    }
  });
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

void check_output_path(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::is_directory(parent))
    throw InputError({path, 0, 0}, "output", "a file path in an existing directory", "no directory '" + parent.string() + "'");
  if (fs::is_directory(path)) throw InputError({path, 0, 0}, "output", "a file path", "a directory");
}

PartialFile::PartialFile(std::string path) : path_(std::move(path)) {
  check_output_path(path_);
  install_handler();
  const std::string stem = path_ + "." + std::to_string(getpid());
  for (int attempt = 0;; ++attempt) {
    // PATH.<pid>.partial; a stale one of a dead process with the same pid is left alone, not reused.
    temporary_ = stem;  // built by appends: GCC 12 warns falsely on "-" + std::string (PR 105329)
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
    throw InputError({path_, 0, 0}, "output", "a writable file path", reason);
  }
}

PartialFile::~PartialFile() {
  if (committed_) return;
  std::remove(temporary_.c_str());  // before the release: a signal in between still finds it named
  release(slot_);
}

void PartialFile::commit() {
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0)
    throw OutputError("cannot write '" + path_ + "': renaming '" + temporary_ + "' to it failed: " + std::strerror(errno));
  release(slot_);
  committed_ = true;
}

}  // namespace attachsim::sim
