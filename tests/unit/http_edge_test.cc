// Hostile input at the HTTP edge (issue 11 #2, #6, #7, #8, #10): the API (HttpApi, no sockets)
// over a MemoryEventLog, the real registry and pipeline. Each case is an input that once crashed
// the server or answered wrongly.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include "adapters/auth/jwt.h"
#include "adapters/http/http_api.h"
#include "adapters/http/json_guard.h"
#include "adapters/http/rate_limiter.h"
#include "commands/pipeline.h"
#include "commands/registry.h"
#include "eventstore/fault_injecting_log.h"
#include "eventstore/memory_event_log.h"

namespace edu {
namespace {

using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

const std::string kSecret = "edge-secret-edge-secret-edge-secret!";
const Timestamp kStart = *ParseIso8601("2026-03-02T09:00:00Z");

std::string NewId() {
  static std::atomic<int> n{0};
  return ToString(DeriveUuid(EduledgerNamespace(), "http-edge-test-" + std::to_string(++n)));
}

// Holds every command lookup for a moment, so that concurrent twins all find "not handled yet"
// and race into decide and append (what real clients did in the issue).
class SlowLookupLog : public FaultInjectingEventLog {
 public:
  using FaultInjectingEventLog::FaultInjectingEventLog;
  std::atomic<int> delay_ms{0};
  Status LookupCommand(const Uuid& id, std::optional<CommandRecord>* out) override {
    Status s = FaultInjectingEventLog::LookupCommand(id, out);
    if (s.ok() && !out->has_value() && delay_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms.load()));
    }
    return s;
  }
};

struct Answer {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;
  rapidjson::Document json;
  std::string Code() const {
    if (!json.IsObject() || !json.HasMember("error")) return "<none>";
    return json["error"]["code"].GetString();
  }
  std::string Message() const {
    if (!json.IsObject() || !json.HasMember("error")) return "<none>";
    return json["error"]["message"].GetString();
  }
  std::string Str(const char* name) const {
    return json.IsObject() && json.HasMember(name) && json[name].IsString() ? json[name].GetString()
                                                                            : "<absent>";
  }
};

class Edge {
 public:
  explicit Edge(HttpApiOptions options = {}) : memory_(4), log_(&memory_), clock_(kStart) {
    RegisterAllMarketplaces(&registry_);
    pipeline_ = std::make_unique<CommandPipeline>(&log_, &registry_, &policies_);
    api_ = std::make_unique<HttpApi>(
        HttpApiContext{pipeline_.get(), &log_, &registry_, &clock_, kSecret, nullptr},
        std::move(options));
  }

  std::string Token(const std::string& sub, const std::string& role = "student",
                    int64_t lifetime = 3600) const {
    JwtClaims c;
    c.sub = sub;
    c.role = role;
    c.iat = clock_.Now().micros / kMicrosPerSecond;
    c.exp = *c.iat + lifetime;
    return SignJwt(c, kSecret);
  }

  Answer Send(const std::string& method, const std::string& target, const std::string& body,
              std::map<std::string, std::string> headers, const std::string& peer = "10.0.0.1") {
    HttpRequestData r;
    r.method = method;
    r.target = target;
    r.headers = std::move(headers);
    r.body = body;
    r.peer_ip = peer;
    HttpResponseData out = api_->Handle(r);
    Answer a;
    a.status = out.status;
    a.body = out.body;
    for (const auto& [k, v] : out.headers) a.headers[k] = v;
    a.json.Parse(a.body.c_str());
    return a;
  }

  Answer Post(const std::string& type, const std::string& body, const std::string& token,
              const std::string& key = "", const std::string& peer = "10.0.0.1") {
    std::map<std::string, std::string> headers = {{"authorization", "Bearer " + token}};
    if (!key.empty()) headers["idempotency-key"] = key;
    return Send("POST", "/v1/commands/" + type, body, headers, peer);
  }

  static std::string RegisterBody(const std::string& user_id) {
    return R"({"marketplace":"mentorship","user_id":")" + user_id +
           R"(","role":"student","email":"asha@example.in","name":"Asha Rao","academic_level":"college"})";
  }

  int64_t TotalEvents() {
    std::vector<int64_t> ends;
    REQUIRE(memory_.EndOffsets(&ends).ok());
    int64_t total = 0;
    for (int64_t e : ends) total += e;
    return total;
  }

  MemoryEventLog memory_;
  SlowLookupLog log_;
  ManualClock clock_;
  Registry registry_;
  Policies policies_;
  std::unique_ptr<CommandPipeline> pipeline_;
  std::unique_ptr<HttpApi> api_;
};

}  // namespace

