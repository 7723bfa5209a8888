#include "domain/uhs/enrollment.h"

#include <algorithm>

#include "domain/policies.h"
#include "domain/uhs/course.h"
#include "domain/uhs/people.h"
#include "domain/uhs/rules.h"
#include "domain/uhs/split.h"

namespace edu::uhs {
namespace {

using Event = EnrollmentDecider::Event;

Rejection Missing(const Uuid& id) {
  return Reject(codes::kEnrollmentNotFound, "enrollment {} does not exist", ToString(id));
}

Rejection IllegalTransition(const EnrollmentState& s, const char* action) {
  return Reject(codes::kIllegalTransition, "enrollment {} is {}; it cannot be {}",
                ToString(s.enrollment_id), EnumName(s.status()), action);
}

// The student themself, their parent, or staff.
bool ActsForStudent(const Actor& a, const Uuid& student_user_id,
                    const std::optional<Uuid>& parent) {
  return IsStaff(a) || IsUser(a, student_user_id) || (parent && IsUser(a, *parent));
}

std::optional<Rejection> CheckActsForStudent(const EnrollmentState& s, const DecisionContext& ctx) {
  if (ActsForStudent(ctx.actor, s.student_user_id, s.parent_id)) return std::nullopt;
  return Reject(codes::kNotOwnEnrollment,
                "only the student, their parent or staff may act on enrollment {}",
                ToString(s.enrollment_id));
}

Decision<Event> Enroll(const EnrollInCourse& c, const EnrollmentState& s,
                       const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->uhs;
  if (s.exists) {
    return Reject(codes::kEnrollmentAlreadyExists, "enrollment {} already exists",
                  ToString(c.enrollment_id));
  }
  const StudentState* student = ctx.refs->Find<StudentState>(StudentStream(c.student_id));
  if (!student) {
    return Reject(codes::kStudentNotFound, "student {} is not registered", ToString(c.student_id));
  }
  if (!ActsForStudent(ctx.actor, student->user_id, student->parent_id)) {
    return Reject(codes::kNotOwnStudent,
                  "only the student, their parent or staff may enroll student {}",
                  ToString(c.student_id));
  }
  if (!student->is_active) {
    return Reject(codes::kStudentInactive, "student {} is not active", ToString(c.student_id));
  }
  const CourseState* course = ctx.refs->Find<CourseState>(CourseStream(c.course_id));
  if (!course) {
    return Reject(codes::kCourseNotFound, "course {} does not exist", ToString(c.course_id));
  }
  if (!course->is_published) {
    return Reject(codes::kCourseNotPublished,
                  "course {} is not published; students cannot enroll yet", ToString(c.course_id));
  }
  if (course->price.currency != policy.currency) {
    return Reject(codes::kCurrencyMismatch, "course {} is priced in {}, policy in {}",
                  ToString(c.course_id), course->price.currency, policy.currency);
  }
  if (c.partner_id) {
    const UserState* partner = ctx.refs->Find<UserState>(UserStream(*c.partner_id));
    if (!partner) {
      return Reject(codes::kPartnerNotFound, "partner {} is not registered",
                    ToString(*c.partner_id));
    }
    if (partner->role != UserRole::partner) {
      return Reject(codes::kNotAPartner, "user {} is a {}, not a partner", ToString(*c.partner_id),
                    EnumName(partner->role));
    }
  }
  const bool free = course->price.minor == 0;
  EnrollmentStarted e;
  e.enrollment_id = c.enrollment_id;
  e.student_id = c.student_id;
  e.student_user_id = student->user_id;
  e.parent_id = student->parent_id;
  e.course_id = c.course_id;
  e.instructor_id = course->instructor_id;
  e.is_platform_created = course->is_platform_created;
  e.partner_id = c.partner_id;
  e.price = course->price;
  e.status = free ? EnrollmentStatus::active : EnrollmentStatus::pending_payment;
  if (!free) e.payment_due_by = ctx.now + policy.payment_window;
  e.lessons = course->lessons;
  return e;
}

Decision<Event> RecordPayment(const RecordEnrollmentPayment& c, const EnrollmentState& s,
                              const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.enrollment_id);
  if (s.settled_payments.count(c.payment_id)) return std::vector<Event>{};  // redelivered
  auto decline = [&](std::string reason) -> Decision<Event> {
    return EnrollmentPaymentDeclined{c.enrollment_id,  c.payment_id, c.source,
                                     c.payer_user_id,  c.amount,     c.transaction_reference,
                                     std::move(reason)};
  };
  if (c.amount != s.price) {
    return decline(fmt::format("paid {} but the enrollment costs {}", FormatMoney(c.amount),
                               FormatMoney(s.price)));
  }
  if (!s.machine.Allows(EnrollmentTrigger::pay)) {
    return decline(fmt::format("the enrollment is {}", EnumName(s.status())));
  }
  const Policy& policy = ctx.policies->uhs;
  EnrollmentPaid paid{
      c.enrollment_id,         s.course_id, c.payment_id, c.source, c.payer_user_id, c.amount,
      c.transaction_reference, ctx.now};
  SplitShares shares = SplitCoursePayment(c.amount.minor, s.instructor_id.has_value(),
                                          s.partner_id.has_value(), policy);
  const std::string& cur = c.amount.currency;
  RevenueSplit split;
  split.enrollment_id = c.enrollment_id;
  split.payment_id = c.payment_id;
  split.course_id = s.course_id;
  split.amount = c.amount;
  split.instructor_id = s.instructor_id;
  split.instructor_share = Money{shares.instructor, cur};
  split.platform_share = Money{shares.platform, cur};
  split.partner_id = s.partner_id;
  split.partner_share = Money{shares.partner, cur};
  split.instructor_bps = shares.instructor_bps;
  split.platform_bps = shares.platform_bps;
  split.partner_bps = shares.partner_bps;
  split.policy = policy.name;
  return std::vector<Event>{paid, split};
}

Decision<Event> CompleteLesson(const RecordLessonCompleted& c, const EnrollmentState& s,
                               const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.enrollment_id);
  if (auto denied = CheckActsForStudent(s, ctx)) return *denied;
  if (s.status() != EnrollmentStatus::active) return IllegalTransition(s, "studied");
  if (std::find(s.lessons.begin(), s.lessons.end(), c.lesson_id) == s.lessons.end()) {
    return Reject(codes::kLessonNotInCourse, "lesson '{}' is not part of course {}", c.lesson_id,
                  ToString(s.course_id));
  }
  if (std::find(s.completed_lessons.begin(), s.completed_lessons.end(), c.lesson_id) !=
      s.completed_lessons.end()) {
    return Reject(codes::kLessonAlreadyCompleted, "lesson '{}' is already completed", c.lesson_id);
  }
  if (c.minutes_spent < 0 || c.minutes_spent > 24 * 60) {
    return Reject(codes::kInvalidMinutes, "minutes_spent must be within 0..1440, got {}",
                  c.minutes_spent);
  }
  LessonCompleted done;
  done.enrollment_id = c.enrollment_id;
  done.lesson_id = c.lesson_id;
  done.minutes_spent = c.minutes_spent;
  done.completed_lessons_after = s.completed_lessons;
  done.completed_lessons_after.push_back(c.lesson_id);
  done.total_minutes_after = s.total_minutes + c.minutes_spent;
  done.progress_bps =
      static_cast<BasisPoints>(static_cast<int64_t>(done.completed_lessons_after.size()) * kWhole /
                               static_cast<int64_t>(s.lessons.size()));
  if (done.completed_lessons_after.size() < s.lessons.size()) return done;
  return std::vector<Event>{done, EnrollmentCompleted{c.enrollment_id, s.course_id}};
}

