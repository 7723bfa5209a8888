// The shared lifecycle checker (tests/support/machine_spec.h) can fail: a small hand-written
// machine, broken one way at a time, must be reported with exactly the sentences that name what
// is wrong, and only the correct one passes.
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "domain/core/describe.h"
#include "domain/core/machine.h"
#include "tests/support/machine_spec.h"

namespace edu {
namespace {

EDU_ENUM(DoorStatus, closed, opened, locked, broken)
EDU_ENUM(DoorTrigger, open, close, lock, unlock, kick)

using S = DoorStatus;
using T = DoorTrigger;

// The documented door: closed <-> opened, closed <-> locked; nobody can break it, kick does
// nothing.
const testing::ExpectedTable<S, T> kDoorLifecycle = {
    {S::closed, T::open, S::opened},
    {S::opened, T::close, S::closed},
    {S::closed, T::lock, S::locked},
    {S::locked, T::unlock, S::closed},
};

enum class Bug {
  none,
  wrong_target,       // unlock opens the door
  extra_row,          // an open door can be locked
  missing_row,        // a closed door cannot be locked
  allows_lies,        // Allows(kick) says yes, Fire(kick) refuses
  refusal_moves,      // a refused kick breaks an open door
  docs_only_row,      // Describe() lists a row the machine does not have
  duplicate_docs_row  // Describe() lists a row twice
};

// The same interface as an EDU_DECLARE_MACHINE class, without Boost.MSM.
template <Bug kBug>
class Door {
 public:
  DoorStatus status() const { return status_; }
  bool Allows(DoorTrigger t) const {
    if (kBug == Bug::allows_lies && t == T::kick) return true;
    return Target(status_, t).has_value();
  }
  bool Fire(DoorTrigger t) {
    const auto to = Target(status_, t);
    if (!to) {
      if (kBug == Bug::refusal_moves && t == T::kick && status_ == S::opened) status_ = S::broken;
      return false;
    }
    status_ = *to;
    return true;
  }
  static MachineDescription Describe() {
    MachineDescription d{"door", "closed", {}};
    for (size_t s = 0; s < EnumNames(S{}).size(); ++s) {
      for (size_t t = 0; t < EnumNames(T{}).size(); ++t) {
        if (auto to = Target(static_cast<S>(s), static_cast<T>(t))) {
          d.transitions.push_back({std::string(EnumName(static_cast<S>(s))),
                                   std::string(EnumName(static_cast<T>(t))),
                                   std::string(EnumName(*to))});
        }
      }
    }
    if (kBug == Bug::docs_only_row) d.transitions.push_back({"locked", "kick", "broken"});
    if (kBug == Bug::duplicate_docs_row) d.transitions.push_back(d.transitions.front());
    return d;
  }

 private:
  static std::optional<DoorStatus> Target(DoorStatus s, DoorTrigger t) {
    if (s == S::closed && t == T::open) return S::opened;
    if (s == S::opened && t == T::close) return S::closed;
    if (s == S::closed && t == T::lock && kBug != Bug::missing_row) return S::locked;
    if (s == S::locked && t == T::unlock) return kBug == Bug::wrong_target ? S::opened : S::closed;
    if (s == S::opened && t == T::lock && kBug == Bug::extra_row) return S::locked;
    return std::nullopt;
  }

  DoorStatus status_ = S::closed;
};

template <Bug kBug>
std::vector<std::string> Problems(const testing::ExpectedTable<S, T>& lifecycle = kDoorLifecycle,
                                  const std::vector<S>& unreachable = {S::broken}) {
  return testing::MachineDiscrepancies<Door<kBug>, S, T>(S::closed, lifecycle, unreachable);
}

using Sentences = std::vector<std::string>;

}  // namespace

TEST_SUITE("machines: the shared checker") {
  TEST_CASE("a machine that is exactly its lifecycle passes") {
    CHECK(Problems<Bug::none>() == Sentences{});
    testing::CheckMachine<Door<Bug::none>, S, T>(S::closed, kDoorLifecycle, {S::broken});
  }

  TEST_CASE("a wrong target is reported by the walk and by the published table") {
    CHECK(Problems<Bug::wrong_target>() ==
          Sentences{"door: unlock from locked goes to opened; the lifecycle says closed",
                    "door: Describe() lacks locked --unlock--> closed (docs/machines.md omits it)",
                    "door: Describe() lists locked --unlock--> opened, which the lifecycle does "
                    "not have (docs/machines.md shows it)"});
  }

  TEST_CASE("a transition the lifecycle does not have is reported") {
    CHECK(Problems<Bug::extra_row>() ==
          Sentences{"door: Allows() accepts lock from opened; the lifecycle has no such transition",
                    "door: Fire() accepts lock from opened (to locked); the lifecycle has no such "
                    "transition",
                    "door: Describe() lists opened --lock--> locked, which the lifecycle does not "
                    "have (docs/machines.md shows it)"});
  }

  TEST_CASE("a missing transition is reported, with the status it leaves unreachable") {
    CHECK(Problems<Bug::missing_row>() ==
          Sentences{"door: Allows() refuses lock from closed; the lifecycle says locked",
                    "door: Fire() refuses lock from closed; the lifecycle says locked",
                    "door: status locked is never reached from closed",
                    "door: Describe() lacks closed --lock--> locked (docs/machines.md omits it)"});
  }

  TEST_CASE("Allows() and Fire() are checked separately, and a refusal must not move") {
    CHECK(Problems<Bug::allows_lies>() ==
          Sentences{"door: Allows() accepts kick from closed; the lifecycle has no such transition",
                    "door: Allows() accepts kick from opened; the lifecycle has no such transition",
                    "door: Allows() accepts kick from locked; the lifecycle has no such "
                    "transition"});
    CHECK(Problems<Bug::refusal_moves>() ==
          Sentences{"door: a refused kick from opened changed the status to broken"});
  }

  TEST_CASE("the published table must equal the lifecycle as a set, without repeats") {
    CHECK(Problems<Bug::docs_only_row>() ==
          Sentences{"door: Describe() lists locked --kick--> broken, which the lifecycle does not "
                    "have (docs/machines.md shows it)"});
    CHECK(Problems<Bug::duplicate_docs_row>() ==
          Sentences{"door: Describe() lists closed --open--> opened twice"});
  }

  TEST_CASE("the expected table and the declared unreachable statuses are checked too") {
    testing::ExpectedTable<S, T> twice = kDoorLifecycle;
    twice.push_back({S::closed, T::open, S::locked});
    CHECK(Problems<Bug::none>(twice).front() ==
          "door: the expected table has two rows for open from closed");
    CHECK(Problems<Bug::none>(kDoorLifecycle, {}) ==
          Sentences{"door: status broken is never reached from closed"});
    CHECK(Problems<Bug::none>(kDoorLifecycle, {S::broken, S::locked}) ==
          Sentences{"door: the expected row locked --unlock--> closed leaves locked, which the "
                    "test declares unreachable",
                    "door: status locked is declared unreachable but the machine reaches it"});
  }
}

}  // namespace edu
