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

TEST_CASE(
    "kafka index: after a claim only its owner's events count; a zombie's write neither counts nor "
    "tears its successor's append") {
  KafkaPartitionIndex index(0);
  RecordedEvent before = Event(kStreamA, 1, "", 0, 1);
  CHECK(index.Consume(before, 0, 1, "owner-a") == Verdict::kAccepted);  // no claim read yet
  index.Claim("owner-a");
  RecordedEvent a2 = Event(kStreamA, 2, before.hash, 2, 2);
  CHECK(index.Consume(a2, 0, 1, "owner-a") == Verdict::kAccepted);
  index.Claim("owner-b");  // owner-a is a zombie from here on
  // The zombie writes on the head first: in log order it would win, but it is superseded.
  RecordedEvent zombie = Event(kStreamA, 3, a2.hash, 4, 3);
  RecordedEvent b3 = Event(kStreamA, 3, a2.hash, 5, 4);
  RecordedEvent b4 = Event(kStreamA, 4, b3.hash, 7, 5);
  CHECK(index.Consume(zombie, 0, 1, "owner-a") == Verdict::kSuperseded);
  CHECK(index.Consume(b3, 0, 2, "owner-b") == Verdict::kPending);
  CHECK(index.Consume(Event(kStreamB, 1, b3.hash, 6, 6), 0, 1, "owner-a") == Verdict::kSuperseded);
  CHECK(index.Consume(b4, 1, 2, "owner-b") == Verdict::kAccepted);
  CHECK(index.StreamVersion(kStreamA) == 4);
  CHECK(index.StreamVersion(kStreamB) == 0);
  CHECK(index.head() == b4.hash);
  CHECK(index.dropped() == 2);
}

TEST_CASE("kafka index: a claim tears the append its predecessor had half written") {
  KafkaPartitionIndex index(0);
  index.Claim("owner-a");
  RecordedEvent a1 = Event(kStreamA, 1, "", 0, 1);
  CHECK(index.Consume(a1, 0, 2, "owner-a") == Verdict::kPending);
  index.Claim("owner-b");
  CHECK(index.Consume(Event(kStreamA, 2, a1.hash, 2, 2), 1, 2, "owner-a") == Verdict::kSuperseded);
  CHECK(index.size() == 0);
  CHECK(index.dropped() == 2);
  RecordedEvent b1 = Event(kStreamA, 1, "", 3, 3);
  CHECK(index.Consume(b1, 0, 1, "owner-b") == Verdict::kAccepted);
  CHECK(index.StreamVersion(kStreamA) == 1);
}

}  // namespace
}  // namespace edu
