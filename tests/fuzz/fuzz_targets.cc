#include "tests/fuzz/fuzz_targets.h"

#include <algorithm>
#include <any>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "adapters/auth/jwt.h"
#include "adapters/http/http_api.h"
#include "commands/pipeline.h"
#include "commands/registry.h"
#include "domain/core/stream.h"
#include "domain/policies.h"
#include "eventstore/clock.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/memory_event_log.h"
#include "eventstore/upcasters.h"

namespace edu::fuzz {
namespace {

const std::string kSecret = "fuzz-secret-fuzz-secret-fuzz-secret!";
const std::string kActor = "0b7e2f4a-3c1d-4e5f-8a9b-0c1d2e3f4a5b";
constexpr int64_t kStart = 1'767'225'600'000'000;  // 2026-01-01T00:00:00Z

std::map<std::string, int64_t>& MutableOutcomes() {
  // Never destroyed: the fuzzer prints it from an atexit handler registered before first use.
  static auto* outcomes = new std::map<std::string, int64_t>();
  return *outcomes;
}

[[noreturn]] void Broken(const std::string& what, std::string_view input) {
  std::fprintf(stderr, "fuzz invariant broken: %s\ninput (%zu bytes): %.*s\n", what.c_str(),
               input.size(), static_cast<int>(std::min<size_t>(input.size(), 2000)), input.data());
  std::abort();
}

// What every input shares: the registry and the policies (building them per input would cost
// more than the input itself).
struct World {
  Registry registry;
  Policies policies;
  ManualClock clock{Timestamp{kStart}};
  std::vector<std::string> roles;  // every role some command allows, sorted

  World() {
    RegisterAllMarketplaces(&registry);
    std::set<std::string> all;
    for (const CommandType* c : registry.Commands()) {
      for (const auto& r : c->allowed_roles()) all.insert(r);
    }
    roles.assign(all.begin(), all.end());
  }

