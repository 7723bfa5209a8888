#include "eventstore/log_follower.h"

#include <algorithm>
#include <thread>

#include "eventstore/metrics.h"
#include "eventstore/structured_log.h"

namespace edu {
namespace {

bool Transient(const Status& s) {
  return s.code() == Status::Code::kUnavailable || s.code() == Status::Code::kTimeout;
}

// Sleeps `period` in small steps, returning early on stop.
void SleepUnlessStopped(const std::atomic<bool>& stop, std::chrono::milliseconds period) {
  auto until = std::chrono::steady_clock::now() + period;
  while (!stop.load() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

LogFollower::LogFollower(EventLog* log, CheckpointStore* store, BatchHandler* handler,
                         FollowerOptions options)
    : log_(log),
      store_(store),
      handler_(handler),
      options_(std::move(options)),
      partitions_(log->partition_count()),
      decisions_(options_.component, options_.name) {
  if (options_.batch_size == 0) options_.batch_size = 1;
  next_.assign(static_cast<size_t>(partitions_), 0);
  committed_.assign(static_cast<size_t>(partitions_), 0);
}

LogFollower::~LogFollower() = default;

bool LogFollower::started() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return started_;
}

Status LogFollower::Start() {
  {
    std::lock_guard<std::mutex> batch_lock(batch_mu_);
    needs_load_ = true;
    EDU_RETURN_IF_ERROR(EnsureLoaded());
  }
  return RefreshDecisions();
}

Status LogFollower::EnsureLoaded() {
  if (!needs_load_) return Status::OK();
  std::vector<int64_t> loaded;
  Status s;
  try {
    s = store_->Load(partitions_, &loaded);
  } catch (const std::exception& e) {
    s = Status::Internal(std::string("loading the checkpoints threw: ") + e.what());
  } catch (...) {
    s = Status::Internal("loading the checkpoints threw an exception of unknown type");
  }
  if (!s.ok()) return s;
  loaded.resize(static_cast<size_t>(partitions_), 0);
  next_ = loaded;
  needs_load_ = false;
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    started_ = true;
  }
  Publish(next_);
  return Status::OK();
}

void LogFollower::Publish(const std::vector<int64_t>& next) {
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    committed_.resize(std::max(committed_.size(), next.size()), 0);
    for (size_t p = 0; p < next.size(); ++p) committed_[p] = std::max(committed_[p], next[p]);
  }
  progress_.notify_all();
}

Status LogFollower::RefreshDecisions(size_t* added) {
  std::lock_guard<std::mutex> lock(decisions_mu_);
  try {
    return decisions_.Refresh(log_, added);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("reading operator decisions: ") + e.what());
  } catch (...) {
    return Status::Internal("reading operator decisions: an exception of unknown type");
  }
}

bool LogFollower::Skips(const Uuid& event_id) const {
  std::lock_guard<std::mutex> lock(decisions_mu_);
  return decisions_.Skips(event_id);
}

Status LogFollower::StopAt(const RecordedEvent& e, const std::string& cause) {
  std::string message;
  try {
    message = handler_->StopMessage(e, cause);
  } catch (...) {
    message = options_.component + " " + options_.name + " stopped at " + e.type + ": " + cause;
  }
  StoppedEvent at{e.event_id,  e.type,   e.stream_id, e.stream_version,
                  e.partition, e.offset, message};
  Status failure = Status::Internal(message);
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    failure_ = failure;
    stopped_at_ = at;
    ++stats_.stops;
  }
  progress_.notify_all();
  try {
    handler_->OnStopped(at);
  } catch (...) {
  }
  if (options_.report_stops) {
    metrics::RecordComponentStopped(options_.component, options_.name);
    logging::Log(logging::Level::kError, options_.component + "_stopped",
                 {{options_.component, options_.name},
                  {"event_id", ToString(e.event_id)},
                  {"event_type", e.type},
                  {"partition", int64_t{e.partition}},
                  {"offset", e.offset},
                  {"error", message}});
  }
  return failure;
}

