// Urban Home School catalog commands (issue 14): certificates (issued for a completed enrollment,
// one per kind, revoked with a reason), nested categories, and the course page edits kept beside
// the course (its category, featuring, syllabus, competencies) with the students' reviews.
// The acting user is the authenticated actor; time arrives in the DecisionContext.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/field_limits.h"
#include "domain/core/stream.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/uhs/events_catalog.h"
#include "domain/uhs/types.h"

namespace edu::uhs {

inline constexpr const char* kCertificateCategory = "uhs.certificate";
inline constexpr const char* kCategoryCategory = "uhs.category";
inline constexpr const char* kCourseCatalogCategory = "uhs.course_catalog";

// certificates.id of an enrollment's certificate of one kind: derived, so "one certificate per
// kind per enrollment" holds by construction (a second issue lands on the same stream).
Uuid CertificateIdFor(const Uuid& enrollment_id, CertificateKind kind);
// The public verification number: "UHS-<year issued>-" and the 128 bits of the certificate id in
// Crockford base32 (26 characters), so two certificates never share one (ids differ) and the id
// is read back from the number (CertificateIdFromSerial).
std::string SerialNumberFor(const Uuid& certificate_id, int year_issued);
// The certificate id a serial number names; nullopt when it is not one (case and blanks ignored).
std::optional<Uuid> CertificateIdFromSerial(const std::string& serial_number);
// categories.id of a slug (slugs are unique: derived ids make them so by construction).
Uuid CategoryIdFor(const std::string& slug);

inline std::string CertificateStream(const Uuid& certificate_id) {
  return StreamId(kCertificateCategory, certificate_id);
}
inline std::string CategoryStream(const Uuid& category_id) {
  return StreamId(kCategoryCategory, category_id);
}
// A course's catalog page: its category, featuring, syllabus, competencies and its reviews (so
// "one review per enrollment" and the average are decided on one version).
inline std::string CourseCatalogStream(const Uuid& course_id) {
  return StreamId(kCourseCatalogCategory, course_id);
}

// ---- certificates ------------------------------------------------------------------------------

// By the course's instructor, an admin or staff, for a completed enrollment of that course.
// student_name is the name as printed; completion_date is when the student completed the course
// (enrollments.completed_at), not after now.
struct IssueCertificate {
  static constexpr const char* kType = "IssueCertificate";
  Uuid enrollment_id;
  Uuid course_id;
  CertificateKind kind = CertificateKind::completion;
  std::string student_name;
  std::optional<std::string> grade;
  Timestamp completion_date;
  EDU_FIELDS(enrollment_id, course_id, kind, student_name, grade, completion_date)
  EDU_LIMITS(limit::VarChar("student_name", 200), limit::VarChar("grade", 10))
  std::string stream_id() const { return CertificateStream(CertificateIdFor(enrollment_id, kind)); }
  std::vector<std::string> references() const {
    return {EnrollmentStream(enrollment_id), CourseStream(course_id)};
  }
};

// By an admin or staff; final.
struct RevokeCertificate {
  static constexpr const char* kType = "RevokeCertificate";
  Uuid certificate_id;
  std::string reason;
  EDU_FIELDS(certificate_id, reason)
  EDU_LIMITS(limit::VarChar("reason", 500))
  std::string stream_id() const { return CertificateStream(certificate_id); }
};

// ---- categories --------------------------------------------------------------------------------

// By an admin or staff. The id is derived from the slug; parent_id names an existing category.
struct CreateCategory {
  static constexpr const char* kType = "CreateCategory";
  std::string slug;
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> icon;
  std::optional<std::string> image_url;
  std::optional<Uuid> parent_id;
  int32_t display_order = 0;
  EDU_FIELDS(slug, name, description, icon, image_url, parent_id, display_order)
  EDU_LIMITS(limit::VarChar("slug", 100), limit::VarChar("name", 100), limit::Text("description"),
             limit::VarChar("icon", 100), limit::VarChar("image_url", 500),
             limit::Range("display_order", 0, 1'000'000))
  std::string stream_id() const { return CategoryStream(CategoryIdFor(slug)); }
  std::vector<std::string> references() const {
    if (!parent_id) return {};
    return {CategoryStream(*parent_id)};
  }
};

// By an admin or staff: shows or hides a category (is_active).
struct SetCategoryActive {
  static constexpr const char* kType = "SetCategoryActive";
  Uuid category_id;
  bool is_active = true;
  EDU_FIELDS(category_id, is_active)
  std::string stream_id() const { return CategoryStream(category_id); }
};

// Lists a course in an active category (a course may be listed in several). Decided on the
// category's stream, so its course_count is kept in order with its other events. By the course's
// instructor, an admin or staff.
struct AddCourseToCategory {
  static constexpr const char* kType = "AddCourseToCategory";
  Uuid category_id;
  Uuid course_id;
  EDU_FIELDS(category_id, course_id)
  std::string stream_id() const { return CategoryStream(category_id); }
  std::vector<std::string> references() const { return {CourseStream(course_id)}; }
};

// Takes a course out of a category. By the course's instructor, an admin or staff.
struct RemoveCourseFromCategory {
  static constexpr const char* kType = "RemoveCourseFromCategory";
  Uuid category_id;
  Uuid course_id;
  EDU_FIELDS(category_id, course_id)
  std::string stream_id() const { return CategoryStream(category_id); }
  std::vector<std::string> references() const { return {CourseStream(course_id)}; }
};

// ---- course page -------------------------------------------------------------------------------

// Features a course on the homepage or takes it off. Admins and staff only (homepage curation).
struct FeatureCourse {
  static constexpr const char* kType = "FeatureCourse";
  Uuid course_id;
  bool featured = true;
  EDU_FIELDS(course_id, featured)
  std::string stream_id() const { return CourseCatalogStream(course_id); }
  std::vector<std::string> references() const { return {CourseStream(course_id)}; }
};

// Replaces the structured syllabus. By the course's instructor, an admin or staff.
struct SetCourseSyllabus {
  static constexpr const char* kType = "SetCourseSyllabus";
  Uuid course_id;
  std::string overview;
  std::vector<SyllabusUnit> units;
  EDU_FIELDS(course_id, overview, units)
  EDU_LIMITS(limit::Text("overview"), limit::Items("units", 100))
  std::string stream_id() const { return CourseCatalogStream(course_id); }
  std::vector<std::string> references() const { return {CourseStream(course_id)}; }
};

// Replaces the CBC competencies the course covers. By its instructor, an admin or staff.
struct SetCourseCompetencies {
  static constexpr const char* kType = "SetCourseCompetencies";
  Uuid course_id;
  std::vector<std::string> competencies;
  EDU_FIELDS(course_id, competencies)
  EDU_LIMITS(limit::VarChar("competencies", 100).Items(20))
  std::string stream_id() const { return CourseCatalogStream(course_id); }
  std::vector<std::string> references() const { return {CourseStream(course_id)}; }
};

// The enrolled student rates the course 1..5 with an optional text, once per enrollment, while
// the enrollment is active or completed.
struct ReviewCourse {
  static constexpr const char* kType = "ReviewCourse";
  Uuid course_id;
  Uuid enrollment_id;
  int32_t rating = 0;
  std::optional<std::string> review;
  EDU_FIELDS(course_id, enrollment_id, rating, review)
  EDU_LIMITS(limit::VarChar("review", 1000))
  std::string stream_id() const { return CourseCatalogStream(course_id); }
  std::vector<std::string> references() const {
    return {CourseStream(course_id), EnrollmentStream(enrollment_id)};
  }
};

}  // namespace edu::uhs
