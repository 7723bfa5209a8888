// eduledger serve: the HTTP command API over the event log (embedded PostgreSQL, or Kafka with its
// command processors), with every projection kept up to date in the same process. Stops cleanly
// on SIGINT/SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "adapters/args.h"
#include "adapters/audit_key.h"
#include "adapters/config.h"
#include "adapters/erasure_rebuilder.h"
#include "adapters/http_server.h"
#include "adapters/kafka_backend.h"
#include "adapters/personal_data_layer.h"
#include "adapters/policy_config.h"
#include "adapters/projector_status.h"
#include "adapters/subcommands.h"
#include "commands/all_reactions.h"
#include "commands/pipeline.h"
#include "commands/reactor.h"
#include "commands/registry.h"
#include "commands/scheduler.h"
#include "eventstore/metrics.h"
#include "eventstore/pg_event_log.h"
#include "eventstore/structured_log.h"
#include "projections/all_projections.h"
#include "projections/projector.h"

namespace edu {
namespace {

int Fail(const std::string& message) {
  std::fprintf(stderr, "eduledger serve: %s\n", message.c_str());
  return 1;
}

// The event log and the command service the API calls: the embedded PostgreSQL log with an
// in-process pipeline, or the Kafka log with its command processors. Members are destroyed in
// reverse order: the services before the logs they use.
struct Backend {
  std::unique_ptr<PersonalDataLayer> personal;  // wraps the logs below (docs/gdpr.md)
  std::unique_ptr<PgEventLog> pg;
  std::unique_ptr<CommandPipeline> pipeline;
  std::unique_ptr<KafkaMockCluster> mock;
  std::unique_ptr<KafkaBackend> kafka;
  EventLog* log = nullptr;
  CommandService* commands = nullptr;
  std::string description;
};

constexpr char kMockBrokers[] = "mock";
constexpr auto kKafkaReadyTimeout = std::chrono::seconds(60);

Status OpenBackend(const Config& config, const Registry* registry, const Policies* policies,
                   const Clock* clock, std::function<void(const Uuid&)> on_forgotten,
                   Backend* out) {
  EDU_RETURN_IF_ERROR(
      PersonalDataLayer::Open(config.db, *registry, std::move(on_forgotten), &out->personal));
  if (config.log_backend == "postgres") {
    PgEventLog::Options options;
    options.partitions = config.partitions;
    options.writer_threads = config.writer_threads;
    EDU_RETURN_IF_ERROR(ResolveAuditKey(config, /*create=*/true, &options.seal_key)
                            .Annotate("the audit key that signs partition heads"));
    EDU_RETURN_IF_ERROR(
        PgEventLog::Open(config.db, options, &out->pg).Annotate("opening the event log"));
    out->log = out->personal->Wrap(out->pg.get());
    out->pipeline = std::make_unique<CommandPipeline>(out->log, registry, policies);
    out->commands = out->pipeline.get();
    out->description = "postgres";
    return Status::OK();
  }
  KafkaBackendOptions options;
  options.settings = KafkaSettingsFromConfig(config);
  options.registry = registry;
  options.policies = policies;
  options.clock = clock;
  PersonalDataLayer* personal = out->personal.get();
  options.decorate_log = [personal](EventLog* view) { return personal->NewWrapper(view); };
  out->description = "kafka at " + options.settings.bootstrap_servers;
  if (options.settings.bootstrap_servers == kMockBrokers) {
    KafkaSettings connected;
    EDU_RETURN_IF_ERROR(StartKafkaDevCluster(options.settings, &out->mock, &connected)
                            .Annotate("starting the in-process Kafka mock cluster"));
    options.settings = connected;
    options.create_topics = false;
    out->description = "kafka mock cluster in this process, in-memory and NOT durable (" +
                       connected.bootstrap_servers + ")";
  }
  EDU_RETURN_IF_ERROR(
      KafkaBackend::Start(options, &out->kafka).Annotate("starting the Kafka backend"));
  std::printf("eduledger serve: waiting for the command processors to own every partition\n");
  std::fflush(stdout);
  EDU_RETURN_IF_ERROR(out->kafka->WaitUntilReady(kKafkaReadyTimeout));
  out->log = out->personal->Wrap(&out->kafka->log());
  out->commands = &out->kafka->commands();
  return Status::OK();
}

}  // namespace

int RunServe(int argc, char** argv) {
  std::vector<OptionSpec> specs = ConfigOptionSpecs();
  specs.push_back({"help", false, "show this help", ""});
  specs.push_back({"clock", true,
                   "system (the default), or manual: a clock only POST /v1/clock moves (admin "
                   "token, forward only; for tests, never in production), starting at the system "
                   "time or --clock-start",
                   "system"});
  specs.push_back({"clock-start", true, "with --clock manual: its start time (ISO 8601)", ""});
  Args args;
  std::string error;
  if (!args.Parse(argc, argv, 2, specs, &error)) {
    std::fprintf(stderr, "eduledger serve: %s (see eduledger serve --help)\n", error.c_str());
    return 2;
  }
  if (args.Has("help")) {
    std::printf(
        "usage: eduledger serve --db <postgresql uri> --jwt-secret <secret> [options]\n\n"
        "Runs the HTTP JSON command API (POST /v1/commands/{Type}, GET /v1/commands,\n"
        "GET /v1/projections, GET /v1/projections/{name}/wait, GET /healthz) over the event log\n"
        "(embedded PostgreSQL by default, or Kafka with --log-backend kafka; the read tables are\n"
        "always in the --db database) and keeps every projection's read tables up to date.\n"
        "--kafka-bootstrap-servers mock runs librdkafka's mock cluster in this process\n"
        "(in-memory, not durable: development only).\n"
        "Settings come from defaults < --config file < EDULEDGER_* environment < flags.\n"
        "Stops cleanly on SIGINT or SIGTERM.\n\n%s",
        Args::Usage(specs).c_str());
    return 0;
  }
  Config config;
  Status loaded = LoadConfig(args, ProcessEnvironment(), &config);
  if (!loaded.ok()) {
    std::fprintf(stderr, "eduledger serve: %s\n", loaded.message().c_str());
    return 2;
  }
  if (config.db.empty()) {
    return Fail(
        "no database: pass --db <postgresql uri>, set EDULEDGER_DB or 'db' in the config "
        "file (./run pg uri prints the development one)");
  }
  if (config.jwt_secret.empty()) {
    return Fail(
        "no JWT secret: pass --jwt-secret, set EDULEDGER_JWT_SECRET or 'jwt.secret' in the "
        "config file (at least 32 bytes)");
  }
  // One clock for the deciders (via the API and the Kafka processors) and the scheduler.
  const std::string clock_mode = args.Get("clock");
  if (clock_mode != "system" && clock_mode != "manual") {
    std::fprintf(stderr, "eduledger serve: --clock must be system or manual, got '%s'\n",
                 clock_mode.c_str());
    return 2;
  }
  std::unique_ptr<ManualClock> manual_clock;
  std::unique_ptr<TestClock> test_clock;
  const Clock* clock = SystemClock::Instance();
  if (clock_mode == "manual") {
    Timestamp start = SystemClock::Instance()->Now();
    if (!args.Get("clock-start").empty()) {
      auto parsed = ParseIso8601(args.Get("clock-start"));
      if (!parsed) {
        std::fprintf(stderr, "eduledger serve: --clock-start is not an ISO 8601 time: '%s'\n",
                     args.Get("clock-start").c_str());
        return 2;
      }
      start = *parsed;
    }
    manual_clock = std::make_unique<ManualClock>(start);
    test_clock = std::make_unique<TestClock>(manual_clock.get());
    clock = manual_clock.get();
    std::printf("eduledger serve: MANUAL CLOCK at %s: time moves only by POST /v1/clock\n",
                FormatIso8601(start).c_str());
  } else if (!args.Get("clock-start").empty()) {
    std::fprintf(stderr, "eduledger serve: --clock-start needs --clock manual\n");
    return 2;
  }
  Policies policies;  // the seed documents' rules, overridden by the policies file if any
  if (!config.policies_file.empty()) {
    Status s = LoadPolicies(config.policies_file, &policies);
    if (!s.ok()) return Fail(s.message());
  }

  // Every thread started from here on inherits the mask, so the signals reach sigwait below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Registry registry;
  RegisterAllMarketplaces(&registry);
  for (const auto& [marketplace, routes] : config.rate_limits.routes) {
    for (const auto& [type, limit] : routes) {
      if (registry.FindCommand(marketplace, type) == nullptr) {
        std::fprintf(stderr,
                     "eduledger serve: config: key 'rate_limits.%s.routes.%s': marketplace %s has "
                     "no command %s\n",
                     marketplace.c_str(), type.c_str(), marketplace.c_str(), type.c_str());
        return 2;
      }
    }
  }
  Backend backend;
  std::atomic<ErasureRebuilder*> erasure_rebuilder{nullptr};
  Status opened = OpenBackend(
      config, &registry, &policies, clock,
      [&erasure_rebuilder](const Uuid&) {
        if (ErasureRebuilder* r = erasure_rebuilder.load()) r->Notify();
      },
      &backend);
  if (!opened.ok()) return Fail(opened.ToString());
  EventLog* log = backend.log;

  std::vector<std::unique_ptr<Projection>> projections = AllProjections();
  std::vector<std::unique_ptr<Projector>> projectors;
  std::vector<Projector*> projector_ptrs;
  std::vector<std::thread> rebuilds;
  ProjectorOptions projector_options;
  projector_options.batch_size = static_cast<size_t>(config.projector_batch_size);
  for (const auto& projection : projections) {
    auto projector =
        std::make_unique<Projector>(log, config.db, projection.get(), projector_options);
    Status s = projector->Initialize();
    if (!s.ok() && !projector->needs_rebuild()) {
      return Fail("initializing projection " + projection->name() + ": " + s.ToString());
    }
    projector_ptrs.push_back(projector.get());
    projectors.push_back(std::move(projector));
  }
  // A projection whose stored version is not the code's is rebuilt next to the live tables, which
  // keep serving until the swap.
  for (Projector* p : projector_ptrs) {
    if (!p->needs_rebuild()) continue;
    std::printf("eduledger serve: projection %s needs a rebuild; rebuilding in the background\n",
                p->projection().name().c_str());
    rebuilds.emplace_back([p] {
      Status s = p->Rebuild();
      logging::Log(s.ok() ? logging::Level::kInfo : logging::Level::kError, "projection_rebuilt",
                   {{"projection", p->projection().name()}, {"status", s.ToString()}});
    });
  }
  std::atomic<bool> stop{false};
  std::vector<std::thread> runners;
  for (Projector* p : projector_ptrs) {
    // Run returns only at `stop`: a projection stopped at an event waits there for an operator's
    // decision, and the projector records the stop itself (log line and metrics).
    runners.emplace_back([p, &stop] { p->Run(stop); });
  }
  // Reactions turn events into follow-up commands (earnings credited to payout accounts, wallet
  // credits, coupon redemptions, goodwill credits); each keeps its checkpoint in PostgreSQL.
  std::vector<std::unique_ptr<Reaction>> reactions = AllReactions();
  std::vector<std::unique_ptr<Reactor>> reactors;
  for (const auto& reaction : reactions) {
    auto reactor = std::make_unique<Reactor>(log, backend.commands, config.db, reaction.get());
    Status s = reactor->Initialize();
    if (!s.ok()) {
      stop = true;
      for (auto& t : runners) t.join();
      for (auto& t : rebuilds) t.join();
      return Fail("initializing reaction " + reaction->name() + ": " + s.ToString());
    }
    Reactor* r = reactor.get();
    runners.emplace_back([r, &stop] { r->Run(stop); });
    reactors.push_back(std::move(reactor));
  }
  // After an erasure (ForgetPerson, here or in another process) the read tables are rebuilt so that
  // no plaintext of the person stays in them (docs/gdpr.md).
  ErasureRebuilder::Options erasure_options;
  erasure_options.report = [](const std::string& line) {
    logging::Log(logging::Level::kInfo, "erasure_rebuild", {{"report", line}});
  };
  ErasureRebuilder erasures(&backend.personal->keys(), config.db, erasure_options);
  for (Projector* p : projector_ptrs) erasures.Add(p);
  erasures.Start();
  erasure_rebuilder = &erasures;
  std::vector<Reactor*> reactor_ptrs;
  for (const auto& r : reactors) reactor_ptrs.push_back(r.get());
  // /healthz says "degraded" naming any projection or reaction stopped at an event.
  ProjectorStatusSource projection_status(log, projector_ptrs, reactor_ptrs);

  // eduledger's own deadlines (escrow releases, weekly payouts, enrollment expiries): issued when
  // due by this clock; under --clock manual also right after each POST /v1/clock.
  Scheduler scheduler(log, backend.commands, clock, &policies);
  if (test_clock) test_clock->SetAfterMove([&scheduler] { return scheduler.RunDue(); });
  runners.emplace_back([&scheduler, &stop] { scheduler.Run(stop); });

  HttpApiContext api_context{backend.commands,  log, &registry, clock, config.jwt_secret,
                             &projection_status};
  api_context.test_clock = test_clock.get();
  HttpServer server(api_context, HttpServerOptions::FromConfig(config));
  Status started = server.Start();
  int exit_code = 0;
  if (started.ok()) {
    std::string names;
    for (Projector* p : projector_ptrs)
      names += (names.empty() ? "" : ", ") + p->projection().name();
    std::string reaction_names;
    for (const auto& r : reactions)
      reaction_names += (reaction_names.empty() ? "" : ", ") + r->name();
    std::printf(
        "eduledger serve: listening on %s (log: %s, %d partitions; projections: %s; reactions: "
        "%s)\n",
        server.address().c_str(), backend.description.c_str(), log->partition_count(),
        names.c_str(), reaction_names.c_str());
    std::fflush(stdout);
    int received = 0;
    sigwait(&signals, &received);
    std::printf("eduledger serve: %s received, stopping\n",
                received == SIGINT ? "SIGINT" : "SIGTERM");
    std::fflush(stdout);
  } else {
    std::fprintf(stderr, "eduledger serve: %s\n", started.ToString().c_str());
    exit_code = 1;
  }
  // In dependency order: no new commands, then the projectors, then the backend (destructor).
  server.Stop();
  erasure_rebuilder = nullptr;
  erasures.Stop();
  stop = true;
  for (auto& t : runners) t.join();
  for (auto& t : rebuilds) t.join();
  if (exit_code == 0) std::printf("eduledger serve: stopped\n");
  return exit_code;
}

}  // namespace edu
