// Specifications of Urban Home School gateway transactions: top-ups and course payments initiated
// under the gateway's reference, amounts and payers, saved methods, completion with duplicate
// callbacks, failures and refunds.
#include "tests/unit/uhs_test_fixtures.h"

namespace edu::uhs {

using namespace fixtures;

TEST_SUITE("uhs transactions") {
  TEST_CASE("a top-up is initiated under the gateway's reference") {
    Spec<TransactionDecider>().as(AsUser(kParent, "parent")).when(Topup()).then({Initiated()});
    CHECK(Topup().stream_id() == StreamId(kTransactionCategory, TransactionIdFor(kRef)));
  }

  TEST_CASE(
      "a reference names one transaction: the same initiation again is a no-op, another is "
      "refused") {
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Initiated()})
        .when(Topup())
        .then({});
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Initiated()})
        .when(Topup(1))
        .then_error("transaction_reference_taken", ErrorKind::kConflict);
  }

  TEST_CASE("amounts: positive KES up to the ceiling; payers pay as themselves") {
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .when(Topup(0))
        .then_error("invalid_amount");
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .when(Topup(kPolicy.max_payment_minor))
        .then({Initiated(kPolicy.max_payment_minor)});
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .when(Topup(kPolicy.max_payment_minor + 1))
        .then_error("amount_too_large");
    Spec<TransactionDecider>()
        .as(AsUser(kOtherParent, "parent"))
        .when(Topup())
        .then_error("not_own_account", ErrorKind::kForbidden);
    InitiatePayment usd = Topup();
    usd.amount = Money{500, "USD"};
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .when(usd)
        .then_error("currency_mismatch");
  }

  TEST_CASE("a course payment names a pending enrollment of the payer's family, for its price") {
    InitiatePayment c = Topup(250000);
    c.purpose = PaymentPurpose::course_enrollment;
    c.enrollment_id = kEnrollment;
    auto spec = [&](std::vector<EnrollmentDecider::Event> enrollment) {
      Spec<TransactionDecider> s;
      s.as(AsUser(kParent, "parent"))
          .given_stream<EnrollmentDecider>(EnrollmentStream(kEnrollment), enrollment);
      return s;
    };
    spec({Started(250000)}).when(c).then({Initiated(250000, PaymentPurpose::course_enrollment)});
    spec({Started(240000)}).when(c).then_error("amount_mismatch");
    spec({Started(250000), EnrollmentExpired{kEnrollment, kNow}})
        .when(c)
        .then_error("enrollment_not_awaiting_payment", ErrorKind::kConflict);
    InitiatePayment stranger = c;
    stranger.user_id = kOtherParent;
    spec({Started(250000)})
        .as(AsUser(kOtherParent, "parent"))
        .when(stranger)
        .then_error("not_own_enrollment");
    c.enrollment_id.reset();
    spec({}).when(c).then_error("enrollment_required");
  }

  TEST_CASE("a saved method must be the payer's, active, and of the same gateway") {
    InitiatePayment c = Topup();
    c.payment_method_id = kMethod;
    PaymentMethodAdded card{
        kMethod, kParent, Gateway::stripe, MethodType::card, Personal<std::string>("4242"), {},
        true,    {}};
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .given_stream<PaymentMethodsDecider>(PaymentMethodsStream(kParent), {card})
        .when(c)
        .then_error("gateway_mismatch");
    Spec<TransactionDecider>()
        .as(AsUser(kParent, "parent"))
        .when(c)
        .then_error("payment_method_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("the gateway completes a pending payment; a duplicate callback changes nothing") {
    CompleteTransaction callback{kRef, Kes(500000), std::string("QCH7X1Y2Z3")};
    auto spec = GatewaySpec();
    spec.given({Initiated()}).when(callback).then({Completed()});
    CHECK(spec.state().status() == TransactionStatus::completed);
    GatewaySpec().given({Initiated(), Completed()}).when(callback).then({});
    GatewaySpec()
        .given({Initiated(), Completed()})
        .when(CompleteTransaction{kRef, Kes(500000), {}})
        .then({});
    GatewaySpec()
        .given({Initiated()})
        .when(CompleteTransaction{kRef, Kes(499999), {}})
        .then_error("amount_mismatch");
    GatewaySpec().when(callback).then_error("transaction_not_found", ErrorKind::kNotFound);
    GatewaySpec()
        .given({Initiated(), Failed()})
        .when(callback)
        .then_error("illegal_transition", ErrorKind::kConflict);
  }

  TEST_CASE("a failed payment: once; never after completion") {
    FailTransaction failure{kRef, "Request cancelled by user", std::string("1032")};
    auto spec = GatewaySpec();
    spec.given({Initiated()}).when(failure).then({Failed()});
    CHECK(spec.state().status() == TransactionStatus::failed);
    GatewaySpec().given({Initiated(), Failed()}).when(failure).then({});
    GatewaySpec()
        .given({Initiated(), Completed()})
        .when(failure)
        .then_error("illegal_transition", ErrorKind::kConflict);
    GatewaySpec()
        .given({Initiated()})
        .when(FailTransaction{kRef, "", {}})
        .then_error("reason_required");
  }

  TEST_CASE("a completed course payment is refunded through the gateway; top-ups are not") {
    TransactionRefunded refunded;
    refunded.transaction_id = TransactionIdFor(kRef);
    refunded.transaction_reference = kRef;
    refunded.user_id = kParent;
    refunded.amount = Kes(250000);
    refunded.gateway = Gateway::mpesa;
    refunded.purpose = PaymentPurpose::course_enrollment;
    refunded.enrollment_id = kEnrollment;
    refunded.gateway_receipt = "QCH7X1Y2Z3";
    refunded.completed_at = kNow;
    refunded.reason = "enrollment refunded";
    std::vector<TransactionDecider::Event> course = {
        Initiated(250000, PaymentPurpose::course_enrollment),
        Completed(250000, PaymentPurpose::course_enrollment)};
    auto spec = GatewaySpec();
    spec.as(System())
        .at(kNow + Days(3))
        .given(course)
        .when(RefundTransaction{kRef, std::string("enrollment refunded")})
        .then({refunded});
    CHECK(spec.state().status() == TransactionStatus::refunded);
    course.push_back(refunded);
    GatewaySpec().as(System()).given(course).when(RefundTransaction{kRef, {}}).then({});
    GatewaySpec()
        .as(System())
        .given({Initiated(), Completed()})
        .when(RefundTransaction{kRef, {}})
        .then_error("topup_not_refundable");
    GatewaySpec()
        .as(System())
        .given({Initiated()})
        .when(RefundTransaction{kRef, {}})
        .then_error("illegal_transition", ErrorKind::kConflict);
  }
}

}  // namespace edu::uhs
