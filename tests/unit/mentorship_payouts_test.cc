// Specifications of a mentor's payout account: credits from released payments, the weekly run
// with the ₹1,000 minimum, carry-over and the 10 % TDS, admin approval, and the gateway's reports.
#include "tests/unit/mentorship_test_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

namespace {

// The week of kStart (Thursday 2026-03-05): Monday 2026-03-02 00:00 IST = 2026-03-01T18:30Z.
const Date kWeek{2026, 3, 2};
const Timestamp kWeekStart = *ParseIso8601("2026-03-01T18:30:00Z");
const Timestamp kWeekEnd = kWeekStart + Days(7);
const Timestamp kEarned = kStart + Hours(1);

Uuid PaymentNo(int n) { return DeriveUuid(kPayment, "payment-" + std::to_string(n)); }
Uuid SessionNo(int n) { return DeriveUuid(kSession, "session-" + std::to_string(n)); }

// The mentor's share of a released payment of `amount` at the default 30 % fee.
MentorEarningsCredited Credit(int n, int64_t amount, Timestamp at, int64_t balance_after) {
  int64_t fee = ShareOf(amount, 3000);
  return MentorEarningsCredited{kMentor,  SessionNo(n),      PaymentNo(n), INR(amount),
                                INR(fee), INR(amount - fee), at,           INR(balance_after)};
}

PayoutScheduled Scheduled(std::vector<Uuid> payments, int64_t total, int64_t fee, int64_t earnings,
                          int64_t tax, int64_t balance_after = 0, Timestamp start = kWeekStart) {
  PayoutScheduled e;
  e.mentor_id = kMentor;
  e.payout_id = PayoutIdFor(kMentor, start);
  e.period_start = start;
  e.period_end = start + Days(7);
  e.payment_ids = std::move(payments);
  e.total_earnings = INR(total);
  e.platform_fee = INR(fee);
  e.mentor_earnings = INR(earnings);
  e.tax_deduction_bps = 1000;
  e.tax_section = "194J";
  e.tax_deduction = INR(tax);
  e.net_amount = INR(earnings - tax);
  e.minimum_payout = INR(100000);
  e.payout_method = PayoutMethod::bank_transfer;
  e.balance_after = INR(balance_after);
  e.policy = kPolicy;
  return e;
}

Spec<PayoutAccountDecider> Account(std::vector<PayoutAccountDecider::Event> history,
                                   Timestamp at = kWeekEnd, Actor actor = Scheduler()) {
  Spec<PayoutAccountDecider> spec;
  spec.at(at).as(std::move(actor)).given(std::move(history));
  return spec;
}

RunMentorPayout Run(Date week = kWeek) { return RunMentorPayout{kMentor, week, {}}; }

// The state's own invariant: every paisa credited is in the balance, in flight or paid out.
void CheckConserved(const PayoutAccountState& s) {
  CHECK(s.credited == s.balance + s.in_flight + s.paid_out);
  CHECK(s.balance >= 0);
  CHECK(s.in_flight >= 0);
}

}  // namespace

