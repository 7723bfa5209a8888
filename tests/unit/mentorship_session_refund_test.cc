// Specifications of refunds through the gateway (paid, failed and retried, reported twice) and of
// payment attempts (failures recorded once, captures reported again).
#include "tests/unit/mentorship_session_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

TEST_SUITE("mentorship refunds through the gateway") {
  Spec<SessionDecider> RefundApprovedSpec(Actor actor, Timestamp at = kStart - Days(2)) {
    std::string reason = StudentReason();
    Spec<SessionDecider> spec;
    spec.at(at)
        .as(std::move(actor))
        .given({Booked(), Captured(),
                Cancelled(SessionParty::student, kStudentId, kStart - Days(2),
                          RefundPolicy::full_refund, 10000, 120000, 0),
                Requested(1, 120000, RefundPolicy::full_refund, reason, kStudentId),
                ApprovedRefund(1, 120000, reason, "policy:" + kPolicy, 0, 120000,
                               EscrowStatus::refunded)});
    return spec;
  }
  RecordRefundIssued Issued(const std::string& gateway_id = "rfnd_1", int64_t amount = 120000) {
    return RecordRefundIssued{kSession,    RefundId(1),
                              INR(amount), PaymentGateway::razorpay,
                              gateway_id,  std::string(R"({"status":"processed"})")};
  }

  TEST_CASE("the gateway reports the refund paid; the same report again changes nothing") {
    RefundIssued issued{kSession,
                        kPayment,
                        RefundId(1),
                        INR(120000),
                        PaymentGateway::razorpay,
                        "rfnd_1",
                        std::string(R"({"status":"processed"})"),
                        INR(120000)};
    auto spec = RefundApprovedSpec(Gateway());
    spec.when(Issued()).then({issued});
    CHECK(spec.state().payment->refunds[0].machine.status() == RefundStatus::issued);
    RefundApprovedSpec(Gateway()).given({issued}).when(Issued()).then({});
    RefundApprovedSpec(Gateway())
        .given({issued})
        .when(Issued("rfnd_1", 100))
        .then_error("gateway_event_conflict");
    RefundApprovedSpec(Gateway())
        .given({issued})
        .when(Issued("rfnd_2"))
        .then_error("illegal_transition");
  }

  TEST_CASE("a failed refund is still owed: support retries it and the gateway pays it") {
    RefundFailed failed{kSession,
                        kPayment,
                        RefundId(1),
                        INR(120000),
                        PaymentGateway::razorpay,
                        "rfnd_1",
                        "bank account closed",
                        {}};
    RefundApprovedSpec(Gateway())
        .when(RecordRefundFailed{
            kSession, RefundId(1), PaymentGateway::razorpay, "rfnd_1", "bank account closed", {}})
        .then({failed});
    RefundApprovedSpec(Gateway())
        .given({failed})
        .when(RecordRefundFailed{
            kSession, RefundId(1), PaymentGateway::razorpay, "rfnd_1", "bank account closed", {}})
        .then({});
    RefundApprovedSpec(Gateway())
        .given({failed})
        .when(Issued("rfnd_2"))
        .then_error("illegal_transition");
    RefundRetried retried{kSession, kPayment, RefundId(1), INR(120000), Support().id};
    RefundApprovedSpec(Support())
        .given({failed})
        .when(RetryRefund{kSession, RefundId(1)})
        .then({retried});
    RefundApprovedSpec(Student())
        .given({failed})
        .when(RetryRefund{kSession, RefundId(1)})
        .then_error("staff_only");
    RefundApprovedSpec(Support())
        .when(RetryRefund{kSession, RefundId(1)})
        .then_error("illegal_transition");
    // The failure's webhook delivered again after the retry: recognised, nothing appended; the same
    // id with another reason is a conflict.
    RefundApprovedSpec(Gateway())
        .given({failed, retried})
        .when(RecordRefundFailed{
            kSession, RefundId(1), PaymentGateway::razorpay, "rfnd_1", "bank account closed", {}})
        .then({});
    RefundApprovedSpec(Gateway())
        .given({failed, retried})
        .when(RecordRefundFailed{
            kSession, RefundId(1), PaymentGateway::razorpay, "rfnd_1", "IFSC invalid", {}})
        .then_error("gateway_event_conflict", ErrorKind::kConflict);
    RefundApprovedSpec(Gateway())
        .given({failed, retried})
        .when(Issued("rfnd_1"))
        .then_error("gateway_event_conflict", ErrorKind::kConflict);  // that id reported a failure
    auto spec = RefundApprovedSpec(Gateway());
    spec.given({failed, retried})
        .when(Issued("rfnd_2"))
        .then({RefundIssued{kSession, kPayment, RefundId(1), INR(120000), PaymentGateway::razorpay,
                            "rfnd_2", std::string(R"({"status":"processed"})"), INR(120000)}});
    CHECK(spec.state().payment->issued == 120000);
  }

  TEST_CASE(
      "one gateway refund id reports one refund: reused for another refund it is a conflict") {
    RefundIssued issued{kSession,
                        kPayment,
                        RefundId(1),
                        INR(120000),
                        PaymentGateway::razorpay,
                        "rfnd_1",
                        std::string(R"({"status":"processed"})"),
                        INR(120000)};
    // A second (goodwill) refund on the same payment, approved after the first was paid back.
    auto spec = RefundApprovedSpec(Gateway());
    spec.given(
        {issued, Requested(2, 5000, RefundPolicy::dispute_resolution, "goodwill", kStudentId),
         ApprovedRefund(2, 5000, "goodwill", Support().id, 0, 125000, EscrowStatus::refunded)});
    RecordRefundIssued reused{kSession, RefundId(2), INR(5000), PaymentGateway::razorpay,
                              "rfnd_1", {}};
    spec.when(reused).then_error("gateway_event_conflict", ErrorKind::kConflict);
    CHECK(spec.rejection()->message.find("for another refund") != std::string::npos);
  }

  TEST_CASE("reports must name a known refund, the right amount and the gateway's id") {
    RefundApprovedSpec(Gateway()).when(Issued("rfnd_1", 119999)).then_error("amount_mismatch");
    RefundApprovedSpec(Gateway()).when(Issued("")).then_error("gateway_refund_id_required");
    RecordRefundIssued unknown = Issued();
    unknown.refund_id = RefundId(9);
    RefundApprovedSpec(Gateway()).when(unknown).then_error("refund_not_found",
                                                           ErrorKind::kNotFound);
  }

  TEST_CASE("a refund still requested (a dispute in progress) cannot be issued") {
    Paid(kStart + Hours(1), Gateway())
        .given(
            {Started(kStart),
             SessionDisputed{kSession,
                             ConflictId(),
                             kPayment,
                             kStudent,
                             kMentor,
                             ConflictType::quality_dispute,
                             SessionParty::student,
                             kStudentId,
                             {},
                             INR(120000)},
             Requested(1, 120000, RefundPolicy::dispute_resolution, "quality_dispute", kStudentId)})
        .when(Issued())
        .then_error("illegal_transition", ErrorKind::kConflict);
  }
}

