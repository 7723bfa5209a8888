// The reaction runtime: events on one stream cause commands on another, exactly once in effect,
// with checkpoints in real PostgreSQL.
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include <doctest/doctest.h>

#include "commands/pipeline.h"
#include "commands/reactor.h"
#include "eventstore/fault_injecting_log.h"
#include "eventstore/memory_event_log.h"
#include "eventstore/operator_decisions.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

// A tiny aggregate for the test: a tally that counts what it was told to add, refusing negatives.
struct Tallied {
  static constexpr const char* kType = "Tallied";
  static constexpr int kSchemaVersion = 1;
  Uuid tally_id;
  int64_t amount = 0;
  int64_t total_after = 0;
  EDU_FIELDS(tally_id, amount, total_after)
};
struct AddToTally {
  static constexpr const char* kType = "AddToTally";
  Uuid tally_id;
  int64_t amount = 0;
  EDU_FIELDS(tally_id, amount)
  std::string stream_id() const { return StreamId("test.tally", tally_id); }
};
struct TallyDecider {
  static constexpr const char* kCategory = "test.tally";
  static constexpr Marketplace kMarketplace = Marketplace::mentorship;
  struct State {
    int64_t total = 0;
  };
  using Command = std::variant<AddToTally>;
  using Event = std::variant<Tallied>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& c, const State& s, const DecisionContext&) {
    const auto& add = std::get<AddToTally>(c);
    if (add.amount < 0)
      return Rejection{ErrorKind::kInvalid, "negative_amount",
                       fmt::format("cannot add {}", add.amount)};
    if (add.amount == 13) return Rejection{ErrorKind::kInvalid, "unlucky", "13 is refused"};
    return Tallied{add.tally_id, add.amount, s.total + add.amount};
  }
  static State evolve(State s, const Event& e) {
    s.total = std::get<Tallied>(e).total_after;
    return s;
  }
};

struct Sold {
  int64_t amount = 0;
  EDU_FIELDS(amount)
};

const Uuid kTally = *ParseUuid("77777777-7777-4777-8777-777777777777");

// Every "Sold" event (payload {"amount": n}) adds n to the tally.
class TallySales : public Reaction {
 public:
  std::string name() const override { return "tally_sales"; }
  bool Handles(const RecordedEvent& e) const override { return e.type == "Sold"; }
  Status React(const RecordedEvent& e, std::vector<ReactionCommand>* out) const override {
    Sold sold;
    EDU_RETURN_IF_ERROR(json::Decode(e.payload, &sold, json::DecodeOptions{false}));
    out->push_back(Issue("mentorship", AddToTally{kTally, sold.amount}, "add"));
    return Status::OK();
  }
  std::vector<std::string> expected_rejections() const override { return {"negative_amount"}; }
};

// Throws on a sale of 99, as a reaction with a bug would.
class ThrowingTallySales : public TallySales {
 public:
  std::string name() const override { return "throwing_tally_sales"; }
  Status React(const RecordedEvent& e, std::vector<ReactionCommand>* out) const override {
    if (e.payload.find("99") != std::string::npos) throw std::out_of_range("a bug met 99");
    return TallySales::React(e, out);
  }
};

struct Fixture {
  Fixture() : log(2), faulty(&log), pipeline(&faulty, &registry, &policies) {
    registry.AddCommand<TallyDecider, AddToTally>({"system"}, "test");
  }

  void Sell(int n, int64_t amount) {
    AppendRequest r;
    r.stream_id = StreamId("test.shop", DeriveUuid(kTally, "shop-" + std::to_string(n % 3)));
    NewEvent e;
    e.event_id = DeriveUuid(kTally, "sale-" + std::to_string(n));
    e.type = "Sold";
    e.marketplace = "mentorship";
    e.occurred_at = Timestamp{1'767'225'600'000'000 + n};
    e.payload = "{\"amount\":" + std::to_string(amount) + "}";
    r.events.push_back(e);
    AppendResult result;
    REQUIRE(log.Append(r, &result).ok());
  }

  int64_t Total() {
    std::vector<RecordedEvent> events;
    REQUIRE(log.ReadStream(StreamId("test.tally", kTally), 1, &events).ok());
    return events.empty() ? 0
                          : std::stoll(events.back().payload.substr(
                                events.back().payload.find("total_after") + 13));
  }
  size_t TallyEvents() {
    std::vector<RecordedEvent> events;
    REQUIRE(log.ReadStream(StreamId("test.tally", kTally), 1, &events).ok());
    return events.size();
  }

  MemoryEventLog log;
  FaultInjectingEventLog faulty;
  Registry registry;
  Policies policies;
  CommandPipeline pipeline;
  TallySales reaction;
  testing::TestDatabase db;
};

}  // namespace

