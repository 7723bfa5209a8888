// Lifecycle machines checked against a transition table written by hand in the test, from the
// documented lifecycle (docs/*.md, the seeds, the machine header's comment), never read back from
// the machine itself: comparing a machine with its own Describe() passes whatever its rows say.
//
//   using S = BookingStatus;
//   using T = BookingTrigger;
//   const ExpectedTable<S, T> lifecycle = {
//       {S::requested, T::pay, S::confirmed},
//       {S::requested, T::cancel, S::cancelled},
//       ...
//   };
//   CheckMachine<BookingMachine, S, T>(S::requested, lifecycle);
//
// What it checks, given the initial status, the expected rows {from, trigger, to} and optionally
// the statuses the lifecycle never reaches (normally none):
//   1. the expected table itself: at most one row per (from, trigger) (the machines are
//      deterministic), no row leaving a status declared unreachable;
//   2. a new machine starts in the initial status, and Describe() names that status as initial;
//   3. starting there, it fires every trigger in every status the machine reaches (following the
//      machine's own moves, so a wrong move is still walked and reported): Allows() and Fire()
//      succeed exactly when the expected table has a row, Fire() lands on that row's target, and
//      a refused trigger leaves the status unchanged;
//   4. every status of the enum is reached, except those declared unreachable, which must not be;
//   5. Describe() (what docs/machines.md is generated from) equals the expected table as a set of
//      rows, with no row listed twice.
//
// How it reports: MachineDiscrepancies() returns one sentence per disagreement, prefixed with the
// machine's Describe() name ("booking: from confirmed, cancel goes to completed; the lifecycle
// says cancelled"); an empty list means the machine is exactly its documented lifecycle.
// CheckMachine() turns each sentence into a non-fatal doctest failure located at the test's call,
// so one run lists every wrong row, then checks the count is zero.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "domain/core/describe.h"
#include "domain/core/machine.h"

