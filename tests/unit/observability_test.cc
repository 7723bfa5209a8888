// Metrics (eventstore/metrics.h), structured log lines (eventstore/structured_log.h) and what the
// HTTP API records and logs for each answer (adapters/http/observability.h).
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include "adapters/auth/jwt.h"
#include "adapters/http/http_api.h"
#include "adapters/http/observability.h"
#include "commands/pipeline.h"
#include "commands/registry.h"
#include "domain/policies.h"
#include "eventstore/memory_event_log.h"
#include "eventstore/metrics.h"
#include "eventstore/structured_log.h"

namespace edu {
namespace {

rapidjson::Document ParseLine(const std::string& line) {
  rapidjson::Document doc;
  doc.Parse(line.data(), line.size());
  REQUIRE_MESSAGE(!doc.HasParseError(), line);
  REQUIRE(doc.IsObject());
  return doc;
}

std::string Str(const rapidjson::Value& object, const char* key) {
  auto m = object.FindMember(key);
  if (m == object.MemberEnd()) return "<absent>";
  if (!m->value.IsString()) return "<not a string>";
  return std::string(m->value.GetString(), m->value.GetStringLength());
}

// Captures the structured log lines written while it lives.
class CapturedLog {
 public:
  CapturedLog() {
    logging::SetSinkForTesting([this](const std::string& line) { lines_.push_back(line); });
  }
  ~CapturedLog() { logging::SetSinkForTesting(nullptr); }
  const std::vector<std::string>& lines() const { return lines_; }
  std::string all() const {
    std::string out;
    for (const auto& l : lines_) out += l;
    return out;
  }

