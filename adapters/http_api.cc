#include "adapters/http_api.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>

#include <rapidjson/document.h>
#include <boost/uuid/uuid_generators.hpp>

#include "adapters/jwt.h"
#include "adapters/observability.h"
#include "commands/pipeline.h"
#include "domain/core/marketplace.h"
#include "eventstore/json_binding.h"

namespace edu {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr auto kWaitSlice = std::chrono::milliseconds(200);

// The JSON shapes of the listing endpoints (json::Encode writes fields in this order).
struct WireField {
  std::string name;
  std::string type;
  bool required = true;
  bool personal = false;
  EDU_FIELDS(name, type, required, personal)
};
struct WireCommand {
  std::string marketplace;
  std::string type;
  std::string path;
  std::string summary;
  std::vector<std::string> allowed_roles;
  std::vector<WireField> fields;
  EDU_FIELDS(marketplace, type, path, summary, allowed_roles, fields)
};
struct WireCommandList {
  std::vector<WireField> envelope;  // the reserved members every command body may carry
  std::vector<WireCommand> commands;
  EDU_FIELDS(envelope, commands)
};
struct WirePartition {
  int32_t partition = 0;
  int64_t checkpoint = 0;
  int64_t end_offset = 0;
  int64_t lag = 0;
  EDU_FIELDS(partition, checkpoint, end_offset, lag)
};
struct WireProjection {
  std::string name;
  std::string state;
  std::optional<std::string> error;
  int64_t lag = 0;
  std::vector<WirePartition> partitions;
  EDU_FIELDS(name, state, error, lag, partitions)
};
struct WireProjectionList {
  std::vector<WireProjection> projections;
  EDU_FIELDS(projections)
};
struct WireStopped {
  std::string kind;  // projection or reaction
  std::string name;
  std::optional<std::string> event_id;
  std::optional<std::string> event_type;
  std::optional<std::string> stream_id;
  std::optional<int64_t> stream_version;
  std::optional<int32_t> partition;
  std::optional<int64_t> offset;
  std::string error;
  EDU_FIELDS(kind, name, event_id, event_type, stream_id, stream_version, partition, offset, error)
};
struct WireHealth {
  std::string status;
  int32_t partitions = 0;
  std::vector<WireStopped> stopped;
  std::optional<std::string> resolve;
  EDU_FIELDS(status, partitions, stopped, resolve)
};
struct WireWaitResult {
  std::string projection;
  int32_t partition = 0;
  int64_t offset = 0;
  bool applied = true;
  EDU_FIELDS(projection, partition, offset, applied)
};

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

// The marketplace member of a command body, when the body is an object that has one as a string.
std::optional<std::string> BodyMarketplace(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  auto m = doc.FindMember("marketplace");
  if (m == doc.MemberEnd() || !m->value.IsString()) return std::nullopt;
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

// EncodeCommandResult's JSON with "projection": {"name", "applied"} added.
std::string WithProjection(const std::string& result_json, const std::string& name, bool applied) {
  rapidjson::Document doc;
  doc.Parse(result_json.data(), result_json.size());
  if (doc.HasParseError() || !doc.IsObject()) return result_json;
  rapidjson::Value projection(rapidjson::kObjectType);
  projection.AddMember("name", rapidjson::Value(name.c_str(), doc.GetAllocator()),
                       doc.GetAllocator());
  projection.AddMember("applied", applied, doc.GetAllocator());
  doc.AddMember("projection", projection, doc.GetAllocator());
  return json::Stringify(doc);
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

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
  // Metrics and the structured log lines of denials (adapters/observability.h).
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
  const std::optional<std::string> body_marketplace = BodyMarketplace(request.body);
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

  command.body = request.body;
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
  std::string body = EncodeCommandResult(result);
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
    body = WithProjection(body, wait_for, applied);
  }
  HttpResponseData out = Json(200, std::move(body));
  out.headers.emplace_back("X-Command-Id", ToString(command.command_id));
  if (result.replayed) out.headers.emplace_back("Idempotent-Replayed", "true");
  return out;
}

HttpResponseData HttpApi::ListCommands(const std::string& query) const {
  auto params = ParseQuery(query);
  std::string marketplace;
  if (auto it = params.find("marketplace"); it != params.end()) {
    marketplace = it->second;
    if (!ParseEnum<Marketplace>(marketplace)) {
      return Error(400, ErrorKind::kMalformed, codes::kUnknownMarketplace.code,
                   "query parameter 'marketplace' must be one of " + EnumChoices<Marketplace>() +
                       ", got '" + Shown(marketplace) + "'");
    }
  }
  WireCommandList list;
  list.envelope = {{"marketplace", FieldTypeName<Marketplace>(), true, false},
                   {"expected_version", "integer", false, false}};
  for (const CommandType* c : ctx_.registry->Commands(marketplace)) {
    WireCommand w{c->marketplace(), c->type(),          "/v1/commands/" + c->type(),
                  c->summary(),     c->allowed_roles(), {}};
    for (const FieldInfo& f : c->fields())
      w.fields.push_back({f.name, f.type, f.required, f.personal});
    list.commands.push_back(std::move(w));
  }
  return Json(200, json::Encode(list));
}

HttpResponseData HttpApi::ListProjections() const {
  std::vector<ProjectionStatusSource::ProjectionStatus> list;
  if (ctx_.projections != nullptr) {
    Status s = ctx_.projections->List(&list);
    if (!s.ok()) return FromRejection(RejectionFromStatus(s.Annotate("listing projections")));
  }
  WireProjectionList out;
  for (const auto& p : list) {
    WireProjection w{p.name, p.state, std::nullopt, 0, {}};
    if (!p.error.empty()) w.error = p.error;
    for (const auto& part : p.partitions) {
      w.lag += part.lag;
      w.partitions.push_back({part.partition, part.checkpoint, part.end_offset, part.lag});
    }
    out.projections.push_back(std::move(w));
  }
  return Json(200, json::Encode(out));
}

HttpResponseData HttpApi::WaitForProjection(const std::string& name,
                                            const std::string& query) const {
  if (ctx_.projections == nullptr || !Contains(ctx_.projections->Names(), name)) {
    return Error(404, ErrorKind::kNotFound, codes::kUnknownProjection.code,
                 "no projection named '" + Shown(name) + "'");
  }
  auto params = ParseQuery(query);
  int64_t partition = 0, offset = 0, timeout_ms = max_wait_.count();
  if (auto bad = IntParam(params, "partition", true, ctx_.log->partition_count() - 1, &partition)) {
    return *bad;
  }
  if (auto bad = IntParam(params, "offset", true, int64_t{1} << 62, &offset)) return *bad;
  if (auto bad = IntParam(params, "timeout_ms", false, 3'600'000, &timeout_ms)) return *bad;
  auto timeout = std::min(std::chrono::milliseconds(timeout_ms), max_wait_);

  Status s = WaitApplied(name, static_cast<int>(partition), offset, SteadyClock::now() + timeout);
  if (s.code() == Status::Code::kTimeout) {
    return Error(504, ErrorKind::kUnavailable, codes::kProjectionWaitTimeout.code,
                 "projection '" + name + "' has not applied partition " +
                     std::to_string(partition) + " offset " + std::to_string(offset) + " within " +
                     std::to_string(timeout.count()) + " ms");
  }
  if (s.IsNotFound())
    return Error(404, ErrorKind::kNotFound, codes::kUnknownProjection.code, s.message());
  if (!s.ok()) {
    std::string incident =
        LogIncident("projection " + name + " cannot reach partition " + std::to_string(partition) +
                    " offset " + std::to_string(offset) + ": " + s.ToString());
    return Error(503, ErrorKind::kUnavailable, codes::kProjectionFailed.code,
                 "projection '" + name + "' cannot reach the position (incident " + incident +
                     "); see GET /v1/projections");
  }
  return Json(200,
              json::Encode(WireWaitResult{name, static_cast<int32_t>(partition), offset, true}));
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
  Status moved = ctx_.test_clock->Apply(request.body);
  if (!moved.ok() && moved.code() == Status::Code::kInvalidArgument) {
    const std::string& m = moved.message();
    const size_t colon = m.find(':');
    std::string code =
        colon == std::string::npos ? codes::kInvalidClockRequest.code : m.substr(0, colon);
    return Error(code == codes::kClockBackwards.code ? 409 : 400,
                 code == codes::kClockBackwards.code ? ErrorKind::kConflict : ErrorKind::kInvalid,
                 code, colon == std::string::npos ? m : Trim(m.substr(colon + 1)));
  }
  std::string body = R"({"now":")" + FormatIso8601(ctx_.test_clock->Now()) + R"(")";
  if (!moved.ok()) {
    body += R"(,"scheduler_incident":")" +
            LogIncident("scheduler after a clock move: " + moved.ToString()) + R"(")";
  }
  return Json(200, body + "}");
}

