// Faults against the Kafka deployment on librdkafka's mock cluster, under a stream of mentorship
// commands from concurrent API clients, with the mentorship projection running live on PostgreSQL:
//   a broker going down and coming back, injected request errors, a rebalance in the middle of the
//   stream, a command processor killed between producing and committing.
// After each: every command was accepted once, its events are in the log exactly once, in stream
// order, where its answer says they are; and the read tables equal a rebuild from offset zero.
#include <map>
#include <set>

#include "projections/mentorship/mentorship_projection.h"
#include "projections/projector.h"
#include "tests/integration/kafka_test_bed.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

using namespace std::chrono_literals;
using testing::KafkaTestBed;
using testing::MentorshipScenario;
using testing::TestDatabase;

constexpr int kEventsPerScenario = 11;
constexpr int kCommandsPerScenario = 9;

class FaultRun {
 public:
  FaultRun(int partitions, int processors, int brokers)
      : bed_([&] {
          auto o = KafkaTestBed::Options(partitions, processors);
          o.brokers = brokers;
          // Clients notice an outage within a few seconds and retry (same command id).
          o.adjust = [](KafkaSettings* s) { s->request_timeout_ms = 4000; };
          return o;
        }()),
        projection_(MakeMentorshipProjection()),
        projector_(&bed_.backend().log(), live_db_.uri(), projection_.get()) {
    Status st = projector_.Initialize();
    REQUIRE_MESSAGE(st.ok(), st.ToString());
    projector_thread_ = std::thread([this] { projector_.Run(stop_projector_); });
  }
  ~FaultRun() {
    stop_projector_ = true;
    if (projector_thread_.joinable()) projector_thread_.join();
  }

  KafkaTestBed& bed() { return bed_; }
  int decided() const { return decided_; }

  // `scenarios` mentorship scenarios from `clients` threads; each fault runs once `decided`
  // commands have been answered.
  void Drive(int scenarios, int clients,
             std::vector<std::pair<int, std::function<void()>>> faults) {
    scenarios_ = scenarios;
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
      threads.emplace_back([this, c, clients, scenarios] {
        for (int s = c; s < scenarios; s += clients) {
          for (const auto& command : MentorshipScenario(s)) {
            CommandResult r = testing::SendUntilDecided(bed_.backend().commands(), command);
            std::lock_guard<std::mutex> lock(mu_);
            results_[command.command_id] = r;
            if (!r.ok()) {
              failures_.push_back(command.type + " of scenario " + std::to_string(s) + ": " +
                                  r.error->code + ": " + r.error->message);
            }
            ++decided_;
          }
        }
      });
    }
    for (auto& [threshold, fault] : faults) {
      while (decided_ < threshold && decided_ < scenarios * kCommandsPerScenario)
        std::this_thread::sleep_for(10ms);
      MESSAGE("fault after " << decided_.load() << " commands");
      fault();
    }
    for (auto& t : threads) t.join();
  }

  void Verify() {
    for (const std::string& f : failures_) FAIL_CHECK(f);
    REQUIRE(failures_.empty());
    REQUIRE(results_.size() == static_cast<size_t>(scenarios_) * kCommandsPerScenario);
    for (size_t i = 0; i < bed_.backend().processor_count(); ++i) {
      KafkaCommandProcessor::Stats st = bed_.backend().processor(i).stats();
      MESSAGE("processor " << i
                           << std::string(bed_.backend().processor(i).dead() ? " (killed)" : "")
                           << ": " << st.commands << " commands in " << st.transactions
                           << " transactions, " << st.aborts << " aborted, " << st.rebuilds
                           << " rebuilds, " << st.skipped << " redeliveries skipped");
    }
    KafkaEventLog& live = bed_.backend().log();
    REQUIRE(live.CatchUp(30s).ok());

    // The log as a reader that starts now from offset zero sees it.
    std::unique_ptr<KafkaEventLog> fresh;
    REQUIRE(KafkaEventLog::Open(bed_.settings(), &fresh).ok());
    std::set<Uuid> ids;
    std::map<std::string, int64_t> versions;
    size_t total = 0;
    for (int p = 0; p < fresh->partition_count(); ++p) {
      std::vector<RecordedEvent> all;
      REQUIRE(fresh->ReadPartition(p, 0, 1'000'000, &all).ok());
      std::vector<RecordedEvent> seen_live;
      REQUIRE(live.ReadPartition(p, 0, 1'000'000, &seen_live).ok());
      REQUIRE(seen_live.size() == all.size());
      for (size_t i = 0; i < all.size(); ++i) {
        const RecordedEvent& e = all[i];
        CHECK(seen_live[i].event_id == e.event_id);
        CHECK(ids.insert(e.event_id).second);                // exactly once
        CHECK(e.stream_version == ++versions[e.stream_id]);  // in stream order
      }
      total += all.size();
    }
    CHECK(total == static_cast<size_t>(scenarios_) * kEventsPerScenario);
    // Each answer names its events where they are.
    for (const auto& [id, r] : results_) {
      for (const AppendedEventInfo& info : r.events) {
        std::vector<RecordedEvent> one;
        REQUIRE(fresh->ReadPartition(info.partition, info.offset, 1, &one).ok());
        REQUIRE(one.size() == 1);
        CHECK(one[0].offset == info.offset);
        CHECK(one[0].event_id == info.event_id);
        CHECK(one[0].stream_version == info.stream_version);
        CHECK(one[0].causation_id == id);
      }
    }

    // The live read tables, caught up, equal tables rebuilt from offset zero by a fresh projector.
    stop_projector_ = true;
    projector_thread_.join();
    Status st = projector_.CatchUp(nullptr);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
    TestDatabase rebuilt_db;
    Projector rebuilt(fresh.get(), rebuilt_db.uri(), projection_.get());
    REQUIRE(rebuilt.Initialize().ok());
    st = rebuilt.CatchUp(nullptr);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
    auto tables = live_db_.Rows(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'mentorship' "
        "ORDER BY 1");
    REQUIRE(tables.size() >= 10);
    for (const auto& row : tables) {
      std::string sql = "SELECT to_jsonb(t)::text FROM mentorship." + row[0] + " t ORDER BY 1";
      auto live_rows = live_db_.Rows(sql), rebuilt_rows = rebuilt_db.Rows(sql);
      std::string diff;
      for (size_t i = 0; i < std::max(live_rows.size(), rebuilt_rows.size()) && diff.size() < 2000;
           ++i) {
        std::string a = i < live_rows.size() ? live_rows[i][0] : "(none)";
        std::string b = i < rebuilt_rows.size() ? rebuilt_rows[i][0] : "(none)";
        if (a != b) diff += "\n  live:    " + a + "\n  rebuilt: " + b;
      }
      CHECK_MESSAGE(diff.empty(), "table mentorship." << row[0] << diff);
    }
    std::string n = std::to_string(scenarios_);
    CHECK(live_db_.Scalar("SELECT count(*) FROM mentorship.users") ==
          std::to_string(2 * scenarios_));
    CHECK(live_db_.Scalar("SELECT count(*) FROM mentorship.mentors") == n);
    CHECK(live_db_.Scalar("SELECT count(*) FROM mentorship.sessions") == n);
    CHECK(live_db_.Scalar("SELECT count(*) FROM mentorship.sessions WHERE status = 'completed'") ==
          n);
    CHECK(live_db_.Scalar("SELECT count(*) FROM mentorship.payments") == n);
  }

 private:
  TestDatabase live_db_;
  KafkaTestBed bed_;
  std::unique_ptr<Projection> projection_;
  Projector projector_;
  std::atomic<bool> stop_projector_{false};
  std::thread projector_thread_;
  int scenarios_ = 0;
  std::atomic<int> decided_{0};
  std::mutex mu_;
  std::map<Uuid, CommandResult> results_;
  std::vector<std::string> failures_;
};

