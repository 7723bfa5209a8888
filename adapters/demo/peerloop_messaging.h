// The PeerLoop demo's social part (issue 13): students write to their student-teachers in direct
// conversations (one a group with a second teacher) and mark them read; users follow each other
// and courses, and unfollow some; the recipients of messages read their notifications. Refused on
// the way, appending nothing: a message from outside a conversation, an empty message, a
// conversation with oneself only, following oneself, following twice, unfollowing what one does
// not follow, reading another user's notification. The report reconciles the six read tables with
// the demo's counts and with the events in the log (notifications with the events that cause
// them, from the whole PeerLoop demo: payments, refunds, payouts and messages).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "adapters/demo/driver.h"
#include "eventstore/envelope.h"

namespace edu {

// Who the social part works with: people of the PeerLoop demo, as the actors they act as.
struct PeerloopSocialCast {
  std::vector<Actor> students;
  std::vector<Actor> teachers;  // certified student-teachers
  std::vector<Uuid> courses;
};

// What the demo's own accounting says should be in the read tables.
struct PeerloopMessagingTotals {
  int conversations = 0;
  int participants = 0;
  int messages = 0;
  int message_recipients = 0;  // notifications of type message
  int conversations_read = 0;  // participants with a last_read_at
  int follows = 0;             // in place at the end (followed minus unfollowed)
  int course_follows = 0;
  int notifications_read = 0;
  std::map<std::string, int> refused;  // by code
};

void RunPeerloopMessagingDemo(DemoDriver& driver, const PeerloopSocialCast& cast,
                              const std::function<void()>& settle, PeerloopMessagingTotals* totals);

// Prints the social part of the PeerLoop summary from the read tables and `history` (the PeerLoop
// events of the log) and checks it against the totals; false when anything does not reconcile.
bool ReportPeerloopMessaging(pqxx::transaction_base& tx, const std::vector<RecordedEvent>& history,
                             const PeerloopMessagingTotals& totals);

}  // namespace edu
