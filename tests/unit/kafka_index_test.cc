// KafkaPartitionIndex, the rule every Kafka reader applies: the hash chain and stream versions
// decide which events count, first in log order wins, and an append counts whole or not at all.
#include <doctest/doctest.h>

#include "eventstore/envelope_codec.h"
#include "eventstore/kafka_index.h"

namespace edu {
namespace {

using Verdict = KafkaPartitionIndex::Verdict;

const std::string kStreamA = "test.thing-11111111-1111-4111-8111-111111111111";
const std::string kStreamB = "test.thing-22222222-2222-4222-8222-222222222222";

// An event of `stream` at `version`, chained onto `prev`, read at `offset`.
RecordedEvent Event(const std::string& stream, int64_t version, const std::string& prev,
                    int64_t offset, uint64_t n) {
  RecordedEvent e;
  e.event_id = DeriveUuid(EduledgerNamespace(), "index-test-" + std::to_string(n));
  e.type = "ThingHappened";
  e.marketplace = "mentorship";
  e.stream_id = stream;
  e.stream_version = version;
  e.offset = offset;
  e.payload = "{\"n\":" + std::to_string(n) + "}";
  SealEvent(prev, &e);
  return e;
}

TEST_CASE("kafka index: events extending the chain and their stream are accepted in log order") {
  KafkaPartitionIndex index(0);
  RecordedEvent a1 = Event(kStreamA, 1, "", 0, 1);
  RecordedEvent b1 = Event(kStreamB, 1, a1.hash, 2, 2);  // offset 1: a transaction marker
  CHECK(index.Consume(a1) == Verdict::kAccepted);
  CHECK(index.Consume(b1) == Verdict::kAccepted);
  CHECK(index.end() == 3);
  CHECK(index.head() == b1.hash);
  CHECK(index.StreamVersion(kStreamA) == 1);
  std::vector<RecordedEvent> out;
  index.ReadFrom(1, 10, &out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].event_id == b1.event_id);
}

TEST_CASE("kafka index: a second (stream, version) and a losing branch are dropped, first wins") {
  KafkaPartitionIndex index(0);
  RecordedEvent a1 = Event(kStreamA, 1, "", 0, 1);
  RecordedEvent zombie = Event(kStreamA, 1, "", 1, 2);  // forks at the start
  RecordedEvent on_zombie = Event(kStreamA, 2, zombie.hash, 2, 3);
  RecordedEvent again = Event(kStreamA, 1, a1.hash, 3, 4);  // on the head, version taken
  RecordedEvent a2 = Event(kStreamA, 2, a1.hash, 4, 5);
  CHECK(index.Consume(a1) == Verdict::kAccepted);
  CHECK(index.Consume(zombie) == Verdict::kOffChain);
  CHECK(index.Consume(on_zombie) == Verdict::kOffChain);
  CHECK(index.Consume(again) == Verdict::kDuplicate);
  CHECK(index.Consume(a2) == Verdict::kAccepted);
  CHECK(index.size() == 2);
  CHECK(index.dropped() == 3);
  CHECK(index.StreamVersion(kStreamA) == 2);
}

TEST_CASE("kafka index: an append counts once all its events are read, a torn one never") {
  KafkaPartitionIndex index(0);
  RecordedEvent a1 = Event(kStreamA, 1, "", 0, 1);
  RecordedEvent a2 = Event(kStreamA, 2, a1.hash, 1, 2);
  CHECK(index.Consume(a1, 0, 2) == Verdict::kPending);
  CHECK(index.end() == 0);  // readers do not see half an append
  CHECK(index.Consume(a2, 1, 2) == Verdict::kAccepted);
  CHECK(index.end() == 2);

  // A writer died after the first of three events; the next owner writes on the same head.
  RecordedEvent torn = Event(kStreamB, 1, a2.hash, 2, 3);
  RecordedEvent redecided = Event(kStreamB, 1, a2.hash, 3, 4);
  CHECK(index.Consume(torn, 0, 3) == Verdict::kPending);
  CHECK(index.Consume(redecided) == Verdict::kAccepted);
  CHECK(index.dropped() == 1);
  std::vector<RecordedEvent> b;
  index.ReadStream(kStreamB, 1, &b);
  REQUIRE(b.size() == 1);
  CHECK(b[0].event_id == redecided.event_id);
  // A later piece whose start is gone is dropped too.
  RecordedEvent orphan = Event(kStreamB, 2, torn.hash, 4, 5);
  CHECK(index.Consume(orphan, 1, 3) == Verdict::kOffChain);
}

TEST_CASE(
    "kafka index: a partition truncated by retention reports corruption instead of a partial "
    "history") {
  KafkaPartitionIndex index(3);
  RecordedEvent a1 = Event(kStreamA, 1, "", 0, 1);
  RecordedEvent a2 = Event(kStreamA, 2, a1.hash, 7000, 2);  // offsets below 7000 were deleted
  CHECK(index.Consume(a2) == Verdict::kBroken);
  CHECK(index.health().code() == Status::Code::kCorruption);
  CHECK(index.health().message().find("truncated") != std::string::npos);
}

}  // namespace
}  // namespace edu
