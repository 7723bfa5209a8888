#include "commands/reactor.h"

#include <algorithm>
#include <thread>

#include <pqxx/pqxx>

#include "eventstore/metrics.h"
#include "eventstore/structured_log.h"

namespace edu {

struct Reactor::Impl {
  EventLog* log;
  CommandService* commands;
  std::string uri;
  const Reaction* reaction;
  ReactorOptions options;

  mutable std::mutex mu;
  std::condition_variable progressed;
  std::vector<int64_t> checkpoints;  // next offset per partition
  Status error;                      // set once the reactor failed
  std::optional<StoppedEvent> stopped_at;
  std::unique_ptr<SkipDecisionSet> decisions;  // guarded by mu
  ReactorStats stats;
  std::unique_ptr<pqxx::connection> db;

  Status Connect() {
    if (db && db->is_open()) return Status::OK();
    try {
      db = std::make_unique<pqxx::connection>(uri);
      return Status::OK();
    } catch (const std::exception& e) {
      db.reset();
      return Status::Unavailable(std::string("reactor ") + reaction->name() +
                                 ": cannot connect to PostgreSQL: " + e.what());
    }
  }

  // Runs `fn` with a transaction; library errors become a Status here, at the boundary.
  template <class Fn>
  Status WithTransaction(const char* what, Fn fn) {
    EDU_RETURN_IF_ERROR(Connect());
    try {
      pqxx::work tx(*db);
      fn(tx);
      tx.commit();
      return Status::OK();
    } catch (const pqxx::broken_connection& e) {
      db.reset();
      return Status::Unavailable(std::string("reactor ") + reaction->name() + ": " + what + ": " +
                                 e.what());
    } catch (const std::exception& e) {
      return Status::Internal(std::string("reactor ") + reaction->name() + ": " + what + ": " +
                              e.what());
    }
  }

  Status SaveCheckpoint(int partition, int64_t next) {
    return WithTransaction("saving the checkpoint", [&](pqxx::work& tx) {
      tx.exec_params(
          "INSERT INTO eduledger.reactor_checkpoints (reactor, partition, next_offset, updated_at) "
          "VALUES ($1, $2, $3, now()) ON CONFLICT (reactor, partition) DO UPDATE SET "
          "next_offset = GREATEST(eduledger.reactor_checkpoints.next_offset, "
          "EXCLUDED.next_offset), "
          "updated_at = now()",
          reaction->name(), partition, next);
    });
  }

  Status RecordOutcome(const RecordedEvent& e, const CommandRequest& r,
                       const Rejection& rejection) {
    return WithTransaction("recording an expected rejection", [&](pqxx::work& tx) {
      tx.exec_params(
          "INSERT INTO eduledger.reactor_outcomes (reactor, command_id, event_id, stream_id, "
          "stream_version, command_type, code, message, recorded_at) VALUES ($1, $2, $3, $4, $5, "
          "$6, $7, $8, now()) "
          "ON CONFLICT (reactor, command_id) DO NOTHING",
          reaction->name(), ToString(r.command_id), ToString(e.event_id), e.stream_id,
          e.stream_version, r.type, rejection.code, rejection.message);
    });
  }

  Status Fail(const RecordedEvent& e, const std::string& cause) {
    std::lock_guard<std::mutex> lock(mu);
    error = Status::Internal("reactor " + reaction->name() + " stopped at " + e.stream_id + " v" +
                             std::to_string(e.stream_version) + " (partition " +
                             std::to_string(e.partition) + ", offset " + std::to_string(e.offset) +
                             ", " + e.type + "): " + cause);
    stopped_at = StoppedEvent{e.event_id,  e.type,   e.stream_id,    e.stream_version,
                              e.partition, e.offset, error.message()};
    progressed.notify_all();
    metrics::RecordComponentStopped("reaction", reaction->name());
    logging::Log(logging::Level::kError, "reaction_stopped",
                 {{"reaction", reaction->name()},
                  {"event_id", ToString(e.event_id)},
                  {"event_type", e.type},
                  {"partition", int64_t{e.partition}},
                  {"offset", e.offset},
                  {"error", error.message()}});
    return error;
  }

  Status RefreshDecisions(size_t* added) {
    std::lock_guard<std::mutex> lock(mu);
    return decisions->Refresh(log, added);
  }

  bool Skips(const Uuid& event_id) {
    std::lock_guard<std::mutex> lock(mu);
    return decisions->Skips(event_id);
  }

  // ReactTo with every exception turned into this event's failure.
  Status ReactGuarded(const RecordedEvent& e) {
    try {
      return ReactTo(e);
    } catch (const std::exception& ex) {
      return Fail(e, std::string("an exception: ") + ex.what());
    } catch (...) {
      return Fail(e, "an exception of unknown type");
    }
  }

