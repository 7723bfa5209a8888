// A session's stream: sessions, the session side of payments (the money in escrow), refunds,
// session_conflicts, quality_reviews and user_progress. Every figure comes from the events; the
// payments status is the escrow's status after each event (or 'failed' for a failed attempt).
#include <rapidjson/document.h>

#include "projections/mentorship/mentorship_rows.h"
#include "projections/values.h"

namespace edu::mentorship_rows {

SqlValue GatewayResponse(const std::optional<std::string>& text) {
  if (!text) return Null{};
  rapidjson::Document doc;
  doc.Parse(text->data(), text->size());
  if (!doc.HasParseError()) return Json{*text};
  std::string quoted = "\"";
  for (char c : *text) {
    if (c == '"' || c == '\\') quoted += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    quoted += c;
  }
  return Json{quoted + "\""};
}

SqlValue Hundredths(int64_t value) { return Decimal{value, 2}; }
SqlValue Hundredths(const std::optional<int32_t>& value) {
  return value ? Hundredths(int64_t{*value}) : SqlValue(Null{});
}

namespace {

void SessionSet(const Uuid& session_id, Columns set, RowOps* ops) {
  ops->Update("sessions", {{"id", session_id}}, std::move(set));
}

void PaymentSet(const Uuid& payment_id, Columns set, RowOps* ops) {
  ops->Update("payments", {{"id", payment_id}}, std::move(set));
}

SqlValue Status(BookingStatus status) { return EnumValue(status); }
SqlValue Status(EscrowStatus status) { return EnumValue(status); }

}  // namespace

void Project(const RecordedEvent& r, const SessionBooked& e, RowOps* ops) {
  ops->Insert("sessions", {{"id", e.session_id},
                           {"user_id", e.student_id},
                           {"mentor_id", e.mentor_id},
                           {"scheduled_at", e.scheduled_at},
                           {"duration", int64_t{e.duration_minutes}},
                           {"amount", MoneyValue(e.amount)},
                           {"currency", e.amount.currency},
                           {"status", Status(BookingStatus::requested)},
                           {"session_type", EnumValue(e.session_type)},
                           {"session_language", e.session_language},
                           {"user_questions", e.user_questions},
                           {"follow_up_tasks", std::vector<std::string>{}},
                           {"created_at", r.occurred_at}});
}

// The session side of a payments row: Upsert, since the payout side may have created it first.
void Project(const RecordedEvent& r, const PaymentCaptured& e, RowOps* ops) {
  ops->Upsert("payments", {"id"},
              {{"id", e.payment_id},
               {"session_id", e.session_id},
               {"user_id", e.student_id},
               {"mentor_id", e.mentor_id},
               {"amount", MoneyValue(e.amount)},
               {"currency", e.amount.currency},
               {"payment_method", EnumValue(e.payment_method)},
               {"status", Status(EscrowStatus::held)},
               {"payment_gateway_id", e.gateway_payment_id},
               {"gateway_response", GatewayResponse(e.gateway_response)},
               {"refund_amount", MoneyValue(Money{0, e.amount.currency})},
               {"created_at", r.occurred_at}});
  SessionSet(e.session_id,
             {{"status", Status(BookingStatus::confirmed)}, {"payment_id", e.payment_id}}, ops);
}

void Project(const RecordedEvent& r, const PaymentFailed& e, RowOps* ops) {
  ops->Upsert("payments", {"id"},
              {{"id", e.payment_id},
               {"session_id", e.session_id},
               {"user_id", e.student_id},
               {"mentor_id", e.mentor_id},
               {"amount", MoneyValue(e.amount)},
               {"currency", e.amount.currency},
               {"payment_method", EnumValue(e.payment_method)},
               {"status", std::string("failed")},
               {"payment_gateway_id", e.gateway_payment_id},
               {"gateway_response", GatewayResponse(e.gateway_response)},
               {"refund_amount", MoneyValue(Money{0, e.amount.currency})},
               {"created_at", r.occurred_at}});
}

void Project(const RecordedEvent&, const SessionRescheduled& e, RowOps* ops) {
  SessionSet(e.session_id,
             {{"status", Status(BookingStatus::rescheduled)},
              {"scheduled_at", e.scheduled_at},
              {"rescheduled_from", e.rescheduled_from}},
             ops);
}

void Project(const RecordedEvent&, const SessionStarted& e, RowOps* ops) {
  SessionSet(e.session_id,
             {{"status", Status(BookingStatus::in_progress)},
              {"video_room_id", OptionalText(e.video_room_id)}},
             ops);
}

void Project(const RecordedEvent&, const SessionCompleted& e, RowOps* ops) {
  SessionSet(e.session_id,
             {{"status", Status(BookingStatus::completed)},
              {"mentor_notes", OptionalText(e.mentor_notes)},
              {"follow_up_tasks", e.follow_up_tasks},
              {"recording_url", OptionalText(e.recording_url)},
              {"recording_access_expires", OptionalValue(e.recording_access_expires)}},
             ops);
  ops->Increment("mentors", {{"id", e.mentor_id}}, {{"total_sessions", int64_t{1}}});
  // The session is a milestone on the student's path, with the mentor's next steps.
  ops->Insert("user_progress",
              {{"id", DeriveUuid(e.session_id, "progress")},
               {"user_id", e.student_id},
               {"milestone_type", std::string("session_completed")},
               {"milestone_data", Json{"{\"session_id\":\"" + ToString(e.session_id) + "\"}"}},
               {"achieved_at", e.completed_at},
               {"mentor_id", e.mentor_id},
               {"session_id", e.session_id},
               {"progress_notes", OptionalText(e.mentor_notes)},
               {"next_steps", e.follow_up_tasks}});
}

void Project(const RecordedEvent&, const SessionCancelled& e, RowOps* ops) {
  SessionSet(e.session_id,
             {{"status", Status(BookingStatus::cancelled)},
              {"cancellation_reason",
               "by the " + std::string(EnumName(e.cancelled_by)) + ": " + e.reason}},
             ops);
}

void Project(const RecordedEvent&, const StudentNoShowRecorded& e, RowOps* ops) {
  SessionSet(e.session_id, {{"status", Status(BookingStatus::no_show)}}, ops);
}

void Project(const RecordedEvent& r, const SessionDisputed& e, RowOps* ops) {
  SessionSet(e.session_id, {{"status", Status(BookingStatus::disputed)}}, ops);
  PaymentSet(e.payment_id, {{"status", Status(EscrowStatus::disputed)}}, ops);
  ops->Insert("session_conflicts", {{"id", e.conflict_id},
                                    {"session_id", e.session_id},
                                    {"conflict_type", EnumValue(e.conflict_type)},
                                    {"reported_by", ActorUserValue(e.reported_by)},
                                    {"reported_at", r.occurred_at},
                                    {"notes", OptionalText(e.notes)}});
}

void Project(const RecordedEvent& r, const DisputeResolved& e, RowOps* ops) {
  std::string resolution(EnumName(e.resolution_type));
  if (e.notes) resolution += ": " + *e.notes;
  SessionSet(e.session_id,
             {{"status", Status(BookingStatus::resolved)}, {"conflict_resolution", resolution}},
             ops);
  ops->Update("session_conflicts", {{"id", e.conflict_id}},
              {{"resolution_type", EnumValue(e.resolution_type)},
               {"resolved_by", ActorUserValue(e.resolved_by)},
               {"resolved_at", r.occurred_at},
               {"compensation_amount", MoneyValue(e.compensation_amount)}});
}

void Project(const RecordedEvent&, const EscrowReleased& e, RowOps* ops) {
  // Events written before escrow_status_after existed: a full release.
  EscrowStatus status = e.escrow_status_after.value_or(
      e.escrow_held_after.minor == 0 ? EscrowStatus::released : EscrowStatus::held);
  PaymentSet(e.payment_id, {{"status", Status(status)}}, ops);
}

void Project(const RecordedEvent&, const PaymentSplit& e, RowOps* ops) {
  PaymentSet(e.payment_id,
             {{"platform_fee", MoneyValue(e.platform_fee)},
              {"mentor_earnings", MoneyValue(e.mentor_earnings)}},
             ops);
}

// A request changes no money: the payment's refund columns follow approvals and issues.
void Project(const RecordedEvent&, const RefundRequested&, RowOps*) {}

void Project(const RecordedEvent&, const RefundApproved& e, RowOps* ops) {
  PaymentSet(e.payment_id,
             {{"status", Status(e.escrow_status_after)},
              {"refund_amount", MoneyValue(e.refunded_after)},
              {"refund_reason", e.reason}},
             ops);
}

void Project(const RecordedEvent&, const RefundRejected&, RowOps*) {}

void Project(const RecordedEvent& r, const RefundIssued& e, RowOps* ops) {
  PaymentSet(e.payment_id, {{"refunded_at", r.occurred_at}}, ops);
}

// The student is still owed the money (refund_amount); the gateway will be asked again.
void Project(const RecordedEvent&, const RefundFailed&, RowOps*) {}
void Project(const RecordedEvent&, const RefundRetried&, RowOps*) {}

void Project(const RecordedEvent&, const SessionRated& e, RowOps* ops) {
  const char* column =
      e.rated_by == SessionParty::student ? "satisfaction_rating" : "mentor_rating";
  SessionSet(e.session_id, {{column, Hundredths(int64_t{e.rating})}}, ops);
}

void Project(const RecordedEvent& r, const QualityReviewOpened& e, RowOps* ops) {
  ops->Insert("quality_reviews", {{"id", e.review_id},
                                  {"mentor_id", e.mentor_id},
                                  {"review_type", e.review_type},
                                  {"reviewer_id", Null{}},  // assigned by support later
                                  {"review_date", r.occurred_at},
                                  {"rating", Hundredths(int64_t{e.rating})},
                                  {"feedback", OptionalText(e.feedback)},
                                  {"action_taken", Null{}},
                                  {"follow_up_required", true},
                                  {"created_at", r.occurred_at}});
}

}  // namespace edu::mentorship_rows
