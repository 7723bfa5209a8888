#include "domain/mentorship/session.h"

#include <string>
#include <utility>

#include "domain/mentorship/session_deadlines.h"
#include "domain/mentorship/session_internal.h"
#include "domain/policies.h"

namespace edu::mentorship {

int64_t SessionPrice(int64_t hourly_rate_minor, int32_t minutes) {
  Int128 scaled = static_cast<Int128>(hourly_rate_minor) * minutes;
  return static_cast<int64_t>((scaled + 30) / 60);
}

CancellationTerms CancellationRefund(SessionParty party, Micros notice, const Policy& policy) {
  auto terms = [](BasisPoints bps) {
    RefundPolicy rule = bps >= kWhole ? RefundPolicy::full_refund
                        : bps > 0     ? RefundPolicy::partial_refund
                                      : RefundPolicy::no_refund;
    return CancellationTerms{rule, bps};
  };
  switch (party) {
    case SessionParty::mentor:
      return terms(policy.mentor_cancellation_refund_bps);
    case SessionParty::student:
      if (notice >= policy.full_refund_notice) return terms(kWhole);
      if (notice >= policy.partial_refund_notice) return terms(policy.partial_refund_bps);
      return terms(0);
  }
  return terms(0);
}

Uuid RefundIdFor(const Uuid& payment_id, int n) {
  return DeriveUuid(payment_id, "refund-" + std::to_string(n));
}

const RefundState* PaymentState::FindRefund(const Uuid& refund_id) const {
  for (const auto& r : refunds) {
    if (r.refund_id == refund_id) return &r;
  }
  return nullptr;
}

RefundState* PaymentState::FindRefund(const Uuid& refund_id) {
  for (auto& r : refunds) {
    if (r.refund_id == refund_id) return &r;
  }
  return nullptr;
}

namespace {

using Event = SessionDecider::Event;

// ---- evolving ----------------------------------------------------------------------------------

void MoveEscrowTo(PaymentState& p, std::optional<EscrowStatus> target) {
  if (target && *target != p.escrow.status()) p.escrow.Fire(session_internal::TriggerInto(*target));
}

// Folds one event into a session's state: one operator() per event type and no catch-all, so an
// event without a handler does not compile.
struct Evolver {
  SessionState& s;

  // The payment and refund an event is about; null (and the stream marked inconsistent) when the
  // history before it never produced them.
  PaymentState* Payment(const char* type) {
    if (!s.payment) s.inconsistency = fmt::format("{} without a captured payment before it", type);
    return s.payment ? &*s.payment : nullptr;
  }

  RefundState* Refund(const char* type, const Uuid& refund_id) {
    PaymentState* p = Payment(type);
    RefundState* r = p ? p->FindRefund(refund_id) : nullptr;
    if (p && !r) {
      s.inconsistency = fmt::format("{} for refund {}, never requested", type, ToString(refund_id));
    }
    return r;
  }

  void operator()(const SessionBooked& e) {
    s.exists = true;
    s.session_id = e.session_id;
    s.student_id = e.student_id;
    s.mentor_id = e.mentor_id;
    s.mentor_user_id = e.mentor_user_id;
    s.scheduled_at = e.scheduled_at;
    s.duration_minutes = e.duration_minutes;
    s.amount = e.amount;
  }

  void operator()(const PaymentCaptured& e) {
    s.booking.Fire(BookingTrigger::pay);
    PaymentState p;
    p.payment_id = e.payment_id;
    p.gateway_payment_id = e.gateway_payment_id;
    p.captured = e.amount;
    p.held = e.amount.minor;
    s.payment = std::move(p);
  }

  void operator()(const PaymentFailed& e) {
    s.failed_attempts[e.gateway_payment_id] = e.payment_id;
  }

  void operator()(const SessionRescheduled& e) {
    s.booking.Fire(BookingTrigger::reschedule);
    s.scheduled_at = e.scheduled_at;
    s.reschedule_count = e.reschedule_count;
  }

  void operator()(const SessionStarted&) { s.booking.Fire(BookingTrigger::start); }

  void operator()(const SessionCompleted& e) {
    s.booking.Fire(BookingTrigger::complete);
    s.escrow_release_due = e.escrow_release_due;
    if (e.recording_url) s.recording_completed_at = e.completed_at;
  }

  void operator()(const SessionCancelled&) { s.booking.Fire(BookingTrigger::cancel); }

  void operator()(const StudentNoShowRecorded& e) {
    s.booking.Fire(BookingTrigger::student_no_show);
    s.escrow_release_due = e.escrow_release_due;
  }

  void operator()(const SessionDisputed& e) {
    s.booking.Fire(e.conflict_type == ConflictType::mentor_no_show ? BookingTrigger::mentor_no_show
                                                                   : BookingTrigger::dispute);
    if (PaymentState* p = Payment("SessionDisputed")) p->escrow.Fire(EscrowTrigger::dispute);
    s.conflict = ConflictState{e.conflict_id, e.conflict_type, false};
    ++s.conflicts_opened;
  }

  void operator()(const DisputeResolved&) {
    if (!s.conflict) {
      s.inconsistency = "DisputeResolved without a dispute before it";
      return;
    }
    s.booking.Fire(BookingTrigger::resolve);
    s.conflict->resolved = true;
  }

