// The eduledger binary as an operator runs it: `token`, `serve` on a real PostgreSQL database
// (EDULEDGER_TEST_PG) with its projectors, `status`, and a clean stop on SIGTERM.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
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

const std::string kSecret = "serve-test-secret-serve-test-secret!";

struct Output {
  int exit_code = -1;
  std::string text;  // stdout and stderr
};

// Runs the binary to completion with `env` added to the environment.
Output RunBinary(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  std::string command = "env -u EDULEDGER_DB -u EDULEDGER_JWT_SECRET -u EDULEDGER_CONFIG";
  for (const auto& e : env) command += " '" + e + "'";
  command += " " + std::string(EDULEDGER_BINARY);
  for (const auto& a : args) command += " '" + a + "'";
  command += " 2>&1";
  Output out;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.text.append(buffer, n);
  int status = pclose(pipe);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

// `eduledger serve` with this file's token secret (tests/support/serve_process.h).
struct ServeProcess : testing::ServeProcess {
  explicit ServeProcess(const std::vector<std::string>& args)
      : testing::ServeProcess(args, kSecret) {}
};
using testing::FreePort;

// One HTTP/1.1 exchange with Connection: close; returns the raw response.
std::string Http(int port, const std::string& method, const std::string& target,
                 const std::string& body = "", const std::string& extra_headers = "") {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  std::string request = method + " " + target +
                        " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + extra_headers +
                        "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  REQUIRE(write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  std::string response;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) response.append(buffer, static_cast<size_t>(n));
  close(fd);
  return response;
}

}  // namespace

TEST_CASE("binary: eduledger token mints a token the server's verifier accepts") {
  std::string sub = "5b8fb884-313d-40d9-a9e2-d97059cdf164";
  Output out = RunBinary({"token", "--secret", kSecret, "--sub", sub, "--role", "admin", "--ttl",
                          "60", "--marketplace", "mentorship"});
  REQUIRE_MESSAGE(out.exit_code == 0, out.text);
  std::string token = out.text.substr(0, out.text.find('\n'));
  JwtClaims claims;
  auto rejected = VerifyJwt(token, kSecret, SystemClock::Instance()->Now(), &claims);
  REQUIRE_FALSE(rejected.has_value());
  CHECK(claims.sub == sub);
  CHECK(claims.role == "admin");
  CHECK(claims.marketplace == std::optional<std::string>("mentorship"));

  // The secret may come from the environment.
  out =
      RunBinary({"token", "--sub", sub, "--role", "student"}, {"EDULEDGER_JWT_SECRET=" + kSecret});
  CHECK(out.exit_code == 0);

  out = RunBinary({"token", "--secret", "short", "--sub", sub, "--role", "admin"});
  CHECK(out.exit_code == 2);
  CHECK(out.text.find("needs at least 32") != std::string::npos);
  out = RunBinary({"token", "--secret", kSecret, "--role", "admin"});
  CHECK(out.exit_code == 2);
  CHECK(out.text.find("--sub and --role are required") != std::string::npos);
  out = RunBinary({"token", "--secrt", kSecret});
  CHECK(out.exit_code == 2);
  CHECK(out.text.find("unknown option --secrt") != std::string::npos);
}

TEST_CASE("binary: serve and status explain their options and refuse bad ones") {
  for (const char* sub : {"serve", "status", "token"}) {
    Output help = RunBinary({sub, "--help"});
    CHECK_MESSAGE(help.exit_code == 0, sub);
    CHECK(help.text.find("usage: eduledger") != std::string::npos);
  }
  Output out = RunBinary({"serve", "--nope"});
  CHECK(out.exit_code == 2);
  CHECK(out.text.find("unknown option --nope") != std::string::npos);
  out = RunBinary({"serve", "--port", "abc"});
  CHECK(out.exit_code == 2);
  CHECK(
      out.text.find(
          R"(command-line flag --port: key 'http.port': expected an integer in 1..65535, got "abc")") !=
      std::string::npos);
  out = RunBinary({"serve", "--jwt-secret", kSecret});
  CHECK(out.exit_code == 1);
  CHECK(out.text.find("no database") != std::string::npos);
  out = RunBinary({"serve", "--db", "postgresql://nowhere/x"});
  CHECK(out.exit_code == 1);
  CHECK(out.text.find("no JWT secret") != std::string::npos);
  out = RunBinary({"status"});
  CHECK(out.exit_code == 2);
  CHECK(out.text.find("no database") != std::string::npos);
}