Decision<Event> Drop(const DropEnrollment& c, const EnrollmentState& s,
                     const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.enrollment_id);
  if (auto denied = CheckActsForStudent(s, ctx)) return *denied;
  if (!s.machine.Allows(EnrollmentTrigger::drop)) return IllegalTransition(s, "dropped");
  return EnrollmentDropped{c.enrollment_id, s.status(), c.reason};
}

Decision<Event> Refund(const RefundEnrollment& c, const EnrollmentState& s,
                       const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->uhs;
  if (!s.exists) return Missing(c.enrollment_id);
  if (auto denied = CheckActsForStudent(s, ctx)) return *denied;
  if (!s.machine.Allows(EnrollmentTrigger::refund)) return IllegalTransition(s, "refunded");
  if (!s.payment) {
    return Reject(codes::kNothingToRefund,
                  "enrollment {} is for a free course; there is nothing to refund",
                  ToString(c.enrollment_id));
  }
  const EnrollmentPayment& p = *s.payment;
  if (ctx.now > p.paid_at + policy.refund_window) {
    return Reject(codes::kRefundWindowPassed,
                  "enrollment {} was paid at {}; refunds close {} after payment (now {})",
                  ToString(c.enrollment_id), FormatIso8601(p.paid_at),
                  FormatIso8601(p.paid_at + policy.refund_window), FormatIso8601(ctx.now));
  }
  EnrollmentRefunded e;
  e.enrollment_id = c.enrollment_id;
  e.payment_id = p.payment_id;
  e.source = p.source;
  // Wallet payments go back to the wallet whichever way the request says.
  e.destination = p.source == PaymentSource::wallet ? RefundDestination::wallet : c.destination;
  e.payer_user_id = p.payer_user_id;
  e.amount = p.amount;
  e.transaction_reference = p.transaction_reference;
  e.reason = c.reason;
  e.policy = policy.name;
  return e;
}

