// Value vocabularies of the PeerLoop marketplace (seed 001), spelled as the document spells them,
// and the stream categories of its aggregates.
#pragma once

#include <string>

#include "domain/core/describe.h"
#include "domain/core/stream.h"
#include "domain/core/uuid.h"

namespace edu::peerloop {

// users.role: the primary role. Flags (is_creator, is_student_teacher, ...) follow from it, and a
// certification makes a student a student_teacher.
EDU_ENUM(UserRole, student, student_teacher, creator, admin, moderator)
EDU_ENUM(CourseLevel, beginner, intermediate, advanced)
// payment_splits.recipient_type
EDU_ENUM(RecipientType, platform, creator, student_teacher)
// payment_splits.status. The document's flow is pending -> released -> paid; `refunded` is an
// addition for a split whose money went back to the student before it was released.
EDU_ENUM(SplitStatus, pending, released, paid, refunded)
// transactions.status
EDU_ENUM(TransactionStatus, pending, completed, refunded, failed)
// goodwill_transactions.reason (CD-023)
EDU_ENUM(GoodwillReason, summon_help, question_answer, first_session_mentor, referral,
         remedial_volunteer, availability_bonus)
// goodwill_rewards.reward_type
EDU_ENUM(RewardType, badge, discount, free_session, revenue_bonus)
// posts.post_type
EDU_ENUM(PostType, post, announcement, teaching_tip, availability)

// Interpretation: who pays for an award. Peer awards are thanks from one person to another and
// come out of the giver's balance ("balance: available to give", "spent: given to others");
// system awards are minted by the platform for what it observes (a completed summon, a referred
// enrollment, a day of availability) and have no giver (from_user_id NULL).
inline bool IsPeerReason(GoodwillReason r) {
  switch (r) {
    case GoodwillReason::question_answer:
    case GoodwillReason::first_session_mentor:
    case GoodwillReason::remedial_volunteer:
      return true;
    case GoodwillReason::summon_help:
    case GoodwillReason::referral:
    case GoodwillReason::availability_bonus:
      return false;
  }
  return false;
}

inline constexpr const char* kUserCategory = "peerloop.user";
inline constexpr const char* kCategoryCategory = "peerloop.category";
inline constexpr const char* kCourseCategory = "peerloop.course";
inline constexpr const char* kEnrollmentCategory = "peerloop.enrollment";
inline constexpr const char* kSessionCategory = "peerloop.session";
inline constexpr const char* kPayoutAccountCategory = "peerloop.payout_account";
inline constexpr const char* kGoodwillCategory = "peerloop.goodwill";
inline constexpr const char* kSummonCategory = "peerloop.summon";
inline constexpr const char* kPostCategory = "peerloop.post";

inline std::string UserStream(const Uuid& id) { return StreamId(kUserCategory, id); }
inline std::string CategoryStream(const Uuid& id) { return StreamId(kCategoryCategory, id); }
inline std::string CourseStream(const Uuid& id) { return StreamId(kCourseCategory, id); }
inline std::string EnrollmentStream(const Uuid& id) { return StreamId(kEnrollmentCategory, id); }
inline std::string SessionStream(const Uuid& id) { return StreamId(kSessionCategory, id); }
// One payout account per recipient (teacher or creator): the earnings released to them and the
// payouts that pay them.
inline std::string PayoutAccountStream(const Uuid& recipient) {
  return StreamId(kPayoutAccountCategory, recipient);
}
// One goodwill account per user: points, the "available to help" toggle, unlocked rewards.
inline std::string GoodwillStream(const Uuid& user) { return StreamId(kGoodwillCategory, user); }
inline std::string SummonStream(const Uuid& id) { return StreamId(kSummonCategory, id); }
inline std::string PostStream(const Uuid& id) { return StreamId(kPostCategory, id); }

// The platform's share of every payment goes to this recipient id (payment_splits.recipient_id is
// required; the platform is not a user).
inline const Uuid& PlatformAccountId() {
  static const Uuid id = DeriveUuid(EduledgerNamespace(), "peerloop.platform");
  return id;
}

// goodwill_rewards is catalog data: each reward's id is derived from its threshold and type, so
// the catalog seeded in the read tables and the ids in RewardUnlocked events agree everywhere.
inline Uuid RewardId(int32_t points_threshold, RewardType type) {
  return DeriveUuid(EduledgerNamespace(), "peerloop.goodwill_reward/" +
                                              std::to_string(points_threshold) + "/" +
                                              std::string(EnumName(type)));
}

}  // namespace edu::peerloop
