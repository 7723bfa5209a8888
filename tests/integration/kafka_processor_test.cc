// The Kafka command path on librdkafka's mock cluster: commands submitted to the commands topic,
// decided by the partition owner, answered through command-results; what readers accept; what the
// events topic looks like to any Kafka client.
#include <cstdio>
#include <set>

#include <rapidjson/document.h>

#include "domain/core/stream.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/kafka_wire.h"
#include "tests/integration/kafka_test_bed.h"

namespace edu {
namespace {

using namespace std::chrono_literals;
using testing::KafkaTestBed;
using testing::MentorshipScenario;
using testing::SendUntilDecided;
using testing::ToRequest;

// The event the log holds at a partition offset (fails the test when there is none).
RecordedEvent EventAt(EventLog& log, int partition, int64_t offset) {
  std::vector<RecordedEvent> one;
  REQUIRE(log.ReadPartition(partition, offset, 1, &one).ok());
  REQUIRE(one.size() == 1);
  REQUIRE(one[0].offset == offset);
  return one[0];
}

TEST_CASE("kafka: a processor decides the mentorship slice and answers through command-results") {
  KafkaTestBed bed(4, 1);
  CommandService& commands = bed.backend().commands();
  EventLog& log = bed.backend().log();
  auto scenario = MentorshipScenario(1);
  std::vector<CommandResult> results;
  for (const auto& c : scenario) {
    CommandResult r = commands.Handle(ToRequest(c));
    REQUIRE_MESSAGE(r.ok(), c.type << ": " << r.error->code << ": " << r.error->message);
    CHECK_FALSE(r.replayed);
    results.push_back(r);
  }
  const CommandResult& done = results.back();
  REQUIRE(done.events.size() == 3);
  CHECK(done.events[2].type == "PaymentSplit");
  CHECK(done.stream_version == 5);
  REQUIRE(bed.backend().log().CatchUp(10s).ok());
  // Every answer names where its events are: stream version and Kafka offset.
  for (const CommandResult& r : results) {
    for (const AppendedEventInfo& e : r.events) {
      RecordedEvent at = EventAt(log, e.partition, e.offset);
      CHECK(at.event_id == e.event_id);
      CHECK(at.stream_id == e.stream_id);
      CHECK(at.stream_version == e.stream_version);
      CHECK(e.partition == log.PartitionOf(e.stream_id));
    }
  }
  std::vector<RecordedEvent> session;
  REQUIRE(log.ReadStream(done.stream_id, 1, &session).ok());
  REQUIRE(session.size() == 5);
  CHECK(session[4].payload.find(R"("mentor_earnings":{"minor":84000,"currency":"INR"})") !=
        std::string::npos);
  CHECK(session[4].causation_id == scenario.back().command_id);

  SUBCASE("a retried command id returns the first result and appends nothing") {
    CommandResult again = commands.Handle(ToRequest(scenario.back()));
    REQUIRE(again.ok());
    CHECK(again.replayed);
    REQUIRE(again.events.size() == 3);
    for (size_t i = 0; i < 3; ++i) {
      CHECK(again.events[i].event_id == done.events[i].event_id);
      CHECK(again.events[i].offset == done.events[i].offset);
    }
    testing::ScenarioCommand reused = scenario.back();
    reused.body =
        R"({"marketplace":"mentorship","session_id":"00000000-0000-4000-8000-000000000001"})";
    CommandResult refused = commands.Handle(ToRequest(reused));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error->code == "idempotency_key_reused");
    REQUIRE(log.ReadStream(done.stream_id, 1, &session).ok());
    CHECK(session.size() == 5);
  }
  SUBCASE("bad input is refused with the pipeline's specific error and appends nothing") {
    std::vector<int64_t> before, after;
    REQUIRE(log.EndOffsets(&before).ok());
    testing::ScenarioCommand bad = scenario.front();
    bad.command_id = DeriveUuid(EduledgerNamespace(), "kafka-test-malformed");
    bad.body = "{\"marketplace\": \"mentorship\", ";
    CommandResult r = commands.Handle(ToRequest(bad));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error->code == "malformed_json");
    bad.command_id = DeriveUuid(EduledgerNamespace(), "kafka-test-forbidden");
    bad.type = "ApproveMentor";
    bad.body = scenario[3].body;
    r = commands.Handle(ToRequest(bad));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error->code == "role_not_allowed");
    REQUIRE(log.EndOffsets(&after).ok());
    CHECK(before == after);
  }
}

