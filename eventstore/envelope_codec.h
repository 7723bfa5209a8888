// The envelope as JSON (Kafka values, replay output, HTTP responses) and the hash chain.
//
// JSON: {"event_id", "type", "schema_version", "stream_id", "stream_version", "marketplace",
//        "occurred_at", "recorded_at", "causation_id", "correlation_id", "actor": {"id", "role"},
//        "metadata": {...}, "payload": {...}, "partition", "offset", "prev_hash", "hash"}
// The payload is embedded as a JSON object, so any Kafka client or `jq` reads events directly.
#pragma once

#include <string>
#include <string_view>

#include "eventstore/envelope.h"
#include "eventstore/status.h"

namespace edu {

std::string EncodeEnvelope(const RecordedEvent& e);
// InvalidArgument naming the field when the text is not a well-formed envelope.
Status DecodeEnvelope(std::string_view json, RecordedEvent* out);

// The bytes the chain hashes: the envelope without partition, offset and hash, fields in fixed
// order, payload verbatim. Anything an auditor would care about is covered, including the
// prev_hash link, so an edited, removed, inserted or reordered event breaks the chain.
std::string CanonicalForHash(const RecordedEvent& e);

// SHA-256 hex of prev_hash + "\n" + canonical.
std::string ChainHash(std::string_view prev_hash, std::string_view canonical);

// Fills e->prev_hash and e->hash from the previous hash of the partition.
void SealEvent(const std::string& prev_hash, RecordedEvent* e);

// Lowercase hex SHA-256 of arbitrary bytes.
std::string Sha256Hex(std::string_view data);

}  // namespace edu
