// eduledger bench: throughput and latency of the embedded command path, with ceilings measured on
// the same PostgreSQL in the same run, reported as ratios (absolute figures swing with the machine;
// ratios against a same-run baseline do not).
//
//   command path   N concurrent HTTP clients book, pay and complete sessions (commands/s, p50, p99)
//   ceiling        the very same events inserted raw, 100 per multi-row INSERT, same concurrency
//   projector      the mentorship projection catching up from offset zero on those events, and the
//                  runtime's own benchmark against COPY of the same rows
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "adapters/bench/kafka_bench.h"
#include "adapters/cli/subcommands.h"
#include "adapters/config/args.h"
#include "adapters/config/pg_uri.h"
#include "adapters/demo/driver.h"
#include "adapters/wiring/personal_data_layer.h"
#include "adapters/wiring/system.h"
#include "domain/mentorship/commands.h"
#include "domain/mentorship/commands_calendar.h"
#include "domain/mentorship/session.h"
#include "eventstore/head_seal.h"
#include "projections/mentorship/mentorship_projection.h"
#include "projections/projector_bench.h"

namespace edu {
namespace {

using Steady = std::chrono::steady_clock;

const std::vector<OptionSpec> kOptions = {
    {"db", true, "PostgreSQL server URI; the bench (re)creates database eduledger_bench on it", ""},
    {"log", true,
     "event log backend: postgres (the embedded default) or kafka (see --log=kafka --help)",
     "postgres"},
    {"clients", true, "concurrent HTTP clients", "32"},
    {"sessions", true, "sessions booked, paid and completed (3 commands each)", "3000"},
    {"partitions", true, "event log partitions", "8"},
    {"writers", true, "event log writer threads (group commit)", "2"},
    {"projector-rows", true, "rows for the projector-vs-COPY measurement", "20000"},
    {"help", false, "this help", ""},
};

struct Phase {
  std::string name;
  size_t commands = 0;
  double seconds = 0;
  std::vector<double> latencies_ms;
  size_t failures = 0;
  std::string first_failure;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// Runs `bodies` (one command each, as `actor_of(i)`) over `clients` HTTP connections.
template <class BodyFn, class ActorFn>
Phase RunPhase(const std::string& name, const std::string& type, size_t count, int clients,
               int port, const std::string& secret, ManualClock* clock, BodyFn body_of,
               ActorFn actor_of) {
  Phase phase;
  phase.name = name;
  phase.commands = count;
  std::vector<std::vector<double>> latencies(static_cast<size_t>(clients));
  std::atomic<size_t> next{0};
  std::atomic<size_t> failures{0};
  std::mutex failure_mu;
  auto start = Steady::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      HttpClient http("127.0.0.1", port);
      // Distinct seeds per phase and client: every Idempotency-Key of the run is new.
      DemoDriver driver(&http, secret, clock,
                        std::hash<std::string>{}(name) + static_cast<uint64_t>(c));
      for (size_t i = next++; i < count; i = next++) {
        auto t0 = Steady::now();
        DemoOutcome o = driver.Send(type, body_of(i), actor_of(i));
        latencies[static_cast<size_t>(c)].push_back(
            std::chrono::duration<double, std::milli>(Steady::now() - t0).count());
        if (!o.ok()) {
          ++failures;
          std::lock_guard<std::mutex> lock(failure_mu);
          if (phase.first_failure.empty()) phase.first_failure = o.code + ": " + o.message;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  phase.seconds = std::chrono::duration<double>(Steady::now() - start).count();
  for (auto& l : latencies) phase.latencies_ms.insert(phase.latencies_ms.end(), l.begin(), l.end());
  phase.failures = failures;
  return phase;
}

void PrintPhase(const Phase& p) {
  std::printf(
      "  %-10s %7zu commands in %6.2f s = %8.0f commands/s   p50 %6.2f ms   p99 %7.2f ms%s\n",
      p.name.c_str(), p.commands, p.seconds, p.commands / p.seconds,
      Percentile(p.latencies_ms, 0.5), Percentile(p.latencies_ms, 0.99),
      p.failures ? fmt::format("   FAILED {}", p.failures).c_str() : "");
}

// Inserts `events` into a scratch copy of eventstore.events, 100 rows per multi-row INSERT (one
// transaction each), from `connections` connections at once: what the log's storage can absorb
// when nothing decides, validates, hashes or waits for anyone.
Status RawInsertCeiling(const std::string& uri, const std::vector<RecordedEvent>& events,
                        int connections, double* seconds) {
  try {
    pqxx::connection setup(uri);
    pqxx::nontransaction tx(setup);
    tx.exec(
        "DROP SCHEMA IF EXISTS bench_raw CASCADE; CREATE SCHEMA bench_raw; "
        "CREATE TABLE bench_raw.events (LIKE eventstore.events INCLUDING ALL)");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("preparing the raw-insert ceiling: ") + e.what());
  }
  std::atomic<size_t> next_chunk{0};
  std::atomic<bool> failed{false};
  std::string failure;
  std::mutex mu;
  const size_t kRows = 100;
  size_t chunks = (events.size() + kRows - 1) / kRows;
  auto start = Steady::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&] {
      try {
        pqxx::connection conn(uri);
        for (size_t k = next_chunk++; k < chunks && !failed; k = next_chunk++) {
          std::string sql =
              "INSERT INTO bench_raw.events (partition, \"offset\", event_id, stream_id, "
              "stream_version, type, "
              "schema_version, marketplace, occurred_at, recorded_at, causation_id, "
              "correlation_id, actor_id, "
              "actor_role, metadata, payload, prev_hash, hash) VALUES ";
          for (size_t i = k * kRows; i < std::min(events.size(), (k + 1) * kRows); ++i) {
            const RecordedEvent& e = events[i];
            if (i != k * kRows) sql += ",";
            sql += fmt::format(
                "({},{},'{}',{},{},{},{},{},'{}','{}','{}','{}',{},{},'{{}}',{},{},{})",
                e.partition, e.offset, ToString(e.event_id), conn.quote(e.stream_id),
                e.stream_version, conn.quote(e.type), e.schema_version, conn.quote(e.marketplace),
                FormatIso8601(e.occurred_at), FormatIso8601(e.recorded_at),
                ToString(e.causation_id), ToString(e.correlation_id), conn.quote(e.actor.id),
                conn.quote(e.actor.role), conn.quote(e.payload), conn.quote(e.prev_hash),
                conn.quote(e.hash));
          }
          pqxx::work w(conn);
          w.exec(sql);
          w.commit();
        }
      } catch (const std::exception& e) {
        failed = true;
        std::lock_guard<std::mutex> lock(mu);
        failure = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  *seconds = std::chrono::duration<double>(Steady::now() - start).count();
  if (failed) return Status::Internal("raw-insert ceiling: " + failure);
  return Status::OK();
}

}  // namespace

int RunBench(int argc, char** argv) {
  // The Kafka path has options of its own (the Kafka client's configuration).
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--log=kafka" ||
        (a == "--log" && i + 1 < argc && std::string(argv[i + 1]) == "kafka")) {
      return RunKafkaBench(argc, argv);
    }
  }
  Args args;
  std::string error;
  if (!args.Parse(argc, argv, 2, kOptions, &error)) {
    std::fprintf(stderr, "eduledger bench: %s\n\noptions:\n%s", error.c_str(),
                 Args::Usage(kOptions).c_str());
    return 2;
  }
  if (args.Has("help")) {
    std::printf("usage: eduledger bench --db <postgresql://...> [options]\n\n%s",
                Args::Usage(kOptions).c_str());
    return 0;
  }
  if (args.Get("log") != "postgres") {
    std::fprintf(stderr, "eduledger bench: --log must be postgres or kafka, got '%s'\n",
                 args.Get("log").c_str());
    return 2;
  }
  std::string server = args.Get("db");
  if (server.empty() && std::getenv("EDULEDGER_DB")) server = std::getenv("EDULEDGER_DB");
  if (server.empty()) {
    std::fprintf(stderr,
                 "eduledger bench: --db <postgresql://...> is required (./run bench passes it)\n");
    return 2;
  }
  auto number = [&](const char* name) {
    auto v = args.GetInt(name, &error);
    return v ? *v : -1;
  };
  int clients = static_cast<int>(number("clients"));
  size_t sessions = static_cast<size_t>(std::max<long long>(0, number("sessions")));
  int partitions = static_cast<int>(number("partitions"));
  int writers = static_cast<int>(number("writers"));
  long long projector_rows = number("projector-rows");
  if (!error.empty() || clients < 1 || clients > 200 || sessions < 1 || partitions < 1 ||
      writers < 1 || projector_rows < 1) {
    std::fprintf(
        stderr, "eduledger bench: %s\n",
        error.empty()
            ? "--clients 1..200, --sessions, --partitions, --writers, --projector-rows >= 1"
            : error.c_str());
    return 2;
  }

