// The HTTP command API as a client sees it: the server runs in-process on a free port over a
// MemoryEventLog (behind a FaultInjectingEventLog), the real registry and a ManualClock, and the
// tests talk to it over real sockets. Every refusal also checks that nothing reached the log.
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "adapters/http_server.h"
#include "adapters/jwt.h"
#include "commands/pipeline.h"
#include "commands/registry.h"
#include "eventstore/fault_injecting_log.h"
#include "eventstore/memory_event_log.h"

namespace edu {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

const std::string kSecret = "e2e-secret-e2e-secret-e2e-secret-!!";
const Timestamp kStart = *ParseIso8601("2026-03-02T09:00:00Z");
constexpr int64_t kMaxBody = 64 * 1024;

// A projection source whose progress the test sets by hand.
class FakeProjections : public ProjectionStatusSource {
 public:
  std::vector<std::string> Names() const override { return {"mentorship"}; }
  Status List(std::vector<ProjectionStatus>* out) override {
    std::lock_guard<std::mutex> lock(mu_);
    ProjectionStatus p{"mentorship", "running", "", {}};
    for (int i = 0; i < 2; ++i) p.partitions.push_back({i, applied_[i], applied_[i] + 3, 3});
    out->assign(1, p);
    return Status::OK();
  }
  Status WaitForPosition(const std::string& name, int partition, int64_t offset,
                         std::chrono::milliseconds timeout) override {
    if (name != "mentorship") return Status::NotFound("no projection " + name);
    std::unique_lock<std::mutex> lock(mu_);
    bool ok = cv_.wait_for(lock, timeout, [&] { return applied_[partition] > offset; });
    return ok ? Status::OK() : Status::Timeout("not yet");
  }
  // The projection has applied every offset below `next` of `partition`.
  void Apply(int partition, int64_t next) {
    std::lock_guard<std::mutex> lock(mu_);
    applied_[partition] = next;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<int, int64_t> applied_;
};

struct Response {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  rapidjson::Document json;

  std::string Str(const char* a, const char* b = nullptr) const {
    const rapidjson::Value* v = &json;
    for (const char* key : {a, b}) {
      if (key == nullptr) break;
      if (!v->IsObject() || !v->HasMember(key)) return "<absent>";
      v = &(*v)[key];
    }
    return v->IsString() ? v->GetString() : "<not a string>";
  }
  std::string Code() const { return Str("error", "code"); }
};

Response Parse(const http::response<http::string_body>& res) {
  Response r;
  r.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string(f.value());
  }
  r.body = res.body();
  r.json.Parse(r.body.c_str());
  return r;
}

// One request on a fresh connection.
Response Send(int port, const std::string& method, const std::string& target,
              const std::string& body = "",
              const std::map<std::string, std::string>& headers = {}) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(port)));
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::user_agent, "http-api-test/1");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  http::write(socket, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
  return Parse(res);
}

// Raw bytes in, whatever the server answers out (until it closes or `wait` passes).
std::string RawExchange(int port, const std::string& bytes,
                        std::chrono::milliseconds wait = 3000ms) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(port)));
  net::write(socket, net::buffer(bytes));
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + wait;
  socket.non_blocking(true);
  char chunk[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    beast::error_code ec;
    size_t n = socket.read_some(net::buffer(chunk), ec);
    if (ec == net::error::would_block) {
      std::this_thread::sleep_for(5ms);
      continue;
    }
    if (ec) break;
    out.append(chunk, n);
  }
  return out;
}

std::string StatusLine(const std::string& raw) { return raw.substr(0, raw.find("\r\n")); }
std::string BodyOf(const std::string& raw) {
  auto p = raw.find("\r\n\r\n");
  return p == std::string::npos ? "" : raw.substr(p + 4);
}

std::string NewId() {
  static int n = 0;
  return ToString(DeriveUuid(EduledgerNamespace(), "http-api-test-" + std::to_string(++n)));
}

