// `attachsim serve`: the classroom page on a local HTTP server (cpp-httplib). Serves the page's files
// and POST /api/simulate (sim/classroom/classroom_api.hpp). See docs/guide_classroom.md.
#pragma once

#include <string>
#include <vector>

namespace attachsim::sim {

struct ServeOptions {
  std::string host = "127.0.0.1";  // loopback only unless asked otherwise
  int port = 8080;                 // 0: any free port (the URL printed says which)
  std::string web_dir;             // the page's files; empty: the build's web/ or web/ next to the binary
  int threads = 1;                 // worker threads per simulation
  std::vector<std::string> allowed_origins;  // pages of other origins that may POST (e.g. http://host:8080)
};

// Serves until SIGINT or SIGTERM, then returns 0. Throws InputError when the port cannot be bound, the
// page's files are missing or an --allow-origin is no origin. POST /api/simulate takes only
// Content-Type: application/json, and from a browser only from the server's own origin or an allowed one.
int run_serve(const ServeOptions& options);

}  // namespace attachsim::sim
