#include "projections/mentorship/mentorship_projection.h"

#include "domain/core/variant_util.h"
#include "domain/privacy/person.h"
#include "eventstore/event_codec.h"
#include "projections/mentorship/audit_log_rows.h"
#include "projections/mentorship/calendar_rows.h"
#include "projections/mentorship/mentorship_rows.h"
#include "projections/mentorship/support_rows.h"

namespace edu {
namespace mentorship_ddl {
std::vector<std::string> Statements();
}

namespace {

using namespace mentorship;

using MentorshipEvent = std::variant<
    UserRegistered, MentorApplied, MentorVerificationApproved, MentorVerificationAdvanced,
    MentorVerificationRejected, MentorSuspended, MentorReinstated, MentorReapplicationRequired,
    MentorReapplied, MentorPerformanceUpdated, SessionBooked, PaymentCaptured, PaymentFailed,
    SessionRescheduled, SessionStarted, SessionCompleted, SessionCancelled, StudentNoShowRecorded,
    SessionDisputed, DisputeResolved, EscrowReleased, PaymentSplit, RefundRequested, RefundApproved,
    RefundRejected, RefundIssued, RefundFailed, RefundRetried, SessionRated, QualityReviewOpened,
    MentorEarningsCredited, PayoutScheduled, PayoutCarriedOver, PayoutApproved, PayoutCancelled,
    PayoutCompleted, PayoutFailed, SessionNoShowDetected, MentorVerificationExpired,
    MentorReverificationOpened, SessionRecordingErased>;
static_assert(VariantIncludes<UserDecider::Event, MentorshipEvent>::value,
              "the mentorship projection must list every user event");
static_assert(VariantIncludes<MentorDecider::Event, MentorshipEvent>::value,
              "the mentorship projection must list every mentor event");
static_assert(VariantIncludes<SessionDecider::Event, MentorshipEvent>::value,
              "the mentorship projection must list every session event");
static_assert(VariantIncludes<PayoutAccountDecider::Event, MentorshipEvent>::value,
              "the mentorship projection must list every payout account event");

class MentorshipProjection : public Projection {
 public:
  std::string name() const override { return "mentorship"; }
  // 4: the mentor role row is written by the approval only. 5: deadlines (no-show detected,
  // verification expiry, re-verification reviews) and erased recordings.
  int version() const override { return 5; }
  std::string schema() const override { return "mentorship"; }
  std::vector<std::string> Ddl() const override { return mentorship_ddl::Statements(); }
  bool Handles(const RecordedEvent& e) const override { return e.marketplace == "mentorship"; }

  Status Apply(const RecordedEvent& r, RowOps* ops) const override {
    EDU_RETURN_IF_ERROR(AppendAuditLogRow(r, ops));  // mentorship.audit_logs: every event
    if (r.type == privacy::PersonForgotten::kType) return Status::OK();  // docs/gdpr.md
    if (mentorship_rows::IsSupportEvent(r.type)) return mentorship_rows::ProjectSupport(r, ops);
    if (mentorship_rows::IsCalendarEvent(r.type)) return mentorship_rows::ProjectCalendar(r, ops);
    MentorshipEvent event;
    EDU_RETURN_IF_ERROR(DecodeEvent(r, &event));
    // One Project overload per event type (mentorship_rows.h): a missing one fails to compile.
    std::visit([&](const auto& e) { mentorship_rows::Project(r, e, ops); }, event);
    return Status::OK();
  }
};

}  // namespace

std::unique_ptr<Projection> MakeMentorshipProjection() {
  return std::make_unique<MentorshipProjection>();
}

}  // namespace edu
