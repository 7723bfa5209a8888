// The demo's way of running eduledger's own scheduler: settle the reactions, then issue what is
// due at the (simulated) now, as serve's background scheduler would. Used by `eduledger demo` and
// by the tests that replay the demo's history.
#pragma once

#include <functional>
#include <stdexcept>
#include <vector>

#include "adapters/demo/driver.h"
#include "adapters/wiring/system.h"

namespace edu {

// `system` must outlive the hook and run its scheduler (SystemOptions::run_scheduler).
inline DemoDriver::SchedulerHook RunDueHook(System* system, std::function<void()> settle) {
  return [system, settle = std::move(settle)] {
    settle();
    Scheduler* scheduler = system->scheduler();
    if (scheduler == nullptr) throw std::runtime_error("demo: the system runs no scheduler");
    const size_t before = scheduler->Fired().size();
    Status ran = scheduler->RunDue();
    if (!ran.ok()) throw std::runtime_error("demo: the scheduler did not run: " + ran.message());
    std::vector<FiredDeadline> all = scheduler->Fired();
    return std::vector<FiredDeadline>(all.begin() + static_cast<std::ptrdiff_t>(before), all.end());
  };
}

}  // namespace edu
