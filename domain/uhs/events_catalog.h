// Urban Home School catalog events (issue 14): certificates issued and revoked, categories, and a
// course's page (category, featuring, syllabus, competencies, reviews). They carry what the read
// tables need (names on a certificate, the course's review aggregate after each review), so the
// projection looks nothing up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/field_limits.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"

namespace edu::uhs {

// What a certificate attests (kept in certificates.metadata.kind): completing the course, or
// completing it with distinction. One of each per enrollment.
EDU_ENUM(CertificateKind, completion, distinction)

// One unit of a course's syllabus (courses.syllabus.units).
struct SyllabusUnit {
  std::string title;
  std::vector<std::string> topics;
  EDU_FIELDS(title, topics)
  EDU_LIMITS(limit::VarChar("title", 200), limit::VarChar("topics", 200).Items(50))
};

// ---- certificates ------------------------------------------------------------------------------

struct CertificateIssued {
  static constexpr const char* kType = "CertificateIssued";
  static constexpr int kSchemaVersion = 1;
  Uuid certificate_id;
  std::string serial_number;
  CertificateKind kind = CertificateKind::completion;
  Uuid enrollment_id;
  Uuid student_id;  // the student's user account (certificates.student_id references users)
  // The enrollment's student (enrollments.student_id): the certificate's row in enrollments may be
  // written before the enrollment's own, as events of two streams (projections/row_ops.h).
  Uuid enrollment_student_id;
  Personal<std::string> student_name;  // as printed; the student's personal data
  Uuid course_id;
  std::string course_name;
  std::optional<std::string> grade;
  Timestamp completion_date;
  std::string issued_by;  // the actor id
  EDU_FIELDS(certificate_id, serial_number, kind, enrollment_id, student_id, enrollment_student_id,
             student_name, course_id, course_name, grade, completion_date, issued_by)
  Uuid DataSubject() const { return student_id; }
};

struct CertificateRevoked {
  static constexpr const char* kType = "CertificateRevoked";
  static constexpr int kSchemaVersion = 1;
  Uuid certificate_id;
  std::string serial_number;
  CertificateKind kind = CertificateKind::completion;
  Uuid enrollment_id;
  std::string issued_by;
  std::string reason;  // trimmed, non-empty
  std::string revoked_by;
  EDU_FIELDS(certificate_id, serial_number, kind, enrollment_id, issued_by, reason, revoked_by)
};

// ---- categories --------------------------------------------------------------------------------

struct CategoryCreated {
  static constexpr const char* kType = "CategoryCreated";
  static constexpr int kSchemaVersion = 1;
  Uuid category_id;
  std::string slug;  // lower case
  std::string name;  // trimmed
  std::optional<std::string> description;
  std::optional<std::string> icon;
  std::optional<std::string> image_url;
  std::optional<Uuid> parent_id;
  std::vector<Uuid> ancestors;  // parent first, up to the root
  int32_t display_order = 0;
  EDU_FIELDS(category_id, slug, name, description, icon, image_url, parent_id, ancestors,
             display_order)
};

struct CategoryActivityChanged {
  static constexpr const char* kType = "CategoryActivityChanged";
  static constexpr int kSchemaVersion = 1;
  Uuid category_id;
  bool is_active = true;
  EDU_FIELDS(category_id, is_active)
};

// course_count_after: the courses listed in the category after the change.
struct CourseAddedToCategory {
  static constexpr const char* kType = "CourseAddedToCategory";
  static constexpr int kSchemaVersion = 1;
  Uuid category_id;
  Uuid course_id;
  int32_t course_count_after = 0;
  EDU_FIELDS(category_id, course_id, course_count_after)
};

struct CourseRemovedFromCategory {
  static constexpr const char* kType = "CourseRemovedFromCategory";
  static constexpr int kSchemaVersion = 1;
  Uuid category_id;
  Uuid course_id;
  int32_t course_count_after = 0;
  EDU_FIELDS(category_id, course_id, course_count_after)
};

// ---- course page -------------------------------------------------------------------------------

struct CourseFeatured {
  static constexpr const char* kType = "CourseFeatured";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  bool featured = true;
  EDU_FIELDS(course_id, featured)
};

struct CourseSyllabusSet {
  static constexpr const char* kType = "CourseSyllabusSet";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  std::string overview;
  std::vector<SyllabusUnit> units;  // titles and topics trimmed
  EDU_FIELDS(course_id, overview, units)
};

struct CourseCompetenciesSet {
  static constexpr const char* kType = "CourseCompetenciesSet";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  std::vector<std::string> competencies;  // trimmed, distinct ignoring case
  EDU_FIELDS(course_id, competencies)
};

// The course's aggregate after the review: total_reviews_after reviews summing rating_sum_after;
// average_rating_hundredths = rating_sum_after * 100 / total_reviews_after, rounded half up.
struct CourseReviewed {
  static constexpr const char* kType = "CourseReviewed";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  Uuid enrollment_id;
  Uuid student_id;             // the reviewing student's user account
  Uuid enrollment_student_id;  // the enrollment's student (enrollments.student_id)
  int32_t rating = 0;
  std::optional<std::string> review;
  int32_t total_reviews_after = 0;
  int64_t rating_sum_after = 0;
  int64_t average_rating_hundredths = 0;
  EDU_FIELDS(course_id, enrollment_id, student_id, enrollment_student_id, rating, review,
             total_reviews_after, rating_sum_after, average_rating_hundredths)
};

}  // namespace edu::uhs
