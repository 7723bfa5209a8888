#include "domain/skillspring/review_moderation.h"

#include "domain/core/field_limits.h"
#include "domain/skillspring/rules.h"

namespace edu::skillspring::review_moderation {
namespace {

using S = ModerationStatus;
using T = ModerationTrigger;

// A reason that is not only whitespace (trimmed), within the TEXT column's limit.
std::optional<Rejection> CheckReason(const std::string& trimmed, const char* field) {
  return CheckText(trimmed, static_cast<size_t>(kLongTextMaxLength), field, codes::kReasonRequired);
}

// The review exists and a moderator may still act on it; otherwise why not.
std::optional<Rejection> CheckModeration(const Uuid& review_id, const ReviewState& s,
                                         const DecisionContext& ctx, T trigger) {
  if (!IsAdmin(ctx.actor)) {
    return Reject(codes::kAdminOnly, "only an admin (Skillspring's moderator) moderates reviews");
  }
  if (!s.exists) {
    return Reject(codes::kReviewNotFound, "review {} does not exist", ToString(review_id));
  }
  if (s.moderation.status() == S::removed) {
    return Reject(codes::kReviewRemoved, "review {} was removed", ToString(review_id));
  }
  if (!s.moderation.Allows(trigger)) {
    return Reject(codes::kReviewNotReported, "review {} has no open report", ToString(review_id));
  }
  return std::nullopt;
}

Uuid ModeratorId(const DecisionContext& ctx) { return ParseUuid(ctx.actor.id).value_or(Uuid{}); }

}  // namespace

Decision<Event> Report(const ReportReview& c, const ReviewState& s, const DecisionContext& ctx) {
  if (!Is(ctx.actor, c.reporter_id)) {
    return Reject(codes::kNotOwnReview, "reviews are reported as oneself");
  }
  if (!s.exists) {
    return Reject(codes::kReviewNotFound, "review {} does not exist", ToString(c.review_id));
  }
  if (s.moderation.status() == S::removed) {
    return Reject(codes::kReviewRemoved, "review {} was removed", ToString(c.review_id));
  }
  if (c.reporter_id == s.student_id) {
    return Reject(codes::kOwnReview, "a student cannot report their own review");
  }
  if (s.reporters.count(c.reporter_id)) {
    return Reject(codes::kAlreadyReported, "{} has already reported review {}",
                  ToString(c.reporter_id), ToString(c.review_id));
  }
  const std::string reason = TrimmedText(c.reason);
  if (auto bad = CheckReason(reason, "reason")) return *bad;
  return ReviewReported{c.review_id, c.reporter_id, reason, s.reported_count() + 1};
}

Decision<Event> Dismiss(const DismissReviewReports& c, const ReviewState& s,
                        const DecisionContext& ctx) {
  if (auto refused = CheckModeration(c.review_id, s, ctx, T::dismiss)) return *refused;
  std::optional<std::string> note;
  if (c.note && !TrimmedText(*c.note).empty()) note = TrimmedText(*c.note);
  return ReviewReportsDismissed{c.review_id, ModeratorId(ctx), note, s.reported_count()};
}

Decision<Event> Remove(const RemoveReview& c, const ReviewState& s, const DecisionContext& ctx) {
  if (auto refused = CheckModeration(c.review_id, s, ctx, T::remove)) return *refused;
  const std::string reason = TrimmedText(c.reason);
  if (auto bad = CheckReason(reason, "reason")) return *bad;
  return ReviewRemoved{c.review_id, s.course_id,      s.student_id, s.mentor_id,
                       s.rating,    ModeratorId(ctx), reason};
}

}  // namespace edu::skillspring::review_moderation
