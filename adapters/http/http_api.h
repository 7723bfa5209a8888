// The HTTP JSON API's request handling, independent of the transport: a request (method, target,
// headers, body, peer) in, a JSON response out. HttpServer (adapters/http/http_server.h) feeds it
// from Boost.Beast; keeping Beast out of here keeps this file quick to compile and easy to read.
//
// Contract (every response is JSON, Content-Type application/json; errors are
// {"error": {"code", "kind", "message"}}):
//
//   POST /v1/commands/{Type}
//     Authorization: Bearer <HS256 JWT>  required; 401 unauthenticated | invalid_token |
//                                        token_expired (with WWW-Authenticate: Bearer ...)
//     Idempotency-Key: <uuid>            optional (a random v4 id when absent); the command id.
//                                        400 invalid_idempotency_key when not a UUID
//     X-Correlation-Id: <uuid>           optional; 400 invalid_correlation_id when not a UUID
//     X-Wait-For-Projection: <name>      optional; answer only once that projection has applied
//                                        the command's events (or the wait timed out: then
//                                        "projection": {"applied": false}); 400
//                                        unknown_projection before anything is handled
//     X-Wait-Timeout-Ms: <n>             optional bound of that wait (capped by the server's)
//     body {"marketplace", "expected_version"?, ...fields}
//     200 EncodeCommandResult (events with partition/offset; "replayed": true for a retry with the
//         same Idempotency-Key), headers X-Command-Id and, for a replay, Idempotent-Replayed: true.
//     The command id is derived from the Idempotency-Key and the token's subject: keys are scoped
//     to the actor, so another actor reusing a key gets its own command, never this one's result.
//     400 json_too_deep (nesting beyond max_json_depth) | duplicate_key (an object repeats a key,
//         named by its path), checked before the body is parsed.
//     429 rate_limited (the actor's budget, in total or for this command type) |
//         too_many_failed_authentications (the client address is locked out after repeated
//         401s; a valid token is still served), with Retry-After in seconds.
//     4xx/5xx HttpStatusOf(kind) with the pipeline's rejection (malformed_json, missing_field,
//         unknown_command_type, role_not_allowed, wrong_expected_version, idempotency_key_reused,
//         invalid_amount, ...); 403 marketplace_not_allowed when the token is scoped to another
//         marketplace.
//   GET  /v1/commands[?marketplace=m]      command types, their fields and allowed roles
//   GET  /v1/projections                   projections with state and per-partition lag
//   GET  /v1/projections/{name}/wait?partition=P&offset=O[&timeout_ms=T]
//                                          200 applied, 504 projection_wait_timeout, 404
//                                          unknown_projection, 400 missing_parameter |
//                                          invalid_parameter, 503 projection_failed
//   GET  /healthz                          200 {"status":"ok"} when the log answers, else 503
//   GET  /metrics                          Prometheus text format (adapters/http/observability.h);
//                                          unauthenticated, like /healthz: bind to a private
//                                          address. Every answer is counted there, and denials
//                                          (401, 403, 429) are logged as JSON lines on stderr.
//   other paths 404 not_found; a known path with another method 405 method_not_allowed (Allow).
//   Every 503 carries Retry-After. 5xx messages are generic with an incident reference; the
//   details (database address, stream ids) are in the server log under that reference.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "adapters/http/json_guard.h"
#include "adapters/http/projection_status.h"
#include "adapters/http/rate_limiter.h"
#include "commands/command_service.h"
#include "commands/registry.h"
#include "domain/core/decision.h"
#include "eventstore/clock.h"
#include "eventstore/event_log.h"
#include "eventstore/test_clock.h"

namespace edu {

// What the API works with. Pointers are borrowed and must outlive the server.
struct HttpApiContext {
  CommandService* commands = nullptr;  // CommandPipeline in-process, or the Kafka processors
  EventLog* log = nullptr;
  const Registry* registry = nullptr;
  const Clock* clock = SystemClock::Instance();  // the commands' "now" and token expiry
  std::string jwt_secret;
  ProjectionStatusSource* projections = nullptr;  // optional: without it no projection is known
  // Only under serve --clock manual (eventstore/test_clock.h): POST /v1/clock moves it. Null: the
  // route answers 404 clock_not_manual.
  TestClock* test_clock = nullptr;
};

// Limits the API enforces on every request (adapters/http/json_guard.h,
// adapters/http/rate_limiter.h).
struct HttpApiOptions {
  std::chrono::milliseconds max_wait{10'000};  // bound of every read-your-writes wait
  int max_json_depth = kDefaultMaxJsonDepth;
  // Tokens living longer than this (exp - iat) are refused; 0: no maximum beyond exp.
  int64_t max_token_lifetime_seconds = 0;
  RateLimitOptions rate_limits;  // default: nothing limited
};

struct HttpRequestData {
  std::string method;                          // "GET", "POST", ...
  std::string target;                          // "/v1/commands/RegisterUser?x=1"
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string peer_ip;
};

struct HttpResponseData {
  int status = 200;
  std::string body;                                          // JSON
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type
};

class HttpApi {
 public:
  // `max_wait` bounds every projection wait; `stopping` (may be null) cuts waits short when the
  // server stops.
  HttpApi(HttpApiContext context, std::chrono::milliseconds max_wait,
          const std::atomic<bool>* stopping = nullptr);
  HttpApi(HttpApiContext context, HttpApiOptions options,
          const std::atomic<bool>* stopping = nullptr);

  // Never throws; thread-safe (many connection threads call it at once).
  HttpResponseData Handle(const HttpRequestData& request) const;

  // A JSON error response: {"error": {"code", "kind", "message"}}.
  static HttpResponseData Error(int status, ErrorKind kind, std::string code, std::string message);

 private:
  HttpResponseData Route(const HttpRequestData& request) const;
  HttpResponseData PostCommand(const HttpRequestData& request, const std::string& type) const;
  HttpResponseData ListCommands(const std::string& query) const;
  HttpResponseData ListProjections() const;
  HttpResponseData WaitForProjection(const std::string& name, const std::string& query) const;
  HttpResponseData Health() const;
  HttpResponseData MoveClock(const HttpRequestData& request) const;
  // Waits in short slices so that a stopping server is not held up by a long wait.
  Status WaitApplied(const std::string& projection, int partition, int64_t offset,
                     std::chrono::steady_clock::time_point deadline) const;

  HttpApiContext ctx_;
  HttpApiOptions options_;
  std::chrono::milliseconds max_wait_;
  const std::atomic<bool>* stopping_;
  std::unique_ptr<RateLimiter> limiter_;  // thread-safe itself
};

}  // namespace edu