  std::string Token(const std::string& role) const {
    JwtClaims claims;
    claims.sub = kActor;
    claims.role = role;
    claims.iat = kStart / 1'000'000;
    claims.exp = kStart / 1'000'000 + 3600;
    return SignJwt(claims, kSecret);
  }
};

const World& TheWorld() {
  static const World* world = new World();  // never destroyed: libFuzzer exits from anywhere
  return *world;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

// The harness's lenient reading of "<METHOD> <target>\n<headers>\n\n<body>".
HttpRequestData ParseRequest(std::string_view text, std::string* role) {
  HttpRequestData request;
  request.peer_ip = "127.0.0.1";
  size_t eol = text.find('\n');
  std::string_view line = text.substr(0, eol);
  size_t space = line.find(' ');
  request.method = Trimmed(line.substr(0, space));
  request.target = space == std::string_view::npos ? "/" : Trimmed(line.substr(space + 1));
  text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
  while (!text.empty()) {
    eol = text.find('\n');
    line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (Trimmed(line).empty()) break;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name = Lower(Trimmed(line.substr(0, colon)));
    std::string value = Trimmed(line.substr(colon + 1));
    if (name == "role") {
      *role = value;
    } else {
      request.headers[name] = value;
    }
  }
  request.body = std::string(text);
  return request;
}

void RunRequest(std::string_view input) {
  const World& world = TheWorld();
  std::string role;
  HttpRequestData request = ParseRequest(input, &role);
  if (!role.empty() && request.headers.count("authorization") == 0) {
    // A role given by number picks one of the registry's roles, so that mutations reach them all.
    if (role.size() <= 2 && std::isdigit(static_cast<unsigned char>(role[0]))) {
      role = world.roles[static_cast<size_t>(std::atoi(role.c_str())) % world.roles.size()];
    }
    request.headers["authorization"] = "Bearer " + world.Token(role);
  }
  if (request.headers.count("idempotency-key") == 0) {
    // Deterministic, so that a crash reproduces from its input alone.
    request.headers["idempotency-key"] = "7d444840-9dc0-11d1-b245-5ffdce74fad2";
  }
  // A fresh log per input: an input's effect never depends on the inputs before it.
  MemoryEventLog log(4, &world.clock);
  CommandPipeline::Options options;
  options.state_cache_capacity = 64;
  CommandPipeline pipeline(&log, &world.registry, &world.policies, options);
  HttpApiContext context;
  context.commands = &pipeline;
  context.log = &log;
  context.registry = &world.registry;
  context.clock = &world.clock;
  context.jwt_secret = kSecret;
  HttpApi api(context, std::chrono::milliseconds(0));

  HttpResponseData response;
  try {
    response = api.Handle(request);
  } catch (const std::exception& e) {
    Broken(std::string("HttpApi::Handle threw: ") + e.what(), input);
  }
  if (response.status < 200 || response.status > 599) {
    Broken("status " + std::to_string(response.status), input);
  }
  bool text_body = false;
  for (const auto& [name, value] : response.headers) {
    if (Lower(name) == "content-type" && value.rfind("application/json", 0) != 0) text_body = true;
  }
  if (text_body) {
    ++MutableOutcomes()[std::to_string(response.status) + " text"];
    return;
  }
  rapidjson::Document doc;
  doc.Parse(response.body.data(), response.body.size());
  if (doc.HasParseError() || !doc.IsObject()) Broken("answer is not a JSON object", input);
  std::string code = "ok";
  if (response.status >= 400) {
    auto error = doc.FindMember("error");
    if (error == doc.MemberEnd() || !error->value.IsObject() || !error->value.HasMember("code") ||
        !error->value["code"].IsString()) {
      // /healthz answers 503 with a status object; everything else names an error.
      if (!doc.HasMember("status")) Broken("an error answer without error.code", input);
      code = "status";
    } else {
      code = error->value["code"].GetString();
    }
  }
  ++MutableOutcomes()[std::to_string(response.status) + " " + code];
}

void RunEnvelope(std::string_view input) {
  RecordedEvent event;
  Status decoded = DecodeEnvelope(input, &event);
  if (!decoded.ok()) {
    ++MutableOutcomes()["envelope rejected"];
    return;
  }
  // A decoded envelope re-encodes to a text that decodes to the same envelope (the replay output
  // and the Kafka topic are read back by other readers).
  const std::string encoded = EncodeEnvelope(event);
  RecordedEvent again;
  Status redecoded = DecodeEnvelope(encoded, &again);
  if (!redecoded.ok()) Broken("re-encoded envelope does not decode: " + redecoded.message(), input);
  if (EncodeEnvelope(again) != encoded) Broken("envelope does not round-trip", input);
  SealEvent(event.prev_hash, &event);
  if (event.hash.size() != 64) Broken("hash of " + std::to_string(event.hash.size()), input);

  // What a reader does next: upcast the payload to the current schema and decode it as its typed
  // event (the data subject lookup of the personal-data layer decodes it).
  const EventTypeInfo* info = nullptr;
  for (const EventTypeInfo& candidate : TheWorld().registry.EventTypes()) {
    if (candidate.marketplace == event.marketplace && candidate.type == event.type) {
      info = &candidate;
    }
  }
  if (info == nullptr) {
    ++MutableOutcomes()["envelope ok, unknown type"];
    return;
  }
  std::string payload = event.payload;
  Status upcast = Upcasters::Global().Upcast(event.marketplace, event.type, event.schema_version,
                                             info->schema_version, &payload);
  if (!upcast.ok()) {
    ++MutableOutcomes()["envelope ok, upcast refused"];
    return;
  }
  Uuid subject;
  Status typed = info->ops->DataSubjectOf(payload, &subject);
  ++MutableOutcomes()[typed.code() == Status::Code::kInvalidArgument ? "envelope typed refused"
                                                                     : "envelope typed"];

  // Folding the event into a fresh state of its aggregate: a poisoned log's stream need not hold
  // the earlier events evolve expects, and LoadState must survive it (the deciders mark such a
  // state inconsistent instead of reading what is missing). EDU_FUZZ_NO_FOLD=1 leaves it out.
  static const bool fold = std::getenv("EDU_FUZZ_NO_FOLD") == nullptr;
  if (!fold) return;
  auto stream = ParseStreamId(event.stream_id);
  const AggregateType* aggregate =
      stream ? TheWorld().registry.FindAggregate(stream->category) : nullptr;
  if (aggregate == nullptr) return;
  std::any state = aggregate->Initial();
  try {
    Status applied = aggregate->Apply(&state, event);
    ++MutableOutcomes()[applied.ok() ? "envelope folded" : "envelope fold refused"];
  } catch (const std::exception& e) {
    ++MutableOutcomes()[std::string("envelope fold threw: ") + e.what()];
  }
}

std::string SampleValue(const std::string& type, const std::string& currency) {
  if (type == "uuid") return "\"5f0c6b8e-2d4a-4c1b-9e3f-7a8b9c0d1e2f\"";
  if (type == "string") return "\"sample\"";
  if (type == "integer") return "1";
  if (type == "number") return "1.5";
  if (type == "boolean") return "true";
  if (type == "timestamp") return "\"2026-01-02T10:00:00Z\"";
  if (type == "date") return "\"2010-05-01\"";
  if (type == "money") return R"({"minor":100000,"currency":")" + currency + "\"}";
  if (type.rfind("enum(", 0) == 0) {
    size_t end = type.find_first_of("|)");
    return "\"" + type.substr(5, end - 5) + "\"";
  }
  if (type.rfind("array<", 0) == 0) {
    return "[" + SampleValue(type.substr(6, type.size() - 7), currency) + "]";
  }
  if (type.rfind("map<string,", 0) == 0) {
    return "{\"k\":" + SampleValue(type.substr(11, type.size() - 12), currency) + "}";
  }
  return "{}";
}

}  // namespace

void RunOne(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!input.empty() && input.front() == 'E') {
    RunEnvelope(input.substr(1));
  } else {
    RunRequest(input);
  }
}

