// Replay for analytics over the in-memory log: stopping at a printed position and resuming yields
// exactly the uninterrupted replay; filters, --since, --until, upcasting; and the chain verifier
// on a log whose offsets legitimately skip (Kafka).
#include <algorithm>
#include <functional>
#include <map>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "domain/core/stream.h"
#include "eventstore/chain_verifier.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/log_replay.h"
#include "eventstore/memory_event_log.h"

namespace edu {
namespace {

class SteppingClock : public Clock {
 public:
  Timestamp Now() const override { return Timestamp{start_ + Seconds(++ticks_)}; }

 private:
  Micros start_ = 1'767'225'600'000'000;
  mutable int64_t ticks_ = 0;
};

// 12 streams of two categories and two marketplaces, 5 events each, appended round-robin so the
// partitions interleave in time.
void Populate(EventLog* log) {
  for (int version = 1; version <= 5; ++version) {
    for (int s = 0; s < 12; ++s) {
      std::string market = s % 3 == 0 ? "peerloop" : "mentorship";
      std::string category = market + (s % 2 == 0 ? ".session" : ".user");
      AppendRequest r;
      r.stream_id =
          StreamId(category, DeriveUuid(EduledgerNamespace(), "stream-" + std::to_string(s)));
      r.expected = ExpectedVersion::Exactly(version - 1);
      NewEvent e;
      e.event_id = DeriveUuid(EduledgerNamespace(), fmt::format("event-{}-{}", s, version));
      e.type = version == 1 ? "Opened" : version == 5 ? "Closed" : "Changed";
      e.schema_version = version == 2 ? 1 : 2;
      e.marketplace = market;
      e.causation_id = e.event_id;
      e.correlation_id = e.event_id;
      e.actor = Actor{"system:test", "system"};
      e.payload = fmt::format(R"({{"n":{},"v":{}}})", s, version);
      r.events.push_back(e);
      AppendResult result;
      REQUIRE(log->Append(r, &result).ok());
    }
  }
}

std::vector<std::string> Run(EventLog* log, const ReplayOptions& options, ReplayResult* result) {
  std::vector<std::string> lines;
  Status s = ReplayLog(
      log, options,
      [&](const RecordedEvent& e) {
        lines.push_back(EncodeEnvelope(e));
        return Status::OK();
      },
      nullptr, result);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return lines;
}

TEST_CASE(
    "replay: stopped at its printed position and resumed, it yields exactly the uninterrupted "
    "replay") {
  SteppingClock clock;
  MemoryEventLog log(4, &clock);
  Populate(&log);
  ReplayOptions all;
  ReplayResult full_result;
  std::vector<std::string> full = Run(&log, all, &full_result);
  REQUIRE(full.size() == 60);
  CHECK(full_result.complete);

  for (ReplayFilter filter :
       {ReplayFilter{}, ReplayFilter{{"Changed"}, {}, {}}, ReplayFilter{{}, {"peerloop"}, {}},
        ReplayFilter{{}, {}, {"mentorship.user"}}}) {
    ReplayOptions options;
    options.filter = filter;
    ReplayResult uninterrupted_result;
    std::vector<std::string> uninterrupted = Run(&log, options, &uninterrupted_result);
    for (int64_t stop_after : {1, 7, 13}) {
      CAPTURE(stop_after);
      std::vector<std::string> pieced;
      std::optional<std::vector<int64_t>> from;
      for (int round = 0; round < 100; ++round) {
        ReplayOptions part = options;
        part.max_events = stop_after;
        part.from_offsets = from;
        ReplayResult r;
        std::vector<std::string> lines = Run(&log, part, &r);
        pieced.insert(pieced.end(), lines.begin(), lines.end());
        std::vector<int64_t> next;
        REQUIRE(
            DecodeResumeToken(r.resume_token, 4, ReplayDigest(filter, {0, 1, 2, 3}), &next).ok());
        from = next;
        if (r.complete) break;
      }
      CHECK(pieced == uninterrupted);
    }
  }

  // Events appended after the end position are what the next run from it hands over.
  std::vector<int64_t> end;
  REQUIRE(DecodeResumeToken(full_result.resume_token, 4, "", &end).ok());
  AppendRequest more;
  more.stream_id = StreamId("mentorship.user", DeriveUuid(EduledgerNamespace(), "stream-1"));
  NewEvent e;
  e.event_id = DeriveUuid(EduledgerNamespace(), "event-late");
  e.type = "Changed";
  e.marketplace = "mentorship";
  e.payload = "{}";
  more.events.push_back(e);
  AppendResult appended;
  REQUIRE(log.Append(more, &appended).ok());
  ReplayOptions tail;
  tail.from_offsets = end;
  ReplayResult tail_result;
  std::vector<std::string> rest = Run(&log, tail, &tail_result);
  REQUIRE(rest.size() == 1);
  CHECK(rest[0].find(ToString(e.event_id)) != std::string::npos);
}

TEST_CASE("replay: partitions in offset order, merged by recorded_at; filters; since and until") {
  SteppingClock clock;
  MemoryEventLog log(4, &clock);
  Populate(&log);
  ReplayOptions options;
  options.partitions = {1, 3};
  ReplayResult result;
  std::vector<RecordedEvent> got;
  REQUIRE(ReplayLog(
              &log, options,
              [&](const RecordedEvent& e) {
                got.push_back(e);
                return Status::OK();
              },
              nullptr, &result)
              .ok());
  std::map<int, int64_t> last_offset;
  for (size_t i = 0; i < got.size(); ++i) {
    CHECK((got[i].partition == 1 || got[i].partition == 3));
    if (last_offset.count(got[i].partition)) CHECK(got[i].offset > last_offset[got[i].partition]);
    last_offset[got[i].partition] = got[i].offset;
    if (i) CHECK(got[i - 1].recorded_at <= got[i].recorded_at);
  }
  CHECK(result.resume_token.find(".-,") != std::string::npos);  // partition 0 not selected

  // --since: the 31st event onwards (the clock ticks once per append).
  ReplayOptions since;
  since.since = Timestamp{1'767'225'600'000'000 + Seconds(31)};
  ReplayResult since_result;
  std::vector<std::string> tail = Run(&log, since, &since_result);
  CHECK(tail.size() == 30);
  CHECK(since_result.totals.total == 30);  // the binary search skipped the rest without reading it

  // --until a position printed earlier: exactly the events before it.
  ReplayOptions first;
  first.max_events = 25;
  ReplayResult first_result;
  std::vector<std::string> head = Run(&log, first, &first_result);
  ReplayOptions until;
  std::vector<int64_t> stop;
  REQUIRE(DecodeResumeToken(first_result.resume_token, 4, "", &stop).ok());
  until.until = stop;
  ReplayResult until_result;
  CHECK(Run(&log, until, &until_result) == head);

  // Resuming with other filters is refused.
  std::vector<int64_t> next;
  Status other =
      DecodeResumeToken(first_result.resume_token, 4,
                        ReplayDigest(ReplayFilter{{"Closed"}, {}, {}}, {0, 1, 2, 3}), &next);
  CHECK(other.message().find("other filters") != std::string::npos);
  CHECK(DecodeResumeToken(first_result.resume_token, 8, "", &next).message().find("8") !=
        std::string::npos);
  CHECK_FALSE(DecodeResumeToken("r1.abc.1,x,2,3", 4, "", &next).ok());
}

TEST_CASE("replay: old schema versions come out in the current shape") {
  SteppingClock clock;
  MemoryEventLog log(2, &clock);
  Populate(&log);
  Upcasters upcasters;
  upcasters.Register("mentorship", "Changed", 1, [](rapidjson::Document& d) {
    d.AddMember("upcast", true, d.GetAllocator());
    return Status::OK();
  });
  upcasters.Register("peerloop", "Changed", 1, [](rapidjson::Document& d) {
    d.AddMember("upcast", true, d.GetAllocator());
    return Status::OK();
  });
  ReplayOptions options;
  options.upcasters = &upcasters;
  options.current_version = [](const std::string&, const std::string& type) {
    return type == "Changed" ? 2 : 0;
  };
  ReplayResult result;
  std::vector<RecordedEvent> got;
  REQUIRE(ReplayLog(
              &log, options,
              [&](const RecordedEvent& e) {
                got.push_back(e);
                return Status::OK();
              },
              nullptr, &result)
              .ok());
  int upcast = 0;
  for (const RecordedEvent& e : got) {
    if (e.type == "Changed") CHECK(e.schema_version == 2);
    if (e.payload.find(R"("upcast":true)") != std::string::npos) ++upcast;
  }
  CHECK(upcast == 12);  // the version-2 events of each stream were stored at schema version 1
}

// A log whose reads are tampered with (as a Kafka topic cannot be, but a broken reader could).
class TamperedLog : public MemoryEventLog {
 public:
  using MemoryEventLog::MemoryEventLog;
  std::function<void(std::vector<RecordedEvent>*)> tamper;
  Status ReadPartition(int partition, int64_t from_offset, size_t max_count,
                       std::vector<RecordedEvent>* out) override {
    EDU_RETURN_IF_ERROR(MemoryEventLog::ReadPartition(partition, from_offset, max_count, out));
    if (tamper && partition == 0) tamper(out);
    return Status::OK();
  }
};

TEST_CASE(
    "audit verify: without contiguous offsets a removed event is a broken link, named precisely") {
  SteppingClock clock;
  TamperedLog log(1, &clock);
  Populate(&log);
  ChainVerifyOptions kafka_like;
  kafka_like.contiguous_offsets = false;
  ChainReport report;
  REQUIRE(VerifyChains(&log, kafka_like, &report).ok());
  CHECK(report.intact());
  CHECK(report.events == 60);

  log.tamper = [](std::vector<RecordedEvent>* events) {
    events->erase(std::remove_if(events->begin(), events->end(),
                                 [](const RecordedEvent& e) { return e.offset == 20; }),
                  events->end());
  };
  REQUIRE(VerifyChains(&log, kafka_like, &report).ok());
  REQUIRE_FALSE(report.intact());
  const ChainFinding& f = *report.partitions[0].first_break;
  CHECK(f.kind == ChainFinding::Kind::kLinkBroken);
  CHECK(f.offset == 21);
  CHECK(DescribeFinding(f).find("previous-hash link broken") != std::string::npos);

  ChainVerifyOptions pg_like;
  REQUIRE(VerifyChains(&log, pg_like, &report).ok());
  CHECK(report.partitions[0].first_break->kind == ChainFinding::Kind::kOffsetGap);
  CHECK(report.partitions[0].first_break->detail.find("offset 20 missing") != std::string::npos);
}

}  // namespace
}  // namespace edu
