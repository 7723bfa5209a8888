// eduledger assembled: the event log (the embedded PostgreSQL default, or Kafka with its command
// processors), the registry of every marketplace, the command service, one projector per read
// schema and one reactor per reaction (each following the log on its own thread) and the HTTP
// command API. The demo drives it, on either backend.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "adapters/erasure_rebuilder.h"
#include "adapters/http_server.h"
#include "adapters/kafka_backend.h"
#include "adapters/personal_data_layer.h"
#include "adapters/projector_status.h"
#include "commands/pipeline.h"
#include "commands/reactor.h"
#include "commands/registry.h"
#include "commands/scheduler.h"
#include "eventstore/pg_event_log.h"
#include "projections/projection.h"
#include "projections/projector.h"

namespace edu {

struct EmbeddedSystemOptions {
  std::string db_uri;  // read tables, checkpoints, person keys; and the log on "postgres"
  std::string log_backend = "postgres";  // or "kafka"
  PgEventLog::Options log;
  // With log_backend "kafka": the cluster; bootstrap_servers "mock" (or empty) runs librdkafka's
  // mock cluster in this process (in-memory, not durable, ~5 MiB per partition). Its partition
  // count is log.partitions.
  KafkaSettings kafka;
  ProjectorOptions projector;
  HttpServerOptions http;
  std::string jwt_secret;
  const Clock* clock = SystemClock::Instance();  // the commands' "now"
  Policies policies;
  bool run_projectors = true;
  bool run_reactors = true;
  // eduledger's own deadlines (commands/scheduler.h), issued when due by `clock`: with an interval
  // of 0 (the default: the demo and the tests move a simulated clock and issue their own
  // releases and payout runs) only when scheduler()->RunDue() is called or test_clock moves;
  // otherwise also every scheduler_interval in the background (serve runs it so).
  bool run_scheduler = true;
  std::chrono::milliseconds scheduler_interval{0};
  // Optional: POST /v1/clock moves it (adapters/test_clock.h), then the scheduler runs.
  TestClock* test_clock = nullptr;
  // The projections to run; empty: AllProjections(). Tests pass other versions of them.
  std::function<std::vector<std::unique_ptr<Projection>>()> make_projections;
};

class EmbeddedSystem {
 public:
  // Opens the log, initialises the projections (one whose code version changed, or whose schema
  // is missing or was not built by a projector, is rebuilt blue/green from offset zero before it
  // runs), starts the projector and reactor threads and the HTTP server. On failure nothing keeps
  // running. A projection or reaction that later stops at an event stops alone: /healthz says
  // "degraded" and names it and the event.
  static Status Start(EmbeddedSystemOptions options, std::unique_ptr<EmbeddedSystem>* out);
  ~EmbeddedSystem();  // Stop()
  EmbeddedSystem(const EmbeddedSystem&) = delete;
  EmbeddedSystem& operator=(const EmbeddedSystem&) = delete;

  // Stops the HTTP server, then the projectors, then the log. Idempotent.
  void Stop();

  // The stored log (what the hash chain covers), on either backend.
  EventLog& log() { return *stored_log_; }
  // Only on the "postgres" backend (null otherwise).
  PgEventLog* pg_log() { return pg_log_.get(); }
  // "postgres", or "kafka at host:port" / "kafka mock cluster in this process ...".
  const std::string& backend_description() const { return description_; }
  // The log as the pipeline, projectors and reactors see it: personal data sealed on append and
  // opened (or erased) on read (docs/gdpr.md). log() is the stored form the hash chain covers.
  EventLog& application_log() { return *personal_->log(); }
  PersonKeyStore& person_keys() { return personal_->keys(); }
  // Rebuilds the projections after an erasure (null when projectors do not run).
  ErasureRebuilder* erasures() { return erasures_.get(); }
  const Registry& registry() const { return registry_; }
  // Where commands are decided: the in-process pipeline on "postgres", the Kafka command client
  // (commands topic -> partition owner -> command-results) on "kafka".
  CommandService& commands() { return *commands_; }
  HttpServer& http() { return *http_; }
  ProjectionStatusSource& projections() { return *status_; }
  const std::vector<std::unique_ptr<Projector>>& projectors() const { return projectors_; }
  // Null unless options.run_scheduler.
  Scheduler* scheduler() { return scheduler_.get(); }

  // Waits until every projector has applied every event up to the given offsets (per partition),
  // or the timeout elapses (Timeout), or a projector failed (its error).
  Status WaitForProjections(const std::map<int, int64_t>& offsets,
                            std::chrono::milliseconds timeout);
  // Waits until reactors and projectors have processed everything in the log and the log has
  // stopped growing (reactions append events of their own): the system is quiet.
  Status WaitUntilQuiet(std::chrono::milliseconds timeout);

 private:
  EmbeddedSystem() = default;

  EmbeddedSystemOptions options_;
  std::unique_ptr<PgEventLog> pg_log_;
  std::unique_ptr<KafkaMockCluster> kafka_mock_;
  std::unique_ptr<KafkaBackend> kafka_;
  EventLog* stored_log_ = nullptr;
  CommandService* commands_ = nullptr;
  std::string description_;
  Registry registry_;
  std::unique_ptr<PersonalDataLayer> personal_;
  std::unique_ptr<CommandPipeline> pipeline_;
  std::vector<std::unique_ptr<Projection>> projections_;
  std::vector<std::unique_ptr<Projector>> projectors_;
  std::unique_ptr<ErasureRebuilder> erasures_;
  std::vector<std::unique_ptr<Reaction>> reactions_;
  std::vector<std::unique_ptr<Reactor>> reactors_;
  std::unique_ptr<ProjectorStatusSource> status_;
  std::unique_ptr<Scheduler> scheduler_;
  std::unique_ptr<HttpServer> http_;
  std::atomic<bool> stop_background_{false};
  std::vector<std::thread> background_threads_;
  bool stopped_ = false;
};

}  // namespace edu
