// support_tickets, one row per ticket, every column from the ticket's events: id, user_id,
// ticket_type, priority (as opened, then as escalated), status (the SupportTicketMachine's status
// after each event), subject, description (personal: NULL once its user is forgotten),
// assigned_to, created_at (when it was opened), resolved_at and resolution_notes (cleared when the
// ticket is reopened), satisfaction_rating.
#include "projections/mentorship/support_rows.h"

#include <variant>

#include "domain/core/variant_util.h"
#include "domain/mentorship/notifications.h"
#include "domain/mentorship/support_ticket.h"
#include "eventstore/event_codec.h"
#include "projections/values.h"

namespace edu::mentorship_rows {
namespace {

using namespace mentorship;

using SupportEvent =
    std::variant<SupportTicketOpened, SupportTicketAssigned, SupportTicketEscalated,
                 SupportTicketResolved, SupportTicketReopened, SupportTicketClosed,
                 SupportTicketRated, UserNotified, NotificationRead, NotificationRouted>;
static_assert(VariantIncludes<SupportTicketDecider::Event, SupportEvent>::value,
              "the mentorship projection must list every support ticket event");
static_assert(VariantIncludes<NotificationInboxDecider::Event, SupportEvent>::value,
              "the mentorship projection must list every notification inbox event");
static_assert(VariantIncludes<NotificationRouteDecider::Event, SupportEvent>::value,
              "the mentorship projection must list every notification route event");

using S = SupportTicketStatus;

void TicketSet(const Uuid& ticket_id, Columns set, RowOps* ops) {
  ops->Update("support_tickets", {{"id", ticket_id}}, std::move(set));
}

SqlValue OptionalUser(const std::optional<Uuid>& id) {
  if (!id) return Null{};
  return *id;
}

void On(const RecordedEvent& r, const SupportTicketOpened& e, RowOps* ops) {
  ops->Insert("support_tickets", {{"id", e.ticket_id},
                                  {"user_id", e.user_id},
                                  {"ticket_type", EnumValue(e.ticket_type)},
                                  {"priority", EnumValue(e.priority)},
                                  {"status", EnumValue(S::open)},
                                  {"subject", e.subject},
                                  {"description", PersonalValue(e.description)},
                                  {"created_at", r.occurred_at}});
}
void On(const RecordedEvent&, const SupportTicketAssigned& e, RowOps* ops) {
  TicketSet(e.ticket_id, {{"assigned_to", e.assigned_to}, {"status", EnumValue(e.status)}}, ops);
}
void On(const RecordedEvent&, const SupportTicketEscalated& e, RowOps* ops) {
  TicketSet(e.ticket_id,
            {{"status", EnumValue(S::escalated)},
             {"priority", EnumValue(e.priority)},
             {"assigned_to", OptionalUser(e.assigned_to)}},
            ops);
}
void On(const RecordedEvent&, const SupportTicketResolved& e, RowOps* ops) {
  TicketSet(e.ticket_id,
            {{"status", EnumValue(S::resolved)},
             {"resolved_at", e.resolved_at},
             {"resolution_notes", e.resolution_notes}},
            ops);
}
void On(const RecordedEvent&, const SupportTicketReopened& e, RowOps* ops) {
  TicketSet(
      e.ticket_id,
      {{"status", EnumValue(S::assigned)}, {"resolved_at", Null{}}, {"resolution_notes", Null{}}},
      ops);
}
void On(const RecordedEvent&, const SupportTicketClosed& e, RowOps* ops) {
  TicketSet(e.ticket_id, {{"status", EnumValue(S::closed)}}, ops);
}
void On(const RecordedEvent&, const SupportTicketRated& e, RowOps* ops) {
  TicketSet(e.ticket_id, {{"satisfaction_rating", int64_t{e.satisfaction_rating}}}, ops);
}
// No documented table holds notifications (see support_rows.h).
void On(const RecordedEvent&, const UserNotified&, RowOps*) {}
void On(const RecordedEvent&, const NotificationRead&, RowOps*) {}
void On(const RecordedEvent&, const NotificationRouted&, RowOps*) {}

}  // namespace

bool IsSupportEvent(const std::string& type) { return HandlesEventType<SupportEvent>(type); }

Status ProjectSupport(const RecordedEvent& r, RowOps* ops) {
  SupportEvent event;
  EDU_RETURN_IF_ERROR(DecodeEvent(r, &event));
  std::visit([&](const auto& e) { On(r, e, ops); }, event);
  return Status::OK();
}

}  // namespace edu::mentorship_rows
