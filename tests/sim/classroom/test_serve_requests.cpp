// The classroom server's answers to hostile or mistaken requests (issue 11, items 11-13), from the real
// `attachsim serve` over a real socket: bad input is a 400 with a message, never a 500; the work of a
// request is capped; only JSON from the server's own page (or an allowed origin) runs a simulation.
#include "support/cli.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using attachsim::testing::Child;
using attachsim::testing::eventually;
using attachsim::testing::ScratchDirectory;

namespace {

struct Reply {
  int status = 0;
  std::string body;
};

// One HTTP/1.1 POST to 127.0.0.1:port, read to the end (Connection: close).
Reply post(int port, const std::string& body, const std::vector<std::string>& headers, std::string host = "") {
  if (host.empty()) host = "127.0.0.1:" + std::to_string(port);
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(s >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  std::string request = "POST /api/simulate HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n";
  for (const auto& h : headers) request += h + "\r\n";
  request += "\r\n" + body;
  REQUIRE(send(s, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
  std::string response;
  char buffer[4096];
  for (ssize_t n; (n = recv(s, buffer, sizeof buffer, 0)) > 0;) response.append(buffer, static_cast<std::size_t>(n));
  close(s);
  Reply r;
  std::smatch m;
  REQUIRE(std::regex_search(response, m, std::regex("^HTTP/1\\.1 (\\d+)")));
  r.status = std::stoi(m[1]);
  r.body = response.substr(response.find("\r\n\r\n") + 4);
  return r;
}

// `attachsim serve --port 0 EXTRA...`, up and listening; stopped with SIGTERM at the end of the scope.
class Server {
 public:
  explicit Server(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"serve", "--port", "0", "--threads", "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    child_ = std::make_unique<Child>(args, dir_.file("serve.log"));
    // The port is read inside the check: a match points into the log text, which lives only there.
    REQUIRE(eventually([&] {
      const std::string log = child_->output();
      std::smatch m;
      if (!std::regex_search(log, m, std::regex("http://[0-9.]+:(\\d+)/"))) return false;
      port_ = std::stoi(m[1]);
      return true;
    }));
  }
  ~Server() {
    child_->signal(SIGTERM);
    const int status = child_->wait();
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  int port() const { return port_; }
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  ScratchDirectory dir_;
  std::unique_ptr<Child> child_;
  int port_ = 0;
};

const std::string json_type = "Content-Type: application/json";
const std::string small = R"({"settings": {"run.dyads": 20}})";

}  // namespace

TEST_CASE("classroom server: a number beyond a double is a 400 with a message, not a 500") {
  Server server;
  const Reply r = post(server.port(), R"({"settings": {"caregiver.sensitivity_mean": 1e400}})", {json_type});
  INFO(r.body);
  CHECK(r.status == 400);
  CHECK(r.body.find("number overflow") != std::string::npos);
  CHECK(r.body.find("1e400") != std::string::npos);
  // The server is still there and answers the next request.
  CHECK(post(server.port(), small, {json_type}).status == 200);
}

TEST_CASE("classroom server: generations multiply the dyads, and the work of a request is capped") {
  Server server;
  // The page fixes the generations of each view; the generations view follows three to 60 months, so
  // its cap on families is the work cap divided by 3 x 60 (666 families).
  const Reply r = post(server.port(), R"({"view": "generations", "settings": {"run.dyads": 5000}})", {json_type});
  INFO(r.body);
  CHECK(r.status == 400);
  CHECK(r.body.find("run.dyads") != std::string::npos);
  CHECK(r.body.find("at most 120000 dyad-months") != std::string::npos);
  CHECK(r.body.find("5000 dyads x 3 generations x 60 months = 900000") != std::string::npos);
  // Just over the cap is refused too: the product counts, not the dyads alone.
  CHECK(post(server.port(), R"({"view": "generations", "settings": {"run.dyads": 667}})", {json_type}).status == 400);
  CHECK(post(server.port(), R"({"view": "generations", "settings": {"run.dyads": 4}})", {json_type}).status == 200);
  CHECK(post(server.port(), R"({"settings": {"run.dyads": 5000, "run.generations": 10}})", {json_type}).status == 400);
}

TEST_CASE("classroom server: a cross-site form post (text/plain) is refused with 415") {
  Server server;
  for (const std::string type : {"Content-Type: text/plain", "Content-Type: application/x-www-form-urlencoded"}) {
    CAPTURE(type);
    const Reply r = post(server.port(), small, {type, "Origin: http://evil.example"});
    CHECK(r.status == 415);
    CHECK(r.body.find("application/json") != std::string::npos);
    // Even from the page's own origin: the page always sends JSON.
    CHECK(post(server.port(), small, {type, "Origin: " + server.origin()}).status == 415);
  }
  CHECK(post(server.port(), small, {}).status == 415);  // no Content-Type at all
  // A multipart form whose body is JSON is no multipart body: cpp-httplib refuses it before the handler.
  const int multipart = post(server.port(), small, {"Content-Type: multipart/form-data; boundary=x", "Origin: http://evil.example"}).status;
  CHECK((multipart == 400 || multipart == 415));
  CHECK(post(server.port(), small, {"Content-Type: application/json; charset=utf-8"}).status == 200);
}

TEST_CASE("classroom server: a page of another origin may not run simulations, the server's own may") {
  Server server;
  for (const std::string origin : {"http://evil.example", "http://127.0.0.1:1", "null", "http://localhost.evil.example:80"}) {
    CAPTURE(origin);
    const Reply r = post(server.port(), small, {json_type, "Origin: " + origin});
    CHECK(r.status == 403);
    CHECK(r.body.find("--allow-origin") != std::string::npos);
  }
  const std::string port = std::to_string(server.port());
  for (const std::string& origin : {"http://127.0.0.1:" + port, "http://localhost:" + port, "http://[::1]:" + port}) {
    CAPTURE(origin);
    CHECK(post(server.port(), small, {json_type, "Origin: " + origin}).status == 200);
  }
  CHECK(post(server.port(), small, {json_type}).status == 200);  // a program, not a page: no Origin
}

TEST_CASE("classroom server: served to a network, a page from the host the browser asked for may run simulations") {
  // --host 0.0.0.0 for a class: students' browsers load http://TEACHER:PORT/ and post with that Origin.
  // (The requests here still go to 127.0.0.1 only; the Host header names the address asked for.)
  Server server({"--host", "0.0.0.0"});
  const std::string teacher = "192.0.2.7:" + std::to_string(server.port());  // a documentation address
  CHECK(post(server.port(), small, {json_type, "Origin: http://" + teacher}, teacher).status == 200);
  CHECK(post(server.port(), small, {json_type, "Origin: http://evil.example"}, teacher).status == 403);
  CHECK(post(server.port(), small, {"Content-Type: text/plain", "Origin: http://" + teacher}, teacher).status == 415);
}

TEST_CASE("classroom server: --allow-origin lets one more origin in, and must be an origin") {
  {
    Server server({"--allow-origin", "https://classroom.example:8443"});
    CHECK(post(server.port(), small, {json_type, "Origin: https://classroom.example:8443"}).status == 200);
    CHECK(post(server.port(), small, {json_type, "Origin: https://classroom.example"}).status == 403);
  }
  const auto r = attachsim::testing::run_attachsim("serve --port 0 --allow-origin http://classroom.example/page");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("--allow-origin") != std::string::npos);
}

TEST_CASE("classroom server: a port another server listens on is refused, not shared") {
  // cpp-httplib's default SO_REUSEPORT let a second server bind the port and take half its connections.
  Server server;
  const auto r = attachsim::testing::run_command("timeout 20 '" ATTACHSIM_BINARY "' serve --threads 1 --port " +
                                                 std::to_string(server.port()));
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK(r.output == "attachsim: error: --port: expected a free port on 127.0.0.1, found '" + std::to_string(server.port()) +
                        "' (in use or not allowed)\n");
  CHECK(post(server.port(), small, {json_type, "Origin: " + server.origin()}).status == 200);
}
