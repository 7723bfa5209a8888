#include "adapters/wiring/system.h"

#include <cstdio>

#include "adapters/config/audit_key.h"
#include "commands/all_reactions.h"
#include "eventstore/structured_log.h"
#include "marketplaces/policy_config.h"
#include "projections/all_projections.h"

namespace edu {
namespace {

constexpr char kMockBrokers[] = "mock";
constexpr auto kKafkaReadyTimeout = std::chrono::seconds(60);

// Runs a projector's, reactor's or the scheduler's loop until `stop`. They never throw; the guard
// keeps it so whatever a projection or reaction does.
template <class Loop>
std::thread Background(Loop* loop, const std::atomic<bool>* stop) {
  return std::thread([loop, stop] {
    try {
      loop->Run(*stop);
    } catch (...) {
    }
  });
}

}  // namespace

Status SystemOptionsFromConfig(const Config& config, SystemOptions* out) {
  SystemOptions o;
  o.db_uri = config.db;
  o.log_backend = config.log_backend;
  o.log.partitions = config.partitions;
  o.log.writer_threads = config.writer_threads;
  if (config.log_backend == "postgres") {
    EDU_RETURN_IF_ERROR(ResolveAuditKey(config, /*create=*/true, &o.log.seal_key)
                            .Annotate("the audit key that signs partition heads"));
  }
  o.kafka = KafkaSettingsFromConfig(config);
  o.projector.batch_size = static_cast<size_t>(config.projector_batch_size);
  o.rebuild_projections_in_background = true;
  o.http = HttpServerOptions::FromConfig(config);
  o.jwt_secret = config.jwt_secret;
  if (!config.policies_file.empty()) {
    EDU_RETURN_IF_ERROR(LoadPolicies(config.policies_file, &o.policies));
  }
  o.scheduler_interval = SchedulerOptions{}.interval;
  o.erasure_report = [](const std::string& line) {
    logging::Log(logging::Level::kInfo, "erasure_rebuild", {{"report", line}});
  };
  *out = std::move(o);
  return Status::OK();
}

Status System::CheckOptions(const SystemOptions& options) {
  if (options.log_backend != "postgres" && options.log_backend != "kafka") {
    return Status::InvalidArgument("log backend must be postgres or kafka, got '" +
                                   options.log_backend + "'");
  }
  Registry registry;
  RegisterAllMarketplaces(&registry);
  for (const auto& [marketplace, limits] : options.http.rate_limits.marketplaces) {
    for (const auto& [type, limit] : limits.per_route) {
      if (registry.FindCommand(marketplace, type) == nullptr) {
        return Status::InvalidArgument("config: key 'rate_limits." + marketplace + ".routes." +
                                       type + "': marketplace " + marketplace + " has no command " +
                                       type);
      }
    }
  }
  return Status::OK();
}

Status System::Start(SystemOptions options, std::unique_ptr<System>* out) {
  EDU_RETURN_IF_ERROR(CheckOptions(options));
  std::unique_ptr<System> s(new System());
  s->options_ = std::move(options);
  s->clock_ = s->options_.clock;
  if (s->options_.manual_clock_start) {
    s->manual_clock_ = std::make_unique<ManualClock>(*s->options_.manual_clock_start);
    s->test_clock_ = std::make_unique<TestClock>(s->manual_clock_.get());
    s->clock_ = s->manual_clock_.get();
  }
  RegisterAllMarketplaces(&s->registry_);
  // A decider handling a command nobody registered would refuse it as unknown: refuse to start.
  EDU_RETURN_IF_ERROR(s->registry_.CheckComplete().Annotate("marketplace registration"));
  System* system = s.get();
  // After an erasure (ForgetPerson, here or in another process) the read tables are rebuilt so
  // that no plaintext of the person stays in them (docs/gdpr.md).
  EDU_RETURN_IF_ERROR(PersonalDataLayer::Open(
      s->options_.db_uri, s->registry_,
      [system](const Uuid&) {
        if (ErasureRebuilder* r = system->erasure_notify_.load()) r->Notify();
      },
      &s->personal_));
  EDU_RETURN_IF_ERROR(s->OpenLog());
  // Every booking holds its time in the mentor's calendar first (calendar_booking_service.h).
  s->calendar_booking_ = std::make_unique<CalendarBookingService>(s->commands_);
  s->commands_ = s->calendar_booking_.get();
  EDU_RETURN_IF_ERROR(s->StartProjectors());
  EDU_RETURN_IF_ERROR(s->StartReactors());
  std::vector<Projector*> projectors;
  for (const auto& p : s->projectors_) projectors.push_back(p.get());
  std::vector<Reactor*> reactors;
  for (const auto& r : s->reactors_) reactors.push_back(r.get());
  // /healthz says "degraded" naming any projection or reaction stopped at an event.
  s->status_ = std::make_unique<ProjectorStatusSource>(s->personal_->log(), projectors, reactors);
  s->StartScheduler();
  HttpApiContext context;
  context.commands = s->commands_;
  context.log = s->personal_->log();
  context.registry = &s->registry_;
  context.clock = s->clock_;
  context.jwt_secret = s->options_.jwt_secret;
  context.projections = s->status_.get();
  context.test_clock = s->test_clock_.get();
  s->http_ = std::make_unique<HttpServer>(context, s->options_.http);
  EDU_RETURN_IF_ERROR(s->http_->Start());
  *out = std::move(s);
  return Status::OK();
}

// The event log and the command service: the embedded PostgreSQL log with an in-process pipeline,
// or the Kafka log with its command processors.
Status System::OpenLog() {
  if (options_.log_backend == "postgres") {
    EDU_RETURN_IF_ERROR(PgEventLog::Open(options_.db_uri, options_.log, &pg_log_)
                            .Annotate("opening the event log"));
    stored_log_ = pg_log_.get();
    pipeline_ = std::make_unique<CommandPipeline>(personal_->Wrap(stored_log_), &registry_,
                                                  &options_.policies);
    commands_ = pipeline_.get();
    description_ = "postgres";
    return Status::OK();
  }
  KafkaBackendOptions kafka;
  kafka.settings = options_.kafka;
  kafka.settings.partitions = options_.log.partitions;
  kafka.registry = &registry_;
  kafka.policies = &options_.policies;
  kafka.clock = clock_;
  kafka.processors = options_.kafka_processors;
  PersonalDataLayer* personal = personal_.get();
  kafka.decorate_log = [personal](EventLog* view) { return personal->NewWrapper(view); };
  description_ = "kafka at " + kafka.settings.bootstrap_servers;
  if (kafka.settings.bootstrap_servers.empty() ||
      kafka.settings.bootstrap_servers == kMockBrokers) {
    KafkaSettings connected;
    EDU_RETURN_IF_ERROR(StartKafkaDevCluster(kafka.settings, &kafka_mock_, &connected)
                            .Annotate("starting the in-process Kafka mock cluster"));
    kafka.settings = connected;
    kafka.create_topics = false;
    description_ = "kafka mock cluster in this process, in-memory and NOT durable (" +
                   connected.bootstrap_servers + ")";
  }
  EDU_RETURN_IF_ERROR(KafkaBackend::Start(kafka, &kafka_).Annotate("starting the Kafka backend"));
  Report("waiting for the command processors to own every partition");
  EDU_RETURN_IF_ERROR(kafka_->WaitUntilReady(kKafkaReadyTimeout));
  stored_log_ = &kafka_->log();
  personal_->Wrap(stored_log_);
  commands_ = &kafka_->commands();
  return Status::OK();
}

Status System::StartProjectors() {
  if (!options_.run_projectors) return Status::OK();
  EventLog* app_log = personal_->log();
  projections_ = options_.make_projections ? options_.make_projections() : AllProjections();
  for (const auto& projection : projections_) {
    auto projector =
        std::make_unique<Projector>(app_log, options_.db_uri, projection.get(), options_.projector);
    // Initialize refuses tables of another code version (needs_rebuild()): rebuilt below.
    Status init = projector->Initialize();
    if (!init.ok() && !projector->needs_rebuild()) {
      return init.Annotate("initializing projection " + projection->name());
    }
    projectors_.push_back(std::move(projector));
  }
  for (const auto& projector : projectors_) {
    if (!projector->needs_rebuild()) continue;
    Projector* p = projector.get();
    if (options_.rebuild_projections_in_background) {
      // Next to the live tables, which keep serving until the swap.
      Report("projection " + p->projection().name() +
             " needs a rebuild; rebuilding in the background");
      background_threads_.emplace_back([p] {
        Status s = p->Rebuild();
        logging::Log(s.ok() ? logging::Level::kInfo : logging::Level::kError, "projection_rebuilt",
                     {{"projection", p->projection().name()}, {"status", s.ToString()}});
      });
      continue;
    }
    // A rebuild that stops at an event stops this projection alone: it stays "failed" (in
    // /healthz and status) and its Run retries the rebuild once an operator decided.
    Status rebuilt = p->Rebuild();
    if (!rebuilt.ok()) {
      std::fprintf(stderr, "eduledger: rebuilding projection %s at start failed: %s\n",
                   p->projection().name().c_str(), rebuilt.ToString().c_str());
    }
  }
  // Run returns only at stop: a projection stopped at an event waits there for an operator's
  // decision, and the projector records the stop itself (log line and metrics).
  for (const auto& projector : projectors_) {
    background_threads_.push_back(Background(projector.get(), &stop_background_));
  }
  ErasureRebuilder::Options erasure_options;
  erasure_options.report = options_.erasure_report;
  erasures_ = std::make_unique<ErasureRebuilder>(&personal_->keys(), options_.db_uri,
                                                 std::move(erasure_options));
  for (const auto& projector : projectors_) erasures_->Add(projector.get());
  erasures_->Start();
  erasure_notify_ = erasures_.get();
  return Status::OK();
}

// Reactions turn events into follow-up commands (earnings credited to payout accounts, wallet
// credits, coupon redemptions, goodwill credits); each keeps its checkpoint in PostgreSQL.
Status System::StartReactors() {
  if (!options_.run_reactors) return Status::OK();
  EventLog* app_log = personal_->log();
  reactions_ = AllReactions();
  for (const auto& reaction : reactions_) {
    auto reactor = std::make_unique<Reactor>(app_log, commands_, options_.db_uri, reaction.get());
    EDU_RETURN_IF_ERROR(
        reactor->Initialize().Annotate("initializing reaction " + reaction->name()));
    background_threads_.push_back(Background(reactor.get(), &stop_background_));
    reactors_.push_back(std::move(reactor));
  }
  return Status::OK();
}

// eduledger's own deadlines (escrow releases, weekly payouts, enrollment expiries): issued when
// due by the clock; with a manual clock also right after each move.
void System::StartScheduler() {
  if (!options_.run_scheduler) return;
  SchedulerOptions scheduling;
  if (options_.scheduler_interval.count() > 0) scheduling.interval = options_.scheduler_interval;
  scheduler_ = std::make_unique<Scheduler>(personal_->log(), commands_, clock_, &options_.policies,
                                           scheduling);
  Scheduler* scheduler = scheduler_.get();
  if (test_clock_) test_clock_->SetAfterMove([scheduler] { return scheduler->RunDue(); });
  if (options_.scheduler_interval.count() > 0) {
    background_threads_.push_back(Background(scheduler, &stop_background_));
  }
}

void System::Report(const std::string& line) const {
  if (options_.report) options_.report(line);
}

System::~System() { Stop(); }

void System::Stop() {
  if (stopped_) return;
  stopped_ = true;
  if (http_) http_->Stop();
  erasure_notify_ = nullptr;
  if (erasures_) erasures_->Stop();
  stop_background_ = true;
  for (auto& t : background_threads_) t.join();
  background_threads_.clear();
  if (test_clock_) test_clock_->SetAfterMove({});
  scheduler_.reset();
  reactors_.clear();
  projectors_.clear();
  pipeline_.reset();
  kafka_.reset();  // processors commit their batches in flight, before the cluster goes
  kafka_mock_.reset();
  pg_log_.reset();
}

Status System::WaitForProjections(const std::map<int, int64_t>& offsets,
                                  std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (const auto& projector : projectors_) {
    for (const auto& [partition, offset] : offsets) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() < 0) left = std::chrono::milliseconds(0);
      EDU_RETURN_IF_ERROR(projector->WaitForPosition(partition, offset, left));
    }
  }
  return Status::OK();
}

Status System::WaitUntilQuiet(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto left = [&] {
    auto l = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    return l.count() < 0 ? std::chrono::milliseconds(0) : l;
  };
  std::vector<int64_t> before;
  EDU_RETURN_IF_ERROR(stored_log_->EndOffsets(&before));
  for (;;) {
    for (size_t p = 0; p < before.size(); ++p) {
      if (before[p] == 0) continue;
      int partition = static_cast<int>(p);
      for (const auto& r : reactors_)
        EDU_RETURN_IF_ERROR(r->WaitForPosition(partition, before[p] - 1, left()));
      for (const auto& j : projectors_)
        EDU_RETURN_IF_ERROR(j->WaitForPosition(partition, before[p] - 1, left()));
    }
    std::vector<int64_t> after;
    EDU_RETURN_IF_ERROR(stored_log_->EndOffsets(&after));
    if (after == before) return Status::OK();
    before = std::move(after);  // reactions appended more: follow them too
  }
}

}  // namespace edu