Decision<Event> Expire(const ExpireEnrollment& c, const EnrollmentState& s,
                       const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.enrollment_id);
  if (!IsStaff(ctx.actor) && !ctx.actor.IsSystem()) {
    return Reject(codes::kStaffOnly, "only staff or the scheduler expire enrollments");
  }
  if (!s.machine.Allows(EnrollmentTrigger::expire)) return IllegalTransition(s, "expired");
  if (ctx.now < *s.payment_due_by) {
    return Reject(codes::kPaymentWindowOpen, "enrollment {} may be paid until {} (now {})",
                  ToString(c.enrollment_id), FormatIso8601(*s.payment_due_by),
                  FormatIso8601(ctx.now));
  }
  return EnrollmentExpired{c.enrollment_id, *s.payment_due_by};
}

}  // namespace

Decision<Event> EnrollmentDecider::decide(const Command& command, const State& state,
                                          const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const EnrollInCourse& c) { return Enroll(c, state, ctx); },
                 [&](const RecordEnrollmentPayment& c) { return RecordPayment(c, state, ctx); },
                 [&](const RecordLessonCompleted& c) { return CompleteLesson(c, state, ctx); },
                 [&](const DropEnrollment& c) { return Drop(c, state, ctx); },
                 [&](const RefundEnrollment& c) { return Refund(c, state, ctx); },
                 [&](const ExpireEnrollment& c) { return Expire(c, state, ctx); }},
      command);
}

EnrollmentState EnrollmentDecider::evolve(State s, const Event& event) {
  std::visit(
      Overloaded{
          [&](const EnrollmentStarted& e) {
            s.exists = true;
            s.enrollment_id = e.enrollment_id;
            s.student_id = e.student_id;
            s.student_user_id = e.student_user_id;
            s.parent_id = e.parent_id;
            s.course_id = e.course_id;
            s.instructor_id = e.instructor_id;
            s.partner_id = e.partner_id;
            s.price = e.price;
            s.payment_due_by = e.payment_due_by;
            s.lessons = e.lessons;
            if (e.status == EnrollmentStatus::active) {
              s.machine.Fire(EnrollmentTrigger::admit_free);
            }
          },
          [&](const EnrollmentPaid& e) {
            s.machine.Fire(EnrollmentTrigger::pay);
            s.payment = EnrollmentPayment{
                e.payment_id, e.source, e.payer_user_id, e.amount, e.transaction_reference,
                e.paid_at};
            s.settled_payments.insert(e.payment_id);
          },
          [&](const RevenueSplit&) {},
          [&](const EnrollmentPaymentDeclined& e) { s.settled_payments.insert(e.payment_id); },
          [&](const LessonCompleted& e) {
            s.completed_lessons = e.completed_lessons_after;
            s.total_minutes = e.total_minutes_after;
          },
          [&](const EnrollmentCompleted&) { s.machine.Fire(EnrollmentTrigger::complete); },
          [&](const EnrollmentDropped&) { s.machine.Fire(EnrollmentTrigger::drop); },
          [&](const EnrollmentRefunded&) { s.machine.Fire(EnrollmentTrigger::refund); },
          [&](const EnrollmentExpired&) { s.machine.Fire(EnrollmentTrigger::expire); }},
      event);
  return s;
}

}  // namespace edu::uhs
