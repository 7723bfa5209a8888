#include "commands/pipeline.h"

#include <algorithm>
#include <cstdio>
#include <random>

#include "domain/core/marketplace.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/json_binding.h"
#include "eventstore/structured_log.h"

namespace edu {
namespace {

// A field the decoder refused, named with its path: 400, or 422 when the value is well-formed but
// outside what the log and the read tables hold. The binding's structured error carries the code.
Rejection DecodeRejection(const json::DecodeError& error) {
  Rejection r;
  r.code = error.code;
  r.kind = r.code == codes::kOutOfRange.code ? ErrorKind::kInvalid : ErrorKind::kMalformed;
  r.message = error.message;
  r.field = error.field;
  return r;
}

// Request metadata (user agent, address) is kept on every event: text PostgreSQL can hold.
constexpr int64_t kMaxMetadataLength = 1'000;

// What the command record keeps: enough to answer a retry exactly as the first time.
struct StoredEvent {
  Uuid event_id;
  std::string type;
  int64_t stream_version = 0;
  EDU_FIELDS(event_id, type, stream_version)
};
struct StoredResult {
  std::string marketplace;
  std::string stream_id;
  int64_t stream_version = 0;
  std::vector<StoredEvent> events;
  EDU_FIELDS(marketplace, stream_id, stream_version, events)
};

}  // namespace

std::string LogIncident(const std::string& details) {
  // Random, not derived: the reference only joins an answer to its log line.
  thread_local std::mt19937_64 random{std::random_device{}()};
  char id[17];
  std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(random()));
  logging::Log(logging::Level::kError, "incident",
               {{"incident", std::string(id)}, {"details", details}});
  return id;
}

Rejection RejectionFromStatus(const Status& status) {
  // The details (database host and port, stream ids, driver messages) go to the server log only;
  // the client gets a stable code, a generic sentence and the reference of the log line.
  const std::string incident = LogIncident(status.ToString());
  if (status.IsUnavailable() || status.code() == Status::Code::kTimeout) {
    return Rejection{ErrorKind::kUnavailable, codes::kLogUnavailable.code,
                     "the event log is unavailable; retry with the same Idempotency-Key "
                     "(incident " +
                         incident + ")"};
  }
  return Rejection{ErrorKind::kInternal, codes::kInternalError.code,
                   "the server could not handle the command (incident " + incident + ")"};
}

CommandPipeline::CommandPipeline(EventLog* log, const Registry* registry, const Policies* policies)
    : CommandPipeline(log, registry, policies, Options{}) {}

CommandPipeline::CommandPipeline(EventLog* log, const Registry* registry, const Policies* policies,
                                 Options options)
    : log_(log),
      registry_(registry),
      policies_(policies),
      options_(options),
      cache_(options.state_cache_capacity) {}

CommandResult CommandPipeline::Fail(const CommandRequest& request, Rejection rejection) {
  CommandResult r;
  r.command_id = request.command_id;
  r.error = std::move(rejection);
  return r;
}

Status CommandPipeline::LoadState(const AggregateType& aggregate, const std::string& stream_id,
                                  std::any* state, int64_t* version) {
  auto cached = cache_.Get(stream_id);
  std::any current = cached ? std::move(cached->state) : aggregate.Initial();
  int64_t at = cached ? cached->version : 0;
  std::vector<RecordedEvent> tail;
  EDU_RETURN_IF_ERROR(log_->ReadStream(stream_id, at + 1, &tail).Annotate("loading " + stream_id));
  for (const RecordedEvent& e : tail) {
    if (e.stream_version != at + 1) {
      return Status::Corruption(stream_id + " jumps from version " + std::to_string(at) + " to " +
                                std::to_string(e.stream_version));
    }
    EDU_RETURN_IF_ERROR(aggregate.Apply(&current, e));
    at = e.stream_version;
  }
  if (!tail.empty()) cache_.Put(stream_id, StateCache::Entry{current, at});
  *state = std::move(current);
  *version = at;
  return Status::OK();
}

