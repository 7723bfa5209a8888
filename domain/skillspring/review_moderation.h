// Reporting and moderating a review (review_moderation.cc), decided by ReviewDecider (review.cc).
#pragma once

#include "domain/skillspring/review.h"

namespace edu::skillspring::review_moderation {

using Event = ReviewDecider::Event;

Decision<Event> Report(const ReportReview& c, const ReviewState& s, const DecisionContext& ctx);
Decision<Event> Dismiss(const DismissReviewReports& c, const ReviewState& s,
                        const DecisionContext& ctx);
Decision<Event> Remove(const RemoveReview& c, const ReviewState& s, const DecisionContext& ctx);

}  // namespace edu::skillspring::review_moderation
