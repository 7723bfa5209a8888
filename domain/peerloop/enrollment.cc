#include "domain/peerloop/enrollment.h"

#include <algorithm>

#include "domain/peerloop/course.h"
#include "domain/peerloop/rules.h"
#include "domain/peerloop/user.h"
#include "domain/policies.h"

namespace edu::peerloop {

std::vector<SplitLine> EnrollmentState::HeldLines() const {
  std::vector<SplitLine> out;
  for (const auto& l : lines) {
    if (split_status.at(l.split_id) == SplitStatus::pending) out.push_back(l);
  }
  return out;
}

std::vector<SplitLine> EnrollmentState::NextHeldTranche() const {
  std::vector<SplitLine> held = HeldLines();
  if (held.empty()) return held;
  int32_t first = held.front().tranche;
  for (const auto& l : held) first = std::min(first, l.tranche);
  std::vector<SplitLine> out;
  for (const auto& l : held) {
    if (l.tranche == first) out.push_back(l);
  }
  return out;
}

namespace {

using Event = EnrollmentDecider::Event;

int64_t Sum(const std::vector<SplitLine>& lines) {
  int64_t total = 0;
  for (const auto& l : lines) total += l.amount_cents;
  return total;
}

Rejection Missing(const Uuid& id) { return NotFound(codes::kEnrollmentNotFound, "enrollment", id); }

Rejection Illegal(const EnrollmentState& s, const char* action) {
  return IllegalTransition("enrollment", s.enrollment_id, s.status(), action);
}

bool Closed(const EnrollmentState& s) {
  return s.status() == EnrollmentStatus::completed || s.status() == EnrollmentStatus::cancelled;
}

Rejection ClosedRejection(const EnrollmentState& s) {
  return Reject(codes::kEnrollmentClosed, "enrollment {} is already {}", ToString(s.enrollment_id),
                EnumName(s.status()));
}

bool IsTeacherSide(const Actor& a, const EnrollmentState& s) {
  return Is(a, s.teacher_id) || Is(a, s.creator_id) || IsAdmin(a) || a.IsSystem();
}

Decision<Event> DoEnroll(const Enroll& c, const EnrollmentState& s, const DecisionContext& ctx) {
  if (s.exists) {
    return Reject(codes::kEnrollmentAlreadyExists, "enrollment {} already exists",
                  ToString(c.enrollment_id));
  }
  if (!Is(ctx.actor, c.student_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotOwnEnrollment, "actor {} may enroll only themselves, not student {}",
                  ctx.actor.id, ToString(c.student_id));
  }
  const CourseState* course = ctx.refs->Find<CourseState>(CourseStream(c.course_id));
  if (!course) return NotFound(codes::kCourseNotFound, "course", c.course_id);
  if (!course->is_active) {
    return Reject(codes::kCourseInactive, "course {} is not open for enrollment",
                  ToString(c.course_id));
  }
  const UserState* student = ctx.refs->Find<UserState>(UserStream(c.student_id));
  if (!student) return NotFound(codes::kStudentNotFound, "user", c.student_id);
  if (student->role == UserRole::admin || student->role == UserRole::moderator) {
    return Reject(codes::kRoleCannotEnroll, "user {} is {}; staff do not enroll",
                  ToString(c.student_id), EnumName(student->role));
  }
  if (c.student_id == course->creator_id) {
    return Reject(codes::kOwnCourse, "user {} created course {}", ToString(c.student_id),
                  ToString(c.course_id));
  }
  std::optional<Uuid> student_teacher;
  if (c.student_teacher_id && *c.student_teacher_id != course->creator_id) {
    const UserState* st = ctx.refs->Find<UserState>(UserStream(*c.student_teacher_id));
    if (!st) return NotFound(codes::kStudentTeacherNotFound, "user", *c.student_teacher_id);
    if (!st->CertifiedFor(c.course_id)) {
      return Reject(codes::kStudentTeacherNotCertified,
                    "user {} is not a certified student-teacher of course {}",
                    ToString(*c.student_teacher_id), ToString(c.course_id));
    }
    if (*c.student_teacher_id == c.student_id) {
      return Reject(codes::kSelfTeaching, "a student cannot be their own teacher");
    }
    student_teacher = c.student_teacher_id;
  }
  if (c.referred_by) {
    if (*c.referred_by == c.student_id) {
      return Reject(codes::kSelfReferral, "a student cannot refer themselves");
    }
    if (!ctx.refs->Find<UserState>(UserStream(*c.referred_by))) {
      return NotFound(codes::kReferrerNotFound, "user", *c.referred_by);
    }
  }
  if (c.stripe_payment_id.empty()) {
    return Reject(codes::kStripePaymentIdRequired, "stripe_payment_id must not be empty");
  }
  EnrollmentCreated created;
  created.enrollment_id = c.enrollment_id;
  created.student_id = c.student_id;
  created.course_id = c.course_id;
  created.creator_id = course->creator_id;
  created.teacher_id = student_teacher.value_or(course->creator_id);
  created.student_teacher_id = student_teacher;
  created.referred_by = c.referred_by;
  created.price = course->price;
  created.session_count = course->session_count;
  created.teacher_commission = course->teacher_commission;
  created.enrolled_at = ctx.now;
  PaymentInitiated initiated{c.enrollment_id, c.transaction_id, course->price, c.stripe_payment_id};
  return std::vector<Event>{created, initiated};
}

Decision<Event> Confirm(const ConfirmPayment& c, const EnrollmentState& s,
                        const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.enrollment_id);
  const TransactionState& tx = *s.transaction;
  if (tx.transaction_id != c.transaction_id || tx.stripe_payment_id != c.stripe_payment_id) {
    return Reject(codes::kPaymentMismatch, "enrollment {} awaits transaction {} ({}), not {} ({})",
                  ToString(c.enrollment_id), ToString(tx.transaction_id), tx.stripe_payment_id,
                  ToString(c.transaction_id), c.stripe_payment_id);
  }
  // A gateway may deliver the same confirmation twice: the second one changes nothing.
  if (tx.status == TransactionStatus::completed) return std::vector<Event>{};
  if (tx.status != TransactionStatus::pending) {
    return Reject(codes::kIllegalTransition, "transaction {} is {}; it cannot be completed",
                  ToString(tx.transaction_id), EnumName(tx.status));
  }
  const Policy& policy = ctx.policies->peerloop;
  PaymentCompleted paid;
  paid.enrollment_id = s.enrollment_id;
  paid.transaction_id = tx.transaction_id;
  paid.student_id = s.student_id;
  paid.course_id = s.course_id;
  paid.amount = tx.amount;
  paid.stripe_payment_id = tx.stripe_payment_id;
  paid.referred_by = s.referred_by;
  if (s.referred_by) paid.referral_points = policy.referral.min;
  paid.paid_at = ctx.now;
  paid.escrow_held_after = tx.amount;

