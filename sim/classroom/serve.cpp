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

#include <algorithm>
#include <cctype>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

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

std::string error_json(const std::string& message) {
  std::string escaped;
  for (char c : message) {
    if (c == '"' || c == '\\') escaped += '\\', escaped += c;
    else if (c == '\n') escaped += "\\n";
    else if (static_cast<unsigned char>(c) < 0x20) escaped += ' ';
    else escaped += c;
  }
  return "{\"error\": \"" + escaped + "\"}";
}

// "application/json; charset=utf-8" -> "application/json".
std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  type.erase(0, type.find_first_not_of(" \t"));
  type.erase(type.find_last_not_of(" \t") + 1);
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

// scheme://host[:port] and nothing after it: what a browser sends as Origin.
bool is_origin(const std::string& text) {
  const auto end = text.find("://");
  if (end == std::string::npos) return false;
  const std::string scheme = text.substr(0, end), rest = text.substr(end + 3);
  return (scheme == "http" || scheme == "https") && !rest.empty() && rest.find_first_of("/?# ") == std::string::npos;
}

bool loopback(const std::string& host) { return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0; }

// The origins whose pages may POST, besides those given with --allow-origin: on a loopback address,
// every spelling a browser on this machine may use for it. (On other addresses, the page's own origin
// is the Host it was asked for; see refusal().)
std::vector<std::string> own_origins(const std::string& host, int port, const std::vector<std::string>& allowed) {
  std::vector<std::string> origins = allowed;
  if (!loopback(host)) return origins;
  for (const char* name : {"127.0.0.1", "localhost", "[::1]"}) {
    std::string origin = "http://";  // built by appends: GCC 12 warns falsely on ":" + std::string (PR 105329)
    origin += name;
    origin += ':';
    origin += std::to_string(port);
    origins.push_back(origin);
  }
  return origins;
}

// A simulation is a POST of JSON from the page itself. A cross-site form or fetch with a "simple"
// content type (text/plain) reaches the server without a CORS preflight, so the content type is
// checked; a page of another site is named by the Origin header that browsers add to every cross-site
// POST. A request without Origin comes from a program (curl, a script), not from a web page.
// On loopback only the fixed spellings of this machine count (a DNS-rebound name does not); served to
// a network (--host 0.0.0.0 for a class), the page's origin is the Host the students' browsers asked.
// Returns 0 when the request may go on, else the HTTP status to refuse it with, and says why.
int refusal(const httplib::Request& req, const std::vector<std::string>& origins, bool on_loopback, std::string& why) {
  if (media_type(req.get_header_value("Content-Type")) != "application/json") {
    why = "POST /api/simulate takes Content-Type: application/json, found '" + shortened(req.get_header_value("Content-Type")) + "'";
    return 415;
  }
  if (req.has_header("Origin")) {
    const std::string origin = req.get_header_value("Origin");
    const bool same_host = !on_loopback && req.has_header("Host") && origin == "http://" + req.get_header_value("Host");
    if (!same_host && std::find(origins.begin(), origins.end(), origin) == origins.end()) {
      why = "requests from the page of another site (Origin '" + shortened(origin) +
            "') are refused; start the server with --allow-origin to allow one";
      return 403;
    }
  }
  return 0;
}

}  // namespace

int run_serve(const ServeOptions& options) {
  for (const auto& origin : options.allowed_origins)
    if (!is_origin(origin))
      throw InputError({"--allow-origin", 0, 0}, "", "an origin: scheme, host and port, e.g. http://classroom.example:8080",
                       "'" + shortened(origin) + "'");
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
  // SO_REUSEADDR only: cpp-httplib's default, SO_REUSEPORT, lets a second server bind a port already
  // served and share its connections; a port in use must be refused.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
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
  std::vector<std::string> origins;  // known once the port is bound, before the first request
  server.Post("/api/simulate", [&](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    std::string why;
    if (const int status = refusal(req, origins, loopback(options.host), why)) {
      res.status = status;
      res.set_content(error_json(why), "application/json");
      return;
    }
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

  origins = own_origins(options.host, port, options.allowed_origins);

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
