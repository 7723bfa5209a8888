// eduledger assembled, once for every use: `serve`, the demo, the bench and the tests all start
// this System (what differs by use is an option, not a second assembly). It owns the event log
// (the embedded PostgreSQL default, or Kafka with its command processors, incl. librdkafka's mock
// cluster in this process), the personal data layer (docs/gdpr.md), the registry of every
// marketplace, the command service (the in-process pipeline, or the Kafka command client), one
// projector per read schema and one reactor per reaction (each following the log on its own
// thread), the erasure rebuilder, the scheduler of eduledger's own deadlines, the clock (the
// system clock, a caller's clock, or a manual clock POST /v1/clock moves) and the HTTP API
// (metrics and /healthz included). Partition heads are signed with log.seal_key.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "adapters/config/config.h"
#include "adapters/http/http_server.h"
#include "adapters/kafka/kafka_backend.h"
#include "adapters/wiring/erasure_rebuilder.h"
#include "adapters/wiring/personal_data_layer.h"
#include "adapters/wiring/projector_status.h"
#include "commands/calendar_booking_service.h"
#include "commands/pipeline.h"
#include "commands/reactor.h"
#include "commands/registry.h"
#include "commands/scheduler.h"
#include "eventstore/pg_event_log.h"
#include "eventstore/test_clock.h"
#include "projections/projection.h"
#include "projections/projector.h"

namespace edu {

struct SystemOptions {
  std::string db_uri;  // read tables, checkpoints, person keys; and the log on "postgres"
  std::string log_backend = "postgres";  // or "kafka"
  // Partitions, writer threads and the key that signs partition heads (docs/tamper-evidence.md;
  // unset: heads are not signed).
  PgEventLog::Options log;
  // With log_backend "kafka": the cluster; bootstrap_servers "mock" (or empty) runs librdkafka's
  // mock cluster in this process (in-memory, not durable, ~5 MiB per partition). Its partition
  // count is log.partitions.
  KafkaSettings kafka;
  int kafka_processors = 1;  // command processors in this process (the bench runs more)
  ProjectorOptions projector;
  // A projection whose stored version is not the code's is rebuilt blue/green from offset zero.
  // false (the demo, the tests): before Start returns. true (serve): in the background, while
  // the live tables keep serving until the swap.
  bool rebuild_projections_in_background = false;
  // Rate limits, timeouts and the port (0: any free port; HttpServerOptions::FromConfig for
  // serve's). The default limits nothing (the demo and the tests send bursts on purpose).
  HttpServerOptions http;
  std::string jwt_secret;
  // The commands' and the scheduler's "now". With manual_clock_start set, the System owns a
  // manual clock starting there instead, which only POST /v1/clock moves (serve --clock manual).
  const Clock* clock = SystemClock::Instance();
  std::optional<Timestamp> manual_clock_start;
  Policies policies;
  bool run_projectors = true;
  bool run_reactors = true;
  // eduledger's own deadlines (commands/scheduler.h), issued when due by the clock: with an
  // interval of 0 (the default: the demo and the tests move a simulated clock and issue their own
  // releases and payout runs) only when scheduler()->RunDue() is called or the manual clock moves;
  // otherwise also every scheduler_interval in the background (serve runs it so).
  bool run_scheduler = true;
  std::chrono::milliseconds scheduler_interval{0};
  // The projections to run; empty: AllProjections(). Tests pass other versions of them.
  std::function<std::vector<std::unique_ptr<Projection>>()> make_projections;
  // Progress lines for an operator (waiting for the Kafka processors, a projection rebuilding in
  // the background). Empty: silent.
  std::function<void(const std::string&)> report;
  // One line per read-table rebuild after an erasure, or its failure. Empty: silent.
  std::function<void(const std::string&)> erasure_report;
};

// serve's options from its configuration: the log (backend, partitions, writer threads, the
// audit key, created when missing), Kafka, projector batch size, HTTP limits and rate limits,
// the JWT secret, the policies file, and the scheduler polling in the background. The clock stays
// the system clock. InvalidArgument (the message names the key) or the audit key's error.
Status SystemOptionsFromConfig(const Config& config, SystemOptions* out);

class System {
 public:
  // Checks what can be checked before anything starts: the log backend, and that every rate
  // limited route names a command of its marketplace. InvalidArgument naming the config key.
  static Status CheckOptions(const SystemOptions& options);

