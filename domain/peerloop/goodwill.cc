#include "domain/peerloop/goodwill.h"

#include "domain/peerloop/post.h"
#include "domain/peerloop/rules.h"
#include "domain/peerloop/user.h"
#include "domain/policies.h"

namespace edu::peerloop {
namespace {

using Event = GoodwillDecider::Event;

// Why `points` for `reason` is not allowed, if it is not: every award is within the global range
// (5-100) and within its reason's documented amount.
std::optional<Rejection> CheckPoints(int32_t points, GoodwillReason reason, const Policy& policy) {
  if (!policy.award_points.Contains(points)) {
    return Reject(codes::kPointsOutOfRange, "an award is {}-{} points, got {}",
                  policy.award_points.min, policy.award_points.max, points);
  }
  const PointsRange& range = policy.RangeOf(reason);
  if (!range.Contains(points)) {
    return range.min == range.max
               ? Reject(codes::kPointsNotAllowedForReason, "'{}' is worth {} points, got {}",
                        EnumName(reason), range.min, points)
               : Reject(codes::kPointsNotAllowedForReason, "'{}' is worth {}-{} points, got {}",
                        EnumName(reason), range.min, range.max, points);
  }
  return std::nullopt;
}

// GoodwillAwarded for `points`, followed by an unlock of every reward whose threshold the new
// lifetime total reaches and that this account has not unlocked yet (so at most once each, even
// when one award crosses several thresholds or a threshold is reached again).
std::vector<Event> Credit(const GoodwillState& s, const Uuid& user, GoodwillAwarded award,
                          const Policy& policy, Timestamp now) {
  award.to_user_id = user;
  award.total_earned_after = s.total_earned + award.points;
  award.balance_after = s.balance() + award.points;
  award.awarded_at = now;
  std::vector<Event> out{award};
  for (const RewardTier& tier : policy.rewards) {
    Uuid reward = RewardId(tier.points_threshold, tier.type);
    if (award.total_earned_after < tier.points_threshold || s.unlocked.count(reward)) continue;
    RewardUnlocked u;
    u.unlock_id = DeriveUuid(user, "reward_unlock/" + ToString(reward));
    u.user_id = user;
    u.reward_id = reward;
    u.points_threshold = tier.points_threshold;
    u.reward_type = tier.type;
    u.reward_value = tier.value;
    u.description = tier.description;
    u.total_earned = award.total_earned_after;
    u.unlocked_at = now;
    out.push_back(u);
  }
  return out;
}

Rejection Insufficient(const GoodwillState& s, const Uuid& user, int64_t points) {
  return Reject(codes::kInsufficientBalance, "user {} has {} goodwill points to give; {} needed",
                ToString(user), s.balance(), points);
}

Decision<Event> Award(const AwardGoodwill& c, const GoodwillState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->peerloop;
  if (!Is(ctx.actor, c.from_user_id)) {
    return Reject(codes::kNotOwnAccount, "actor {} may give only their own points, not user {}'s",
                  ctx.actor.id, ToString(c.from_user_id));
  }
  if (c.from_user_id == c.to_user_id) {
    return Reject(codes::kSelfAward, "users cannot award goodwill to themselves");
  }
  if (!IsPeerReason(c.reason)) {
    return Reject(codes::kSystemAwardReason,
                  "'{}' points are awarded by the platform, not given by users",
                  EnumName(c.reason));
  }
  if (auto bad = CheckPoints(c.points, c.reason, policy)) return *bad;
  if (!ctx.refs->Find<UserState>(UserStream(c.from_user_id))) {
    return NotFound(codes::kGiverNotFound, "user", c.from_user_id);
  }
  if (!ctx.refs->Find<UserState>(UserStream(c.to_user_id))) {
    return NotFound(codes::kReceiverNotFound, "user", c.to_user_id);
  }
  if (s.given.count(c.award_id)) {
    return Reject(codes::kAwardAlreadyExists, "award {} already exists", ToString(c.award_id));
  }
  auto last = s.last_award_to.find(c.to_user_id);
  if (last != s.last_award_to.end() && ctx.now - last->second < policy.award_cooldown) {
    return Reject(codes::kAwardCooldown,
                  "user {} last awarded user {} at {}; the next award is possible from {}",
                  ToString(c.from_user_id), ToString(c.to_user_id), FormatIso8601(last->second),
                  FormatIso8601(last->second + policy.award_cooldown));
  }
  if (s.balance() < c.points) return Insufficient(s, c.from_user_id, c.points);
  GoodwillGiven e;
  e.award_id = c.award_id;
  e.from_user_id = c.from_user_id;
  e.to_user_id = c.to_user_id;
  e.points = c.points;
  e.reason = c.reason;
  e.course_id = c.course_id;
  e.spent_after = s.spent + c.points;
  e.balance_after = s.balance() - c.points;
  e.given_at = ctx.now;
  return e;
}

Decision<Event> CreditIt(const CreditGoodwill& c, const GoodwillState& s,
                         const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->peerloop;
  if (!ctx.actor.IsSystem()) {
    return Reject(codes::kSystemOnly,
                  "points are credited by the platform (awards go through AwardGoodwill)");
  }
  if (s.credited.count(c.award_id)) {
    return Reject(codes::kAwardAlreadyCredited, "award {} is already credited",
                  ToString(c.award_id));
  }
  if (c.reason == GoodwillReason::availability_bonus) {
    return Reject(codes::kAvailabilityBonusIsDaily,
                  "the availability bonus is earned by SetHelpAvailability, once a day");
  }
  if (c.from_user_id.has_value() != IsPeerReason(c.reason)) {
    return Reject(c.from_user_id ? codes::kSystemAwardReason : codes::kGiverRequired,
                  "'{}' points {}", EnumName(c.reason),
                  c.from_user_id ? "have no giver" : "come from a giver");
  }
  if (c.from_user_id && *c.from_user_id == c.to_user_id) {
    return Reject(codes::kSelfAward, "users cannot award goodwill to themselves");
  }
  if (auto bad = CheckPoints(c.points, c.reason, policy)) return *bad;
  GoodwillAwarded award;
  award.award_id = c.award_id;
  award.from_user_id = c.from_user_id;
  award.points = c.points;
  award.reason = c.reason;
  award.course_id = c.course_id;
  award.summon_id = c.summon_id;
  return Credit(s, c.to_user_id, award, policy, ctx.now);
}

Decision<Event> SetAvailability(const SetHelpAvailability& c, const GoodwillState& s,
                                const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->peerloop;
  if (!Is(ctx.actor, c.user_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotOwnAccount, "actor {} may toggle only their own availability",
                  ctx.actor.id);
  }
  const UserState* user = ctx.refs->Find<UserState>(UserStream(c.user_id));
  if (!user) return NotFound(codes::kUserNotFound, "user", c.user_id);
  if (!user->Teaches()) {
    return Reject(codes::kNotAStudentTeacher,
                  "user {} is a {}; only student-teachers and creators answer summons",
                  ToString(c.user_id), EnumName(user->role));
  }
  if (c.is_available == s.is_available) {
    return Reject(codes::kAvailabilityUnchanged, "user {} is already {}", ToString(c.user_id),
                  c.is_available ? "available" : "unavailable");
  }
  std::vector<Event> out;
  out.push_back(HelpAvailabilityChanged{
      c.user_id, c.is_available, ctx.now,
      c.is_available ? std::optional<Timestamp>(ctx.now) : s.last_available_at});
  const Date today = DateOf(ctx.now);
  if (c.is_available && s.last_bonus_date != today) {
    GoodwillAwarded bonus;
    bonus.award_id = DeriveUuid(c.user_id, "availability_bonus/" + FormatDate(today));
    bonus.points = policy.availability_bonus.min;
    bonus.reason = GoodwillReason::availability_bonus;
    for (auto& e : Credit(s, c.user_id, bonus, policy, ctx.now)) out.push_back(std::move(e));
  }
  return out;
}

Decision<Event> Promote(const PromotePost& c, const GoodwillState& s, const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->peerloop;
  if (!Is(ctx.actor, c.user_id)) {
    return Reject(codes::kNotOwnAccount, "actor {} may spend only their own points", ctx.actor.id);
  }
  if (s.promotions.count(c.promotion_id)) {
    return Reject(codes::kPromotionAlreadyExists, "promotion {} already exists",
                  ToString(c.promotion_id));
  }
  const PostState* post = ctx.refs->Find<PostState>(PostStream(c.post_id));
  if (!post) return NotFound(codes::kPostNotFound, "post", c.post_id);
  if (!post->course_id || post->parent_id) {
    return Reject(codes::kNotACoursePost,
                  "post {} is not a course-feed post; only those are promoted to the main feed",
                  ToString(c.post_id));
  }
  auto active = s.promoted_until.find(c.post_id);
  if (active != s.promoted_until.end() && ctx.now < active->second) {
    return Reject(codes::kAlreadyPromoted, "user {} promotes post {} until {}", ToString(c.user_id),
                  ToString(c.post_id), FormatIso8601(active->second));
  }
  const int32_t cost = policy.promotion_cost_points;
  if (s.balance() < cost) return Insufficient(s, c.user_id, cost);
  PostPromoted e;
  e.promotion_id = c.promotion_id;
  e.post_id = c.post_id;
  e.promoted_by = c.user_id;
  e.points_spent = cost;
  e.spent_after = s.spent + cost;
  e.balance_after = s.balance() - cost;
  e.promoted_at = ctx.now;
  if (policy.promotion_duration > 0) e.expires_at = ctx.now + policy.promotion_duration;
  e.policy = policy.name;
  return e;
}

Decision<Event> Redeem(const RedeemReward& c, const GoodwillState& s, const DecisionContext& ctx) {
  if (!Is(ctx.actor, c.user_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotOwnAccount, "actor {} may redeem only their own rewards",
                  ctx.actor.id);
  }
  auto it = s.unlocked.find(c.reward_id);
  if (it == s.unlocked.end()) {
    return Reject(codes::kRewardNotUnlocked, "user {} has not unlocked reward {}",
                  ToString(c.user_id), ToString(c.reward_id));
  }
  if (it->second.redeemed) {
    return Reject(codes::kRewardAlreadyRedeemed, "user {} already redeemed reward {}",
                  ToString(c.user_id), ToString(c.reward_id));
  }
  return RewardRedeemed{it->second.unlock_id, c.user_id, c.reward_id, ctx.now};
}

}  // namespace

Decision<Event> GoodwillDecider::decide(const Command& command, const State& state,
                                        const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const AwardGoodwill& c) { return Award(c, state, ctx); },
                 [&](const CreditGoodwill& c) { return CreditIt(c, state, ctx); },
                 [&](const SetHelpAvailability& c) { return SetAvailability(c, state, ctx); },
                 [&](const PromotePost& c) { return Promote(c, state, ctx); },
                 [&](const RedeemReward& c) { return Redeem(c, state, ctx); }},
      command);
}

