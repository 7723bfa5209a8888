// The Urban Home School catalog part of the demo (called from uhs.cc): an admin builds nested
// categories (one hidden again), an instructor opens two free courses, lists them (one moved to
// a subcategory), sets their syllabus and competencies, an admin features one; children enroll,
// some complete a course and get completion certificates (one a distinction, later revoked); the
// students rate the courses. Refusals shown: a parent creating a category, a slug taken, an unknown
// or own parent, a course listed in a hidden category or twice, another instructor editing a
// syllabus, an instructor featuring, a certificate for an incomplete enrollment, a second
// certificate of a kind, a second revocation, a second review, a rating of 6.
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

// What the demo's own accounting says should be in the catalog tables.
struct UhsCatalogTotals {
  int categories = 0;
  int categories_inactive = 0;
  int placed_courses = 0;  // sum of categories.course_count
  int featured = 0;
  int syllabi = 0;
  int competencies = 0;  // courses with a non-empty competency list
  int certificates = 0;
  int certificates_revoked = 0;
  int enrollments_with_certificate = 0;
  int reviews = 0;
  int reviewed_courses = 0;
  int64_t rating_sum = 0;
  int refusals = 0;  // each refused with the expected code
};

struct UhsCatalogCast {
  Uuid admin;
  std::vector<Uuid> instructors;                // at least 2
  std::vector<std::pair<Uuid, Uuid>> children;  // student id, parent; at least 3
  int* courses = nullptr;                       // the uhs totals' counters of what this part adds
  int* enrollments = nullptr;
  int* enrollments_completed = nullptr;
};

// `settle` returns once the reactions (and projections) have caught up with every command sent.
void RunUhsCatalogDemo(DemoDriver& driver, const UhsCatalogCast& cast,
                       const std::function<void()>& settle, UhsCatalogTotals* totals);

// The catalog lines of the uhs summary: the read tables against the totals and against the
// catalog events in `log`.
std::vector<DemoCheck> UhsCatalogChecks(const std::string& db_uri, EventLog* log,
                                        const UhsCatalogTotals& totals);

}  // namespace edu
