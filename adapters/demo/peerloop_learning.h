// The PeerLoop course pages, progress and certificates part of the demo (issue 14): creators
// write their courses' curriculum (modules with video and document links), objectives, includes,
// tiered prerequisites and target audiences; students tick the modules they finished; students
// who completed a course rate it (some with a testimonial the creator features), which makes its
// rating, rating_count and badge; creators issue completion certificates, student-teachers
// recommend mastery certificates which the creators issue or decline; a course is edited, closed
// and reopened, another retired. Refused on the way: another creator writing a curriculum, a
// prerequisite without its tier, a module ticked twice, a second rating, a certificate for an
// incomplete enrollment, a second certificate of the same kind, a recommendation by someone
// else's student-teacher, an edit of a retired course.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "adapters/demo/driver.h"
#include "eventstore/envelope.h"

namespace edu {

// Who the rest of the PeerLoop demo registered and enrolled.
struct PeerloopLearningCast {
  Actor admin;
  struct Course {
    Uuid id;
    Uuid creator;
  };
  std::vector<Course> courses;
  struct Enrollment {
    Uuid id;
    Uuid student;
    Uuid course;
    Uuid creator;
    std::optional<Uuid> student_teacher;
    bool paid = false;
    bool completed = false;
    bool cancelled = false;
  };
  std::vector<Enrollment> enrollments;
};

// What the learning part had accepted, for the reconciliation with the read tables.
struct PeerloopLearningTotals {
  int modules = 0;
  int page_items = 0;  // live: added and not removed
  int tags = 0;
  int progress_rows = 0;
  int progress_complete = 0;
  int ratings = 0;
  int testimonials = 0;
  int featured = 0;
  int certificates = 0;
  int recommended_issued = 0;
  int declined = 0;
  int retired = 0;
  std::map<std::string, int> refused;  // by code
};

void RunPeerloopLearningDemo(DemoDriver& driver, const PeerloopLearningCast& cast,
                             PeerloopLearningTotals* totals);

// Prints the reconciliation (read tables vs what the API accepted vs the events in the log:
// `history`, the log's PeerLoop events); false when anything does not reconcile.
bool ReportPeerloopLearning(pqxx::transaction_base& tx, const std::vector<RecordedEvent>& history,
                            const PeerloopLearningTotals& totals);

}  // namespace edu