class ApiFixture {
 public:
  explicit ApiFixture(HttpServerOptions options = DefaultOptions())
      : memory_(4), log_(&memory_), clock_(kStart) {
    RegisterAllMarketplaces(&registry_);
    pipeline_ = std::make_unique<CommandPipeline>(&log_, &registry_, &policies_);
    server_ = std::make_unique<HttpServer>(
        HttpApiContext{pipeline_.get(), &log_, &registry_, &clock_, kSecret, &projections_},
        options);
    Status s = server_->Start();
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    REQUIRE(server_->port() > 0);
  }

  static HttpServerOptions DefaultOptions() {
    HttpServerOptions o;
    o.port = 0;
    o.max_body_bytes = kMaxBody;
    o.read_timeout = 400ms;
    o.write_timeout = 2000ms;
    o.max_wait = 2000ms;
    return o;
  }

  int port() const { return server_->port(); }

  std::string Token(const std::string& sub, const std::string& role,
                    std::optional<std::string> marketplace = std::nullopt) const {
    JwtClaims c;
    c.sub = sub;
    c.role = role;
    c.exp = clock_.Now().micros / kMicrosPerSecond + 3600;
    c.marketplace = std::move(marketplace);
    return SignJwt(c, kSecret);
  }

  Response Post(const std::string& type, const std::string& body, const std::string& token,
                std::map<std::string, std::string> headers = {}) {
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    headers.emplace("Content-Type", "application/json");
    return Send(port(), "POST", "/v1/commands/" + type, body, headers);
  }

  int64_t TotalEvents() {
    std::vector<int64_t> ends;
    REQUIRE(memory_.EndOffsets(&ends).ok());
    int64_t total = 0;
    for (int64_t e : ends) total += e;
    return total;
  }

  // A registered student; returns its id.
  std::string RegisterStudent() {
    std::string id = NewId();
    Response r = Post("RegisterUser", RegisterBody(id), Token(id, "student"));
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return id;
  }

  static std::string RegisterBody(const std::string& user_id, const std::string& extra = "") {
    return R"({"marketplace":"mentorship","user_id":")" + user_id +
           R"(","role":"student","email":"asha@example.in","name":"Asha Rao","academic_level":"college")" +
           extra + "}";
  }

  MemoryEventLog memory_;
  FaultInjectingEventLog log_;
  ManualClock clock_;
  Registry registry_;
  Policies policies_;
  FakeProjections projections_;
  std::unique_ptr<CommandPipeline> pipeline_;
  std::unique_ptr<HttpServer> server_;
};

// Asserts a JSON error with this status and code, and that the log did not grow.
#define CHECK_REFUSED(response, fixture, before, want_status, want_code) \
  do {                                                                   \
    CHECK_MESSAGE((response).status == (want_status), (response).body);  \
    CHECK((response).Code() == (want_code));                             \
    CHECK((response).headers["content-type"] == "application/json");     \
    CHECK((response).Str("error", "message").size() > 0);                \
    CHECK((fixture).TotalEvents() == (before));                          \
  } while (0)

}  // namespace

TEST_CASE("http api: a valid RegisterUser is accepted with the events' log positions") {
  ApiFixture f;
  std::string id = NewId();
  std::string key = NewId();
  std::string correlation = NewId();
  Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"),
                      {{"Idempotency-Key", key}, {"X-Correlation-Id", correlation}});
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.headers["content-type"] == "application/json");
  // The command id is the Idempotency-Key scoped to the actor (issue 11 #7).
  const std::string command_id = ToString(DeriveUuid(*ParseUuid(key), "actor:" + id));
  CHECK(r.headers["x-command-id"] == command_id);
  CHECK(r.Str("status") == "accepted");
  CHECK(r.Str("command_id") == command_id);
  CHECK(r.json["replayed"].GetBool() == false);
  std::string stream = "mentorship.user-" + id;
  CHECK(r.Str("stream_id") == stream);
  CHECK(r.json["stream_version"].GetInt64() == 1);
  REQUIRE(r.json["events"].Size() == 1);
  const auto& e = r.json["events"][0];
  CHECK(std::string(e["type"].GetString()) == "UserRegistered");
  CHECK(e["partition"].GetInt() == f.memory_.PartitionOf(stream));
  CHECK(e["offset"].GetInt64() == 0);
  CHECK(f.TotalEvents() == 1);

  // What the log keeps: actor from the token, time from the server clock, request metadata.
  std::vector<RecordedEvent> events;
  REQUIRE(f.memory_.ReadStream(stream, 1, &events).ok());
  REQUIRE(events.size() == 1);
  CHECK(events[0].actor == Actor{id, "student"});
  CHECK(events[0].occurred_at == kStart);
  CHECK(ToString(events[0].causation_id) == command_id);
  CHECK(ToString(events[0].correlation_id) == correlation);
  CHECK(events[0].metadata.at("ip") == "127.0.0.1");
  CHECK(events[0].metadata.at("user_agent") == "http-api-test/1");
}

