// The HTTP command API as a client sees it (http_api_*_test.cc): the server runs in-process on a
// free port over a MemoryEventLog (behind a FaultInjectingEventLog), the real registry and a
// ManualClock, and the tests talk to it over real sockets (ApiFixture). CHECK_REFUSED also checks
// that nothing reached the log.
#pragma once

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

#include "adapters/auth/jwt.h"
#include "adapters/http/http_server.h"
#include "commands/pipeline.h"
#include "commands/registry.h"
#include "eventstore/fault_injecting_log.h"
#include "eventstore/memory_event_log.h"

namespace edu::http_api_fixtures {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

inline const std::string kSecret = "e2e-secret-e2e-secret-e2e-secret-!!";
inline const Timestamp kStart = *ParseIso8601("2026-03-02T09:00:00Z");
inline constexpr int64_t kMaxBody = 64 * 1024;

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

inline Response Parse(const http::response<http::string_body>& res) {
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
inline Response Send(int port, const std::string& method, const std::string& target,
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
inline std::string RawExchange(int port, const std::string& bytes,
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

inline std::string StatusLine(const std::string& raw) { return raw.substr(0, raw.find("\r\n")); }
inline std::string BodyOf(const std::string& raw) {
  auto p = raw.find("\r\n\r\n");
  return p == std::string::npos ? "" : raw.substr(p + 4);
}

inline std::string NewId() {
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

}  // namespace edu::http_api_fixtures
