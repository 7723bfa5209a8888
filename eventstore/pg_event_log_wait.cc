// PgEventLog's WaitForEvents: the partition ends known to this process, advanced by its own
// writers, by the listener thread's LISTEN/NOTIFY for appends made elsewhere, and by a periodic
// re-read of the ends, so a lost notification delays a reader but never hangs it.
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "eventstore/pg_event_log_internal.h"

namespace edu {

using pg_log::AppendedReceiver;
using pg_log::Connect;
using pg_log::Guard;
using pg_log::IsOpen;
using pg_log::SteadyClock;

void PgEventLog::Impl::AdvanceKnownEnd(int partition, int64_t end) {
  if (partition < 0 || partition >= options_.partitions) return;
  bool advanced = false;
  {
    std::lock_guard<std::mutex> lock(wait_mu_);
    int64_t& known = known_end_[static_cast<size_t>(partition)];
    if (end > known) {
      known = end;
      advanced = true;
    }
  }
  if (advanced) wait_cv_.notify_all();
}

Status PgEventLog::Impl::WaitForEvents(int partition, int64_t from_offset,
                                       std::chrono::milliseconds timeout) {
  if (partition < 0 || partition >= options_.partitions) {
    return Status::InvalidArgument("partition " + std::to_string(partition) + " does not exist");
  }
  std::unique_lock<std::mutex> lock(wait_mu_);
  ++waiters_;
  bool ready = wait_cv_.wait_for(
      lock, timeout, [&] { return known_end_[static_cast<size_t>(partition)] > from_offset; });
  --waiters_;
  return ready ? Status::OK()
               : Status::Timeout("no new events in partition " + std::to_string(partition) +
                                 " from offset " + std::to_string(from_offset));
}

void PgEventLog::Impl::OnNotification(const std::string& payload) {
  // "p:end,p:end"; anything else (an empty payload included) asks for a re-read.
  bool understood = !payload.empty();
  size_t pos = 0;
  while (understood && pos < payload.size()) {
    size_t comma = payload.find(',', pos);
    std::string item =
        payload.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    size_t colon = item.find(':');
    char* end = nullptr;
    if (colon == std::string::npos) {
      understood = false;
      break;
    }
    long partition = std::strtol(item.c_str(), &end, 10);
    long long next = std::strtoll(item.c_str() + colon + 1, &end, 10);
    if (*end != '\0') {
      understood = false;
      break;
    }
    AdvanceKnownEnd(static_cast<int>(partition), static_cast<int64_t>(next));
    pos = comma == std::string::npos ? payload.size() : comma + 1;
  }
  if (!understood) refresh_requested_ = true;
}

void PgEventLog::Impl::RefreshEnds(pqxx::connection& c) {
  pqxx::nontransaction tx(c);
  for (const auto& row : tx.exec("SELECT partition, next_offset FROM eventstore.partitions")) {
    AdvanceKnownEnd(row[0].as<int>(), row[1].as<int64_t>());
  }
}

Status PgEventLog::Impl::ConnectListener() {
  receiver_.reset();
  EDU_RETURN_IF_ERROR(Connect(uri_, "listener", nullptr, &listen_conn_));
  // LISTEN first, then read the ends: an append in between is caught by one or the other.
  return Guard("listening for appends", [&] {
    receiver_ = std::make_unique<AppendedReceiver>(
        *listen_conn_, [this](const std::string& payload) { OnNotification(payload); });
    RefreshEnds(*listen_conn_);
    return Status::OK();
  });
}

Status PgEventLog::Impl::StartListener() {
  if (pipe2(wake_pipe_, O_CLOEXEC | O_NONBLOCK) != 0) {
    return Status::Internal("creating the listener's wake-up pipe failed");
  }
  EDU_RETURN_IF_ERROR(ConnectListener());
  listener_ = std::thread([this] { ListenerLoop(); });
  return Status::OK();
}

void PgEventLog::Impl::ListenerLoop() {
  const auto interval = std::max(options_.recheck_interval, std::chrono::milliseconds(1));
  auto next_refresh = SteadyClock::now() + interval;
  while (!listener_stop_) {
    if (!IsOpen(listen_conn_)) {
      ++reconnects_;
      if (!ConnectListener().ok()) {
        receiver_.reset();
        listen_conn_.reset();
        pollfd wake{wake_pipe_[0], POLLIN, 0};
        poll(&wake, 1, 500);  // back off; the stop request still wakes us
        continue;
      }
    }
    try {
      auto wait =
          std::chrono::duration_cast<std::chrono::milliseconds>(next_refresh - SteadyClock::now());
      pollfd fds[2] = {{listen_conn_->sock(), POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
      poll(fds, 2, static_cast<int>(std::clamp<int64_t>(wait.count(), 0, interval.count())));
      if (fds[1].revents != 0) {
        char drain[64];
        while (read(wake_pipe_[0], drain, sizeof drain) > 0) {
        }
      }
      listen_conn_->get_notifs();  // also delivers notifications buffered during queries
      bool has_waiters;
      {
        std::lock_guard<std::mutex> lock(wait_mu_);
        has_waiters = waiters_ > 0;
      }
      bool due = SteadyClock::now() >= next_refresh;
      if (refresh_requested_.exchange(false) || (due && has_waiters)) {
        RefreshEnds(*listen_conn_);
        listen_conn_->get_notifs();
      }
      if (due) next_refresh = SteadyClock::now() + interval;
    } catch (...) {
      receiver_.reset();
      listen_conn_.reset();
    }
  }
  receiver_.reset();
  listen_conn_.reset();
}

}  // namespace edu
