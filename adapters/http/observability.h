// What the HTTP API reports about itself: GET /metrics (Prometheus text format, the registry of
// eventstore/metrics.h with the projections' state refreshed at each scrape) and, for every
// answered request, its metrics and the structured log lines of denials (eventstore/
// structured_log.h). HttpApi::Handle calls ObserveAnswer once per request.
//
// Thread-safe: free functions over thread-safe registries.
#pragma once

#include <string>

#include "adapters/http/http_api.h"
#include "adapters/http/projection_status.h"
#include "commands/registry.h"
#include "domain/core/time.h"

namespace edu {

// The route template of a path, a bounded label: "/v1/commands/{type}", "/v1/projections/{name}/
// wait", "/healthz", "/metrics", "/v1/commands", "/v1/projections", or "other".
std::string RouteOf(const std::string& target);

// Refreshes the projection gauges from `projections` (may be null) and renders every metric:
//   eduledger_projection_state{projection, state} 1       one series per projection
//   eduledger_projection_lag_events{projection, partition} and
//   eduledger_projection_checkpoint{projection, partition}
//   eduledger_stopped_components{kind, name, event_type} 1  projections and reactions stopped at
//                                                            an event (what /healthz calls
//                                                            degraded)
//   eduledger_projection_status_available 0|1               0 when the log's end offsets are
//                                                            unknown (lag then keeps its last
//                                                            value)
std::string RenderMetrics(ProjectionStatusSource* projections);

// The GET /metrics answer: 200, Content-Type text/plain; version=0.0.4.
HttpResponseData MetricsResponse(ProjectionStatusSource* projections);

// What ObserveAnswer needs to know besides the request and its answer.
struct ObservedContext {
  const Registry* registry = nullptr;  // command types are labelled only when known
  std::string jwt_secret;              // to name the actor of a 403/429 (never logged)
  Timestamp now;
  double seconds = 0;  // how long the answer took
};

// Records the request's metrics (HTTP requests and latency; for commands their type, outcome and
// latency; 401s as rejected authentications; 429s as rate-limited requests) and logs denials
// (401, 403, 429: who, what, why) and server errors as structured lines. Never logs a token, a
// header value other than the client address, or the body.
void ObserveAnswer(const HttpRequestData& request, const HttpResponseData& response,
                   const ObservedContext& context);

}  // namespace edu
