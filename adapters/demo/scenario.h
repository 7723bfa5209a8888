// The demo's scenarios by name: one per marketplace (its name is the marketplace's), each driving
// that marketplace through the HTTP API and then reconciling the read tables with its own
// accounting. `eduledger demo` runs every one of AllDemoScenarios() in order and reports each.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "adapters/demo/driver.h"
#include "domain/policies.h"
#include "eventstore/event_log.h"

namespace edu {

// What `eduledger demo`'s command line sets for the scenarios.
struct DemoSettings {
  int students = 40;   // mentorship students
  int mentors = 12;    // mentorship mentors (two stay under review)
  int sessions = 300;  // mentorship session bookings
  Policies policies;   // the policies the system runs with (for the scenarios' own accounting)
};

// Where a scenario's report reads: the read tables and the log (either backend).
struct DemoReportContext {
  std::string db_uri;
  EventLog* log = nullptr;
};

class DemoScenario {
 public:
  virtual ~DemoScenario() = default;
  // The marketplace it drives ("mentorship", ...).
  virtual std::string name() const = 0;
  // One line saying what it is about to do ("mentorship: 40 students, ...").
  virtual std::string Describe() const = 0;
  // Drives the marketplace; `settle` waits until the reactions have caught up. Throws on a
  // response the scenario did not expect.
  virtual void Run(DemoDriver& driver, const std::function<void()>& settle) = 0;
  // Prints its part of the summary from the read tables; false (after printing why) when
  // anything does not reconcile.
  virtual bool Report(const DemoReportContext& context) = 0;
};

// Every scenario, in the order the demo runs them.
std::vector<std::unique_ptr<DemoScenario>> AllDemoScenarios(const DemoSettings& settings);

}  // namespace edu
