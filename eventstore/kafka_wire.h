// What the Kafka backend writes to its three topics.
//
// <prefix>.events, key = stream id, value = EncodeEnvelope(event) (its "offset" member is -1: the
//   record's Kafka offset is the event's offset), headers: type, stream_id, stream_version,
//   event_id, causation_id, correlation_id, marketplace, schema_version, and edu.append = "i/n"
//   (the i-th of the n events appended together: readers take all n or none). The last event of
//   an append that records a command also carries the command record (edu.command_id,
//   edu.request_hash, edu.command_record), so a command is known as handled from the events alone.
// <prefix>.commands, key = stream id (routing) or request id, header edu.kind = "command" (an API
//   command, adapters/kafka/kafka_command_client.h) or "append" (EncodeAppendRequest).
// <prefix>.command-results, key = command id / request id (the correlation), header edu.kind =
//   "command-result" (EncodeCommandResult) or "append-result" (EncodeAppendOutcome), and
//   edu.command_offset = the commands-topic offset answered; plus the command record headers when
//   the command was recorded.
//
// Ownership claims (application-level fencing; the mock cluster fences no zombie writer and shows
// aborted data): a partition's owner, once it has taken the partition over and before it reads the
// partition back, writes a claim (header edu.kind = "claim", edu.owner = a fresh random id, value
// {"kind":"claim","owner":..,"partition":..}) to command-results partition p and then, once that is
// delivered, to events partition p. Every event and result it writes carries edu.owner. Readers
// take an event or a result only from the owner of the partition's last claim (records written
// before any claim, or without edu.owner, are judged as before). A zombie's writes after its
// successor's claim therefore count for nobody, and its successor rebuilt from everything written
// before the claim. Because the results claim is written first, a result taken before it names
// events written before the events claim, which count.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eventstore/event_log.h"
#include "eventstore/kafka_client.h"
#include "eventstore/kafka_index.h"

namespace edu::kafka_wire {

inline constexpr const char* kKind = "edu.kind";
inline constexpr const char* kCommandOffset = "edu.command_offset";
inline constexpr const char* kKindCommand = "command";
inline constexpr const char* kKindAppend = "append";
inline constexpr const char* kKindCommandResult = "command-result";
inline constexpr const char* kKindAppendResult = "append-result";
inline constexpr const char* kKindClaim = "claim";
inline constexpr const char* kOwner = "edu.owner";

// A claim of a partition by `owner`, to produce with ClaimHeaders.
std::string ClaimValue(const std::string& owner, int partition);
KafkaHeaderList ClaimHeaders(const std::string& owner);
// Whether the message is a claim; *owner (optional) its owner.
bool IsClaim(const rd_kafka_message_t* message, std::string* owner = nullptr);

// Which owner's results count, per partition (see the claims above). Not thread-safe.
class ResultClaims {
 public:
  explicit ResultClaims(int partitions) : owners_(static_cast<size_t>(partitions)) {}
  // False for a claim (it is remembered) and for a result written by another owner than the one
  // of the partition's last claim; true for a result that counts.
  bool Admit(const rd_kafka_message_t* message);

 private:
  std::vector<std::string> owners_;
};

// Events topic.
// `index` (0-based) of the `size` events written by one append.
KafkaHeaderList EventHeaders(const RecordedEvent& e, size_t index, size_t size,
                             const CommandRecord* record);
// A consumed event message: the event (partition and offset from the record), its place in its
// append (0 of 1 when the header is absent) and the command record it carries, if any.
// InvalidArgument when the value is not an envelope.
struct DecodedEvent {
  RecordedEvent event;
  int append_index = 0;
  int append_size = 1;
  std::optional<CommandRecord> record;
  std::string owner;  // edu.owner ("" when absent)
};
Status DecodeEvent(const rd_kafka_message_t* message, DecodedEvent* out);
// What every reader does with an events-topic message: a claim goes to the partition's index; an
// event is offered to it and, when it completes an accepted append, the command record it carries
// is kept (first wins).
// A message that is not an envelope cannot extend the chain and is dropped like one that does not.
void IndexEventMessage(const rd_kafka_message_t* message, KafkaPartitionIndex* index,
                       std::map<Uuid, CommandRecord>* records);

// Command records as headers (events and results).
void AddRecordHeaders(const CommandRecord& record, KafkaHeaderList* headers);
std::optional<CommandRecord> RecordFromHeaders(const rd_kafka_message_t* message);

// Raw appends (KafkaEventLog::Append) travel to the partition owner as JSON.
std::string EncodeAppendRequest(const AppendRequest& request);
Status DecodeAppendRequest(std::string_view json, AppendRequest* out);
// The owner's answer: the Append status and, when OK, its result.
std::string EncodeAppendOutcome(const Status& status, const AppendResult& result);
Status DecodeAppendOutcome(std::string_view json, Status* status, AppendResult* result);

// A random (version 4) id correlating a request with its answer.
Uuid NewRequestId();

// The commands-topic offset a result answers, from its headers (-1 when absent).
int64_t AnsweredOffset(const rd_kafka_message_t* result_message);

}  // namespace edu::kafka_wire
