// `eduledger serve` as an operator watches it: GET /metrics scraped after a few commands (one
// accepted, one refused, one by a forged token, and a lockout), checked for the counters and for
// the Prometheus text format itself; and the structured log lines on stderr, with the denials and
// without a secret.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include "adapters/auth/jwt.h"
#include "domain/core/uuid.h"
#include "eventstore/clock.h"
#include "tests/support/serve_process.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

using namespace std::chrono_literals;

const std::string kSecret = "metrics-test-secret-metrics-test-secret";

// `eduledger serve` with this file's token secret (tests/support/serve_process.h).
struct ServeProcess : testing::ServeProcess {
  explicit ServeProcess(const std::vector<std::string>& args)
      : testing::ServeProcess(args, kSecret) {}
};
using testing::FreePort;
using Reply = testing::HttpReply;

Reply Http(int port, const std::string& method, const std::string& target,
           const std::string& body = "", const std::string& extra_headers = "") {
  return testing::HttpExchange(port, method, target, body, extra_headers);
}

std::string Token(const std::string& sub, const std::string& role) {
  JwtClaims claims;
  claims.sub = sub;
  claims.role = role;
  claims.iat = SystemClock::Instance()->Now().micros / kMicrosPerSecond;
  claims.exp = *claims.iat + 300;
  return SignJwt(claims, kSecret);
}

// The samples of a scrape by series ("name{labels}"), after checking the text format: every line
// is a comment (# HELP / # TYPE name type) or "name{label="value",...} number"; a family's TYPE
// comes before its samples, once; histogram buckets are cumulative and end with le="+Inf", equal
// to _count.
std::map<std::string, double> ParseExposition(const std::string& text) {
  static const std::regex kSample(
      R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (-?[0-9.eE+-]+|\+Inf|-Inf|NaN)$)");
  static const std::regex kType(
      R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$)");
  std::map<std::string, double> samples;
  std::map<std::string, std::string> types;
  std::map<std::string, double> last_bucket;       // by series without le
  std::map<std::string, double> infinite_buckets;  // by the _count series they must equal
  static const std::regex kLe(R"(,?le="[^"]*")");
  std::istringstream lines(text);
  std::string line;
  CHECK(!text.empty());
  CHECK(text.back() == '\n');
  while (std::getline(lines, line)) {
    if (line.rfind("# HELP ", 0) == 0) continue;
    std::smatch m;
    if (line.rfind("# TYPE ", 0) == 0) {
      REQUIRE_MESSAGE(std::regex_match(line, m, kType), line);
      CHECK_MESSAGE(types.count(m[1]) == 0, "two TYPE lines: " << line);
      types[m[1]] = m[2];
      continue;
    }
    REQUIRE_MESSAGE(std::regex_match(line, m, kSample), line);
    std::string name = m[1];
    std::string family = name;
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      size_t at = name.size() - std::string(suffix).size();
      if (name.size() > std::string(suffix).size() &&
          name.compare(at, std::string::npos, suffix) == 0 && types.count(name.substr(0, at)) &&
          types[name.substr(0, at)] == "histogram") {
        family = name.substr(0, at);
      }
    }
    CHECK_MESSAGE(types.count(family) == 1, "sample before its TYPE: " << line);
    std::string series = line.substr(0, line.rfind(' '));
    double value = std::strtod(line.substr(line.rfind(' ') + 1).c_str(), nullptr);
    CHECK_MESSAGE(samples.count(series) == 0, "series twice: " << series);
    samples[series] = value;
    if (name == family + "_bucket") {
      const std::string key = std::regex_replace(series, kLe, "");
      CHECK_MESSAGE(value >= last_bucket[key], "buckets not cumulative: " << line);
      last_bucket[key] = value;
      if (series.find("le=\"+Inf\"") != std::string::npos) {
        // name_bucket{a="x"} -> name_count{a="x"}; name_bucket{} -> name_count
        std::string count = family + "_count" + key.substr(name.size());
        if (count.size() >= 2 && count.compare(count.size() - 2, 2, "{}") == 0) {
          count.resize(count.size() - 2);
        }
        infinite_buckets[count] = value;
      }
    }
  }
  CHECK(!infinite_buckets.empty());
  for (const auto& [count, value] : infinite_buckets) {
    CHECK_MESSAGE(samples.count(count) == 1, count);
    CHECK_MESSAGE(samples[count] == value, count);
  }
  return samples;
}

}  // namespace

