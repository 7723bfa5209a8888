#include "projections/projector_bench.h"

#include <chrono>
#include <tuple>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "domain/core/stream.h"
#include "eventstore/json_binding.h"
#include "eventstore/memory_event_log.h"
#include "projections/sql_writer.h"

namespace edu {
namespace {

constexpr const char* kSchema = "bench_projection";
constexpr const char* kCopySchema = "bench_projection_copy";

constexpr const char* kSessionsDdl =
    "CREATE TABLE {schema}.sessions (id uuid PRIMARY KEY, mentor_id uuid NOT NULL, "
    "student_id uuid NOT NULL, starts_at timestamptz NOT NULL, duration_minutes integer NOT NULL, "
    "status text NOT NULL, price numeric(12,2) NOT NULL, currency text NOT NULL, "
    "language text NOT NULL, topics text[] NOT NULL, notes jsonb, booked_at timestamptz NOT NULL)";

struct Booked {
  Uuid mentor_id;
  Uuid student_id;
  Timestamp starts_at;
  int64_t duration_minutes = 0;
  int64_t price_minor = 0;
  std::string currency;
  std::string language;
  std::vector<std::string> topics;
  std::string notes;
  Timestamp booked_at;
  EDU_FIELDS(mentor_id, student_id, starts_at, duration_minutes, price_minor, currency, language,
             topics, notes, booked_at)
};
struct Completed {
  Uuid mentor_id;
  int64_t price_minor = 0;
  EDU_FIELDS(mentor_id, price_minor)
};

Booked MakeBooked(size_t i) {
  Booked b;
  b.mentor_id = DeriveUuid(EduledgerNamespace(), fmt::format("bench-mentor-{}", i % 97));
  b.student_id = DeriveUuid(EduledgerNamespace(), fmt::format("bench-student-{}", i % 1009));
  b.starts_at = Timestamp{1'800'000'000'000'000 + static_cast<int64_t>(i) * 3'600'000'000};
  b.duration_minutes = 30 * static_cast<int64_t>(1 + i % 3);
  b.price_minor = 50'000 + static_cast<int64_t>(i % 1000) * 25;
  b.currency = "INR";
  b.language = i % 2 ? "hi" : "en";
  b.topics = {"algebra", i % 2 ? "calculus, limits" : "geometry"};
  b.notes = fmt::format("{{\"goal\": \"exam {}\", \"level\": \"grade {}\"}}", i % 7, 9 + i % 4);
  b.booked_at = Timestamp{1'790'000'000'000'000 + static_cast<int64_t>(i) * 1'000'000};
  return b;
}

Uuid SessionId(size_t i) {
  return DeriveUuid(EduledgerNamespace(), fmt::format("bench-session-{}", i));
}

// Sessions and per-mentor figures from booking lifecycle events.
class BenchProjection : public Projection {
 public:
  std::string name() const override { return kSchema; }
  int version() const override { return 1; }
  std::string schema() const override { return kSchema; }
  std::vector<std::string> Ddl() const override {
    return {kSessionsDdl,
            "CREATE TABLE {schema}.mentor_stats (mentor_id uuid PRIMARY KEY, "
            "booked bigint NOT NULL DEFAULT 0, completed bigint NOT NULL DEFAULT 0, "
            "earned numeric(16,2) NOT NULL DEFAULT 0)"};
  }
  bool Handles(const RecordedEvent& e) const override {
    return e.type == "BenchSessionBooked" || e.type == "BenchSessionConfirmed" ||
           e.type == "BenchSessionCompleted";
  }
  Status Apply(const RecordedEvent& e, RowOps* ops) const override {
    auto stream = ParseStreamId(e.stream_id);
    if (!stream) return Status::InvalidArgument("bad stream id " + e.stream_id);
    if (e.type == "BenchSessionBooked") {
      Booked b;
      EDU_RETURN_IF_ERROR(json::Decode(e.payload, &b, json::DecodeOptions{false}));
      ops->Insert("sessions", {{"id", stream->id},
                               {"mentor_id", b.mentor_id},
                               {"student_id", b.student_id},
                               {"starts_at", b.starts_at},
                               {"duration_minutes", b.duration_minutes},
                               {"status", std::string("booked")},
                               {"price", Decimal{b.price_minor, 2}},
                               {"currency", b.currency},
                               {"language", b.language},
                               {"topics", b.topics},
                               {"notes", Json{b.notes}},
                               {"booked_at", b.booked_at}});
      if (mixed)
        ops->Increment("mentor_stats", {{"mentor_id", b.mentor_id}}, {{"booked", int64_t{1}}});
    } else if (e.type == "BenchSessionConfirmed") {
      ops->Update("sessions", {{"id", stream->id}}, {{"status", std::string("confirmed")}});
    } else {
      Completed c;
      EDU_RETURN_IF_ERROR(json::Decode(e.payload, &c, json::DecodeOptions{false}));
      ops->Update("sessions", {{"id", stream->id}}, {{"status", std::string("completed")}});
      ops->Increment("mentor_stats", {{"mentor_id", c.mentor_id}},
                     {{"completed", int64_t{1}}, {"earned", Decimal{c.price_minor, 2}}});
    }
    return Status::OK();
  }
  bool mixed = false;
};

NewEvent MakeEvent(const std::string& type, std::string payload, size_t serial) {
  NewEvent e;
  e.event_id = DeriveUuid(EduledgerNamespace(), fmt::format("bench-event-{}", serial));
  e.type = type;
  e.marketplace = "mentorship";
  e.occurred_at = Timestamp{1'790'000'000'000'000 + static_cast<int64_t>(serial)};
  e.causation_id = e.event_id;
  e.correlation_id = e.event_id;
  e.actor = Actor{"system:bench", "system"};
  e.payload = std::move(payload);
  return e;
}

Status Fill(EventLog* log, size_t sessions, bool mixed, size_t* events) {
  *events = 0;
  for (size_t i = 0; i < sessions; ++i) {
    Booked b = MakeBooked(i);
    AppendRequest r;
    r.stream_id = StreamId("mentorship.session", SessionId(i));
    r.expected = ExpectedVersion::Any();
    r.events.push_back(MakeEvent("BenchSessionBooked", json::Encode(b), ++*events));
    if (mixed) {
      r.events.push_back(MakeEvent("BenchSessionConfirmed", "{}", ++*events));
      r.events.push_back(MakeEvent("BenchSessionCompleted",
                                   json::Encode(Completed{b.mentor_id, b.price_minor}), ++*events));
    }
    AppendResult result;
    EDU_RETURN_IF_ERROR(log->Append(r, &result));
  }
  return Status::OK();
}

void Cleanup(pqxx::connection& c) {
  pqxx::work tx(c);
  tx.exec(fmt::format("DROP SCHEMA IF EXISTS {} CASCADE; DROP SCHEMA IF EXISTS {} CASCADE", kSchema,
                      kCopySchema));
  if (!tx.exec("SELECT 1 FROM pg_tables WHERE schemaname = 'eduledger' AND "
               "tablename = 'projection_status'")
           .empty()) {
    tx.exec_params("DELETE FROM eduledger.projection_status WHERE projection = $1", kSchema);
    tx.exec_params("DELETE FROM eduledger.projection_checkpoints WHERE projection = $1", kSchema);
  }
  tx.commit();
}

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// One projector run over a fresh schema; returns the seconds CatchUp took.
Status TimeProjector(const std::string& uri, const ProjectorBenchOptions& options, bool mixed,
                     size_t* events, double* seconds, ProjectorStats* stats) {
  MemoryEventLog log(options.partitions);
  EDU_RETURN_IF_ERROR(Fill(&log, options.sessions, mixed, events));
  BenchProjection projection;
  projection.mixed = mixed;
  ProjectorOptions projector_options;
  projector_options.batch_size = options.batch_size;
  projector_options.copy_min_rows = options.copy_min_rows;
  Projector projector(&log, uri, &projection, projector_options);
  EDU_RETURN_IF_ERROR(projector.Initialize());
  auto start = std::chrono::steady_clock::now();
  EDU_RETURN_IF_ERROR(projector.CatchUp(nullptr));
  *seconds = Seconds(std::chrono::steady_clock::now() - start);
  *stats = projector.stats();
  return Status::OK();
}

// COPY of the same rows, converted from the same typed values, in one transaction.
double TimeCopy(pqxx::connection& c, size_t sessions) {
  {
    pqxx::work tx(c);
    std::string ddl = kSessionsDdl;
    ddl.replace(ddl.find("{schema}"), 8, kCopySchema);
    tx.exec(fmt::format("CREATE SCHEMA {};\n", kCopySchema) + ddl);
    tx.commit();
  }
  std::vector<Booked> rows;
  rows.reserve(sessions);
  for (size_t i = 0; i < sessions; ++i) rows.push_back(MakeBooked(i));
  auto start = std::chrono::steady_clock::now();
  pqxx::work tx(c);
  pqxx::stream_to copy(tx, std::string(kCopySchema) + ".sessions",
                       std::vector<std::string>{"id", "mentor_id", "student_id", "starts_at",
                                                "duration_minutes", "status", "price", "currency",
                                                "language", "topics", "notes", "booked_at"});
  for (size_t i = 0; i < sessions; ++i) {
    const Booked& b = rows[i];
    copy << std::make_tuple(ToString(SessionId(i)), ToString(b.mentor_id), ToString(b.student_id),
                            TimestampText(b.starts_at), b.duration_minutes, std::string("booked"),
                            DecimalText({b.price_minor, 2}), b.currency, b.language,
                            ArrayLiteralText(b.topics), b.notes, TimestampText(b.booked_at));
  }
  copy.complete();
  tx.commit();
  return Seconds(std::chrono::steady_clock::now() - start);
}

std::string Rate(double per_second) {
  return per_second >= 1000 ? fmt::format("{:.1f}k", per_second / 1000)
                            : fmt::format("{:.0f}", per_second);
}

}  // namespace

Status RunProjectorBench(const std::string& pg_uri, const ProjectorBenchOptions& options,
                         ProjectorBenchResult* result) {
  *result = ProjectorBenchResult{};
  result->rows = options.sessions;
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(pg_uri);
    Cleanup(*conn);
  } catch (const std::exception& e) {
    return Status::Unavailable(std::string("projector bench: connecting: ") + e.what());
  }
  Status s;
  try {
    size_t events = 0;
    s = TimeProjector(pg_uri, options, false, &events, &result->projector_seconds,
                      &result->insert_stats);
    if (s.ok()) {
      result->copy_seconds = TimeCopy(*conn, options.sessions);
      Cleanup(*conn);
      s = TimeProjector(pg_uri, options, true, &result->mixed_events, &result->mixed_seconds,
                        &result->mixed_stats);
    }
  } catch (const std::exception& e) {
    s = Status::Internal(std::string("projector bench: ") + e.what());
  }
  try {
    Cleanup(*conn);
  } catch (const std::exception&) {
    // Leftovers are dropped by the next run's Cleanup.
  }
  EDU_RETURN_IF_ERROR(s);
  auto rate = [](size_t n, double seconds) { return seconds > 0 ? n / seconds : 0.0; };
  result->projector_events_per_second = rate(options.sessions, result->projector_seconds);
  result->copy_rows_per_second = rate(options.sessions, result->copy_seconds);
  result->mixed_events_per_second = rate(result->mixed_events, result->mixed_seconds);
  result->ratio = result->copy_rows_per_second > 0
                      ? result->projector_events_per_second / result->copy_rows_per_second
                      : 0;
  return Status::OK();
}

std::string FormatProjectorBench(const ProjectorBenchResult& r) {
  return fmt::format(
      "projector insert-only: {} events in {:.2f} s = {} events/s ({} batches, {} round trips "
      "and at most {} statements per batch)\n"
      "COPY baseline:         {} rows in {:.2f} s = {} rows/s (pqxx::stream_to, 12 columns)\n"
      "projector / COPY:      {:.2f}\n"
      "projector mixed:       {} events in {:.2f} s = {} events/s (insert + increment, update, "
      "update + increment; at most {} statements per batch)\n",
      r.rows, r.projector_seconds, Rate(r.projector_events_per_second), r.insert_stats.batches,
      r.insert_stats.max_batch_round_trips, r.insert_stats.max_batch_statements, r.rows,
      r.copy_seconds, Rate(r.copy_rows_per_second), r.ratio, r.mixed_events, r.mixed_seconds,
      Rate(r.mixed_events_per_second), r.mixed_stats.max_batch_statements);
}

}  // namespace edu
