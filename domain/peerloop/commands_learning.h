// PeerLoop commands of course pages, course edits, module progress and certificates (seed 001:
// CD-011, CD-012, CD-019, CD-021, CD-022, CD-025, US-C004). The course's creator (or an admin)
// edits, retires and (de)activates the course and writes its pages; a student who completed the
// course rates it (with a testimonial); a student marks their own module progress; the
// enrollment's student-teacher recommends a certificate and the course's creator issues it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/uuid.h"
#include "domain/peerloop/commands.h"
#include "domain/peerloop/learning_types.h"

namespace edu::peerloop {

// ---- the course itself (the course's stream) ----

// Changes the fields sent (at least one); empty title, description or duration are refused.
struct EditCourse {
  static constexpr const char* kType = "EditCourse";
  Uuid course_id;
  std::optional<std::string> title = std::nullopt;
  std::optional<std::string> tagline = std::nullopt;  // at most 150 characters
  std::optional<std::string> description = std::nullopt;
  std::optional<std::string> duration = std::nullopt;
  std::optional<std::string> format = std::nullopt;
  std::optional<std::string> thumbnail_url = std::nullopt;
  std::optional<bool> has_certificate = std::nullopt;
  std::optional<std::string> certificate_name = std::nullopt;
  EDU_FIELDS(course_id, title, tagline, description, duration, format, thumbnail_url,
             has_certificate, certificate_name)
  EDU_LIMITS(limit::VarChar("tagline", 150), limit::Text("description"),
             limit::VarChar("thumbnail_url", kUrl))
  std::string stream_id() const { return CourseStream(course_id); }
};

// Opens (true) or closes (false) the course for enrollment; not a retired course.
struct SetCourseActive {
  static constexpr const char* kType = "SetCourseActive";
  Uuid course_id;
  bool is_active = true;
  EDU_FIELDS(course_id, is_active)
  std::string stream_id() const { return CourseStream(course_id); }
};

// Retires the course for good: no new enrollments, no page changes (US-C004).
struct RetireCourse {
  static constexpr const char* kType = "RetireCourse";
  Uuid course_id;
  EDU_FIELDS(course_id)
  std::string stream_id() const { return CourseStream(course_id); }
};

// ---- course pages (peerloop.course_page-<course>) ----

// A curriculum module; module_order is the next one when absent. Counts are not negative,
// session_number is positive.
struct AddCourseModule {
  static constexpr const char* kType = "AddCourseModule";
  Uuid course_id;
  Uuid module_id;
  std::optional<int32_t> session_number = std::nullopt;
  std::string title;
  std::string description;
  std::string duration;  // "2h 30min", "Week 1"
  std::optional<std::string> learning_objectives = std::nullopt;
  std::optional<std::string> topics_covered = std::nullopt;
  std::optional<std::string> hands_on_exercise = std::nullopt;
  std::optional<int32_t> video_count = std::nullopt;
  std::optional<int32_t> reading_count = std::nullopt;
  std::optional<bool> has_assessment = std::nullopt;
  std::optional<int32_t> module_order = std::nullopt;
  std::optional<std::string> video_url = std::nullopt;
  std::optional<std::string> document_url = std::nullopt;
  EDU_FIELDS(course_id, module_id, session_number, title, description, duration,
             learning_objectives, topics_covered, hands_on_exercise, video_count, reading_count,
             has_assessment, module_order, video_url, document_url)
  EDU_LIMITS(limit::Text("description"), limit::Text("learning_objectives"),
             limit::Text("topics_covered"), limit::Text("hands_on_exercise"),
             limit::VarChar("video_url", kUrl), limit::VarChar("document_url", kUrl))
  std::string stream_id() const { return CoursePageStream(course_id); }
  std::vector<std::string> references() const { return {CourseStream(course_id)}; }
};

// Replaces every field of an existing module (module_order kept when absent).
struct EditCourseModule {
  static constexpr const char* kType = "EditCourseModule";
  Uuid course_id;
  Uuid module_id;
  std::optional<int32_t> session_number = std::nullopt;
  std::string title;
  std::string description;
  std::string duration;
  std::optional<std::string> learning_objectives = std::nullopt;
  std::optional<std::string> topics_covered = std::nullopt;
  std::optional<std::string> hands_on_exercise = std::nullopt;
  std::optional<int32_t> video_count = std::nullopt;
  std::optional<int32_t> reading_count = std::nullopt;
  std::optional<bool> has_assessment = std::nullopt;
  std::optional<int32_t> module_order = std::nullopt;
  std::optional<std::string> video_url = std::nullopt;
  std::optional<std::string> document_url = std::nullopt;
  EDU_FIELDS(course_id, module_id, session_number, title, description, duration,
             learning_objectives, topics_covered, hands_on_exercise, video_count, reading_count,
             has_assessment, module_order, video_url, document_url)
  EDU_LIMITS(limit::Text("description"), limit::Text("learning_objectives"),
             limit::Text("topics_covered"), limit::Text("hands_on_exercise"),
             limit::VarChar("video_url", kUrl), limit::VarChar("document_url", kUrl))
  std::string stream_id() const { return CoursePageStream(course_id); }
  std::vector<std::string> references() const { return {CourseStream(course_id)}; }
};

// A line of an objectives, includes, prerequisites (with its tier) or target audience list.
// display_order is the next in the section (in the tier) when absent.
struct AddCoursePageItem {
  static constexpr const char* kType = "AddCoursePageItem";
  Uuid course_id;
  Uuid item_id;
  CoursePageSection section = CoursePageSection::objective;
  std::string text;
  std::optional<PrerequisiteType> prerequisite_type =
      std::nullopt;  // required for prerequisites only
  std::optional<int32_t> display_order = std::nullopt;
  EDU_FIELDS(course_id, item_id, section, text, prerequisite_type, display_order)
  EDU_LIMITS(limit::Text("text"))
  std::string stream_id() const { return CoursePageStream(course_id); }
  std::vector<std::string> references() const { return {CourseStream(course_id)}; }
};

struct RemoveCoursePageItem {
  static constexpr const char* kType = "RemoveCoursePageItem";
  Uuid course_id;
  Uuid item_id;
  EDU_FIELDS(course_id, item_id)
  std::string stream_id() const { return CoursePageStream(course_id); }
  std::vector<std::string> references() const { return {CourseStream(course_id)}; }
};

// The student of a completed enrollment of the course rates it 1..5, once per enrollment; with
// a quote it is also a testimonial, which needs the student's first name.
struct ReviewCourse {
  static constexpr const char* kType = "ReviewCourse";
  Uuid course_id;
  Uuid review_id;
  Uuid enrollment_id;
  int32_t rating = 5;
  std::optional<std::string> quote = std::nullopt;
  std::optional<std::string> student_name = std::nullopt;
  std::optional<std::string> student_role = std::nullopt;
  EDU_FIELDS(course_id, review_id, enrollment_id, rating, quote, student_name, student_role)
  EDU_LIMITS(limit::Text("quote"))
  std::string stream_id() const { return CoursePageStream(course_id); }
  std::vector<std::string> references() const {
    return {CourseStream(course_id), EnrollmentStream(enrollment_id)};
  }
};

// The course's creator shows a testimonial on the course page (or stops showing it).
struct FeatureTestimonial {
  static constexpr const char* kType = "FeatureTestimonial";
  Uuid course_id;
  Uuid review_id;
  bool is_featured = true;
  EDU_FIELDS(course_id, review_id, is_featured)
  std::string stream_id() const { return CoursePageStream(course_id); }
  std::vector<std::string> references() const { return {CourseStream(course_id)}; }
};

// ---- module progress (peerloop.module_progress-<enrollment>) ----

// The enrollment's student ticks (or unticks) a module of the course's curriculum. progress_id
// names the module_progress row on the first mark of the module; later marks update that row.
struct MarkModuleProgress {
  static constexpr const char* kType = "MarkModuleProgress";
  Uuid progress_id;
  Uuid enrollment_id;
  Uuid course_id;
  Uuid module_id;
  bool is_complete = true;
  EDU_FIELDS(progress_id, enrollment_id, course_id, module_id, is_complete)
  std::string stream_id() const { return ModuleProgressStream(enrollment_id); }
  std::vector<std::string> references() const {
    return {EnrollmentStream(enrollment_id), CoursePageStream(course_id)};
  }
};

// ---- certificates (peerloop.certificates-<enrollment>) ----
// user_id and course_id name the enrollment's student and course (checked against it).

// The enrollment's student-teacher recommends its student for a certificate of `type`.
struct RecommendCertificate {
  static constexpr const char* kType = "RecommendCertificate";
  Uuid certificate_id;
  Uuid enrollment_id;
  Uuid user_id;
  Uuid course_id;
  CertificateType type = CertificateType::mastery;
  EDU_FIELDS(certificate_id, enrollment_id, user_id, course_id, type)
  std::string stream_id() const { return CertificatesStream(enrollment_id); }
  std::vector<std::string> references() const {
    return {EnrollmentStream(enrollment_id), CourseStream(course_id), UserStream(user_id)};
  }
};

// The course's creator (or an admin) issues a certificate: a recommended one under its id, or a
// new one directly.
struct IssueCertificate {
  static constexpr const char* kType = "IssueCertificate";
  Uuid certificate_id;
  Uuid enrollment_id;
  Uuid user_id;
  Uuid course_id;
  CertificateType type = CertificateType::completion;
  std::optional<std::string> certificate_url = std::nullopt;
  EDU_FIELDS(certificate_id, enrollment_id, user_id, course_id, type, certificate_url)
  EDU_LIMITS(limit::VarChar("certificate_url", kUrl))
  std::string stream_id() const { return CertificatesStream(enrollment_id); }
  std::vector<std::string> references() const {
    return {EnrollmentStream(enrollment_id), CourseStream(course_id), UserStream(user_id)};
  }
};

// The course's creator (or an admin) declines a recommendation, with a reason.
struct DeclineCertificate {
  static constexpr const char* kType = "DeclineCertificate";
  Uuid certificate_id;
  Uuid enrollment_id;
  Uuid course_id;
  std::string reason;
  EDU_FIELDS(certificate_id, enrollment_id, course_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return CertificatesStream(enrollment_id); }
  std::vector<std::string> references() const { return {CourseStream(course_id)}; }
};

}  // namespace edu::peerloop
