// Signed partition heads: tamper evidence that does not rest on the database alone.
//
// The hash chain (chain_verifier.h) proves a partition is self-consistent, but whoever can write
// the events table can delete its tail, delete it whole, or edit an event and recompute every hash
// after it, and the chain still verifies. So every append also records the partition's new head,
// (partition, next offset, hash of the last event), signed with HMAC-SHA256 under an audit key
// that is never stored in the database (configuration: audit.key or audit.key_file). Without the
// key a database writer can neither sign a head of their own nor move a signature to another
// partition or offset; `eduledger audit verify` checks every signed head against the events.
//
// A seal also carries what the writer found when it moved the head (the "taint"): when the head it
// locked was not the one signed (edited, truncated, seal removed or forged), it appends anyway, so
// an attacker cannot stop the service this way, but it records the discrepancy in the new signed
// seal and every later one, so the evidence survives the appends that follow.
//
// What this does not prevent, and docs/tamper-evidence.md spells out: restoring a partition's
// older seal together with the events it covered (a rollback to an earlier signed state), within
// the re-sealing interval (see `epoch`), and anything done by someone who holds the key.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eventstore/event_log.h"
#include "eventstore/status.h"

namespace edu {

// The audit key: raw bytes, at least 32. Never logged, never written to the database; its id (a
// hash prefix) is, so that a verifier with another key says so instead of "forged".
class SealKey {
 public:
  static constexpr size_t kMinBytes = 32;
  SealKey() = default;
  // InvalidArgument when shorter than kMinBytes.
  static Status FromBytes(std::string bytes, SealKey* out);
  // Reads a key file (its content, trailing whitespace removed, is the key). With `create`, a
  // missing file is created with 32 random bytes as 64 hex digits, mode 0600 (its directory too,
  // 0700). NotFound when missing and not created; InvalidArgument when too short.
  static Status FromFile(const std::string& path, bool create, SealKey* out);

  bool empty() const { return bytes_.empty(); }
  const std::string& id() const { return id_; }       // 16 hex digits
  std::string Mac(const std::string& message) const;  // lowercase hex HMAC-SHA256

 private:
  std::string bytes_;
  std::string id_;
};

// The default key file when none is configured: $XDG_DATA_HOME/eduledger/audit.key, else
// $HOME/.local/share/eduledger/audit.key (a development default: production keeps the key on
// another machine or in a secret store and passes it with audit.key / EDULEDGER_AUDIT_KEY).
std::string DefaultSealKeyPath();

struct HeadSeal {
  int partition = 0;
  int partition_count = 0;  // of the log when signed: removing partitions breaks every seal
  int64_t next_offset = 0;  // the head is the event at next_offset - 1 (none when 0)
  std::string last_hash;    // its hash ("" when next_offset is 0)
  // Incremented for every partition at once by the periodic re-sealing: a partition whose seal is
  // from an older epoch than the others' was rolled back to an earlier seal.
  int64_t epoch = 1;
  Timestamp sealed_at;     // when this seal was made
  Timestamp sealed_since;  // when signing started for this partition (creation or `audit seal`)
  std::string taint;       // "" or what a writer found instead of the signed head (see above)
  std::string key_id;
  std::string mac;

  // The bytes the MAC covers: every field above but the MAC, in fixed order.
  std::string Message() const;
  void Sign(const SealKey& key);  // sets key_id and mac
  bool Verifies(const SealKey& key) const;
};

// What a writer that locked a partition row at (next_offset, last_hash) makes of the stored seal
// (`stored` null when there is none): the taint to carry into the seal it writes next ("" when the
// stored seal is valid and names exactly this head), and the sealed_since and epoch to keep.
struct SealCarry {
  std::string taint;
  Timestamp sealed_since;
  int64_t epoch = 1;
};
SealCarry CarryForward(const SealKey& key, int partition, int partition_count, int64_t next_offset,
                       const std::string& last_hash, const HeadSeal* stored, Timestamp now);

// ---- verification ------------------------------------------------------------------------------

struct SealFinding {
  int partition = 0;
  int64_t offset = -1;  // the offset named, when there is one
  std::string what;     // a sentence naming what was removed, rewritten, forged or appended
};

struct SealReport {
  int seals = 0;            // seal rows read
  int verified = 0;         // partitions whose signed head is in the log as signed
  int64_t epoch = 0;        // the newest epoch seen
  Timestamp newest_sealed;  // the newest sealed_at of a valid seal
  Timestamp oldest_since;   // the earliest sealed_since of a valid seal
  std::vector<SealFinding> findings;
  bool intact() const { return findings.empty(); }
};

// Checks the stored seals against the log: every seal verifies under `key` and names this log's
// partition count; every partition has one; each signed head is still in the log with the signed
// hash (else: events were removed, the partition deleted, or it was rewritten and re-chained); no
// events beyond a signed head (appended without the key); no taint; every partition at the newest
// epoch. `ends` are the log's end offsets read BEFORE the seals (a concurrent append then only
// moves a seal past them, never behind). OK with the report filled; non-OK when the log cannot be
// read.
Status CheckSeals(EventLog* log, const SealKey& key, const std::vector<HeadSeal>& seals,
                  const std::vector<int64_t>& ends, SealReport* report);

}  // namespace edu
