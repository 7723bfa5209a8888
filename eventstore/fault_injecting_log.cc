#include "eventstore/fault_injecting_log.h"

namespace edu {

FaultInjectingEventLog::FaultInjectingEventLog(EventLog* base) : base_(base) {}

void FaultInjectingEventLog::FailAppend(int nth, FaultPoint point) {
  std::lock_guard<std::mutex> lock(mu_);
  append_faults_[appends_seen_ + nth] = point;
}

void FaultInjectingEventLog::FailAllAppends(FaultPoint point) {
  std::lock_guard<std::mutex> lock(mu_);
  all_appends_fail_ = point;
}

void FaultInjectingEventLog::FailReads(int count) {
  std::lock_guard<std::mutex> lock(mu_);
  read_faults_left_ = count;
}

void FaultInjectingEventLog::ClearFaults() {
  std::lock_guard<std::mutex> lock(mu_);
  append_faults_.clear();
  all_appends_fail_.reset();
  read_faults_left_ = 0;
}

int64_t FaultInjectingEventLog::appends_seen() const {
  std::lock_guard<std::mutex> lock(mu_);
  return appends_seen_;
}

int64_t FaultInjectingEventLog::faults_injected() const {
  std::lock_guard<std::mutex> lock(mu_);
  return faults_injected_;
}

Status FaultInjectingEventLog::Append(const AppendRequest& request, AppendResult* result) {
  std::optional<FaultPoint> fault;
  int64_t number = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    number = ++appends_seen_;
    auto scheduled = append_faults_.find(number);
    if (scheduled != append_faults_.end()) {
      fault = scheduled->second;
      append_faults_.erase(scheduled);
    } else {
      fault = all_appends_fail_;
    }
    if (fault) ++faults_injected_;
  }
  std::string which =
      "injected fault: append #" + std::to_string(number) + " to " + request.stream_id;
  if (!fault) return base_->Append(request, result);
  if (*fault == FaultPoint::kBeforeDelegating) {
    *result = AppendResult{};
    return Status::Unavailable(which + " failed before reaching the log");
  }
  Status real = base_->Append(request, result);
  *result = AppendResult{};  // the caller never learns what happened
  return Status::Unavailable(which + " failed after the log answered (" + real.ToString() + ")");
}

bool FaultInjectingEventLog::TakeReadFault() {
  std::lock_guard<std::mutex> lock(mu_);
  if (read_faults_left_ == 0) return false;
  if (read_faults_left_ > 0) --read_faults_left_;
  ++faults_injected_;
  return true;
}

Status FaultInjectingEventLog::ReadFault(const std::string& what) {
  return Status::Unavailable("injected fault: " + what + " failed");
}

Status FaultInjectingEventLog::ReadStream(const std::string& stream_id, int64_t from_version,
                                          std::vector<RecordedEvent>* out) {
  if (TakeReadFault()) return ReadFault("reading stream " + stream_id);
  return base_->ReadStream(stream_id, from_version, out);
}

Status FaultInjectingEventLog::ReadPartition(int partition, int64_t from_offset, size_t max_count,
                                             std::vector<RecordedEvent>* out) {
  if (TakeReadFault()) return ReadFault("reading partition " + std::to_string(partition));
  return base_->ReadPartition(partition, from_offset, max_count, out);
}

Status FaultInjectingEventLog::EndOffsets(std::vector<int64_t>* end_offsets) {
  if (TakeReadFault()) return ReadFault("reading partition ends");
  return base_->EndOffsets(end_offsets);
}

Status FaultInjectingEventLog::WaitForEvents(int partition, int64_t from_offset,
                                             std::chrono::milliseconds timeout) {
  if (TakeReadFault()) return ReadFault("waiting on partition " + std::to_string(partition));
  return base_->WaitForEvents(partition, from_offset, timeout);
}

Status FaultInjectingEventLog::LookupCommand(const Uuid& command_id,
                                             std::optional<CommandRecord>* out) {
  if (TakeReadFault()) return ReadFault("looking up command " + ToString(command_id));
  return base_->LookupCommand(command_id, out);
}

Status FaultInjectingEventLog::StreamVersion(const std::string& stream_id, int64_t* version) {
  if (TakeReadFault()) return ReadFault("reading the version of stream " + stream_id);
  return base_->StreamVersion(stream_id, version);
}

}  // namespace edu