// Registers a user through a running serve and checks read-your-writes, the listings and health.
void RegisterAndRead(const testing::TestDatabase& db, int port, const std::string& user_name) {
  std::string user = ToString(DeriveUuid(EduledgerNamespace(), user_name));
  JwtClaims claims{user, "student", SystemClock::Instance()->Now().micros / kMicrosPerSecond + 300,
                   std::nullopt, std::nullopt};
  std::string body =
      R"({"marketplace":"mentorship","user_id":")" + user +
      R"(","role":"student","email":"asha@example.in","name":"Asha Rao","academic_level":"college"})";
  std::string response =
      Http(port, "POST", "/v1/commands/RegisterUser", body,
           "Authorization: Bearer " + SignJwt(claims, kSecret) +
               "\r\nX-Wait-For-Projection: mentorship\r\nContent-Type: application/json\r\n");
  REQUIRE_MESSAGE(response.rfind("HTTP/1.1 200 OK", 0) == 0, response);
  CHECK(response.find(R"("projection":{"name":"mentorship","applied":true})") != std::string::npos);
  // Read-your-writes: the row is there when the response arrives.
  CHECK(db.Scalar("SELECT count(*) FROM mentorship.users WHERE id = '" + user + "'") == "1");

  response = Http(port, "GET", "/v1/projections");
  CHECK(response.find(R"("name":"mentorship","state":"caught_up","lag":0)") != std::string::npos);
  CHECK(Http(port, "GET", "/healthz").find(R"({"status":"ok","partitions":4})") !=
        std::string::npos);
}

TEST_CASE("binary: serve accepts commands, projects them, reports status and stops on SIGTERM") {
  testing::TestDatabase db;
  int port = FreePort();
  ServeProcess serve({"--db", db.uri(), "--port", std::to_string(port), "--partitions", "4"});
  std::string output = serve.ReadUntil("listening on", 20s);
  REQUIRE_MESSAGE(
      output.find("listening on http://127.0.0.1:" + std::to_string(port)) != std::string::npos,
      output);
  RegisterAndRead(db, port, "serve-test-user");

  Output status = RunBinary({"status", "--db", db.uri()});
  CHECK_MESSAGE(status.exit_code == 0, status.text);
  CHECK(status.text.find("4 partitions, 1 events") != std::string::npos);
  CHECK(status.text.find("): running in schema mentorship; lag 0") != std::string::npos);

  CHECK(serve.Terminate(20s) == 0);
  CHECK(serve.ReadUntil("stopped", 1s).find("SIGTERM received, stopping") != std::string::npos);
}

TEST_CASE("binary: serve on the Kafka backend (librdkafka mock cluster in the process)") {
  testing::TestDatabase db;
  int port = FreePort();
  ServeProcess serve({"--db", db.uri(), "--port", std::to_string(port), "--partitions", "4",
                      "--log-backend", "kafka", "--kafka-bootstrap-servers", "mock"});
  std::string output = serve.ReadUntil("listening on", 60s);
  REQUIRE_MESSAGE(
      output.find("(log: kafka mock cluster in this process, in-memory and NOT durable") !=
          std::string::npos,
      output);
  RegisterAndRead(db, port, "serve-test-kafka-user");
  CHECK(serve.Terminate(30s) == 0);
}

}  // namespace edu
