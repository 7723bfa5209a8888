// The lifecycle machines: their published diagrams match the code, and each machine refuses what
// its rows do not allow.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <doctest/doctest.h>

#include "domain/machines.h"
#include "domain/mentorship/booking_machine.h"
#include "domain/mentorship/escrow_machine.h"
#include "domain/mentorship/payout_machine.h"
#include "domain/mentorship/refund_machine.h"
#include "domain/mentorship/verification_machine.h"

namespace edu {
namespace {

// tests/unit/<this file> -> the source tree's root (CMake compiles with absolute paths).
std::string SourceRoot() {
  std::string file = __FILE__;
  return file.substr(0, file.rfind("/tests/unit/"));
}

// Walks every state the machine can reach from its initial state and checks, for every trigger in
// every reached state, that Fire() does exactly what the described rows say: the row's target when
// there is one, otherwise a refusal that leaves the state unchanged. Returns the reached states.
template <class Machine, class Status, class Trigger>
std::set<std::string> CheckEveryTransition() {
  const MachineDescription d = Machine::Describe();
  std::map<std::string, Machine> reached{{d.initial, Machine()}};
  std::vector<std::string> frontier{d.initial};
  while (!frontier.empty()) {
    std::string from = frontier.back();
    frontier.pop_back();
    for (size_t t = 0; t < EnumNames(Trigger{}).size(); ++t) {
      const auto trigger = static_cast<Trigger>(t);
      std::string expected;
      for (const auto& row : d.transitions) {
        if (row.from == from && row.trigger == EnumName(trigger)) expected = row.to;
      }
      Machine m = reached.at(from);
      CAPTURE(from);
      CAPTURE(EnumName(trigger));
      CHECK(m.Allows(trigger) == !expected.empty());
      CHECK(m.Fire(trigger) == !expected.empty());
      CHECK(std::string(EnumName(m.status())) == (expected.empty() ? from : expected));
      if (!expected.empty() && !reached.count(expected)) {
        reached.emplace(expected, m);
        frontier.push_back(expected);
      }
    }
  }
  std::set<std::string> states;
  for (const auto& [name, m] : reached) states.insert(name);
  return states;
}

template <class Status>
std::set<std::string> AllStatuses() {
  std::set<std::string> out;
  for (auto name : EnumNames(Status{})) out.emplace(name);
  return out;
}

}  // namespace

TEST_SUITE("mentorship machines") {
  TEST_CASE(
      "booking: every row does what it says, every other trigger is refused, every status is "
      "reachable") {
    using namespace mentorship;
    CHECK(CheckEveryTransition<BookingMachine, BookingStatus, BookingTrigger>() ==
          AllStatuses<BookingStatus>());
  }
  TEST_CASE("escrow") {
    using namespace mentorship;
    CHECK(CheckEveryTransition<EscrowMachine, EscrowStatus, EscrowTrigger>() ==
          AllStatuses<EscrowStatus>());
    CHECK(EscrowMachine::Describe().transitions.size() == 5);
  }
  TEST_CASE("refund") {
    using namespace mentorship;
    CHECK(CheckEveryTransition<RefundMachine, RefundStatus, RefundTrigger>() ==
          AllStatuses<RefundStatus>());
  }
  TEST_CASE("payout") {
    using namespace mentorship;
    CHECK(CheckEveryTransition<PayoutMachine, PayoutStatus, PayoutTrigger>() ==
          AllStatuses<PayoutStatus>());
  }
  TEST_CASE("mentor verification: the PRD's nine statuses") {
    using namespace mentorship;
    auto reached =
        CheckEveryTransition<VerificationMachine, VerificationStatus, VerificationTrigger>();
    CHECK(reached.size() == 9);
    CHECK(reached == AllStatuses<VerificationStatus>());
  }
  TEST_CASE("terminal states refuse everything") {
    using namespace mentorship;
    RefundMachine r;
    REQUIRE(r.Fire(RefundTrigger::reject));
    for (auto t : {RefundTrigger::approve, RefundTrigger::reject, RefundTrigger::issue,
                   RefundTrigger::fail, RefundTrigger::retry}) {
      CHECK_FALSE(r.Fire(t));
    }
    CHECK(r.status() == RefundStatus::rejected);
    EscrowMachine e;
    REQUIRE(e.Fire(EscrowTrigger::release));
    CHECK_FALSE(e.Allows(EscrowTrigger::dispute));
    CHECK_FALSE(e.Allows(EscrowTrigger::refund_in_full));
  }
}

TEST_SUITE("machines docs") {
  TEST_CASE("docs/machines.md is exactly what the machines generate (run: eduledger docs)") {
    std::ifstream in(SourceRoot() + "/docs/machines.md", std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "docs/machines.md is missing: run eduledger docs --out docs");
    std::stringstream text;
    text << in.rdbuf();
    std::string generated = RenderMachinesMarkdown(AllMachines());
    CHECK_MESSAGE(text.str() == generated,
                  "docs/machines.md is stale: run `eduledger docs --out docs` and commit it");
  }

  TEST_CASE("every machine has a unique name, an initial state and transitions") {
    std::vector<std::string> names;
    for (const auto& m : AllMachines()) {
      CAPTURE(m.name);
      CHECK_FALSE(m.initial.empty());
      CHECK_FALSE(m.transitions.empty());
      CHECK(std::find(names.begin(), names.end(), m.name) == names.end());
      names.push_back(m.name);
    }
  }

  TEST_CASE("the markdown holds a Mermaid diagram and a table row per transition") {
    MachineDescription m{
        "door", "closed", {{"closed", "open", "opened"}, {"opened", "close", "closed"}}};
    std::string md = RenderMachinesMarkdown({m});
    CHECK(md.find("## door\n\n```mermaid\nstateDiagram-v2\n    [*] --> closed\n") !=
          std::string::npos);
    CHECK(md.find("    closed --> opened : open\n") != std::string::npos);
    CHECK(md.find("| opened | close | closed |\n") != std::string::npos);
  }
}

}  // namespace edu
