// Vocabulary of PeerLoop's goodwill specifications (peerloop_goodwill_*_test.cc and the ones of
// availability, summons and reactions), on top of tests/unit/peerloop_test_fixtures.h: earning
// points through system awards, and the goodwill commands and events with their figures.
#pragma once

#include <optional>
#include <string>

#include "tests/unit/peerloop_test_fixtures.h"

namespace edu::peerloop::testing {

inline int awards = 0;
inline Uuid NextAward() {
  return DeriveUuid(EduledgerNamespace(), "award-" + std::to_string(++awards));
}

// Credits `user` with system awards (referrals of 100, summons of 10-25) and, for a last 5, a
// question answered by kCreator, until `points` more are earned.
inline void Earn(World& w, const Uuid& user, int32_t points, Timestamp at = kNow) {
  REQUIRE(points % 5 == 0);
  auto credit = [&](int32_t p, GoodwillReason reason, std::optional<Uuid> from) {
    CreditGoodwill c;
    c.award_id = NextAward();
    c.to_user_id = user;
    c.from_user_id = from;
    c.points = p;
    c.reason = reason;
    w.Run<GoodwillDecider>(c, System(), at);
  };
  while (points >= 100) {
    credit(100, GoodwillReason::referral, std::nullopt);
    points -= 100;
  }
  while (points >= 10) {
    int32_t p = std::min(25, points);
    if (points - p > 0 && points - p < 10 && points - p != 5) p -= 10;
    credit(p, GoodwillReason::summon_help, std::nullopt);
    points -= p;
  }
  if (points == 5) credit(5, GoodwillReason::question_answer, kCreator);
}

inline AwardGoodwill Award(int32_t points, GoodwillReason reason = GoodwillReason::question_answer,
                           const Uuid& to = kStudent, const Uuid& id = kPost) {
  return AwardGoodwill{id, kTeacher, to, points, reason, kCourse};
}

inline GoodwillGiven Given(int32_t points, int64_t spent_after, int64_t balance_after,
                           GoodwillReason reason = GoodwillReason::question_answer,
                           Timestamp at = kNow) {
  return GoodwillGiven{kPost,   kTeacher,    kStudent,      points, reason,
                       kCourse, spent_after, balance_after, at};
}

inline CreditGoodwill Credit(int32_t points, GoodwillReason reason, std::optional<Uuid> from,
                             const Uuid& to = kStudent, const Uuid& id = kSession) {
  CreditGoodwill c;
  c.award_id = id;
  c.to_user_id = to;
  c.from_user_id = from;
  c.points = points;
  c.reason = reason;
  return c;
}

inline GoodwillAwarded Awarded(int32_t points, GoodwillReason reason, std::optional<Uuid> from,
                               int64_t total_after, int64_t balance_after,
                               const Uuid& to = kStudent, const Uuid& id = kSession,
                               Timestamp at = kNow) {
  GoodwillAwarded a;
  a.award_id = id;
  a.from_user_id = from;
  a.to_user_id = to;
  a.points = points;
  a.reason = reason;
  a.total_earned_after = total_after;
  a.balance_after = balance_after;
  a.awarded_at = at;
  return a;
}

inline RewardUnlocked Unlocked(const Uuid& user, int32_t threshold, RewardType type,
                               std::string value, std::string description, int64_t total,
                               Timestamp at = kNow) {
  Uuid reward = RewardId(threshold, type);
  return RewardUnlocked{DeriveUuid(user, "reward_unlock/" + ToString(reward)),
                        user,
                        reward,
                        threshold,
                        type,
                        std::move(value),
                        std::move(description),
                        total,
                        at};
}

inline const std::string kTeacherAccount = GoodwillStream(kTeacher);
inline const std::string kStudentAccount = GoodwillStream(kStudent);

}  // namespace edu::peerloop::testing
