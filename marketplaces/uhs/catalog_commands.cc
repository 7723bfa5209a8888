// Urban Home School catalog commands (issue 14): certificates, categories and course pages, and
// who may issue them (finer checks, such as "the course's instructor", live in the deciders).
#include "commands/registry.h"
#include "domain/uhs/catalog.h"
#include "domain/uhs/certificate.h"

namespace edu {

void RegisterUhsCatalog(Registry* r) {
  using namespace uhs;
  const std::vector<std::string> kStaff = {"admin", "staff"};
  const std::vector<std::string> kEditors = {"instructor", "admin", "staff"};
  r->AddCommand<CertificateDecider, IssueCertificate>(
      kEditors,
      "Issue a certificate for a completed enrollment, one per kind (the course's instructor, "
      "admins, staff); its serial number is derived from its id");
  r->AddCommand<CertificateDecider, RevokeCertificate>(
      kStaff, "Revoke a certificate with a reason (admins, staff); final");
  r->AddCommand<CategoryDecider, CreateCategory>(
      kStaff, "Create a category under a unique slug, optionally inside an active parent");
  r->AddCommand<CategoryDecider, SetCategoryActive>(kStaff, "Show or hide a category");
  r->AddCommand<CategoryDecider, AddCourseToCategory>(
      kEditors, "List a course in an active category (the course's instructor, admins, staff)");
  r->AddCommand<CategoryDecider, RemoveCourseFromCategory>(
      kEditors, "Take a course out of a category (the course's instructor, admins, staff)");
  r->AddCommand<CourseCatalogDecider, FeatureCourse>(
      kStaff, "Feature a course on the homepage, or take it off (admins, staff)");
  r->AddCommand<CourseCatalogDecider, SetCourseSyllabus>(
      kEditors, "Replace a course's syllabus: an overview and units with topics");
  r->AddCommand<CourseCatalogDecider, SetCourseCompetencies>(
      kEditors, "Replace the CBC competencies a course covers");
  r->AddCommand<CourseCatalogDecider, ReviewCourse>(
      {"student", "parent"},
      "Rate a course 1..5 with an optional review, once per active or completed enrollment");
}

}  // namespace edu