TEST_CASE("http api: without an Idempotency-Key the server picks a fresh command id") {
  ApiFixture f;
  std::string id = NewId();
  Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"));
  REQUIRE(r.status == 200);
  auto command_id = ParseUuid(r.Str("command_id"));
  REQUIRE(command_id.has_value());
  CHECK(command_id->version() == boost::uuids::uuid::version_random_number_based);
}

TEST_CASE("http api: each bad request gets its specific error and appends nothing") {
  ApiFixture f;
  std::string student = f.RegisterStudent();
  const int64_t before = f.TotalEvents();
  REQUIRE(before == 1);
  std::string id = NewId();
  std::string token = f.Token(id, "student");

  SUBCASE("malformed JSON") {
    Response r = f.Post("RegisterUser", R"({"marketplace": "mentorship", )", token);
    CHECK_REFUSED(r, f, before, 400, "malformed_json");
  }
  SUBCASE("unknown command type") {
    Response r = f.Post("RegisterUsr", ApiFixture::RegisterBody(id), token);
    CHECK_REFUSED(r, f, before, 404, "unknown_command_type");
  }
  SUBCASE("missing field") {
    Response r =
        f.Post("RegisterUser",
               R"({"marketplace":"mentorship","user_id":")" + id + R"(","name":"A"})", token);
    CHECK_REFUSED(r, f, before, 400, "missing_field");
    CHECK(r.Str("error", "message").find("email") != std::string::npos);
  }
  SUBCASE("negative amount") {
    std::string body =
        R"({"marketplace":"mentorship","mentor_id":")" + NewId() + R"(","user_id":")" + student +
        R"(","title":"Engineer","experience_years":5,"student_levels_served":["college"],)"
        R"("hourly_rate":{"minor":-5,"currency":"INR"},"primary_language":"en"})";
    Response r = f.Post("ApplyAsMentor", body, f.Token(student, "mentor"));
    CHECK_REFUSED(r, f, before, 422, "invalid_amount");
  }
  SUBCASE("missing token") {
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), "");
    CHECK_REFUSED(r, f, before, 401, "unauthenticated");
    CHECK(r.headers["www-authenticate"] == "Bearer realm=\"eduledger\"");
  }
  SUBCASE("invalid token") {
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), token + "x");
    CHECK_REFUSED(r, f, before, 401, "invalid_token");
    CHECK(r.headers["www-authenticate"].find("error=\"invalid_token\"") != std::string::npos);
  }
  SUBCASE("a token signed with another secret") {
    JwtClaims c{id, "admin", kStart.micros / kMicrosPerSecond + 60, std::nullopt, std::nullopt};
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id),
                        SignJwt(c, "attacker-secret-attacker-secret-!!"));
    CHECK_REFUSED(r, f, before, 401, "invalid_token");
  }
  SUBCASE("not a bearer token") {
    Response r = Send(f.port(), "POST", "/v1/commands/RegisterUser", ApiFixture::RegisterBody(id),
                      {{"Authorization", "Basic dXNlcjpwYXNz"}});
    CHECK_REFUSED(r, f, before, 401, "invalid_token");
  }
  SUBCASE("expired token, by the server's clock") {
    f.clock_.Advance(Hours(2));
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), token);
    CHECK_REFUSED(r, f, before, 401, "token_expired");
  }
  SUBCASE("role not allowed") {
    Response r = f.Post("ApproveMentor",
                        R"({"marketplace":"mentorship","mentor_id":")" + NewId() + R"("})", token);
    CHECK_REFUSED(r, f, before, 403, "role_not_allowed");
  }
  SUBCASE("token scoped to another marketplace") {
    Response r =
        f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student", "uhs"));
    CHECK_REFUSED(r, f, before, 403, "marketplace_not_allowed");
  }
  SUBCASE("stale expected_version") {
    Response r =
        f.Post("RegisterUser", ApiFixture::RegisterBody(id, R"(,"expected_version":3)"), token);
    CHECK_REFUSED(r, f, before, 409, "wrong_expected_version");
  }
  SUBCASE("a rule of the decider") {
    Response r =
        f.Post("RegisterUser", ApiFixture::RegisterBody(student), f.Token(student, "student"));
    CHECK_REFUSED(r, f, before, 409, "user_already_registered");
  }
  SUBCASE("Idempotency-Key that is not a UUID") {
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), token,
                        {{"Idempotency-Key", "retry-1"}});
    CHECK_REFUSED(r, f, before, 400, "invalid_idempotency_key");
  }
  SUBCASE("X-Correlation-Id that is not a UUID") {
    Response r =
        f.Post("RegisterUser", ApiFixture::RegisterBody(id), token, {{"X-Correlation-Id", "abc"}});
    CHECK_REFUSED(r, f, before, 400, "invalid_correlation_id");
  }
  SUBCASE("waiting for a projection that does not exist") {
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), token,
                        {{"X-Wait-For-Projection", "mentorshp"}});
    CHECK_REFUSED(r, f, before, 400, "unknown_projection");
  }
  SUBCASE("body over the limit") {
    std::string big =
        ApiFixture::RegisterBody(id, R"(,"city":")" + std::string(kMaxBody, 'x') + "\"");
    Response r = f.Post("RegisterUser", big, token);
    CHECK_REFUSED(r, f, before, 413, "body_too_large");
  }
  SUBCASE("wrong method") {
    Response r = Send(f.port(), "GET", "/v1/commands/RegisterUser");
    CHECK_REFUSED(r, f, before, 405, "method_not_allowed");
    CHECK(r.headers["allow"] == "POST");
    r = Send(f.port(), "DELETE", "/healthz");
    CHECK_REFUSED(r, f, before, 405, "method_not_allowed");
  }
  SUBCASE("unknown path") {
    Response r = Send(f.port(), "POST", "/v2/commands/RegisterUser", ApiFixture::RegisterBody(id));
    CHECK_REFUSED(r, f, before, 404, "not_found");
    r = Send(f.port(), "GET", "/v1/commands/A/B");
    CHECK_REFUSED(r, f, before, 404, "not_found");
  }
}

