// Specifications of PeerLoop certificates (issue 14; seed 001 certificates, CD-011 the dual
// certificate system: completion, mastery, teaching; CD-012 issued by the course's creator,
// recommended by the student-teacher): only for completed enrollments of courses that award
// certificates, one of each type per enrollment, a teaching certificate only for a certified
// student-teacher; a recommendation is issued or declined by the creator.
#include "tests/support/machine_spec.h"
#include "tests/unit/peerloop_learning_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;

const Uuid kCertificate = Id("c0000000-0000-4000-8000-0000000000a0");
const Uuid kCertificate2 = Id("c0000000-0000-4000-8000-0000000000a1");
const Uuid kCertificate3 = Id("c0000000-0000-4000-8000-0000000000a2");
const std::string kCertificates = CertificatesStream(kEnrollment);

void OfferCertificates(World& w) {
  EditCourse offer;
  offer.course_id = kCourse;
  offer.has_certificate = true;
  w.Run<CourseDecider>(offer, Creator());
}

IssueCertificate Issue(const Uuid& id, CertificateType type) {
  IssueCertificate c;
  c.certificate_id = id;
  c.enrollment_id = kEnrollment;
  c.user_id = kStudent;
  c.course_id = kCourse;
  c.type = type;
  return c;
}

RecommendCertificate Recommend(const Uuid& id, CertificateType type) {
  return RecommendCertificate{id, kEnrollment, kStudent, kCourse, type};
}

CertificateIssued Issued(const Uuid& id, CertificateType type, const Uuid& by,
                         std::optional<Uuid> recommended_by = std::nullopt,
                         std::optional<std::string> url = std::nullopt) {
  CertificateIssued e;
  e.certificate_id = id;
  e.enrollment_id = kEnrollment;
  e.user_id = kStudent;
  e.course_id = kCourse;
  e.type = type;
  e.issued_by = by;
  e.recommended_by = recommended_by;
  e.certificate_url = std::move(url);
  e.issued_at = kNow;
  return e;
}

}  // namespace