TEST_SUITE("mentorship payment attempts") {
  RecordPaymentFailed Failure(const std::string& gateway_id = "pay_fail_1") {
    return RecordPaymentFailed{kSession,
                               *ParseUuid("66666666-6666-4666-8666-666666666666"),
                               INR(120000),
                               PaymentMethod::card,
                               PaymentGateway::razorpay,
                               gateway_id,
                               "card declined",
                               {}};
  }

  TEST_CASE("a failed attempt is recorded once; the student can still pay") {
    PaymentFailed failed{kSession,
                         *ParseUuid("66666666-6666-4666-8666-666666666666"),
                         kStudent,
                         kMentor,
                         INR(120000),
                         PaymentMethod::card,
                         PaymentGateway::razorpay,
                         "pay_fail_1",
                         {},
                         "card declined"};
    auto spec = Spec<SessionDecider>();
    spec.as(Gateway()).given({Booked()}).when(Failure()).then({failed});
    CHECK(spec.state().booking.status() == BookingStatus::requested);
    Spec<SessionDecider>().as(Gateway()).given({Booked(), failed}).when(Failure()).then({});
    Spec<SessionDecider>()
        .as(Gateway())
        .given({Booked(), failed})
        .when(Capture())
        .then({Captured()});
    Spec<SessionDecider>()
        .as(Gateway())
        .given({Booked(), Captured()})
        .when(Failure())
        .then_error("illegal_transition");
    Spec<SessionDecider>()
        .as(Gateway())
        .given({Booked(), Captured()})
        .when(Failure("pay_N8xQ2"))
        .then_error("gateway_event_conflict");
  }

  TEST_CASE("a capture reported again with other figures is refused") {
    CapturePayment other = Capture();
    other.payment_id = *ParseUuid("66666666-6666-4666-8666-666666666666");
    Spec<SessionDecider>()
        .as(Gateway())
        .given({Booked(), Captured()})
        .when(other)
        .then_error("gateway_event_conflict");
  }
}

}  // namespace edu::mentorship