TEST_CASE("binary: GET /metrics counts commands, denials and projections, and logs are JSON") {
  testing::TestDatabase db;
  const int port = FreePort();
  ServeProcess serve({"--db", db.uri(), "--port", std::to_string(port), "--partitions", "2",
                      "--auth-failures-before-lockout", "3"});
  const std::string started = serve.ReadUntil("listening on", 20s);
  REQUIRE_MESSAGE(started.find("listening on") != std::string::npos, started);

  const std::string student = ToString(DeriveUuid(EduledgerNamespace(), "metrics-test-student"));
  const std::string token = Token(student, "student");
  const std::string body =
      R"({"marketplace":"mentorship","user_id":")" + student +
      R"(","role":"student","email":"asha@example.in","name":"Asha Rao","academic_level":"college"})";
  const std::string bearer = "Authorization: Bearer " + token + "\r\n";

  Reply accepted = Http(port, "POST", "/v1/commands/RegisterUser", body,
                        bearer + "X-Wait-For-Projection: mentorship\r\n");
  REQUIRE_MESSAGE(accepted.status == 200, accepted.body);
  Reply refused =
      Http(port, "POST", "/v1/commands/ApproveMentor", R"({"marketplace":"mentorship"})", bearer);
  CHECK_MESSAGE(refused.status == 403, refused.body);
  Reply missing =
      Http(port, "POST", "/v1/commands/RegisterUser", R"({"marketplace":"mentorship"})", bearer);
  CHECK_MESSAGE(missing.status == 400, missing.body);
  // A forged token, three times: the third reaches the lockout of this address.
  const std::string forged = token.substr(0, token.size() - 6) + "AAAAAA";
  std::vector<int> forged_statuses;
  for (int i = 0; i < 4; ++i) {
    forged_statuses.push_back(Http(port, "POST", "/v1/commands/RegisterUser", body,
                                   "Authorization: Bearer " + forged + "\r\n")
                                  .status);
  }
  CHECK(forged_statuses == std::vector<int>{401, 401, 401, 429});

  Reply scrape = Http(port, "GET", "/metrics");
  REQUIRE(scrape.status == 200);
  CHECK(scrape.head.find("Content-Type: text/plain; version=0.0.4") != std::string::npos);
  std::map<std::string, double> m = ParseExposition(scrape.body);
  auto value = [&](const std::string& series) {
    auto it = m.find(series);
    return it == m.end() ? -1.0 : it->second;
  };
  CHECK(value(R"(eduledger_commands_total{type="RegisterUser",outcome="accepted",code=""})") == 1);
  CHECK(
      value(
          R"(eduledger_commands_total{type="ApproveMentor",outcome="rejected",code="role_not_allowed"})") ==
      1);
  CHECK(
      value(
          R"(eduledger_commands_total{type="RegisterUser",outcome="rejected",code="missing_field"})") ==
      1);
  CHECK(
      value(
          R"(eduledger_commands_total{type="RegisterUser",outcome="rejected",code="invalid_token"})") ==
      3);
  CHECK(value(R"(eduledger_authentications_rejected_total{code="invalid_token"})") == 3);
  CHECK(
      value(
          R"(eduledger_rate_limited_requests_total{route="/v1/commands/{type}",code="too_many_failed_authentications"})") ==
      1);
  // Latency histograms: every RegisterUser answered, by type; and every request by route.
  CHECK(value(R"(eduledger_command_duration_seconds_count{type="RegisterUser"})") == 6);
  CHECK(
      value(
          R"(eduledger_http_requests_total{route="/v1/commands/{type}",method="POST",status="200"})") ==
      1);
  CHECK(value(R"(eduledger_http_request_duration_seconds_count{route="/v1/commands/{type}"})") ==
        7);
  // One append request committed; the group-commit histogram saw it.
  CHECK(value(R"(eduledger_log_group_commit_appends_count{backend="postgresql"})") >= 1);
  CHECK(value(R"(eduledger_log_appended_events_total{backend="postgresql"})") >= 1);
  // Projections: state and lag per partition.
  CHECK(value(R"(eduledger_projection_state{projection="mentorship",state="caught_up"})") == 1);
  CHECK(value(R"(eduledger_projection_lag_events{projection="mentorship",partition="0"})") == 0);
  CHECK(value(R"(eduledger_projection_lag_events{projection="mentorship",partition="1"})") == 0);
  CHECK(value("eduledger_projection_status_available") == 1);

  // Logs: every line on stderr that is not the startup banner is one JSON object; the denials are
  // there with who, what and why; no token, no personal field.
  const std::string output = serve.ReadUntil("too_many_failed_authentications", 5s);
  int denials = 0;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '{') continue;
    rapidjson::Document doc;
    doc.Parse(line.c_str());
    REQUIRE_MESSAGE(!doc.HasParseError(), line);
    REQUIRE(doc.IsObject());
    CHECK(doc.HasMember("ts"));
    CHECK(doc.HasMember("level"));
    if (std::string(doc["event"].GetString()) != "request_denied") continue;
    ++denials;
    CHECK(doc["who"].HasMember("ip"));
    CHECK(doc["what"].HasMember("route"));
    CHECK(doc["why"].HasMember("code"));
  }
  CHECK_MESSAGE(denials == 5, output);  // 403 + 3 x 401 + 429
  CHECK(output.find(R"("who":{"actor":")" + student + R"(","role":"student","ip":"127.0.0.1"})") !=
        std::string::npos);
  CHECK(output.find(R"("why":{"code":"role_not_allowed")") != std::string::npos);
  CHECK(output.find(token.substr(token.rfind('.'))) == std::string::npos);
  CHECK(output.find(forged.substr(forged.rfind('.'))) == std::string::npos);
  CHECK(output.find("asha@example.in") == std::string::npos);
  CHECK(output.find("Asha Rao") == std::string::npos);
}

}  // namespace edu