Status LogFollower::OneBatch(size_t* read) {
  *read = 0;
  EDU_RETURN_IF_ERROR(EnsureLoaded());
  FollowerBatch batch;
  EDU_RETURN_IF_ERROR(ReadBatch(&batch));
  if (batch.events.empty()) return Status::OK();
  MarkSkipped(&batch);
  BatchOutcome outcome = HandOver(batch);
  if (!outcome.status.ok()) return SettleFailedBatch(batch, outcome);
  EDU_RETURN_IF_ERROR(CompleteBatch(batch, outcome));
  *read = batch.events.size();
  return Status::OK();
}

// 1. Read: a fair share per partition first, then fill from the partitions that had more.
Status LogFollower::ReadBatch(FollowerBatch* batch) {
  const size_t partitions = next_.size();
  const size_t batch_size = options_.batch_size;
  batch->from = next_;
  batch->next = next_;
  std::vector<bool> more(partitions, true);
  const size_t share = std::max<size_t>(1, batch_size / std::max<size_t>(1, partitions));
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t k = 0; k < partitions && batch->events.size() < batch_size; ++k) {
      size_t p = (rotate_ + k) % partitions;
      if (!more[p]) continue;
      size_t want = batch_size - batch->events.size();
      if (pass == 0) want = std::min(want, share);
      std::vector<RecordedEvent> chunk;
      Status s = log_->ReadPartition(static_cast<int>(p), batch->next[p], want, &chunk);
      if (!s.ok()) return s.Annotate("reading partition " + std::to_string(p));
      more[p] = chunk.size() == want;
      for (auto& e : chunk) {
        if (e.partition != static_cast<int>(p) || e.offset < batch->next[p]) {
          return Status::Corruption("partition " + std::to_string(p) + " returned offset " +
                                    std::to_string(e.offset) + " (partition " +
                                    std::to_string(e.partition) + ") after offset " +
                                    std::to_string(batch->next[p]));
        }
        batch->next[p] = e.offset + 1;
        batch->events.push_back(std::move(e));
      }
    }
  }
  // Fairness: when the batch could not take everything, the next one starts one partition later.
  // (A batch that drained the log keeps the order, so that what a consumer sees is repeatable.)
  if (std::find(more.begin(), more.end(), true) != more.end()) {
    rotate_ = (rotate_ + 1) % std::max<size_t>(1, partitions);
  }
  return Status::OK();
}

void LogFollower::MarkSkipped(FollowerBatch* batch) const {
  batch->skipped.resize(batch->events.size());
  std::lock_guard<std::mutex> lock(decisions_mu_);
  for (size_t i = 0; i < batch->events.size(); ++i) {
    batch->skipped[i] = decisions_.Skips(batch->events[i].event_id);
  }
}

// 2. Hand it over: whatever the handler throws is the batch's failure.
BatchOutcome LogFollower::HandOver(const FollowerBatch& batch) {
  BatchOutcome outcome;
  try {
    outcome = handler_->Handle(batch);
  } catch (const std::exception& e) {
    outcome = BatchOutcome{};
    outcome.status = Status::Internal(std::string("a batch failed with an exception: ") + e.what());
  } catch (...) {
    outcome = BatchOutcome{};
    outcome.status = Status::Internal("a batch failed with an exception of unknown type");
  }
  return outcome;
}

// 3. Not done: keep what is done, stop at the event, or retry.
Status LogFollower::SettleFailedBatch(const FollowerBatch& batch, const BatchOutcome& outcome) {
  size_t done = std::min(outcome.done, batch.events.size());
  if (outcome.failed_event) done = std::min(done, *outcome.failed_event);
  if (done > 0 && !outcome.checkpoint_committed) KeepDone(batch, done);
  if (outcome.failed_event && *outcome.failed_event < batch.events.size()) {
    needs_load_ = true;
    return StopAt(batch.events[*outcome.failed_event], outcome.status.message());
  }
  needs_load_ = true;  // a commit in doubt or a twin: re-read what the store holds
  if (outcome.checkpoints_moved) {
    std::lock_guard<std::mutex> lock(state_mu_);
    ++stats_.moved_checkpoints;
  }
  return outcome.status;
}