TEST_CASE("kafka: without a command processor, commands and appends fail clearly and in time") {
  auto options = KafkaTestBed::Options(2, 0);
  options.adjust = [](KafkaSettings* s) { s->request_timeout_ms = 1500; };
  KafkaTestBed bed(options);
  auto start = std::chrono::steady_clock::now();
  CommandResult r = bed.backend().commands().Handle(ToRequest(MentorshipScenario(2).front()));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error->kind == ErrorKind::kUnavailable);
  CHECK(r.error->code == "no_command_processor");
  CHECK(r.error->message.find("Idempotency-Key") != std::string::npos);
  auto took = std::chrono::steady_clock::now() - start;
  CHECK_MESSAGE(took < 10s, std::chrono::duration_cast<std::chrono::milliseconds>(took).count());
  AppendResult appended;
  Status st = bed.backend().log().Append(
      AppendRequest{StreamId("test.thing", DeriveUuid(EduledgerNamespace(), "nobody")),
                    ExpectedVersion::Any(),
                    {},
                    std::nullopt},
      &appended);
  CHECK(st.IsUnavailable());
  CHECK(st.message().find("command processor") != std::string::npos);
}

TEST_CASE(
    "kafka: readers accept each (stream, version) once, first in log order; zombie writes are "
    "dropped, even one on the head after the owner's claim") {
  KafkaTestBed bed(1, 1);
  KafkaEventLog& log = bed.backend().log();
  auto scenario = MentorshipScenario(3);
  for (size_t i = 0; i < 3; ++i)
    REQUIRE(SendUntilDecided(bed.backend().commands(), scenario[i]).ok());
  REQUIRE(log.CatchUp(10s).ok());
  std::vector<RecordedEvent> before;
  REQUIRE(log.ReadPartition(0, 0, 100, &before).ok());
  REQUIRE(before.size() == 3);

  // A writer that was not fenced (the mock never fences): a second copy of version 1 of a stream
  // chained where the original was, another copy chained onto the current head, and an event
  // extending the losing branch.
  KafkaHandle rogue;
  REQUIRE(CreateKafkaClient(bed.settings(), KafkaClientSpec{}, &rogue).ok());
  auto write = [&](RecordedEvent e, size_t index = 0, size_t size = 1) {
    SealEvent(e.prev_hash, &e);
    e.offset = -1;
    REQUIRE(KafkaProduce(rogue.get(), bed.settings().EventsTopic(), 0, e.stream_id,
                         EncodeEnvelope(e), kafka_wire::EventHeaders(e, index, size, nullptr),
                         nullptr)
                .ok());
  };
  RecordedEvent fork = before[0];
  fork.event_id = DeriveUuid(EduledgerNamespace(), "zombie-1");
  fork.payload = R"({"zombie":1})";
  write(fork);
  SealEvent(fork.prev_hash, &fork);
  RecordedEvent on_fork = before[1];
  on_fork.event_id = DeriveUuid(EduledgerNamespace(), "zombie-2");
  on_fork.prev_hash = fork.hash;
  write(on_fork);
  RecordedEvent duplicate = before[0];
  duplicate.event_id = DeriveUuid(EduledgerNamespace(), "zombie-3");
  duplicate.prev_hash = before.back().hash;  // on the head, but version 1 of a stream at 1
  write(duplicate);
  // A zombie owner (superseded by the current owner's claim) extending the head with the next
  // version of a stream: on the chain and in order, so first-wins alone would take it and the
  // owner's own next events would lose. Its edu.owner is not the last claim's: nobody takes it.
  RecordedEvent ahead = before[2];
  ahead.event_id = DeriveUuid(EduledgerNamespace(), "zombie-4");
  ahead.stream_version = before[2].stream_version + 1;
  ahead.prev_hash = before.back().hash;
  SealEvent(ahead.prev_hash, &ahead);
  ahead.offset = -1;
  KafkaHeaderList zombie_headers = kafka_wire::EventHeaders(ahead, 0, 1, nullptr);
  zombie_headers.emplace_back(kafka_wire::kOwner, "0b5a2d7e-5e1d-4c55-9d1a-1f0f0f0f0f0f");
  REQUIRE(KafkaProduce(rogue.get(), bed.settings().EventsTopic(), 0, ahead.stream_id,
                       EncodeEnvelope(ahead), zombie_headers, nullptr)
              .ok());
  // The first half of a two-event append whose writer died: valid on its own, never completed.
  RecordedEvent torn = before[2];
  torn.event_id = DeriveUuid(EduledgerNamespace(), "torn-1");
  torn.stream_version = 2;
  torn.prev_hash = before.back().hash;
  write(torn, 0, 2);
  REQUIRE(rd_kafka_flush(rogue.get(), 5000) == RD_KAFKA_RESP_ERR_NO_ERROR);

  // The owner keeps writing on the history readers accept.
  for (size_t i = 3; i < scenario.size(); ++i) {
    CommandResult r = SendUntilDecided(bed.backend().commands(), scenario[i]);
    REQUIRE_MESSAGE(r.ok(), r.error->message);
  }
  REQUIRE(log.CatchUp(10s).ok());
  CHECK(log.dropped_events() == 5);
  std::unique_ptr<KafkaEventLog> fresh;
  REQUIRE(KafkaEventLog::Open(bed.settings(), &fresh).ok());
  CHECK(fresh->dropped_events() == 5);
  std::vector<RecordedEvent> live, rebuilt;
  REQUIRE(log.ReadPartition(0, 0, 1000, &live).ok());
  REQUIRE(fresh->ReadPartition(0, 0, 1000, &rebuilt).ok());
  REQUIRE(live.size() == 11);
  REQUIRE(rebuilt.size() == live.size());
  std::set<Uuid> ids;
  std::string prev;
  for (size_t i = 0; i < live.size(); ++i) {
    CHECK(live[i].event_id == rebuilt[i].event_id);
    CHECK(live[i].offset == rebuilt[i].offset);
    CHECK(live[i].prev_hash == prev);
    CHECK(live[i].hash == ChainHash(live[i].prev_hash, CanonicalForHash(live[i])));
    prev = live[i].hash;
    ids.insert(live[i].event_id);
  }
  CHECK(ids.size() == 11);
  CHECK(ids.count(fork.event_id) == 0);
  CHECK(ids.count(duplicate.event_id) == 0);
  CHECK(ids.count(torn.event_id) == 0);
  CHECK(ids.count(ahead.event_id) == 0);
}