  const bool creator_teaches = s.teacher_id == s.creator_id;
  const SplitShares shares =
      SharesFor(s.teacher_commission, policy.platform_fee_bps, creator_teaches);
  PaymentSplit split;
  split.enrollment_id = s.enrollment_id;
  split.transaction_id = tx.transaction_id;
  split.amount = tx.amount;
  split.tranches = std::max<int32_t>(1, s.session_count);
  split.teacher_id = s.teacher_id;
  split.creator_id = s.creator_id;
  split.creator_teaches = creator_teaches;
  split.teacher_percentage = shares.teacher;
  split.creator_percentage = shares.creator;
  split.platform_percentage = shares.platform;
  split.lines = SplitPayment(tx.transaction_id, tx.amount.minor, split.tranches, shares,
                             s.teacher_id, s.creator_id);
  split.policy = policy.name;
  return std::vector<Event>{paid, split};
}

Decision<Event> Fail(const FailPayment& c, const EnrollmentState& s, const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.enrollment_id);
  const TransactionState& tx = *s.transaction;
  if (tx.transaction_id != c.transaction_id) {
    return Reject(codes::kPaymentMismatch, "enrollment {} awaits transaction {}, not {}",
                  ToString(c.enrollment_id), ToString(tx.transaction_id),
                  ToString(c.transaction_id));
  }
  if (tx.status != TransactionStatus::pending) {
    return Reject(codes::kIllegalTransition, "transaction {} is {}; it cannot fail",
                  ToString(tx.transaction_id), EnumName(tx.status));
  }
  if (!s.lifecycle.Allows(EnrollmentTrigger::cancel)) return Illegal(s, "cancelled");
  std::string reason = c.reason.value_or("payment failed");
  PaymentFailed failed{s.enrollment_id, tx.transaction_id, reason};
  EnrollmentCancelled cancelled{
      s.enrollment_id, s.student_id, s.course_id, ctx.actor.id, "payment failed: " + reason,
      ctx.now};
  return std::vector<Event>{failed, cancelled};
}