TEST_CASE("http api: a retried command returns its first result and appends nothing") {
  ApiFixture f;
  std::string id = NewId();
  std::string key = NewId();
  std::map<std::string, std::string> headers = {{"Idempotency-Key", key}};
  Response first =
      f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"), headers);
  REQUIRE(first.status == 200);
  REQUIRE(f.TotalEvents() == 1);

  Response retry =
      f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"), headers);
  REQUIRE_MESSAGE(retry.status == 200, retry.body);
  CHECK(retry.json["replayed"].GetBool());
  CHECK(retry.headers["idempotent-replayed"] == "true");
  // The command id is the key scoped to the actor (another actor's key names another command).
  CHECK(retry.Str("command_id") == first.Str("command_id"));
  CHECK(retry.Str("command_id") == ToString(DeriveUuid(*ParseUuid(key), "actor:" + id)));
  CHECK(retry.Str("stream_id") == first.Str("stream_id"));
  REQUIRE(retry.json["events"].Size() == 1);
  CHECK(std::string(retry.json["events"][0]["event_id"].GetString()) ==
        first.json["events"][0]["event_id"].GetString());
  CHECK(retry.json["events"][0]["offset"].GetInt64() ==
        first.json["events"][0]["offset"].GetInt64());
  CHECK(f.TotalEvents() == 1);

  // The same key for another request is refused.
  Response reused = f.Post("RegisterUser", ApiFixture::RegisterBody(id, R"(,"city":"Pune")"),
                           f.Token(id, "student"), headers);
  CHECK_REFUSED(reused, f, 1, 422, "idempotency_key_reused");
}

