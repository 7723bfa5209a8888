#include "adapters/embedded_system.h"

#include <cstdio>

#include "commands/all_reactions.h"
#include "projections/all_projections.h"

namespace edu {

Status EmbeddedSystem::Start(EmbeddedSystemOptions options, std::unique_ptr<EmbeddedSystem>* out) {
  std::unique_ptr<EmbeddedSystem> s(new EmbeddedSystem());
  s->options_ = std::move(options);
  RegisterAllMarketplaces(&s->registry_);
  EmbeddedSystem* system = s.get();
  EDU_RETURN_IF_ERROR(PersonalDataLayer::Open(
      s->options_.db_uri, s->registry_,
      [system](const Uuid&) {
        if (system->erasures_) system->erasures_->Notify();
      },
      &s->personal_));
  if (s->options_.log_backend == "postgres") {
    EDU_RETURN_IF_ERROR(PgEventLog::Open(s->options_.db_uri, s->options_.log, &s->pg_log_)
                            .Annotate("opening the event log"));
    s->stored_log_ = s->pg_log_.get();
    s->pipeline_ = std::make_unique<CommandPipeline>(s->personal_->Wrap(s->stored_log_),
                                                     &s->registry_, &s->options_.policies);
    s->commands_ = s->pipeline_.get();
    s->description_ = "postgres";
  } else if (s->options_.log_backend == "kafka") {
    KafkaBackendOptions kafka;
    kafka.settings = s->options_.kafka;
    kafka.settings.partitions = s->options_.log.partitions;
    kafka.registry = &s->registry_;
    kafka.policies = &s->options_.policies;
    kafka.clock = s->options_.clock;
    PersonalDataLayer* personal = s->personal_.get();
    kafka.decorate_log = [personal](EventLog* view) { return personal->NewWrapper(view); };
    s->description_ = "kafka at " + kafka.settings.bootstrap_servers;
    if (kafka.settings.bootstrap_servers.empty() || kafka.settings.bootstrap_servers == "mock") {
      KafkaSettings connected;
      EDU_RETURN_IF_ERROR(StartKafkaDevCluster(kafka.settings, &s->kafka_mock_, &connected)
                              .Annotate("starting the in-process Kafka mock cluster"));
      kafka.settings = connected;
      kafka.create_topics = false;
      s->description_ = "kafka mock cluster in this process, in-memory and NOT durable (" +
                        connected.bootstrap_servers + ")";
    }
    EDU_RETURN_IF_ERROR(
        KafkaBackend::Start(kafka, &s->kafka_).Annotate("starting the Kafka backend"));
    EDU_RETURN_IF_ERROR(s->kafka_->WaitUntilReady(std::chrono::seconds(60)));
    s->stored_log_ = &s->kafka_->log();
    s->personal_->Wrap(s->stored_log_);
    s->commands_ = &s->kafka_->commands();
  } else {
    return Status::InvalidArgument("log backend must be postgres or kafka, got '" +
                                   s->options_.log_backend + "'");
  }
  EventLog* app_log = s->personal_->log();
  std::vector<Projector*> raw;
  if (s->options_.run_projectors) {
    s->projections_ =
        s->options_.make_projections ? s->options_.make_projections() : AllProjections();
    for (const auto& projection : s->projections_) {
      auto projector = std::make_unique<Projector>(app_log, s->options_.db_uri, projection.get(),
                                                   s->options_.projector);
      // Initialize refuses tables of another code version (needs_rebuild()): rebuild them here.
      Status init = projector->Initialize();
      if (!init.ok() && !projector->needs_rebuild()) {
        return init.Annotate("projection " + projection->name());
      }
      if (projector->needs_rebuild()) {
        // A rebuild that stops at an event stops this projection alone: it stays "failed" (in
        // /healthz and status) and its Run retries the rebuild once an operator decided.
        Status rebuilt = projector->Rebuild();
        if (!rebuilt.ok()) {
          std::fprintf(stderr, "eduledger: rebuilding projection %s at start failed: %s\n",
                       projection->name().c_str(), rebuilt.ToString().c_str());
        }
      }
      raw.push_back(projector.get());
      s->projectors_.push_back(std::move(projector));
    }
    s->erasures_ = std::make_unique<ErasureRebuilder>(&s->personal_->keys(), s->options_.db_uri,
                                                      ErasureRebuilder::Options{});
    for (Projector* p : raw) s->erasures_->Add(p);
    s->erasures_->Start();
    for (auto& projector : s->projectors_) {
      Projector* p = projector.get();
      s->background_threads_.emplace_back([p, stop = &s->stop_background_] {
        try {
          p->Run(*stop);  // never throws; the guard keeps it so whatever a projection does
        } catch (...) {
        }
      });
    }
  }
  std::vector<Reactor*> raw_reactors;
  if (s->options_.run_reactors) {
    s->reactions_ = AllReactions();
    for (const auto& reaction : s->reactions_) {
      auto reactor =
          std::make_unique<Reactor>(app_log, s->commands_, s->options_.db_uri, reaction.get());
      EDU_RETURN_IF_ERROR(reactor->Initialize().Annotate("reaction " + reaction->name()));
      Reactor* r = reactor.get();
      raw_reactors.push_back(r);
      s->background_threads_.emplace_back([r, stop = &s->stop_background_] {
        try {
          r->Run(*stop);
        } catch (...) {
        }
      });
      s->reactors_.push_back(std::move(reactor));
    }
  }
  s->status_ = std::make_unique<ProjectorStatusSource>(s->stored_log_, raw, raw_reactors);
  if (s->options_.run_scheduler) {
    SchedulerOptions scheduling;
    if (s->options_.scheduler_interval.count() > 0) {
      scheduling.interval = s->options_.scheduler_interval;
    }
    s->scheduler_ = std::make_unique<Scheduler>(app_log, s->commands_, s->options_.clock,
                                                &s->options_.policies, scheduling);
    Scheduler* scheduler = s->scheduler_.get();
    if (s->options_.test_clock) {
      s->options_.test_clock->SetAfterMove([scheduler] { return scheduler->RunDue(); });
    }
    if (s->options_.scheduler_interval.count() > 0) {
      s->background_threads_.emplace_back([scheduler, stop = &s->stop_background_] {
        try {
          scheduler->Run(*stop);
        } catch (...) {
        }
      });
    }
  }
  HttpApiContext context;
  context.commands = s->commands_;
  context.log = s->stored_log_;
  context.registry = &s->registry_;
  context.clock = s->options_.clock;
  context.jwt_secret = s->options_.jwt_secret;
  context.projections = s->status_.get();
  context.test_clock = s->options_.test_clock;
  s->http_ = std::make_unique<HttpServer>(context, s->options_.http);
  EDU_RETURN_IF_ERROR(s->http_->Start());
  *out = std::move(s);
  return Status::OK();
}

EmbeddedSystem::~EmbeddedSystem() { Stop(); }

void EmbeddedSystem::Stop() {
  if (stopped_) return;
  stopped_ = true;
  if (http_) http_->Stop();
  stop_background_ = true;
  for (auto& t : background_threads_) t.join();
  background_threads_.clear();
  if (erasures_) erasures_->Stop();
  if (options_.test_clock) options_.test_clock->SetAfterMove({});
  scheduler_.reset();
  reactors_.clear();
  projectors_.clear();
  kafka_.reset();  // processors commit their batches in flight, before the cluster goes
  kafka_mock_.reset();
  pg_log_.reset();
}

Status EmbeddedSystem::WaitForProjections(const std::map<int, int64_t>& offsets,
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

Status EmbeddedSystem::WaitUntilQuiet(std::chrono::milliseconds timeout) {
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