CommandResult CommandPipeline::Replay(const CommandRequest& request, const CommandRecord& record,
                                      const std::string& request_hash) {
  if (record.request_hash != request_hash) {
    return Fail(request, Rejection{ErrorKind::kInvalid, codes::kIdempotencyKeyReused.code,
                                   "Idempotency-Key " + ToString(request.command_id) +
                                       " was already used for a different request"});
  }
  StoredResult stored;
  Status s = json::Decode(record.result, &stored, json::DecodeOptions{false});
  if (!s.ok()) return Fail(request, RejectionFromStatus(s.Annotate("stored command result")));
  CommandResult r;
  r.command_id = request.command_id;
  r.replayed = true;
  r.marketplace = stored.marketplace;
  r.stream_id = stored.stream_id;
  r.stream_version = stored.stream_version;
  if (!stored.events.empty()) {
    std::vector<RecordedEvent> events;
    s = log_->ReadStream(stored.stream_id, stored.events.front().stream_version, &events);
    if (!s.ok()) return Fail(request, RejectionFromStatus(s));
    for (const StoredEvent& want : stored.events) {
      auto it = std::find_if(events.begin(), events.end(),
                             [&](const RecordedEvent& e) { return e.event_id == want.event_id; });
      if (it == events.end()) {
        return Fail(request, RejectionFromStatus(Status::Corruption(
                                 "event " + ToString(want.event_id) + " of command " +
                                 ToString(request.command_id) + " is missing from the log")));
      }
      r.events.push_back(
          {it->event_id, it->type, it->stream_id, it->stream_version, it->partition, it->offset});
    }
  }
  return r;
}

// The request's command as parsed and resolved: what every later step reads.
struct CommandPipeline::Parsed {
  const TypedCommand* typed = nullptr;  // a typed value (no JSON), or nullptr for a JSON body
  std::string type;
  std::string marketplace;
  std::optional<int64_t> expected_version;
  rapidjson::Document parsed_body;         // the body, when the caller did not parse it
  const rapidjson::Value* body = nullptr;  // the JSON body (a JSON command only)
  const CommandType* command_type = nullptr;
  std::string request_hash;
};

CommandResult CommandPipeline::Handle(const CommandRequest& request) {
  Parsed parsed;
  if (auto rejected = Parse(request, &parsed)) return Fail(request, std::move(*rejected));
  if (auto rejected = Authorize(request, parsed)) return Fail(request, std::move(*rejected));
  parsed.request_hash = RequestHash(parsed);

  if (auto earlier = EarlierResult(request, parsed.request_hash)) return std::move(*earlier);

  std::unique_ptr<PreparedCommand> command;
  if (auto rejected = Prepare(request, parsed, &command)) {
    return Fail(request, std::move(*rejected));
  }
  for (int attempt = 0; attempt <= options_.max_conflict_retries; ++attempt) {
    // nullopt: someone else appended first; decide again on the new state.
    if (auto result = DecideAndAppend(request, parsed, *command)) return std::move(*result);
  }
  return FailUnlessHandled(
      request,
      Rejection{ErrorKind::kConflict, codes::kConcurrencyConflict.code,
                "the target kept changing; gave up after " +
                    std::to_string(options_.max_conflict_retries + 1) + " attempts"},
      parsed.request_hash);
}

std::optional<Rejection> CommandPipeline::Parse(const CommandRequest& request,
                                                Parsed* parsed) const {
  if (request.actor.id.empty() || request.actor.role.empty()) {
    return Rejection{ErrorKind::kUnauthenticated, codes::kUnauthenticated.code,
                     "the command has no authenticated actor"};
  }
  if (request.command_id.is_nil()) {
    return Rejection{ErrorKind::kMalformed, codes::kMissingCommandId.code,
                     "the command has no id (Idempotency-Key)"};
  }
  // What the command is: a typed value (no JSON), or a JSON body, parsed here unless the caller
  // (the HTTP API) already did.
  parsed->typed = request.command.get();
  parsed->type = parsed->typed ? parsed->typed->type() : request.type;
  if (parsed->typed) {
    parsed->marketplace = parsed->typed->marketplace();
    if (!ParseEnum<Marketplace>(parsed->marketplace)) {
      return Rejection{ErrorKind::kInvalid, codes::kUnknownMarketplace.code,
                       "field 'marketplace' must be one of " + EnumChoices<Marketplace>()};
    }
  } else if (auto rejected = ParseJsonEnvelope(request, parsed)) {
    return rejected;
  }
  parsed->command_type = registry_->FindCommand(parsed->marketplace, parsed->type);
  if (parsed->command_type == nullptr) {
    std::string known;
    for (const CommandType* c : registry_->Commands(parsed->marketplace)) {
      known += (known.empty() ? "" : ", ") + c->type();
    }
    return Rejection{ErrorKind::kNotFound, codes::kUnknownCommandType.code,
                     "marketplace " + parsed->marketplace + " has no command '" + parsed->type +
                         "' (known: " + known + ")"};
  }
  return std::nullopt;
}

