#include "adapters/http/observability.h"

#include <cctype>
#include <utility>
#include <vector>

#include <rapidjson/document.h>

#include "adapters/auth/jwt.h"
#include "eventstore/metrics.h"
#include "eventstore/structured_log.h"

namespace edu {
namespace {

const std::string kCommandsRoute = "/v1/commands/{type}";

std::string PathOf(const std::string& target) { return target.substr(0, target.find('?')); }

std::string MethodLabel(const std::string& method) {
  for (const char* known : {"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"}) {
    if (method == known) return method;
  }
  return "other";
}

// The command type of a POST /v1/commands/{type}, when the registry knows it.
std::string CommandLabel(const std::string& target, const Registry* registry) {
  const std::string type = PathOf(target).substr(std::string("/v1/commands/").size());
  if (registry == nullptr) return "unknown";
  for (const CommandType* c : registry->Commands()) {
    if (c->type() == type) return type;
  }
  return "unknown";
}

struct ErrorInfo {
  std::string code;
  std::string message;
};

// The {"error": {"code", "message"}} of an error answer (empty when it has none).
ErrorInfo ErrorOf(const HttpResponseData& response) {
  ErrorInfo out;
  if (response.status < 400) return out;
  rapidjson::Document doc;
  doc.Parse(response.body.data(), response.body.size());
  if (doc.HasParseError() || !doc.IsObject()) return out;
  auto error = doc.FindMember("error");
  if (error == doc.MemberEnd() || !error->value.IsObject()) return out;
  auto code = error->value.FindMember("code");
  if (code != error->value.MemberEnd() && code->value.IsString()) {
    out.code.assign(code->value.GetString(), code->value.GetStringLength());
  }
  auto message = error->value.FindMember("message");
  if (message != error->value.MemberEnd() && message->value.IsString()) {
    out.message.assign(message->value.GetString(), message->value.GetStringLength());
  }
  return out;
}

bool HasHeader(const HttpResponseData& response, const char* name) {
  for (const auto& [key, value] : response.headers) {
    if (key.size() != std::string(name).size()) continue;
    bool same = true;
    for (size_t i = 0; i < key.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(key[i])) ==
             std::tolower(static_cast<unsigned char>(name[i]));
    }
    if (same) return true;
  }
  return false;
}

// Who sent it: the client address and, when the request carries a valid token, its actor.
logging::Object Who(const HttpRequestData& request, const ObservedContext& context) {
  logging::Object who;
  auto auth = request.headers.find("authorization");
  if (auth != request.headers.end() && !context.jwt_secret.empty()) {
    const std::string& value = auth->second;
    size_t space = value.find(' ');
    if (space != std::string::npos) {
      std::string token = value.substr(space + 1);
      while (!token.empty() && token.front() == ' ') token.erase(0, 1);
      JwtClaims claims;
      if (!VerifyJwt(token, context.jwt_secret, context.now, &claims)) {
        who.emplace_back("actor", claims.sub);
        who.emplace_back("role", claims.role);
      }
    }
  }
  if (who.empty()) {
    who.emplace_back("actor", "");
    who.emplace_back("credentials",
                     auth == request.headers.end() ? "none" : "bearer token not accepted");
  }
  who.emplace_back("ip", request.peer_ip);
  return who;
}

logging::Object What(const HttpRequestData& request, const std::string& route,
                     const std::string& command) {
  logging::Object what = {{"method", MethodLabel(request.method)}, {"route", route}};
  if (!command.empty()) what.emplace_back("command", command);
  return what;
}

}  // namespace

std::string RouteOf(const std::string& target) {
  const std::string path = PathOf(target);
  for (const char* exact : {"/healthz", "/metrics", "/v1/commands", "/v1/projections"}) {
    if (path == exact) return path;
  }
  const std::string commands = "/v1/commands/";
  if (path.rfind(commands, 0) == 0 && path.size() > commands.size() &&
      path.find('/', commands.size()) == std::string::npos) {
    return kCommandsRoute;
  }
  const std::string projections = "/v1/projections/";
  const std::string wait = "/wait";
  if (path.rfind(projections, 0) == 0 && path.size() > projections.size() + wait.size() &&
      path.compare(path.size() - wait.size(), wait.size(), wait) == 0) {
    return "/v1/projections/{name}/wait";
  }
  return "other";
}

