#include "adapters/http/http_api.h"

#include "adapters/http/http_api_internal.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>

#include <rapidjson/document.h>
#include <boost/uuid/uuid_generators.hpp>

#include "adapters/auth/jwt.h"
#include "adapters/http/observability.h"
#include "commands/pipeline.h"
#include "domain/core/marketplace.h"
#include "eventstore/json_binding.h"

namespace edu {
namespace http_detail {

HttpResponseData Json(int status, std::string body) {
  HttpResponseData r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

HttpResponseData FromRejection(const Rejection& r) {
  return HttpApi::Error(HttpStatusOf(r.kind), r.kind, r.code, r.message);
}

HttpResponseData MethodNotAllowed(const std::string& method, const std::string& path,
                                  const char* allow) {
  HttpResponseData r =
      HttpApi::Error(405, ErrorKind::kMalformed, codes::kMethodNotAllowed.code,
                     method + " is not allowed on " + path + " (allowed: " + allow + ")");
  r.headers.emplace_back("Allow", allow);
  return r;
}

const std::string* Header(const HttpRequestData& request, const char* lower_name) {
  auto it = request.headers.find(lower_name);
  return it == request.headers.end() ? nullptr : &it->second;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// A header value or query parameter as it may appear in a message: bounded, printable.
std::string Shown(const std::string& s) {
  std::string out;
  for (char c : s.substr(0, 80)) out += std::isprint(static_cast<unsigned char>(c)) ? c : '?';
  return out + (s.size() > 80 ? "..." : "");
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
               HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::map<std::string, std::string> ParseQuery(const std::string& query) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string pair = query.substr(start, end - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      out[PercentDecode(pair.substr(0, eq))] =
          eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1));
    }
    start = end + 1;
  }
  return out;
}

// A non-negative integer query parameter. Returns an error response when present but invalid, or
// when absent and required.
std::optional<HttpResponseData> IntParam(const std::map<std::string, std::string>& query,
                                         const std::string& name, bool required, int64_t max,
                                         int64_t* out) {
  auto it = query.find(name);
  if (it == query.end()) {
    if (!required) return std::nullopt;
    return HttpApi::Error(400, ErrorKind::kMalformed, codes::kMissingParameter.code,
                          "missing query parameter '" + name + "'");
  }
  const std::string& v = it->second;
  bool digits = !v.empty() && v.size() <= 18 &&
                std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || std::stoll(v) > max) {
    return HttpApi::Error(400, ErrorKind::kMalformed, codes::kInvalidParameter.code,
                          "query parameter '" + name + "' must be an integer in 0.." +
                              std::to_string(max) + ", got '" + Shown(v) + "'");
  }
  *out = std::stoll(v);
  return std::nullopt;
}

Uuid RandomUuid() {
  // random_generator is not thread-safe; one per thread, seeded from the OS.
  thread_local boost::uuids::random_generator generator;
  return generator();
}

// RFC 6750 §3: the challenge a 401 carries.
std::string BearerChallenge(const Rejection& r, bool credentials_given) {
  if (!credentials_given) return "Bearer realm=\"eduledger\"";
  std::string description;
  for (char c : r.message) description += (c == '"' || c == '\\') ? '\'' : c;
  return "Bearer realm=\"eduledger\", error=\"invalid_token\", error_description=\"" + description +
         "\"";
}

HttpResponseData Unauthorized(const Rejection& r, bool credentials_given) {
  HttpResponseData out = FromRejection(r);
  out.headers.emplace_back("WWW-Authenticate", BearerChallenge(r, credentials_given));
  return out;
}

// A 429 with Retry-After.
HttpResponseData TooManyRequests(const char* code, const std::string& message,
                                 int64_t retry_after_seconds) {
  HttpResponseData out =
      HttpApi::Error(429, ErrorKind::kUnavailable, code,
                     message + "; retry after " + std::to_string(retry_after_seconds) + " s");
  out.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
  return out;
}