TEST_SUITE("mentorship earnings credits") {
  TEST_CASE("a released payment's split is credited from the session itself, once") {
    Spec<PayoutAccountDecider> spec;
    spec.at(kEarned)
        .as(Scheduler())
        .given_stream<SessionDecider>(SessionStream(kSession),
                                      {Booked(), Captured(), Completed(kStart + Hours(1)),
                                       Released(120000, EscrowStatus::released), Split(120000)})
        .when(CreditMentorEarnings{kMentor, kSession, kPayment})
        .then({MentorEarningsCredited{kMentor, kSession, kPayment, INR(120000), INR(36000),
                                      INR(84000), kEarned, INR(84000)}});
    CheckConserved(spec.state());
    MentorEarningsCredited credited{kMentor,    kSession,   kPayment, INR(120000),
                                    INR(36000), INR(84000), kEarned,  INR(84000)};
    Spec<PayoutAccountDecider>()
        .as(Scheduler())
        .given({credited})
        .when(CreditMentorEarnings{kMentor, kSession, kPayment})
        .then({});
  }

  TEST_CASE("money still held, another mentor's payment, or a person asking: nothing is credited") {
    Spec<PayoutAccountDecider>()
        .as(Scheduler())
        .given_stream<SessionDecider>(SessionStream(kSession), {Booked(), Captured()})
        .when(CreditMentorEarnings{kMentor, kSession, kPayment})
        .then_error("payment_not_released", ErrorKind::kConflict);
    Spec<PayoutAccountDecider>()
        .as(Scheduler())
        .given_stream<SessionDecider>(SessionStream(kSession), {Booked(), Captured()})
        .when(CreditMentorEarnings{kStudent, kSession, kPayment})
        .then_error("payment_not_found", ErrorKind::kNotFound);
    Spec<PayoutAccountDecider>()
        .as(MentorActor())
        .when(CreditMentorEarnings{kMentor, kSession, kPayment})
        .then_error("system_only", ErrorKind::kForbidden);
  }
}

TEST_SUITE("mentorship weekly payouts") {
  TEST_CASE(
      "a week's earnings over the minimum: total, platform fee, 10 % TDS of the mentor's share, "
      "net") {
    auto spec =
        Account({Credit(1, 120000, kEarned, 84000), Credit(2, 60000, kEarned + Hours(1), 126000)});
    // earnings 84000 + 42000 = 126000; TDS 12600; net 113400 >= 100000
    spec.when(Run()).then({Scheduled({PaymentNo(1), PaymentNo(2)}, 180000, 54000, 126000, 12600)});
    CheckConserved(spec.state());
    CHECK(spec.state().in_flight == 126000);
  }

  TEST_CASE("under the minimum the balance carries over, and is paid with the next week") {
    auto week1 = Account({Credit(1, 120000, kEarned, 84000)});
    // earnings 84000, TDS 8400, net 75600 < 100000
    week1.when(Run()).then({PayoutCarriedOver{kMentor,
                                              kWeekStart,
                                              kWeekEnd,
                                              {PaymentNo(1)},
                                              INR(84000),
                                              INR(75600),
                                              INR(100000),
                                              kPolicy}});
    CHECK(week1.state().balance == 84000);
    PayoutCarriedOver carried{kMentor,    kWeekStart, kWeekEnd,    {PaymentNo(1)},
                              INR(84000), INR(75600), INR(100000), kPolicy};
    auto week2 = Account(
        {Credit(1, 120000, kEarned, 84000), carried, Credit(2, 120000, kEarned + Days(7), 168000)},
        kWeekEnd + Days(7));
    week2.when(Run(Date{2026, 3, 9}))
        .then({Scheduled({PaymentNo(1), PaymentNo(2)}, 240000, 72000, 168000, 16800, 0, kWeekEnd)});
  }

  TEST_CASE(
      "the minimum's boundary: a net of exactly INR 1,000.00 is paid, a paisa less carries over") {
    // Mentor earnings of 111111 (from a payment of 158730: 30 % = 47619): TDS 11111, net 100000.
    MentorEarningsCredited exact{kMentor,    SessionNo(1), PaymentNo(1), INR(158730),
                                 INR(47619), INR(111111),  kEarned,      INR(111111)};
    auto d = Account({exact}).when(Run()).decide();
    REQUIRE(d.accepted());
    REQUIRE(std::holds_alternative<PayoutScheduled>(d.events()[0]));
    CHECK(std::get<PayoutScheduled>(d.events()[0]).net_amount == INR(100000));
    MentorEarningsCredited under = exact;
    under.amount = INR(158729);
    under.mentor_earnings = INR(111110);
    under.balance_after = INR(111110);
    auto u = Account({under}).when(Run()).decide();
    REQUIRE(u.accepted());
    REQUIRE(std::holds_alternative<PayoutCarriedOver>(u.events()[0]));
    CHECK(std::get<PayoutCarriedOver>(u.events()[0]).net_amount == INR(99999));
  }

  TEST_CASE("earnings after the period's end wait for the next period") {
    auto spec = Account({Credit(1, 120000, kEarned, 84000), Credit(2, 180000, kWeekEnd, 210000)},
                        kWeekEnd + Days(1));
    spec.when(Run()).then({PayoutCarriedOver{kMentor,
                                             kWeekStart,
                                             kWeekEnd,
                                             {PaymentNo(1)},
                                             INR(84000),
                                             INR(75600),
                                             INR(100000),
                                             kPolicy}});
  }

  TEST_CASE("periods start on Mondays, must have ended, and run once") {
    Account({Credit(1, 120000, kEarned, 84000)})
        .when(Run(Date{2026, 3, 3}))
        .then_error("invalid_period_start");
    Account({Credit(1, 120000, kEarned, 84000)}, kWeekEnd - 1)
        .when(Run())
        .then_error("period_not_ended");
    PayoutCarriedOver carried{kMentor,    kWeekStart, kWeekEnd,    {PaymentNo(1)},
                              INR(84000), INR(75600), INR(100000), kPolicy};
    Account({Credit(1, 120000, kEarned, 84000), carried})
        .when(Run())
        .then_error("period_already_run", ErrorKind::kConflict);
    Account({}).when(Run()).then_error("payout_account_not_found", ErrorKind::kNotFound);
    Account({Credit(1, 120000, kEarned, 84000)}, kWeekEnd, MentorActor())
        .when(Run())
        .then_error("system_only");
  }

  TEST_CASE("tax and minimum are configuration, recorded with the payout") {
    Policies p;
    p.mentorship.name = "194O";
    p.mentorship.tax_deduction_bps = 100;
    p.mentorship.tax_deduction_section = "194O";
    p.mentorship.minimum_payout_minor = 50000;
    auto d = Account({Credit(1, 120000, kEarned, 84000)}).with_policies(p).when(Run()).decide();
    REQUIRE(d.accepted());
    const auto& scheduled = std::get<PayoutScheduled>(d.events()[0]);
    CHECK(scheduled.tax_deduction == INR(840));
    CHECK(scheduled.net_amount == INR(83160));
    CHECK(scheduled.tax_section == "194O");
    CHECK(scheduled.policy == "194O");
  }
}

