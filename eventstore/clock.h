// Clocks live at the edges (the domain never reads one). A ManualClock drives the demo's simulated
// weeks and makes time-dependent tests exact.
#pragma once

#include <atomic>
#include <chrono>

#include "domain/core/time.h"

namespace edu {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock : public Clock {
 public:
  Timestamp Now() const override {
    auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count()};
  }
  static SystemClock* Instance() {
    static SystemClock clock;
    return &clock;
  }
};

// Thread-safe; time moves only when told to.
class ManualClock : public Clock {
 public:
  explicit ManualClock(Timestamp start) : micros_(start.micros) {}
  Timestamp Now() const override { return Timestamp{micros_.load()}; }
  void Set(Timestamp t) { micros_.store(t.micros); }
  void Advance(Micros d) { micros_.fetch_add(d); }

 private:
  std::atomic<Micros> micros_;
};

}  // namespace edu
