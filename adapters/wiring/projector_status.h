// ProjectionStatusSource over running Projectors (projections/projector.h): what `serve` (and the
// demo) hand to the HTTP API for GET /v1/projections and the read-your-writes waits.
#pragma once

#include <vector>

#include "adapters/http/projection_status.h"
#include "commands/reactor.h"
#include "eventstore/event_log.h"
#include "projections/projector.h"

namespace edu {

class ProjectorStatusSource : public ProjectionStatusSource {
 public:
  // Borrowed; all must outlive this object.
  ProjectorStatusSource(EventLog* log, std::vector<Projector*> projectors,
                        std::vector<Reactor*> reactors = {});

  std::vector<std::string> Names() const override;
  // Every projector and reactor stopped at an event, with that event.
  std::vector<StoppedComponent> Stopped() const override;
  // state: "failed" (last_error() set), "needs_rebuild", "catching_up" (lag > 0) or "caught_up".
  Status List(std::vector<ProjectionStatus>* out) override;
  Status WaitForPosition(const std::string& name, int partition, int64_t offset,
                         std::chrono::milliseconds timeout) override;

 private:
  Projector* Find(const std::string& name) const;

  EventLog* log_;
  std::vector<Projector*> projectors_;
  std::vector<Reactor*> reactors_;
};

}  // namespace edu