Decision<Event> Start(const StartEnrollment& c, const EnrollmentState& s,
                      const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.enrollment_id);
  if (!IsTeacherSide(ctx.actor, s)) {
    return Reject(codes::kNotEnrollmentTeacher,
                  "only the enrollment's teacher, its creator or staff may start it");
  }
  if (s.status() == EnrollmentStatus::in_progress) {
    return Reject(codes::kEnrollmentAlreadyStarted, "enrollment {} is already in progress",
                  ToString(c.enrollment_id));
  }
  if (Closed(s)) return ClosedRejection(s);
  if (!s.Paid()) {
    return Reject(codes::kPaymentNotCompleted, "enrollment {} is not paid yet",
                  ToString(c.enrollment_id));
  }
  if (!s.lifecycle.Allows(EnrollmentTrigger::start)) return Illegal(s, "started");
  return EnrollmentStarted{s.enrollment_id, ctx.now};
}

EscrowReleased Release(const EnrollmentState& s, std::vector<SplitLine> lines,
                       std::optional<Uuid> session_id, Timestamp now) {
  EscrowReleased e;
  e.enrollment_id = s.enrollment_id;
  e.transaction_id = s.transaction->transaction_id;
  e.session_id = session_id;
  e.amount = Money{Sum(lines), s.transaction->amount.currency};
  e.escrow_held_after = Money{s.transaction->held - e.amount.minor, e.amount.currency};
  e.lines = std::move(lines);
  e.released_at = now;
  return e;
}

Decision<Event> ReleaseForSession(const ReleaseSessionEscrow& c, const EnrollmentState& s,
                                  const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.enrollment_id);
  if (!ctx.actor.IsSystem() && !IsAdmin(ctx.actor)) {
    return Reject(codes::kSystemOnly,
                  "escrow is released by the platform when a session completes");
  }
  if (Closed(s)) return ClosedRejection(s);
  if (s.status() != EnrollmentStatus::in_progress) return Illegal(s, "released for a session");
  if (s.released_by_sessions.count(c.session_id)) {
    return Reject(codes::kSessionAlreadyReleased,
                  "session {} already released a tranche of enrollment {}", ToString(c.session_id),
                  ToString(c.enrollment_id));
  }
  std::vector<SplitLine> tranche = s.NextHeldTranche();
  if (tranche.empty()) {
    return Reject(codes::kEscrowEmpty,
                  "enrollment {} holds nothing more in escrow (every tranche is released)",
                  ToString(c.enrollment_id));
  }
  return Release(s, std::move(tranche), c.session_id, ctx.now);
}

Decision<Event> Complete(const CompleteEnrollment& c, const EnrollmentState& s,
                         const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.enrollment_id);
  if (!IsTeacherSide(ctx.actor, s)) {
    return Reject(codes::kNotEnrollmentTeacher,
                  "only the enrollment's teacher, its creator or staff may complete it");
  }
  if (!s.lifecycle.Allows(EnrollmentTrigger::complete)) return Illegal(s, "completed");
  std::vector<Event> out;
  out.push_back(EnrollmentCompleted{s.enrollment_id, s.student_id, s.course_id, s.teacher_id,
                                    s.student_teacher_id, ctx.now});
  std::vector<SplitLine> held = s.HeldLines();
  if (!held.empty()) out.push_back(Release(s, std::move(held), std::nullopt, ctx.now));
  return out;
}

Decision<Event> Cancel(const CancelEnrollment& c, const EnrollmentState& s,
                       const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.enrollment_id);
  if (!Is(ctx.actor, s.student_id) && !Is(ctx.actor, s.creator_id) && !IsStaff(ctx.actor)) {
    return Reject(codes::kNotOwnEnrollment,
                  "only the student, the course's creator or staff may cancel enrollment {}",
                  ToString(c.enrollment_id));
  }
  if (!s.lifecycle.Allows(EnrollmentTrigger::cancel)) return Illegal(s, "cancelled");
  if (s.transaction->status == TransactionStatus::pending) {
    return Reject(codes::kPaymentPending,
                  "enrollment {} awaits the gateway's answer for its payment; it is cancelled "
                  "when the payment fails",
                  ToString(c.enrollment_id));
  }
  if (c.reason.empty()) {
    return Reject(codes::kReasonRequired, "a cancellation needs a reason");
  }
  std::vector<Event> out;
  out.push_back(EnrollmentCancelled{s.enrollment_id, s.student_id, s.course_id, ctx.actor.id,
                                    c.reason, ctx.now});
  std::vector<SplitLine> held = s.HeldLines();
  if (!held.empty()) {
    RefundIssued refund;
    refund.enrollment_id = s.enrollment_id;
    refund.transaction_id = s.transaction->transaction_id;
    refund.amount = Money{Sum(held), s.transaction->amount.currency};
    for (const auto& l : held) refund.refunded_split_ids.push_back(l.split_id);
    refund.stripe_payment_id = s.transaction->stripe_payment_id;
    refund.escrow_held_after =
        Money{s.transaction->held - refund.amount.minor, refund.amount.currency};
    out.push_back(refund);
  }
  return out;
}

