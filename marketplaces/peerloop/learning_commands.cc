// PeerLoop's course pages, course edits, module progress and certificates (issue 14): who may
// send each command. The deciders check ownership: the course's creator (or an admin) for the
// course and its pages, the enrollment's student for ratings and progress, the enrollment's
// student-teacher for recommendations. Called from RegisterPeerloop.
#include <string>
#include <vector>

#include "commands/registry.h"
#include "domain/peerloop/certificate.h"
#include "domain/peerloop/course.h"
#include "domain/peerloop/course_pages.h"
#include "domain/peerloop/progress.h"

namespace edu {

void RegisterPeerloopLearning(Registry* r) {
  using namespace peerloop;
  const std::vector<std::string> kOwners = {"creator", "admin"};
  // A certified student may still carry the student role: the deciders check who they are.
  const std::vector<std::string> kLearners = {"student", "student_teacher", "creator", "admin"};
  r->AddCommand<CourseDecider, EditCourse>(
      kOwners, "Edit a course's page text and certificate offer (its creator or an admin)");
  r->AddCommand<CourseDecider, SetCourseActive>(
      kOwners, "Open or close a course for enrollment (courses.is_active)");
  r->AddCommand<CourseDecider, RetireCourse>(
      kOwners, "Retire a course for good: no enrollments, no page changes (courses.is_retired)");
  r->AddCommand<CoursePageDecider, AddCourseModule>(
      kOwners, "Add a curriculum module, with its video and document links");
  r->AddCommand<CoursePageDecider, EditCourseModule>(kOwners,
                                                     "Rewrite a curriculum module (every field)");
  r->AddCommand<CoursePageDecider, AddCoursePageItem>(
      kOwners, "Add an objective, included item, tiered prerequisite or target audience line");
  r->AddCommand<CoursePageDecider, RemoveCoursePageItem>(kOwners,
                                                         "Remove a line of a course page list");
  r->AddCommand<CoursePageDecider, ReviewCourse>(
      kLearners,
      "Rate a completed course 1..5, once per enrollment, with an optional testimonial quote");
  r->AddCommand<CoursePageDecider, FeatureTestimonial>(
      kOwners, "Show (or stop showing) a testimonial on the course page");
  r->AddCommand<ModuleProgressDecider, MarkModuleProgress>(
      kLearners, "Tick or untick a curriculum module of one's own enrollment");
  r->AddCommand<CertificateDecider, RecommendCertificate>(
      kLearners, "Recommend one's completed student for a certificate (the student-teacher)");
  r->AddCommand<CertificateDecider, IssueCertificate>(
      kOwners, "Issue a completion, mastery or teaching certificate for a completed enrollment");
  r->AddCommand<CertificateDecider, DeclineCertificate>(
      kOwners, "Decline a student-teacher's certificate recommendation, with a reason");
}

}  // namespace edu
