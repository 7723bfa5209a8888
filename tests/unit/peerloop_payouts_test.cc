// Specifications of PeerLoop payouts: released earnings credited once, approval by an admin through
// completion, and rejected or failed payouts giving their splits back.
#include "tests/unit/peerloop_test_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;

}  // namespace

TEST_SUITE("peerloop payouts") {
  const std::string kAccount = PayoutAccountStream(kTeacher);
  const Uuid kSplitA = Id("c0000000-0000-4000-8000-0000000000a1");
  const Uuid kSplitB = Id("c0000000-0000-4000-8000-0000000000a2");

  void Credited(World & w) {
    w.Run<PayoutAccountDecider>(
        CreditEarnings{kTeacher, kSplitA, kEnrollment, kTransaction, Money{9310, "USD"}}, System());
    w.Run<PayoutAccountDecider>(
        CreditEarnings{kTeacher, kSplitB, kEnrollment, kTransaction, Money{9310, "USD"}}, System());
  }

  TEST_CASE("released earnings are credited once; the platform's share is never paid out") {
    World w;
    Credited(w);
    auto spec = [&] { return w.Given<PayoutAccountDecider>(kAccount).as(System()); };
    spec()
        .when(CreditEarnings{kTeacher, kSplitA, kEnrollment, kTransaction, Money{9310, "USD"}})
        .then_error("split_already_credited", ErrorKind::kConflict);
    spec()
        .as(Teacher())
        .when(CreditEarnings{kTeacher, kSession, kEnrollment, kTransaction, Money{1, "USD"}})
        .then_error("system_only", ErrorKind::kForbidden);
    w.Given<PayoutAccountDecider>(PayoutAccountStream(PlatformAccountId()))
        .as(System())
        .when(CreditEarnings{PlatformAccountId(), kSession, kEnrollment, kTransaction,
                             Money{1995, "USD"}})
        .then_error("platform_not_paid_out");
    CHECK(w.State<PayoutAccountDecider>(kAccount).AvailableTotal() == 18620);
  }

  TEST_CASE("pending -> approved (admin) -> processing -> completed pays every claimed split") {
    World w;
    w.Given<PayoutAccountDecider>(kAccount)
        .as(Teacher())
        .when(RequestPayout{kTeacher, kPayout})
        .then_error("nothing_to_pay_out");
    Credited(w);
    std::vector<PaidSplit> splits = {{kSplitA, kEnrollment, 9310}, {kSplitB, kEnrollment, 9310}};
    w.Given<PayoutAccountDecider>(kAccount)
        .as(Teacher())
        .when(RequestPayout{kTeacher, kPayout})
        .then({PayoutRequested{kPayout, kTeacher, Money{18620, "USD"}, splits, Money{0, "USD"}}});
    w.Given<PayoutAccountDecider>(kAccount)
        .as(Student())
        .when(RequestPayout{kTeacher, kPayout})
        .then_error("not_own_account", ErrorKind::kForbidden);
    w.Run<PayoutAccountDecider>(RequestPayout{kTeacher, kPayout}, Teacher());
    auto spec = [&](Actor a) { return w.Given<PayoutAccountDecider>(kAccount).as(a); };
    spec(Gateway())
        .when(CompletePayout{kTeacher, kPayout})
        .then_error("illegal_transition", ErrorKind::kConflict);
    spec(Gateway())
        .when(StartPayoutTransfer{kTeacher, kPayout, "tr_1"})
        .then_error("illegal_transition", ErrorKind::kConflict);
    spec(Teacher())
        .when(ApprovePayout{kTeacher, kPayout})
        .then_error("admin_only", ErrorKind::kForbidden);
    spec(Admin())
        .when(ApprovePayout{kTeacher, kPayout})
        .then({PayoutApproved{kPayout, kTeacher, kAdmin, kNow}});
    w.Run<PayoutAccountDecider>(ApprovePayout{kTeacher, kPayout}, Admin());
    spec(Admin())
        .when(ApprovePayout{kTeacher, kPayout})
        .then_error("illegal_transition", ErrorKind::kConflict);
    spec(Gateway())
        .when(StartPayoutTransfer{kTeacher, kPayout, ""})
        .then_error("stripe_transfer_id_required");
    w.Run<PayoutAccountDecider>(StartPayoutTransfer{kTeacher, kPayout, "tr_1"}, Gateway());
    spec(Gateway())
        .when(CompletePayout{kTeacher, kPayout})
        .then({PayoutCompleted{kPayout, kTeacher, Money{18620, "USD"}, splits, kNow}});
    w.Run<PayoutAccountDecider>(CompletePayout{kTeacher, kPayout}, Gateway());
    spec(Gateway())
        .when(FailPayout{kTeacher, kPayout, "x"})
        .then_error("illegal_transition", ErrorKind::kConflict);
    CHECK(w.State<PayoutAccountDecider>(kAccount).paid_total == 18620);
  }

  TEST_CASE("a rejected or failed payout gives its splits back to the next one") {
    World w;
    Credited(w);
    w.Run<PayoutAccountDecider>(RequestPayout{kTeacher, kPayout}, Teacher());
    w.Given<PayoutAccountDecider>(kAccount)
        .as(Admin())
        .when(RejectPayout{kTeacher, kPayout, "bank details missing"})
        .then({PayoutRejected{kPayout, kTeacher, Money{18620, "USD"}, kAdmin,
                              "bank details missing", Money{18620, "USD"}}});
    w.Run<PayoutAccountDecider>(RejectPayout{kTeacher, kPayout, "bank details missing"}, Admin());
    const Uuid second = Id("c0000000-0000-4000-8000-0000000000b2");
    w.Run<PayoutAccountDecider>(RequestPayout{kTeacher, second}, Teacher());
    w.Run<PayoutAccountDecider>(ApprovePayout{kTeacher, second}, Admin());
    w.Run<PayoutAccountDecider>(StartPayoutTransfer{kTeacher, second, "tr_2"}, Gateway());
    w.Given<PayoutAccountDecider>(kAccount)
        .as(Gateway())
        .when(FailPayout{kTeacher, second, "account closed"})
        .then({PayoutFailed{second, kTeacher, Money{18620, "USD"}, "account closed",
                            Money{18620, "USD"}}});
    w.Run<PayoutAccountDecider>(FailPayout{kTeacher, second, "account closed"}, Gateway());
    CHECK(w.State<PayoutAccountDecider>(kAccount).AvailableTotal() == 18620);
    // An admin cannot approve their own payout.
    w.Run<PayoutAccountDecider>(
        CreditEarnings{kAdmin, kSplitA, kEnrollment, kTransaction, Money{5, "USD"}}, System());
    w.Run<PayoutAccountDecider>(RequestPayout{kAdmin, kPayout}, Admin());
    w.Given<PayoutAccountDecider>(PayoutAccountStream(kAdmin))
        .as(Admin())
        .when(ApprovePayout{kAdmin, kPayout})
        .then_error("self_approval", ErrorKind::kForbidden);
  }
}

}  // namespace edu::peerloop
