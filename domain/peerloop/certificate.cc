// Who does what with certificates: the enrollment's student-teacher recommends; the course's
// creator (or an admin) issues, with or without a recommendation, and declines
// recommendations. Every certificate is for the enrollment's own student and course.
#include "domain/peerloop/certificate.h"

#include "domain/peerloop/course.h"
#include "domain/peerloop/enrollment.h"
#include "domain/peerloop/rules.h"
#include "domain/peerloop/user.h"

namespace edu::peerloop {
namespace {

using Event = CertificateDecider::Event;

Uuid ActorId(const DecisionContext& ctx) { return ParseUuid(ctx.actor.id).value_or(Uuid{}); }

// The rules every recommendation and issue shares: the enrollment is the user's in the course,
// completed; the course awards certificates; the type is free; a teaching certificate goes to a
// certified student-teacher. `recommended` is the recommendation being issued, if any.
std::optional<Rejection> CheckEligible(const Uuid& certificate_id, const Uuid& enrollment_id,
                                       const Uuid& user_id, const Uuid& course_id,
                                       CertificateType type, const CertificatesState& s,
                                       const EnrollmentState& enrollment, const CourseState& course,
                                       const DecisionContext& ctx) {
  if (enrollment.student_id != user_id || enrollment.course_id != course_id) {
    return Reject(codes::kEnrollmentMismatch, "enrollment {} is not user {}'s enrollment in {}",
                  ToString(enrollment_id), ToString(user_id), ToString(course_id));
  }
  if (!course.has_certificate) {
    return Reject(codes::kCertificateNotOffered, "course {} awards no certificate",
                  ToString(course_id));
  }
  if (enrollment.status() != EnrollmentStatus::completed) {
    return Reject(codes::kEnrollmentNotCompleted,
                  "enrollment {} is {}; certificates are for completed enrollments",
                  ToString(enrollment_id), EnumName(enrollment.status()));
  }
  auto existing = s.certificates.find(certificate_id);
  if (existing == s.certificates.end()) {
    if (const auto* held = s.Holding(type)) {
      return Reject(codes::kCertificateAlreadyExists,
                    "enrollment {} already has a {} {} certificate", ToString(enrollment_id),
                    EnumName(held->lifecycle.status()), EnumName(type));
    }
  } else if (existing->second.type != type) {
    return Reject(codes::kCertificateIdTaken, "certificate {} is a {} certificate, not {}",
                  ToString(certificate_id), EnumName(existing->second.type), EnumName(type));
  }
  if (type == CertificateType::teaching) {
    const UserState* user = ctx.refs->Find<UserState>(UserStream(user_id));
    if (!user || !user->CertifiedFor(course_id)) {
      return Reject(codes::kNotCertifiedToTeach,
                    "user {} is not a certified student-teacher of course {}", ToString(user_id),
                    ToString(course_id));
    }
  }
  return std::nullopt;
}

template <class C>
std::optional<Rejection> Load(const C& c, const EnrollmentState** enrollment,
                              const CourseState** course, const DecisionContext& ctx) {
  *enrollment = ctx.refs->Find<EnrollmentState>(EnrollmentStream(c.enrollment_id));
  if (!*enrollment || !(*enrollment)->exists) {
    return NotFound(codes::kEnrollmentNotFound, "enrollment", c.enrollment_id);
  }
  *course = ctx.refs->Find<CourseState>(CourseStream(c.course_id));
  if (!*course || !(*course)->exists)
    return NotFound(codes::kCourseNotFound, "course", c.course_id);
  return std::nullopt;
}

Decision<Event> Recommend(const RecommendCertificate& c, const CertificatesState& s,
                          const DecisionContext& ctx) {
  const EnrollmentState* enrollment = nullptr;
  const CourseState* course = nullptr;
  if (auto missing = Load(c, &enrollment, &course, ctx)) return *missing;
  if (!enrollment->student_teacher_id || !Is(ctx.actor, *enrollment->student_teacher_id)) {
    return Reject(codes::kNotEnrollmentTeacher,
                  "only the student-teacher of enrollment {} recommends its certificates",
                  ToString(c.enrollment_id));
  }
  if (s.certificates.count(c.certificate_id)) {
    return Reject(codes::kCertificateIdTaken, "certificate {} is already recommended or issued",
                  ToString(c.certificate_id));
  }
  if (auto refused = CheckEligible(c.certificate_id, c.enrollment_id, c.user_id, c.course_id,
                                   c.type, s, *enrollment, *course, ctx)) {
    return *refused;
  }
  return CertificateRecommended{c.certificate_id, c.enrollment_id, c.user_id, c.course_id,
                                c.type,           ActorId(ctx),    ctx.now};
}

Decision<Event> Issue(const IssueCertificate& c, const CertificatesState& s,
                      const DecisionContext& ctx) {
  const EnrollmentState* enrollment = nullptr;
  const CourseState* course = nullptr;
  if (auto missing = Load(c, &enrollment, &course, ctx)) return *missing;
  if (!Is(ctx.actor, course->creator_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotCourseCreator,
                  "only the creator of course {} (or an admin) issues its certificates",
                  ToString(c.course_id));
  }
  std::optional<Uuid> recommended_by;
  auto existing = s.certificates.find(c.certificate_id);
  if (existing != s.certificates.end()) {
    if (!existing->second.lifecycle.Allows(CertificateTrigger::issue)) {
      return IllegalTransition("certificate", c.certificate_id, existing->second.lifecycle.status(),
                               "issued");
    }
    recommended_by = existing->second.recommended_by;
  }
  if (auto refused = CheckEligible(c.certificate_id, c.enrollment_id, c.user_id, c.course_id,
                                   c.type, s, *enrollment, *course, ctx)) {
    return *refused;
  }
  CertificateIssued e;
  e.certificate_id = c.certificate_id;
  e.enrollment_id = c.enrollment_id;
  e.user_id = c.user_id;
  e.course_id = c.course_id;
  e.type = c.type;
  e.issued_by = ActorId(ctx);
  e.recommended_by = recommended_by;
  e.certificate_url = c.certificate_url;
  e.issued_at = ctx.now;
  return e;
}

Decision<Event> Decline(const DeclineCertificate& c, const CertificatesState& s,
                        const DecisionContext& ctx) {
  const CourseState* course = ctx.refs->Find<CourseState>(CourseStream(c.course_id));
  if (!course || !course->exists) return NotFound(codes::kCourseNotFound, "course", c.course_id);
  if (!Is(ctx.actor, course->creator_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotCourseCreator,
                  "only the creator of course {} (or an admin) declines its certificates",
                  ToString(c.course_id));
  }
  auto existing = s.certificates.find(c.certificate_id);
  if (existing == s.certificates.end() || existing->second.course_id != c.course_id) {
    return NotFound(codes::kCertificateNotFound, "certificate", c.certificate_id);
  }
  if (!existing->second.lifecycle.Allows(CertificateTrigger::decline)) {
    return IllegalTransition("certificate", c.certificate_id, existing->second.lifecycle.status(),
                             "declined");
  }
  if (c.reason.find_first_not_of(" \t\n\r\f\v") == std::string::npos) {
    return Reject(codes::kReasonRequired, "declining a certificate needs a reason");
  }
  return CertificateDeclined{c.certificate_id, c.enrollment_id, ActorId(ctx), c.reason, ctx.now};
}

}  // namespace

const CertificatesState::Certificate* CertificatesState::Holding(CertificateType type) const {
  for (const auto& [id, certificate] : certificates) {
    if (certificate.type == type && certificate.lifecycle.status() != CertificateStatus::declined) {
      return &certificate;
    }
  }
  return nullptr;
}

Decision<Event> CertificateDecider::decide(const Command& command, const State& state,
                                           const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const RecommendCertificate& c) { return Recommend(c, state, ctx); },
                 [&](const IssueCertificate& c) { return Issue(c, state, ctx); },
                 [&](const DeclineCertificate& c) { return Decline(c, state, ctx); }},
      command);
}

CertificatesState CertificateDecider::evolve(State s, const Event& event) {
  std::visit(
      Overloaded{[&](const CertificateRecommended& e) {
                   auto& certificate = s.certificates[e.certificate_id];
                   certificate.type = e.type;
                   certificate.course_id = e.course_id;
                   certificate.recommended_by = e.recommended_by;
                 },
                 [&](const CertificateIssued& e) {
                   auto& certificate = s.certificates[e.certificate_id];
                   certificate.type = e.type;
                   certificate.course_id = e.course_id;
                   certificate.recommended_by = e.recommended_by;
                   certificate.lifecycle.Fire(CertificateTrigger::issue);
                 },
                 [&](const CertificateDeclined& e) {
                   s.certificates[e.certificate_id].lifecycle.Fire(CertificateTrigger::decline);
                 }},
      event);
  return s;
}

}  // namespace edu::peerloop
