#include "adapters/bench/kafka_bench.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "adapters/config/args.h"
#include "adapters/config/config.h"
#include "adapters/config/pg_uri.h"
#include "adapters/demo/driver.h"
#include "adapters/kafka/kafka_backend.h"
#include "adapters/wiring/system.h"
#include "domain/mentorship/commands.h"
#include "domain/mentorship/commands_calendar.h"
#include "domain/mentorship/session.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/kafka_wire.h"
#include "projections/mentorship/mentorship_projection.h"
#include "projections/projector.h"

namespace edu {
namespace {

using Steady = std::chrono::steady_clock;

double Seconds(Steady::time_point since) {
  return std::chrono::duration<double>(Steady::now() - since).count();
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

struct Phase {
  std::string name;
  size_t commands = 0;
  size_t events = 0;
  double seconds = 0;
  std::vector<double> latencies_ms;
  size_t failures = 0;
  std::string first_failure;
};

void PrintPhase(const Phase& p) {
  std::printf(
      "  %-9s %6zu commands in %6.2f s = %7.0f commands/s  %7.0f events/s  p50 %6.1f ms  "
      "p99 %6.1f ms%s\n",
      p.name.c_str(), p.commands, p.seconds, p.commands / std::max(p.seconds, 1e-9),
      p.events / std::max(p.seconds, 1e-9), Percentile(p.latencies_ms, 0.50),
      Percentile(p.latencies_ms, 0.99),
      p.failures ? (" (" + std::to_string(p.failures) + " failed)").c_str() : "");
}

// `count` commands from `clients` threads, each built by `make(i)`.
Phase RunPhase(const std::string& name, size_t count, int clients, CommandService* service,
               const std::function<CommandRequest(size_t)>& make) {
  Phase phase;
  phase.name = name;
  phase.commands = count;
  std::mutex mu;
  std::atomic<size_t> next{0};
  auto start = Steady::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&] {
      std::vector<double> latencies;
      size_t events = 0, failures = 0;
      std::string first_failure;
      for (size_t i = next++; i < count; i = next++) {
        auto t0 = Steady::now();
        CommandResult r = service->Handle(make(i));
        latencies.push_back(Seconds(t0) * 1000);
        events += r.events.size();
        if (!r.ok() && failures++ == 0) first_failure = r.error->code + ": " + r.error->message;
      }
      std::lock_guard<std::mutex> lock(mu);
      phase.latencies_ms.insert(phase.latencies_ms.end(), latencies.begin(), latencies.end());
      phase.events += events;
      phase.failures += failures;
      if (phase.first_failure.empty()) phase.first_failure = first_failure;
    });
  }
  for (auto& t : threads) t.join();
  phase.seconds = Seconds(start);
  return phase;
}

struct Payload {
  std::string key;
  std::string value;
  KafkaHeaderList headers;
};