TEST_CASE("kafka: the events topic is readable by any Kafka client (kcat -C)") {
  KafkaTestBed bed(2, 1);
  auto scenario = MentorshipScenario(4);
  for (size_t i = 0; i < 3; ++i)
    REQUIRE(SendUntilDecided(bed.backend().commands(), scenario[i]).ok());

  // A plain consumer: key = stream id, value = the JSON envelope, ids and position in headers.
  KafkaHandle consumer;
  KafkaClientSpec spec;
  spec.type = RD_KAFKA_CONSUMER;
  spec.required = {{"group.id", "plain-reader"}, {"enable.partition.eof", "true"}};
  REQUIRE(CreateKafkaClient(bed.settings(), spec, &consumer).ok());
  REQUIRE(KafkaAssign(consumer.get(),
                      {{bed.settings().EventsTopic(), 0}, {bed.settings().EventsTopic(), 1}})
              .ok());
  int eofs = 0, events = 0, claims = 0;
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (eofs < 2 && std::chrono::steady_clock::now() < deadline) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer.get(), 100);
    if (m == nullptr) continue;
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      ++eofs;
    } else if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR &&
               KafkaHeader(m, kafka_wire::kKind) == std::string(kafka_wire::kKindClaim)) {
      ++claims;  // an owner's claim of the partition (docs/kafka.md): JSON, not an event
      rapidjson::Document claim;
      claim.Parse(KafkaValue(m).data(), KafkaValue(m).size());
      CHECK((claim.IsObject() && claim.HasMember("owner")));
    } else if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      ++events;
      RecordedEvent e;
      CHECK(DecodeEnvelope(KafkaValue(m), &e).ok());
      CHECK(std::string(KafkaKey(m)) == e.stream_id);
      CHECK(KafkaHeader(m, "type") == e.type);
      CHECK(KafkaHeader(m, "stream_id") == e.stream_id);
      CHECK(KafkaHeader(m, "stream_version") == std::to_string(e.stream_version));
      CHECK(KafkaHeader(m, "event_id") == ToString(e.event_id));
      CHECK(KafkaHeader(m, "causation_id") == ToString(e.causation_id));
      CHECK(e.partition == m->partition);
    }
    rd_kafka_message_destroy(m);
  }
  CHECK(events == 3);
  CHECK(claims >= 2);  // each events partition was claimed by its owner

  // kcat, as an operator would run it against the cluster.
  if (std::system("command -v kcat > /dev/null 2>&1") != 0) {
    MESSAGE("kcat is not installed: skipped running `kcat -C` on the events topic");
    return;
  }
  std::string command = "kcat -C -q -e -o beginning -b " + bed.settings().bootstrap_servers +
                        " -t " + bed.settings().EventsTopic() + " -f '%k %h %s\\n' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  pclose(pipe);
  MESSAGE("kcat -C shows (first record): " << output.substr(0, output.find('\n')));
  CHECK(output.find("\"type\":\"UserRegistered\"") != std::string::npos);
  CHECK(output.find("type=MentorApplied") != std::string::npos);
  CHECK(output.find("stream_version=1") != std::string::npos);
}

}  // namespace
}  // namespace edu