std::optional<Rejection> CommandPipeline::ParseJsonEnvelope(const CommandRequest& request,
                                                            Parsed* parsed) const {
  if (request.document) {
    parsed->body = request.document.get();
  } else {
    Status status = json::ParseDocument(request.body, &parsed->parsed_body);
    if (!status.ok()) {
      return Rejection{ErrorKind::kMalformed, codes::kMalformedJson.code, status.message()};
    }
    parsed->body = &parsed->parsed_body;
  }
  const rapidjson::Value& body = *parsed->body;
  if (!body.IsObject()) {
    return Rejection{
        ErrorKind::kMalformed, codes::kMalformedJson.code,
        std::string("the request body must be a JSON object, got ") + json::JsonTypeName(body)};
  }
  // Reserved envelope members.
  auto market_member = body.FindMember("marketplace");
  if (market_member == body.MemberEnd()) {
    return Rejection{
        ErrorKind::kMalformed, codes::kMissingField.code,
        "missing required field 'marketplace' (one of " + EnumChoices<Marketplace>() + ")"};
  }
  if (!market_member->value.IsString() ||
      !ParseEnum<Marketplace>(std::string_view(market_member->value.GetString(),
                                               market_member->value.GetStringLength()))) {
    return Rejection{ErrorKind::kInvalid, codes::kUnknownMarketplace.code,
                     "field 'marketplace' must be one of " + EnumChoices<Marketplace>()};
  }
  parsed->marketplace.assign(market_member->value.GetString(),
                             market_member->value.GetStringLength());
  auto expected_member = body.FindMember("expected_version");
  if (expected_member != body.MemberEnd()) {
    if (!expected_member->value.IsInt64() || expected_member->value.GetInt64() < 0) {
      return Rejection{ErrorKind::kMalformed, codes::kInvalidField.code,
                       "field 'expected_version' must be a non-negative integer"};
    }
    parsed->expected_version = expected_member->value.GetInt64();
  }
  return std::nullopt;
}

std::optional<Rejection> CommandPipeline::Authorize(const CommandRequest& request,
                                                    const Parsed& parsed) const {
  const auto& roles = parsed.command_type->allowed_roles();
  if (std::find(roles.begin(), roles.end(), request.actor.role) != roles.end()) return std::nullopt;
  std::string allowed;
  for (const auto& r : roles) allowed += (allowed.empty() ? "" : ", ") + r;
  return Rejection{ErrorKind::kForbidden, codes::kRoleNotAllowed.code,
                   "role '" + request.actor.role + "' may not issue " + parsed.type +
                       " (allowed: " + allowed + ")"};
}

std::string CommandPipeline::RequestHash(const Parsed& parsed) {
  // The idempotency hash needs a stable byte form of the command. A JSON body is hashed as its
  // compact re-serialisation (member order kept, whitespace gone). A typed command is hashed as the
  // body a client would send for it (CommandJsonBody: the envelope's marketplace, then the fields
  // in declaration order, json::Encode's canonical form), which is also what the Kafka edge sends
  // for it and what reactions issued as JSON before: a command id keeps its hash across both paths
  // and across that change (up to a double's last digit, which no issued command carries).
  return Sha256Hex(parsed.marketplace + "\n" + parsed.type + "\n" +
                   (parsed.typed ? CommandJsonBody(*parsed.typed) : json::Stringify(*parsed.body)));
}