// Produces every partition's payloads from its own transactional producer (as the partition
// owners do), `per_transaction` messages per transaction. Returns events/s.
Status RawTransactionalProduce(const KafkaSettings& settings,
                               const std::vector<std::vector<Payload>>& payloads,
                               size_t per_transaction, double* events_per_second) {
  std::vector<KafkaHandle> producers(payloads.size());
  for (size_t p = 0; p < payloads.size(); ++p) {
    KafkaClientSpec spec;
    spec.defaults = {{"linger.ms", "2"}};
    spec.required = {{"transactional.id", settings.topic_prefix + ".raw-" + std::to_string(p)}};
    EDU_RETURN_IF_ERROR(CreateKafkaClient(settings, spec, &producers[p]));
    EDU_RETURN_IF_ERROR(WarmUpKafkaMetadata(producers[p].get(), {settings.EventsTopic()}, 10'000));
    EDU_RETURN_IF_ERROR(
        KafkaStatus(rd_kafka_init_transactions(producers[p].get(), 30'000), "init_transactions"));
  }
  std::vector<Status> results(payloads.size());
  size_t total = 0;
  for (const auto& part : payloads) total += part.size();
  auto start = Steady::now();
  std::vector<std::thread> threads;
  for (size_t p = 0; p < payloads.size(); ++p) {
    threads.emplace_back([&, p] {
      rd_kafka_t* rk = producers[p].get();
      const auto& part = payloads[p];
      for (size_t i = 0; i < part.size() && results[p].ok(); i += per_transaction) {
        Status st = KafkaStatus(rd_kafka_begin_transaction(rk), "begin_transaction");
        for (size_t j = i; j < std::min(part.size(), i + per_transaction) && st.ok(); ++j) {
          st = KafkaProduce(rk, settings.EventsTopic(), static_cast<int>(p), part[j].key,
                            part[j].value, part[j].headers, nullptr);
        }
        if (st.ok())
          st = KafkaStatus(rd_kafka_commit_transaction(rk, 30'000), "commit_transaction");
        results[p] = st;
      }
    });
  }
  for (auto& t : threads) t.join();
  double seconds = Seconds(start);
  for (const Status& st : results) EDU_RETURN_IF_ERROR(st);
  *events_per_second = static_cast<double>(total) / std::max(seconds, 1e-9);
  return Status::OK();
}

// A fresh set of topics under `prefix` on the bench's cluster.
Status CreateTopics(KafkaMockCluster* mock, const KafkaSettings& settings) {
  return mock ? mock->CreateTopics(settings) : EnsureKafkaTopics(settings);
}

int Fail(const Status& st) {
  std::fprintf(stderr, "eduledger bench --log=kafka: %s\n", st.ToString().c_str());
  return 1;
}

}  // namespace

int RunKafkaBench(int argc, char** argv) {
  std::vector<OptionSpec> specs = ConfigOptionSpecs();
  for (OptionSpec s : std::vector<OptionSpec>{
           {"log", true, "event log backend: kafka here", "kafka"},
           {"clients", true, "concurrent clients submitting commands", "32"},
           {"sessions", true, "sessions booked, paid and completed (3 commands each)", "2000"},
           {"processors", true, "command processors in this process", "1"},
           {"writers", true, "(embedded log only; ignored)", ""},
           {"projector-rows", true, "(embedded bench only; ignored)", ""},
           {"help", false, "this help", ""},
       }) {
    specs.push_back(s);
  }
  Args args;
  std::string error;
  if (!args.Parse(argc, argv, 2, specs, &error)) {
    std::fprintf(stderr, "eduledger bench --log=kafka: %s\n", error.c_str());
    return 2;
  }
  if (args.Has("help")) {
    std::printf(
        "usage: eduledger bench --log=kafka [--kafka-bootstrap-servers host:port] --db uri "
        "[options]\n\nThe Kafka command path next to raw transactional produce of the same "
        "events on the same cluster, and projector events/s.\n\n%s",
        Args::Usage(specs).c_str());
    return 0;
  }
  Config config;
  Status st = LoadConfig(args, ProcessEnvironment(), &config);
  if (!st.ok()) return Fail(st);
  auto number = [&](const char* name) {
    auto v = args.GetInt(name, &error);
    return v ? *v : -1;
  };
  int clients = static_cast<int>(number("clients"));
  size_t sessions = static_cast<size_t>(std::max<long long>(0, number("sessions")));
  int processors = static_cast<int>(number("processors"));
  if (!error.empty() || clients < 1 || sessions < 1 || processors < 1) {
    std::fprintf(
        stderr, "eduledger bench --log=kafka: %s\n",
        error.empty() ? "--clients, --sessions and --processors must be >= 1" : error.c_str());
    return 2;
  }

  if (config.db.empty()) {
    std::fprintf(
        stderr,
        "eduledger bench --log=kafka: --db <postgresql://...> is required (the person keys "
        "and the projector's tables; ./run bench passes it)\n");
    return 2;
  }
  std::string uri;
  st = RecreateDatabase(config.db, "eduledger_kafka_bench", &uri);
  if (!st.ok()) return Fail(st);
  // The system serve runs (System), on Kafka: processors, personal data sealing and all; the
  // projectors, reactors and scheduler stay off (the projector is measured on its own below).
  SystemOptions system_options;
  system_options.db_uri = uri;
  system_options.log_backend = "kafka";
  system_options.kafka = KafkaSettingsFromConfig(config);
  // Fresh topics per run: the figures never include an earlier run's data.
  system_options.kafka.topic_prefix +=
      "-bench-" + std::to_string(::getpid()) + "-" +
      std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1000000);
  system_options.log.partitions = config.partitions;
  system_options.kafka_processors = processors;
  system_options.jwt_secret = "bench-secret-bench-secret-bench-secret-0123";
  system_options.run_projectors = false;
  system_options.run_reactors = false;
  system_options.run_scheduler = false;
  std::unique_ptr<System> system;
  st = System::Start(system_options, &system);
  if (!st.ok()) return Fail(st);
  KafkaBackend* kafka = system->kafka();
  KafkaMockCluster* mock = system->kafka_mock();
  const KafkaSettings settings = kafka->settings();
  std::string where = "kafka at " + settings.bootstrap_servers;
  if (mock != nullptr) {
    where = "librdkafka 2.0.2 mock cluster in this process (in-memory; no TCP_NODELAY on its side)";
  }
  std::printf(
      "eduledger bench --log=kafka: %s, topics %s.*, %d partitions, %d processor(s), %d "
      "clients, %zu sessions, %u cores\n",
      where.c_str(), settings.topic_prefix.c_str(), settings.partitions, processors, clients,
      sessions, std::thread::hardware_concurrency());

  // Setup, not measured: students and approved mentors.
  using namespace mentorship;
  const size_t kStudents = 200, kMentors = 40;
  const Timestamp t0 = *ParseIso8601("2026-11-02T03:30:00Z");
  const Actor admin{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "admin"};
  auto request = [](const std::string& id, const std::string& type, std::string body, Actor actor,
                    Timestamp now) {
    CommandRequest r{};
    r.command_id = DeriveUuid(EduledgerNamespace(), "kafka-bench-" + id);
    r.type = type;
    r.body = std::move(body);
    r.actor = std::move(actor);
    r.now = now;
    return r;
  };
  auto student = [](size_t i) {
    return DeriveUuid(EduledgerNamespace(), "kb-student-" + std::to_string(i));
  };
  auto mentor_user = [](size_t j) {
    return DeriveUuid(EduledgerNamespace(), "kb-mentor-user-" + std::to_string(j));
  };
  auto mentor = [](size_t j) {
    return DeriveUuid(EduledgerNamespace(), "kb-mentor-" + std::to_string(j));
  };
  auto rate = [](size_t j) { return static_cast<int64_t>(100000 + j * 2550); };
  CommandService* service = &system->commands();
  Phase setup = RunPhase("setup", kStudents + kMentors, clients, service, [&](size_t i) {
    RegisterUser u;
    if (i < kStudents) {
      u.user_id = student(i);
      u.academic_level = AcademicLevel::college;
      u.primary_language = "English";
      u.email = "student" + std::to_string(i) + "@bench.example";
    } else {
      u.user_id = mentor_user(i - kStudents);
      u.role = UserRole::mentor;
      u.email = "mentor" + std::to_string(i - kStudents) + "@bench.example";
    }
    u.name = "Bench User";
    return request("register-" + std::to_string(i), "RegisterUser", CommandBody("mentorship", u),
                   Actor{ToString(u.user_id), i < kStudents ? "student" : "mentor"}, t0);
  });
  Phase applied = RunPhase("setup", kMentors, clients, service, [&](size_t j) {
    ApplyAsMentor a;
    a.user_id = mentor_user(j);
    a.mentor_id = mentor(j);
    a.title = "Engineer";
    a.student_levels_served = {AcademicLevel::college};
    a.hourly_rate = Money{rate(j), "INR"};
    a.primary_language = "English";
    return request("apply-" + std::to_string(j), "ApplyAsMentor", CommandBody("mentorship", a),
                   Actor{ToString(a.user_id), "mentor"}, t0);
  });
  // The seed's verification path, which the default policy requires before the approval.
  std::vector<Phase> reviewed;
  for (auto to :
       {VerificationStatus::documents_under_review,
        VerificationStatus::background_check_in_progress, VerificationStatus::interview_scheduled,
        VerificationStatus::trial_session_required}) {
    reviewed.push_back(RunPhase("setup", kMentors, clients, service, [&, to](size_t j) {
      AdvanceMentorVerification step;
      step.mentor_id = mentor(j);
      step.to = to;
      return request("review-" + std::string(EnumName(to)) + "-" + std::to_string(j),
                     "AdvanceMentorVerification", CommandBody("mentorship", step), admin, t0);
    }));
  }
  for (const Phase& p : reviewed) {
    if (p.failures) return Fail(Status::Internal("setup failed: " + p.first_failure));
  }
  Phase approved = RunPhase("setup", kMentors, clients, service, [&](size_t j) {
    ApproveMentor a;
    a.mentor_id = mentor(j);
    return request("approve-" + std::to_string(j), "ApproveMentor", CommandBody("mentorship", a),
                   admin, t0);
  });
  // A booking must fall inside the mentor's weekly availability (docs/mentorship.md, Calendars).
  Phase available = RunPhase("setup", kMentors, clients, service, [&](size_t j) {
    SetMentorAvailability a{mentor(j), "Asia/Kolkata", {}, std::nullopt};
    for (int day = 0; day < 7; ++day) a.slots.push_back(WeeklySlot{day, "00:00", "24:00"});
    return request("availability-" + std::to_string(j), "SetMentorAvailability",
                   CommandBody("mentorship", a), Actor{ToString(mentor_user(j)), "mentor"}, t0);
  });
  for (const Phase* p : {&setup, &applied, &approved, &available}) {
    if (p->failures) return Fail(Status::Internal("setup failed: " + p->first_failure));
  }
  std::vector<int64_t> setup_ends;
  st = kafka->log().EndOffsets(&setup_ends);
  if (!st.ok()) return Fail(st);

  // Measured: book, pay, complete.
  auto session = [](size_t i) {
    return DeriveUuid(EduledgerNamespace(), "kb-session-" + std::to_string(i));
  };
  const Timestamp when = t0 + Days(2);
  std::printf(
      "\ncommand path (KafkaCommandClient -> commands topic -> partition owner -> one "
      "transaction -> command-results)\n");
  std::vector<Phase> phases;
  phases.push_back(RunPhase("book", sessions, clients, service, [&](size_t i) {
    BookSession b;
    b.session_id = session(i);
    b.student_id = student(i % kStudents);
    b.mentor_id = mentor(i % kMentors);
    // One session an hour per mentor: a mentor's sessions never overlap.
    b.scheduled_at = when + Hours(static_cast<int64_t>(i / kMentors));
    b.duration_minutes = 60;
    b.session_type = SessionType::career_counseling;
    b.session_language = "English";
    return request("book-" + std::to_string(i), "BookSession", CommandBody("mentorship", b),
                   Actor{ToString(student(i % kStudents)), "student"}, t0);
  }));
  PrintPhase(phases.back());
  phases.push_back(RunPhase("pay", sessions, clients, service, [&](size_t i) {
    CapturePayment p;
    p.session_id = session(i);
    p.payment_id = DeriveUuid(EduledgerNamespace(), "kb-payment-" + std::to_string(i));
    p.amount = Money{SessionPrice(rate(i % kMentors), 60), "INR"};
    p.gateway_payment_id = "pay_" + std::to_string(i);
    return request("pay-" + std::to_string(i), "CapturePayment", CommandBody("mentorship", p),
                   Actor{"system:razorpay", "gateway"}, t0);
  }));
  PrintPhase(phases.back());
  phases.push_back(RunPhase("complete", sessions, clients, service, [&](size_t i) {
    CompleteSession c;
    c.session_id = session(i);
    return request("complete-" + std::to_string(i), "CompleteSession", CommandBody("mentorship", c),
                   Actor{ToString(mentor_user(i % kMentors)), "mentor"},
                   when + Hours(static_cast<int64_t>(sessions / kMentors) + 2));
  }));
  PrintPhase(phases.back());
  Phase total;
  total.name = "all";
  for (const Phase& p : phases) {
    total.commands += p.commands;
    total.events += p.events;
    total.seconds += p.seconds;
    total.failures += p.failures;
    total.latencies_ms.insert(total.latencies_ms.end(), p.latencies_ms.begin(),
                              p.latencies_ms.end());
    if (total.first_failure.empty()) total.first_failure = p.first_failure;
  }
  PrintPhase(total);
  if (total.failures) std::printf("  first failure: %s\n", total.first_failure.c_str());
  uint64_t transactions = 0, decided = 0;
  for (size_t i = 0; i < kafka->processor_count(); ++i) {
    transactions += kafka->processor(i).stats().transactions;
    decided += kafka->processor(i).stats().commands;
  }
  size_t per_transaction = std::max<size_t>(1, transactions ? decided / transactions : 1);
  std::printf(
      "  processors: %llu transactions, %.1f commands per transaction on average\n",
      static_cast<unsigned long long>(transactions),
      transactions ? static_cast<double>(decided) / static_cast<double>(transactions) : 0.0);

  // The same payloads: the measured phases' events as they were produced (value and headers).
  KafkaEventLog& log = kafka->log();
  st = log.CatchUp(std::chrono::seconds(30));
  if (!st.ok()) return Fail(st);
  std::vector<std::vector<Payload>> payloads(static_cast<size_t>(settings.partitions));
  size_t payload_count = 0;
  for (int p = 0; p < settings.partitions; ++p) {
    std::vector<RecordedEvent> events;
    st = log.ReadPartition(p, setup_ends[static_cast<size_t>(p)], 10'000'000, &events);
    if (!st.ok()) return Fail(st);
    for (RecordedEvent& e : events) {
      e.offset = -1;
      payloads[static_cast<size_t>(p)].push_back(
          {e.stream_id, EncodeEnvelope(e), kafka_wire::EventHeaders(e, 0, 1, nullptr)});
      ++payload_count;
    }
  }
  std::printf(
      "\nbaseline: the same %zu event payloads, raw librdkafka transactional produce, one "
      "producer per partition, same cluster\n",
      payload_count);
  double kafka_events_per_second =
      static_cast<double>(total.events) / std::max(total.seconds, 1e-9);
  for (size_t batch : {per_transaction, size_t{1000}}) {
    KafkaSettings raw = settings;
    raw.topic_prefix += "-raw" + std::to_string(batch);
    double raw_rate = 0;
    st = CreateTopics(mock, raw);
    if (st.ok()) st = RawTransactionalProduce(raw, payloads, batch, &raw_rate);
    if (!st.ok()) return Fail(st);
    std::printf("  %4zu events per transaction: %8.0f events/s   Kafka command path / raw = %.3f\n",
                batch, raw_rate, kafka_events_per_second / std::max(raw_rate, 1e-9));
  }

  // Readers: a fresh KafkaEventLog reading everything from offset zero.
  std::printf("\nreaders\n");
  auto read_start = Steady::now();
  std::unique_ptr<KafkaEventLog> fresh;
  st = KafkaEventLog::Open(settings, &fresh);
  if (!st.ok()) return Fail(st);
  double read_seconds = Seconds(read_start);
  std::vector<int64_t> ends;
  st = fresh->EndOffsets(&ends);
  if (!st.ok()) return Fail(st);
  size_t all_events = 0;
  for (int p = 0; p < settings.partitions; ++p) {
    std::vector<RecordedEvent> events;
    (void)fresh->ReadPartition(p, 0, 10'000'000, &events);
    all_events += events.size();
  }
  std::printf("  KafkaEventLog from offset zero: %zu events in %.2f s = %.0f events/s\n",
              all_events, read_seconds,
              static_cast<double>(all_events) / std::max(read_seconds, 1e-9));

  auto projection = MakeMentorshipProjection();
  // Through the personal data layer, as serve's projectors read (personal data opened).
  Projector projector(&system->application_log(), uri, projection.get());
  st = projector.Initialize();
  auto project_start = Steady::now();
  size_t applied_events = 0;
  if (st.ok()) st = projector.CatchUp(&applied_events);
  if (!st.ok()) return Fail(st);
  double project_seconds = Seconds(project_start);
  ProjectorStats stats = projector.stats();
  std::printf(
      "  mentorship projector from offset zero (Kafka log -> PostgreSQL): %llu events in "
      "%.2f s = %.0f events/s (%llu batches)\n",
      static_cast<unsigned long long>(stats.events_read), project_seconds,
      static_cast<double>(stats.events_read) / std::max(project_seconds, 1e-9),
      static_cast<unsigned long long>(stats.batches));
  return total.failures ? 1 : 0;
}

}  // namespace edu
