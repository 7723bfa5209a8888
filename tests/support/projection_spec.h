// Projection specifications against real PostgreSQL, in the same shape as decider specs:
//
//   ProjectionSpec spec(MakeMentorshipProjection());
//   spec.given("mentorship.session-...", SessionBooked{...}, PaymentCaptured{...})
//       .then_rows("SELECT status, amount FROM mentorship.sessions", {{"confirmed", "1200.00"}});
//
// Events are appended to an in-memory log (each given() call is one stream, versions continuing),
// then a real Projector catches up into a fresh database.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "eventstore/event_codec.h"
#include "eventstore/memory_event_log.h"
#include "projections/projector.h"
#include "tests/support/test_database.h"

namespace edu::testing {

class ProjectionSpec {
 public:
  explicit ProjectionSpec(std::unique_ptr<Projection> projection, int partitions = 4)
      : projection_(std::move(projection)), log_(partitions) {}

  // Appends events to `stream_id` as they would be recorded by the pipeline.
  template <class... Events>
  ProjectionSpec& given(const std::string& stream_id, const Events&... events) {
    AppendRequest request;
    request.stream_id = stream_id;
    request.expected = ExpectedVersion::Any();
    (request.events.push_back(Recorded(events)), ...);
    AppendResult result;
    Status s = log_.Append(request, &result);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    return *this;
  }

  ProjectionSpec& at(Timestamp t) {
    now_ = t;
    return *this;
  }
  ProjectionSpec& as(Actor actor) {
    actor_ = std::move(actor);
    return *this;
  }

  // Projects everything given so far; returns the projector's status (OK, or why it stopped).
  Status Project() {
    if (!projector_) {
      projector_ = std::make_unique<Projector>(&log_, db_.uri(), projection_.get());
      Status s = projector_->Initialize();
      if (!s.ok()) return s;
    }
    size_t applied = 0;
    return projector_->CatchUp(&applied);
  }

  // Projects, then checks that `sql` returns exactly `rows` (every field as text, NULL as "NULL").
  void then_rows(const std::string& sql, const std::vector<std::vector<std::string>>& rows) {
    Status s = Project();
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    auto got = db_.Rows(sql);
    CHECK_MESSAGE(got == rows, "query: " << sql << "\n  expected: " << Show(rows)
                                         << "\n  got:      " << Show(got));
  }

  // Projects and expects the projector to stop with a message containing `fragment`.
  void then_stops_with(const std::string& fragment) {
    Status s = Project();
    REQUIRE_FALSE_MESSAGE(s.ok(), "the projector did not stop");
    CHECK_MESSAGE(s.message().find(fragment) != std::string::npos, s.ToString());
  }

  TestDatabase& db() { return db_; }
  MemoryEventLog& log() { return log_; }

 private:
  template <class E>
  NewEvent Recorded(const E& e) {
    NewEvent n;
    n.event_id = DeriveUuid(EduledgerNamespace(), "spec-event-" + std::to_string(++count_));
    n.type = E::kType;
    n.schema_version = E::kSchemaVersion;
    n.marketplace = projection_->schema();
    n.occurred_at = now_;
    n.causation_id = DeriveUuid(EduledgerNamespace(), "spec-command-" + std::to_string(count_));
    n.correlation_id = n.causation_id;
    n.actor = actor_;
    n.metadata = {{"ip", "203.0.113.7"}, {"user_agent", "projection-spec"}};
    n.payload = json::Encode(e);
    return n;
  }

  static std::string Show(const std::vector<std::vector<std::string>>& rows) {
    std::string out = "[";
    for (const auto& r : rows) {
      out += "(";
      for (size_t i = 0; i < r.size(); ++i) out += (i ? ", " : "") + r[i];
      out += ")";
    }
    return out + "]";
  }

  std::unique_ptr<Projection> projection_;
  MemoryEventLog log_;
  TestDatabase db_;
  std::unique_ptr<Projector> projector_;
  Timestamp now_ = Timestamp{1'767'225'600'000'000};  // 2026-01-01T00:00:00Z
  Actor actor_{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "admin"};
  int count_ = 0;
};

}  // namespace edu::testing
