#include "commands/reactor.h"

#include <algorithm>

#include <pqxx/pqxx>

namespace edu {
namespace {

// One libpq connection, shared by the reactor's checkpoint store and its batch handler (never
// used by two threads at once: db_mu).
class ReactorDb {
 public:
  ReactorDb(std::string uri, std::string reactor)
      : uri_(std::move(uri)), name_(std::move(reactor)) {}

  // Runs `fn` with a transaction; library errors become a Status here, at the boundary.
  template <class Fn>
  Status WithTransaction(const char* what, Fn fn) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!db_ || !db_->is_open()) {
      try {
        db_ = std::make_unique<pqxx::connection>(uri_);
      } catch (const std::exception& e) {
        db_.reset();
        return Status::Unavailable("reactor " + name_ +
                                   ": cannot connect to PostgreSQL: " + e.what());
      }
    }
    try {
      pqxx::work tx(*db_);
      fn(tx);
      tx.commit();
      return Status::OK();
    } catch (const pqxx::broken_connection& e) {
      db_.reset();
      return Status::Unavailable("reactor " + name_ + ": " + what + ": " + e.what());
    } catch (const std::exception& e) {
      return Status::Internal("reactor " + name_ + ": " + what + ": " + e.what());
    }
  }

 private:
  std::string uri_;
  std::string name_;
  std::mutex mu_;
  std::unique_ptr<pqxx::connection> db_;
};

// eduledger.reactor_checkpoints: a separate store, committed after the commands were answered.
class ReactorCheckpointStore : public CheckpointStore {
 public:
  ReactorCheckpointStore(ReactorDb* db, std::string reactor) : db_(db), name_(std::move(reactor)) {}

  Status Load(int partitions, std::vector<int64_t>* next) override {
    std::vector<int64_t> loaded(static_cast<size_t>(partitions), 0);
    EDU_RETURN_IF_ERROR(db_->WithTransaction("loading the checkpoints", [&](pqxx::work& tx) {
      for (const auto& row : tx.exec_params("SELECT partition, next_offset FROM "
                                            "eduledger.reactor_checkpoints WHERE reactor = $1",
                                            name_)) {
        int p = row[0].as<int>();
        if (p >= 0 && p < partitions) loaded[static_cast<size_t>(p)] = row[1].as<int64_t>();
      }
    }));
    *next = std::move(loaded);
    return Status::OK();
  }

  // Keeps the greater offset: a redelivered batch never moves a checkpoint back.
  Status Commit(const std::vector<int64_t>& from, const std::vector<int64_t>& next) override {
    return db_->WithTransaction("saving the checkpoint", [&](pqxx::work& tx) {
      for (size_t p = 0; p < next.size(); ++p) {
        if (p < from.size() && next[p] == from[p]) continue;
        tx.exec_params(
            "INSERT INTO eduledger.reactor_checkpoints (reactor, partition, next_offset, "
            "updated_at) VALUES ($1, $2, $3, now()) ON CONFLICT (reactor, partition) DO UPDATE "
            "SET next_offset = GREATEST(eduledger.reactor_checkpoints.next_offset, "
            "EXCLUDED.next_offset), updated_at = now()",
            name_, static_cast<int>(p), next[p]);
      }
    });
  }

 private:
  ReactorDb* db_;
  std::string name_;
};

}  // namespace

struct Reactor::Impl : BatchHandler {
  EventLog* log;
  CommandService* commands;
  const Reaction* reaction;
  std::unique_ptr<ReactorDb> db;
  std::unique_ptr<ReactorCheckpointStore> store;
  std::unique_ptr<LogFollower> follower;

  mutable std::mutex stats_mu;
  ReactorStats stats;

  Status RecordOutcome(const RecordedEvent& e, const CommandRequest& r,
                       const Rejection& rejection) {
    return db->WithTransaction("recording an expected rejection", [&](pqxx::work& tx) {
      tx.exec_params(
          "INSERT INTO eduledger.reactor_outcomes (reactor, command_id, event_id, stream_id, "
          "stream_version, command_type, code, message, recorded_at) VALUES ($1, $2, $3, $4, $5, "
          "$6, $7, $8, now()) "
          "ON CONFLICT (reactor, command_id) DO NOTHING",
          reaction->name(), ToString(r.command_id), ToString(e.event_id), e.stream_id,
          e.stream_version, r.type, rejection.code, rejection.message);
    });
  }