TEST_CASE("kafka faults: a broker going down and coming back") {
  FaultRun run(4, 2, 1);
  run.Drive(12, 3, {{25, [&] {
                       REQUIRE(run.bed().cluster().SetBrokerDown(1).ok());
                       std::this_thread::sleep_for(4s);  // longer than the session timeout
                       REQUIRE(run.bed().cluster().SetBrokerUp(1).ok());
                     }}});
  run.Verify();
}

TEST_CASE("kafka faults: injected request errors (produce, transactions, offsets, fetch, groups)") {
  FaultRun run(4, 2, 1);
  KafkaMockCluster& cluster = run.bed().cluster();
  auto inject = [&] {
    cluster.PushRequestErrors(
        0 /* Produce */, {RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR__TRANSPORT,
                          RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED});
    cluster.PushRequestErrors(26 /* EndTxn */, {RD_KAFKA_RESP_ERR_NOT_COORDINATOR,
                                                RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE});
    cluster.PushRequestErrors(24 /* AddPartitionsToTxn */,
                              {RD_KAFKA_RESP_ERR_CONCURRENT_TRANSACTIONS,
                               RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS});
    cluster.PushRequestErrors(28 /* TxnOffsetCommit */,
                              {RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS});
    cluster.PushRequestErrors(
        1 /* Fetch */, {RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR__TRANSPORT});
    cluster.PushRequestErrors(2 /* ListOffsets */, {RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION});
    cluster.PushRequestErrors(12 /* Heartbeat */, {RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS});
  };
  run.Drive(12, 3, {{15, inject}, {40, inject}, {65, inject}});
  run.Verify();
}

TEST_CASE("kafka faults: a rebalance in the middle of a stream of commands") {
  FaultRun run(4, 1, 1);
  run.Drive(12, 3,
            {{20, [&] { REQUIRE(run.bed().backend().AddProcessor("joiner").ok()); }},
             {50, [&] { run.bed().backend().processor(0).Stop(); }}});
  CHECK(run.bed().backend().processor(0).ReadyPartitions().empty());
  run.Verify();
}

TEST_CASE("kafka faults: a command processor killed between producing and committing") {
  FaultRun run(4, 1, 1);
  std::atomic<int> batches{0};
  // A second processor whose third transaction never commits: it dies right after producing.
  REQUIRE(run.bed().backend().AddProcessor("doomed", [&](int) { return ++batches == 3; }).ok());
  run.Drive(12, 3, {});
  CHECK(run.bed().backend().processor(1).dead());
  run.Verify();
}

}  // namespace
}  // namespace edu
