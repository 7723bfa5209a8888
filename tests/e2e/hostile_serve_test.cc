// `eduledger serve` under hostile clients (issue 11 #2, #4), as an attacker on the same machine
// would try it: a bounded flood of idle sockets from 127.0.0.1 while real clients come and go,
// and a JSON body nested 70,000 levels deep.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "adapters/auth/jwt.h"
#include "domain/core/uuid.h"
#include "eventstore/clock.h"
#include "tests/support/serve_process.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

using namespace std::chrono_literals;

const std::string kSecret = "hostile-test-secret-hostile-test-secret";

// `eduledger serve` with this file's token secret (tests/support/serve_process.h).
struct ServeProcess : testing::ServeProcess {
  explicit ServeProcess(const std::vector<std::string>& args)
      : testing::ServeProcess(args, kSecret) {}
};
using testing::FreePort;

int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  timeval timeout{10, 0};  // a test never hangs on a server that does not answer
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

// One HTTP/1.1 exchange with Connection: close; the raw response.
std::string Http(int port, const std::string& method, const std::string& target,
                 const std::string& body = "", const std::string& extra_headers = "") {
  int fd = Connect(port);
  std::string request = method + " " + target +
                        " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + extra_headers +
                        "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = write(fd, request.data() + sent, request.size() - sent);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string response;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) response.append(buffer, static_cast<size_t>(n));
  close(fd);
  return response;
}

std::string Token(const std::string& sub) {
  JwtClaims claims;
  claims.sub = sub;
  claims.role = "student";
  claims.iat = SystemClock::Instance()->Now().micros / kMicrosPerSecond;
  claims.exp = *claims.iat + 300;
  return SignJwt(claims, kSecret);
}

std::string RegisterBody(const std::string& user) {
  return R"({"marketplace":"mentorship","user_id":")" + user +
         R"(","role":"student","email":"asha@example.in","name":"Asha Rao","academic_level":"college"})";
}

}  // namespace

TEST_CASE("binary: serve answers healthz and real clients while 1,000 idle sockets are held") {
  testing::TestDatabase db;
  int port = FreePort();
  ServeProcess serve({"--db", db.uri(), "--port", std::to_string(port), "--partitions", "2",
                      "--header-timeout-ms", "1500", "--max-connections-per-address", "32"});
  std::string output = serve.ReadUntil("listening on", 30s);
  REQUIRE_MESSAGE(output.find("listening on") != std::string::npos, output);

  // The flood: 1,000 connections that never send a byte (before: 256 of them made every request,
  // /healthz included, a 503 for as long as they were held).
  std::vector<int> flood;
  for (int i = 0; i < 1000; ++i) flood.push_back(Connect(port));

  std::string health = Http(port, "GET", "/healthz");
  CHECK_MESSAGE(health.rfind("HTTP/1.1 200 OK", 0) == 0, health.substr(0, 300));
  std::string user = ToString(DeriveUuid(EduledgerNamespace(), "hostile-serve-user"));
  std::string accepted =
      Http(port, "POST", "/v1/commands/RegisterUser", RegisterBody(user),
           "Authorization: Bearer " + Token(user) + "\r\nContent-Type: application/json\r\n");
  CHECK_MESSAGE(accepted.rfind("HTTP/1.1 200 OK", 0) == 0, accepted.substr(0, 400));

  // A connection that sends nothing is closed after the header timeout (before: 30 s).
  int idle = Connect(port);
  auto started = std::chrono::steady_clock::now();
  char byte;
  ssize_t got = read(idle, &byte, 1);
  auto waited = std::chrono::steady_clock::now() - started;
  CHECK(got <= 0);
  CHECK(waited < 6s);
  close(idle);
  for (int fd : flood) close(fd);

  // 70,000 nested '[' with a valid token (before: a segfault of the whole server).
  std::string bomb(70'000, '[');
  std::string refused =
      Http(port, "POST", "/v1/commands/RegisterUser", bomb,
           "Authorization: Bearer " + Token(user) + "\r\nContent-Type: application/json\r\n");
  CHECK_MESSAGE(refused.rfind("HTTP/1.1 400 Bad Request", 0) == 0, refused.substr(0, 300));
  CHECK(refused.find("json_too_deep") != std::string::npos);
  CHECK(serve.Alive());
  CHECK(Http(port, "GET", "/healthz").rfind("HTTP/1.1 200 OK", 0) == 0);

  CHECK(serve.Terminate(20s) == 0);
}

}  // namespace edu