const std::map<std::string, int64_t>& Outcomes() { return MutableOutcomes(); }

std::map<std::string, std::string> SeedInputs() {
  const World& world = TheWorld();
  const std::map<std::string, std::string> currency = {
      {"mentorship", "INR"}, {"peerloop", "USD"}, {"skillspring", "USD"}, {"uhs", "KES"}};
  std::map<std::string, std::string> seeds;
  for (const CommandType* c : world.registry.Commands()) {
    std::string body = "{\"marketplace\":\"" + c->marketplace() + "\"";
    for (const FieldInfo& f : c->fields()) {
      body += ",\"" + f.name + "\":" + SampleValue(f.type, currency.at(c->marketplace()));
    }
    body += "}";
    seeds["command-" + c->marketplace() + "-" + c->type()] =
        "POST /v1/commands/" + c->type() + "\nrole: " + c->allowed_roles().front() +
        "\nx-correlation-id: 1b4e28ba-2fa1-11d2-883f-0016d3cca427\n\n" + body;
  }
  seeds["get-commands"] = "GET /v1/commands?marketplace=uhs\n\n";
  seeds["get-projections"] = "GET /v1/projections\n\n";
  seeds["get-wait"] = "GET /v1/projections/x/wait?partition=1&offset=2\n\n";
  seeds["get-health"] = "GET /healthz\n\n";
  seeds["get-metrics"] = "GET /metrics\n\n";
  seeds["bad-token"] = "POST /v1/commands/RegisterUser\nauthorization: Bearer e30.e30.AAAA\n\n{}";
  for (const EventTypeInfo& info : world.registry.EventTypes()) {
    RecordedEvent e;
    e.event_id = *ParseUuid("9a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    e.type = info.type;
    e.schema_version = info.schema_version;
    e.marketplace = info.marketplace;
    e.occurred_at = Timestamp{kStart};
    e.recorded_at = Timestamp{kStart + 1000};
    e.causation_id = *ParseUuid("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    e.correlation_id = e.causation_id;
    e.actor = Actor{kActor, "admin"};
    e.metadata["ip"] = "127.0.0.1";
    e.payload = info.ops->SamplePayload();
    e.stream_id = info.category + "-5f0c6b8e-2d4a-4c1b-9e3f-7a8b9c0d1e2f";
    e.stream_version = 1;
    e.partition = 2;
    e.offset = 17;
    SealEvent("", &e);
    seeds["envelope-" + info.marketplace + "-" + info.type] = "E" + EncodeEnvelope(e);
  }
  return seeds;
}

}  // namespace edu::fuzz