std::string RenderMetrics(ProjectionStatusSource* projections) {
  metrics::MetricsRegistry& registry = metrics::MetricsRegistry::Global();
  registry.DeclareGauge("eduledger_projection_state",
                        "1 for each projection's current state (running, catching_up, "
                        "rebuilding, stopped, failed, ...).");
  registry.DeclareGauge("eduledger_projection_lag_events",
                        "Events of a partition a projection has not applied yet.");
  registry.DeclareGauge("eduledger_projection_checkpoint",
                        "The next offset of a partition a projection will apply.");
  registry.DeclareGauge("eduledger_stopped_components",
                        "1 for each projection or reaction stopped at an event it cannot process "
                        "(/healthz says degraded).");
  registry.DeclareGauge("eduledger_projection_status_available",
                        "0 when the projections' progress could not be read (the log's end "
                        "offsets are unknown); the lag series then keep their last values.");
  bool available = true;
  if (projections != nullptr) {
    std::vector<ProjectionStatusSource::ProjectionStatus> list;
    Status listed = projections->List(&list);
    available = listed.ok();
    if (available) {
      std::vector<std::pair<metrics::Labels, double>> state, lag, checkpoint;
      for (const auto& p : list) {
        state.push_back({{{"projection", p.name}, {"state", p.state}}, 1});
        for (const auto& part : p.partitions) {
          metrics::Labels labels = {{"projection", p.name},
                                    {"partition", std::to_string(part.partition)}};
          lag.push_back({labels, static_cast<double>(part.lag)});
          checkpoint.push_back({labels, static_cast<double>(part.checkpoint)});
        }
      }
      registry.ReplaceGauge("eduledger_projection_state", state);
      registry.ReplaceGauge("eduledger_projection_lag_events", lag);
      registry.ReplaceGauge("eduledger_projection_checkpoint", checkpoint);
    }
    std::vector<std::pair<metrics::Labels, double>> stopped;
    for (const auto& c : projections->Stopped()) {
      stopped.push_back({{{"kind", c.kind}, {"name", c.name}, {"event_type", c.event_type}}, 1});
    }
    registry.ReplaceGauge("eduledger_stopped_components", stopped);
  }
  registry.Set("eduledger_projection_status_available", {}, available ? 1 : 0);
  return registry.Render();
}

HttpResponseData MetricsResponse(ProjectionStatusSource* projections) {
  HttpResponseData out;
  out.status = 200;
  out.body = RenderMetrics(projections);
  out.headers.emplace_back("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  return out;
}

void ObserveAnswer(const HttpRequestData& request, const HttpResponseData& response,
                   const ObservedContext& context) {
  const std::string route = RouteOf(request.target);
  const std::string method = MethodLabel(request.method);
  metrics::RecordHttpRequest(route, method, response.status, context.seconds);
  const ErrorInfo error = ErrorOf(response);

  std::string command;
  if (route == kCommandsRoute && request.method == "POST") {
    command = CommandLabel(request.target, context.registry);
    const char* outcome = response.status >= 400                       ? "rejected"
                          : HasHeader(response, "Idempotent-Replayed") ? "replayed"
                                                                       : "accepted";
    metrics::RecordCommand(command, outcome, error.code, context.seconds);
    if (logging::Enabled(logging::Level::kDebug) && response.status < 400) {
      logging::Log(logging::Level::kDebug, "command_handled",
                   {{"who", Who(request, context)},
                    {"what", What(request, route, command)},
                    {"status", int64_t{response.status}},
                    {"outcome", std::string(outcome)},
                    {"duration_ms", context.seconds * 1000}});
    }
  }
  if (response.status == 401) metrics::RecordAuthenticationRejected(error.code);
  if (response.status == 429) metrics::RecordRateLimited(route, error.code);

  if (response.status == 401 || response.status == 403 || response.status == 429) {
    // Why: the code always; the sentence only when the server wrote it from nothing secret (a 401
    // sentence can quote the Authorization header back).
    logging::Object why = {{"code", error.code}};
    if (response.status != 401) why.emplace_back("message", error.message);
    logging::Log(logging::Level::kWarn, "request_denied",
                 {{"status", int64_t{response.status}},
                  {"who", Who(request, context)},
                  {"what", What(request, route, command)},
                  {"why", why}});
  } else if (response.status >= 500) {
    // 5xx sentences are generic and carry the incident reference of the detailed line.
    logging::Log(logging::Level::kError, "request_failed",
                 {{"status", int64_t{response.status}},
                  {"what", What(request, route, command)},
                  {"why", logging::Object{{"code", error.code}, {"message", error.message}}}});
  }
}

}  // namespace edu
