// Events of the scheduler's mentorship deadlines (no-show detection, verification expiry, the
// quarterly re-verification, the recording erasure). SessionNoShowDetected flags a session nobody
// started for review: sessions.status stays confirmed (the seed's statuses say who was absent,
// which the detection does not know) and no money moves; the flag is read from audit_logs (every
// event's row, written by the projection before this) and settled by ReportNoShow.
#include "projections/mentorship/mentorship_rows.h"
#include "projections/values.h"

namespace edu::mentorship_rows {

void Project(const RecordedEvent&, const SessionNoShowDetected&, RowOps*) {}

// The mentor must reapply: mentors.verification_status and is_active, and a history row.
void Project(const RecordedEvent& r, const MentorVerificationExpired& e, RowOps* ops) {
  ops->Update("mentors", {{"id", e.mentor_id}},
              {{"verification_status", EnumValue(VerificationStatus::reapplication_required)},
               {"is_active", false}});
  ops->Insert("mentor_verification",
              {{"id", e.step_id},
               {"mentor_id", e.mentor_id},
               {"verification_type", std::string("verification_expiry")},
               {"verification_status", EnumValue(VerificationStatus::reapplication_required)},
               {"submitted_at", r.occurred_at},
               {"reviewed_by", ActorUserValue(r.actor.id)},
               {"reviewed_at", r.occurred_at},
               {"expiry_date", SqlValue(e.expiry_date)}});
}

// The quarterly review for support to carry out (reviewer, rating and action come later).
void Project(const RecordedEvent& r, const MentorReverificationOpened& e, RowOps* ops) {
  ops->Insert("quality_reviews", {{"id", e.review_id},
                                  {"mentor_id", e.mentor_id},
                                  {"review_type", std::string("quarterly_reverification")},
                                  {"reviewer_id", Null{}},
                                  {"review_date", r.occurred_at},
                                  {"rating", Null{}},
                                  {"feedback", Null{}},
                                  {"action_taken", Null{}},
                                  {"follow_up_required", true},
                                  {"created_at", r.occurred_at}});
}

// The recording's retention ended: the session's recording columns are emptied.
void Project(const RecordedEvent&, const SessionRecordingErased& e, RowOps* ops) {
  ops->Update("sessions", {{"id", e.session_id}},
              {{"recording_url", Null{}}, {"recording_access_expires", Null{}}});
}

}  // namespace edu::mentorship_rows
