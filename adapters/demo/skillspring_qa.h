// The Skillspring demo's course Q&A and review moderation (skillspring_qa.cc): students ask about
// courses they own, mentors answer, askers mark solutions; reviews are reported, an admin
// dismisses the reports of one and removes another (which leaves its mentor's rating). Refused on
// the way: a question by a student who does not own the course, an answer by another mentor, a
// solution marked by someone else, a second solution, a blank question, reporting one's own
// review or twice, moderation by a mentor, dismissing a review nobody reported.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "adapters/demo/checks.h"
#include "adapters/demo/driver.h"
#include "adapters/demo/skillspring.h"
#include "eventstore/event_log.h"

namespace edu {

// Who the Q&A part of the demo works with, from the main scenario.
struct SkillspringQaCast {
  struct Owner {
    Uuid student;
    Uuid course;
    Uuid mentor;
  };
  Uuid admin{};
  std::vector<Owner> owners;                   // students with a course they own (not refunded)
  std::vector<Uuid> students;                  // every student
  std::vector<std::pair<Uuid, Uuid>> reviews;  // review id, its author
};

void RunSkillspringQaDemo(DemoDriver& d, const SkillspringQaCast& cast,
                          SkillspringDemoTotals* totals);

// The reconciliation lines: rows in course_questions, course_answers and course_reviews against
// what the API accepted and against the events in the log.
std::vector<DemoCheck> SkillspringQaChecks(const std::string& db_uri, EventLog* log,
                                           const SkillspringDemoTotals& totals);

}  // namespace edu