TEST_CASE(
    "http api: an unavailable log is a 503 with a code, and the retry after an ambiguous "
    "commit is answered from the first handling") {
  ApiFixture f;
  std::string id = NewId();
  std::map<std::string, std::string> headers = {{"Idempotency-Key", NewId()}};
  f.log_.FailAppend(1, FaultPoint::kAfterDelegating);  // appended, but the answer is lost
  Response lost =
      f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"), headers);
  CHECK(lost.status == 503);
  CHECK(lost.Code() == "log_unavailable");
  CHECK(f.TotalEvents() == 1);

  Response retry =
      f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"), headers);
  REQUIRE_MESSAGE(retry.status == 200, retry.body);
  CHECK(retry.json["replayed"].GetBool());
  CHECK(f.TotalEvents() == 1);

  f.log_.FailReads(-1);
  Response health = Send(f.port(), "GET", "/healthz");
  CHECK(health.status == 503);
  CHECK(health.Str("status") == "unavailable");
  CHECK(health.Code() == "log_unavailable");
  f.log_.ClearFaults();
  health = Send(f.port(), "GET", "/healthz");
  CHECK(health.status == 200);
  CHECK(health.Str("status") == "ok");
  CHECK(health.json["partitions"].GetInt() == 4);
}

TEST_CASE("http api: GET /v1/commands lists types, fields and roles per marketplace") {
  ApiFixture f;
  Response r = Send(f.port(), "GET", "/v1/commands?marketplace=mentorship");
  REQUIRE(r.status == 200);
  CHECK(std::string(r.json["envelope"][0]["type"].GetString()) ==
        "enum(mentorship|peerloop|skillspring|uhs)");
  const auto& commands = r.json["commands"];
  REQUIRE(commands.IsArray());
  bool found = false;
  for (const auto& c : commands.GetArray()) {
    CHECK(std::string(c["marketplace"].GetString()) == "mentorship");
    if (std::string(c["type"].GetString()) != "ApproveMentor") continue;
    found = true;
    REQUIRE(c["allowed_roles"].Size() == 1);
    CHECK(std::string(c["allowed_roles"][0].GetString()) == "admin");
    CHECK(std::string(c["fields"][0]["name"].GetString()) == "mentor_id");
    CHECK(std::string(c["fields"][0]["type"].GetString()) == "uuid");
    CHECK(c["fields"][0]["required"].GetBool());
  }
  CHECK(found);
  CHECK(Send(f.port(), "GET", "/v1/commands?marketplace=nope").Code() == "unknown_marketplace");
}

