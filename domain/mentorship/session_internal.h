// The mentorship session decider's steps, shared by its files: SessionDecider::decide (session.cc)
// hands each command to one of the deciders below. Internal to domain/mentorship.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/decision.h"
#include "domain/mentorship/session.h"
#include "domain/policies.h"

namespace edu::mentorship::session_internal {

using Event = SessionDecider::Event;
using Events = std::vector<Event>;

// What leaves escrow when a session is settled: `refund` to the student (approving the refund
// `refund_id`, already requested), the rest released and split between platform and mentor.
struct Settlement {
  int64_t refund = 0;
  Uuid refund_id;
  std::string reason;
  std::string approved_by;
};

// Refusals, parties and settling the escrow (session_rules.cc).
Rejection IllegalTransition(const SessionState& s, const char* action);
Rejection Missing(const Uuid& session_id);
Rejection RefundMissing(const SessionState& s, const Uuid& refund_id);
Rejection IllegalRefund(const SessionState& s, const RefundState& r, const char* action);
Rejection NotStaff(const char* what);
Rejection TextRequired(const char* field);
Rejection GatewayConflict(const std::string& gateway_id, const char* what);
bool IsStaff(const Actor& a);
std::optional<SessionParty> PartyOf(const SessionState& s, const Actor& a);
std::optional<Rejection> ResolveParty(const SessionState& s, const DecisionContext& ctx,
                                      const std::optional<SessionParty>& on_behalf_of,
                                      const char* action, SessionParty* party);
std::optional<Rejection> NotBeforeStart(const SessionState& s, const DecisionContext& ctx,
                                        const char* action);
Money MoneyLike(int64_t minor, const Money& like);
std::optional<int32_t> RatingHundredths(double rating);
EscrowTrigger TriggerInto(EscrowStatus target);
EscrowStatus SettledStatus(const PaymentState& p, int64_t refund);
Uuid NextRefundId(const PaymentState& p);
std::optional<Rejection> Settle(const SessionState& s, const Policy& policy,
                                const Settlement& settlement, Events* out);
std::optional<Rejection> ReleaseAll(const SessionState& s, const Policy& policy, Events* out);

// Booking, payment reports, schedule changes and the start (session_booking.cc).
Decision<Event> Book(const BookSession& c, const SessionState& s, const DecisionContext& ctx);
std::optional<Rejection> CheckPaymentReport(const SessionState& s, const Money& amount,
                                            const std::string& gateway_payment_id);
Decision<Event> Capture(const CapturePayment& c, const SessionState& s, const DecisionContext&);
Decision<Event> PaymentFailure(const RecordPaymentFailed& c, const SessionState& s,
                               const DecisionContext&);
Decision<Event> Reschedule(const RescheduleSession& c, const SessionState& s,
                           const DecisionContext& ctx);
Decision<Event> Start(const StartSession& c, const SessionState& s, const DecisionContext& ctx);

// The end of a session and its ratings (session_ending.cc).
std::optional<Timestamp> ReleaseDue(const Policy& policy, Timestamp now);
Decision<Event> Complete(const CompleteSession& c, const SessionState& s,
                         const DecisionContext& ctx);
void OpenDispute(const SessionState& s, const DecisionContext& ctx, ConflictType type,
                 SessionParty reporter, const std::optional<std::string>& notes, int64_t refund,
                 Events* out);
Decision<Event> NoShow(const ReportNoShow& c, const SessionState& s, const DecisionContext& ctx);
Decision<Event> Cancel(const CancelSession& c, const SessionState& s, const DecisionContext& ctx);
Decision<Event> Rate(const RateSession& c, const SessionState& s, const DecisionContext& ctx);

// Disputes, the escrow release and refunds through the gateway (session_disputes.cc).
Rejection AlreadyReleased(const SessionState& s);
Decision<Event> Dispute(const RaiseDispute& c, const SessionState& s, const DecisionContext& ctx);
Decision<Event> Resolve(const ResolveDispute& c, const SessionState& s, const DecisionContext& ctx);
Decision<Event> Release(const ReleaseEscrow& c, const SessionState& s, const DecisionContext& ctx);
std::optional<Rejection> CheckRefundReport(const SessionState& s, const Uuid& refund_id,
                                           const std::string& gateway_refund_id,
                                           const RefundState** refund);
Decision<Event> RefundIssuedReport(const RecordRefundIssued& c, const SessionState& s,
                                   const DecisionContext&);
Decision<Event> RefundFailedReport(const RecordRefundFailed& c, const SessionState& s,
                                   const DecisionContext&);
Decision<Event> Retry(const RetryRefund& c, const SessionState& s, const DecisionContext& ctx);

}  // namespace edu::mentorship::session_internal