 private:
  std::vector<std::string> lines_;
};

constexpr int64_t k2026 = 1'767'225'600'000'000;  // 2026-01-01T00:00:00Z

}  // namespace

TEST_CASE("metrics: counters, gauges and histograms render in the Prometheus text format") {
  metrics::MetricsRegistry r;
  r.DeclareCounter("requests_total", "Requests.\nSecond line.");
  r.Add("requests_total", {{"route", "/a"}, {"code", ""}});
  r.Add("requests_total", {{"route", "/a"}, {"code", ""}}, 2);
  r.Add("requests_total", {{"route", "say \"hi\"\\\n"}});
  r.Set("temperature", {}, 21.5);
  r.DeclareHistogram("latency_seconds", "Latency.", {0.1, 1});
  r.Observe("latency_seconds", {{"type", "X"}}, 0.05);
  r.Observe("latency_seconds", {{"type", "X"}}, 0.5);
  r.Observe("latency_seconds", {{"type", "X"}}, 7);

  const std::string text = r.Render();
  CHECK(text ==
        "# HELP latency_seconds Latency.\n"
        "# TYPE latency_seconds histogram\n"
        "latency_seconds_bucket{type=\"X\",le=\"0.1\"} 1\n"
        "latency_seconds_bucket{type=\"X\",le=\"1\"} 2\n"
        "latency_seconds_bucket{type=\"X\",le=\"+Inf\"} 3\n"
        "latency_seconds_sum{type=\"X\"} 7.55\n"
        "latency_seconds_count{type=\"X\"} 3\n"
        "# HELP requests_total Requests.\\nSecond line.\n"
        "# TYPE requests_total counter\n"
        "requests_total{route=\"/a\",code=\"\"} 3\n"
        "requests_total{route=\"say \\\"hi\\\"\\\\\\n\"} 1\n"
        "# TYPE temperature gauge\n"
        "temperature 21.5\n");
  CHECK(r.Value("requests_total", {{"route", "/a"}, {"code", ""}}) == 3);
  CHECK(r.Value("latency_seconds", {{"type", "X"}}) == 3);
  CHECK(r.Value("nothing", {}) == 0);

  // A state gauge is replaced as a whole: a series that no longer exists disappears.
  r.ReplaceGauge("state", {{{{"p", "a"}}, 1}, {{{"p", "b"}}, 1}});
  r.ReplaceGauge("state", {{{{"p", "b"}}, 1}});
  CHECK(r.Render().find("state{p=\"a\"}") == std::string::npos);
  CHECK(r.Render().find("state{p=\"b\"} 1\n") != std::string::npos);

  // Invalid UTF-8 in a label never breaks a scrape.
  CHECK(metrics::EscapeLabelValue(std::string("a\xFF"
                                              "b")) ==
        "a\xEF\xBF\xBD"
        "b");
}

TEST_CASE("structured log: one JSON object per line, secrets and personal fields redacted") {
  const std::string jwt = SignJwt(JwtClaims{"u", "student", 1, std::nullopt, std::nullopt},
                                  "a-secret-of-at-least-32-bytes-long!!");
  const std::string line = logging::FormatLine(
      k2026 + 123456, logging::Level::kWarn, "request_denied",
      {{"status", int64_t{401}},
       {"who", logging::Object{{"actor", "0b7e"}, {"ip", "127.0.0.1"}, {"email", "a@b.in"}}},
       {"why", logging::Object{{"code", "invalid_token"}, {"message", "got " + jwt}}},
       {"token", jwt},
       {"password", std::string("hunter2")},
       {"user_name", std::string("Asha Rao")},
       {"date_of_birth", std::string("2010-01-01")},
       {"error", std::string("connection to postgresql://edu:pw123@db:5432/x failed")},
       {"text", std::string("tab\t quote\" nul") + std::string(1, '\0') + "\xFF end"},
       {"ok", true},
       {"ratio", 0.5},
       {"level", std::string("forged")}});

  CHECK(line.find('\n') == std::string::npos);
  CHECK(line.rfind(
            R"({"ts":"2026-01-01T00:00:00.123456Z","level":"warn","event":"request_denied",)", 0) ==
        0);
  rapidjson::Document doc = ParseLine(line);
  CHECK(doc["status"].GetInt() == 401);
  CHECK(Str(doc["who"], "actor") == "0b7e");
  CHECK(Str(doc["who"], "ip") == "127.0.0.1");
  CHECK(Str(doc["who"], "email") == "[redacted]");
  CHECK(Str(doc["why"], "code") == "invalid_token");
  CHECK(Str(doc["why"], "message") == "[redacted]");  // holds a JWT
  CHECK(Str(doc, "token") == "[redacted]");
  CHECK(Str(doc, "password") == "[redacted]");
  CHECK(Str(doc, "user_name") == "[redacted]");
  CHECK(Str(doc, "date_of_birth") == "[redacted]");
  CHECK(Str(doc, "error") == "connection to postgresql://edu:[redacted]@db:5432/x failed");
  CHECK(Str(doc, "text") ==
        std::string("tab\t quote\" nul") + std::string(1, '\0') + "\xEF\xBF\xBD end");
  CHECK(doc["ok"].GetBool());
  CHECK(Str(doc, "level") == "warn");  // a field cannot forge the line's own keys
  for (const char* secret : {"hunter2", "pw123", "a@b.in", "Asha", "2010-01-01"}) {
    CHECK_MESSAGE(line.find(secret) == std::string::npos, secret);
  }
  CHECK(line.find(jwt.substr(0, 20)) == std::string::npos);

  CHECK(logging::IsSensitiveKey("refresh_token"));
  CHECK(logging::IsSensitiveKey("Authorization"));
  CHECK_FALSE(logging::IsSensitiveKey("projection"));
  CHECK_FALSE(logging::IsSensitiveKey("code"));
  CHECK_FALSE(logging::IsSensitiveKey("tokens_left"));
}

TEST_CASE("structured log: lines below the threshold are not written") {
  CapturedLog captured;
  logging::SetThreshold(logging::Level::kWarn);
  logging::Log(logging::Level::kInfo, "quiet");
  logging::Log(logging::Level::kError, "loud", {{"n", int64_t{1}}});
  logging::SetThreshold(logging::Level::kInfo);
  REQUIRE(captured.lines().size() == 1);
  CHECK(captured.lines()[0].back() == '\n');
  CHECK(Str(ParseLine(captured.lines()[0]), "event") == "loud");
}

TEST_CASE("observability: the HTTP API counts commands and logs denials with who, what and why") {
  const std::string secret = "observability-test-secret-0123456789";
  ManualClock clock{Timestamp{k2026}};
  MemoryEventLog log(2, &clock);
  Registry registry;
  RegisterAllMarketplaces(&registry);
  Policies policies;
  CommandPipeline pipeline(&log, &registry, &policies);
  HttpApiContext context;
  context.commands = &pipeline;
  context.log = &log;
  context.registry = &registry;
  context.clock = &clock;
  context.jwt_secret = secret;
  HttpApi api(context, std::chrono::milliseconds(0));

  const std::string student = "4b8d2c10-6f2e-4f8a-9a51-0c3e1f2a3b4c";
  const std::string token = SignJwt(
      JwtClaims{student, "student", k2026 / 1'000'000 + 600, std::nullopt, std::nullopt}, secret);
  auto post = [&](const std::string& type, const std::string& body, const std::string& bearer) {
    HttpRequestData request;
    request.method = "POST";
    request.target = "/v1/commands/" + type;
    request.peer_ip = "10.1.2.3";
    if (!bearer.empty()) request.headers["authorization"] = "Bearer " + bearer;
    request.body = body;
    return api.Handle(request);
  };
  auto& global = metrics::MetricsRegistry::Global();
  auto commands = [&](const char* type, const char* outcome, const char* code) {
    return global.Value("eduledger_commands_total",
                        {{"type", type}, {"outcome", outcome}, {"code", code}});
  };
  const double accepted_before = commands("RegisterUser", "accepted", "");
  const double forbidden_before = commands("ApproveMentor", "rejected", "role_not_allowed");
  const double unknown_before = commands("unknown", "rejected", "unknown_command_type");
  const double auth_before =
      global.Value("eduledger_authentications_rejected_total", {{"code", "invalid_token"}});

  CapturedLog captured;
  const std::string body =
      R"({"marketplace":"mentorship","user_id":")" + student +
      R"(","role":"student","email":"asha@example.in","name":"Asha Rao","academic_level":"college"})";
  REQUIRE(post("RegisterUser", body, token).status == 200);
  REQUIRE(post("ApproveMentor", R"({"marketplace":"mentorship"})", token).status == 403);
  REQUIRE(post("NoSuchCommand", R"({"marketplace":"mentorship"})", token).status == 404);
  const std::string forged = token.substr(0, token.size() - 4) + "AAAA";
  REQUIRE(post("RegisterUser", body, forged).status == 401);

  CHECK(commands("RegisterUser", "accepted", "") == accepted_before + 1);
  CHECK(commands("ApproveMentor", "rejected", "role_not_allowed") == forbidden_before + 1);
  // A client-chosen type never becomes a label.
  CHECK(commands("unknown", "rejected", "unknown_command_type") == unknown_before + 1);
  CHECK(global.Value("eduledger_authentications_rejected_total", {{"code", "invalid_token"}}) ==
        auth_before + 1);

  // Two denials, each one JSON line: who, what, why; never the token or the body.
  std::vector<rapidjson::Document> denials;
  for (const auto& line : captured.lines()) {
    rapidjson::Document doc = ParseLine(line);
    if (Str(doc, "event") == "request_denied") denials.push_back(std::move(doc));
  }
  REQUIRE(denials.size() == 2);
  CHECK(denials[0]["status"].GetInt() == 403);
  CHECK(Str(denials[0], "level") == "warn");
  CHECK(Str(denials[0]["who"], "actor") == student);
  CHECK(Str(denials[0]["who"], "role") == "student");
  CHECK(Str(denials[0]["who"], "ip") == "10.1.2.3");
  CHECK(Str(denials[0]["what"], "route") == "/v1/commands/{type}");
  CHECK(Str(denials[0]["what"], "command") == "ApproveMentor");
  CHECK(Str(denials[0]["why"], "code") == "role_not_allowed");
  CHECK(Str(denials[0]["why"], "message").find("student") != std::string::npos);
  CHECK(denials[1]["status"].GetInt() == 401);
  CHECK(Str(denials[1]["who"], "actor").empty());  // a forged token names nobody
  CHECK(Str(denials[1]["who"], "credentials") == "bearer token not accepted");
  CHECK(Str(denials[1]["why"], "code") == "invalid_token");
  const std::string all = captured.all();
  CHECK(all.find(token.substr(token.size() - 20)) == std::string::npos);
  CHECK(all.find(forged.substr(forged.size() - 20)) == std::string::npos);
  CHECK(all.find("asha@example.in") == std::string::npos);
  CHECK(all.find("Asha Rao") == std::string::npos);

  // GET /metrics: the text format, with the families above.
  HttpRequestData scrape;
  scrape.method = "GET";
  scrape.target = "/metrics";
  HttpResponseData metrics = api.Handle(scrape);
  CHECK(metrics.status == 200);
  bool text_plain = false;
  for (const auto& [name, value] : metrics.headers) {
    if (name == "Content-Type") text_plain = value.rfind("text/plain; version=0.0.4", 0) == 0;
  }
  CHECK(text_plain);
  CHECK(metrics.body.find("# TYPE eduledger_commands_total counter\n") != std::string::npos);
  CHECK(metrics.body.find("# TYPE eduledger_command_duration_seconds histogram\n") !=
        std::string::npos);
  CHECK(metrics.body.find("eduledger_command_duration_seconds_bucket{type=\"RegisterUser\",le=\"+"
                          "Inf\"}") != std::string::npos);
  CHECK(metrics.body.find("eduledger_projection_status_available 1\n") != std::string::npos);
}

TEST_CASE("observability: routes are bounded labels") {
  CHECK(RouteOf("/v1/commands/RegisterUser?x=1") == "/v1/commands/{type}");
  CHECK(RouteOf("/v1/commands") == "/v1/commands");
  CHECK(RouteOf("/v1/projections/mentorship/wait?partition=0") == "/v1/projections/{name}/wait");
  CHECK(RouteOf("/metrics") == "/metrics");
  CHECK(RouteOf("/v1/commands/a/b") == "other");
  CHECK(RouteOf("/../../etc/passwd") == "other");
}

}  // namespace edu