  std::string uri;
  Status s = RecreateDatabase(server, "eduledger_bench", &uri);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger bench: %s\n", s.ToString().c_str());
    return 1;
  }
  ManualClock clock(*ParseIso8601("2026-11-02T03:30:00Z"));
  SystemOptions options;
  options.db_uri = uri;
  options.log.partitions = partitions;
  options.log.writer_threads = writers;
  // Heads are signed as in production (a fixed key: the bench database is thrown away).
  SealKey::FromBytes("bench-audit-key-bench-audit-key-0123456789", &options.log.seal_key);
  options.jwt_secret = "bench-secret-bench-secret-bench-secret-0123";
  options.clock = &clock;
  options.run_projectors = false;  // measured on their own below
  options.http.max_connections = clients + 8;
  std::unique_ptr<System> system;
  s = System::Start(options, &system);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger bench: %s\n", s.ToString().c_str());
    return 1;
  }
  std::printf(
      "eduledger bench: %d HTTP clients, %zu sessions, %d partitions, %d log writers, %u cores\n",
      clients, sessions, partitions, writers, std::thread::hardware_concurrency());

  // Setup, not measured: students and approved mentors, straight through the pipeline.
  using namespace mentorship;
  const size_t kStudents = 200, kMentors = 40;
  std::vector<Uuid> students, mentors, mentor_users;
  std::vector<int64_t> rates;
  auto direct = [&](const std::string& type, const std::string& body, const Actor& actor) {
    CommandRequest r;
    r.command_id =
        DeriveUuid(EduledgerNamespace(),
                   "bench-setup-" + std::to_string(students.size() + mentors.size()) + type + body);
    r.type = type;
    r.body = body;
    r.actor = actor;
    r.now = clock.Now();
    CommandResult result = system->commands().Handle(r);
    if (!result.ok())
      throw std::runtime_error("bench setup: " + type + ": " + result.error->message);
  };
  Actor admin{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "admin"};
  try {
    for (size_t i = 0; i < kStudents; ++i) {
      RegisterUser u;
      u.user_id = DeriveUuid(EduledgerNamespace(), "bench-student-" + std::to_string(i));
      u.email = fmt::format("student{}@bench.example", i);
      u.name = "Bench Student";
      u.academic_level = AcademicLevel::college;
      u.primary_language = "English";
      direct("RegisterUser", CommandBody("mentorship", u), Actor{ToString(u.user_id), "student"});
      students.push_back(u.user_id);
    }
    for (size_t j = 0; j < kMentors; ++j) {
      ApplyAsMentor a;
      a.user_id = DeriveUuid(EduledgerNamespace(), "bench-mentor-user-" + std::to_string(j));
      a.mentor_id = DeriveUuid(EduledgerNamespace(), "bench-mentor-" + std::to_string(j));
      RegisterUser u;
      u.user_id = a.user_id;
      u.role = UserRole::mentor;
      u.email = fmt::format("mentor{}@bench.example", j);
      u.name = "Bench Mentor";
      direct("RegisterUser", CommandBody("mentorship", u), Actor{ToString(u.user_id), "mentor"});
      a.title = "Engineer";
      a.student_levels_served = {AcademicLevel::college};
      a.hourly_rate = Money{static_cast<int64_t>(100000 + j * 2550), "INR"};
      a.primary_language = "English";
      direct("ApplyAsMentor", CommandBody("mentorship", a), Actor{ToString(a.user_id), "mentor"});
      for (auto to :
           {VerificationStatus::documents_under_review,
            VerificationStatus::background_check_in_progress,
            VerificationStatus::interview_scheduled, VerificationStatus::trial_session_required}) {
        AdvanceMentorVerification step;
        step.mentor_id = a.mentor_id;
        step.to = to;
        direct("AdvanceMentorVerification", CommandBody("mentorship", step), admin);
      }
      direct("ApproveMentor", CommandBody("mentorship", ApproveMentor{a.mentor_id, {}}), admin);
      // A booking must fall inside the mentor's weekly availability (docs/mentorship.md).
      SetMentorAvailability availability{a.mentor_id, "Asia/Kolkata", {}, std::nullopt};
      for (int day = 0; day < 7; ++day)
        availability.slots.push_back(WeeklySlot{day, "00:00", "24:00"});
      direct("SetMentorAvailability", CommandBody("mentorship", availability),
             Actor{ToString(a.user_id), "mentor"});
      mentors.push_back(a.mentor_id);
      mentor_users.push_back(a.user_id);
      rates.push_back(a.hourly_rate.minor);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  std::vector<int64_t> setup_ends;
  (void)system->log().EndOffsets(&setup_ends);

  auto session_id = [](size_t i) {
    return DeriveUuid(EduledgerNamespace(), "bench-session-" + std::to_string(i));
  };
  auto payment_id = [](size_t i) {
    return DeriveUuid(EduledgerNamespace(), "bench-payment-" + std::to_string(i));
  };
  const Timestamp when = clock.Now() + Days(2);
  int port = system->http().port();
  std::vector<Phase> phases;
  std::printf("\ncommand path (HTTP -> pipeline -> PostgreSQL log, group commit)\n");
  phases.push_back(RunPhase(
      "book", "BookSession", sessions, clients, port, options.jwt_secret, &clock,
      [&](size_t i) {
        BookSession b;
        b.session_id = session_id(i);
        b.student_id = students[i % kStudents];
        b.mentor_id = mentors[i % kMentors];
        b.scheduled_at = when + Hours(static_cast<int64_t>(i / kMentors));  // no overlaps
        b.duration_minutes = 60;
        b.session_type = SessionType::career_counseling;
        b.session_language = "English";
        return CommandBody("mentorship", b);
      },
      [&](size_t i) {
        return Actor{ToString(students[i % kStudents]), "student"};
      }));
  PrintPhase(phases.back());
  phases.push_back(RunPhase(
      "pay", "CapturePayment", sessions, clients, port, options.jwt_secret, &clock,
      [&](size_t i) {
        CapturePayment p;
        p.session_id = session_id(i);
        p.payment_id = payment_id(i);
        p.amount = Money{SessionPrice(rates[i % kMentors], 60), "INR"};
        p.gateway_payment_id = "pay_" + std::to_string(i);
        return CommandBody("mentorship", p);
      },
      [](size_t) {
        return Actor{"system:razorpay", "gateway"};
      }));
  PrintPhase(phases.back());
  clock.Advance(Days(2) + Hours(static_cast<int64_t>(sessions / kMentors) + 2));
  phases.push_back(RunPhase(
      "complete", "CompleteSession", sessions, clients, port, options.jwt_secret, &clock,
      [&](size_t i) {
        return CommandBody("mentorship", CompleteSession{session_id(i), {}, {}});
      },
      [&](size_t i) {
        return Actor{ToString(mentor_users[i % kMentors]), "mentor"};
      }));
  PrintPhase(phases.back());

  Phase total;
  total.name = "all";
  for (const auto& p : phases) {
    total.commands += p.commands;
    total.seconds += p.seconds;
    total.failures += p.failures;
    total.latencies_ms.insert(total.latencies_ms.end(), p.latencies_ms.begin(),
                              p.latencies_ms.end());
    if (total.first_failure.empty()) total.first_failure = p.first_failure;
  }
  PrintPhase(total);
  if (total.failures) std::printf("  first failure: %s\n", total.first_failure.c_str());

  // The events the measured phases appended, read back for the ceiling and the projector.
  std::vector<RecordedEvent> measured;
  std::vector<int64_t> ends;
  (void)system->log().EndOffsets(&ends);
  for (int p = 0; p < partitions; ++p) {
    std::vector<RecordedEvent> page;
    int64_t from = setup_ends[static_cast<size_t>(p)];
    while (from < ends[static_cast<size_t>(p)]) {
      if (!system->log().ReadPartition(p, from, 5000, &page).ok() || page.empty()) break;
      from = page.back().offset + 1;
      measured.insert(measured.end(), page.begin(), page.end());
    }
  }
  double events_per_second = measured.size() / total.seconds;
  double raw_seconds = 0;
  s = RawInsertCeiling(uri, measured, clients, &raw_seconds);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger bench: %s\n", s.ToString().c_str());
    return 1;
  }
  double raw_per_second = measured.size() / raw_seconds;
  const PgEventLog::Stats log_stats = system->pg_log()->stats();
  std::printf(
      "\n  events appended by the command path: %zu in %.2f s = %.0f events/s "
      "(%lld group-commit transactions, %.1f appends each on average)\n",
      measured.size(), total.seconds, events_per_second,
      static_cast<long long>(log_stats.transactions_committed),
      log_stats.transactions_committed ? static_cast<double>(log_stats.requests_committed) /
                                             static_cast<double>(log_stats.transactions_committed)
                                       : 0.0);
  std::printf(
      "  ceiling: the same events raw, 100 per INSERT, %d connections: %.2f s = %.0f events/s\n",
      clients, raw_seconds, raw_per_second);
  std::printf("  command path / raw-insert ceiling: %.2f\n", events_per_second / raw_per_second);
  system->Stop();

  std::printf("\nprojector\n");
  {
    // Rebuild the mentorship read tables from offset zero of the real log.
    std::unique_ptr<PgEventLog> log;
    PgEventLog::Options log_options;
    log_options.partitions = partitions;
    s = PgEventLog::Open(uri, log_options, &log);
    if (!s.ok()) {
      std::fprintf(stderr, "eduledger bench: %s\n", s.ToString().c_str());
      return 1;
    }
    // Personal fields are sealed on the log: projectors read it through the personal-data layer.
    Registry registry;
    RegisterAllMarketplaces(&registry);
    std::unique_ptr<PersonalDataLayer> personal;
    s = PersonalDataLayer::Open(
        uri, registry, [](const Uuid&) {}, &personal);
    if (!s.ok()) {
      std::fprintf(stderr, "eduledger bench: %s\n", s.ToString().c_str());
      return 1;
    }
    auto projection = MakeMentorshipProjection();
    Projector projector(personal->Wrap(log.get()), uri, projection.get());
    s = projector.Initialize();
    auto t0 = Steady::now();
    size_t applied = 0;
    if (s.ok()) s = projector.CatchUp(&applied);
    double seconds = std::chrono::duration<double>(Steady::now() - t0).count();
    if (!s.ok()) {
      std::fprintf(stderr, "eduledger bench: projector: %s\n", s.ToString().c_str());
      return 1;
    }
    ProjectorStats st = projector.stats();
    std::printf(
        "  mentorship projection from offset 0: %llu events in %.2f s = %.0f events/s (%llu "
        "batches)\n",
        static_cast<unsigned long long>(st.events_read), seconds, st.events_read / seconds,
        static_cast<unsigned long long>(st.batches));
  }
  ProjectorBenchOptions bench_options;
  bench_options.sessions = static_cast<size_t>(projector_rows);
  bench_options.partitions = partitions;
  ProjectorBenchResult result;
  s = RunProjectorBench(uri, bench_options, &result);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger bench: projector bench: %s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("%s", FormatProjectorBench(result).c_str());
  return total.failures == 0 ? 0 : 1;
}

}  // namespace edu