std::optional<CommandResult> CommandPipeline::EarlierResult(const CommandRequest& request,
                                                            const std::string& request_hash) {
  std::optional<CommandRecord> earlier;
  Status looked = log_->LookupCommand(request.command_id, &earlier);
  if (!looked.ok()) return Fail(request, RejectionFromStatus(looked));
  if (earlier) return Replay(request, *earlier, request_hash);
  return std::nullopt;
}

std::optional<Rejection> CommandPipeline::Prepare(const CommandRequest& request,
                                                  const Parsed& parsed,
                                                  std::unique_ptr<PreparedCommand>* command) const {
  for (const auto& [key, value] : request.metadata) {
    json::DecodeError issue;
    Status checked = json::CheckText(value, "metadata." + key, kMaxMetadataLength, &issue);
    if (!checked.ok()) return DecodeRejection(issue);
  }
  if (parsed.typed) {
    Status prepared = parsed.command_type->Prepare(*parsed.typed, command);
    if (!prepared.ok()) return RejectionFromStatus(prepared);
  } else if (auto error = parsed.command_type->Parse(*parsed.body, command)) {
    return DecodeRejection(*error);
  }
  return std::nullopt;
}

std::optional<CommandResult> CommandPipeline::DecideAndAppend(const CommandRequest& request,
                                                              const Parsed& parsed,
                                                              const PreparedCommand& command) {
  const std::string stream_id = command.stream_id();
  std::any state;
  int64_t version = 0;
  Status loaded = LoadState(command.aggregate(), stream_id, &state, &version);
  if (!loaded.ok()) return Fail(request, RejectionFromStatus(loaded));
  if (parsed.expected_version && *parsed.expected_version != version) {
    return FailUnlessHandled(
        request,
        Rejection{ErrorKind::kConflict, codes::kWrongExpectedVersion.code,
                  "the stream is at version " + std::to_string(version) + ", expected " +
                      std::to_string(*parsed.expected_version)},
        parsed.request_hash);
  }
  References refs;
  Status refs_loaded = LoadReferences(command, &refs);
  if (!refs_loaded.ok()) return Fail(request, RejectionFromStatus(refs_loaded));

  Decided decided;
  if (auto failed = Decide(request, parsed, command, state, &refs, &decided)) {
    return Fail(request, std::move(*failed));
  }
  if (decided.rejection) return FailUnlessHandled(request, *decided.rejection, parsed.request_hash);

  AppendRequest append = NewEvents(request, parsed, stream_id, version, &decided);
  return AppendAtVersion(request, parsed, append, std::move(decided.state_after));
}

Status CommandPipeline::LoadReferences(const PreparedCommand& command, References* refs) {
  for (const std::string& ref : command.references()) {
    auto parsed_ref = ParseStreamId(ref);
    const AggregateType* ref_type =
        parsed_ref ? registry_->FindAggregate(parsed_ref->category) : nullptr;
    if (ref_type == nullptr) return Status::Internal("no aggregate for stream " + ref);
    std::any ref_state;
    int64_t ref_version = 0;
    EDU_RETURN_IF_ERROR(LoadState(*ref_type, ref, &ref_state, &ref_version));
    refs->Put(ref, std::move(ref_state), ref_version);
  }
  return Status::OK();
}

std::optional<Rejection> CommandPipeline::Decide(const CommandRequest& request,
                                                 const Parsed& parsed,
                                                 const PreparedCommand& command,
                                                 const std::any& state, References* refs,
                                                 Decided* decided) const {
  const std::string& type = parsed.type;
  DecisionContext ctx{request.now, request.actor, request.command_id, refs, policies_};
  try {
    *decided = command.Decide(state, ctx);
  } catch (const std::exception& e) {
    return Rejection{ErrorKind::kInternal, codes::kDeciderFailed.code,
                     "deciding " + type + " failed (incident " +
                         LogIncident("deciding " + type + " on " + command.stream_id() +
                                     " failed: " + e.what()) +
                         ")"};
  }
  // A decider that read a stream its command did not reference, or read one as the wrong
  // aggregate, decided on "does not exist" by mistake: a bug, never the client's answer.
  if (auto misuse = refs->Misuse()) {
    return Rejection{
        ErrorKind::kInternal, codes::kDeciderFailed.code,
        "deciding " + type + " failed (incident " +
            LogIncident("deciding " + type + " on " + command.stream_id() + ": " + *misuse) + ")"};
  }
  return std::nullopt;
}

