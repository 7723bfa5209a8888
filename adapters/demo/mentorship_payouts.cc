#include "adapters/demo/mentorship_scenario.h"

namespace edu::mentorship::demo_scenario {

// Monday 09:00 IST: the week that ended at midnight has been paid out by eduledger's scheduler
// (a run per mentor credited that week, due at midnight); the demo checks each run and plays the
// admin's approval and the gateway's reports. The reactions must have credited every release
// first: RunScheduler settles them.
void MentorshipScenario::PayoutRun(int week) {
  d_.RunScheduler();
  const Date monday = DateOf(d_.clock().Now() + policy_.payout_utc_offset - Days(7));
  const Timestamp period_end =
      StartOfDay(DateOf(d_.clock().Now() + policy_.payout_utc_offset)) - policy_.payout_utc_offset;
  int scheduled_this_run = 0;
  for (const DemoMentor& m : mentors_) {
    if (!m.approved) continue;
    const FiredDeadline* fired =
        d_.FiredFor("mentorship.weekly_payout", PayoutAccountStream(m.mentor_id));
    if (!fired || fired->deadline.due != period_end) continue;  // no earnings that week
    if (fired->outcome != "accepted") {
      throw std::runtime_error("demo: the scheduler's payout run for the week of " +
                               FormatDate(monday) + " was " + fired->outcome);
    }
    const CommandResult& run = fired->result;
    if (run.events.empty()) throw std::runtime_error("demo: a payout run decided nothing");
    if (run.events[0].type == PayoutCarriedOver::kType) {
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
