#include "adapters/wiring/projector_status.h"

namespace edu {

ProjectorStatusSource::ProjectorStatusSource(EventLog* log, std::vector<Projector*> projectors,
                                             std::vector<Reactor*> reactors)
    : log_(log), projectors_(std::move(projectors)), reactors_(std::move(reactors)) {}

namespace {

ProjectionStatusSource::StoppedComponent Describe(const std::string& kind, const std::string& name,
                                                  const StoppedEvent& at) {
  ProjectionStatusSource::StoppedComponent c;
  c.kind = kind;
  c.name = name;
  c.event_id = ToString(at.event_id);
  c.event_type = at.event_type;
  c.stream_id = at.stream_id;
  c.stream_version = at.stream_version;
  c.partition = at.partition;
  c.offset = at.offset;
  c.error = at.error;
  return c;
}

}  // namespace

std::vector<ProjectionStatusSource::StoppedComponent> ProjectorStatusSource::Stopped() const {
  std::vector<StoppedComponent> out;
  for (const Projector* p : projectors_) {
    if (auto at = p->stopped_at()) {
      out.push_back(Describe("projection", p->projection().name(), *at));
    } else if (Status failure = p->last_error(); !failure.ok()) {
      StoppedComponent c;
      c.kind = "projection";
      c.name = p->projection().name();
      c.error = failure.message();
      out.push_back(std::move(c));
    }
  }
  for (const Reactor* r : reactors_) {
    if (auto at = r->stopped_at()) out.push_back(Describe("reaction", r->reaction().name(), *at));
  }
  return out;
}

std::vector<std::string> ProjectorStatusSource::Names() const {
  std::vector<std::string> out;
  for (const Projector* p : projectors_) out.push_back(p->projection().name());
  return out;
}

Projector* ProjectorStatusSource::Find(const std::string& name) const {
  for (Projector* p : projectors_) {
    if (p->projection().name() == name) return p;
  }
  return nullptr;
}

Status ProjectorStatusSource::List(std::vector<ProjectionStatus>* out) {
  out->clear();
  std::vector<int64_t> ends;
  EDU_RETURN_IF_ERROR(log_->EndOffsets(&ends).Annotate("reading the log's end offsets"));
  for (Projector* p : projectors_) {
    ProjectionStatus status;
    status.name = p->projection().name();
    std::vector<int64_t> checkpoints = p->checkpoints();
    int64_t total_lag = 0;
    for (size_t i = 0; i < ends.size(); ++i) {
      int64_t checkpoint = i < checkpoints.size() ? checkpoints[i] : 0;
      int64_t lag = std::max<int64_t>(0, ends[i] - checkpoint);
      total_lag += lag;
      status.partitions.push_back({static_cast<int>(i), checkpoint, ends[i], lag});
    }
    Status failure = p->last_error();
    if (!failure.ok()) {
      status.state = "failed";
      status.error = failure.message();
      if (auto at = p->stopped_at()) status.error += " [event id " + ToString(at->event_id) + "]";
    } else if (p->needs_rebuild()) {
      status.state = "needs_rebuild";
    } else {
      status.state = total_lag > 0 ? "catching_up" : "caught_up";
    }
    out->push_back(std::move(status));
  }
  return Status::OK();
}

Status ProjectorStatusSource::WaitForPosition(const std::string& name, int partition,
                                              int64_t offset, std::chrono::milliseconds timeout) {
  Projector* p = Find(name);
  if (p == nullptr) return Status::NotFound("no projection named '" + name + "'");
  return p->WaitForPosition(partition, offset, timeout);
}

}  // namespace edu