AppendRequest CommandPipeline::NewEvents(const CommandRequest& request, const Parsed& parsed,
                                         const std::string& stream_id, int64_t version,
                                         Decided* decided) {
  const Uuid correlation =
      request.correlation_id.is_nil() ? request.command_id : request.correlation_id;
  AppendRequest append;
  append.stream_id = stream_id;
  append.expected = ExpectedVersion::Exactly(version);
  StoredResult stored{parsed.marketplace, stream_id, version, {}};
  for (size_t i = 0; i < decided->events.size(); ++i) {
    EncodedEvent& encoded = decided->events[i];
    NewEvent e;
    // Derived, not random: the same command always yields the same event ids, which lets every
    // reader drop a duplicate delivery.
    e.event_id = DeriveUuid(request.command_id, "event-" + std::to_string(i));
    e.type = encoded.type;
    e.schema_version = encoded.schema_version;
    e.marketplace = parsed.marketplace;
    e.occurred_at = request.now;
    e.causation_id = request.command_id;
    e.correlation_id = correlation;
    e.actor = request.actor;
    e.metadata = request.metadata;
    e.payload = std::move(encoded.payload);
    stored.events.push_back({e.event_id, e.type, version + static_cast<int64_t>(i) + 1});
    append.events.push_back(std::move(e));
  }
  stored.stream_version = version + static_cast<int64_t>(append.events.size());
  append.command = CommandRecord{request.command_id, parsed.request_hash, json::Encode(stored)};
  return append;
}

std::optional<CommandResult> CommandPipeline::AppendAtVersion(const CommandRequest& request,
                                                              const Parsed& parsed,
                                                              const AppendRequest& append,
                                                              std::any state_after) {
  const std::string& stream_id = append.stream_id;
  AppendResult appended;
  Status s = log_->Append(append, &appended);
  if (s.IsWrongExpectedVersion()) {
    cache_.Erase(stream_id);
    if (parsed.expected_version) {
      return FailUnlessHandled(request,
                               Rejection{ErrorKind::kConflict, codes::kWrongExpectedVersion.code,
                                         "the stream moved past the expected version " +
                                             std::to_string(*parsed.expected_version) +
                                             " while the command was decided"},
                               parsed.request_hash);
    }
    return std::nullopt;  // someone else appended first: the caller decides again
  }
  if (!s.ok()) return Fail(request, RejectionFromStatus(s));
  if (appended.duplicate_of) return Replay(request, *appended.duplicate_of, parsed.request_hash);

  if (!append.events.empty()) {
    cache_.Put(stream_id, StateCache::Entry{std::move(state_after), appended.last_version});
  }
  CommandResult result;
  result.command_id = request.command_id;
  result.marketplace = parsed.marketplace;
  result.stream_id = stream_id;
  result.stream_version = appended.last_version;
  for (size_t i = 0; i < append.events.size(); ++i) {
    const NewEvent& e = append.events[i];
    result.events.push_back({e.event_id, e.type, stream_id,
                             appended.first_version + static_cast<int64_t>(i), appended.partition,
                             appended.first_offset + static_cast<int64_t>(i)});
  }
  return result;
}

CommandResult CommandPipeline::FailUnlessHandled(const CommandRequest& request, Rejection rejection,
                                                 const std::string& request_hash) {
  // A twin of this request (a client's concurrent retry with the same Idempotency-Key) may have
  // been decided and appended while this one was deciding: the state it read then already holds
  // the twin's events ("session already exists") or the append lost the race. The first result
  // is the answer then, exactly as for a retry that arrives later.
  std::optional<CommandRecord> twin;
  if (log_->LookupCommand(request.command_id, &twin).ok() && twin) {
    return Replay(request, *twin, request_hash);
  }
  return Fail(request, std::move(rejection));
}

}  // namespace edu