TEST_SUITE("peerloop certificates") {
  TEST_CASE("certificate machine: recommended -> issued or declined, both final") {
    using S = CertificateStatus;
    using T = CertificateTrigger;
    const edu::testing::ExpectedTable<S, T> lifecycle = {
        {S::recommended, T::issue, S::issued},
        {S::recommended, T::decline, S::declined},
    };
    edu::testing::CheckMachine<CertificateMachine, S, T>(S::recommended, lifecycle);
  }

  TEST_CASE("the creator issues a completion certificate for a completed enrollment, once") {
    World w;
    Learning l(w);
    l.Completed();
    OfferCertificates(w);
    IssueCertificate issue = Issue(kCertificate, CertificateType::completion);
    issue.certificate_url = "https://peerloop.example/certificates/a0.pdf";
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(issue)
        .then({Issued(kCertificate, CertificateType::completion, kCreator, std::nullopt,
                      "https://peerloop.example/certificates/a0.pdf")});
    l.Run<CertificateDecider>(issue, Creator());
    // A second certificate of the same kind, under any id.
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(Issue(kCertificate2, CertificateType::completion))
        .then_error("certificate_already_exists", ErrorKind::kConflict);
    l.Given<CertificateDecider>(kCertificates)
        .as(Admin())
        .when(Issue(kCertificate, CertificateType::completion))
        .then_error("illegal_transition", ErrorKind::kConflict);
    // Another kind is free; the issued id is not.
    l.Given<CertificateDecider>(kCertificates)
        .as(Admin())
        .when(Issue(kCertificate2, CertificateType::mastery))
        .then({Issued(kCertificate2, CertificateType::mastery, kAdmin)});
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(Issue(kCertificate, CertificateType::mastery))
        .then_error("illegal_transition");
  }

  TEST_CASE("no certificate for an incomplete enrollment or a course that awards none") {
    World w;
    w.Paid();
    Learning l(w);
    OfferCertificates(w);
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(Issue(kCertificate, CertificateType::completion))
        .then_error("enrollment_not_completed", ErrorKind::kConflict);
    l.Given<CertificateDecider>(kCertificates)
        .as(Teacher())
        .when(Recommend(kCertificate, CertificateType::mastery))
        .then_error("enrollment_not_completed", ErrorKind::kConflict);
    w.Run<EnrollmentDecider>(StartEnrollment{kEnrollment}, System());
    w.Run<EnrollmentDecider>(CompleteEnrollment{kEnrollment}, Teacher());
    EditCourse withdraw;
    withdraw.course_id = kCourse;
    withdraw.has_certificate = false;
    w.Run<CourseDecider>(withdraw, Creator());
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(Issue(kCertificate, CertificateType::completion))
        .then_error("certificate_not_offered", ErrorKind::kInvalid);
  }

  TEST_CASE("issuing refused: not the creator, another user's or course's enrollment, unknown") {
    World w;
    Learning l(w);
    l.Completed();
    OfferCertificates(w);
    for (const Actor& actor : {Student(), Teacher()}) {
      l.Given<CertificateDecider>(kCertificates)
          .as(actor)
          .when(Issue(kCertificate, CertificateType::completion))
          .then_error("not_course_creator", ErrorKind::kForbidden);
    }
    IssueCertificate other = Issue(kCertificate, CertificateType::completion);
    other.user_id = kStudent2;
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(other)
        .then_error("enrollment_mismatch", ErrorKind::kInvalid);
    IssueCertificate unknown = Issue(kCertificate, CertificateType::completion);
    unknown.enrollment_id = kTransaction;
    l.Given<CertificateDecider>(CertificatesStream(kTransaction))
        .as(Creator())
        .when(unknown)
        .then_error("enrollment_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("a teaching certificate only for a certified student-teacher of the course") {
    World w;
    Learning l(w);
    l.Completed();
    OfferCertificates(w);
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(Issue(kCertificate, CertificateType::teaching))
        .then_error("not_certified_to_teach", ErrorKind::kInvalid);
    w.Run<UserDecider>(CertifyStudentTeacher{kStudent, kCourse}, Creator());
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(Issue(kCertificate, CertificateType::teaching))
        .then({Issued(kCertificate, CertificateType::teaching, kCreator)});
  }

  TEST_CASE("the student-teacher recommends; the creator issues the recommendation as is") {
    World w;
    Learning l(w);
    l.Completed();
    OfferCertificates(w);
    l.Given<CertificateDecider>(kCertificates)
        .as(Teacher())
        .when(Recommend(kCertificate, CertificateType::mastery))
        .then({CertificateRecommended{kCertificate, kEnrollment, kStudent, kCourse,
                                      CertificateType::mastery, kTeacher, kNow}});
    l.Run<CertificateDecider>(Recommend(kCertificate, CertificateType::mastery), Teacher());
    // Only the enrollment's own student-teacher recommends; a type once.
    l.Given<CertificateDecider>(kCertificates)
        .as(Teacher(kTeacher2))
        .when(Recommend(kCertificate2, CertificateType::completion))
        .then_error("not_enrollment_teacher", ErrorKind::kForbidden);
    l.Given<CertificateDecider>(kCertificates)
        .as(Teacher())
        .when(Recommend(kCertificate2, CertificateType::mastery))
        .then_error("certificate_already_exists", ErrorKind::kConflict);
    l.Given<CertificateDecider>(kCertificates)
        .as(Teacher())
        .when(Recommend(kCertificate, CertificateType::completion))
        .then_error("certificate_id_taken", ErrorKind::kConflict);
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(Issue(kCertificate, CertificateType::completion))
        .then_error("certificate_id_taken", ErrorKind::kConflict);
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(Issue(kCertificate2, CertificateType::mastery))
        .then_error("certificate_already_exists");
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(Issue(kCertificate, CertificateType::mastery))
        .then({Issued(kCertificate, CertificateType::mastery, kCreator, kTeacher)});
  }

  TEST_CASE("the creator declines a recommendation with a reason; the type is free again") {
    World w;
    Learning l(w);
    l.Completed();
    OfferCertificates(w);
    l.Run<CertificateDecider>(Recommend(kCertificate, CertificateType::mastery), Teacher());
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(DeclineCertificate{kCertificate, kEnrollment, kCourse, " "})
        .then_error("reason_required", ErrorKind::kInvalid);
    l.Given<CertificateDecider>(kCertificates)
        .as(Student())
        .when(DeclineCertificate{kCertificate, kEnrollment, kCourse, "not yet"})
        .then_error("not_course_creator", ErrorKind::kForbidden);
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(DeclineCertificate{kCertificate3, kEnrollment, kCourse, "not yet"})
        .then_error("certificate_not_found", ErrorKind::kNotFound);
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(DeclineCertificate{kCertificate, kEnrollment, kCourse, "not yet"})
        .then({CertificateDeclined{kCertificate, kEnrollment, kCreator, "not yet", kNow}});
    l.Run<CertificateDecider>(DeclineCertificate{kCertificate, kEnrollment, kCourse, "not yet"},
                              Creator());
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(Issue(kCertificate, CertificateType::mastery))
        .then_error("illegal_transition", ErrorKind::kConflict);
    l.Given<CertificateDecider>(kCertificates)
        .as(Creator())
        .when(DeclineCertificate{kCertificate, kEnrollment, kCourse, "again"})
        .then_error("illegal_transition");
    l.Given<CertificateDecider>(kCertificates)
        .as(Teacher())
        .when(Recommend(kCertificate2, CertificateType::mastery))
        .then({CertificateRecommended{kCertificate2, kEnrollment, kStudent, kCourse,
                                      CertificateType::mastery, kTeacher, kNow}});
  }
}

}  // namespace edu::peerloop
