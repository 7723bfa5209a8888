#include "adapters/kafka/kafka_command_client.h"

#include "commands/pipeline.h"

#include "eventstore/event_log.h"
#include "eventstore/json_binding.h"
#include "eventstore/kafka_wire.h"

namespace edu {
namespace {

struct WireCommand {
  Uuid command_id;
  std::string type;
  Actor actor;
  Uuid correlation_id;
  Timestamp now;
  std::map<std::string, std::string> metadata;
  std::string body;
  EDU_FIELDS(command_id, type, actor, correlation_id, now, metadata, body)
};

CommandResult Rejected(const CommandRequest& request, Rejection rejection) {
  CommandResult r;
  r.command_id = request.command_id;
  r.error = std::move(rejection);
  return r;
}

}  // namespace

namespace {

// The Kafka topic is an edge: a command leaves the process as JSON text, whatever form it had.
std::string BodyText(const CommandRequest& r) {
  if (r.command) return CommandJsonBody(*r.command);
  if (r.document && r.body.empty()) return json::Stringify(*r.document);
  return r.body;
}

}  // namespace

std::string EncodeCommandMessage(const CommandRequest& r) {
  const std::string& type = r.command ? r.command->type() : r.type;
  return json::Encode(
      WireCommand{r.command_id, type, r.actor, r.correlation_id, r.now, r.metadata, BodyText(r)});
}

Status DecodeCommandMessage(std::string_view json, CommandRequest* out) {
  WireCommand w;
  EDU_RETURN_IF_ERROR(
      json::Decode(json, &w, json::DecodeOptions{false}).Annotate("command message"));
  out->command_id = w.command_id;
  out->type = std::move(w.type);
  out->actor = std::move(w.actor);
  out->correlation_id = w.correlation_id;
  out->now = w.now;
  out->metadata = std::move(w.metadata);
  out->body = std::move(w.body);
  return Status::OK();
}

std::optional<std::string> CommandStream(const Registry& registry, const CommandRequest& request) {
  std::unique_ptr<PreparedCommand> command;
  if (request.command) {
    const CommandType* type =
        registry.FindCommand(request.command->marketplace(), request.command->type());
    if (type == nullptr || !type->Prepare(*request.command, &command).ok()) return std::nullopt;
    return command->stream_id();
  }
  rapidjson::Document parsed;
  const rapidjson::Value* body = request.document.get();
  if (body == nullptr) {
    if (!json::ParseDocument(request.body, &parsed).ok()) return std::nullopt;
    body = &parsed;
  }
  if (!body->IsObject()) return std::nullopt;
  auto market = body->FindMember("marketplace");
  if (market == body->MemberEnd() || !market->value.IsString()) return std::nullopt;
  const CommandType* type = registry.FindCommand(market->value.GetString(), request.type);
  if (type == nullptr) return std::nullopt;
  if (type->Parse(*body, &command)) return std::nullopt;
  return command->stream_id();
}

KafkaCommandClient::KafkaCommandClient(KafkaRequestChannel* channel, const Registry* registry,
                                       std::chrono::milliseconds timeout)
    : channel_(channel), registry_(registry), timeout_(timeout) {}

CommandResult KafkaCommandClient::Handle(const CommandRequest& request) {
  // The id is the correlation: without one no answer could be told apart.
  if (request.command_id.is_nil()) {
    return Rejected(request, Rejection{ErrorKind::kMalformed, codes::kMissingCommandId.code,
                                       "the command has no id (Idempotency-Key)"});
  }
  std::string id = ToString(request.command_id);
  std::optional<std::string> stream = CommandStream(*registry_, request);
  std::string key = stream ? *stream : id;
  int partitions = channel_->settings().partitions;
  int partition = static_cast<int>(Murmur2(key) % static_cast<uint32_t>(partitions));
  KafkaRequestChannel::Answer answer;
  Status st =
      channel_->Call(partition, key, EncodeCommandMessage(request),
                     {{kafka_wire::kKind, kafka_wire::kKindCommand}}, id, timeout_, &answer);
  if (st.code() == Status::Code::kTimeout) {
    return Rejected(
        request, Rejection{ErrorKind::kUnavailable, codes::kNoCommandProcessor.code,
                           "no command processor answered command " + id + " in time (incident " +
                               LogIncident("command " + id + ": " + st.message()) +
                               "). It may still be decided later; retry with the same "
                               "Idempotency-Key to learn its outcome"});
  }
  if (!st.ok()) {
    return Rejected(
        request,
        Rejection{ErrorKind::kUnavailable, codes::kLogUnavailable.code,
                  "the command could not be submitted, retry with the same "
                  "Idempotency-Key (incident " +
                      LogIncident("submitting command " + id + ": " + st.message()) + ")"});
  }
  CommandResult result;
  Status decoded = DecodeCommandResult(answer.value, &result);
  if (!decoded.ok()) {
    return Rejected(request, Rejection{ErrorKind::kInternal, codes::kInternalError.code,
                                       "the command processor's answer does not decode (incident " +
                                           LogIncident("the answer to command " + id +
                                                       " does not decode: " + decoded.message()) +
                                           ")"});
  }
  return result;
}

}  // namespace edu
