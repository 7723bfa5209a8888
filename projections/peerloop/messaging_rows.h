// The PeerLoop read tables of direct messages, follows and notifications (conversations,
// conversation_participants, messages, follows, course_follows, notifications), written from the
// events of domain/peerloop/events_messaging.h. The PeerLoop projection hands these events here.
#pragma once

#include <string>

#include "eventstore/envelope.h"
#include "eventstore/status.h"
#include "projections/row_ops.h"

namespace edu::peerloop_rows {

// Whether `type` is one of the events below (ConversationStarted, MessageSent, ...).
bool IsMessagingEvent(const std::string& type);

// The row operations of one such event; a decoding error otherwise.
Status ApplyMessagingEvent(const RecordedEvent& r, RowOps* ops);

}  // namespace edu::peerloop_rows
