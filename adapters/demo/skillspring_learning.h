// The Skillspring demo's media assets, wishlists and course content edits (issue 14;
// skillspring_learning.cc): the courses' mentors upload a trailer video each, one an avatar
// image and one a workbook PDF; the media adapter (role gateway) reports their transcoding (the
// PDF fails once and is retried; one video is still processing at the end); mentors edit their
// courses' content, one naming a ready trailer as the hero video; students keep courses they do
// not own in wishlists (one named, the others 'Favorites' by the first add) and take one out.
// Refused on the way: a MIME type of another file type, an upload for another mentor's course,
// reports out of order, a retry by another mentor, a hero video still processing, an edit by
// another mentor, an empty title, an edit of an archived course, a course twice in a wishlist,
// an owned course, an archived course, someone else's wishlist.
#pragma once

#include <string>
#include <vector>

#include "adapters/demo/checks.h"
#include "adapters/demo/driver.h"
#include "adapters/demo/skillspring.h"
#include "adapters/demo/skillspring_qa.h"
#include "eventstore/event_log.h"

namespace edu {

// Runs the part with the main scenario's cast (its published courses are the owners' courses);
// refusals are counted in totals->refusals.
void RunSkillspringLearningDemo(DemoDriver& d, const SkillspringQaCast& cast,
                                SkillspringDemoTotals* totals);

// The reconciliation lines: rows in media_assets, wishlists, wishlist_items and the edited
// courses against what the part had accepted and against the events in the log.
std::vector<DemoCheck> SkillspringLearningChecks(const std::string& db_uri, EventLog* log);

}  // namespace edu
