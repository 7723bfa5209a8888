// Shared vocabulary of the mentorship specifications: well-known ids and times, the events a
// session's history is made of, and specs positioned at the usual points of a session's life.
#pragma once

#include <string>
#include <vector>

#include "domain/mentorship/calendar.h"
#include "domain/mentorship/mentor.h"
#include "domain/mentorship/payout_account.h"
#include "domain/mentorship/session.h"
#include "domain/mentorship/user.h"
#include "tests/support/decider_spec.h"

namespace edu::mentorship::fixtures {

using testing::Admin;
using testing::AsUser;
using testing::Spec;

inline Money INR(int64_t minor) { return Money{minor, "INR"}; }
inline Actor Student() { return Actor{"11111111-1111-4111-8111-111111111111", "student"}; }
inline Actor MentorActor() { return Actor{"22222222-2222-4222-8222-222222222222", "mentor"}; }
inline Actor Support() { return Actor{"77777777-7777-4777-8777-777777777777", "support"}; }
inline Actor Gateway() { return Actor{"system:razorpay", "gateway"}; }
inline Actor Scheduler() { return Actor{"system:scheduler", "system"}; }

using testing::Admin;
using testing::AsUser;
using testing::Spec;

inline const Uuid kStudent = *ParseUuid("11111111-1111-4111-8111-111111111111");
inline const Uuid kMentorUser = *ParseUuid("22222222-2222-4222-8222-222222222222");
inline const Uuid kMentor = *ParseUuid("33333333-3333-4333-8333-333333333333");
inline const Uuid kSession = *ParseUuid("44444444-4444-4444-8444-444444444444");
inline const Uuid kPayment = *ParseUuid("55555555-5555-4555-8555-555555555555");
inline const Timestamp kNow = *ParseIso8601("2026-03-02T08:00:00Z");
inline const Timestamp kStart = *ParseIso8601("2026-03-05T10:00:00Z");

inline UserRegistered StudentRegistered(AcademicLevel level = AcademicLevel::college) {
  UserRegistered e;
  e.user_id = kStudent;
  e.role = UserRole::student;
  e.email = Personal<std::string>("asha@example.in");
  e.name = Personal<std::string>("Asha Rao");
  e.academic_level = level;
  e.primary_language = "Telugu";
  e.languages_spoken = {"Telugu", "English"};
  return e;
}

inline MentorApplied Applied(int64_t hourly_rate_minor = 120000) {
  MentorApplied e;
  e.mentor_id = kMentor;
  e.user_id = kMentorUser;
  e.title = "Senior Engineer";
  e.experience_years = 9;
  e.student_levels_served = {AcademicLevel::college};
  e.hourly_rate = Money{hourly_rate_minor, "INR"};
  e.primary_language = "English";
  e.languages_spoken = {"Telugu", "Hindi"};
  return e;
}

// Approved at `at` (the specs' default "now") under the default policy.
inline MentorVerificationApproved Approved(Timestamp at = Timestamp{1'767'225'600'000'000}) {
  MentorVerificationApproved e;
  e.mentor_id = kMentor;
  e.user_id = kMentorUser;
  e.reviewed_by = Admin().id;
  e.step_id = VerificationStepId(kMentor, 1);
  e.expiry_date = CivilFromDays(DaysFromCivil(DateOf(at)) + 365);
  e.auto_reverify_date = CivilFromDays(DaysFromCivil(DateOf(at)) + 90);
  e.policy = "mentorship-default-v1";
  return e;
}

inline BookSession Booking(int32_t minutes = 60) {
  BookSession c;
  c.session_id = kSession;
  c.student_id = kStudent;
  c.mentor_id = kMentor;
  c.scheduled_at = kStart;
  c.duration_minutes = minutes;
  c.session_type = SessionType::career_counseling;
  c.session_language = "Telugu";
  c.user_questions = {"Which electives for ML?"};
  return c;
}

inline SessionBooked Booked(int32_t minutes = 60, int64_t amount = 120000) {
  SessionBooked e;
  e.session_id = kSession;
  e.student_id = kStudent;
  e.mentor_id = kMentor;
  e.mentor_user_id = kMentorUser;
  e.scheduled_at = kStart;
  e.duration_minutes = minutes;
  e.hourly_rate = Money{120000, "INR"};
  e.amount = Money{amount, "INR"};
  e.session_type = SessionType::career_counseling;
  e.session_language = "Telugu";
  e.user_questions = {"Which electives for ML?"};
  return e;
}

inline CapturePayment Capture(int64_t amount = 120000) {
  CapturePayment c;
  c.session_id = kSession;
  c.payment_id = kPayment;
  c.amount = Money{amount, "INR"};
  c.payment_method = PaymentMethod::upi;
  c.gateway = PaymentGateway::razorpay;
  c.gateway_payment_id = "pay_N8xQ2";
  return c;
}

inline PaymentCaptured Captured(int64_t amount = 120000) {
  PaymentCaptured e;
  e.session_id = kSession;
  e.payment_id = kPayment;
  e.student_id = kStudent;
  e.mentor_id = kMentor;
  e.amount = Money{amount, "INR"};
  e.payment_method = PaymentMethod::upi;
  e.gateway = PaymentGateway::razorpay;
  e.gateway_payment_id = "pay_N8xQ2";
  e.escrow_held_after = Money{amount, "INR"};
  return e;
}

// The mentor's calendar (calendar.h): Asia/Kolkata, Mondays to Saturdays 09:00-21:00 IST.
inline MentorAvailabilitySet KolkataAvailability() {
  MentorAvailabilitySet e;
  e.mentor_id = kMentor;
  e.time_zone = "Asia/Kolkata";
  e.zone_rule = "IST-5:30";
  for (int day = 1; day <= 6; ++day) e.slots.push_back(WeeklySlot{day, "09:00", "21:00"});
  e.set_by = ToString(kMentorUser);
  return e;
}

// The student holds kSession's time (kStart, `minutes`) in the mentor's calendar since kNow.
inline SessionTimeHeld TimeHeld(int32_t minutes = 60, Timestamp start = kStart) {
  return SessionTimeHeld{
      kMentor, kSession, kStudent, start, start + Minutes(minutes), kNow + kSessionHoldDuration};
}

inline Spec<SessionDecider> BookingSpec(int32_t held_minutes = 60, Timestamp held_start = kStart) {
  Spec<SessionDecider> spec;
  spec.at(kNow)
      .as(AsUser(kStudent, "student"))
      .given_stream<MentorDecider>(MentorStream(kMentor), {Applied(), Approved()})
      .given_stream<UserDecider>(UserStream(kStudent), {StudentRegistered()})
      .given_stream<MentorCalendarDecider>(
          MentorCalendarStream(kMentor),
          {KolkataAvailability(), TimeHeld(held_minutes, held_start)});
  return spec;
}

// ---- a paid session and its money --------------------------------------------------------------

inline const std::string kPolicy = "mentorship-default-v1";
inline Uuid RefundId(int n) { return DeriveUuid(kPayment, "refund-" + std::to_string(n)); }
inline Uuid ConflictId(int n = 1) { return DeriveUuid(kSession, "conflict-" + std::to_string(n)); }

// A booked and paid 60-minute session (INR 1,200.00 held), decided at `at` by `actor`.
inline Spec<SessionDecider> Paid(Timestamp at, Actor actor) {
  Spec<SessionDecider> spec;
  spec.at(at).as(std::move(actor)).given({Booked(), Captured()});
  return spec;
}

inline EscrowReleased Released(int64_t amount, EscrowStatus after, int64_t held_after = 0) {
  return EscrowReleased{kSession, kPayment, INR(amount), INR(held_after), after};
}

// The default 30 % / 70 % split of `amount`, as PaymentSplit records it.
inline PaymentSplit Split(int64_t amount) {
  int64_t fee = ShareOf(amount, 3000);
  return PaymentSplit{kSession,          kPayment, kMentor, INR(amount), INR(fee),
                      INR(amount - fee), 3000,     7000,    kPolicy};
}

inline SessionCompleted Completed(Timestamp at) {
  SessionCompleted e;
  e.session_id = kSession;
  e.student_id = kStudent;
  e.mentor_id = kMentor;
  e.completed_at = at;
  return e;
}

inline SessionStarted Started(Timestamp at) {
  return SessionStarted{kSession, kMentor, at, std::nullopt};
}

// A student's or staff's policy refund: requested and approved in one decision.
inline RefundRequested Requested(int n, int64_t amount, RefundPolicy rule,
                                 const std::string& reason, const std::string& by) {
  return RefundRequested{kSession, kPayment, RefundId(n), kStudent, INR(amount), rule, reason, by};
}

inline RefundApproved ApprovedRefund(int n, int64_t amount, const std::string& reason,
                                     const std::string& by, int64_t held_after,
                                     int64_t refunded_after, EscrowStatus after) {
  return RefundApproved{kSession, kPayment,        RefundId(n),         INR(amount), reason,
                        by,       INR(held_after), INR(refunded_after), after};
}

}  // namespace edu::mentorship::fixtures
