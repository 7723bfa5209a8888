// Value vocabularies of Skillspring (seed 003), spelled as the document spells them, and the
// stream ids of its aggregates.
//
// Natural-key streams: what the document makes unique is the stream's key, so uniqueness holds by
// construction: courses.slug, categories.slug, coupons.code, enrollments (student_id, course_id)
// and one review per student and course (interpretation) each name exactly one stream or id.
#pragma once

#include <string>
#include <string_view>

#include "domain/core/describe.h"
#include "domain/core/stream.h"
#include "domain/core/uuid.h"

namespace edu::skillspring {

EDU_ENUM(UserRole, student, mentor, admin)
EDU_ENUM(UserStatus, pending, active, suspended)
EDU_ENUM(CourseLevel, beginner, intermediate, advanced, all)
EDU_ENUM(ContentType, video, article, quiz, assignment, download)
EDU_ENUM(Vote, helpful, not_helpful)

inline constexpr const char* kUserCategory = "skillspring.user";
inline constexpr const char* kCategoryCategory = "skillspring.category";
inline constexpr const char* kCourseCategory = "skillspring.course";
inline constexpr const char* kCouponCategory = "skillspring.coupon";
inline constexpr const char* kLearnerCategory = "skillspring.learner";
inline constexpr const char* kReviewCategory = "skillspring.review";

const Uuid& SkillspringNamespace();

// Slugs and codes are compared as they are normalized: slugs lowercase, coupon codes uppercase.
std::string NormalizeSlug(std::string_view slug);
std::string NormalizeCouponCode(std::string_view code);

Uuid CourseIdFor(std::string_view slug);
Uuid CategoryIdFor(std::string_view slug);
Uuid CouponIdFor(std::string_view code);
Uuid TagIdFor(std::string_view name);
// One enrollment per student and course (seed: unique (student_id, course_id)).
Uuid EnrollmentIdFor(const Uuid& student_id, const Uuid& course_id);
// One review per student and course.
Uuid ReviewIdFor(const Uuid& student_id, const Uuid& course_id);

inline std::string UserStream(const Uuid& user_id) { return StreamId(kUserCategory, user_id); }
inline std::string CategoryStream(std::string_view slug) {
  return StreamId(kCategoryCategory, CategoryIdFor(slug));
}
inline std::string CourseStream(const Uuid& course_id) {
  return StreamId(kCourseCategory, course_id);
}
inline std::string CouponStream(std::string_view code) {
  return StreamId(kCouponCategory, CouponIdFor(code));
}
// Everything one student buys and learns: their carts (one open at a time), enrollments,
// progress and refunds, decided on one stream per student.
inline std::string LearnerStream(const Uuid& student_id) {
  return StreamId(kLearnerCategory, student_id);
}
inline std::string ReviewStream(const Uuid& review_id) {
  return StreamId(kReviewCategory, review_id);
}

}  // namespace edu::skillspring
