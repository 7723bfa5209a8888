// The scheduler (commands/scheduler.h): deadlines recorded by events, issued once when due with a
// deterministic command id, at their boundary (one second before, exactly at, one second after).
#include <doctest/doctest.h>

#include <set>
#include <vector>

#include "commands/scheduler.h"
#include "domain/mentorship/commands.h"
#include "domain/mentorship/commands_support.h"
#include "domain/mentorship/events.h"
#include "domain/peerloop/commands_messaging.h"
#include "domain/peerloop/events.h"
#include "domain/skillspring/commands.h"
#include "domain/skillspring/events.h"
#include "domain/uhs/events.h"
#include "eventstore/json_binding.h"
#include "eventstore/memory_event_log.h"
#include "tests/unit/scheduler_fixtures.h"

namespace edu {
namespace {

const Uuid kSession = *ParseUuid("11111111-1111-4111-8111-111111111111");
const Uuid kMentor = *ParseUuid("22222222-2222-4222-8222-222222222222");
const Uuid kEnrollment = *ParseUuid("33333333-3333-4333-8333-333333333333");

mentorship::SessionCompleted Completed(Timestamp due) {
  mentorship::SessionCompleted c;
  c.session_id = kSession;
  c.student_id = kMentor;
  c.mentor_id = kMentor;
  c.completed_at = kT0;
  c.escrow_release_due = due;
  return c;
}

const Uuid kStudent = *ParseUuid("44444444-4444-4444-8444-444444444444");
const Uuid kTeacher = *ParseUuid("55555555-5555-4555-8555-555555555555");

peerloop::SessionScheduled Scheduled(Timestamp start) {
  peerloop::SessionScheduled s;
  s.session_id = kSession;
  s.enrollment_id = kEnrollment;
  s.course_id = kMentor;
  s.teacher_id = kTeacher;
  s.student_id = kStudent;
  s.scheduled_start = start;
  s.scheduled_end = start + Hours(1);
  return s;
}

mentorship::SessionBooked Booked(Timestamp start) {
  mentorship::SessionBooked b;
  b.session_id = kSession;
  b.student_id = kStudent;
  b.mentor_id = kMentor;
  b.mentor_user_id = kTeacher;
  b.scheduled_at = start;
  b.duration_minutes = 60;
  b.hourly_rate = Money{120000, "INR"};
  b.amount = Money{120000, "INR"};
  b.session_language = "Telugu";
  return b;
}

}  // namespace

TEST_SUITE("scheduler") {
  TEST_CASE(
      "peerloop session reminders go to the student and the teacher 24 h and 1 h before the "
      "start: not one second before, once at each") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    const Timestamp start = kT0 + Hours(48);  // booked at kT0
    Append(&log, "peerloop", peerloop::SessionStream(kSession), Scheduled(start));
    Scheduler scheduler(&log, &service, &clock, &policies);

    CHECK(IssuedAt(&scheduler, &clock, &service, start - Hours(24) - Seconds(1)).empty());
    std::vector<CommandRequest> day = IssuedAt(&scheduler, &clock, &service, start - Hours(24));
    REQUIRE(day.size() == 2);
    std::set<Uuid> told;
    for (const CommandRequest& r : day) {
      CHECK(r.type == "Notify");
      CHECK(r.actor.role == "system");
      const auto* notify = r.command->As<peerloop::Notify>();
      REQUIRE(notify != nullptr);
      CHECK(notify->type == peerloop::NotificationType::session_reminder);
      CHECK(notify->title == "Your session starts in 24 hours");
      CHECK(notify->action_url == "/sessions/" + ToString(kSession));
      told.insert(*notify->user_id);
    }
    CHECK(told == std::set<Uuid>{kStudent, kTeacher});
    CHECK(IssuedAt(&scheduler, &clock, &service, start - Hours(24) + Seconds(1)).empty());
    CHECK(IssuedAt(&scheduler, &clock, &service, start - Hours(1) - Seconds(1)).empty());
    std::vector<CommandRequest> hour = IssuedAt(&scheduler, &clock, &service, start - Hours(1));
    REQUIRE(hour.size() == 2);
    CHECK(hour[0].command->As<peerloop::Notify>()->title == "Your session starts in 1 hour");
    CHECK(hour[0].command_id != day[0].command_id);
    CHECK(IssuedAt(&scheduler, &clock, &service, start + Hours(1)).empty());
  }

  TEST_CASE(
      "mentorship session reminders: 24 h and 1 h before the start to the student and the "
      "mentor's user; a reschedule moves them, a cancellation drops them") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    const Timestamp start = kT0 + Hours(72);
    Append(&log, "mentorship", mentorship::SessionStream(kSession), Booked(start));
    Scheduler scheduler(&log, &service, &clock, &policies);
    CHECK(IssuedAt(&scheduler, &clock, &service, start - Hours(24) - Seconds(1)).empty());
    std::vector<CommandRequest> day = IssuedAt(&scheduler, &clock, &service, start - Hours(24));
    REQUIRE(day.size() == 2);
    std::set<Uuid> told;
    for (const CommandRequest& r : day) {
      const auto* notify = r.command->As<mentorship::NotifyUser>();
      REQUIRE(notify != nullptr);
      CHECK(notify->kind == mentorship::NotificationKind::session_reminder);
      CHECK(notify->resource_id == kSession);
      told.insert(notify->user_id);
    }
    CHECK(told == std::set<Uuid>{kStudent, kTeacher});

