// Skillspring domain events. Past tense, one fact each; they carry the figures (prices, discounts,
// shares, counts and averages after) so projections never recompute rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/skillspring/course_machine.h"
#include "domain/skillspring/types.h"

namespace edu::skillspring {

// ---- people and catalog
// --------------------------------------------------------------------------

struct UserRegistered {
  static constexpr const char* kType = "UserRegistered";
  static constexpr int kSchemaVersion = 1;
  Uuid user_id;
  UserRole role = UserRole::student;
  UserStatus status = UserStatus::active;
  Personal<std::string> email;
  Personal<std::string> first_name;
  Personal<std::string> last_name;
  std::optional<Personal<std::string>> password_hash;
  std::optional<Personal<std::string>> bio;
  std::optional<std::string> avatar_url;
  std::optional<std::string> timezone;
  // mentors
  std::optional<std::string> headline;
  std::optional<std::string> about;
  std::optional<int32_t> experience_years;
  std::vector<std::string> languages;
  // students
  std::optional<std::string> occupation;
  std::optional<std::string> goals;
  Uuid DataSubject() const { return user_id; }
  EDU_FIELDS(user_id, role, status, email, first_name, last_name, password_hash, bio, avatar_url,
             timezone, headline, about, experience_years, languages, occupation, goals)
};

// A mentor's rating after one more review: average_rating_hundredths = round(sum / total, 2).
struct MentorRatingRecorded {
  static constexpr const char* kType = "MentorRatingRecorded";
  static constexpr int kSchemaVersion = 1;
  Uuid mentor_id;
  Uuid review_id;
  int32_t rating = 0;
  int32_t total_reviews_after = 0;
  int64_t rating_sum_after = 0;
  int32_t average_rating_hundredths = 0;
  EDU_FIELDS(mentor_id, review_id, rating, total_reviews_after, rating_sum_after,
             average_rating_hundredths)
};

struct CategoryCreated {
  static constexpr const char* kType = "CategoryCreated";
  static constexpr int kSchemaVersion = 1;
  Uuid category_id;
  std::string slug;
  std::string name;
  std::optional<Uuid> parent_id;
  int32_t level = 0;  // 0 root, 1 subcategory
  std::optional<std::string> description;
  EDU_FIELDS(category_id, slug, name, parent_id, level, description)
};

struct Lecture {
  Uuid lecture_id;
  std::string title;
  int32_t position = 0;
  ContentType content_type = ContentType::video;
  int32_t duration_minutes = 0;
  bool is_preview = false;
  std::optional<std::string> video_url;
  std::optional<std::string> resource_url;
  EDU_FIELDS(lecture_id, title, position, content_type, duration_minutes, is_preview, video_url,
             resource_url)
};

struct Section {
  Uuid section_id;
  std::string title;
  int32_t position = 0;
  int32_t total_duration_minutes = 0;
  std::vector<Lecture> lectures;
  EDU_FIELDS(section_id, title, position, total_duration_minutes, lectures)
};

struct CourseCreated {
  static constexpr const char* kType = "CourseCreated";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  std::string slug;
  Uuid mentor_id;
  std::string title;
  std::optional<std::string> subtitle;
  std::string description;
  std::string language_code;
  CourseLevel level = CourseLevel::all;
  Money list_price;
  std::optional<Money> sale_price;
  std::vector<Section> sections;
  int32_t total_duration_minutes = 0;
  int32_t lecture_count = 0;
  std::vector<std::string> tags;
  std::vector<Uuid> category_ids;
  std::vector<std::string> prerequisites;
  std::optional<std::string> hero_video_url;
  std::optional<std::string> thumbnail_url;
  EDU_FIELDS(course_id, slug, mentor_id, title, subtitle, description, language_code, level,
             list_price, sale_price, sections, total_duration_minutes, lecture_count, tags,
             category_ids, prerequisites, hero_video_url, thumbnail_url)
};

struct CourseSubmitted {
  static constexpr const char* kType = "CourseSubmitted";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  EDU_FIELDS(course_id)
};

// Publishing a course publishes its lectures.
struct CoursePublished {
  static constexpr const char* kType = "CoursePublished";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  std::vector<Uuid> lecture_ids;
  EDU_FIELDS(course_id, lecture_ids)
};

struct CourseChangesRequested {
  static constexpr const char* kType = "CourseChangesRequested";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  std::string notes;
  EDU_FIELDS(course_id, notes)
};

// Soft delete (seed: status='archived' + deleted_at).
struct CourseArchived {
  static constexpr const char* kType = "CourseArchived";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  CourseStatus previous_status = CourseStatus::draft;
  EDU_FIELDS(course_id, previous_status)
};

struct CoursePriceChanged {
  static constexpr const char* kType = "CoursePriceChanged";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  Money list_price;
  std::optional<Money> sale_price;
  EDU_FIELDS(course_id, list_price, sale_price)
};

struct CourseViewed {
  static constexpr const char* kType = "CourseViewed";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  EDU_FIELDS(course_id)
};

// ---- coupons
// ---------------------------------------------------------------------------------------

struct CouponCreated {
  static constexpr const char* kType = "CouponCreated";
  static constexpr int kSchemaVersion = 1;
  Uuid coupon_id;
  std::string code;
  std::optional<Uuid> mentor_id;  // only that mentor's courses; absent: global
  int32_t discount_percent = 0;
  int32_t max_redemptions = 0;
  Timestamp starts_at;
  Timestamp expires_at;
  EDU_FIELDS(coupon_id, code, mentor_id, discount_percent, max_redemptions, starts_at, expires_at)
};

// One redemption reserved for a cart; redeemed_count_after <= max_redemptions, always.
struct CouponRedeemed {
  static constexpr const char* kType = "CouponRedeemed";
  static constexpr int kSchemaVersion = 1;
  Uuid coupon_id;
  std::string code;
  Uuid cart_id;
  Uuid student_id;
  int32_t discount_percent = 0;
  std::optional<Uuid> mentor_id;
  int32_t redeemed_count_after = 0;
  EDU_FIELDS(coupon_id, code, cart_id, student_id, discount_percent, mentor_id,
             redeemed_count_after)
};

// A reserved redemption given back (the cart was abandoned, could not take the coupon, or checked
// out without using it).
struct CouponReleased {
  static constexpr const char* kType = "CouponReleased";
  static constexpr int kSchemaVersion = 1;
  Uuid coupon_id;
  std::string code;
  Uuid cart_id;
  std::string reason;
  int32_t redeemed_count_after = 0;
  EDU_FIELDS(coupon_id, code, cart_id, reason, redeemed_count_after)
};

// ---- a learner's carts, purchases and progress
// -----------------------------------------------------

struct CartOpened {
  static constexpr const char* kType = "CartOpened";
  static constexpr int kSchemaVersion = 1;
  Uuid cart_id;
  Uuid student_id;
  EDU_FIELDS(cart_id, student_id)
};

// The price is a snapshot: checkout charges it even if the course's price changes meanwhile.
struct CartItemAdded {
  static constexpr const char* kType = "CartItemAdded";
  static constexpr int kSchemaVersion = 1;
  Uuid cart_id;
  Uuid student_id;
  Uuid course_id;
  Uuid mentor_id;
  Money price;
  EDU_FIELDS(cart_id, student_id, course_id, mentor_id, price)
};

struct CartItemRemoved {
  static constexpr const char* kType = "CartItemRemoved";
  static constexpr int kSchemaVersion = 1;
  Uuid cart_id;
  Uuid student_id;
  Uuid course_id;
  EDU_FIELDS(cart_id, student_id, course_id)
};

struct CouponAttached {
  static constexpr const char* kType = "CouponAttached";
  static constexpr int kSchemaVersion = 1;
  Uuid cart_id;
  Uuid student_id;
  Uuid coupon_id;
  std::string code;
  int32_t discount_percent = 0;
  std::optional<Uuid> mentor_id;
  EDU_FIELDS(cart_id, student_id, coupon_id, code, discount_percent, mentor_id)
};

// A redeemed coupon the cart could not take (no longer open, or it holds another coupon).
struct CouponDeclined {
  static constexpr const char* kType = "CouponDeclined";
  static constexpr int kSchemaVersion = 1;
  Uuid cart_id;
  Uuid student_id;
  Uuid coupon_id;
  std::string code;
  std::string reason;
  EDU_FIELDS(cart_id, student_id, coupon_id, code, reason)
};

struct CartAbandoned {
  static constexpr const char* kType = "CartAbandoned";
  static constexpr int kSchemaVersion = 1;
  Uuid cart_id;
  Uuid student_id;
  std::optional<std::string> coupon_code;  // its reserved redemption is released
  EDU_FIELDS(cart_id, student_id, coupon_code)
};

// total == subtotal - discount; the discount is the coupon's percentage of the eligible items,
// spread over them by largest remainder (see the CoursePurchased lines).
struct CartCheckedOut {
  static constexpr const char* kType = "CartCheckedOut";
  static constexpr int kSchemaVersion = 1;
  Uuid cart_id;
  Uuid student_id;
  Money subtotal;
  Money discount;
  Money total;
  std::optional<std::string> coupon_code;
  bool coupon_used = false;  // false: the attached coupon fit no item and is released
  std::string payment_reference;
  int32_t item_count = 0;
  EDU_FIELDS(cart_id, student_id, subtotal, discount, total, coupon_code, coupon_used,
             payment_reference, item_count)
};

// One course bought at checkout: purchase_price = price - discount;
// mentor_earnings + platform_fee == purchase_price (largest remainder).
struct CoursePurchased {
  static constexpr const char* kType = "CoursePurchased";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid cart_id;
  Uuid student_id;
  Uuid course_id;
  Uuid mentor_id;
  Money price;
  Money discount;
  Money purchase_price;
  Money mentor_earnings;
  Money platform_fee;
  BasisPoints mentor_share_bps = 0;
  std::string policy;
  Timestamp purchased_at;  // starts the refund window
  EDU_FIELDS(enrollment_id, cart_id, student_id, course_id, mentor_id, price, discount,
             purchase_price, mentor_earnings, platform_fee, mentor_share_bps, policy, purchased_at)
};

struct LectureWatched {
  static constexpr const char* kType = "LectureWatched";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid student_id;
  Uuid course_id;
  Uuid lecture_id;
  int32_t watched_count = 0;  // distinct lectures watched so far
  int32_t lecture_count = 0;
  BasisPoints progress_bps = 0;
  EDU_FIELDS(enrollment_id, student_id, course_id, lecture_id, watched_count, lecture_count,
             progress_bps)
};

struct CourseCompleted {
  static constexpr const char* kType = "CourseCompleted";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid student_id;
  Uuid course_id;
  EDU_FIELDS(enrollment_id, student_id, course_id)
};

// A full refund within the window: the purchase's split is reversed exactly.
struct PurchaseRefunded {
  static constexpr const char* kType = "PurchaseRefunded";
  static constexpr int kSchemaVersion = 1;
  Uuid enrollment_id;
  Uuid student_id;
  Uuid course_id;
  Uuid mentor_id;
  Money amount;
  Money mentor_earnings_reversed;
  Money platform_fee_reversed;
  std::optional<std::string> reason;
  std::string policy;
  EDU_FIELDS(enrollment_id, student_id, course_id, mentor_id, amount, mentor_earnings_reversed,
             platform_fee_reversed, reason, policy)
};

// ---- reviews
// ---------------------------------------------------------------------------------------

struct ReviewWritten {
  static constexpr const char* kType = "ReviewWritten";
  static constexpr int kSchemaVersion = 1;
  Uuid review_id;
  Uuid course_id;
  Uuid student_id;
  Uuid mentor_id;
  int32_t rating = 0;
  std::optional<std::string> title;
  std::optional<std::string> body;
  std::optional<bool> would_recommend;
  bool is_verified = true;  // written by an enrolled student
  EDU_FIELDS(review_id, course_id, student_id, mentor_id, rating, title, body, would_recommend,
             is_verified)
};

struct ReviewVoted {
  static constexpr const char* kType = "ReviewVoted";
  static constexpr int kSchemaVersion = 1;
  Uuid review_id;
  Uuid student_id;
  Vote vote = Vote::helpful;
  int32_t helpful_count_after = 0;
  EDU_FIELDS(review_id, student_id, vote, helpful_count_after)
};

}  // namespace edu::skillspring
