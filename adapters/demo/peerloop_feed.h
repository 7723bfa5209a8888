// The PeerLoop feed part of the demo (issue 13): an instructor announces and pins, followers
// (students with an enrollment with the instructor: instructor_followers) post, like, bookmark,
// repost and undo; members flag posts and a moderator reviews, dismisses, hides, restores and
// removes them; an author edits. The refusals shown: no feed access, a like twice, a flag on
// one's own post, an empty flag reason, a student moderating, a like on a removed post.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "adapters/demo/driver.h"
#include "eventstore/envelope.h"

namespace edu {

// Who the rest of the PeerLoop demo registered and enrolled.
struct PeerloopFeedCast {
  Uuid admin;
  struct Course {
    Uuid id;
    Uuid creator;
  };
  std::vector<Course> courses;
  struct Enrollment {
    Uuid enrollment;
    Uuid student;
    Uuid course;
    Uuid instructor;
  };
  std::vector<Enrollment> enrollments;
  std::vector<Uuid> students;
};

// What the feed part had accepted, for the reconciliation with the read tables.
struct PeerloopFeedTotals {
  int users = 0;  // registered here (the moderator): the PeerLoop users total counts them
  int posts = 0;
  int course_posts = 0;
  int interactions = 0;  // live: made and not undone
  int undone = 0;
  int flags = 0;
  int flags_dismissed = 0;
  int flags_actioned = 0;
  int pinned = 0;
  int edited = 0;
  int hidden = 0;
  int removed = 0;
  std::map<std::string, int> refused;  // by code
};

void RunPeerloopFeedDemo(DemoDriver& driver, const PeerloopFeedCast& cast,
                         PeerloopFeedTotals* totals);

// Prints the feed's reconciliation (read tables vs what the API accepted vs the events in the
// log: `history`, the log's PeerLoop events); false when anything does not reconcile.
bool ReportPeerloopFeed(pqxx::transaction_base& tx, const std::vector<RecordedEvent>& history,
                        const PeerloopFeedTotals& totals);

}  // namespace edu
