// The scheduler's mentorship deadlines beyond escrow, payouts and reminders (commands/scheduler.h):
// no-show detection, verification expiry, the quarterly re-verification and the recording erasure
// (PRD §14.2 retention; docs/mentorship.md "Retention"):
//   mentorship.recording_erasure EraseSessionRecording  recording_retention_days (730) after a
//                                                 SessionCompleted with a recording_url; dropped
//                                                 by SessionRecordingErased
#include <variant>

#include "commands/scheduler.h"
#include "commands/scheduler_internal.h"
#include "domain/core/variant_util.h"
#include "domain/mentorship/mentor.h"
#include "domain/mentorship/session.h"
#include "eventstore/event_codec.h"

namespace edu {

namespace {
constexpr char kNoShow[] = "mentorship.no_show";
constexpr char kVerificationExpiry[] = "mentorship.verification_expiry";
constexpr char kReverification[] = "mentorship.reverification";
constexpr char kRecordingErasure[] = "mentorship.recording_erasure";
}  // namespace

// An approval's expiry_date and auto_reverify_date (00:00 UTC of each) start the expiry and the
// quarterly review; a re-approval moves both; an opened review starts the next one; an expiry, a
// required reapplication or a rejection drops them.
Status DeadlineBook::ApplyMentorVerification(const RecordedEvent& e) {
  using namespace mentorship;
  using Events = std::variant<MentorVerificationApproved, MentorVerificationExpired,
                              MentorReverificationOpened, MentorReapplicationRequired,
                              MentorVerificationRejected>;
  if (!HandlesEventType<Events>(e.type)) return Status::OK();
  Events event;
  EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
  const Uuid mentor_id = std::visit([](const auto& m) { return m.mentor_id; }, event);
  auto review_at = [&](Date date) {
    Add(scheduler_internal::Make(kReverification, "mentorship", OpenMentorReverification{mentor_id},
                                 StartOfDay(date)));
  };
  if (const auto* opened = std::get_if<MentorReverificationOpened>(&event)) {
    RemoveAbout(kReverification, MentorStream(mentor_id));
    review_at(opened->next_reverify_date);
    return Status::OK();
  }
  RemoveAbout(kReverification, MentorStream(mentor_id));
  RemoveAbout(kVerificationExpiry, MentorStream(mentor_id));
  const auto* approved = std::get_if<MentorVerificationApproved>(&event);
  if (!approved) return Status::OK();
  if (approved->expiry_date) {
    Add(scheduler_internal::Make(kVerificationExpiry, "mentorship",
                                 ExpireMentorVerification{mentor_id},
                                 StartOfDay(*approved->expiry_date)));
  }
  if (approved->auto_reverify_date) review_at(*approved->auto_reverify_date);
  return Status::OK();
}

// A booked session not started by scheduled_at + no_show_grace is flagged (DetectNoShow); a
// reschedule moves the deadline; a start, a completion, a cancellation, a reported no-show (either
// party's, SessionDisputed) or the detection drop it.
Status DeadlineBook::ApplyMentorshipDeadlines(const RecordedEvent& e) {
  using namespace mentorship;
  EDU_RETURN_IF_ERROR(ApplyMentorVerification(e));
  if (HandlesEventType<std::variant<SessionRecordingErased>>(e.type)) {
    std::variant<SessionRecordingErased> erased;
    EDU_RETURN_IF_ERROR(DecodeEvent(e, &erased));
    RemoveAbout(kRecordingErasure, SessionStream(std::get<0>(erased).session_id));
    return Status::OK();
  }
  using Events =
      std::variant<SessionBooked, SessionRescheduled, SessionStarted, SessionCompleted,
                   SessionCancelled, StudentNoShowRecorded, SessionDisputed, SessionNoShowDetected>;
  if (!HandlesEventType<Events>(e.type)) return Status::OK();
  Events event;
  EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
  const Uuid session_id = std::visit([](const auto& s) { return s.session_id; }, event);
  RemoveAbout(kNoShow, SessionStream(session_id));
  if (const auto* done = std::get_if<SessionCompleted>(&event); done && done->recording_url) {
    Add(scheduler_internal::Make(
        kRecordingErasure, "mentorship", EraseSessionRecording{session_id},
        done->completed_at + Days(policies_->mentorship.recording_retention_days)));
  }
  std::optional<Timestamp> start;
  if (const auto* booked = std::get_if<SessionBooked>(&event)) start = booked->scheduled_at;
  if (const auto* moved = std::get_if<SessionRescheduled>(&event)) start = moved->scheduled_at;
  if (!start) return Status::OK();
  Add(scheduler_internal::Make(kNoShow, "mentorship", DetectNoShow{session_id},
                               *start + policies_->mentorship.no_show_grace));
  return Status::OK();
}

}  // namespace edu
