// Specifications of Urban Home School certificates (issue 14; seed 004 certificates): issued for a
// completed enrollment by the course's instructor or staff, one per kind per enrollment (the
// certificate's id and stream are derived from both), a serial number derived from the id that
// reads back to it, and revocation by staff with a reason (CertificateMachine: issued -> revoked).
#include <set>

#include "domain/uhs/certificate.h"
#include "tests/support/machine_spec.h"
#include "tests/unit/uhs_test_fixtures.h"

namespace edu::uhs {

using namespace fixtures;

namespace {

const Uuid kOtherCourse = *ParseUuid("44444444-4444-4444-8444-999999999999");
const Timestamp kCompleted = kNow - Days(2);
const Uuid kCertificate = CertificateIdFor(kEnrollment, CertificateKind::completion);

Actor Instructor() { return AsUser(kInstructor, "instructor"); }

IssueCertificate Issue(CertificateKind kind = CertificateKind::completion) {
  IssueCertificate c;
  c.enrollment_id = kEnrollment;
  c.course_id = kCourse;
  c.kind = kind;
  c.student_name = " Amani Kamau ";
  c.grade = "EE";
  c.completion_date = kCompleted;
  return c;
}

CertificateIssued Issued(CertificateKind kind = CertificateKind::completion,
                         const std::string& issued_by = ToString(kInstructor)) {
  CertificateIssued e;
  e.certificate_id = CertificateIdFor(kEnrollment, kind);
  e.serial_number = SerialNumberFor(e.certificate_id, 2026);
  e.kind = kind;
  e.enrollment_id = kEnrollment;
  e.student_id = kStudentUser;
  e.enrollment_student_id = kStudent;
  e.student_name = std::string("Amani Kamau");
  e.course_id = kCourse;
  e.course_name = "Grade 7 Mathematics";
  e.grade = "EE";
  e.completion_date = kCompleted;
  e.issued_by = issued_by;
  return e;
}

// A certificate spec whose enrollment is completed (or only active) and whose course exists.
Spec<CertificateDecider> CertificateSpec(const Actor& actor, bool completed = true) {
  std::vector<EnrollmentDecider::Event> enrollment = {Started(0)};
  if (completed) enrollment.push_back(EnrollmentCompleted{kEnrollment, kCourse});
  Spec<CertificateDecider> spec;
  spec.at(kNow)
      .as(actor)
      .given_stream<EnrollmentDecider>(EnrollmentStream(kEnrollment), enrollment)
      .given_stream<CourseDecider>(CourseStream(kCourse), {Created(0)});
  return spec;
}

}  // namespace

using S = CertificateStatus;
using T = CertificateTrigger;

TEST_SUITE("uhs certificates") {
  TEST_CASE("the course's instructor issues a certificate for a completed enrollment") {
    CertificateSpec(Instructor()).when(Issue()).then({Issued()});
    // Staff too; the issuer is recorded.
    CertificateSpec(Admin()).when(Issue()).then({Issued(CertificateKind::completion, Admin().id)});
    // The other kind sits beside it, under its own id and serial.
    CertificateSpec(Instructor())
        .when(Issue(CertificateKind::distinction))
        .then({Issued(CertificateKind::distinction)});
  }

  TEST_CASE("a certificate for an incomplete enrollment is refused") {
    CertificateSpec(Instructor(), false)
        .when(Issue())
        .then_error("enrollment_not_completed", ErrorKind::kConflict);
  }

  TEST_CASE("a second certificate of the same kind is refused, whoever asks") {
    CertificateSpec(Instructor())
        .given({Issued()})
        .when(Issue())
        .then_error("certificate_already_exists", ErrorKind::kConflict);
    CertificateSpec(Admin())
        .given({Issued()})
        .when(Issue())
        .then_error("certificate_already_exists", ErrorKind::kConflict);
    // Same stream by construction: the kind and the enrollment name it.
    CHECK(Issue().stream_id() == CertificateStream(kCertificate));
    CHECK(Issue(CertificateKind::distinction).stream_id() != Issue().stream_id());
  }

  TEST_CASE(
      "only the course's instructor or staff issue; a student or another instructor may not") {
    CertificateSpec(AsUser(kStudentUser, "student"))
        .when(Issue())
        .then_error("not_own_course", ErrorKind::kForbidden);
    CertificateSpec(AsUser(kPartner, "instructor"))
        .when(Issue())
        .then_error("not_own_course", ErrorKind::kForbidden);
  }

  TEST_CASE("unknown enrollment, another course, empty name, a completion date in the future") {
    Spec<CertificateDecider>()
        .at(kNow)
        .given_stream<EnrollmentDecider>(EnrollmentStream(kEnrollment), {})
        .given_stream<CourseDecider>(CourseStream(kCourse), {Created(0)})
        .when(Issue())
        .then_error("enrollment_not_found", ErrorKind::kNotFound);
    IssueCertificate other = Issue();
    other.course_id = kOtherCourse;
    Spec<CertificateDecider>()
        .at(kNow)
        .given_stream<EnrollmentDecider>(EnrollmentStream(kEnrollment),
                                         {Started(0), EnrollmentCompleted{kEnrollment, kCourse}})
        .given_stream<CourseDecider>(CourseStream(kOtherCourse), {})
        .when(other)
        .then_error("enrollment_mismatch");
    IssueCertificate unnamed = Issue();
    unnamed.student_name = "  ";
    CertificateSpec(Instructor()).when(unnamed).then_error("name_required");
    IssueCertificate future = Issue();
    future.completion_date = kNow + Hours(1);
    CertificateSpec(Instructor()).when(future).then_error("invalid_completion_date");
    // At the time of issue is fine.
    IssueCertificate today = Issue();
    today.completion_date = kNow;
    CertificateIssued issued = Issued();
    issued.completion_date = kNow;
    CertificateSpec(Instructor()).when(today).then({issued});
  }

  TEST_CASE("an empty grade is no grade") {
    IssueCertificate c = Issue();
    c.grade = " ";
    CertificateIssued e = Issued();
    e.grade = std::nullopt;
    CertificateSpec(Instructor()).when(c).then({e});
  }

  TEST_CASE("staff revoke a certificate with a reason, once") {
    CertificateRevoked revoked{kCertificate, Issued().serial_number, CertificateKind::completion,
                               kEnrollment,  ToString(kInstructor),  "Issued in error",
                               Admin().id};
    Spec<CertificateDecider>()
        .at(kNow)
        .given({Issued()})
        .when(RevokeCertificate{kCertificate, " Issued in error "})
        .then({revoked});
    Spec<CertificateDecider>()
        .at(kNow)
        .given({Issued(), revoked})
        .when(RevokeCertificate{kCertificate, "again"})
        .then_error("certificate_already_revoked", ErrorKind::kConflict);
    Spec<CertificateDecider>()
        .given({Issued()})
        .when(RevokeCertificate{kCertificate, "  "})
        .then_error("reason_required");
    Spec<CertificateDecider>()
        .as(Instructor())
        .given({Issued()})
        .when(RevokeCertificate{kCertificate, "mine"})
        .then_error("staff_only", ErrorKind::kForbidden);
    Spec<CertificateDecider>()
        .when(RevokeCertificate{kCertificate, "unknown"})
        .then_error("certificate_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("a serial number reads back to its certificate; serials of different ids differ") {
    const std::string serial = SerialNumberFor(kCertificate, 2026);
    CHECK(serial.size() == 35);
    CHECK(serial.rfind("UHS-2026-", 0) == 0);
    CHECK(serial.find_first_of("ILOU", 9) == std::string::npos);
    CHECK(CertificateIdFromSerial(serial) == kCertificate);
    std::string lower;
    for (char ch : serial) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(CertificateIdFromSerial(" " + lower + " ") == kCertificate);
    std::set<std::string> serials;
    for (int i = 0; i < 500; ++i) {
      const Uuid enrollment = DeriveUuid(kEnrollment, std::to_string(i));
      for (CertificateKind kind : {CertificateKind::completion, CertificateKind::distinction}) {
        const Uuid id = CertificateIdFor(enrollment, kind);
        const std::string s = SerialNumberFor(id, 2026);
        CHECK(CertificateIdFromSerial(s) == id);
        serials.insert(s);
      }
    }
    CHECK(serials.size() == 1000);
    // Not serials: a wrong prefix, a short body, a letter outside the alphabet, padding bits set.
    CHECK_FALSE(CertificateIdFromSerial("ABC-2026-" + serial.substr(9)));
    CHECK_FALSE(CertificateIdFromSerial(serial.substr(0, 34)));
    CHECK_FALSE(CertificateIdFromSerial(serial.substr(0, 34) + "U"));
    CHECK_FALSE(CertificateIdFromSerial("UHS-2026-Z" + serial.substr(10)));
    CHECK_FALSE(CertificateIdFromSerial("UHS-20X6-" + serial.substr(9)));
  }

  // Rows written from the brief (issue 14), not from the machine.
  TEST_CASE("certificate lifecycle: issued -> revoked, final") {
    const testing::ExpectedTable<S, T> lifecycle = {{S::issued, T::revoke, S::revoked}};
    testing::CheckMachine<CertificateMachine, S, T>(S::issued, lifecycle);
  }
}

}  // namespace edu::uhs