TEST_CASE("http api: read-your-writes through the projection endpoints") {
  ApiFixture f;
  SUBCASE("listing shows state and per-partition lag") {
    Response r = Send(f.port(), "GET", "/v1/projections");
    REQUIRE(r.status == 200);
    const auto& p = r.json["projections"][0];
    CHECK(std::string(p["name"].GetString()) == "mentorship");
    CHECK(std::string(p["state"].GetString()) == "running");
    CHECK(p["lag"].GetInt64() == 6);
    CHECK(p["partitions"][1]["lag"].GetInt64() == 3);
  }
  SUBCASE("wait: 200 once applied, 504 when not within the timeout") {
    Response r =
        Send(f.port(), "GET", "/v1/projections/mentorship/wait?partition=1&offset=4&timeout_ms=50");
    CHECK(r.status == 504);
    CHECK(r.Code() == "projection_wait_timeout");
    f.projections_.Apply(1, 5);
    r = Send(f.port(), "GET", "/v1/projections/mentorship/wait?partition=1&offset=4&timeout_ms=50");
    CHECK_MESSAGE(r.status == 200, r.body);
    CHECK(r.json["applied"].GetBool());
  }
  SUBCASE("wait: bad parameters and unknown projections") {
    CHECK(Send(f.port(), "GET", "/v1/projections/nope/wait?partition=0&offset=0").Code() ==
          "unknown_projection");
    CHECK(Send(f.port(), "GET", "/v1/projections/mentorship/wait?offset=0").Code() ==
          "missing_parameter");
    Response r = Send(f.port(), "GET", "/v1/projections/mentorship/wait?partition=9&offset=0");
    CHECK(r.status == 400);
    CHECK(r.Code() == "invalid_parameter");
    CHECK(Send(f.port(), "GET", "/v1/projections/mentorship/wait?partition=0&offset=-1").Code() ==
          "invalid_parameter");
  }
  SUBCASE("X-Wait-For-Projection holds the answer until the projection has the events") {
    std::string id = NewId();
    int partition = f.memory_.PartitionOf("mentorship.user-" + id);
    std::thread projector([&] {
      std::this_thread::sleep_for(150ms);
      f.projections_.Apply(partition, 1);
    });
    auto started = std::chrono::steady_clock::now();
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"),
                        {{"X-Wait-For-Projection", "mentorship"}});
    auto waited = std::chrono::steady_clock::now() - started;
    projector.join();
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.Str("projection", "name") == "mentorship");
    CHECK(r.json["projection"]["applied"].GetBool());
    CHECK(waited >= 100ms);
  }
  SUBCASE("X-Wait-For-Projection that times out still reports the accepted command") {
    std::string id = NewId();
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"),
                        {{"X-Wait-For-Projection", "mentorship"}, {"X-Wait-Timeout-Ms", "50"}});
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.Str("status") == "accepted");
    CHECK_FALSE(r.json["projection"]["applied"].GetBool());
    CHECK(f.TotalEvents() == 1);
  }
}