Decision<Event> MarkPaid(const MarkSplitsPaid& c, const EnrollmentState& s,
                         const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.enrollment_id);
  if (!ctx.actor.IsSystem() && !IsAdmin(ctx.actor)) {
    return Reject(codes::kSystemOnly, "splits are marked paid by their payout");
  }
  if (c.split_ids.empty()) {
    return Reject(codes::kSplitIdsRequired, "name at least one split");
  }
  int64_t amount = 0;
  for (const Uuid& id : c.split_ids) {
    auto it = s.split_status.find(id);
    if (it == s.split_status.end()) return NotFound(codes::kSplitNotFound, "payment split", id);
    if (it->second != SplitStatus::released) {
      return Reject(codes::kSplitNotReleased,
                    "payment split {} is {}; only released splits are paid out", ToString(id),
                    EnumName(it->second));
    }
    for (const auto& l : s.lines) {
      if (l.split_id == id) amount += l.amount_cents;
    }
  }
  return SplitsPaid{s.enrollment_id, c.payout_id, c.split_ids, amount, ctx.now};
}

}  // namespace

Decision<Event> EnrollmentDecider::decide(const Command& command, const State& state,
                                          const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const Enroll& c) { return DoEnroll(c, state, ctx); },
                 [&](const ConfirmPayment& c) { return Confirm(c, state, ctx); },
                 [&](const FailPayment& c) { return Fail(c, state, ctx); },
                 [&](const StartEnrollment& c) { return Start(c, state, ctx); },
                 [&](const ReleaseSessionEscrow& c) { return ReleaseForSession(c, state, ctx); },
                 [&](const CompleteEnrollment& c) { return Complete(c, state, ctx); },
                 [&](const CancelEnrollment& c) { return Cancel(c, state, ctx); },
                 [&](const MarkSplitsPaid& c) { return MarkPaid(c, state, ctx); }},
      command);
}

EnrollmentState EnrollmentDecider::evolve(State s, const Event& event) {
  auto set_status = [&](const std::vector<SplitLine>& lines, SplitStatus status) {
    for (const auto& l : lines) s.split_status[l.split_id] = status;
  };
  std::visit(
      Overloaded{[&](const EnrollmentCreated& e) {
                   s.exists = true;
                   s.enrollment_id = e.enrollment_id;
                   s.student_id = e.student_id;
                   s.course_id = e.course_id;
                   s.creator_id = e.creator_id;
                   s.teacher_id = e.teacher_id;
                   s.student_teacher_id = e.student_teacher_id;
                   s.referred_by = e.referred_by;
                   s.price = e.price;
                   s.session_count = e.session_count;
                   s.teacher_commission = e.teacher_commission;
                 },
                 [&](const PaymentInitiated& e) {
                   TransactionState tx;
                   tx.transaction_id = e.transaction_id;
                   tx.stripe_payment_id = e.stripe_payment_id;
                   tx.amount = e.amount;
                   s.transaction = tx;
                 },
                 [&](const PaymentCompleted& e) {
                   s.transaction->status = TransactionStatus::completed;
                   s.transaction->held = e.amount.minor;
                 },
                 [&](const PaymentSplit& e) {
                   s.lines = e.lines;
                   set_status(e.lines, SplitStatus::pending);
                 },
                 [&](const PaymentFailed&) { s.transaction->status = TransactionStatus::failed; },
                 [&](const EnrollmentStarted&) { s.lifecycle.Fire(EnrollmentTrigger::start); },
                 [&](const EscrowReleased& e) {
                   set_status(e.lines, SplitStatus::released);
                   s.transaction->held -= e.amount.minor;
                   s.transaction->released += e.amount.minor;
                   if (e.session_id) s.released_by_sessions.insert(*e.session_id);
                 },
                 [&](const EnrollmentCompleted&) { s.lifecycle.Fire(EnrollmentTrigger::complete); },
                 [&](const EnrollmentCancelled&) { s.lifecycle.Fire(EnrollmentTrigger::cancel); },
                 [&](const RefundIssued& e) {
                   for (const Uuid& id : e.refunded_split_ids)
                     s.split_status[id] = SplitStatus::refunded;
                   s.transaction->held -= e.amount.minor;
                   s.transaction->refunded += e.amount.minor;
                   s.transaction->status = TransactionStatus::refunded;
                 },
                 [&](const SplitsPaid& e) {
                   for (const Uuid& id : e.split_ids) s.split_status[id] = SplitStatus::paid;
                 }},
      event);
  return s;
}

}  // namespace edu::peerloop