// Commits the checkpoints past the first `done` events of a failed batch (best effort).
void LogFollower::KeepDone(const FollowerBatch& batch, size_t done) {
  std::vector<int64_t> partial = batch.from;
  for (size_t i = 0; i < done; ++i) {
    const RecordedEvent& e = batch.events[i];
    partial[static_cast<size_t>(e.partition)] = e.offset + 1;
  }
  Status committed;
  try {
    committed = store_->Commit(batch.from, partial);
  } catch (...) {
    committed = Status::Unavailable("committing the checkpoints threw");
  }
  if (committed.ok()) {
    next_ = partial;
    Publish(partial);
  }
}

// 4. Done: commit the checkpoints unless the handler did with its effects.
Status LogFollower::CompleteBatch(const FollowerBatch& batch, const BatchOutcome& outcome) {
  if (!outcome.checkpoint_committed) {
    Status committed;
    try {
      committed = store_->Commit(batch.from, batch.next);
    } catch (const std::exception& e) {
      committed = Status::Unavailable(std::string("committing the checkpoints threw: ") + e.what());
    }
    if (!committed.ok()) {
      needs_load_ = true;
      return committed.Annotate("committing the checkpoints");
    }
  }
  size_t skipped = 0;
  for (size_t i = 0; i < batch.events.size(); ++i) skipped += batch.skipped[i] ? 1 : 0;
  next_ = batch.next;
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    ++stats_.batches;
    stats_.events_read += batch.events.size();
    stats_.events_skipped += skipped;
    failure_ = Status::OK();
    stopped_at_.reset();
  }
  Publish(batch.next);
  return Status::OK();
}

Status LogFollower::CatchUp(size_t* events) {
  size_t local = 0;
  if (events == nullptr) events = &local;
  *events = 0;
  std::vector<int64_t> ends;
  EDU_RETURN_IF_ERROR(log_->EndOffsets(&ends));
  int moved_in_a_row = 0;
  for (;;) {
    std::lock_guard<std::mutex> lock(batch_mu_);
    Status loaded = EnsureLoaded();
    if (!loaded.ok()) return loaded;
    bool behind = false;
    for (size_t p = 0; p < ends.size() && p < next_.size(); ++p) {
      behind = behind || next_[p] < ends[p];
    }
    if (!behind) return Status::OK();
    const uint64_t moved_before = stats().moved_checkpoints;
    size_t read = 0;
    Status s = OneBatch(&read);
    // Another instance moved the checkpoints: nothing is wrong, carry on from where it got to
    // (the checkpoints are reloaded first). Only a twin winning every time makes this give up.
    if (!s.ok() && stats().moved_checkpoints > moved_before && ++moved_in_a_row < 5) continue;
    EDU_RETURN_IF_ERROR(s);
    moved_in_a_row = 0;
    *events += read;
    // Ends can count offsets that hold no event (Kafka transaction markers): nothing more to read.
    if (read == 0) return Status::OK();
  }
}

// What wakes the Run loop: a partition's waiter saw new events (seq moved), or the loop ends.
struct LogFollower::Wakeups {
  explicit Wakeups(const std::atomic<bool>& stop_flag) : stop(stop_flag) {}
  bool done() const { return quit.load() || stop.load(); }

  const std::atomic<bool>& stop;
  std::atomic<bool> quit{false};  // set under state_mu_, when the loop ends
  std::mutex mu;
  std::condition_variable cv;
  uint64_t seq = 0;  // guarded by mu
};

