// Specifications of doctored session histories: money events with no payment, refund or dispute
// before them make the stream inconsistent instead of crashing evolve.
#include "tests/unit/mentorship_session_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

TEST_SUITE("mentorship doctored histories") {
  // Only a log edited by hand holds these streams: folding them must not read a payment or a
  // refund that was never recorded (it crashed the process), and no command is decided on them.
  TEST_CASE("a release before any captured payment makes the stream inconsistent, not a crash") {
    Spec<SessionDecider>()
        .at(kNow)
        .as(Scheduler())
        .given({Booked(), Released(120000, EscrowStatus::released)})
        .when(ReleaseEscrow{kSession})
        .then_error("stream_inconsistent", ErrorKind::kInternal);
  }
  TEST_CASE("refund reports for a refund never requested, and a resolution without a dispute") {
    RefundIssued issued;
    issued.session_id = kSession;
    issued.payment_id = kPayment;
    issued.refund_id = RefundId(1);
    issued.amount = INR(100);
    Paid(kNow, Gateway())
        .given({issued})
        .when(RetryRefund{kSession, RefundId(1)})
        .then_error("stream_inconsistent", ErrorKind::kInternal);
    DisputeResolved resolved;
    resolved.session_id = kSession;
    Paid(kNow, Support())
        .given({resolved})
        .when(ReleaseEscrow{kSession})
        .then_error("stream_inconsistent", ErrorKind::kInternal);
  }
}

}  // namespace edu::mentorship