    // Moved by 2 days: the 1 h reminders follow the new start, not the old one.
    const Timestamp moved = start + Hours(48);
    mentorship::SessionRescheduled r;
    r.session_id = kSession;
    r.student_id = kStudent;
    r.mentor_id = kMentor;
    r.rescheduled_from = start;
    r.scheduled_at = moved;
    r.reason = "exam moved";
    Append(&log, "mentorship", mentorship::SessionStream(kSession), r);
    CHECK(IssuedAt(&scheduler, &clock, &service, start - Hours(1)).empty());
    CHECK(IssuedAt(&scheduler, &clock, &service, moved - Hours(24)).size() == 2);
    mentorship::SessionCancelled c;
    c.session_id = kSession;
    c.student_id = kStudent;
    c.mentor_id = kMentor;
    c.refund_amount = Money{120000, "INR"};
    c.retained_amount = Money{0, "INR"};
    Append(&log, "mentorship", mentorship::SessionStream(kSession), c);
    CHECK(IssuedAt(&scheduler, &clock, &service, moved).empty());
  }

  TEST_CASE(
      "skillspring: an open cart is abandoned 7 days after its last change, not one second "
      "before; a checkout drops it") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    const Uuid cart = kEnrollment;
    const std::string learner = skillspring::LearnerStream(kStudent);
    Append(&log, "skillspring", learner, skillspring::CartOpened{cart, kStudent});
    skillspring::CartItemAdded added;
    added.cart_id = cart;
    added.student_id = kStudent;
    added.course_id = kMentor;
    added.mentor_id = kTeacher;
    added.price = Money{4999, "USD"};
    const Timestamp changed = kT0 + Days(3);
    Append(&log, "skillspring", learner, added, changed);
    Scheduler scheduler(&log, &service, &clock, &policies);
    // Seven days after the opening is not enough: the item added later moved the deadline.
    CHECK(IssuedAt(&scheduler, &clock, &service, kT0 + Days(7)).empty());
    const Timestamp due = changed + policies.skillspring.cart_abandoned_after;
    CHECK(IssuedAt(&scheduler, &clock, &service, due - Seconds(1)).empty());
    std::vector<CommandRequest> issued = IssuedAt(&scheduler, &clock, &service, due);
    REQUIRE(issued.size() == 1);
    const auto* abandon = issued[0].command->As<skillspring::AbandonCart>();
    REQUIRE(abandon != nullptr);
    CHECK(abandon->cart_id == cart);
    CHECK(abandon->student_id == kStudent);
    CHECK(IssuedAt(&scheduler, &clock, &service, due + Seconds(1)).empty());

    MemoryEventLog log2(4);
    RecordingService service2;
    ManualClock clock2(kT0);
    Append(&log2, "skillspring", learner, skillspring::CartOpened{cart, kStudent});
    skillspring::CartCheckedOut out;
    out.cart_id = cart;
    out.student_id = kStudent;
    out.subtotal = Money{4999, "USD"};
    out.discount = Money{0, "USD"};
    out.total = Money{4999, "USD"};
    Append(&log2, "skillspring", learner, out, kT0 + Hours(1));
    Scheduler scheduler2(&log2, &service2, &clock2, &policies);
    CHECK(IssuedAt(&scheduler2, &clock2, &service2, kT0 + Days(30)).empty());
    CHECK(scheduler2.Pending().empty());
  }

  TEST_CASE(
      "peerloop: a session booked 2 h ahead gets only the 1 h reminders; a cancelled one none") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    Append(&log, "peerloop", peerloop::SessionStream(kSession), Scheduled(kT0 + Hours(2)));
    Scheduler scheduler(&log, &service, &clock, &policies);
    std::vector<CommandRequest> issued = IssuedAt(&scheduler, &clock, &service, kT0 + Hours(1));
    REQUIRE(issued.size() == 2);
    CHECK(issued[0].command->As<peerloop::Notify>()->title == "Your session starts in 1 hour");

    MemoryEventLog log2(4);
    RecordingService service2;
    ManualClock clock2(kT0);
    Append(&log2, "peerloop", peerloop::SessionStream(kSession), Scheduled(kT0 + Hours(48)));
    peerloop::SessionCancelled cancelled;
    cancelled.session_id = kSession;
    cancelled.enrollment_id = kEnrollment;
    cancelled.cancelled_by = ToString(kStudent);
    cancelled.cancel_reason = "exam moved";
    Append(&log2, "peerloop", peerloop::SessionStream(kSession), cancelled);
    Scheduler scheduler2(&log2, &service2, &clock2, &policies);
    CHECK(IssuedAt(&scheduler2, &clock2, &service2, kT0 + Hours(48)).empty());
    CHECK(scheduler2.Pending().empty());
  }

  TEST_CASE("escrow is released when the hold ends: not one second before, once at it") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    const Timestamp due = kT0 + Hours(48);
    Append(&log, "mentorship", mentorship::SessionStream(kSession), Completed(due));
    Scheduler scheduler(&log, &service, &clock, &policies);

    clock.Set(due - Seconds(1));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    CHECK(service.requests.empty());
    REQUIRE(scheduler.Pending().size() == 1);
    CHECK(scheduler.Pending()[0].due == due);

    clock.Set(due);
    size_t issued = 0;
    REQUIRE(scheduler.RunDue(&issued).ok());
    CHECK(issued == 1);
    REQUIRE(service.requests.size() == 1);
    const CommandRequest r = service.requests[0];
    CHECK(r.type == "ReleaseEscrow");
    CHECK(r.actor.role == "system");
    CHECK(r.now == due);
    CHECK(r.command_id ==
          DeadlineCommandId("mentorship.escrow_release", mentorship::SessionStream(kSession), due));
    REQUIRE(r.command.get() != nullptr);
    CHECK(CommandJsonBody(*r.command).find(ToString(kSession)) != std::string::npos);

    clock.Set(due + Seconds(1));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    CHECK(service.requests.size() == 1);
    CHECK(scheduler.Fired().size() == 1);

    // A restarted scheduler issues the same command id again: the pipeline answers it as a replay.
    Scheduler restarted(&log, &service, &clock, &policies);
    REQUIRE(restarted.RunDue().ok());
    REQUIRE(service.requests.size() == 2);
    CHECK(service.requests[1].command_id == r.command_id);
    CHECK(restarted.Fired()[0].outcome == "replayed");
  }

  TEST_CASE("a dispute raised in the window holds the escrow: no release is issued") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    Append(&log, "mentorship", mentorship::SessionStream(kSession), Completed(kT0 + Hours(48)));
    mentorship::SessionDisputed disputed;
    disputed.session_id = kSession;
    disputed.mentor_id = kMentor;
    disputed.disputed_amount = Money{120000, "INR"};
    Append(&log, "mentorship", mentorship::SessionStream(kSession), disputed);
    Scheduler scheduler(&log, &service, &clock, &policies);
    clock.Set(kT0 + Hours(49));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    CHECK(service.requests.empty());
    CHECK(scheduler.Pending().empty());
  }

  TEST_CASE("weekly payouts run at the end of the period, Monday 00:00 IST") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    mentorship::MentorEarningsCredited credit;
    credit.mentor_id = kMentor;
    credit.session_id = kSession;
    credit.amount = Money{120000, "INR"};
    credit.platform_fee = Money{36000, "INR"};
    credit.mentor_earnings = Money{84000, "INR"};
    credit.balance_after = Money{84000, "INR"};
    credit.earned_at = kT0;  // Monday 13:30 IST: the period of Monday 2 March
    Append(&log, "mentorship", mentorship::PayoutAccountStream(kMentor), credit);
    Scheduler scheduler(&log, &service, &clock, &policies);
    // Monday 9 March 00:00 IST is Sunday 8 March 18:30 UTC.
    const Timestamp end = *ParseIso8601("2026-03-08T18:30:00Z");
    clock.Set(end - Seconds(1));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    CHECK(service.requests.empty());
    clock.Set(end);
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    REQUIRE(service.requests.size() == 1);
    CHECK(service.requests[0].type == "RunMentorPayout");
    REQUIRE(service.requests[0].command.get() != nullptr);
    CHECK(CommandJsonBody(*service.requests[0].command).find(R"("period_start":"2026-03-02")") !=
          std::string::npos);
    clock.Set(end + Seconds(1));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    CHECK(service.requests.size() == 1);
  }

  TEST_CASE("an unpaid UHS enrollment expires at its payment deadline") {
    MemoryEventLog log(4);
    RecordingService service;
    ManualClock clock(kT0);
    Policies policies;
    uhs::EnrollmentStarted started;
    started.enrollment_id = kEnrollment;
    started.price = Money{5000, "USD"};
    started.payment_due_by = kT0 + Days(7);
    Append(&log, "uhs", uhs::EnrollmentStream(kEnrollment), started);
    Scheduler scheduler(&log, &service, &clock, &policies);
    clock.Set(kT0 + Days(7) - Seconds(1));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    CHECK(service.requests.empty());
    clock.Set(kT0 + Days(7));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    REQUIRE(service.requests.size() == 1);
    CHECK(service.requests[0].type == "ExpireEnrollment");
    clock.Set(kT0 + Days(7) + Seconds(1));
    {
      Status ran = scheduler.RunDue();
      REQUIRE_MESSAGE(ran.ok(), ran.ToString());
    }
    CHECK(service.requests.size() == 1);
  }
}

}  // namespace edu