  // Issues the event's commands. OK when every one was answered (accepted, replayed or an expected
  // rejection); Unavailable to retry later; another error when the reactor must stop.
  Status ReactTo(const RecordedEvent& e) {
    std::vector<ReactionCommand> out;
    Status reacted = reaction->React(e, &out);
    if (!reacted.ok()) return Fail(e, reacted.message());
    const auto expected = reaction->expected_rejections();
    for (const ReactionCommand& c : out) {
      CommandRequest r = ReactionRequest(*reaction, e, c);
      CommandResult result = commands->Handle(r);
      if (result.ok()) {
        std::lock_guard<std::mutex> lock(mu);
        ++stats.commands_issued;
        if (result.replayed) ++stats.commands_replayed;
        continue;
      }
      const Rejection& rejection = *result.error;
      if (rejection.kind == ErrorKind::kUnavailable) {
        return Status::Unavailable(rejection.message);
      }
      if (std::find(expected.begin(), expected.end(), rejection.code) != expected.end()) {
        EDU_RETURN_IF_ERROR(RecordOutcome(e, r, rejection));
        std::lock_guard<std::mutex> lock(mu);
        ++stats.expected_rejections;
        continue;
      }
      return Fail(e, c.type + " was rejected: " + rejection.code + ": " + rejection.message);
    }
    return Status::OK();
  }

  // One page of one partition. *done when the partition had nothing more to read.
  Status Step(int partition, bool* done) {
    int64_t from;
    {
      std::lock_guard<std::mutex> lock(mu);
      if (!error.ok()) return error;
      from = checkpoints[static_cast<size_t>(partition)];
    }
    std::vector<RecordedEvent> page;
    EDU_RETURN_IF_ERROR(log->ReadPartition(partition, from, options.batch_size, &page));
    *done = page.empty();
    if (page.empty()) return Status::OK();
    for (const RecordedEvent& e : page) {
      bool handles = false;
      try {
        handles = reaction->Handles(e);
      } catch (...) {
        return Fail(e, "Handles() threw");
      }
      if (handles && Skips(e.event_id)) {
        std::lock_guard<std::mutex> lock(mu);
        ++stats.events_skipped;
      } else if (handles) {
        EDU_RETURN_IF_ERROR(ReactGuarded(e));
      }
      std::lock_guard<std::mutex> lock(mu);
      ++stats.events_seen;
    }
    int64_t next = page.back().offset + 1;
    // A crash before this point redelivers the page; the derived command ids make that harmless.
    EDU_RETURN_IF_ERROR(SaveCheckpoint(partition, next));
    std::lock_guard<std::mutex> lock(mu);
    checkpoints[static_cast<size_t>(partition)] = next;
    progressed.notify_all();
    return Status::OK();
  }
};

Reactor::Reactor(EventLog* log, CommandService* commands, std::string pg_uri,
                 const Reaction* reaction, ReactorOptions options)
    : impl_(std::make_unique<Impl>()), reaction_(reaction) {
  impl_->log = log;
  impl_->commands = commands;
  impl_->uri = std::move(pg_uri);
  impl_->reaction = reaction;
  impl_->options = options;
  impl_->checkpoints.assign(static_cast<size_t>(log->partition_count()), 0);
  impl_->decisions = std::make_unique<SkipDecisionSet>("reaction", reaction->name());
}

Reactor::~Reactor() = default;

Status Reactor::Initialize() {
  std::vector<int64_t> loaded(static_cast<size_t>(impl_->log->partition_count()), 0);
  EDU_RETURN_IF_ERROR(impl_->WithTransaction("initialising", [&](pqxx::work& tx) {
    tx.exec("SELECT pg_advisory_xact_lock(hashtext('eduledger.reactor_schema'))");
    tx.exec("CREATE SCHEMA IF NOT EXISTS eduledger");
    tx.exec(
        "CREATE TABLE IF NOT EXISTS eduledger.reactor_checkpoints (reactor text NOT NULL, "
        "partition integer NOT NULL, next_offset bigint NOT NULL, updated_at timestamptz NOT NULL, "
        "PRIMARY KEY (reactor, partition))");
    tx.exec(
        "CREATE TABLE IF NOT EXISTS eduledger.reactor_outcomes (reactor text NOT NULL, "
        "command_id uuid NOT NULL, event_id uuid NOT NULL, stream_id text NOT NULL, "
        "stream_version bigint NOT NULL, command_type text NOT NULL, code text NOT NULL, "
        "message text NOT NULL, recorded_at timestamptz NOT NULL, PRIMARY KEY (reactor, "
        "command_id))");
    for (const auto& row : tx.exec_params(
             "SELECT partition, next_offset FROM eduledger.reactor_checkpoints WHERE reactor = $1",
             impl_->reaction->name())) {
      int p = row[0].as<int>();
      if (p >= 0 && p < static_cast<int>(loaded.size()))
        loaded[static_cast<size_t>(p)] = row[1].as<int64_t>();
    }
  }));
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->checkpoints = loaded;
  }
  return impl_->RefreshDecisions(nullptr).Annotate("reactor " + impl_->reaction->name());
}