TEST_SUITE("reactor") {
  TEST_CASE("each event's commands take effect once, even when the events are delivered again") {
    Fixture f;
    for (int i = 0; i < 10; ++i) f.Sell(i, 100 + i);
    {
      Reactor reactor(&f.faulty, &f.pipeline, f.db.uri(), &f.reaction);
      REQUIRE(reactor.Initialize().ok());
      size_t issued = 0;
      REQUIRE(reactor.CatchUp(&issued).ok());
      CHECK(issued == 10);
    }
    CHECK(f.Total() == 1045);
    // Lose the checkpoints (a crash before they were saved): everything is delivered again.
    f.db.Exec("DELETE FROM eduledger.reactor_checkpoints");
    Reactor again(&f.faulty, &f.pipeline, f.db.uri(), &f.reaction);
    REQUIRE(again.Initialize().ok());
    REQUIRE(again.CatchUp(nullptr).ok());
    CHECK(again.stats().commands_replayed == 10);
    CHECK(f.TallyEvents() == 10);  // nothing applied twice
    CHECK(f.Total() == 1045);
    std::vector<int64_t> lag;
    REQUIRE(again.Lag(&lag).ok());
    for (int64_t l : lag) CHECK(l == 0);
  }

  TEST_CASE("a command the log could not take is retried later; the checkpoint waits for it") {
    Fixture f;
    f.Sell(1, 5);
    Reactor reactor(&f.faulty, &f.pipeline, f.db.uri(), &f.reaction);
    REQUIRE(reactor.Initialize().ok());
    f.faulty.FailAppend(1, FaultPoint::kAfterDelegating);  // applied, but the answer is lost
    Status s = reactor.CatchUp(nullptr);
    CHECK(s.IsUnavailable());
    CHECK(reactor.last_error().ok());  // not a failure: it will retry
    CHECK(f.db.Scalar("SELECT count(*) FROM eduledger.reactor_checkpoints WHERE next_offset > 0") ==
          "0");
    REQUIRE(reactor.CatchUp(nullptr).ok());
    CHECK(f.TallyEvents() == 1);  // the retry found the first result
    CHECK(f.Total() == 5);
  }

  TEST_CASE("an expected rejection is recorded and passed; an unexpected one stops the reactor") {
    Fixture f;
    f.Sell(1, -4);
    f.Sell(2, 7);
    Reactor reactor(&f.faulty, &f.pipeline, f.db.uri(), &f.reaction);
    REQUIRE(reactor.Initialize().ok());
    REQUIRE(reactor.CatchUp(nullptr).ok());
    CHECK(f.Total() == 7);
    CHECK(f.db.Scalar("SELECT code FROM eduledger.reactor_outcomes") == "negative_amount");
    CHECK(reactor.stats().expected_rejections == 1);

    f.Sell(3, 13);
    f.Sell(4, 1);
    Status s = reactor.CatchUp(nullptr);
    REQUIRE_FALSE(s.ok());
    CHECK(s.message().find("reactor tally_sales stopped at test.shop-") != std::string::npos);
    CHECK(s.message().find("AddToTally was rejected: unlucky") != std::string::npos);
    CHECK_FALSE(reactor.last_error().ok());
    CHECK(f.Total() == 7);  // the event after the failure was not reacted to either
    CHECK(reactor.WaitForPosition(0, 1000, std::chrono::milliseconds(10)).message() == s.message());
  }

  TEST_CASE(
      "a reaction that throws stops its reactor alone and a recorded skip decision resumes it") {
    using namespace std::chrono_literals;
    Fixture f;
    ThrowingTallySales throwing;
    f.Sell(1, 5);
    f.Sell(2, 99);
    f.Sell(3, 7);
    ReactorOptions options;
    options.idle_wait = 20ms;
    options.retry_backoff = 20ms;
    Reactor reactor(&f.faulty, &f.pipeline, f.db.uri(), &throwing, options);
    REQUIRE(reactor.Initialize().ok());
    std::atomic<bool> stop{false};
    std::thread runner([&] { reactor.Run(stop); });  // an escaping exception would abort here
    for (int i = 0; i < 500 && !reactor.stopped_at(); ++i) std::this_thread::sleep_for(10ms);
    REQUIRE(reactor.stopped_at().has_value());
    const StoppedEvent at = *reactor.stopped_at();
    CHECK(at.event_id == DeriveUuid(kTally, "sale-2"));
    CHECK(at.error.find("a bug met 99") != std::string::npos);
    std::this_thread::sleep_for(100ms);
    CHECK(reactor.stopped_at().has_value());  // it stays stopped without a decision

    SkipDecision decision;
    decision.component = "reaction";
    decision.name = throwing.name();
    decision.event_id = ToString(at.event_id);
    decision.event_type = at.event_type;
    decision.stream_id = at.stream_id;
    decision.partition = at.partition;
    decision.offset = at.offset;
    decision.reason = "the sale of 99 was a test";
    REQUIRE(RecordSkipDecision(&f.log, decision, Actor{"operator:test", "operator"},
                               Timestamp{1'767'225'600'000'000}, nullptr)
                .ok());
    for (int i = 0; i < 500 && f.Total() != 12; ++i) std::this_thread::sleep_for(10ms);
    stop = true;
    runner.join();
    CHECK(f.Total() == 12);  // 5 and 7; the 99 skipped
    CHECK_FALSE(reactor.stopped_at().has_value());
    CHECK(reactor.last_error().ok());
    CHECK(reactor.stats().events_skipped == 1);
  }
}

}  // namespace edu