  // CheckOptions, then opens the log, initialises the projections (rebuilding those whose code
  // version changed, or whose schema is missing or was not built by a projector; see
  // rebuild_projections_in_background), starts the projector and reactor threads, the scheduler
  // and the HTTP server. On failure nothing keeps running. A projection or reaction that later
  // stops at an event stops alone: /healthz says "degraded" and names it and the event.
  static Status Start(SystemOptions options, std::unique_ptr<System>* out);
  ~System();  // Stop()
  System(const System&) = delete;
  System& operator=(const System&) = delete;

  // In dependency order: the HTTP server (no new commands), the erasure rebuilder, the projector,
  // reactor and scheduler threads (and background rebuilds), then the logs. Idempotent.
  void Stop();

  // The stored log (what the hash chain covers), on either backend.
  EventLog& log() { return *stored_log_; }
  // Only on the "postgres" backend (null otherwise).
  PgEventLog* pg_log() { return pg_log_.get(); }
  // Only on the "kafka" backend (null otherwise): its processors, clients and settings (with the
  // mock cluster's address when it runs in this process).
  KafkaBackend* kafka() { return kafka_.get(); }
  // Only when the mock cluster runs in this process (null otherwise).
  KafkaMockCluster* kafka_mock() { return kafka_mock_.get(); }
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
  const std::vector<std::unique_ptr<Reactor>>& reactors() const { return reactors_; }
  // Null unless options.run_scheduler.
  Scheduler* scheduler() { return scheduler_.get(); }
  // The clock the commands read (options.clock, or the manual clock).
  const Clock* clock() const { return clock_; }
  // Only with options.manual_clock_start (null otherwise).
  TestClock* test_clock() { return test_clock_.get(); }

  // Waits until every projector has applied every event up to the given offsets (per partition),
  // or the timeout elapses (Timeout), or a projector failed (its error).
  Status WaitForProjections(const std::map<int, int64_t>& offsets,
                            std::chrono::milliseconds timeout);
  // Waits until reactors and projectors have processed everything in the log and the log has
  // stopped growing (reactions append events of their own): the system is quiet.
  Status WaitUntilQuiet(std::chrono::milliseconds timeout);

 private:
  System() = default;
  Status OpenLog();
  Status StartProjectors();
  Status StartReactors();
  void StartScheduler();
  void Report(const std::string& line) const;

  // Members are destroyed in reverse order: the services before the logs they use.
  SystemOptions options_;
  std::unique_ptr<ManualClock> manual_clock_;
  std::unique_ptr<TestClock> test_clock_;
  const Clock* clock_ = nullptr;
  Registry registry_;
  std::unique_ptr<PersonalDataLayer> personal_;  // wraps the logs below (outlives them)
  std::unique_ptr<PgEventLog> pg_log_;
  std::unique_ptr<KafkaMockCluster> kafka_mock_;
  std::unique_ptr<KafkaBackend> kafka_;
  EventLog* stored_log_ = nullptr;
  CommandService* commands_ = nullptr;
  std::string description_;
  std::unique_ptr<CommandPipeline> pipeline_;
  std::unique_ptr<CalendarBookingService> calendar_booking_;  // over pipeline_ or Kafka's client
  std::vector<std::unique_ptr<Projection>> projections_;
  std::vector<std::unique_ptr<Projector>> projectors_;
  std::atomic<ErasureRebuilder*> erasure_notify_{nullptr};
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