TEST_CASE("http api: malformed HTTP, slow and vanishing clients never stop the server") {
  ApiFixture f;
  SUBCASE("garbage instead of HTTP") {
    std::string raw = RawExchange(f.port(), "HELLO THERE\r\n\r\n");
    CHECK(StatusLine(raw) == "HTTP/1.1 400 Bad Request");
    rapidjson::Document body;
    body.Parse(BodyOf(raw).c_str());
    REQUIRE(body.IsObject());
    CHECK(std::string(body["error"]["code"].GetString()) == "malformed_http");
  }
  SUBCASE("a client that stalls in its headers gets 408") {
    std::string raw = RawExchange(f.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n");
    CHECK(StatusLine(raw) == "HTTP/1.1 408 Request Timeout");
    CHECK(BodyOf(raw).find("request_timeout") != std::string::npos);
  }
  SUBCASE("a client that stalls in its body gets 408") {
    std::string raw = RawExchange(
        f.port(),
        "POST /v1/commands/RegisterUser HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
    CHECK(StatusLine(raw) == "HTTP/1.1 408 Request Timeout");
  }
  SUBCASE("an announced body over the limit is refused before it is read") {
    std::string raw = RawExchange(f.port(),
                                  "POST /v1/commands/RegisterUser HTTP/1.1\r\nHost: x\r\n"
                                  "Content-Length: 99999999\r\nExpect: 100-continue\r\n\r\n");
    CHECK(StatusLine(raw) == "HTTP/1.1 413 Payload Too Large");
    CHECK(BodyOf(raw).find("body_too_large") != std::string::npos);
  }
  SUBCASE("a client that disconnects mid-body") {
    {
      net::io_context ioc;
      tcp::socket socket(ioc);
      socket.connect(
          tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(f.port())));
      net::write(socket, net::buffer(std::string("POST /v1/commands/RegisterUser HTTP/1.1\r\nHost: "
                                                 "x\r\nContent-Length: 50\r\n\r\n{\"a\"")));
    }
    std::this_thread::sleep_for(50ms);
  }
  SUBCASE("Expect: 100-continue is honoured") {
    std::string raw = RawExchange(f.port(),
                                  "POST /v1/commands/RegisterUser HTTP/1.1\r\nHost: x\r\n"
                                  "Content-Length: 2\r\nExpect: 100-continue\r\n\r\n{}",
                                  1000ms);
    CHECK(StatusLine(raw) == "HTTP/1.1 100 Continue");
    CHECK(raw.find("HTTP/1.1 401 Unauthorized") != std::string::npos);
  }
  // Whatever happened above, the server still answers, and keeps a connection alive.
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(
      tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(f.port())));
  for (int i = 0; i < 3; ++i) {
    http::request<http::string_body> req{http::verb::get, "/healthz", 11};
    req.set(http::field::host, "x");
    http::write(socket, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    CHECK(res.result_int() == 200);
    CHECK(res.keep_alive());
  }
  CHECK(f.TotalEvents() == 0);
}

TEST_CASE(
    "http api: idle connections make room at the limit, busy ones get 503, and Stop closes idle "
    "ones promptly") {
  HttpServerOptions options = ApiFixture::DefaultOptions();
  options.max_connections = 2;
  options.read_timeout = 10'000ms;  // idle connections stay open unless Stop closes them
  options.header_timeout = 10'000ms;
  ApiFixture f(options);
  net::io_context ioc;
  tcp::socket a(ioc), b(ioc);
  tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(f.port()));
  // Two connections busy with a request (a projection wait that does not end for a while).
  std::string wait =
      "GET /v1/projections/mentorship/wait?partition=0&offset=9&timeout_ms=1500 "
      "HTTP/1.1\r\nHost: x\r\n\r\n";
  a.connect(endpoint);
  b.connect(endpoint);
  net::write(a, net::buffer(wait));
  net::write(b, net::buffer(wait));
  for (int i = 0; i < 200 && f.server_->active_connections() < 2; ++i)
    std::this_thread::sleep_for(5ms);
  REQUIRE(f.server_->active_connections() == 2);
  std::this_thread::sleep_for(100ms);  // both requests are being handled

  std::string raw = RawExchange(f.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 1000ms);
  CHECK(StatusLine(raw) == "HTTP/1.1 503 Service Unavailable");
  CHECK(BodyOf(raw).find("too_many_connections") != std::string::npos);
  CHECK(raw.find("Retry-After: 1") != std::string::npos);

  // Once they are answered they are idle keep-alive connections, and a newcomer takes the place
  // of the oldest (issue 11 #4: idle sockets never lock anyone out).
  for (tcp::socket* s : {&a, &b}) {
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(*s, buffer, res);
    CHECK(res.result_int() == 504);
  }
  raw = RawExchange(f.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    1000ms);
  CHECK(StatusLine(raw) == "HTTP/1.1 200 OK");

  auto started = std::chrono::steady_clock::now();
  f.server_->Stop();
  CHECK(std::chrono::steady_clock::now() - started < 2000ms);
  CHECK(f.server_->active_connections() == 0);
  // The idle connections were closed by the server.
  char byte;
  beast::error_code ec;
  a.read_some(net::buffer(&byte, 1), ec);
  CHECK(ec == net::error::eof);
}

TEST_CASE("http api: Start reports an address it cannot listen on") {
  ApiFixture f;
  HttpServerOptions options = ApiFixture::DefaultOptions();
  options.port = f.port();
  HttpServer second(
      HttpApiContext{f.pipeline_.get(), &f.log_, &f.registry_, &f.clock_, kSecret, nullptr},
      options);
  Status s = second.Start();
  CHECK(s.IsUnavailable());
  CHECK(s.message() ==
        "cannot listen on 127.0.0.1:" + std::to_string(f.port()) + ": Address already in use");
}

}  // namespace edu