void LogFollower::Run(const std::atomic<bool>& stop, const std::function<bool()>& yield) {
  CountRunLoop(+1);
  Wakeups wakeups(stop);
  // One waiter per partition, so that new events on any of them wake the loop at once.
  std::vector<std::thread> waiters;
  for (int p = 0; p < partitions_; ++p) {
    waiters.emplace_back([this, p, &wakeups] { WaitOnPartition(p, &wakeups); });
  }
  auto yielded = [&] {
    try {
      return yield && yield();
    } catch (...) {
      return false;
    }
  };
  while (!stop.load() && !yielded()) {
    uint64_t seen;
    {
      std::lock_guard<std::mutex> lock(wakeups.mu);
      seen = wakeups.seq;
    }
    size_t read = 0;
    Status s = GuardedBatch(&read);
    if (!s.ok()) {
      AfterFailedBatch(s, stop);
      continue;
    }
    if (read == 0) {
      std::unique_lock<std::mutex> lock(wakeups.mu);
      wakeups.cv.wait_for(lock, options_.idle_wait,
                          [&] { return stop.load() || wakeups.seq != seen; });
    }
  }
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    wakeups.quit = true;
  }
  progress_.notify_all();
  for (auto& t : waiters) t.join();
  CountRunLoop(-1);
}

void LogFollower::CountRunLoop(int delta) {
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    running_ += delta;
  }
  if (delta < 0) progress_.notify_all();
}

// A waiter thread: waits for events past the committed checkpoint of `partition`, wakes the loop,
// then waits until the loop has taken them in before waiting on the log again.
void LogFollower::WaitOnPartition(int partition, Wakeups* wakeups) {
  const size_t pi = static_cast<size_t>(partition);
  while (!wakeups->done()) {
    int64_t from;
    {
      std::lock_guard<std::mutex> lock(state_mu_);
      from = pi < committed_.size() ? committed_[pi] : 0;
    }
    Status s;
    try {
      s = log_->WaitForEvents(partition, from, options_.idle_wait);
    } catch (const std::exception& e) {
      s = Status::Internal(e.what());
    } catch (...) {
      s = Status::Internal("an exception of unknown type");
    }
    if (wakeups->done()) break;
    if (!s.ok()) {
      if (s.code() != Status::Code::kTimeout) std::this_thread::sleep_for(options_.idle_wait);
      continue;
    }
    {
      std::lock_guard<std::mutex> lock(wakeups->mu);
      ++wakeups->seq;
    }
    wakeups->cv.notify_all();
    std::unique_lock<std::mutex> lock(state_mu_);
    progress_.wait_for(lock, options_.idle_wait, [&] {
      return wakeups->done() || (pi < committed_.size() && committed_[pi] > from);
    });
  }
}

// One batch under batch_mu_; whatever it throws is its failure.
Status LogFollower::GuardedBatch(size_t* read) {
  try {
    std::lock_guard<std::mutex> lock(batch_mu_);
    return OneBatch(read);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("a batch threw: ") + e.what());
  } catch (...) {
    return Status::Internal("a batch threw an exception of unknown type");
  }
}

// Transient failures are retried after the backoff; any other stops this follower alone, until
// an operator's decision or a retry.
void LogFollower::AfterFailedBatch(const Status& s, const std::atomic<bool>& stop) {
  if (Transient(s)) {
    SleepUnlessStopped(stop, options_.retry_backoff);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    if (failure_.ok()) failure_ = s;  // a log or store error: report it like an event's
  }
  progress_.notify_all();
  WaitWhileStopped(stop);
}

void LogFollower::WaitWhileStopped(const std::atomic<bool>& stop) {
  const auto poll = std::max(options_.retry_backoff, std::chrono::milliseconds(50));
  // Failures without an event (the log or the store refusing something) are retried now and
  // then; an event's failure only when a decision or a restart changed something.
  const auto retry_every = std::max(poll * 10, std::chrono::milliseconds(5000));
  const auto started = std::chrono::steady_clock::now();
  while (!stop.load()) {
    std::optional<StoppedEvent> at;
    {
      std::lock_guard<std::mutex> lock(state_mu_);
      if (failure_.ok()) return;
      at = stopped_at_;
    }
    if (RefreshDecisions().ok() && at && Skips(at->event_id)) return;  // an operator decided
    if (!at && std::chrono::steady_clock::now() - started >= retry_every) return;
    SleepUnlessStopped(stop, poll);
  }
}