GoodwillState GoodwillDecider::evolve(State s, const Event& event) {
  std::visit(
      Overloaded{[&](const GoodwillGiven& e) {
                   s.exists = true;
                   s.user_id = e.from_user_id;
                   s.spent += e.points;
                   s.given.insert(e.award_id);
                   s.last_award_to[e.to_user_id] = e.given_at;
                   s.last_awarded_to_user_id = e.to_user_id;
                   s.last_awarded_at = e.given_at;
                 },
                 [&](const GoodwillAwarded& e) {
                   s.exists = true;
                   s.user_id = e.to_user_id;
                   s.total_earned += e.points;
                   s.credited.insert(e.award_id);
                   if (e.reason == GoodwillReason::availability_bonus) {
                     s.last_bonus_date = DateOf(e.awarded_at);
                   }
                 },
                 [&](const RewardUnlocked& e) {
                   s.unlocked[e.reward_id] = UnlockState{e.unlock_id, e.points_threshold, false};
                 },
                 [&](const RewardRedeemed& e) { s.unlocked[e.reward_id].redeemed = true; },
                 [&](const HelpAvailabilityChanged& e) {
                   s.exists = true;
                   s.user_id = e.user_id;
                   s.is_available = e.is_available;
                   s.last_available_at = e.last_available_at;
                 },
                 [&](const PostPromoted& e) {
                   s.exists = true;
                   s.user_id = e.promoted_by;
                   s.spent += e.points_spent;
                   s.promotions.insert(e.promotion_id);
                   s.promoted_until[e.post_id] =
                       e.expires_at ? *e.expires_at : Timestamp{INT64_MAX};
                 }},
      event);
  return s;
}

}  // namespace edu::peerloop
