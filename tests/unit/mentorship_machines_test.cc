// The lifecycle machines: each mentorship machine is exactly its documented lifecycle (rows written
// here from docs/mentorship.md, checked by tests/support/machine_spec.h), and the published
// diagrams match the code.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "domain/machines.h"
#include "domain/mentorship/booking_machine.h"
#include "domain/mentorship/escrow_machine.h"
#include "domain/mentorship/payout_machine.h"
#include "domain/mentorship/refund_machine.h"
#include "domain/mentorship/verification_machine.h"
#include "tests/support/machine_spec.h"

namespace edu {
namespace {

// tests/unit/<this file> -> the source tree's root (CMake compiles with absolute paths).
std::string SourceRoot() {
  std::string file = __FILE__;
  return file.substr(0, file.rfind("/tests/unit/"));
}

}  // namespace

TEST_SUITE("mentorship machines") {
  // The expected rows below are written from docs/mentorship.md ("Lifecycles", "Reschedules",
  // "No-shows", "Disputes", "Mentor verification") and the machine headers, not from the code.
  TEST_CASE(
      "booking: every documented row does what it says, every other trigger is refused, every "
      "status is reachable") {
    using namespace mentorship;
    using S = BookingStatus;
    using T = BookingTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        // Paid: confirmed. Cancelled from requested, confirmed or rescheduled.
        {S::requested, T::pay, S::confirmed},
        {S::requested, T::cancel, S::cancelled},
        // A paid session, before its start, may be rescheduled (again and again).
        {S::confirmed, T::reschedule, S::rescheduled},
        {S::rescheduled, T::reschedule, S::rescheduled},
        {S::confirmed, T::cancel, S::cancelled},
        {S::rescheduled, T::cancel, S::cancelled},
        {S::confirmed, T::start, S::in_progress},
        {S::rescheduled, T::start, S::in_progress},
        // Completed when started, or unstarted once its scheduled end has passed.
        {S::confirmed, T::complete, S::completed},
        {S::rescheduled, T::complete, S::completed},
        {S::in_progress, T::complete, S::completed},
        // Student absent: from confirmed, rescheduled or in_progress.
        {S::confirmed, T::student_no_show, S::no_show},
        {S::rescheduled, T::student_no_show, S::no_show},
        {S::in_progress, T::student_no_show, S::no_show},
        // Mentor absent: a conflict, from confirmed or rescheduled.
        {S::confirmed, T::mentor_no_show, S::disputed},
        {S::rescheduled, T::mentor_no_show, S::disputed},
        // A dispute from in_progress, completed or no_show (contested), then its resolution.
        {S::in_progress, T::dispute, S::disputed},
        {S::completed, T::dispute, S::disputed},
        {S::no_show, T::dispute, S::disputed},
        {S::disputed, T::resolve, S::resolved},
    };
    testing::CheckMachine<BookingMachine, S, T>(S::requested, lifecycle);
  }

  TEST_CASE("escrow: held until released, refunded in full or in part, or disputed and resolved") {
    using namespace mentorship;
    using S = EscrowStatus;
    using T = EscrowTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        {S::held, T::release, S::released},
        {S::held, T::refund_in_full, S::refunded},
        {S::held, T::refund_in_part, S::partially_refunded},
        {S::held, T::dispute, S::disputed},
        {S::disputed, T::resolve, S::resolved},
    };
    testing::CheckMachine<EscrowMachine, S, T>(S::held, lifecycle);
  }

  TEST_CASE("refund: approved or rejected, then issued or failed, a failed one retried") {
    using namespace mentorship;
    using S = RefundStatus;
    using T = RefundTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        // Requested by a cancellation rule or a dispute: approved or rejected.
        {S::requested, T::approve, S::approved},
        {S::requested, T::reject, S::rejected},
        // As the gateway reports; support retries a failed refund.
        {S::approved, T::issue, S::issued},
        {S::approved, T::fail, S::failed},
        {S::failed, T::retry, S::approved},
    };
    testing::CheckMachine<RefundMachine, S, T>(S::requested, lifecycle);
  }

  TEST_CASE("payout: pending, approved into processing, then completed or failed, or cancelled") {
    using namespace mentorship;
    using S = PayoutStatus;
    using T = PayoutTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        {S::pending, T::approve, S::processing},
        {S::pending, T::cancel, S::cancelled},
        {S::processing, T::complete, S::completed},
        {S::processing, T::fail, S::failed},
    };
    testing::CheckMachine<PayoutMachine, S, T>(S::pending, lifecycle);
  }

  TEST_CASE("mentor verification: the PRD's nine statuses") {
    using namespace mentorship;
    using S = VerificationStatus;
    using T = VerificationTrigger;
    CHECK(EnumNames(S{}).size() == 9);
    const testing::ExpectedTable<S, T> lifecycle = {
        // The review steps, one at a time and in order.
        {S::pending, T::review_documents, S::documents_under_review},
        {S::documents_under_review, T::check_background, S::background_check_in_progress},
        {S::background_check_in_progress, T::schedule_interview, S::interview_scheduled},
        {S::interview_scheduled, T::require_trial_session, S::trial_session_required},
        // Approved or rejected from any review stage (the policy may require the trial first).
        {S::pending, T::approve, S::approved},
        {S::documents_under_review, T::approve, S::approved},
        {S::background_check_in_progress, T::approve, S::approved},
        {S::interview_scheduled, T::approve, S::approved},
        {S::trial_session_required, T::approve, S::approved},
        {S::pending, T::reject, S::rejected},
        {S::documents_under_review, T::reject, S::rejected},
        {S::background_check_in_progress, T::reject, S::rejected},
        {S::interview_scheduled, T::reject, S::rejected},
        {S::trial_session_required, T::reject, S::rejected},
        // Suspended and reinstated; rejected or suspended asked to reapply, back to pending.
        {S::approved, T::suspend, S::suspended},
        {S::suspended, T::reinstate, S::approved},
        {S::rejected, T::require_reapplication, S::reapplication_required},
        {S::suspended, T::require_reapplication, S::reapplication_required},
        {S::reapplication_required, T::reapply, S::pending},
        // The verification's expiry_date passed (the scheduler): the mentor must reapply.
        {S::approved, T::expire, S::reapplication_required},
        {S::suspended, T::expire, S::reapplication_required},
    };
    testing::CheckMachine<VerificationMachine, S, T>(S::pending, lifecycle);
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
