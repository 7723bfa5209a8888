// The Urban Home School assessments part of the demo (called from uhs.cc): an instructor opens a
// free course with assessments, children enroll in it; a quiz (auto-graded when handed in, two
// attempts) and a project (graded by the instructor with feedback) are published and taken, the
// quiz closed; grades reach enrollments.current_grade, quiz_scores and assignment_scores through
// the gradebook. Refusals shown: another instructor creating an assessment of the course, an
// essay in an auto-gradable quiz, a submission under an enrollment in another course (a student not
// enrolled), a third attempt of two, a grade above the project's points, an attempt before an
// exam's window opens, a hand-in of a closed quiz.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/demo/checks.h"
#include "adapters/demo/driver.h"
#include "domain/core/uuid.h"
#include "eventstore/event_log.h"

namespace edu {

// What the demo's own accounting says should be in the assessment tables.
struct UhsAssessmentTotals {
  int assessments = 0;
  int published = 0;
  int submissions = 0;    // handed in
  int started_first = 0;  // of which started before being handed in
  int auto_graded = 0;
  int graded_by_instructor = 0;
  int grades = 0;  // (enrollment, assessment) pairs with a grade: items of quiz/assignment_scores
  int graded_enrollments = 0;
  int refusals = 0;  // each refused with the expected code
};

struct UhsAssessmentsCast {
  Uuid admin;
  std::vector<Uuid> instructors;                // at least 2
  std::vector<std::pair<Uuid, Uuid>> children;  // student id, parent; at least 3
  int* courses = nullptr;                       // the uhs totals' counters of what this part adds
  int* enrollments = nullptr;
};

// `settle` returns once the reactions (and projections) have caught up with every command sent.
void RunUhsAssessmentsDemo(DemoDriver& driver, const UhsAssessmentsCast& cast,
                           const std::function<void()>& settle, UhsAssessmentTotals* totals);

// The assessment lines of the uhs summary: the read tables against the totals and against the
// assessment events in `log`.
std::vector<DemoCheck> UhsAssessmentChecks(const std::string& db_uri, EventLog* log,
                                           const UhsAssessmentTotals& totals);

}  // namespace edu