bool HasHeader(const HttpResponseData& response, const char* name) {
  for (const auto& [n, v] : response.headers) {
    if (n.size() == std::strlen(name) && std::equal(n.begin(), n.end(), name, [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return true;
    }
  }
  return false;
}

// Verifies the bearer token; fills *claims or returns the 401 response.
std::optional<HttpResponseData> Authenticate(const HttpRequestData& request,
                                             const std::string& secret, Timestamp now,
                                             int64_t max_lifetime_seconds, JwtClaims* claims) {
  const std::string* auth = Header(request, "authorization");
  if (auth == nullptr || Trim(*auth).empty()) {
    return Unauthorized(Rejection{ErrorKind::kUnauthenticated, codes::kUnauthenticated.code,
                                  "missing Authorization header: send 'Authorization: Bearer "
                                  "<token>' (eduledger token mints one)"},
                        false);
  }
  std::string value = Trim(*auth);
  size_t space = value.find(' ');
  std::string scheme = value.substr(0, space);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != "bearer" || space == std::string::npos) {
    return Unauthorized(Rejection{ErrorKind::kUnauthenticated, codes::kInvalidToken.code,
                                  "Authorization must be 'Bearer <token>', got scheme '" +
                                      Shown(value.substr(0, space)) + "'"},
                        true);
  }
  std::string token = Trim(value.substr(space + 1));
  if (auto rejected = VerifyJwt(token, secret, now, claims, max_lifetime_seconds)) {
    return Unauthorized(*rejected, true);
  }
  return std::nullopt;
}

// The command body parsed once, for the rate limiter, the marketplace scope and the pipeline; null
// when it does not parse (the pipeline then names the syntax error, as for every other client).
std::shared_ptr<const rapidjson::Document> ParseBody(const std::string& body) {
  auto doc = std::make_shared<rapidjson::Document>();
  if (!json::ParseDocument(body, doc.get()).ok()) return nullptr;
  return doc;
}

// The marketplace member of a command body, when the body is an object that has one as a string.
std::optional<std::string> BodyMarketplace(const rapidjson::Document* doc) {
  if (doc == nullptr || !doc->IsObject()) return std::nullopt;
  auto m = doc->FindMember("marketplace");
  if (m == doc->MemberEnd() || !m->value.IsString()) return std::nullopt;
  return std::string(m->value.GetString(), m->value.GetStringLength());
}

// The last offset of each partition the command's events went to.
std::map<int, int64_t> LastOffsets(const CommandResult& result) {
  std::map<int, int64_t> out;
  for (const AppendedEventInfo& e : result.events) {
    auto& last = out.emplace(e.partition, e.offset).first->second;
    last = std::max(last, e.offset);
  }
  return out;
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace http_detail

using namespace http_detail;  // NOLINT: this file's own helpers

namespace {
HttpApiOptions WithMaxWait(std::chrono::milliseconds max_wait) {
  HttpApiOptions options;
  options.max_wait = max_wait;
  return options;
}
}  // namespace

HttpApi::HttpApi(HttpApiContext context, std::chrono::milliseconds max_wait,
                 const std::atomic<bool>* stopping)
    : HttpApi(std::move(context), WithMaxWait(max_wait), stopping) {}

HttpApi::HttpApi(HttpApiContext context, HttpApiOptions options, const std::atomic<bool>* stopping)
    : ctx_(std::move(context)),
      options_(std::move(options)),
      max_wait_(options_.max_wait),
      stopping_(stopping),
      limiter_(std::make_unique<RateLimiter>(options_.rate_limits)) {}

HttpResponseData HttpApi::Error(int status, ErrorKind kind, std::string code, std::string message) {
  return Json(status, EncodeRejection(Rejection{kind, std::move(code), std::move(message)}));
}

HttpResponseData HttpApi::Handle(const HttpRequestData& request) const {
  const auto started = SteadyClock::now();
  HttpResponseData response;
  try {
    response = Route(request);
  } catch (const std::exception& e) {
    std::string incident = LogIncident("http " + request.method + " " + Shown(request.target) +
                                       " failed: " + e.what());
    response = Error(500, ErrorKind::kInternal, codes::kInternalError.code,
                     "the server failed to handle the request (incident " + incident + ")");
  } catch (...) {
    std::string incident = LogIncident("http " + request.method + " " + Shown(request.target) +
                                       " failed with an unknown exception");
    response = Error(500, ErrorKind::kInternal, codes::kInternalError.code,
                     "the server failed to handle the request (incident " + incident + ")");
  }
  // RFC 9110 §10.2.3: a 503 says when to come back; clients retry with the same Idempotency-Key.
  if (response.status == 503 && !HasHeader(response, "Retry-After")) {
    response.headers.emplace_back("Retry-After", "1");
  }
  // Metrics and the structured log lines of denials (adapters/http/observability.h).
  ObserveAnswer(
      request, response,
      ObservedContext{ctx_.registry, ctx_.jwt_secret, ctx_.clock->Now(),
                      std::chrono::duration<double>(SteadyClock::now() - started).count()});
  return response;
}

HttpResponseData HttpApi::Route(const HttpRequestData& request) const {
  const std::string& target = request.target;
  size_t q = target.find('?');
  const std::string path = target.substr(0, q);
  const std::string query = q == std::string::npos ? "" : target.substr(q + 1);
  const std::string& method = request.method;

  if (path == "/healthz") {
    if (method != "GET") return MethodNotAllowed(method, path, "GET");
    return Health();
  }
  if (path == "/metrics") {
    if (method != "GET") return MethodNotAllowed(method, path, "GET");
    return MetricsResponse(ctx_.projections);
  }
  if (path == "/v1/commands") {
    if (method != "GET") return MethodNotAllowed(method, path, "GET");
    return ListCommands(query);
  }
  const std::string commands_prefix = "/v1/commands/";
  if (path.rfind(commands_prefix, 0) == 0) {
    std::string type = path.substr(commands_prefix.size());
    if (!type.empty() && type.find('/') == std::string::npos) {
      if (method != "POST") return MethodNotAllowed(method, path, "POST");
      return PostCommand(request, PercentDecode(type));
    }
  }
  if (path == "/v1/projections") {
    if (method != "GET") return MethodNotAllowed(method, path, "GET");
    return ListProjections();
  }
  if (path == "/v1/clock") {
    if (method != "POST") return MethodNotAllowed(method, path, "POST");
    return MoveClock(request);
  }
  const std::string projections_prefix = "/v1/projections/";
  const std::string wait_suffix = "/wait";
  if (path.rfind(projections_prefix, 0) == 0 &&
      path.size() > projections_prefix.size() + wait_suffix.size() &&
      path.compare(path.size() - wait_suffix.size(), wait_suffix.size(), wait_suffix) == 0) {
    std::string name = path.substr(projections_prefix.size(),
                                   path.size() - projections_prefix.size() - wait_suffix.size());
    if (name.find('/') == std::string::npos) {
      if (method != "GET") return MethodNotAllowed(method, path, "GET");
      return WaitForProjection(PercentDecode(name), query);
    }
  }
  return Error(404, ErrorKind::kNotFound, codes::kNotFound.code,
               "no endpoint " + Shown(path) +
                   " (endpoints: POST /v1/commands/{Type}, GET /v1/commands, GET /v1/projections, "
                   "GET /v1/projections/{name}/wait, GET /healthz, GET /metrics)");
}

HttpResponseData HttpApi::PostCommand(const HttpRequestData& request,
                                      const std::string& type) const {
  const Timestamp now = ctx_.clock->Now();
  const auto steady_now = SteadyClock::now();
  JwtClaims claims;
  if (auto denied = Authenticate(request, ctx_.jwt_secret, now, options_.max_token_lifetime_seconds,
                                 &claims)) {
    // Forged, expired and missing tokens count against the address they come from.
    RateLimiter::Decision locked = limiter_->AuthenticationFailed(request.peer_ip, steady_now);
    if (!locked.allowed) {
      return TooManyRequests(codes::kTooManyFailedAuthentications.code,
                             "this address is locked out after " + locked.what,
                             locked.retry_after_seconds);
    }
    return *denied;
  }
  // Bounded before anything parses the body into a DOM (RapidJSON's parser recurses per level).
  if (auto unbounded = CheckJsonBounds(request.body, options_.max_json_depth)) {
    return FromRejection(*unbounded);
  }
  std::shared_ptr<const rapidjson::Document> body_document = ParseBody(request.body);
  const std::optional<std::string> body_marketplace = BodyMarketplace(body_document.get());
  RateLimiter::Decision admitted = limiter_->AdmitCommand(
      claims.sub, claims.role, body_marketplace.value_or(""), type, steady_now);
  if (!admitted.allowed) {
    return TooManyRequests(codes::kRateLimited.code, "rate limit of " + admitted.what + " reached",
                           admitted.retry_after_seconds);
  }

  CommandRequest command;
  command.type = type;
  if (const std::string* key = Header(request, "idempotency-key")) {
    auto id = ParseUuid(Trim(*key));
    if (!id || id->is_nil()) {
      return Error(400, ErrorKind::kMalformed, codes::kInvalidIdempotencyKey.code,
                   "Idempotency-Key must be a UUID (8-4-4-4-12 hex), got '" + Shown(*key) + "'");
    }
    // Scoped to the actor: the same key from another actor names another command, so nobody can
    // read someone else's result (or block their command) by replaying their key.
    command.command_id = DeriveUuid(*id, "actor:" + claims.sub);
  } else {
    command.command_id = RandomUuid();
  }
  if (const std::string* correlation = Header(request, "x-correlation-id")) {
    auto id = ParseUuid(Trim(*correlation));
    if (!id) {
      return Error(400, ErrorKind::kMalformed, codes::kInvalidCorrelationId.code,
                   "X-Correlation-Id must be a UUID, got '" + Shown(*correlation) + "'");
    }
    command.correlation_id = *id;
  }

  // Validated before the command runs, so that a typo never leaves a command applied with an
  // error response.
  std::string wait_for;
  auto wait_budget = max_wait_;
  if (const std::string* projection = Header(request, "x-wait-for-projection")) {
    wait_for = Trim(*projection);
    if (ctx_.projections == nullptr || !Contains(ctx_.projections->Names(), wait_for)) {
      std::string known;
      if (ctx_.projections != nullptr) {
        for (const auto& n : ctx_.projections->Names()) known += (known.empty() ? "" : ", ") + n;
      }
      return Error(400, ErrorKind::kMalformed, codes::kUnknownProjection.code,
                   "X-Wait-For-Projection names no projection: '" + Shown(wait_for) +
                       "' (known: " + (known.empty() ? "none" : known) + ")");
    }
    if (const std::string* timeout = Header(request, "x-wait-timeout-ms")) {
      std::map<std::string, std::string> params = {{"X-Wait-Timeout-Ms", Trim(*timeout)}};
      int64_t ms = 0;
      if (auto bad = IntParam(params, "X-Wait-Timeout-Ms", true, 3'600'000, &ms)) return *bad;
      wait_budget = std::min(wait_budget, std::chrono::milliseconds(ms));
    }
  }

  if (claims.marketplace) {
    const auto& target = body_marketplace;
    if (target && *target != *claims.marketplace) {
      return Error(403, ErrorKind::kForbidden, codes::kMarketplaceNotAllowed.code,
                   "the token is valid for marketplace '" + *claims.marketplace + "' only, not '" +
                       Shown(*target) + "'");
    }
  }

  command.body = request.body;  // the text, for a command service that sends it on (Kafka)
  command.document = std::move(body_document);
  command.actor = Actor{claims.sub, claims.role};
  command.now = now;
  if (!request.peer_ip.empty()) command.metadata["ip"] = request.peer_ip;
  if (const std::string* agent = Header(request, "user-agent")) {
    command.metadata["user_agent"] = agent->substr(0, 512);
  }

  CommandResult result = ctx_.commands->Handle(command);
  if (!result.ok()) {
    HttpResponseData out = FromRejection(*result.error);
    out.headers.emplace_back("X-Command-Id", ToString(command.command_id));
    return out;
  }
  std::optional<ProjectionWaited> waited;
  if (!wait_for.empty()) {
    auto deadline = SteadyClock::now() + wait_budget;
    bool applied = true;
    for (const auto& [partition, offset] : LastOffsets(result)) {
      Status s = WaitApplied(wait_for, partition, offset, deadline);
      if (!s.ok()) {
        applied = false;
        break;
      }
    }
    waited = ProjectionWaited{wait_for, applied};
  }
  std::string body = EncodeCommandResult(result, waited ? &*waited : nullptr);
  HttpResponseData out = Json(200, std::move(body));
  out.headers.emplace_back("X-Command-Id", ToString(command.command_id));
  if (result.replayed) out.headers.emplace_back("Idempotent-Replayed", "true");
  return out;
}

// POST /v1/clock (serve --clock manual only): an admin moves the server's clock forward; the
// scheduler issues what became due before the answer, which gives the clock's new time.
HttpResponseData HttpApi::MoveClock(const HttpRequestData& request) const {
  if (ctx_.test_clock == nullptr) {
    return Error(404, ErrorKind::kNotFound, codes::kClockNotManual.code,
                 "this server runs on the system clock; only serve --clock manual can be moved");
  }
  JwtClaims claims;
  if (auto denied = Authenticate(request, ctx_.jwt_secret, ctx_.clock->Now(),
                                 options_.max_token_lifetime_seconds, &claims)) {
    return *denied;
  }
  if (claims.role != "admin") {
    return Error(403, ErrorKind::kForbidden, codes::kAdminOnly.code,
                 "only an admin moves the clock");
  }
  if (auto unbounded = CheckJsonBounds(request.body, options_.max_json_depth)) {
    return FromRejection(*unbounded);
  }
  TestClock::Refusal refused;
  Status moved = ctx_.test_clock->Apply(request.body, &refused);
  if (refused.code != nullptr) {
    return Error(refused.code->http_status(), refused.code->kind, refused.code->code,
                 refused.message);
  }
  std::string body = R"({"now":")" + FormatIso8601(ctx_.test_clock->Now()) + R"(")";
  if (!moved.ok()) {
    body += R"(,"scheduler_incident":")" +
            LogIncident("scheduler after a clock move: " + moved.ToString()) + R"(")";
  }
  return Json(200, body + "}");
}

}  // namespace edu
