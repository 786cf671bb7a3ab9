// A request to stop a run early, made from a signal handler. The command line dies of SIGINT, SIGTERM
// and SIGHUP (sim/output/partial_file.cpp removes its temporary files first); inside a host process
// with a handler of its own, the Python package's interpreter, the signal is passed on to that handler
// and the run is asked to stop instead, so that Ctrl-C raises KeyboardInterrupt rather than ending the
// interpreter. The engine looks at the request between blocks of dyads and throws Interrupted.
#pragma once

#include <atomic>
#include <stdexcept>

namespace attachsim::sim {

// Lock-free, so a signal handler may set it.
inline std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "a signal handler sets the stop request");

struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted by a signal: the run stopped and its partial output was removed") {}
};

// Throws Interrupted when a stop has been requested.
inline void stop_if_requested() {
  if (stop_requested.load(std::memory_order_relaxed)) throw Interrupted();
}

}  // namespace attachsim::sim