TEST_CASE("http edge: 70,000 nested brackets are a 400 json_too_deep, not a crash") {
  Edge edge;
  std::string user = NewId();
  std::string bomb(70'000, '[');  // the issue's 140 KB body, half of it never closed
  bomb += std::string(70'000, ']');
  Answer a = edge.Post("RegisterUser", bomb, edge.Token(user));
  CHECK(a.status == 400);
  CHECK(a.Code() == "json_too_deep");
  CHECK(a.Message().find("deeper than 64 levels") != std::string::npos);
  // The same inside an object, unterminated: the depth is what is refused, not the syntax.
  a = edge.Post("RegisterUser", R"({"marketplace":"mentorship","name":)" + std::string(70'000, '['),
                edge.Token(user));
  CHECK(a.Code() == "json_too_deep");
  CHECK(edge.TotalEvents() == 0);

  auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  CHECK_FALSE(CheckJsonBounds(nested(64), 64).has_value());
  REQUIRE(CheckJsonBounds(nested(65), 64).has_value());
  CHECK(CheckJsonBounds(nested(65), 64)->code == "json_too_deep");
  // Syntax errors are left to the parser that names them.
  CHECK_FALSE(CheckJsonBounds(R"({"a":)", 64).has_value());
}

TEST_CASE("http edge: a duplicate JSON key is a 400 that names the key") {
  Edge edge;
  std::string user = NewId();
  std::string body =
      R"({"marketplace":"mentorship","user_id":")" + user +
      R"(","role":"student","email":"a@example.in","name":"Asha","name":"Mallory","academic_level":"college"})";
  Answer a = edge.Post("RegisterUser", body, edge.Token(user));
  CHECK(a.status == 400);
  CHECK(a.Code() == "duplicate_key");
  CHECK(a.Message() == "the JSON body has the key 'name' twice");
  CHECK(edge.TotalEvents() == 0);

  auto r = CheckJsonBounds(R"({"hourly_rate":{"minor":1,"minor":2},"x":[{"k":1},{"k":2}]})", 64);
  REQUIRE(r.has_value());
  CHECK(r->message == "the JSON body has the key 'hourly_rate.minor' twice");
  // The same key in sibling objects is fine.
  CHECK_FALSE(CheckJsonBounds(R"({"x":[{"k":1},{"k":2}],"y":{"k":3}})", 64).has_value());
}

TEST_CASE("http edge: concurrent retries with one Idempotency-Key all get the first result") {
  Edge edge;
  edge.log_.delay_ms = 30;  // every twin passes the "already handled?" check before any appends
  constexpr int kTwins = 8;
  for (int round = 0; round < 3; ++round) {
    std::string user = NewId();
    std::string key = NewId();
    std::string token = edge.Token(user);
    std::vector<Answer> answers(kTwins);
    std::vector<std::thread> threads;
    for (int i = 0; i < kTwins; ++i) {
      threads.emplace_back([&, i] {
        answers[static_cast<size_t>(i)] =
            edge.Post("RegisterUser", Edge::RegisterBody(user), token, key);
      });
    }
    for (auto& t : threads) t.join();
    int replayed = 0;
    for (const Answer& a : answers) {
      REQUIRE_MESSAGE(a.status == 200, a.body);
      CHECK(a.Str("command_id") == answers[0].Str("command_id"));
      CHECK(a.Str("stream_id") == answers[0].Str("stream_id"));
      CHECK(std::string(a.json["events"][0]["event_id"].GetString()) ==
            answers[0].json["events"][0]["event_id"].GetString());
      replayed += a.json["replayed"].GetBool() ? 1 : 0;
    }
    CHECK(replayed == kTwins - 1);
    CHECK(edge.TotalEvents() == round + 1);
  }
}

TEST_CASE("http edge: Idempotency-Keys are scoped to the actor") {
  Edge edge;
  std::string alice = NewId(), mallory = NewId();
  std::string key = NewId();
  Answer first = edge.Post("RegisterUser", Edge::RegisterBody(alice), edge.Token(alice), key);
  REQUIRE_MESSAGE(first.status == 200, first.body);

  // Mallory replays Alice's key and body: her own command, decided on its own, never Alice's
  // result (before: 200 with Alice's events, "replayed": true).
  Answer replayed = edge.Post("RegisterUser", Edge::RegisterBody(alice), edge.Token(mallory), key);
  CHECK(replayed.status == 409);
  CHECK(replayed.Code() == "user_already_registered");
  CHECK(replayed.body.find(first.Str("command_id")) == std::string::npos);

  // The same key for her own registration is her own new command.
  Answer own = edge.Post("RegisterUser", Edge::RegisterBody(mallory), edge.Token(mallory), key);
  REQUIRE_MESSAGE(own.status == 200, own.body);
  CHECK_FALSE(own.json["replayed"].GetBool());
  CHECK(own.Str("command_id") != first.Str("command_id"));
  CHECK(edge.TotalEvents() == 2);

  // Alice's retry still gets her first result.
  Answer retry = edge.Post("RegisterUser", Edge::RegisterBody(alice), edge.Token(alice), key);
  REQUIRE(retry.status == 200);
  CHECK(retry.json["replayed"].GetBool());
  CHECK(retry.Str("command_id") == first.Str("command_id"));
}

TEST_CASE("http edge: a flood gets 429 with Retry-After and other actors are unaffected") {
  HttpApiOptions options;
  options.rate_limits = RateLimitOptions::Prd();
  Edge edge(options);
  std::string flooder = NewId(), other = NewId();
  int accepted = 0, limited = 0;
  Answer last;
  for (int i = 0; i < 120; ++i) {
    Answer a = edge.Post("RegisterUser", Edge::RegisterBody(NewId()), edge.Token(flooder));
    if (a.status == 429) {
      ++limited;
      last = std::move(a);
    } else {
      ++accepted;
    }
  }
  CHECK(accepted == 100);  // PRD §14.1: 100 API requests a minute
  CHECK(limited == 20);
  CHECK(last.Code() == "rate_limited");
  CHECK(last.headers["Retry-After"] == "1");
  CHECK(last.Message().find("100 requests per 60 s per actor in marketplace 'mentorship'") !=
        std::string::npos);

  Answer unaffected = edge.Post("RegisterUser", Edge::RegisterBody(other), edge.Token(other));
  CHECK_MESSAGE(unaffected.status == 200, unaffected.body);

  // Per route: BookSession 3 a minute (the body need not be valid: every request counts).
  std::string booker = NewId();
  for (int i = 0; i < 3; ++i) {
    CHECK(edge.Post("BookSession", R"({"marketplace":"mentorship"})", edge.Token(booker)).status !=
          429);
  }
  Answer fourth = edge.Post("BookSession", R"({"marketplace":"mentorship"})", edge.Token(booker));
  CHECK(fourth.status == 429);
  CHECK(fourth.headers["Retry-After"] == "20");
  // Other command types of that actor still go through.
  CHECK(edge.Post("RegisterUser", Edge::RegisterBody(booker), edge.Token(booker)).status == 200);
  // The payment gateway is exempt.
  for (int i = 0; i < 15; ++i) {
    CHECK(edge.Post("CapturePayment", R"({"marketplace":"mentorship"})",
                    edge.Token("system:razorpay", "gateway"))
              .status != 429);
  }
}

TEST_CASE("http edge: the rate limiter refills, locks out and forgives by the clock") {
  RateLimitOptions o = RateLimitOptions::Prd();
  RateLimiter limiter(o);
  auto t0 = Steady::now();
  for (int i = 0; i < 3; ++i)
    CHECK(limiter.AdmitCommand("s", "student", "mentorship", "BookSession", t0).allowed);
  auto refused = limiter.AdmitCommand("s", "student", "mentorship", "BookSession", t0);
  CHECK_FALSE(refused.allowed);
  CHECK(refused.retry_after_seconds == 20);
  CHECK(limiter.AdmitCommand("s", "student", "mentorship", "BookSession", t0 + 20s).allowed);
  CHECK_FALSE(limiter.AdmitCommand("s", "student", "mentorship", "BookSession", t0 + 21s).allowed);

  for (int i = 0; i < 5; ++i) CHECK(limiter.AuthenticationFailed("10.0.0.9", t0).allowed);
  auto locked = limiter.AuthenticationFailed("10.0.0.9", t0 + 1s);
  CHECK_FALSE(locked.allowed);
  CHECK(locked.retry_after_seconds == 899);
  CHECK(limiter.AuthenticationFailed("10.0.0.10", t0 + 1s).allowed);   // another address
  CHECK(limiter.AuthenticationFailed("10.0.0.9", t0 + 900s).allowed);  // lockout over
}

TEST_CASE("http edge: forged tokens lock the address out, valid tokens are still served") {
  HttpApiOptions options;
  options.rate_limits = RateLimitOptions::Prd();
  Edge edge(options);
  std::string forged = edge.Token(NewId()) + "x";
  for (int i = 0; i < 5; ++i) {
    Answer a = edge.Post("RegisterUser", "{}", forged, "", "10.6.6.6");
    CHECK(a.status == 401);
  }
  Answer locked = edge.Post("RegisterUser", "{}", forged, "", "10.6.6.6");
  CHECK(locked.status == 429);
  CHECK(locked.Code() == "too_many_failed_authentications");
  CHECK(locked.headers["Retry-After"] == "900");
  // No token at all counts too.
  Answer none = edge.Send("POST", "/v1/commands/RegisterUser", "{}", {}, "10.6.6.6");
  CHECK(none.status == 429);
  // A user behind the same address with a valid token is served; other addresses are untouched.
  std::string user = NewId();
  CHECK(edge.Post("RegisterUser", Edge::RegisterBody(user), edge.Token(user), "", "10.6.6.6")
            .status == 200);
  CHECK(edge.Post("RegisterUser", "{}", forged, "", "10.7.7.7").status == 401);
}

TEST_CASE("http edge: tokens must have an exp and a bounded lifetime") {
  HttpApiOptions options;
  options.max_token_lifetime_seconds = 86'400;
  Edge edge(options);
  std::string user = NewId();
  Answer a = edge.Post("RegisterUser", Edge::RegisterBody(user),
                       edge.Token(user, "student", 365LL * 86'400));
  CHECK(a.status == 401);
  CHECK(a.Code() == "invalid_token");
  CHECK(a.Message() == "token lifetime of 31536000 s exceeds the server's maximum of 86400 s");

  JwtClaims no_iat;
  no_iat.sub = user;
  no_iat.role = "student";
  no_iat.exp = edge.clock_.Now().micros / kMicrosPerSecond + 2 * 86'400;
  a = edge.Post("RegisterUser", Edge::RegisterBody(user), SignJwt(no_iat, kSecret));
  CHECK(a.status == 401);
  // An iat in the future does not stretch the lifetime.
  JwtClaims future = no_iat;
  future.iat = future.exp - 3600;
  a = edge.Post("RegisterUser", Edge::RegisterBody(user), SignJwt(future, kSecret));
  CHECK(a.status == 401);

  a = edge.Post("RegisterUser", Edge::RegisterBody(user), edge.Token(user, "student", 86'400));
  CHECK_MESSAGE(a.status == 200, a.body);
}

TEST_CASE("http edge: 503s carry Retry-After and no storage details") {
  Edge edge;
  std::string user = NewId();
  edge.log_.FailAllAppends(FaultPoint::kBeforeDelegating);
  Answer a = edge.Post("RegisterUser", Edge::RegisterBody(user), edge.Token(user));
  CHECK(a.status == 503);
  CHECK(a.Code() == "log_unavailable");
  CHECK(a.headers["Retry-After"] == "1");
  CHECK(a.Message().find("incident ") != std::string::npos);
  // The injected status text ("append failed before reaching the log", with the stream id) stays
  // in the server log.
  CHECK(a.Message().find("reaching the log") == std::string::npos);
  CHECK(a.Message().find("mentorship.user-") == std::string::npos);
  edge.log_.ClearFaults();

  edge.log_.FailReads(-1);
  Answer health = edge.Send("GET", "/healthz", "", {});
  CHECK(health.status == 503);
  CHECK(health.headers["Retry-After"] == "1");
  CHECK(health.Message().find("injected") == std::string::npos);
  edge.log_.ClearFaults();
}

}  // namespace edu