  // Issues the event's commands. OK when every one was answered (accepted, replayed or an expected
  // rejection); Unavailable to retry later; *stop (with the cause in the status) when the reactor
  // must stop at the event; another error to report and retry.
  Status ReactTo(const RecordedEvent& e, bool* stop) {
    std::vector<ReactionCommand> out;
    Status reacted = reaction->React(e, &out);
    if (!reacted.ok()) {
      *stop = true;
      return reacted;
    }
    const auto expected = reaction->expected_rejections();
    for (const ReactionCommand& c : out) {
      CommandRequest r = ReactionRequest(*reaction, e, c);
      CommandResult result = commands->Handle(r);
      if (result.ok()) {
        std::lock_guard<std::mutex> lock(stats_mu);
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
        std::lock_guard<std::mutex> lock(stats_mu);
        ++stats.expected_rejections;
        continue;
      }
      *stop = true;
      return Status::Internal(c.type + " was rejected: " + rejection.code + ": " +
                              rejection.message);
    }
    return Status::OK();
  }

  BatchOutcome Handle(const FollowerBatch& batch) override {
    BatchOutcome outcome;
    for (size_t i = 0; i < batch.events.size(); ++i) {
      const RecordedEvent& e = batch.events[i];
      bool stop = false;
      Status s;
      try {
        if (!reaction->Handles(e)) {
          s = Status::OK();
        } else if (batch.skipped[i]) {
          std::lock_guard<std::mutex> lock(stats_mu);
          ++stats.events_skipped;
        } else {
          s = ReactTo(e, &stop);
        }
      } catch (const std::exception& ex) {
        stop = true;
        s = Status::Internal(std::string("an exception: ") + ex.what());
      } catch (...) {
        stop = true;
        s = Status::Internal("an exception of unknown type");
      }
      if (!s.ok()) {
        // The events before this one were answered: their checkpoint is committed.
        outcome.status = stop ? Status::Internal(s.message()) : s;
        outcome.done = i;
        if (stop) outcome.failed_event = i;
        return outcome;
      }
      std::lock_guard<std::mutex> lock(stats_mu);
      ++stats.events_seen;
    }
    // A crash before the follower commits the checkpoint redelivers the batch; the derived
    // command ids make that harmless.
    return outcome;
  }

  std::string StopMessage(const RecordedEvent& e, const std::string& cause) const override {
    return "reactor " + reaction->name() + " stopped at " + e.stream_id + " v" +
           std::to_string(e.stream_version) + " (partition " + std::to_string(e.partition) +
           ", offset " + std::to_string(e.offset) + ", " + e.type + "): " + cause;
  }
};

Reactor::Reactor(EventLog* log, CommandService* commands, std::string pg_uri,
                 const Reaction* reaction, ReactorOptions options)
    : impl_(std::make_unique<Impl>()), reaction_(reaction) {
  impl_->log = log;
  impl_->commands = commands;
  impl_->reaction = reaction;
  impl_->db = std::make_unique<ReactorDb>(std::move(pg_uri), reaction->name());
  impl_->store = std::make_unique<ReactorCheckpointStore>(impl_->db.get(), reaction->name());
  FollowerOptions follow;
  follow.component = "reaction";
  follow.name = reaction->name();
  follow.batch_size = options.batch_size;
  follow.idle_wait = options.idle_wait;
  follow.retry_backoff = options.retry_backoff;
  impl_->follower =
      std::make_unique<LogFollower>(log, impl_->store.get(), impl_.get(), std::move(follow));
}

Reactor::~Reactor() = default;

Status Reactor::Initialize() {
  EDU_RETURN_IF_ERROR(impl_->db->WithTransaction("initialising", [&](pqxx::work& tx) {
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
  }));
  return impl_->follower->Start().Annotate("reactor " + reaction_->name());
}

Status Reactor::CatchUp(size_t* commands_issued) {
  uint64_t before = stats().commands_issued;
  Status s = impl_->follower->CatchUp(nullptr);
  if (commands_issued) *commands_issued = static_cast<size_t>(stats().commands_issued - before);
  return s;
}

void Reactor::Run(const std::atomic<bool>& stop) { impl_->follower->Run(stop); }

Status Reactor::Lag(std::vector<int64_t>* per_partition) {
  return impl_->follower->Lag(per_partition);
}

Status Reactor::WaitForPosition(int partition, int64_t offset, std::chrono::milliseconds timeout) {
  return impl_->follower->WaitForPosition(partition, offset, timeout);
}

std::optional<StoppedEvent> Reactor::stopped_at() const { return impl_->follower->stopped_at(); }

Status Reactor::last_error() const { return impl_->follower->last_error(); }

ReactorStats Reactor::stats() const {
  std::lock_guard<std::mutex> lock(impl_->stats_mu);
  return impl_->stats;
}

}  // namespace edu
