// Skillspring commands. Ids of new things arrive here (or derive from the natural key the seed
// makes unique: a course's slug, a coupon's code); time arrives in the DecisionContext.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/skillspring/types.h"

namespace edu::skillspring {

// Links kept in TEXT columns: as long as browsers and gateways accept.
constexpr int64_t kUrl = 2048;

// ---- people and catalog
// --------------------------------------------------------------------------

struct RegisterUser {
  static constexpr const char* kType = "RegisterUser";
  Uuid user_id;
  UserRole role = UserRole::student;
  std::string email;
  std::string first_name;
  std::string last_name;
  std::optional<std::string> password_hash;
  std::optional<std::string> bio;
  std::optional<std::string> avatar_url;
  std::optional<std::string> timezone;
  std::optional<std::string> headline;
  std::optional<std::string> about;
  std::optional<int32_t> experience_years;
  std::vector<std::string> languages;
  std::optional<std::string> occupation;
  std::optional<std::string> goals;
  EDU_FIELDS(user_id, role, email, first_name, last_name, password_hash, bio, avatar_url, timezone,
             headline, about, experience_years, languages, occupation, goals)
  EDU_LIMITS(limit::VarChar("first_name", 100), limit::VarChar("last_name", 100),
             limit::Text("bio"), limit::Text("about"), limit::Text("goals"),
             limit::VarChar("avatar_url", kUrl), limit::VarChar("timezone", 64),
             limit::VarChar("headline", 180), limit::SmallInt("experience_years"),
             limit::VarChar("occupation", 120))
  std::string stream_id() const { return UserStream(user_id); }
};

// Issued by the skillspring-commerce reaction for each new review of one of the mentor's courses.
struct RecordMentorRating {
  static constexpr const char* kType = "RecordMentorRating";
  Uuid mentor_id;
  Uuid review_id;
  int32_t rating = 0;
  EDU_FIELDS(mentor_id, review_id, rating)
  EDU_LIMITS(limit::SmallInt("rating"))
  std::string stream_id() const { return UserStream(mentor_id); }
};

struct CreateCategory {
  static constexpr const char* kType = "CreateCategory";
  std::string slug;
  std::string name;
  std::optional<std::string> parent_slug;
  std::optional<std::string> description;
  EDU_FIELDS(slug, name, parent_slug, description)
  EDU_LIMITS(limit::VarChar("slug", 80), limit::VarChar("name", 80),
             limit::VarChar("parent_slug", 80), limit::Text("description"))
  std::string stream_id() const { return CategoryStream(slug); }
  std::vector<std::string> references() const {
    if (!parent_slug) return {};
    return {CategoryStream(*parent_slug)};
  }
};

struct LectureSpec {
  Uuid lecture_id;
  std::string title;
  ContentType content_type = ContentType::video;
  int32_t duration_minutes = 0;
  std::optional<bool> is_preview;
  std::optional<std::string> video_url;
  std::optional<std::string> resource_url;
  EDU_FIELDS(lecture_id, title, content_type, duration_minutes, is_preview, video_url, resource_url)
  EDU_LIMITS(limit::VarChar("title", 160), limit::VarChar("video_url", kUrl),
             limit::VarChar("resource_url", kUrl))
};

struct SectionSpec {
  Uuid section_id;
  std::string title;
  std::vector<LectureSpec> lectures;
  EDU_FIELDS(section_id, title, lectures)
  EDU_LIMITS(limit::VarChar("title", 140))
};

// The course's id is derived from its slug (CourseIdFor): a slug names one course.
struct CreateCourse {
  static constexpr const char* kType = "CreateCourse";
  std::string slug;
  Uuid mentor_id;
  std::string title;
  std::optional<std::string> subtitle;
  std::string description;
  std::string language_code;
  CourseLevel level = CourseLevel::all;
  Money list_price;
  std::optional<Money> sale_price;
  std::vector<SectionSpec> sections;
  std::vector<std::string> tags;
  std::vector<std::string> category_slugs;
  std::vector<std::string> prerequisites;
  std::optional<std::string> hero_video_url;
  std::optional<std::string> thumbnail_url;
  EDU_FIELDS(slug, mentor_id, title, subtitle, description, language_code, level, list_price,
             sale_price, sections, tags, category_slugs, prerequisites, hero_video_url,
             thumbnail_url)
  EDU_LIMITS(limit::VarChar("slug", 180), limit::VarChar("title", 140),
             limit::VarChar("subtitle", 220), limit::Text("description"),
             limit::VarChar("language_code", 5), limit::VarChar("tags", 40),
             limit::VarChar("category_slugs", 80), limit::VarChar("hero_video_url", kUrl),
             limit::VarChar("thumbnail_url", kUrl))
  std::string stream_id() const { return CourseStream(CourseIdFor(slug)); }
  std::vector<std::string> references() const {
    std::vector<std::string> refs = {UserStream(mentor_id)};
    for (const auto& c : category_slugs) refs.push_back(CategoryStream(c));
    return refs;
  }
};

struct SubmitCourse {
  static constexpr const char* kType = "SubmitCourse";
  Uuid course_id;
  EDU_FIELDS(course_id)
  std::string stream_id() const { return CourseStream(course_id); }
};

struct PublishCourse {
  static constexpr const char* kType = "PublishCourse";
  Uuid course_id;
  EDU_FIELDS(course_id)
  std::string stream_id() const { return CourseStream(course_id); }
};

struct RequestCourseChanges {
  static constexpr const char* kType = "RequestCourseChanges";
  Uuid course_id;
  std::string notes;
  EDU_FIELDS(course_id, notes)
  EDU_LIMITS(limit::Text("notes"))
  std::string stream_id() const { return CourseStream(course_id); }
};

struct ArchiveCourse {
  static constexpr const char* kType = "ArchiveCourse";
  Uuid course_id;
  EDU_FIELDS(course_id)
  std::string stream_id() const { return CourseStream(course_id); }
};

struct ChangeCoursePrice {
  static constexpr const char* kType = "ChangeCoursePrice";
  Uuid course_id;
  Money list_price;
  std::optional<Money> sale_price;
  EDU_FIELDS(course_id, list_price, sale_price)
  std::string stream_id() const { return CourseStream(course_id); }
};

struct ViewCourse {
  static constexpr const char* kType = "ViewCourse";
  Uuid course_id;
  EDU_FIELDS(course_id)
  std::string stream_id() const { return CourseStream(course_id); }
};

// ---- coupons
// ---------------------------------------------------------------------------------------

// The coupon's id is derived from its code (CouponIdFor): a code names one coupon.
struct CreateCoupon {
  static constexpr const char* kType = "CreateCoupon";
  std::string code;
  std::optional<Uuid> mentor_id;
  int32_t discount_percent = 0;
  int32_t max_redemptions = 0;
  Timestamp starts_at;
  Timestamp expires_at;
  EDU_FIELDS(code, mentor_id, discount_percent, max_redemptions, starts_at, expires_at)
  EDU_LIMITS(limit::VarChar("code", 40), limit::SmallInt("discount_percent"))
  std::string stream_id() const { return CouponStream(code); }
  std::vector<std::string> references() const {
    if (!mentor_id) return {};
    return {UserStream(*mentor_id)};
  }
};

// Reserves one redemption of the coupon for the student's open cart. The skillspring-commerce
// reaction then attaches it to the cart (AttachCoupon).
struct ApplyCoupon {
  static constexpr const char* kType = "ApplyCoupon";
  std::string code;
  Uuid student_id;
  Uuid cart_id;
  EDU_FIELDS(code, student_id, cart_id)
  EDU_LIMITS(limit::VarChar("code", 40))
  std::string stream_id() const { return CouponStream(code); }
  std::vector<std::string> references() const { return {LearnerStream(student_id)}; }
};

// Issued by the skillspring-commerce reaction: gives a cart's reserved redemption back.
struct ReleaseCoupon {
  static constexpr const char* kType = "ReleaseCoupon";
  std::string code;
  Uuid cart_id;
  std::string reason;
  EDU_FIELDS(code, cart_id, reason)
  EDU_LIMITS(limit::VarChar("code", 40), limit::Text("reason"))
  std::string stream_id() const { return CouponStream(code); }
};

// ---- a learner's carts, purchases and progress
// -----------------------------------------------------

// Adds a published course to the student's open cart, opening cart_id if the student has none.
struct AddToCart {
  static constexpr const char* kType = "AddToCart";
  Uuid student_id;
  Uuid cart_id;
  Uuid course_id;
  EDU_FIELDS(student_id, cart_id, course_id)
  std::string stream_id() const { return LearnerStream(student_id); }
  std::vector<std::string> references() const {
    return {UserStream(student_id), CourseStream(course_id)};
  }
};

struct RemoveFromCart {
  static constexpr const char* kType = "RemoveFromCart";
  Uuid student_id;
  Uuid cart_id;
  Uuid course_id;
  EDU_FIELDS(student_id, cart_id, course_id)
  std::string stream_id() const { return LearnerStream(student_id); }
};

struct AbandonCart {
  static constexpr const char* kType = "AbandonCart";
  Uuid student_id;
  Uuid cart_id;
  EDU_FIELDS(student_id, cart_id)
  std::string stream_id() const { return LearnerStream(student_id); }
};

// Issued by the skillspring-commerce reaction once a coupon redemption is reserved for the cart.
struct AttachCoupon {
  static constexpr const char* kType = "AttachCoupon";
  Uuid student_id;
  Uuid cart_id;
  Uuid coupon_id;
  std::string code;
  int32_t discount_percent = 0;
  std::optional<Uuid> mentor_id;
  EDU_FIELDS(student_id, cart_id, coupon_id, code, discount_percent, mentor_id)
  EDU_LIMITS(limit::VarChar("code", 40), limit::SmallInt("discount_percent"))
  std::string stream_id() const { return LearnerStream(student_id); }
};

// Converts the open cart into enrollments once the payment provider has charged expected_total
// (the total the student was shown; a different total is refused, so nobody pays a stale price).
struct CheckoutCart {
  static constexpr const char* kType = "CheckoutCart";
  Uuid student_id;
  Uuid cart_id;
  Money expected_total;
  std::string payment_reference;
  EDU_FIELDS(student_id, cart_id, expected_total, payment_reference)
  std::string stream_id() const { return LearnerStream(student_id); }
};

struct RecordLectureProgress {
  static constexpr const char* kType = "RecordLectureProgress";
  Uuid student_id;
  Uuid course_id;
  Uuid lecture_id;
  EDU_FIELDS(student_id, course_id, lecture_id)
  std::string stream_id() const { return LearnerStream(student_id); }
  std::vector<std::string> references() const { return {CourseStream(course_id)}; }
};

struct RefundPurchase {
  static constexpr const char* kType = "RefundPurchase";
  Uuid student_id;
  Uuid course_id;
  std::optional<std::string> reason;
  EDU_FIELDS(student_id, course_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return LearnerStream(student_id); }
};

// ---- reviews
// ---------------------------------------------------------------------------------------

// The review's id is ReviewIdFor(student, course): one review per student and course.
struct WriteReview {
  static constexpr const char* kType = "WriteReview";
  Uuid student_id;
  Uuid course_id;
  int32_t rating = 0;
  std::optional<std::string> title;
  std::optional<std::string> body;
  std::optional<bool> would_recommend;
  EDU_FIELDS(student_id, course_id, rating, title, body, would_recommend)
  EDU_LIMITS(limit::SmallInt("rating"), limit::VarChar("title", 140), limit::Text("body"))
  std::string stream_id() const { return ReviewStream(ReviewIdFor(student_id, course_id)); }
  std::vector<std::string> references() const { return {LearnerStream(student_id)}; }
};

struct VoteReview {
  static constexpr const char* kType = "VoteReview";
  Uuid review_id;
  Uuid student_id;
  Vote vote = Vote::helpful;
  EDU_FIELDS(review_id, student_id, vote)
  std::string stream_id() const { return ReviewStream(review_id); }
};

}  // namespace edu::skillspring
