// Vocabulary of PeerLoop course pages, module progress and certificates (seed 001: CD-011,
// CD-019, CD-021, CD-022, CD-025): their enums, the stream categories and the badge rule.
#pragma once

#include <cstdint>
#include <string>

#include "domain/core/describe.h"
#include "domain/core/stream.h"
#include "domain/core/uuid.h"

namespace edu::peerloop {

// The list sections of a course page, one read table each: course_objectives, course_includes,
// course_prerequisites, course_target_audience.
EDU_ENUM(CoursePageSection, objective, include, prerequisite, target_audience)
// course_prerequisites.type (CD-025): the tiers.
EDU_ENUM(PrerequisiteType, required, nice_to_have, not_required)
// courses.badge (CD-022): of the documented badges (popular, new, bestseller, featured) only
// `popular` follows from what students report (the badge rule below); the others are
// promotional and nothing here sets them (docs/peerloop.md).
EDU_ENUM(CourseBadge, popular)
// certificates.type (CD-011, the dual certificate system).
EDU_ENUM(CertificateType, completion, mastery, teaching)

// The badge rule (the seed names the badges, not when they apply): a course is `popular` once
// at least kPopularMinRatings students rated it and their average is at least
// kPopularMinAverageX100 / 100; it loses the badge when the average falls below.
inline constexpr int32_t kPopularMinRatings = 3;
inline constexpr int32_t kPopularMinAverageX100 = 450;

// Pages of a course: its curriculum, its page lists, its students' reviews (ratings and
// testimonials). One stream per course, apart from the course's own.
inline constexpr const char* kCoursePageCategory = "peerloop.course_page";
// A student's self-marked progress through the modules of one enrollment.
inline constexpr const char* kModuleProgressCategory = "peerloop.module_progress";
// The certificates of one enrollment (recommended, issued, declined).
inline constexpr const char* kCertificatesCategory = "peerloop.certificates";

inline std::string CoursePageStream(const Uuid& course) {
  return StreamId(kCoursePageCategory, course);
}
inline std::string ModuleProgressStream(const Uuid& enrollment) {
  return StreamId(kModuleProgressCategory, enrollment);
}
inline std::string CertificatesStream(const Uuid& enrollment) {
  return StreamId(kCertificatesCategory, enrollment);
}

}  // namespace edu::peerloop