Status LogFollower::Lag(std::vector<int64_t>* per_partition) {
  std::vector<int64_t> committed;
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    if (!started_) {
      return Status::InvalidArgument(options_.component + " " + options_.name +
                                     " has not loaded its checkpoints yet");
    }
    committed = committed_;
  }
  std::vector<int64_t> ends;
  EDU_RETURN_IF_ERROR(log_->EndOffsets(&ends));
  per_partition->assign(ends.size(), 0);
  for (size_t p = 0; p < ends.size(); ++p) {
    int64_t at = p < committed.size() ? committed[p] : 0;
    (*per_partition)[p] = std::max<int64_t>(0, ends[p] - at);
  }
  return Status::OK();
}

void LogFollower::PollStore(int partition) {
  std::optional<int64_t> stored;
  Status s;
  try {
    s = store_->Observe(partition, &stored);
  } catch (...) {
    return;
  }
  if (!s.ok() || !stored) return;
  std::vector<int64_t> next;
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    next = committed_;
  }
  if (static_cast<size_t>(partition) < next.size()) {
    next[static_cast<size_t>(partition)] = *stored;
    Publish(next);
  }
}

Status LogFollower::WaitForPosition(int partition, int64_t offset,
                                    std::chrono::milliseconds timeout) {
  if (partition < 0 || partition >= partitions_) {
    return Status::InvalidArgument("partition " + std::to_string(partition) +
                                   " does not exist (the log has " + std::to_string(partitions_) +
                                   ")");
  }
  const size_t p = static_cast<size_t>(partition);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock<std::mutex> lock(state_mu_);
  if (!started_) {
    return Status::InvalidArgument(options_.component + " " + options_.name +
                                   " has not loaded its checkpoints yet");
  }
  // Without a Run loop here, look at once: the position may have been reached elsewhere.
  auto next_poll =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(running_ == 0 ? 0 : 500);
  for (;;) {
    if (p < committed_.size() && committed_[p] > offset) return Status::OK();
    if (!failure_.ok()) return failure_;
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      return Status::Timeout(options_.component + " '" + options_.name +
                             "' has not reached partition " + std::to_string(partition) +
                             " offset " + std::to_string(offset) + " within " +
                             std::to_string(timeout.count()) + " ms (it is at " +
                             std::to_string(p < committed_.size() ? committed_[p] : 0) + ")");
    }
    // Progress may come from another process running this consumer: poll what it committed,
    // often when no Run loop is here, rarely otherwise.
    auto poll_every = std::chrono::milliseconds(running_ == 0 ? 50 : 500);
    if (now < next_poll) progress_.wait_until(lock, std::min(deadline, next_poll));
    if (p < committed_.size() && committed_[p] > offset) return Status::OK();
    now = std::chrono::steady_clock::now();
    if (now >= next_poll && now < deadline) {
      next_poll = now + poll_every;
      lock.unlock();
      PollStore(partition);
      lock.lock();
    }
  }
}

Status LogFollower::last_error() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return failure_;
}

std::optional<StoppedEvent> LogFollower::stopped_at() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return stopped_at_;
}

void LogFollower::ReportStopped(const Status& failure, const std::optional<StoppedEvent>& at) {
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    failure_ = failure;
    stopped_at_ = failure.ok() ? std::nullopt : at;
  }
  progress_.notify_all();
}

std::unique_lock<std::mutex> LogFollower::PauseBatches() {
  return std::unique_lock<std::mutex>(batch_mu_);
}

void LogFollower::Restart(const std::vector<int64_t>& next) {
  next_ = next;
  next_.resize(static_cast<size_t>(partitions_), 0);
  needs_load_ = false;
  rotate_ = 0;
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    started_ = true;
    failure_ = Status::OK();
    stopped_at_.reset();
    committed_ = next_;
  }
  progress_.notify_all();
}

std::vector<int64_t> LogFollower::checkpoints() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return committed_;
}

FollowerStats LogFollower::stats() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return stats_;
}

}  // namespace edu
