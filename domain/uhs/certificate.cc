#include "domain/uhs/certificate.h"

#include <cctype>
#include <cstring>

#include <fmt/format.h>

#include "domain/uhs/course.h"
#include "domain/uhs/enrollment.h"
#include "domain/uhs/forum.h"
#include "domain/uhs/rules.h"

namespace edu::uhs {
namespace {

using Event = CertificateDecider::Event;

// Crockford's base32: no I, L, O, U, so a serial read aloud or copied by hand stays unambiguous.
constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr size_t kIdChars = 26;  // 128 bits in 5-bit digits (the first digit holds 3 bits)
constexpr char kSerialPrefix[] = "UHS-";

std::string ActorId(const DecisionContext& ctx) { return ctx.actor.id; }

Decision<Event> Issue(const IssueCertificate& c, const CertificateState& s,
                      const DecisionContext& ctx) {
  const Uuid certificate_id = CertificateIdFor(c.enrollment_id, c.kind);
  if (s.exists) {
    return Reject(codes::kCertificateAlreadyExists,
                  "enrollment {} already has its {} certificate ({})", ToString(c.enrollment_id),
                  EnumName(c.kind), s.serial_number);
  }
  const EnrollmentState* enrollment =
      ctx.refs->Find<EnrollmentState>(EnrollmentStream(c.enrollment_id));
  if (enrollment == nullptr || !enrollment->exists) {
    return Reject(codes::kEnrollmentNotFound, "enrollment {} does not exist",
                  ToString(c.enrollment_id));
  }
  if (enrollment->course_id != c.course_id) {
    return Reject(codes::kEnrollmentMismatch, "enrollment {} is not in course {}",
                  ToString(c.enrollment_id), ToString(c.course_id));
  }
  const CourseState* course = ctx.refs->Find<CourseState>(CourseStream(c.course_id));
  if (course == nullptr || !course->exists) {
    return Reject(codes::kCourseNotFound, "course {} does not exist", ToString(c.course_id));
  }
  const bool instructor = course->instructor_id && IsUser(ctx.actor, *course->instructor_id);
  if (!IsStaff(ctx.actor) && !instructor) {
    return Reject(codes::kNotOwnCourse,
                  "only the course's instructor, an admin or staff issues its certificates");
  }
  if (enrollment->status() != EnrollmentStatus::completed) {
    return Reject(codes::kEnrollmentNotCompleted,
                  "enrollment {} is {}; certificates are issued for completed enrollments",
                  ToString(c.enrollment_id), EnumName(enrollment->status()));
  }
  if (c.completion_date > ctx.now) {
    return Reject(codes::kInvalidCompletionDate, "completion_date {} is after the time of issue {}",
                  FormatIso8601(c.completion_date), FormatIso8601(ctx.now));
  }
  CertificateIssued e;
  e.certificate_id = certificate_id;
  e.serial_number = SerialNumberFor(certificate_id, DateOf(ctx.now).year);
  e.kind = c.kind;
  e.enrollment_id = c.enrollment_id;
  e.student_id = enrollment->student_user_id;
  e.enrollment_student_id = enrollment->student_id;
  std::string student_name = TrimmedText(c.student_name);
  if (student_name.empty()) {
    return Reject(codes::kNameRequired, "a certificate needs the student's name");
  }
  e.student_name = student_name;
  e.course_id = c.course_id;
  e.course_name = course->title;
  if (c.grade) {
    std::string grade = TrimmedText(*c.grade);
    if (!grade.empty()) e.grade = grade;
  }
  e.completion_date = c.completion_date;
  e.issued_by = ActorId(ctx);
  return e;
}

Decision<Event> Revoke(const RevokeCertificate& c, const CertificateState& s,
                       const DecisionContext& ctx) {
  if (!IsStaff(ctx.actor)) {
    return Reject(codes::kStaffOnly, "only an admin or staff revokes a certificate");
  }
  if (!s.exists) {
    return Reject(codes::kCertificateNotFound, "certificate {} does not exist",
                  ToString(c.certificate_id));
  }
  if (!s.machine.Allows(CertificateTrigger::revoke)) {
    return Reject(codes::kCertificateAlreadyRevoked, "certificate {} is already revoked",
                  s.serial_number);
  }
  std::string reason = TrimmedText(c.reason);
  if (reason.empty()) return Reject(codes::kReasonRequired, "a revocation needs a reason");
  return CertificateRevoked{s.certificate_id, s.serial_number, s.kind,      s.enrollment_id,
                            s.issued_by,      reason,          ActorId(ctx)};
}

}  // namespace

Uuid CertificateIdFor(const Uuid& enrollment_id, CertificateKind kind) {
  return DeriveUuid(UhsNamespace(),
                    "certificate:" + ToString(enrollment_id) + ":" + std::string(EnumName(kind)));
}

std::string SerialNumberFor(const Uuid& certificate_id, int year_issued) {
  // 130 bits of digits for 128 bits of id: two leading zero bits.
  std::string digits(kIdChars, '0');
  int bit = 128 - 1 + 2;  // index of the digits' top bit, counting the 2 padding bits
  for (size_t i = 0; i < kIdChars; ++i) {
    int value = 0;
    for (int b = 0; b < 5; ++b, --bit) {
      value <<= 1;
      if (bit < 128) {
        const int byte = 15 - bit / 8;
        value |= (certificate_id.data[byte] >> (bit % 8)) & 1;
      }
    }
    digits[i] = kAlphabet[value];
  }
  return fmt::format("{}{:04d}-{}", kSerialPrefix, year_issued, digits);
}

std::optional<Uuid> CertificateIdFromSerial(const std::string& serial_number) {
  std::string s;
  for (char ch : TrimmedText(serial_number)) {
    s += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  const size_t prefix = sizeof(kSerialPrefix) - 1;
  if (s.size() != prefix + 5 + kIdChars || s.compare(0, prefix, kSerialPrefix) != 0 ||
      s[prefix + 4] != '-') {
    return std::nullopt;
  }
  for (size_t i = prefix; i < prefix + 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  }
  Uuid id;
  int bit = 128 - 1 + 2;
  for (size_t i = 0; i < kIdChars; ++i) {
    const char* at = std::strchr(kAlphabet, s[prefix + 5 + i]);
    if (at == nullptr || *at == '\0') return std::nullopt;
    const int value = static_cast<int>(at - kAlphabet);
    for (int b = 4; b >= 0; --b, --bit) {
      const int v = (value >> b) & 1;
      if (bit >= 128) {
        if (v != 0) return std::nullopt;  // the padding bits are zero
        continue;
      }
      if (v != 0) id.data[15 - bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
    }
  }
  return id;
}

Decision<Event> CertificateDecider::decide(const Command& command, const State& state,
                                           const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const IssueCertificate& c) { return Issue(c, state, ctx); },
                               [&](const RevokeCertificate& c) { return Revoke(c, state, ctx); }},
                    command);
}

CertificateState CertificateDecider::evolve(State s, const Event& event) {
  std::visit(
      Overloaded{[&](const CertificateIssued& e) {
                   s.exists = true;
                   s.certificate_id = e.certificate_id;
                   s.serial_number = e.serial_number;
                   s.kind = e.kind;
                   s.enrollment_id = e.enrollment_id;
                   s.issued_by = e.issued_by;
                 },
                 [&](const CertificateRevoked&) { s.machine.Fire(CertificateTrigger::revoke); }},
      event);
  return s;
}

}  // namespace edu::uhs
