// CheckpointStore: where a log follower (eventstore/log_follower.h) keeps how far it got, one next
// offset per partition of the EventLog ("the event at offset k of partition p is done" is
// next[p] > k).
//
// Two kinds of stores exist:
//   - a separate store (the reactor's eduledger.reactor_checkpoints): the follower commits the
//     checkpoints through Commit() after the consumer's effects are durable. A crash between the
//     two redelivers the batch (at-least-once); consumers make their effects idempotent.
//   - a transactional store (the projector's eduledger.projection_checkpoints): the consumer
//     commits the checkpoints itself in the same transaction as its effects (exactly-once effect)
//     and tells the follower so (BatchOutcome::checkpoint_committed); Commit() is then only used
//     for progress made without effects.
//
// Thread safety: the follower calls Load and Commit from one thread at a time (its batches are
// serialized). Observe may be called from any thread concurrently with them.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "eventstore/status.h"

namespace edu {

class CheckpointStore {
 public:
  virtual ~CheckpointStore() = default;

  // The stored next offsets: *next has one entry per partition of the log (`partitions`), 0 for
  // a partition never committed. OK; Unavailable when the store cannot be reached (retry);
  // Corruption when what is stored does not fit the log (e.g. a checkpoint of a partition the log
  // does not have). *next is unchanged on failure.
  virtual Status Load(int partitions, std::vector<int64_t>* next) = 0;

  // Moves the checkpoints from `from` to `next` (same size; only partitions whose entries differ
  // change). OK once durable; Unavailable when the outcome is unknown or the store is away (the
  // follower reloads and retries). A store that guards against a twin instance (the projector's)
  // also returns Unavailable when the stored checkpoints are no longer `from`, writing nothing;
  // one that does not keeps the greater offset. A store never moves a checkpoint backwards.
  virtual Status Commit(const std::vector<int64_t>& from, const std::vector<int64_t>& next) = 0;

  // Optional: the stored next offset of one partition as it is now, read without disturbing a
  // batch in flight (WaitForPosition uses it to notice progress made by another process running
  // the same consumer). *next = nullopt when unknown. The default knows nothing.
  virtual Status Observe(int partition, std::optional<int64_t>* next) {
    (void)partition;
    next->reset();
    return Status::OK();
  }
};

// A CheckpointStore in memory, for tests and for consumers without durable state. Thread-safe.
class MemoryCheckpointStore : public CheckpointStore {
 public:
  Status Load(int partitions, std::vector<int64_t>* next) override;
  Status Commit(const std::vector<int64_t>& from, const std::vector<int64_t>& next) override;
  Status Observe(int partition, std::optional<int64_t>* next) override;
  // The next Commit calls (count) fail with Unavailable before storing anything.
  void FailCommits(int count);
  std::vector<int64_t> stored() const;
  int64_t commits() const;  // successful Commit calls

 private:
  mutable std::mutex mu_;
  std::vector<int64_t> next_;
  int fail_commits_ = 0;
  int64_t commits_ = 0;
};

}  // namespace edu
