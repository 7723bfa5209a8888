// Shared vocabulary of the Skillspring specifications (skillspring_*_test.cc): well-known ids and
// times, the events that set a stream up (users, courses, coupons, a shopper's cart, a purchase)
// and Specs positioned at kNow.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/skillspring/coupon.h"
#include "domain/skillspring/course.h"
#include "domain/skillspring/learner.h"
#include "domain/skillspring/people.h"
#include "domain/skillspring/pricing.h"
#include "domain/skillspring/review.h"
#include "tests/support/decider_spec.h"

namespace edu::skillspring::fixtures {

using testing::Admin;
using testing::AsUser;
using testing::Spec;
using testing::System;

inline const Uuid kStudent = *ParseUuid("11111111-1111-4111-8111-111111111111");
inline const Uuid kOther = *ParseUuid("11111111-1111-4111-8111-222222222222");
inline const Uuid kMentor = *ParseUuid("22222222-2222-4222-8222-222222222222");
inline const Uuid kMentor2 = *ParseUuid("22222222-2222-4222-8222-333333333333");
inline const Uuid kCart = *ParseUuid("33333333-3333-4333-8333-333333333333");
inline const Uuid kCart2 = *ParseUuid("33333333-3333-4333-8333-444444444444");
inline const Uuid kSection = *ParseUuid("44444444-4444-4444-8444-444444444444");
inline const Uuid kLecture1 = *ParseUuid("55555555-5555-4555-8555-555555555551");
inline const Uuid kLecture2 = *ParseUuid("55555555-5555-4555-8555-555555555552");
inline const Uuid kCourse = CourseIdFor("sql-from-zero");
inline const Uuid kCourse2 = CourseIdFor("pandas-basics");
inline const Uuid kCourse3 = CourseIdFor("ux-writing");
inline const Uuid kCoupon = CouponIdFor("SPRING25");
inline const Timestamp kNow = *ParseIso8601("2026-04-01T10:00:00Z");
inline const Timestamp kStarts = *ParseIso8601("2026-03-01T00:00:00Z");
inline const Timestamp kExpires = *ParseIso8601("2026-05-01T00:00:00Z");
inline const Policy kPolicy;

inline Money Usd(int64_t cents) { return Money{cents, "USD"}; }
inline Actor StudentActor(const Uuid& id = kStudent) { return AsUser(id, "student"); }
inline Actor MentorActor(const Uuid& id = kMentor) { return AsUser(id, "mentor"); }

inline UserRegistered Registered(const Uuid& id, UserRole role) {
  UserRegistered e;
  e.user_id = id;
  e.role = role;
  e.email = Personal<std::string>("someone@example.com");
  e.first_name = Personal<std::string>("Maya");
  e.last_name = Personal<std::string>("Lopez");
  return e;
}

inline CourseCreated Created(const Uuid& course = kCourse, const Uuid& mentor = kMentor,
                             int64_t list = 4999, std::optional<int64_t> sale = std::nullopt) {
  CourseCreated e;
  e.course_id = course;
  e.slug = course == kCourse    ? "sql-from-zero"
           : course == kCourse2 ? "pandas-basics"
                                : "ux-writing";
  e.mentor_id = mentor;
  e.title = "SQL from zero";
  e.description = "Queries, joins, indexes";
  e.language_code = "en";
  e.level = CourseLevel::beginner;
  e.list_price = Usd(list);
  if (sale) e.sale_price = Usd(*sale);
  Section section{kSection, "Basics", 1, 25, {}};
  section.lectures.push_back({kLecture1, "SELECT", 1, ContentType::video, 10, true, {}, {}});
  section.lectures.push_back({kLecture2, "JOIN", 2, ContentType::video, 15, false, {}, {}});
  e.sections = {section};
  e.total_duration_minutes = 25;
  e.lecture_count = 2;
  e.tags = {"sql"};
  return e;
}

inline std::vector<CourseDecider::Event> Published(const Uuid& course = kCourse,
                                                   const Uuid& mentor = kMentor,
                                                   int64_t list = 4999,
                                                   std::optional<int64_t> sale = std::nullopt) {
  return {Created(course, mentor, list, sale), CourseSubmitted{course},
          CoursePublished{course, {kLecture1, kLecture2}}};
}

inline CouponCreated Coupon(int32_t percent = 25, int32_t max = 2,
                            std::optional<Uuid> mentor = std::nullopt) {
  return CouponCreated{kCoupon, "SPRING25", mentor, percent, max, kStarts, kExpires};
}

inline CartItemAdded Item(const Uuid& course, int64_t price, const Uuid& mentor = kMentor,
                          const Uuid& cart = kCart) {
  return CartItemAdded{cart, kStudent, course, mentor, Usd(price)};
}

inline CouponAttached Attached(int32_t percent = 25, std::optional<Uuid> mentor = std::nullopt) {
  return CouponAttached{kCart, kStudent, kCoupon, "SPRING25", percent, mentor};
}

inline Spec<LearnerDecider> Shopper() {
  Spec<LearnerDecider> spec;
  spec.at(kNow).as(StudentActor());
  return spec;
}

inline CoursePurchased Purchased(const Uuid& course, int64_t price, int64_t discount,
                                 const Uuid& mentor = kMentor, Timestamp at = kNow) {
  int64_t paid = price - discount;
  int64_t mentor_share = ShareOf(paid, Percent(70));
  CoursePurchased p;
  p.enrollment_id = EnrollmentIdFor(kStudent, course);
  p.cart_id = kCart;
  p.student_id = kStudent;
  p.course_id = course;
  p.mentor_id = mentor;
  p.price = Usd(price);
  p.discount = Usd(discount);
  p.purchase_price = Usd(paid);
  p.mentor_earnings = Usd(mentor_share);
  p.platform_fee = Usd(paid - mentor_share);
  p.mentor_share_bps = Percent(70);
  p.policy = "skillspring-default-v1";
  p.purchased_at = at;
  return p;
}

inline CartCheckedOut CheckedOut(int64_t subtotal, int64_t discount, int32_t items,
                                 std::optional<std::string> code = {}, bool used = false) {
  return CartCheckedOut{kCart, kStudent, Usd(subtotal), Usd(discount), Usd(subtotal - discount),
                        code,  used,     "pi_3N",       items};
}

// A student who bought kCourse at `at`.
inline std::vector<LearnerDecider::Event> Bought(Timestamp at = kNow) {
  return {CartOpened{kCart, kStudent}, Item(kCourse, 4999), CheckedOut(4999, 0, 1),
          Purchased(kCourse, 4999, 0, kMentor, at)};
}

}  // namespace edu::skillspring::fixtures
