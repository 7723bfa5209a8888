// The mentorship demo's calendars (issue 12, item 5; domain/mentorship/calendar.h): every
// approved mentor publishes weekly availability in Asia/Kolkata before students book, and a
// client's calendar mistakes are refused: an unknown zone, overlapping slots, a session outside
// the mentor's slots, and a second student holding a time another student holds. The summary
// checks the calendar events against the events in the log (audit_logs).
#include <cstdio>

#include <pqxx/pqxx>

#include "adapters/demo/checks.h"
#include "adapters/demo/mentorship_scenario.h"
#include "domain/mentorship/commands_calendar.h"

namespace edu::mentorship::demo_scenario {

void PublishAvailability(DemoDriver& d, const std::vector<DemoMentor>& mentors,
                         const std::vector<Person>& students, MentorshipDemoTotals* t) {
  auto send = [&](const auto& command, const Actor& actor) {
    using C = std::decay_t<decltype(command)>;
    return d.Send(C::kType, CommandBody("mentorship", command), actor);
  };
  const DemoMentor* first = nullptr;
  for (const DemoMentor& m : mentors) {
    if (!m.approved) continue;
    // Every day 08:00-21:00 IST: the scenario books 09:00-18:00 IST starts of up to 90 minutes.
    SetMentorAvailability a{m.mentor_id, "Asia/Kolkata", {}, std::nullopt};
    for (int day = 0; day < 7; ++day) a.slots.push_back(WeeklySlot{day, "08:00", "21:00"});
    Expect(send(a, m.actor()), "publishing a mentor's availability");
    ++t->mentors_with_availability;
    if (!first) first = &m;
  }
  if (!first || students.size() < 2) return;
  SetMentorAvailability atlantis{first->mentor_id, "Asia/Atlantis", {{1, "09:00", "17:00"}}, {}};
  ExpectRefusal(send(atlantis, first->actor()), "invalid_time_zone", "an unknown time zone");
  SetMentorAvailability overlapping{
      first->mentor_id, "Asia/Kolkata", {{1, "09:00", "13:00"}, {1, "12:00", "17:00"}}, {}};
  ExpectRefusal(send(overlapping, first->actor()), "availability_slots_overlap",
                "overlapping slots");
  // 03:00 IST, a week ahead: outside every slot.
  const Timestamp day = StartOfDay(DateOf(d.clock().Now() + Days(7)));
  const Actor a0{ToString(students[0].id), "student"}, a1{ToString(students[1].id), "student"};
  BookSession night;
  night.session_id = d.NewId();
  night.student_id = students[0].id;
  night.mentor_id = first->mentor_id;
  night.scheduled_at = day + Hours(3) - Minutes(330);
  night.duration_minutes = 60;
  night.session_language = "English";
  ExpectRefusal(send(night, a0), "outside_mentor_availability", "a session at 03:00 IST");
  // Two students want 20:00 IST: the first holds it, the second is told it is taken; the first
  // gives it back (no booking follows).
  const Timestamp evening = day + Hours(20) - Minutes(330);
  HoldSessionTime held{first->mentor_id, d.NewId(), students[0].id, evening, 60};
  Expect(send(held, a0), "holding 20:00 IST");
  HoldSessionTime second{first->mentor_id, d.NewId(), students[1].id, evening + Minutes(30), 30};
  ExpectRefusal(send(second, a1), "mentor_time_taken", "a time the mentor already holds");
  Expect(send(ReleaseSessionTime{first->mentor_id, held.session_id,
                                 SessionTimeReleaseReason::booking_refused},
              a0),
         "giving a held time back");
}

}  // namespace edu::mentorship::demo_scenario

namespace edu {

bool ReportMentorshipCalendar(pqxx::transaction_base& tx, const MentorshipDemoTotals& t) {
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  auto events = [&](const std::string& type) {
    return scalar("SELECT count(*) FROM mentorship.audit_logs WHERE action_type = '" + type + "'");
  };
  std::vector<DemoCheck> checks = {
      {"mentors with availability (MentorAvailabilitySet events)", t.mentors_with_availability,
       events("MentorAvailabilitySet")},
      {"SessionBooked events = SessionTimeConfirmed events", events("SessionBooked"),
       events("SessionTimeConfirmed")},
      {"SessionTimeHeld = booked + released (refused or cancelled)", events("SessionTimeHeld"),
       events("SessionBooked") +
           scalar("SELECT count(*) FROM mentorship.audit_logs WHERE action_type = "
                  "'SessionTimeReleased' AND new_values->>'reason' = 'booking_refused'")},
  };
  const bool ok = PrintDemoChecks(
      "mentorship calendars: read tables vs the events in the log (audit_logs)", checks, "INR");
  std::printf(
      "  bookings refused because the mentor or the student already had a session then: %d\n",
      t.calendar_refusals);
  return ok;
}

}  // namespace edu