HttpResponseData HttpApi::Health() const {
  std::vector<int64_t> ends;
  Status s = ctx_.log->EndOffsets(&ends);
  if (!s.ok()) {
    std::string incident = LogIncident("healthz: the event log does not answer: " + s.ToString());
    return Json(503, R"({"status":"unavailable",)" +
                         EncodeRejection(
                             Rejection{ErrorKind::kUnavailable, codes::kLogUnavailable.code,
                                       "the event log does not answer (incident " + incident + ")"})
                             .substr(1));
  }
  // A projection or reaction stopped at an event is "degraded", answered 200: commands are still
  // taken and every other read model stays current, so a load balancer must not pull the
  // instance (every instance reads the same log and would be pulled alike).
  std::vector<ProjectionStatusSource::StoppedComponent> stopped;
  if (ctx_.projections != nullptr) stopped = ctx_.projections->Stopped();
  if (stopped.empty()) {
    return Json(200, R"({"status":"ok","partitions":)" + std::to_string(ends.size()) + "}");
  }
  WireHealth health;
  health.status = "degraded";
  health.partitions = static_cast<int32_t>(ends.size());
  for (const auto& c : stopped) {
    WireStopped w;
    w.kind = c.kind;
    w.name = c.name;
    w.error = c.error;
    if (!c.event_id.empty()) {
      w.event_id = c.event_id;
      w.event_type = c.event_type;
      w.stream_id = c.stream_id;
      w.stream_version = c.stream_version;
      w.partition = c.partition;
      w.offset = c.offset;
    }
    health.stopped.push_back(std::move(w));
  }
  health.resolve =
      "fix the cause and restart, or record a decision: eduledger <projection|reaction> skip "
      "<name> --event <event_id> --reason \"...\"";
  return Json(200, json::Encode(health));
}

Status HttpApi::WaitApplied(const std::string& projection, int partition, int64_t offset,
                            SteadyClock::time_point deadline) const {
  for (;;) {
    if (stopping_ != nullptr && stopping_->load()) {
      return Status::Unavailable("the server is stopping");
    }
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    auto slice = std::max(std::chrono::milliseconds(0), std::min(left, kWaitSlice));
    Status s = ctx_.projections->WaitForPosition(projection, partition, offset, slice);
    if (s.code() != Status::Code::kTimeout || SteadyClock::now() >= deadline) return s;
  }
}

}  // namespace edu
