// What librdkafka 2.0.2's mock cluster cannot show, on a real Kafka: a new owner fences a zombie
// (its open transaction is aborted and it can write nothing more), aborted transactions are hidden
// from read_committed readers, and a killed owner's open transaction is aborted and its commands
// decided again by the next owner.
//
// Run them with EDULEDGER_TEST_KAFKA=<bootstrap servers> (a broker with transactions: Kafka >= 2.5,
// replication factor and min.insync.replicas of the transaction state topic fitting the cluster).
// Without it each test reports itself as skipped, with the reason, and passes.
#include <cstdlib>
#include <set>

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

std::string RealKafka() {
  const char* bootstrap = std::getenv("EDULEDGER_TEST_KAFKA");
  return bootstrap ? bootstrap : "";
}

#define EDU_REQUIRE_REAL_KAFKA()                                                         \
  if (RealKafka().empty()) {                                                             \
    MESSAGE(                                                                             \
        "SKIPPED: needs a real Kafka (the mock cluster does not enforce transactions); " \
        "set EDULEDGER_TEST_KAFKA=<bootstrap servers> to run it");                       \
    return;                                                                              \
  }

testing::KafkaTestBedOptions Real(int partitions, int processors) {
  auto o = KafkaTestBed::Options(partitions, processors);
  o.real_bootstrap = RealKafka();
  o.adjust = [](KafkaSettings* s) { s->request_timeout_ms = 8000; };
  return o;
}

KafkaHandle TransactionalProducer(const KafkaSettings& settings, const std::string& id) {
  KafkaHandle producer;
  KafkaClientSpec spec;
  spec.required = {{"transactional.id", id}};
  REQUIRE(CreateKafkaClient(settings, spec, &producer).ok());
  Status st = KafkaStatus(rd_kafka_init_transactions(producer.get(), 30'000), "init_transactions");
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  return producer;
}

// A well-formed event that would extend partition 0's chain at `head` as version 1 of a new
// stream: only transaction semantics can keep it out of the log readers accept.
RecordedEvent ChainExtension(const std::string& head, const std::string& name) {
  RecordedEvent e;
  e.event_id = DeriveUuid(EduledgerNamespace(), name);
  e.type = "UserRegistered";
  e.marketplace = "mentorship";
  e.stream_id = StreamId("mentorship.user", DeriveUuid(EduledgerNamespace(), name + "-stream"));
  e.stream_version = 1;
  e.payload = R"({"not":"committed"})";
  e.offset = -1;
  SealEvent(head, &e);
  return e;
}

void ProduceEvent(rd_kafka_t* producer, const KafkaSettings& settings, const RecordedEvent& e) {
  REQUIRE(KafkaProduce(producer, settings.EventsTopic(), 0, e.stream_id, EncodeEnvelope(e),
                       kafka_wire::EventHeaders(e, 0, 1, nullptr), nullptr)
              .ok());
  REQUIRE(rd_kafka_flush(producer, 10'000) == RD_KAFKA_RESP_ERR_NO_ERROR);
}

// Messages physically in events partition 0, aborted ones included (read_uncommitted).
size_t RawEventCount(const KafkaSettings& settings) {
  KafkaHandle consumer;
  KafkaClientSpec spec;
  spec.type = RD_KAFKA_CONSUMER;
  spec.required = {{"group.id", settings.topic_prefix + ".raw"},
                   {"isolation.level", "read_uncommitted"},
                   {"enable.partition.eof", "true"}};
  REQUIRE(CreateKafkaClient(settings, spec, &consumer).ok());
  REQUIRE(KafkaAssign(consumer.get(), {{settings.EventsTopic(), 0}}).ok());
  size_t count = 0;
  auto deadline = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < deadline) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer.get(), 100);
    if (m == nullptr) continue;
    bool eof = m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF;
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) ++count;
    rd_kafka_message_destroy(m);
    if (eof) break;
  }
  return count;
}