  void operator()(const EscrowReleased& e) {
    PaymentState* paid = Payment("EscrowReleased");
    if (!paid) return;
    PaymentState& p = *paid;
    p.held -= e.amount.minor;
    p.released += e.amount.minor;
    MoveEscrowTo(p, e.escrow_status_after
                        ? e.escrow_status_after
                        : std::optional<EscrowStatus>(p.held == 0 ? EscrowStatus::released
                                                                  : EscrowStatus::held));
  }

  void operator()(const PaymentSplit& e) {
    if (!Payment("PaymentSplit")) return;
    s.payment->split = SplitState{e.amount.minor, e.platform_fee.minor, e.mentor_earnings.minor};
  }

  void operator()(const RefundRequested& e) {
    RefundState r;
    r.refund_id = e.refund_id;
    r.amount = e.amount.minor;
    if (PaymentState* p = Payment("RefundRequested")) p->refunds.push_back(std::move(r));
  }

  void operator()(const RefundApproved& e) {
    RefundState* approved = Refund("RefundApproved", e.refund_id);
    if (!approved) return;
    PaymentState& p = *s.payment;
    RefundState& r = *approved;
    r.machine.Fire(RefundTrigger::approve);
    r.amount = e.amount.minor;
    p.held -= e.amount.minor;
    p.refunded += e.amount.minor;
    MoveEscrowTo(p, e.escrow_status_after);
  }

  void operator()(const RefundRejected& e) {
    if (RefundState* r = Refund("RefundRejected", e.refund_id)) {
      r->machine.Fire(RefundTrigger::reject);
    }
  }

  void operator()(const RefundIssued& e) {
    RefundState* issued = Refund("RefundIssued", e.refund_id);
    if (!issued) return;
    RefundState& r = *issued;
    r.machine.Fire(RefundTrigger::issue);
    r.reports[e.gateway_refund_id] = RefundState::Report{true, e.amount.minor, {}};
    s.payment->issued += e.amount.minor;
  }

  void operator()(const RefundFailed& e) {
    RefundState* failed = Refund("RefundFailed", e.refund_id);
    if (!failed) return;
    RefundState& r = *failed;
    r.machine.Fire(RefundTrigger::fail);
    r.reports[e.gateway_refund_id] = RefundState::Report{false, 0, e.failure_reason};
  }

  void operator()(const RefundRetried& e) {
    if (RefundState* r = Refund("RefundRetried", e.refund_id)) {
      r->machine.Fire(RefundTrigger::retry);
    }
  }

  void operator()(const SessionRated& e) {
    (e.rated_by == SessionParty::student ? s.satisfaction_rating : s.mentor_rating) = e.rating;
  }

  void operator()(const QualityReviewOpened&) {}

  void operator()(const SessionNoShowDetected& e) { s.no_show_detected_for = e.scheduled_at; }

  void operator()(const SessionRecordingErased&) { s.recording_erased = true; }
};

}  // namespace

Decision<Event> SessionDecider::decide(const Command& command, const State& state,
                                       const DecisionContext& ctx) {
  if (!state.inconsistency.empty()) {
    return Reject(codes::kStreamInconsistent,
                  "session {} cannot be decided on: its history holds {}",
                  ToString(state.session_id), state.inconsistency);
  }
  return std::visit(
      Overloaded{
          [&](const BookSession& c) { return session_internal::Book(c, state, ctx); },
          [&](const CapturePayment& c) { return session_internal::Capture(c, state, ctx); },
          [&](const RecordPaymentFailed& c) {
            return session_internal::PaymentFailure(c, state, ctx);
          },
          [&](const RescheduleSession& c) { return session_internal::Reschedule(c, state, ctx); },
          [&](const StartSession& c) { return session_internal::Start(c, state, ctx); },
          [&](const CompleteSession& c) { return session_internal::Complete(c, state, ctx); },
          [&](const CancelSession& c) { return session_internal::Cancel(c, state, ctx); },
          [&](const ReportNoShow& c) { return session_internal::NoShow(c, state, ctx); },
          [&](const RaiseDispute& c) { return session_internal::Dispute(c, state, ctx); },
          [&](const ResolveDispute& c) { return session_internal::Resolve(c, state, ctx); },
          [&](const ReleaseEscrow& c) { return session_internal::Release(c, state, ctx); },
          [&](const RecordRefundIssued& c) {
            return session_internal::RefundIssuedReport(c, state, ctx);
          },
          [&](const RecordRefundFailed& c) {
            return session_internal::RefundFailedReport(c, state, ctx);
          },
          [&](const RetryRefund& c) { return session_internal::Retry(c, state, ctx); },
          [&](const RateSession& c) { return session_internal::Rate(c, state, ctx); },
          [&](const DetectNoShow& c) { return session_internal::DetectAbsence(c, state, ctx); },
          [&](const EraseSessionRecording& c) {
            return session_internal::EraseRecording(c, state, ctx);
          }},
      command);
}

SessionState SessionDecider::evolve(State s, const Event& event) {
  if (!s.inconsistency.empty()) return s;
  std::visit(Evolver{s}, event);
  return s;
}

}  // namespace edu::mentorship
