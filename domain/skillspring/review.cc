#include "domain/skillspring/review.h"

#include "domain/skillspring/learner.h"
#include "domain/skillspring/review_moderation.h"
#include "domain/skillspring/rules.h"

namespace edu::skillspring {
namespace {

using Event = ReviewDecider::Event;

Decision<Event> Write(const WriteReview& c, const ReviewState& s, const DecisionContext& ctx) {
  if (!Is(ctx.actor, c.student_id)) {
    return Reject(codes::kNotOwnReview, "students write reviews as themselves");
  }
  if (s.exists) {
    return Reject(codes::kReviewAlreadyExists, "student {} has already reviewed course {}",
                  ToString(c.student_id), ToString(c.course_id));
  }
  const LearnerState* learner = ctx.refs->Find<LearnerState>(LearnerStream(c.student_id));
  const Purchase* owned = learner ? learner->Owned(c.course_id) : nullptr;
  if (!owned) {
    return Reject(codes::kNotEnrolled, "only students enrolled in course {} may review it",
                  ToString(c.course_id));
  }
  if (c.rating < 1 || c.rating > 5) {
    return Reject(codes::kInvalidRating, "rating must be within 1..5, got {}", c.rating);
  }
  if (c.title && c.title->size() > 140) {
    return Reject(codes::kInvalidTitle, "title has at most 140 characters");
  }
  return ReviewWritten{ReviewIdFor(c.student_id, c.course_id),
                       c.course_id,
                       c.student_id,
                       owned->mentor_id,
                       c.rating,
                       c.title,
                       c.body,
                       c.would_recommend,
                       true};
}

Decision<Event> CastVote(const VoteReview& c, const ReviewState& s, const DecisionContext& ctx) {
  if (!Is(ctx.actor, c.student_id)) {
    return Reject(codes::kNotOwnVote, "students vote as themselves");
  }
  if (!s.exists) {
    return Reject(codes::kReviewNotFound, "review {} does not exist", ToString(c.review_id));
  }
  if (s.moderation.status() == ModerationStatus::removed) {
    return Reject(codes::kReviewRemoved, "review {} was removed", ToString(c.review_id));
  }
  if (c.student_id == s.student_id) {
    return Reject(codes::kOwnReview, "a student cannot vote on their own review");
  }
  if (s.voters.count(c.student_id)) {
    return Reject(codes::kAlreadyVoted, "student {} has already voted on review {}",
                  ToString(c.student_id), ToString(c.review_id));
  }
  return ReviewVoted{c.review_id, c.student_id, c.vote,
                     s.helpful_count + (c.vote == Vote::helpful ? 1 : 0)};
}

}  // namespace

Decision<Event> ReviewDecider::decide(const Command& command, const State& state,
                                      const DecisionContext& ctx) {
  return std::visit(
      Overloaded{
          [&](const WriteReview& c) { return Write(c, state, ctx); },
          [&](const VoteReview& c) { return CastVote(c, state, ctx); },
          [&](const ReportReview& c) { return review_moderation::Report(c, state, ctx); },
          [&](const DismissReviewReports& c) { return review_moderation::Dismiss(c, state, ctx); },
          [&](const RemoveReview& c) { return review_moderation::Remove(c, state, ctx); }},
      command);
}

ReviewState ReviewDecider::evolve(State s, const Event& event) {
  std::visit(
      Overloaded{
          [&](const ReviewWritten& e) {
            s.exists = true;
            s.review_id = e.review_id;
            s.student_id = e.student_id;
            s.course_id = e.course_id;
            s.mentor_id = e.mentor_id;
            s.rating = e.rating;
          },
          [&](const ReviewVoted& e) {
            s.voters.insert(e.student_id);
            s.helpful_count = e.helpful_count_after;
          },
          [&](const ReviewReported& e) {
            s.reporters.insert(e.reporter_id);
            s.moderation.Fire(ModerationTrigger::report);
          },
          [&](const ReviewReportsDismissed&) { s.moderation.Fire(ModerationTrigger::dismiss); },
          [&](const ReviewRemoved&) { s.moderation.Fire(ModerationTrigger::remove); }},
      event);
  return s;
}

}  // namespace edu::skillspring