std::vector<RecordedEvent> AcceptedEvents(const KafkaSettings& settings, size_t* dropped) {
  std::unique_ptr<KafkaEventLog> fresh;
  REQUIRE(KafkaEventLog::Open(settings, &fresh).ok());
  std::vector<RecordedEvent> events;
  REQUIRE(fresh->ReadPartition(0, 0, 100'000, &events).ok());
  *dropped = fresh->dropped_events();
  return events;
}

TEST_CASE("kafka (real broker): a new owner fences a zombie owner, which can write nothing more") {
  EDU_REQUIRE_REAL_KAFKA();
  KafkaTestBed bed(Real(1, 0));
  const KafkaSettings& settings = bed.settings();
  auto scenario = MentorshipScenario(21);

  // An earlier owner of partition 0, stalled with an open transaction holding a valid event.
  KafkaHandle zombie = TransactionalProducer(settings, settings.OwnerTransactionalId(0));
  REQUIRE(rd_kafka_begin_transaction(zombie.get()) == nullptr);
  RecordedEvent zombie_event = ChainExtension("", "zombie-event");
  ProduceEvent(zombie.get(), settings, zombie_event);

  // The new owner's init_transactions fences it and aborts that transaction.
  REQUIRE(bed.backend().AddProcessor("owner").ok());
  REQUIRE(bed.backend().WaitUntilReady(60s).ok());
  rd_kafka_error_t* error = rd_kafka_commit_transaction(zombie.get(), 10'000);
  REQUIRE_MESSAGE(error != nullptr, "the zombie committed after being fenced");
  MESSAGE("zombie's commit: " << rd_kafka_error_string(error));
  CHECK((rd_kafka_error_is_fatal(error) || rd_kafka_error_txn_requires_abort(error)));
  rd_kafka_error_destroy(error);

  for (size_t i = 0; i < 3; ++i) {
    CommandResult r = SendUntilDecided(bed.backend().commands(), scenario[i]);
    REQUIRE_MESSAGE(r.ok(), r.error->message);
  }
  size_t dropped = 0;
  auto events = AcceptedEvents(settings, &dropped);
  REQUIRE(events.size() == 3);
  CHECK(dropped == 0);  // read_committed never even delivered the zombie's event
  for (const auto& e : events) CHECK(e.event_id != zombie_event.event_id);

  // The owner in turn is fenced by a newer producer of partition 0: it stops writing.
  KafkaHandle newer = TransactionalProducer(settings, settings.OwnerTransactionalId(0));
  CommandResult unanswered = bed.backend().commands().Handle(ToRequest(scenario[3]));
  REQUIRE_FALSE(unanswered.ok());
  CHECK(unanswered.error->code == "no_command_processor");
  CHECK(bed.backend().processor(0).ReadyPartitions().empty());
  newer.reset();
  bed.backend().processor(0).Stop();

  // A successor (fencing `newer`) decides the command once, on the log readers accept.
  REQUIRE(bed.backend().AddProcessor("successor").ok());
  CommandResult r = SendUntilDecided(bed.backend().commands(), scenario[3]);
  REQUIRE_MESSAGE(r.ok(), r.error->message);
  events = AcceptedEvents(settings, &dropped);
  CHECK(events.size() == 4);
  CHECK(dropped == 0);
}

TEST_CASE("kafka (real broker): an aborted transaction is hidden from readers and writers") {
  EDU_REQUIRE_REAL_KAFKA();
  KafkaTestBed bed(Real(1, 1));
  const KafkaSettings& settings = bed.settings();
  auto scenario = MentorshipScenario(22);
  REQUIRE(SendUntilDecided(bed.backend().commands(), scenario[0]).ok());
  REQUIRE(bed.backend().log().CatchUp(30s).ok());
  std::vector<RecordedEvent> before;
  REQUIRE(bed.backend().log().ReadPartition(0, 0, 100, &before).ok());
  REQUIRE(before.size() == 1);

  // Another transactional writer puts a valid chain extension in the log, then aborts.
  KafkaHandle writer = TransactionalProducer(settings, settings.topic_prefix + ".aborter");
  REQUIRE(rd_kafka_begin_transaction(writer.get()) == nullptr);
  RecordedEvent aborted = ChainExtension(before[0].hash, "aborted-event");
  ProduceEvent(writer.get(), settings, aborted);
  REQUIRE(rd_kafka_abort_transaction(writer.get(), 30'000) == nullptr);

  // The owner's next event extends the chain where the aborted one would have.
  REQUIRE(SendUntilDecided(bed.backend().commands(), scenario[1]).ok());
  size_t dropped = 0;
  auto events = AcceptedEvents(settings, &dropped);
  REQUIRE(events.size() == 2);
  CHECK(events[1].prev_hash == before[0].hash);
  CHECK(events[1].event_id != aborted.event_id);
  CHECK(dropped == 0);
  CHECK(RawEventCount(settings) == 3);  // the aborted event is in the log, never read
}

TEST_CASE(
    "kafka (real broker): a killed owner's open transaction is aborted and its commands decided "
    "again") {
  EDU_REQUIRE_REAL_KAFKA();
  KafkaTestBed bed(Real(1, 0));
  const KafkaSettings& settings = bed.settings();
  std::atomic<int> batches{0};
  REQUIRE(bed.backend().AddProcessor("doomed", [&](int) { return ++batches == 3; }).ok());
  REQUIRE(bed.backend().WaitUntilReady(60s).ok());
  std::thread successor([&] {
    while (!bed.backend().processor(0).dead()) std::this_thread::sleep_for(50ms);
    CHECK(bed.backend().AddProcessor("successor").ok());
  });
  auto scenario = MentorshipScenario(23);
  std::vector<CommandResult> results;
  for (const auto& c : scenario) {
    results.push_back(SendUntilDecided(bed.backend().commands(), c, 120s));
    CHECK_MESSAGE(results.back().ok(), c.type << ": " << results.back().error->message);
  }
  successor.join();
  CHECK(bed.backend().processor(0).dead());
  size_t dropped = 0;
  auto events = AcceptedEvents(settings, &dropped);
  CHECK(events.size() == 11);  // the scenario's 11 events
  std::set<Uuid> ids;
  for (const auto& e : events) CHECK(ids.insert(e.event_id).second);
  CHECK(RawEventCount(settings) > events.size());  // the aborted attempt is physically there
}

}  // namespace
}  // namespace edu
