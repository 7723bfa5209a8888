// The Urban Home School community part of the demo (called from uhs.cc): parents ask in the
// forum, instructors and other parents answer and like, authors accept solutions, a member flags a
// post and a moderator hides it, views are counted, post authors mark their reply notifications
// read; visitors write through the contact form and an admin answers. Refusals shown: a second
// like, a reply to a locked post, a solution accepted on someone else's post, a pin by a
// non-moderator, marking someone else's notification read, a second answer to a contact message.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "adapters/demo/checks.h"
#include "adapters/demo/driver.h"
#include "domain/core/uuid.h"
#include "eventstore/event_log.h"

namespace edu {

// What the demo's own accounting says should be in the community tables.
struct UhsForumTotals {
  int posts = 0;
  int posts_hidden = 0;  // is_deleted
  int posts_pinned = 0;
  int posts_solved = 0;
  int replies = 0;
  int likes = 0;  // standing (liked and not taken back)
  int views = 0;
  int notifications = 0;  // delivered by uhs-forum-notifications
  int notifications_read = 0;
  int contact_messages = 0;
  int contact_replied = 0;
  int refusals = 0;  // each refused with the expected code
};

struct UhsForumCast {
  Uuid admin;
  std::vector<Uuid> instructors;
  std::vector<Uuid> parents;
};

// `settle` returns once the reactions (and projections) have caught up with every command sent.
void RunUhsForumDemo(DemoDriver& driver, const UhsForumCast& cast,
                     const std::function<void()>& settle, UhsForumTotals* totals);

// The community lines of the uhs summary: the read tables against the totals and against the
// uhs events in `log`.
std::vector<DemoCheck> UhsForumChecks(const std::string& db_uri, EventLog* log,
                                      const UhsForumTotals& totals);

}  // namespace edu
