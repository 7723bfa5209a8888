// One group-commit batch of PgEventLog: each request decided in FIFO order against the locked
// partition heads, stream versions and recorded command ids (idempotent replays, expected
// versions, offsets and hash chain), and the multi-row statements that write the outcome, sign
// the moved heads and notify listeners, sent in the batch's single round trip.
#include "eventstore/envelope_codec.h"
#include "eventstore/json_binding.h"
#include "eventstore/pg_event_log_internal.h"

namespace edu {

namespace {

// One VALUES row of the events INSERT; recorded_at is the batch's, already quoted.
std::string EventValues(pqxx::transaction_base& tx, const RecordedEvent& e,
                        const std::string& recorded_at) {
  std::string r;
  r.reserve(256 + e.payload.size());
  r += std::to_string(e.partition) + "," + std::to_string(e.offset) + ",'" + ToString(e.event_id) +
       "'," + tx.quote(e.stream_id) + "," + std::to_string(e.stream_version) + "," +
       tx.quote(e.type) + "," + std::to_string(e.schema_version) + "," + tx.quote(e.marketplace) +
       "," + tx.quote(FormatIso8601(e.occurred_at)) + "," + recorded_at + ",'" +
       ToString(e.causation_id) + "','" + ToString(e.correlation_id) + "'," + tx.quote(e.actor.id) +
       "," + tx.quote(e.actor.role) + "," + tx.quote(json::Encode(e.metadata)) + "," +
       tx.quote(e.payload) + "," + tx.quote(e.prev_hash) + "," + tx.quote(e.hash);
  return r;
}

}  // namespace

using pg_log::kChannel;
using pg_log::SealUpsert;

void PgEventLog::Impl::Decide(const std::vector<PendingAppend*>& batch,
                              const std::map<std::string, int64_t>& stored_versions,
                              const std::map<Uuid, CommandRecord>& stored_commands,
                              BatchPlan* plan) const {
  std::map<std::string, int64_t> versions = stored_versions;  // advanced as the batch appends
  plan->decisions.assign(batch.size(), Decision{});
  for (size_t i = 0; i < batch.size(); ++i) {
    const AppendRequest& request = *batch[i]->request;
    const int p = batch[i]->partition;
    Decision& d = plan->decisions[i];
    d.result.partition = p;
    if (request.command) {
      const Uuid& id = request.command->command_id;
      auto stored = stored_commands.find(id);
      if (stored != stored_commands.end()) {
        d.result.duplicate_of = stored->second;
        continue;
      }
      auto earlier = plan->commands.find(id);  // recorded by an earlier request of this batch
      if (earlier != plan->commands.end()) {
        d.result.duplicate_of = earlier->second;
        continue;
      }
    }
    int64_t& current = versions[request.stream_id];
    if (!request.expected.Admits(current)) {
      d.status = WrongExpectedVersionError(request.stream_id, current, request.expected);
      continue;
    }
    PartitionHead& head = plan->heads[p];
    d.result.last_version = current;
    for (const NewEvent& e : request.events) {
      RecordedEvent r;
      static_cast<NewEvent&>(r) = e;
      r.stream_id = request.stream_id;
      r.stream_version = ++current;
      r.partition = p;
      r.offset = head.next_offset++;
      r.recorded_at = plan->recorded_at;
      SealEvent(head.last_hash, &r);
      head.last_hash = r.hash;
      head.appended = true;
      if (d.result.first_offset < 0) {
        d.result.first_offset = r.offset;
        d.result.first_version = r.stream_version;
      }
      d.result.last_offset = r.offset;
      d.result.last_version = r.stream_version;
      plan->events.push_back(std::move(r));
    }
    if (!request.events.empty()) plan->stream_versions[request.stream_id] = {p, current};
    if (request.command) plan->commands[request.command->command_id] = *request.command;
  }
}

std::string PgEventLog::Impl::WriteStatements(pqxx::transaction_base& tx,
                                              const BatchPlan& plan) const {
  std::string sql;
  auto rows = [&](const char* head, size_t count, const auto& row_at, const char* tail) {
    if (count == 0) return;
    sql += head;
    for (size_t i = 0; i < count; ++i) {
      sql += i == 0 ? "(" : ",\n(";
      sql += row_at(i);
      sql += ")";
    }
    sql += tail;
    sql += ";\n";
  };
  std::string recorded_at = tx.quote(FormatIso8601(plan.recorded_at));

  rows(
      "INSERT INTO eventstore.events (partition, \"offset\", event_id, stream_id, stream_version, "
      "type, "
      "schema_version, marketplace, occurred_at, recorded_at, causation_id, correlation_id, "
      "actor_id, "
      "actor_role, metadata, payload, prev_hash, hash) VALUES ",
      plan.events.size(), [&](size_t i) { return EventValues(tx, plan.events[i], recorded_at); },
      "");

  // Folded per stream first: ON CONFLICT DO UPDATE refuses one key twice in a statement.
  std::vector<const std::pair<const std::string, std::pair<int, int64_t>>*> streams;
  for (const auto& entry : plan.stream_versions) streams.push_back(&entry);
  rows(
      "INSERT INTO eventstore.streams (stream_id, partition, version) VALUES ", streams.size(),
      [&](size_t i) {
        return tx.quote(streams[i]->first) + "," + std::to_string(streams[i]->second.first) + "," +
               std::to_string(streams[i]->second.second);
      },
      " ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version");

  std::vector<const CommandRecord*> commands;
  for (const auto& entry : plan.commands) commands.push_back(&entry.second);
  rows(
      "INSERT INTO eventstore.commands (command_id, request_hash, result, recorded_at) VALUES ",
      commands.size(),
      [&](size_t i) {
        return "'" + ToString(commands[i]->command_id) + "'," +
               tx.quote(commands[i]->request_hash) + "," + tx.quote(commands[i]->result) + "," +
               recorded_at;
      },
      "");

  std::vector<std::pair<int, const PartitionHead*>> moved;
  for (const auto& [partition, head] : plan.heads) {
    if (head.appended) moved.emplace_back(partition, &head);
  }
  rows(
      "UPDATE eventstore.partitions AS p SET next_offset = v.next_offset, last_hash = v.last_hash "
      "FROM (VALUES ",
      moved.size(),
      [&](size_t i) {
        return std::to_string(moved[i].first) + "," + std::to_string(moved[i].second->next_offset) +
               "::bigint," + tx.quote(moved[i].second->last_hash) + "::text";
      },
      ") AS v(partition, next_offset, last_hash) WHERE p.partition = v.partition");

  if (!moved.empty() && !options_.seal_key.empty()) {
    sql += SealUpsert(tx, SignMovedHeads(moved, plan.recorded_at)) + ";\n";
  }

  if (!moved.empty()) {
    // Delivered at COMMIT to every listener on this database: "partition:end,partition:end".
    std::string payload;
    for (const auto& [partition, head] : moved) {
      if (!payload.empty()) payload += ',';
      payload += std::to_string(partition) + ":" + std::to_string(head->next_offset);
    }
    if (payload.size() > 7000) payload.clear();  // NOTIFY payloads are capped; "" means "re-read"
    sql += "SELECT pg_notify(" + tx.quote(kChannel) + "," + tx.quote(payload) + ");\n";
  }
  return sql;
}

std::vector<HeadSeal> PgEventLog::Impl::SignMovedHeads(
    const std::vector<std::pair<int, const PartitionHead*>>& moved, Timestamp recorded_at) const {
  std::vector<HeadSeal> seals;
  for (const auto& [partition, head] : moved) {
    SealCarry carry = CarryForward(options_.seal_key, partition, options_.partitions,
                                   head->found_next_offset, head->found_last_hash,
                                   head->stored_seal ? &*head->stored_seal : nullptr, recorded_at);
    HeadSeal seal;
    seal.partition = partition;
    seal.partition_count = options_.partitions;
    seal.next_offset = head->next_offset;
    seal.last_hash = head->last_hash;
    seal.epoch = carry.epoch;
    seal.sealed_at = recorded_at;
    seal.sealed_since = carry.sealed_since;
    seal.taint = std::move(carry.taint);
    seal.Sign(options_.seal_key);
    seals.push_back(std::move(seal));
  }
  return seals;
}

}  // namespace edu
