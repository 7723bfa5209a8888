// PgEventLog::Append and its writer threads: requests queued per writer, taken up to max_batch
// at a time and committed in ONE transaction (group commit) under the partition row locks; a
// connection lost before COMMIT retried once, one lost during COMMIT reported as in doubt, and a
// failed batch retried request by request so only the culprit gets the error. What a batch
// decides and writes is in pg_event_log_batch.cc.
#include <set>

#include "eventstore/append_validation.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/metrics.h"
#include "eventstore/pg_event_log_internal.h"
#include "eventstore/utf8.h"

namespace edu {
namespace {

// PostgreSQL text cannot hold NUL and the database is UTF-8; refuse such input before it is queued
// rather than failing a whole batch with it.
bool IsValidUtf8(std::string_view s) {
  return s.find('\0') == std::string_view::npos && utf8::IsValid(s);
}

Status ValidateText(const AppendRequest& request) {
  auto check = [&](const std::string& what, std::string_view value) {
    return IsValidUtf8(value)
               ? Status::OK()
               : Status::InvalidArgument(what + " contains a NUL byte or is not valid UTF-8");
  };
  EDU_RETURN_IF_ERROR(check("stream id", request.stream_id));
  for (size_t i = 0; i < request.events.size(); ++i) {
    const NewEvent& e = request.events[i];
    std::string which = "event #" + std::to_string(i) + " of " + request.stream_id;
    EDU_RETURN_IF_ERROR(check(which + ": type", e.type));
    EDU_RETURN_IF_ERROR(check(which + ": marketplace", e.marketplace));
    EDU_RETURN_IF_ERROR(check(which + ": actor id", e.actor.id));
    EDU_RETURN_IF_ERROR(check(which + ": actor role", e.actor.role));
    EDU_RETURN_IF_ERROR(check(which + ": payload", e.payload));
    for (const auto& [key, value] : e.metadata) {
      EDU_RETURN_IF_ERROR(check(which + ": metadata key", key));
      EDU_RETURN_IF_ERROR(check(which + ": metadata '" + key + "'", value));
    }
  }
  if (request.command) {
    EDU_RETURN_IF_ERROR(check("command request hash", request.command->request_hash));
    EDU_RETURN_IF_ERROR(check("command result", request.command->result));
  }
  return Status::OK();
}

std::string JoinInts(const std::vector<int>& values) {
  std::string out;
  for (int v : values) {
    if (!out.empty()) out += ',';
    out += std::to_string(v);
  }
  return out;
}

// Metrics of one committed group (eventstore/metrics.h): its requests and the events they appended.
template <class Decisions>
void RecordGroupCommitMetrics(size_t requests, const Decisions& decisions) {
  size_t events = 0;
  for (const auto& d : decisions) {
    if (d.status.ok() && d.result.first_offset >= 0) {
      events += static_cast<size_t>(d.result.last_offset - d.result.first_offset + 1);
    }
  }
  metrics::RecordGroupCommit("postgresql", requests, events);
}

}  // namespace

using pg_log::Connect;
using pg_log::IsOpen;
using pg_log::kSealColumns;
using pg_log::SealFromRow;
using pg_log::StatusFromCurrentException;
using pg_log::Text;

Status PgEventLog::Impl::Append(const AppendRequest& request, AppendResult* result) {
  EDU_RETURN_IF_ERROR(ValidateAppend(request));
  EDU_RETURN_IF_ERROR(ValidateText(request));
  PendingAppend pending;
  pending.request = &request;
  pending.partition =
      static_cast<int>(Murmur2(request.stream_id) % static_cast<uint32_t>(options_.partitions));
  std::future<void> done = pending.done.get_future();
  Writer& writer = *writers_[static_cast<size_t>(pending.partition % options_.writer_threads)];
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    if (stopping_) return Status::Unavailable("event log is shutting down");
    writer.queue.push_back(&pending);
  }
  writer.queued.notify_one();
  done.wait();
  *result = pending.result;
  return pending.status;
}

void PgEventLog::Impl::WriterLoop(Writer* w) {
  for (;;) {
    std::vector<PendingAppend*> batch;
    {
      std::unique_lock<std::mutex> lock(queue_mu_);
      w->queued.wait(lock, [&] { return stopping_ || !w->queue.empty(); });
      if (w->queue.empty()) return;  // stopping, and everything queued has been handled
      while (!w->queue.empty() && batch.size() < options_.max_batch) {
        batch.push_back(w->queue.front());
        w->queue.pop_front();
      }
    }
    Process(w, batch);
  }
}

void PgEventLog::Impl::Complete(PendingAppend* p, Status status, AppendResult result) {
  p->status = std::move(status);
  p->result = std::move(result);
  p->done.set_value();  // the caller may return and destroy *p from here on
}

