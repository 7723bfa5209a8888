// PgEventLog's read methods: a stream, a partition, the partition ends, a command record and a
// stream's version, each one prepared statement on the read connection pool.
#include <algorithm>
#include <limits>

#include "eventstore/json_binding.h"
#include "eventstore/pg_event_log_internal.h"

namespace edu {
namespace pg_log {
namespace {

// Timestamps leave as exact microseconds (extract(epoch) is numeric since PostgreSQL 14).
constexpr const char* kEventColumns =
    "partition, \"offset\", event_id::text, stream_id, stream_version, type, schema_version, "
    "marketplace, (extract(epoch FROM occurred_at) * 1000000)::bigint, "
    "(extract(epoch FROM recorded_at) * 1000000)::bigint, causation_id::text, "
    "correlation_id::text, actor_id, actor_role, metadata::text, payload::text, prev_hash, hash";

Status ParseUuidField(const pqxx::field& f, const char* what, Uuid* out) {
  auto id = ParseUuid(f.c_str());
  if (!id)
    return Status::Corruption(std::string("stored ") + what + " '" + f.c_str() + "' is not a UUID");
  *out = *id;
  return Status::OK();
}

// One row of kEventColumns.
Status EventFromRow(const pqxx::row& row, RecordedEvent* e) {
  e->partition = row[0].as<int>();
  e->offset = row[1].as<int64_t>();
  EDU_RETURN_IF_ERROR(ParseUuidField(row[2], "event id", &e->event_id));
  e->stream_id = Text(row[3]);
  e->stream_version = row[4].as<int64_t>();
  e->type = Text(row[5]);
  e->schema_version = row[6].as<int>();
  e->marketplace = Text(row[7]);
  e->occurred_at = Timestamp{row[8].as<int64_t>()};
  e->recorded_at = Timestamp{row[9].as<int64_t>()};
  EDU_RETURN_IF_ERROR(ParseUuidField(row[10], "causation id", &e->causation_id));
  EDU_RETURN_IF_ERROR(ParseUuidField(row[11], "correlation id", &e->correlation_id));
  e->actor = Actor{Text(row[12]), Text(row[13])};
  e->metadata.clear();
  Status metadata = json::Decode(Text(row[14]), &e->metadata);
  if (!metadata.ok()) {
    return Status::Corruption("metadata of event at partition " + std::to_string(e->partition) +
                              " offset " + std::to_string(e->offset) + ": " + metadata.message());
  }
  e->payload = Text(row[15]);
  e->prev_hash = Text(row[16]);
  e->hash = Text(row[17]);
  return Status::OK();
}

Status EventsFromResult(const pqxx::result& rows, std::vector<RecordedEvent>* out) {
  out->clear();
  out->reserve(rows.size());
  for (const auto& row : rows) {
    RecordedEvent e;
    EDU_RETURN_IF_ERROR(EventFromRow(row, &e));
    out->push_back(std::move(e));
  }
  return Status::OK();
}

}  // namespace

void PrepareReadStatements(pqxx::connection& c) {
  c.prepare("read_stream",
            std::string("SELECT ") + kEventColumns +
                " FROM eventstore.events WHERE stream_id = $1 AND stream_version >= $2"
                " ORDER BY stream_version");
  c.prepare("read_partition",
            std::string("SELECT ") + kEventColumns +
                " FROM eventstore.events WHERE partition = $1 AND \"offset\" >= $2"
                " ORDER BY \"offset\" LIMIT $3");
  c.prepare("end_offsets",
            "SELECT partition, next_offset FROM eventstore.partitions ORDER BY partition");
  c.prepare("lookup_command",
            "SELECT request_hash, result FROM eventstore.commands WHERE command_id = $1::uuid");
  c.prepare("stream_version", "SELECT version FROM eventstore.streams WHERE stream_id = $1");
}

}  // namespace pg_log

using pg_log::EventsFromResult;
using pg_log::Text;

Status PgEventLog::Impl::ReadStream(const std::string& stream_id, int64_t from_version,
                                    std::vector<RecordedEvent>* out) {
  out->clear();
  return reads_.Run("reading stream " + stream_id, [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    return EventsFromResult(tx.exec_prepared("read_stream", stream_id, from_version), out);
  });
}

Status PgEventLog::Impl::ReadPartition(int partition, int64_t from_offset, size_t max_count,
                                       std::vector<RecordedEvent>* out) {
  out->clear();
  if (partition < 0 || partition >= options_.partitions) {
    return Status::InvalidArgument("partition " + std::to_string(partition) + " does not exist");
  }
  auto limit =
      static_cast<int64_t>(std::min<size_t>(max_count, std::numeric_limits<int64_t>::max()));
  return reads_.Run("reading partition " + std::to_string(partition), [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    return EventsFromResult(tx.exec_prepared("read_partition", partition, from_offset, limit), out);
  });
}

Status PgEventLog::Impl::EndOffsets(std::vector<int64_t>* end_offsets) {
  end_offsets->assign(static_cast<size_t>(options_.partitions), 0);
  EDU_RETURN_IF_ERROR(reads_.Run("reading partition ends", [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    for (const auto& row : tx.exec_prepared("end_offsets")) {
      int p = row[0].as<int>();
      if (p >= 0 && p < options_.partitions)
        (*end_offsets)[static_cast<size_t>(p)] = row[1].as<int64_t>();
    }
    return Status::OK();
  }));
  for (int p = 0; p < options_.partitions; ++p)
    AdvanceKnownEnd(p, (*end_offsets)[static_cast<size_t>(p)]);
  return Status::OK();
}

Status PgEventLog::Impl::LookupCommand(const Uuid& command_id, std::optional<CommandRecord>* out) {
  out->reset();
  return reads_.Run("looking up command " + ToString(command_id), [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec_prepared("lookup_command", ToString(command_id));
    if (!r.empty()) *out = CommandRecord{command_id, Text(r[0][0]), Text(r[0][1])};
    return Status::OK();
  });
}

Status PgEventLog::Impl::StreamVersion(const std::string& stream_id, int64_t* version) {
  *version = 0;
  return reads_.Run("reading the version of stream " + stream_id, [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec_prepared("stream_version", stream_id);
    if (!r.empty()) *version = r[0][0].as<int64_t>();
    return Status::OK();
  });
}

}  // namespace edu
