// What the HTTP API needs to know about the projectors: their progress (for GET /v1/projections)
// and a way to wait until one has applied a log position (read-your-writes). The serve command
// adapts the running Projectors to it; tests use a fake.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "eventstore/status.h"

namespace edu {

class ProjectionStatusSource {
 public:
  struct PartitionProgress {
    int partition = 0;
    int64_t checkpoint = 0;  // the next offset the projection will apply
    int64_t end_offset = 0;  // the log's end offset of the partition
    int64_t lag = 0;         // end_offset - checkpoint
  };
  struct ProjectionStatus {
    std::string name;
    std::string state;  // e.g. "running", "catching_up", "rebuilding", "stopped", "failed"
    std::string error;  // why it stopped or failed, when it did
    std::vector<PartitionProgress> partitions;
  };

  // A projection or reaction stopped at an event it cannot process (the rest go on): what
  // /healthz reports as "degraded".
  struct StoppedComponent {
    std::string kind;  // "projection" or "reaction"
    std::string name;
    std::string event_id;
    std::string event_type;
    std::string stream_id;
    int64_t stream_version = 0;
    int partition = 0;
    int64_t offset = 0;
    std::string error;
  };

  virtual ~ProjectionStatusSource() = default;

  // The projections and reactions stopped at an event (cheap; no I/O). None by default.
  virtual std::vector<StoppedComponent> Stopped() const { return {}; }

  // The names of the projections it knows (cheap; no I/O).
  virtual std::vector<std::string> Names() const = 0;

  // Every projection's state and per-partition progress. Unavailable when the log cannot tell
  // its end offsets.
  virtual Status List(std::vector<ProjectionStatus>* out) = 0;

  // Blocks until projection `name` has applied the event at (partition, offset), i.e. its
  // checkpoint of that partition is > offset, or until `timeout` elapses.
  // Returns OK when applied, Timeout when not within the timeout, NotFound for an unknown name,
  // or another error when the projection has stopped or failed (it will not get there).
  // Thread-safe; many HTTP threads wait at once.
  virtual Status WaitForPosition(const std::string& name, int partition, int64_t offset,
                                 std::chrono::milliseconds timeout) = 0;
};

}  // namespace edu
