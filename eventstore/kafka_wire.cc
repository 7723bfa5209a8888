#include "eventstore/kafka_wire.h"

#include <cstdio>
#include <mutex>
#include <random>

#include "eventstore/envelope_codec.h"
#include "eventstore/json_binding.h"

namespace edu::kafka_wire {
namespace {

constexpr const char* kAppend = "edu.append";
constexpr const char* kRecordCommandId = "edu.command_id";
constexpr const char* kRecordRequestHash = "edu.request_hash";
constexpr const char* kRecordResult = "edu.command_record";

struct WireRecord {
  Uuid command_id;
  std::string request_hash;
  std::string result;
  EDU_FIELDS(command_id, request_hash, result)
};

struct WireNewEvent {
  Uuid event_id;
  std::string type;
  int32_t schema_version = 1;
  std::string marketplace;
  Timestamp occurred_at;
  Uuid causation_id;
  Uuid correlation_id;
  Actor actor;
  std::map<std::string, std::string> metadata;
  std::string payload;
  EDU_FIELDS(event_id, type, schema_version, marketplace, occurred_at, causation_id, correlation_id,
             actor, metadata, payload)
};

struct WireAppend {
  std::string stream_id;
  std::string expected;  // any | no_stream | stream_exists | exact
  int64_t expected_version = 0;
  std::vector<WireNewEvent> events;
  std::optional<WireRecord> command;
  EDU_FIELDS(stream_id, expected, expected_version, events, command)
};

struct WireOutcome {
  std::string status;  // "ok" or a status code name
  std::string message;
  int32_t partition = 0;
  int64_t first_version = 0;
  int64_t last_version = 0;
  int64_t first_offset = -1;
  int64_t last_offset = -1;
  std::optional<WireRecord> duplicate_of;
  EDU_FIELDS(status, message, partition, first_version, last_version, first_offset, last_offset,
             duplicate_of)
};

const std::pair<ExpectedVersion::Kind, const char*> kExpectedNames[] = {
    {ExpectedVersion::Kind::kAny, "any"},
    {ExpectedVersion::Kind::kNoStream, "no_stream"},
    {ExpectedVersion::Kind::kStreamExists, "stream_exists"},
    {ExpectedVersion::Kind::kExact, "exact"},
};

const Status::Code kCodes[] = {
    Status::Code::kInvalidArgument, Status::Code::kNotFound,   Status::Code::kWrongExpectedVersion,
    Status::Code::kDuplicate,       Status::Code::kCorruption, Status::Code::kUnavailable,
    Status::Code::kTimeout,         Status::Code::kInternal,
};

Status StatusWithCode(Status::Code code, std::string message) {
  switch (code) {
    case Status::Code::kOk:
      return Status::OK();
    case Status::Code::kInvalidArgument:
      return Status::InvalidArgument(std::move(message));
    case Status::Code::kNotFound:
      return Status::NotFound(std::move(message));
    case Status::Code::kWrongExpectedVersion:
      return Status::WrongExpectedVersion(std::move(message));
    case Status::Code::kDuplicate:
      return Status::Duplicate(std::move(message));
    case Status::Code::kCorruption:
      return Status::Corruption(std::move(message));
    case Status::Code::kUnavailable:
      return Status::Unavailable(std::move(message));
    case Status::Code::kTimeout:
      return Status::Timeout(std::move(message));
    case Status::Code::kInternal:
      return Status::Internal(std::move(message));
  }
  return Status::Internal(std::move(message));
}

}  // namespace

KafkaHeaderList EventHeaders(const RecordedEvent& e, size_t index, size_t size,
                             const CommandRecord* record) {
  KafkaHeaderList headers = {
      {"type", e.type},
      {"stream_id", e.stream_id},
      {"stream_version", std::to_string(e.stream_version)},
      {"event_id", ToString(e.event_id)},
      {"causation_id", ToString(e.causation_id)},
      {"correlation_id", ToString(e.correlation_id)},
      {"marketplace", e.marketplace},
      {"schema_version", std::to_string(e.schema_version)},
      {kAppend, std::to_string(index + 1) + "/" + std::to_string(size)},
  };
  if (record) AddRecordHeaders(*record, &headers);
  return headers;
}

Status DecodeEvent(const rd_kafka_message_t* message, DecodedEvent* out) {
  EDU_RETURN_IF_ERROR(DecodeEnvelope(KafkaValue(message), &out->event));
  out->event.partition = message->partition;
  out->event.offset = message->offset;
  out->record = RecordFromHeaders(message);
  out->owner = KafkaHeader(message, kOwner).value_or("");
  out->append_index = 0;
  out->append_size = 1;
  auto append = KafkaHeader(message, kAppend);
  int i = 0, n = 0;
  if (append && std::sscanf(append->c_str(), "%d/%d", &i, &n) == 2 && n >= 1 && i >= 1 && i <= n) {
    out->append_index = i - 1;
    out->append_size = n;
  }
  return Status::OK();
}

void IndexEventMessage(const rd_kafka_message_t* message, KafkaPartitionIndex* index,
                       std::map<Uuid, CommandRecord>* records) {
  std::string owner;
  if (IsClaim(message, &owner)) {
    index->Claim(owner);
    return;
  }
  DecodedEvent d;
  if (!DecodeEvent(message, &d).ok()) {
    index->Drop();
    return;
  }
  // The record rides on the last event of its append, so it counts once the append does.
  if (index->Consume(std::move(d.event), d.append_index, d.append_size, d.owner) ==
          KafkaPartitionIndex::Verdict::kAccepted &&
      d.record) {
    records->emplace(d.record->command_id, std::move(*d.record));
  }
}

std::string ClaimValue(const std::string& owner, int partition) {
  return R"({"kind":"claim","owner":")" + owner + R"(","partition":)" + std::to_string(partition) +
         "}";
}

KafkaHeaderList ClaimHeaders(const std::string& owner) {
  return {{kKind, kKindClaim}, {kOwner, owner}};
}

bool IsClaim(const rd_kafka_message_t* message, std::string* owner) {
  auto kind = KafkaHeader(message, kKind);
  if (!kind || *kind != kKindClaim) return false;
  if (owner) *owner = KafkaHeader(message, kOwner).value_or("");
  return true;
}

bool ResultClaims::Admit(const rd_kafka_message_t* message) {
  if (message->partition < 0 || static_cast<size_t>(message->partition) >= owners_.size()) {
    return false;
  }
  std::string& current = owners_[static_cast<size_t>(message->partition)];
  std::string owner;
  if (IsClaim(message, &owner)) {
    current = owner;
    return false;
  }
  if (current.empty()) return true;
  return KafkaHeader(message, kOwner).value_or("") == current;
}

void AddRecordHeaders(const CommandRecord& record, KafkaHeaderList* headers) {
  headers->emplace_back(kRecordCommandId, ToString(record.command_id));
  headers->emplace_back(kRecordRequestHash, record.request_hash);
  headers->emplace_back(kRecordResult, record.result);
}

std::optional<CommandRecord> RecordFromHeaders(const rd_kafka_message_t* message) {
  auto id = KafkaHeader(message, kRecordCommandId);
  if (!id) return std::nullopt;
  auto uuid = ParseUuid(*id);
  auto hash = KafkaHeader(message, kRecordRequestHash);
  auto result = KafkaHeader(message, kRecordResult);
  if (!uuid || !hash || !result) return std::nullopt;
  return CommandRecord{*uuid, *hash, *result};
}

std::string EncodeAppendRequest(const AppendRequest& request) {
  WireAppend w;
  w.stream_id = request.stream_id;
  for (const auto& [kind, name] : kExpectedNames) {
    if (kind == request.expected.kind) w.expected = name;
  }
  w.expected_version = request.expected.version;
  for (const NewEvent& e : request.events) {
    w.events.push_back({e.event_id, e.type, e.schema_version, e.marketplace, e.occurred_at,
                        e.causation_id, e.correlation_id, e.actor, e.metadata, e.payload});
  }
  if (request.command) {
    w.command = WireRecord{request.command->command_id, request.command->request_hash,
                           request.command->result};
  }
  return json::Encode(w);
}

Status DecodeAppendRequest(std::string_view json, AppendRequest* out) {
  WireAppend w;
  EDU_RETURN_IF_ERROR(json::Decode(json, &w).Annotate("append request"));
  *out = AppendRequest{};
  out->stream_id = w.stream_id;
  bool known = false;
  for (const auto& [kind, name] : kExpectedNames) {
    if (w.expected == name) {
      out->expected = ExpectedVersion{kind, w.expected_version};
      known = true;
    }
  }
  if (!known)
    return Status::InvalidArgument("append request: unknown expectation '" + w.expected + "'");
  for (WireNewEvent& e : w.events) {
    NewEvent n;
    n.event_id = e.event_id;
    n.type = std::move(e.type);
    n.schema_version = e.schema_version;
    n.marketplace = std::move(e.marketplace);
    n.occurred_at = e.occurred_at;
    n.causation_id = e.causation_id;
    n.correlation_id = e.correlation_id;
    n.actor = std::move(e.actor);
    n.metadata = std::move(e.metadata);
    n.payload = std::move(e.payload);
    out->events.push_back(std::move(n));
  }
  if (w.command) {
    out->command = CommandRecord{w.command->command_id, w.command->request_hash, w.command->result};
  }
  return Status::OK();
}

std::string EncodeAppendOutcome(const Status& status, const AppendResult& result) {
  WireOutcome w;
  w.status = status.ok() ? "ok" : StatusCodeName(status.code());
  w.message = status.message();
  w.partition = result.partition;
  w.first_version = result.first_version;
  w.last_version = result.last_version;
  w.first_offset = result.first_offset;
  w.last_offset = result.last_offset;
  if (result.duplicate_of) {
    w.duplicate_of = WireRecord{result.duplicate_of->command_id, result.duplicate_of->request_hash,
                                result.duplicate_of->result};
  }
  return json::Encode(w);
}

Status DecodeAppendOutcome(std::string_view json, Status* status, AppendResult* result) {
  WireOutcome w;
  EDU_RETURN_IF_ERROR(
      json::Decode(json, &w, json::DecodeOptions{false}).Annotate("append outcome"));
  *result = AppendResult{};
  if (w.status == "ok") {
    *status = Status::OK();
  } else {
    *status = Status::Internal(w.message);
    for (Status::Code code : kCodes) {
      if (w.status == StatusCodeName(code)) *status = StatusWithCode(code, w.message);
    }
  }
  result->partition = w.partition;
  result->first_version = w.first_version;
  result->last_version = w.last_version;
  result->first_offset = w.first_offset;
  result->last_offset = w.last_offset;
  if (w.duplicate_of) {
    result->duplicate_of = CommandRecord{w.duplicate_of->command_id, w.duplicate_of->request_hash,
                                         w.duplicate_of->result};
  }
  return Status::OK();
}

Uuid NewRequestId() {
  static std::mutex mu;
  static std::mt19937_64 generator{std::random_device{}()};
  Uuid id{};
  {
    std::lock_guard<std::mutex> lock(mu);
    uint64_t a = generator(), b = generator();
    for (int i = 0; i < 8; ++i) {
      id.data[i] = static_cast<uint8_t>(a >> (8 * i));
      id.data[8 + i] = static_cast<uint8_t>(b >> (8 * i));
    }
  }
  id.data[6] = (id.data[6] & 0x0f) | 0x40;
  id.data[8] = (id.data[8] & 0x3f) | 0x80;
  return id;
}

int64_t AnsweredOffset(const rd_kafka_message_t* result_message) {
  auto value = KafkaHeader(result_message, kCommandOffset);
  if (!value) return -1;
  try {
    return std::stoll(*value);
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace edu::kafka_wire