Status PgEventLog::Impl::EnsureWriterConnected(Writer* w) {
  if (IsOpen(w->conn)) return Status::OK();
  if (w->used) ++reconnects_;
  EDU_RETURN_IF_ERROR(Connect(uri_, "writer", nullptr, &w->conn));
  w->used = true;
  return Status::OK();
}

void PgEventLog::Impl::Process(Writer* w, const std::vector<PendingAppend*>& batch) {
  constexpr int kMaxTransientRetries = 3;
  bool retried_lost_connection = false;
  for (int transient_retries = 0;;) {
    Status connected = EnsureWriterConnected(w);
    if (!connected.ok()) {
      for (PendingAppend* p : batch) Complete(p, connected, AppendResult{});
      return;
    }
    BatchPlan plan;
    Attempt attempt = TryCommit(w, batch, &plan);
    switch (attempt.outcome) {
      case Outcome::kCommitted: {
        ++transactions_committed_;
        requests_committed_ += static_cast<int64_t>(batch.size());
        RecordGroupCommitMetrics(batch.size(), plan.decisions);
        size_t largest = largest_batch_.load();
        while (batch.size() > largest &&
               !largest_batch_.compare_exchange_weak(largest, batch.size())) {
        }
        // Wake in-process readers before the appenders return, so an appender's next
        // WaitForEvents sees its own events.
        for (const auto& [partition, head] : plan.heads) {
          if (head.appended) AdvanceKnownEnd(partition, head.next_offset);
        }
        for (size_t i = 0; i < batch.size(); ++i) {
          Complete(batch[i], plan.decisions[i].status, plan.decisions[i].result);
        }
        return;
      }
      case Outcome::kLostBeforeCommit:
        // The server rolls back a transaction whose connection dropped before COMMIT was sent:
        // nothing was written, so one retry on a fresh connection is safe.
        w->conn.reset();
        if (!retried_lost_connection) {
          retried_lost_connection = true;
          continue;
        }
        for (PendingAppend* p : batch) Complete(p, attempt.error, AppendResult{});
        return;
      case Outcome::kInDoubt:
        w->conn.reset();
        for (PendingAppend* p : batch) {
          std::string detail =
              attempt.error.message().empty() ? "" : ": " + attempt.error.message();
          Complete(
              p,
              Status::Unavailable("appending to " + p->request->stream_id +
                                  ": connection to PostgreSQL lost during COMMIT; the outcome is "
                                  "unknown (retrying with the same command id is safe)" +
                                  detail),
              AppendResult{});
        }
        return;
      case Outcome::kFailed: {
        if (batch.size() > 1) {
          // Do not blame innocent requests: find the culprit by handling each alone.
          ++batches_isolated_;
          for (PendingAppend* p : batch) Process(w, {p});
          return;
        }
        bool transient = attempt.sqlstate == "40001" || attempt.sqlstate == "40P01" ||
                         (attempt.sqlstate == "23505" &&
                          attempt.error.message().find("commands_pkey") != std::string::npos);
        if (transient && transient_retries < kMaxTransientRetries) {
          ++transient_retries;
          continue;
        }
        Complete(batch[0], SingleRequestError(*batch[0], attempt), AppendResult{});
        return;
      }
    }
  }
}

Status PgEventLog::Impl::SingleRequestError(const PendingAppend& p, const Attempt& a) const {
  const std::string& stream = p.request->stream_id;
  if (a.sqlstate == "23505" && a.error.message().find("events_event_id_key") != std::string::npos) {
    return Status::Duplicate("appending to " + stream +
                             ": an event id is already in the log: " + a.error.message());
  }
  if (a.sqlstate.rfind("22", 0) == 0) {  // data exception: the input, not the server
    return Status::InvalidArgument("appending to " + stream +
                                   ": PostgreSQL refused the data: " + a.error.message());
  }
  return a.error.Annotate("appending to " + stream);
}

