// `attachsim serve`: cpp-httplib serving the classroom page (index.html, classroom.js, classroom.css,
// and the charting library npm installed next to them) and its JSON API. One simulation runs at a
// time, using every worker thread; a request for a cohort of a few hundred dyads takes about a second.
//
// The same page also runs without a server (the static page: the model compiled to WebAssembly, see
// sim/classroom/wasm); the server stays for larger cohorts, on every core, and for students' devices
// on the local network.
#include "sim/classroom/serve.hpp"

#include "sim/classroom/classroom_api.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/engine.hpp"

#include <httplib.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#ifndef ATTACHSIM_WEB_DIR
#define ATTACHSIM_WEB_DIR ""
#endif

namespace attachsim::sim {
namespace {

namespace fs = std::filesystem;

const SourcePosition from_serve{"attachsim serve", 0, 0};

// The page's files: --web-dir, else the build directory's web/ (installed there by CMake), else web/
// next to the binary.
fs::path find_web_dir(const std::string& asked) {
  if (!asked.empty()) {
    if (!fs::exists(fs::path(asked) / "index.html"))
      throw InputError({"--web-dir", 0, 0}, "", "a directory holding index.html", "'" + asked + "'");
    return asked;
  }
  std::vector<fs::path> candidates;
  if (std::string(ATTACHSIM_WEB_DIR).size()) candidates.emplace_back(ATTACHSIM_WEB_DIR);
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(self.parent_path() / "web");
  for (const auto& dir : candidates)
    if (fs::exists(dir / "index.html")) return dir;
  std::string tried;
  for (const auto& dir : candidates) tried += (tried.empty() ? "" : ", ") + dir.string();
  throw InputError(from_serve, "", "the classroom page's files (build the attachsim_web target, or pass --web-dir)",
                   "no index.html in " + (tried.empty() ? std::string("any known place") : tried));
}

bool read_file(const fs::path& path, std::string& content) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  content = s.str();
  return true;
}

void serve_file(httplib::Server& server, const std::string& url, const fs::path& path, const char* type) {
  server.Get(url, [path, type](const httplib::Request&, httplib::Response& res) {
    std::string content;
    if (!read_file(path, content)) {
      res.status = 404;
      res.set_content("not installed: " + path.string() + "\n", "text/plain; charset=utf-8");
      return;
    }
    res.set_header("Cache-Control", "no-store");
    res.set_content(content, type);
  });
}

}  // namespace

int run_serve(const ServeOptions& options) {
  const fs::path web = find_web_dir(options.web_dir);
  const fs::path chart = web / "node_modules" / "chart.js" / "dist" / "chart.umd.js";
  if (!fs::exists(chart))
    std::cerr << "attachsim serve: warning: the charting library is missing (" << chart.string()
              << "); the page will say so. Install it with: npm ci --prefix " << web.string() << "\n";

  // SIGINT/SIGTERM are taken by a thread of ours (sigwait) so that the server stops cleanly; block
  // them before any other thread starts so that every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  httplib::Server server;
  server.set_payload_max_length(64 * 1024);
  serve_file(server, "/", web / "index.html", "text/html; charset=utf-8");
  serve_file(server, "/index.html", web / "index.html", "text/html; charset=utf-8");
  serve_file(server, "/classroom.js", web / "classroom.js", "text/javascript; charset=utf-8");
  serve_file(server, "/classroom.css", web / "classroom.css", "text/css; charset=utf-8");
  // The page asks its engine for answers: here the server (engine_server.js); on the static page the
  // model compiled to WebAssembly (sim/classroom/wasm).
  serve_file(server, "/engine.js", web / "engine_server.js", "text/javascript; charset=utf-8");
  serve_file(server, "/vendor/chart.umd.js", chart, "text/javascript; charset=utf-8");
  server.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  server.Get("/api/health", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{\"ok\": true}", "application/json");
  });

  std::mutex one_at_a_time;
  const int threads = options.threads;
  server.Post("/api/simulate", [&](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    const CohortRunner on_every_core = [threads](const Model& model, const RunSettings& settings, Summary& summary,
                                                 RecordSink& sink) {
      return run_population(model, settings, threads, summary, &sink);
    };
    std::lock_guard lock(one_at_a_time);
    const ClassroomAnswer answer = answer_classroom(req.body, on_every_core);
    if (answer.status == 500) std::cerr << "attachsim serve: " << answer.body << "\n";
    res.status = answer.status;
    res.set_content(answer.body, "application/json");
  });

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
    if (port <= 0) throw InputError({"--host", 0, 0}, "", "an address this machine can listen on", "'" + options.host + "'");
  } else if (!server.bind_to_port(options.host, port)) {
    throw InputError({"--port", 0, 0}, "", "a free port on " + options.host, "'" + std::to_string(port) + "' (in use or not allowed)");
  }

  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  });
  const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  std::cout << "attachsim serve: the classroom page is at http://" << host << ":" << port << "/  (Ctrl-C stops)"
            << std::endl;
  server.listen_after_bind();
  // listen_after_bind returns after stop() (the signal) or on a socket error: wake the stopper either way.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  std::cout << "attachsim serve: stopped" << std::endl;
  return 0;
}

}  // namespace attachsim::sim
