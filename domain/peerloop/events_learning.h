// PeerLoop events of course pages, course edits, module progress and certificates (seed 001:
// CD-011, CD-019, CD-021, CD-022, CD-025, US-C004). Course edits, activation and retirement
// belong to the course's stream; the pages to peerloop.course_page-<course>; progress to
// peerloop.module_progress-<enrollment>; certificates to peerloop.certificates-<enrollment>.
#pragma once

#include <optional>
#include <string>

#include "domain/core/describe.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/peerloop/learning_types.h"

namespace edu::peerloop {

// ---- the course itself (courses) ----

// The creator changed the course's page text (only the fields present changed; updated_at).
struct CourseEdited {
  static constexpr const char* kType = "CourseEdited";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  std::optional<std::string> title;
  std::optional<std::string> tagline;
  std::optional<std::string> description;
  std::optional<std::string> duration;
  std::optional<std::string> format;
  std::optional<std::string> thumbnail_url;
  std::optional<bool> has_certificate;
  std::optional<std::string> certificate_name;
  Uuid edited_by;
  Timestamp edited_at;
  EDU_FIELDS(course_id, title, tagline, description, duration, format, thumbnail_url,
             has_certificate, certificate_name, edited_by, edited_at)
};

// Opened for (is_active true) or closed to (false) enrollment (courses.is_active, CD-004).
struct CourseActivationChanged {
  static constexpr const char* kType = "CourseActivationChanged";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  bool is_active = false;
  Uuid changed_by;
  Timestamp changed_at;
  EDU_FIELDS(course_id, is_active, changed_by, changed_at)
};

// Retired by its creator (US-C004): closed to enrollment for good (is_retired, is_active false).
struct CourseRetired {
  static constexpr const char* kType = "CourseRetired";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  Uuid retired_by;
  Timestamp retired_at;
  EDU_FIELDS(course_id, retired_by, retired_at)
};

// ---- course pages ----

// A curriculum module (course_curriculum), grouping live sessions (session_number), with its
// external video and document links (CD-019). CourseModuleEdited replaces every field.
struct CourseModuleAdded {
  static constexpr const char* kType = "CourseModuleAdded";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  Uuid module_id;
  std::optional<int32_t> session_number;
  std::string title;
  std::string description;
  std::string duration;
  std::optional<std::string> learning_objectives;
  std::optional<std::string> topics_covered;
  std::optional<std::string> hands_on_exercise;
  std::optional<int32_t> video_count;
  std::optional<int32_t> reading_count;
  std::optional<bool> has_assessment;
  int32_t module_order = 1;
  std::optional<std::string> video_url;
  std::optional<std::string> document_url;
  EDU_FIELDS(course_id, module_id, session_number, title, description, duration,
             learning_objectives, topics_covered, hands_on_exercise, video_count, reading_count,
             has_assessment, module_order, video_url, document_url)
};

struct CourseModuleEdited {
  static constexpr const char* kType = "CourseModuleEdited";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  Uuid module_id;
  std::optional<int32_t> session_number;
  std::string title;
  std::string description;
  std::string duration;
  std::optional<std::string> learning_objectives;
  std::optional<std::string> topics_covered;
  std::optional<std::string> hands_on_exercise;
  std::optional<int32_t> video_count;
  std::optional<int32_t> reading_count;
  std::optional<bool> has_assessment;
  int32_t module_order = 1;
  std::optional<std::string> video_url;
  std::optional<std::string> document_url;
  EDU_FIELDS(course_id, module_id, session_number, title, description, duration,
             learning_objectives, topics_covered, hands_on_exercise, video_count, reading_count,
             has_assessment, module_order, video_url, document_url)
};

// A line of a course page list: an objective, an included item, a prerequisite (with its tier)
// or a target audience; text trimmed; display_order within the section (within the tier for
// prerequisites).
struct CoursePageItemAdded {
  static constexpr const char* kType = "CoursePageItemAdded";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  Uuid item_id;
  CoursePageSection section = CoursePageSection::objective;
  std::string text;
  std::optional<PrerequisiteType> prerequisite_type;  // prerequisites only
  int32_t display_order = 1;
  EDU_FIELDS(course_id, item_id, section, text, prerequisite_type, display_order)
};

struct CoursePageItemRemoved {
  static constexpr const char* kType = "CoursePageItemRemoved";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  Uuid item_id;
  CoursePageSection section = CoursePageSection::objective;
  EDU_FIELDS(course_id, item_id, section)
};

// A student who completed the course rated it (1..5), with a testimonial when `quote` is there
// (course_testimonials). The course's figures after it: rating_average_x100 (courses.rating,
// two decimals), rating_count and the badge (courses.badge; absent: none).
struct CourseReviewed {
  static constexpr const char* kType = "CourseReviewed";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  Uuid review_id;  // the course_testimonials row, when there is a quote
  Uuid enrollment_id;
  Uuid student_id;
  int32_t rating = 5;
  std::optional<std::string> quote;
  std::optional<std::string> student_name;  // first name, shown with the quote
  std::optional<std::string> student_role;
  int32_t rating_average_x100 = 0;
  int32_t rating_count = 0;
  std::optional<CourseBadge> badge;
  Timestamp reviewed_at;
  EDU_FIELDS(course_id, review_id, enrollment_id, student_id, rating, quote, student_name,
             student_role, rating_average_x100, rating_count, badge, reviewed_at)
};

// The creator shows (or stops showing) a testimonial on the course page (is_featured).
struct TestimonialFeatured {
  static constexpr const char* kType = "TestimonialFeatured";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  Uuid review_id;
  bool is_featured = true;
  EDU_FIELDS(course_id, review_id, is_featured)
};

// ---- module progress (CD-019: self-marked checkboxes) ----

struct ModuleProgressMarked {
  static constexpr const char* kType = "ModuleProgressMarked";
  static constexpr int kSchemaVersion = 1;
  Uuid progress_id;  // the module_progress row: the one of the first mark of this module
  Uuid enrollment_id;
  Uuid module_id;
  Uuid student_id;
  bool is_complete = true;
  std::optional<Timestamp> completed_at;  // when marked complete; absent when unmarked
  Timestamp marked_at;
  EDU_FIELDS(progress_id, enrollment_id, module_id, student_id, is_complete, completed_at,
             marked_at)
};

// ---- certificates (CD-011, CD-012) ----

// The enrollment's student-teacher recommends the student for a certificate; the course's
// creator then issues or declines it.
struct CertificateRecommended {
  static constexpr const char* kType = "CertificateRecommended";
  static constexpr int kSchemaVersion = 1;
  Uuid certificate_id;
  Uuid enrollment_id;
  Uuid user_id;
  Uuid course_id;
  CertificateType type = CertificateType::completion;
  Uuid recommended_by;
  Timestamp recommended_at;
  EDU_FIELDS(certificate_id, enrollment_id, user_id, course_id, type, recommended_by,
             recommended_at)
};

// The course's creator issued the certificate (certificates): directly, or on a recommendation
// (recommended_by).
struct CertificateIssued {
  static constexpr const char* kType = "CertificateIssued";
  static constexpr int kSchemaVersion = 1;
  Uuid certificate_id;
  Uuid enrollment_id;
  Uuid user_id;
  Uuid course_id;
  CertificateType type = CertificateType::completion;
  Uuid issued_by;
  std::optional<Uuid> recommended_by;
  std::optional<std::string> certificate_url;
  Timestamp issued_at;
  EDU_FIELDS(certificate_id, enrollment_id, user_id, course_id, type, issued_by, recommended_by,
             certificate_url, issued_at)
};

// The creator declined a recommendation; the type is free to be recommended or issued again.
struct CertificateDeclined {
  static constexpr const char* kType = "CertificateDeclined";
  static constexpr int kSchemaVersion = 1;
  Uuid certificate_id;
  Uuid enrollment_id;
  Uuid declined_by;
  std::string reason;
  Timestamp declined_at;
  EDU_FIELDS(certificate_id, enrollment_id, declined_by, reason, declined_at)
};

}  // namespace edu::peerloop