Status Reactor::CatchUp(size_t* commands_issued) {
  uint64_t before = stats().commands_issued;
  std::vector<int64_t> ends;
  EDU_RETURN_IF_ERROR(impl_->log->EndOffsets(&ends));
  for (int p = 0; p < static_cast<int>(ends.size()); ++p) {
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(impl_->mu);
        if (impl_->checkpoints[static_cast<size_t>(p)] >= ends[static_cast<size_t>(p)]) break;
      }
      bool done = false;
      EDU_RETURN_IF_ERROR(impl_->Step(p, &done));
      if (done) break;
    }
  }
  if (commands_issued) *commands_issued = static_cast<size_t>(stats().commands_issued - before);
  return Status::OK();
}

void Reactor::Run(const std::atomic<bool>& stop) {
  const int partitions = impl_->log->partition_count();
  auto next_decision_poll = std::chrono::steady_clock::now();
  while (!stop) {
    Status s;
    try {
      s = CatchUp(nullptr);
    } catch (const std::exception& e) {
      s = Status::Unavailable(std::string("reactor ") + reaction_->name() + ": " + e.what());
    } catch (...) {
      s = Status::Unavailable("reactor " + reaction_->name() + ": an exception of unknown type");
    }
    if (!s.ok()) {
      if (!last_error().ok()) {
        // Stopped at an event: stay stopped and keep reporting it until an operator decides to
        // skip it (the decisions are polled every retry_backoff).
        {
          std::unique_lock<std::mutex> lock(impl_->mu);
          impl_->progressed.wait_for(lock, impl_->options.idle_wait);
        }
        if (std::chrono::steady_clock::now() < next_decision_poll) continue;
        next_decision_poll = std::chrono::steady_clock::now() + impl_->options.retry_backoff;
        std::optional<StoppedEvent> at = stopped_at();
        Status refreshed;
        try {
          refreshed = impl_->RefreshDecisions(nullptr);
        } catch (...) {
          refreshed = Status::Internal("reading decisions threw");
        }
        if (refreshed.ok() && at && impl_->Skips(at->event_id)) {
          std::lock_guard<std::mutex> lock(impl_->mu);
          impl_->error = Status::OK();
          impl_->stopped_at.reset();
        }
        continue;
      }
      std::this_thread::sleep_for(impl_->options.retry_backoff);  // unavailable: try again
      continue;
    }
    auto slice =
        std::max(std::chrono::milliseconds(1), impl_->options.idle_wait / std::max(1, partitions));
    for (int p = 0; p < partitions && !stop; ++p) {
      int64_t next;
      {
        std::lock_guard<std::mutex> lock(impl_->mu);
        next = impl_->checkpoints[static_cast<size_t>(p)];
      }
      Status waited;
      try {
        waited = impl_->log->WaitForEvents(p, next, slice);
      } catch (...) {
        waited = Status::Unavailable("WaitForEvents threw");
      }
      if (waited.ok()) break;
    }
  }
}

Status Reactor::Lag(std::vector<int64_t>* per_partition) {
  std::vector<int64_t> ends;
  EDU_RETURN_IF_ERROR(impl_->log->EndOffsets(&ends));
  std::lock_guard<std::mutex> lock(impl_->mu);
  per_partition->clear();
  for (size_t p = 0; p < ends.size(); ++p) {
    per_partition->push_back(std::max<int64_t>(0, ends[p] - impl_->checkpoints[p]));
  }
  return Status::OK();
}

Status Reactor::WaitForPosition(int partition, int64_t offset, std::chrono::milliseconds timeout) {
  if (partition < 0 || partition >= static_cast<int>(impl_->checkpoints.size())) {
    return Status::InvalidArgument("partition " + std::to_string(partition) + " does not exist");
  }
  std::unique_lock<std::mutex> lock(impl_->mu);
  bool reached = impl_->progressed.wait_for(lock, timeout, [&] {
    return !impl_->error.ok() || impl_->checkpoints[static_cast<size_t>(partition)] > offset;
  });
  if (!impl_->error.ok()) return impl_->error;
  return reached ? Status::OK()
                 : Status::Timeout("reactor " + reaction_->name() + " has not reached partition " +
                                   std::to_string(partition) + " offset " + std::to_string(offset));
}

std::optional<StoppedEvent> Reactor::stopped_at() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->stopped_at;
}

Status Reactor::last_error() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->error;
}

ReactorStats Reactor::stats() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->stats;
}

}  // namespace edu