PgEventLog::Impl::Attempt PgEventLog::Impl::TryCommit(Writer* w,
                                                      const std::vector<PendingAppend*>& batch,
                                                      BatchPlan* plan) {
  bool committing = false;
  auto lost = [&](const Status& error) {
    return Attempt{committing ? Outcome::kInDoubt : Outcome::kLostBeforeCommit, error, ""};
  };
  try {
    pqxx::work tx(*w->conn);
    std::set<int> involved;
    for (const PendingAppend* p : batch) involved.insert(p->partition);
    std::vector<int> partitions(involved.begin(), involved.end());

    // 1. Lock the partition rows, ascending, so writers never deadlock on each other. Offsets are
    //    assigned under these locks, held until COMMIT.
    Status locked = LockHeads(tx, partitions, plan);
    if (!locked.ok()) return Attempt{Outcome::kFailed, locked, ""};

    // 2. The batch's stream versions and already recorded command ids, read after the locks.
    std::map<std::string, int64_t> stored_versions;
    std::map<Uuid, CommandRecord> stored_commands;
    Status read = ReadStoredState(tx, batch, &stored_versions, &stored_commands);
    if (!read.ok()) return Attempt{Outcome::kFailed, read, ""};

    // 3. Decide every request in FIFO order, then 4. write it all with multi-row statements.
    plan->recorded_at = options_.clock->Now();
    Decide(batch, stored_versions, stored_commands, plan);
    std::string writes = WriteStatements(tx, *plan);
    if (!writes.empty()) tx.exec(writes);

    if (options_.before_commit) {
      BatchInfo info;
      info.sequence = ++batch_sequence_;
      info.backend_pid = w->conn->backendpid();
      info.requests = batch.size();
      info.partitions = partitions;
      options_.before_commit(info);
    }
    committing = true;
    tx.commit();
    return Attempt{};
  } catch (const pqxx::in_doubt_error&) {
    committing = true;
    return lost(Status::Unavailable(""));  // libpqxx's text adds nothing to ours
  } catch (const pqxx::broken_connection&) {
    return lost(StatusFromCurrentException("appending"));
  } catch (const pqxx::sql_error& e) {
    Status error = StatusFromCurrentException("appending");
    // A server that terminates the session answers with an error (57P01) and then hangs up.
    if (!IsOpen(w->conn)) return lost(Status::Unavailable(error.message()));
    return Attempt{Outcome::kFailed, error, e.sqlstate()};
  } catch (...) {
    Status error = StatusFromCurrentException("appending");
    if (!IsOpen(w->conn) || committing) return lost(Status::Unavailable(error.message()));
    return Attempt{Outcome::kFailed, error, ""};
  }
}

Status PgEventLog::Impl::LockHeads(pqxx::transaction_base& tx, const std::vector<int>& partitions,
                                   BatchPlan* plan) const {
  // Ascending: LockRows runs above the sort. With a seal key, each row comes with its seal (same
  // round trip), checked in WriteStatements against the head as locked.
  const bool sealing = !options_.seal_key.empty();
  pqxx::result heads = tx.exec(
      sealing ? std::string("SELECT p.partition, p.next_offset, p.last_hash, ") + kSealColumns +
                    " FROM eventstore.partitions p LEFT JOIN eventstore.head_seals s ON "
                    "s.partition = p.partition WHERE p.partition IN (" +
                    JoinInts(partitions) + ") ORDER BY p.partition FOR UPDATE OF p"
              : "SELECT partition, next_offset, last_hash FROM eventstore.partitions WHERE "
                "partition IN (" +
                    JoinInts(partitions) + ") ORDER BY partition FOR UPDATE");
  for (const auto& row : heads) {
    PartitionHead& head = plan->heads[row[0].as<int>()];
    head.next_offset = row[1].as<int64_t>();
    head.last_hash = Text(row[2]);
    head.found_next_offset = head.next_offset;
    head.found_last_hash = head.last_hash;
    if (sealing) head.stored_seal = SealFromRow(row, 3);
  }
  if (plan->heads.size() != partitions.size()) {
    return Status::Internal("eventstore.partitions lacks a row for one of partitions " +
                            JoinInts(partitions));
  }
  return Status::OK();
}

Status PgEventLog::Impl::ReadStoredState(pqxx::transaction_base& tx,
                                         const std::vector<PendingAppend*>& batch,
                                         std::map<std::string, int64_t>* stored_versions,
                                         std::map<Uuid, CommandRecord>* stored_commands) {
  // One round trip, read after the locks so it sees every earlier commit.
  std::set<std::string> stream_ids;
  std::set<Uuid> command_ids;
  for (const PendingAppend* p : batch) {
    stream_ids.insert(p->request->stream_id);
    if (p->request->command) command_ids.insert(p->request->command->command_id);
  }
  std::string lookup =
      "SELECT 's', stream_id, version::text, NULL::text FROM eventstore.streams WHERE stream_id "
      "IN (";
  bool first = true;
  for (const std::string& s : stream_ids) {
    lookup += (first ? "" : ",") + tx.quote(s);
    first = false;
  }
  lookup += ")";
  if (!command_ids.empty()) {
    lookup +=
        " UNION ALL SELECT 'c', command_id::text, request_hash, result FROM eventstore.commands "
        "WHERE command_id IN (";
    first = true;
    for (const Uuid& id : command_ids) {
      lookup += (first ? "'" : ",'") + ToString(id) + "'";
      first = false;
    }
    lookup += ")";
  }
  for (const auto& row : tx.exec(lookup)) {
    if (row[0].c_str()[0] == 's') {
      (*stored_versions)[Text(row[1])] = row[2].as<int64_t>();
    } else {
      CommandRecord record;
      auto id = ParseUuid(row[1].c_str());
      if (!id) return Status::Corruption("stored command id is not a UUID");
      record.command_id = *id;
      record.request_hash = Text(row[2]);
      record.result = Text(row[3]);
      (*stored_commands)[*id] = std::move(record);
    }
  }
  return Status::OK();
}

}  // namespace edu