TEST_SUITE("mentorship payout lifecycle") {
  std::vector<PayoutAccountDecider::Event> Pending() {
    return {Credit(1, 120000, kEarned, 84000), Credit(2, 60000, kEarned + Hours(1), 126000),
            Scheduled({PaymentNo(1), PaymentNo(2)}, 180000, 54000, 126000, 12600)};
  }
  Uuid PayoutId() { return PayoutIdFor(kMentor, kWeekStart); }
  PayoutApproved ApprovedPayout() {
    return PayoutApproved{
        kMentor, PayoutId(), {PaymentNo(1), PaymentNo(2)}, INR(113400), Admin().id};
  }
  RecordPayoutCompleted Done(const std::string& ref = "pout_1") {
    return RecordPayoutCompleted{kMentor, PayoutId(), PaymentGateway::razorpay, ref,
                                 std::string(R"({"status":"processed"})")};
  }

  TEST_CASE("an admin approves, the gateway completes; its report again changes nothing") {
    Account(Pending(), kWeekEnd, Admin())
        .when(ApprovePayout{kMentor, PayoutId()})
        .then({ApprovedPayout()});
    Account(Pending(), kWeekEnd, MentorActor())
        .when(ApprovePayout{kMentor, PayoutId()})
        .then_error("admin_only");
    PayoutCompleted completed{kMentor,
                              PayoutId(),
                              {PaymentNo(1), PaymentNo(2)},
                              INR(113400),
                              PaymentGateway::razorpay,
                              "pout_1",
                              std::string(R"({"status":"processed"})"),
                              INR(126000)};
    auto history = Pending();
    history.push_back(ApprovedPayout());
    auto spec = Account(history, kWeekEnd, Gateway());
    spec.when(Done()).then({completed});
    CheckConserved(spec.state());
    CHECK(spec.state().paid_out == 126000);
    history.push_back(completed);
    Account(history, kWeekEnd, Gateway()).when(Done()).then({});
    Account(history, kWeekEnd, Gateway()).when(Done("pout_2")).then_error("illegal_transition");
    // The id that reported the completion cannot now report a failure.
    Account(history, kWeekEnd, Gateway())
        .when(RecordPayoutFailed{
            kMentor, PayoutId(), PaymentGateway::razorpay, "pout_1", "IFSC invalid", {}})
        .then_error("gateway_event_conflict", ErrorKind::kConflict);
  }

  TEST_CASE("a payout is never completed without approval, nor approved twice") {
    Account(Pending(), kWeekEnd, Gateway())
        .when(Done())
        .then_error("illegal_transition", ErrorKind::kConflict);
    auto history = Pending();
    history.push_back(ApprovedPayout());
    Spec<PayoutAccountDecider> twice = Account(history, kWeekEnd, Admin());
    twice.when(ApprovePayout{kMentor, PayoutId()}).then_error("illegal_transition");
    CHECK(twice.rejection()->message.find("is processing; it cannot be approved") !=
          std::string::npos);
    Account(Pending(), kWeekEnd, Admin())
        .when(ApprovePayout{kMentor, PayoutIdFor(kMentor, kWeekEnd)})
        .then_error("payout_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("a failed payout returns its earnings to the balance; the next run pays them") {
    auto history = Pending();
    history.push_back(ApprovedPayout());
    PayoutFailed failed{kMentor,
                        PayoutId(),
                        {PaymentNo(1), PaymentNo(2)},
                        PaymentGateway::razorpay,
                        "pout_1",
                        "IFSC invalid",
                        {},
                        INR(126000),
                        INR(126000)};
    auto spec = Account(history, kWeekEnd, Gateway());
    spec.when(RecordPayoutFailed{
                  kMentor, PayoutId(), PaymentGateway::razorpay, "pout_1", "IFSC invalid", {}})
        .then({failed});
    CheckConserved(spec.state());
    CHECK(spec.state().balance == 126000);
    history.push_back(failed);
    Account(history, kWeekEnd, Gateway())
        .when(RecordPayoutFailed{
            kMentor, PayoutId(), PaymentGateway::razorpay, "pout_1", "IFSC invalid", {}})
        .then({});
    Account(history, kWeekEnd + Days(7))
        .when(Run(Date{2026, 3, 9}))
        .then({Scheduled({PaymentNo(1), PaymentNo(2)}, 180000, 54000, 126000, 12600, 0, kWeekEnd)});
  }

  TEST_CASE("an admin cancels a pending payout, with a reason; its earnings carry over") {
    PayoutCancelled cancelled{kMentor,     PayoutId(), {PaymentNo(1), PaymentNo(2)}, INR(126000),
                              INR(126000), Admin().id, "tax information missing"};
    auto spec = Account(Pending(), kWeekEnd, Admin());
    spec.when(CancelPayout{kMentor, PayoutId(), "tax information missing"}).then({cancelled});
    CheckConserved(spec.state());
    Account(Pending(), kWeekEnd, Admin())
        .when(CancelPayout{kMentor, PayoutId(), ""})
        .then_error("reason_required");
    auto history = Pending();
    history.push_back(ApprovedPayout());
    Account(history, kWeekEnd, Admin())
        .when(CancelPayout{kMentor, PayoutId(), "x"})
        .then_error("illegal_transition");
  }
}

}  // namespace edu::mentorship
