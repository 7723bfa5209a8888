#include "adapters/demo/mentorship_scenario.h"

namespace edu::mentorship::demo_scenario {

// Monday 09:00 IST: the week that ended at midnight is paid out. The reactions must have
// credited every release first.
void MentorshipScenario::PayoutRun(int week) {
  settle_();
  const Date monday = DateOf(d_.clock().Now() + policy_.payout_utc_offset - Days(7));
  int scheduled_this_run = 0;
  for (const DemoMentor& m : mentors_) {
    if (!m.approved) continue;
    DemoOutcome run =
        Send(RunMentorPayout{m.mentor_id, monday, PayoutMethod::bank_transfer}, Scheduler());
    if (!run.ok()) {
      ExpectRefusal(run, "payout_account_not_found", "a payout run");  // no earnings yet
      continue;
    }
    if (run.result.events.empty()) throw std::runtime_error("demo: a payout run decided nothing");
    if (run.result.events[0].type == PayoutCarriedOver::kType) {
      ++t_.payouts_carried_over;
      continue;
    }
    ++t_.payouts_scheduled;
    const Uuid payout_id = PayoutIdFor(m.mentor_id, PayoutPeriod(monday, policy_)->first);
    const bool fails = week == 1 && scheduled_this_run == 0;  // the first payout of the first week
    ++scheduled_this_run;
    const Uuid mentor_id = m.mentor_id;
    timeline_.At(d_.clock().Now() + Hours(2), [this, mentor_id, payout_id] {
      Expect(Send(ApprovePayout{mentor_id, payout_id}, admin_), "approving a payout");
    });
    timeline_.At(d_.clock().Now() + Hours(6), [this, mentor_id, payout_id, fails] {
      std::string reference = "pout_" + ToString(payout_id).substr(0, 12);
      if (fails) {
        Expect(Send(RecordPayoutFailed{mentor_id, payout_id, PaymentGateway::razorpay, reference,
                                       "beneficiary account closed",
                                       std::string(R"({"status":"reversed"})")},
                    Gateway()),
               "a failed payout report");
        ++t_.payouts_failed;
        return;
      }
      RecordPayoutCompleted done{mentor_id, payout_id, PaymentGateway::razorpay, reference,
                                 std::string(R"({"status":"processed","mode":"IMPS"})")};
      Expect(Send(done, Gateway()), "a payout report");
      ++t_.payouts_completed;
      if (rng_() % 3 == 0) {
        DemoOutcome again = Send(done, Gateway());
        Expect(again, "a duplicate payout report");
        if (!again.result.events.empty())
          throw std::runtime_error("demo: a duplicate webhook appended events");
        ++t_.duplicate_webhooks;
      }
    });
  }
}

}  // namespace edu::mentorship::demo_scenario