namespace edu::testing {

template <class Status, class Trigger>
struct ExpectedTransition {
  Status from;
  Trigger trigger;
  Status to;
};

template <class Status, class Trigger>
using ExpectedTable = std::vector<ExpectedTransition<Status, Trigger>>;

namespace machine_spec_detail {

template <class E>
std::vector<E> AllValues() {
  std::vector<E> out;
  for (size_t i = 0; i < EnumNames(E{}).size(); ++i) out.push_back(static_cast<E>(i));
  return out;
}

template <class E>
std::string Name(E value) {
  return std::string(EnumName(value));
}

inline std::string Row(const std::string& from, const std::string& trigger, const std::string& to) {
  return from + " --" + trigger + "--> " + to;
}

}  // namespace machine_spec_detail

// Every disagreement between Machine and the expected lifecycle, one sentence each (see above).
template <class Machine, class Status, class Trigger>
std::vector<std::string> MachineDiscrepancies(Status initial,
                                              const ExpectedTable<Status, Trigger>& expected,
                                              const std::vector<Status>& unreachable = {}) {
  namespace d = machine_spec_detail;
  const MachineDescription description = Machine::Describe();
  const std::string prefix = description.name + ": ";
  std::vector<std::string> problems;
  auto report = [&](const std::string& sentence) { problems.push_back(prefix + sentence); };
  auto declared_unreachable = [&](Status s) {
    return std::find(unreachable.begin(), unreachable.end(), s) != unreachable.end();
  };

  // 1. The expected table.
  std::map<std::pair<Status, Trigger>, Status> target;
  for (const auto& row : expected) {
    if (!target.emplace(std::make_pair(row.from, row.trigger), row.to).second) {
      report("the expected table has two rows for " + d::Name(row.trigger) + " from " +
             d::Name(row.from));
    }
    if (declared_unreachable(row.from)) {
      report("the expected row " +
             d::Row(d::Name(row.from), d::Name(row.trigger), d::Name(row.to)) + " leaves " +
             d::Name(row.from) + ", which the test declares unreachable");
    }
  }

  // 2. The initial status.
  const Machine fresh;
  if (fresh.status() != initial) {
    report("a new machine is " + d::Name(fresh.status()) + "; the lifecycle starts " +
           d::Name(initial));
  }
  if (description.initial != d::Name(initial)) {
    report("Describe() starts at " + description.initial + "; the lifecycle starts " +
           d::Name(initial));
  }

  // 3. Every trigger in every status reached, walking the machine's own moves.
  std::map<Status, Machine> reached{{fresh.status(), fresh}};
  std::vector<Status> frontier{fresh.status()};
  while (!frontier.empty()) {
    const Status from = frontier.front();
    frontier.erase(frontier.begin());
    const Machine& at = reached.at(from);
    for (Trigger trigger : d::AllValues<Trigger>()) {
      const auto row = target.find({from, trigger});
      const bool allowed = row != target.end();
      const std::string what = d::Name(trigger) + " from " + d::Name(from);
      const bool allows = at.Allows(trigger);
      Machine next = at;
      const bool fired = next.Fire(trigger);
      const Status after = next.status();
      if (allowed) {
        const std::string should = "; the lifecycle says " + d::Name(row->second);
        if (!allows) report("Allows() refuses " + what + should);
        if (!fired) {
          report("Fire() refuses " + what + should);
        } else if (after != row->second) {
          report(what + " goes to " + d::Name(after) + should);
        }
      } else {
        const std::string should = "; the lifecycle has no such transition";
        if (allows) report("Allows() accepts " + what + should);
        if (fired) report("Fire() accepts " + what + " (to " + d::Name(after) + ")" + should);
        if (!fired && after != from) {
          report("a refused " + what + " changed the status to " + d::Name(after));
        }
      }
      if (fired && !reached.count(after)) {
        reached.emplace(after, next);
        frontier.push_back(after);
      }
    }
  }

  // 4. Reachability.
  for (Status s : d::AllValues<Status>()) {
    const bool is_reached = reached.count(s) > 0;
    if (!is_reached && !declared_unreachable(s)) {
      report("status " + d::Name(s) + " is never reached from " + d::Name(initial));
    }
    if (is_reached && declared_unreachable(s)) {
      report("status " + d::Name(s) + " is declared unreachable but the machine reaches it");
    }
  }

  // 5. The published table.
  using Key = std::tuple<std::string, std::string, std::string>;
  std::set<Key> want;
  for (const auto& row : expected) {
    want.emplace(d::Name(row.from), d::Name(row.trigger), d::Name(row.to));
  }
  std::set<Key> have;
  for (const auto& row : description.transitions) {
    if (!have.emplace(row.from, row.trigger, row.to).second) {
      report("Describe() lists " + d::Row(row.from, row.trigger, row.to) + " twice");
    }
  }
  for (const auto& [from, trigger, to] : want) {
    if (!have.count({from, trigger, to})) {
      report("Describe() lacks " + d::Row(from, trigger, to) + " (docs/machines.md omits it)");
    }
  }
  for (const auto& [from, trigger, to] : have) {
    if (!want.count({from, trigger, to})) {
      report("Describe() lists " + d::Row(from, trigger, to) +
             ", which the lifecycle does not have (docs/machines.md shows it)");
    }
  }
  return problems;
}

// MachineDiscrepancies() as doctest failures, located at the caller's line.
template <class Machine, class Status, class Trigger>
void CheckMachine(Status initial, const ExpectedTable<Status, Trigger>& expected,
                  const std::vector<Status>& unreachable = {}, const char* file = __builtin_FILE(),
                  int line = __builtin_LINE()) {
  const std::vector<std::string> problems =
      MachineDiscrepancies<Machine, Status, Trigger>(initial, expected, unreachable);
  for (const auto& problem : problems) ADD_FAIL_CHECK_AT(file, line, problem);
  const std::string summary = Machine::Describe().name + " disagrees with its documented lifecycle";
  CHECK_MESSAGE(problems.empty(), summary);
}

}  // namespace edu::testing
