// The row operations of every mentorship event, one overload per event type, so the projection's
// dispatch (mentorship_projection.cc) fails to compile when an event has none. Split by stream:
// people_rows.cc (users, mentors), session_rows.cc (sessions, payments, conflicts, reviews,
// progress), payout_rows.cc (payout accounts: mentor_payouts and the payout columns of payments).
//
// Ordering (projections/row_ops.h): a payments row is written from its session's stream and from
// its mentor's payout account stream, which live on different partitions. Both sides Upsert it
// and write disjoint columns: the session side everything about the money in escrow, the payout
// side payout_id and payout_status.
#pragma once

#include <optional>
#include <string>

#include "domain/mentorship/mentor.h"
#include "domain/mentorship/payout_account.h"
#include "domain/mentorship/session.h"
#include "domain/mentorship/user.h"
#include "eventstore/envelope.h"
#include "projections/row_ops.h"

namespace edu::mentorship_rows {

using namespace mentorship;

void Project(const RecordedEvent& r, const UserRegistered& e, RowOps* ops);
void Project(const RecordedEvent& r, const MentorApplied& e, RowOps* ops);
void Project(const RecordedEvent& r, const MentorVerificationApproved& e, RowOps* ops);
void Project(const RecordedEvent& r, const MentorVerificationAdvanced& e, RowOps* ops);
void Project(const RecordedEvent& r, const MentorVerificationRejected& e, RowOps* ops);
void Project(const RecordedEvent& r, const MentorSuspended& e, RowOps* ops);
void Project(const RecordedEvent& r, const MentorReinstated& e, RowOps* ops);
void Project(const RecordedEvent& r, const MentorReapplicationRequired& e, RowOps* ops);
void Project(const RecordedEvent& r, const MentorReapplied& e, RowOps* ops);
void Project(const RecordedEvent& r, const MentorPerformanceUpdated& e, RowOps* ops);

void Project(const RecordedEvent& r, const SessionBooked& e, RowOps* ops);
void Project(const RecordedEvent& r, const PaymentCaptured& e, RowOps* ops);
void Project(const RecordedEvent& r, const PaymentFailed& e, RowOps* ops);
void Project(const RecordedEvent& r, const SessionRescheduled& e, RowOps* ops);
void Project(const RecordedEvent& r, const SessionStarted& e, RowOps* ops);
void Project(const RecordedEvent& r, const SessionCompleted& e, RowOps* ops);
void Project(const RecordedEvent& r, const SessionCancelled& e, RowOps* ops);
void Project(const RecordedEvent& r, const StudentNoShowRecorded& e, RowOps* ops);
void Project(const RecordedEvent& r, const SessionDisputed& e, RowOps* ops);
void Project(const RecordedEvent& r, const DisputeResolved& e, RowOps* ops);
void Project(const RecordedEvent& r, const EscrowReleased& e, RowOps* ops);
void Project(const RecordedEvent& r, const PaymentSplit& e, RowOps* ops);
void Project(const RecordedEvent& r, const RefundRequested& e, RowOps* ops);
void Project(const RecordedEvent& r, const RefundApproved& e, RowOps* ops);
void Project(const RecordedEvent& r, const RefundRejected& e, RowOps* ops);
void Project(const RecordedEvent& r, const RefundIssued& e, RowOps* ops);
void Project(const RecordedEvent& r, const RefundFailed& e, RowOps* ops);
void Project(const RecordedEvent& r, const RefundRetried& e, RowOps* ops);
void Project(const RecordedEvent& r, const SessionRated& e, RowOps* ops);
void Project(const RecordedEvent& r, const QualityReviewOpened& e, RowOps* ops);
// deadline_rows.cc
void Project(const RecordedEvent& r, const SessionNoShowDetected& e, RowOps* ops);
void Project(const RecordedEvent& r, const MentorVerificationExpired& e, RowOps* ops);
void Project(const RecordedEvent& r, const MentorReverificationOpened& e, RowOps* ops);
void Project(const RecordedEvent& r, const SessionRecordingErased& e, RowOps* ops);

void Project(const RecordedEvent& r, const MentorEarningsCredited& e, RowOps* ops);
void Project(const RecordedEvent& r, const PayoutScheduled& e, RowOps* ops);
void Project(const RecordedEvent& r, const PayoutCarriedOver& e, RowOps* ops);
void Project(const RecordedEvent& r, const PayoutApproved& e, RowOps* ops);
void Project(const RecordedEvent& r, const PayoutCancelled& e, RowOps* ops);
void Project(const RecordedEvent& r, const PayoutCompleted& e, RowOps* ops);
void Project(const RecordedEvent& r, const PayoutFailed& e, RowOps* ops);

// A gateway's response for a jsonb column; a response that is not JSON is kept as a JSON string.
SqlValue GatewayResponse(const std::optional<std::string>& text);
// A rating or score in hundredths as NUMERIC with two decimals.
SqlValue Hundredths(int64_t value);
SqlValue Hundredths(const std::optional<int32_t>& value);

}  // namespace edu::mentorship_rows
