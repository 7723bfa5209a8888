// Specifications of mentor calendars (issue 12, item 5; domain/mentorship/calendar.h): weekly
// availability in the mentor's zone, session holds inside a slot and never overlapping another
// of the mentor's or the student's sessions, hold expiry, and BookSession refused without a live
// hold. Every time rule at its boundary: exactly there, one second before and one after.
#include <string>

#include "commands/calendar_booking_service.h"
#include "commands/pipeline.h"
#include "eventstore/memory_event_log.h"
#include "tests/unit/mentorship_test_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

namespace {

const Uuid kOtherSession = *ParseUuid("44444444-4444-4444-8444-444444444445");
const Uuid kOtherStudent = *ParseUuid("11111111-1111-4111-8111-111111111112");
const Actor kStudentActor = AsUser(kStudent, "student");

Timestamp At(const char* iso) { return *ParseIso8601(iso); }

// Thursday 2026-03-05, Asia/Kolkata (UTC+05:30): slot 09:00-17:00 IST = 03:30Z-11:30Z.
MentorAvailabilitySet ThursdayNineToFive() {
  MentorAvailabilitySet e;
  e.mentor_id = kMentor;
  e.time_zone = "Asia/Kolkata";
  e.zone_rule = "IST-5:30";
  e.slots = {WeeklySlot{4, "09:00", "17:00"}};
  e.set_by = ToString(kMentorUser);
  return e;
}

SetMentorAvailability Publish(std::vector<WeeklySlot> slots,
                              std::optional<std::string> rule = std::string("IST-5:30")) {
  return SetMentorAvailability{kMentor, "Asia/Kolkata", std::move(slots), std::move(rule)};
}

HoldSessionTime Hold(Timestamp start, int32_t minutes = 60, Uuid session = kSession,
                     Uuid student = kStudent) {
  return HoldSessionTime{kMentor, session, student, start, minutes};
}

SessionTimeHeld Held(Timestamp start, int32_t minutes = 60, Timestamp now = kNow,
                     Uuid session = kSession, Uuid student = kStudent) {
  return SessionTimeHeld{
      kMentor, session, student, start, start + Minutes(minutes), now + kSessionHoldDuration};
}

// The mentor's calendar spec at `now`, as the student, the mentor approved.
Spec<MentorCalendarDecider> Calendar(std::vector<MentorCalendarDecider::Event> given,
                                     Timestamp now = kNow, Actor actor = kStudentActor) {
  Spec<MentorCalendarDecider> spec;
  spec.at(now)
      .as(std::move(actor))
      .given_stream<MentorDecider>(MentorStream(kMentor), {Applied(), Approved()})
      .given(std::move(given));
  return spec;
}

}  // namespace

TEST_SUITE("mentorship calendar availability") {
  TEST_CASE("the mentor publishes weekly slots in their zone; an admin may too") {
    Calendar({}, kNow, MentorActor())
        .when(Publish({{4, "09:00", "17:00"}}))
        .then({ThursdayNineToFive()});
    MentorAvailabilitySet by_admin = ThursdayNineToFive();
    by_admin.set_by = Admin().id;
    Calendar({}, kNow, Admin()).when(Publish({{4, "09:00", "17:00"}})).then({by_admin});
  }

  TEST_CASE("someone else may not publish a mentor's availability") {
    Calendar({}, kNow, kStudentActor)
        .when(Publish({{4, "09:00", "17:00"}}))
        .then_error("not_own_calendar", ErrorKind::kForbidden);
    Spec<MentorCalendarDecider>()
        .as(MentorActor())
        .when(Publish({{4, "09:00", "17:00"}}))
        .then_error("mentor_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("an unknown zone (no rule from the tz database, or a rule that does not parse)") {
    Calendar({}, kNow, MentorActor())
        .when(Publish({{4, "09:00", "17:00"}}, std::nullopt))
        .then_error("invalid_time_zone");
    Calendar({}, kNow, MentorActor())
        .when(Publish({{4, "09:00", "17:00"}}, std::string("Kolkata")))
        .then_error("invalid_time_zone");
  }

  TEST_CASE("slots: HH:MM times, start before end (24:00 ends a day), days 0..6") {
    auto refuse = [](WeeklySlot slot, const char* code) {
      Calendar({}, kNow, MentorActor()).when(Publish({slot})).then_error(code);
    };
    refuse({4, "9:00", "17:00"}, "invalid_time");
    refuse({4, "09:00", "24:01"}, "invalid_time");
    refuse({4, "24:00", "24:00"}, "invalid_time");
    refuse({4, "17:00", "17:00"}, "slot_not_ordered");
    refuse({4, "17:00", "09:00"}, "slot_not_ordered");
    refuse({7, "09:00", "17:00"}, "invalid_day_of_week");
    refuse({-1, "09:00", "17:00"}, "invalid_day_of_week");
    Calendar({}, kNow, MentorActor()).when(Publish({{6, "18:00", "24:00"}})).then({[] {
      MentorAvailabilitySet e = ThursdayNineToFive();
      e.slots = {WeeklySlot{6, "18:00", "24:00"}};
      return e;
    }()});
  }

  TEST_CASE("slots of one day may touch but not overlap; at most 28") {
    Calendar({}, kNow, MentorActor())
        .when(Publish({{4, "09:00", "12:00"}, {4, "11:59", "15:00"}}))
        .then_error("availability_slots_overlap");
    auto touching = Calendar({}, kNow, MentorActor());
    touching.when(Publish({{4, "09:00", "12:00"}, {4, "12:00", "15:00"}, {5, "09:00", "12:00"}}));
    CHECK(touching.decide().accepted());
    std::vector<WeeklySlot> many;
    for (int i = 0; i < 29; ++i) {
      many.push_back({i % 7, fmt::format("{:02}:00", i / 7), fmt::format("{:02}:30", i / 7)});
    }
    Calendar({}, kNow, MentorActor()).when(Publish(many)).then_error("too_many_availability_slots");
    many.pop_back();
    auto most = Calendar({}, kNow, MentorActor());
    most.when(Publish(many));
    CHECK(most.decide().accepted());
  }
}

TEST_SUITE("mentorship calendar holds") {
  TEST_CASE("a session inside a slot is held for 15 minutes") {
    Calendar({ThursdayNineToFive()}).when(Hold(kStart)).then({Held(kStart)});
  }

  TEST_CASE("a mentor with no published availability cannot be booked") {
    Calendar({}).when(Hold(kStart)).then_error("mentor_has_no_availability");
  }

  TEST_CASE("the session must end by the slot's end: exactly at it accepted, a second later not") {
    Calendar({ThursdayNineToFive()})
        .when(Hold(At("2026-03-05T10:30:00Z")))  // 16:00-17:00 IST
        .then({Held(At("2026-03-05T10:30:00Z"))});
    Calendar({ThursdayNineToFive()})
        .when(Hold(At("2026-03-05T10:30:01Z")))
        .then_error("outside_mentor_availability");
  }

  TEST_CASE("the session must start in the slot: at its start accepted, a second before not") {
    Calendar({ThursdayNineToFive()})
        .when(Hold(At("2026-03-05T03:30:00Z")))  // 09:00 IST
        .then({Held(At("2026-03-05T03:30:00Z"))});
    Calendar({ThursdayNineToFive()})
        .when(Hold(At("2026-03-05T03:29:59Z")))
        .then_error("outside_mentor_availability");
    // Wednesday at the same local time: no slot that day.
    Calendar({ThursdayNineToFive()})
        .when(Hold(At("2026-03-04T05:00:00Z")))
        .then_error("outside_mentor_availability");
  }

  TEST_CASE("sessions of a mentor may touch end-to-start; one second of overlap is refused") {
    const auto given = std::vector<MentorCalendarDecider::Event>{ThursdayNineToFive(),
                                                                 Held(kStart)};  // 10:00-11:00Z
    Calendar(given)
        .when(Hold(kStart + Hours(1), 30, kOtherSession, kOtherStudent))
        .as(Admin())
        .then({Held(kStart + Hours(1), 30, kNow, kOtherSession, kOtherStudent)});
    Calendar(given)
        .as(Admin())
        .when(Hold(kStart + Hours(1) - Seconds(1), 30, kOtherSession, kOtherStudent))
        .then_error("mentor_time_taken", ErrorKind::kConflict);
    Calendar(given)
        .as(Admin())
        .when(Hold(kStart - Minutes(30), 30, kOtherSession, kOtherStudent))
        .then({Held(kStart - Minutes(30), 30, kNow, kOtherSession, kOtherStudent)});
    Calendar(given)
        .as(Admin())
        .when(Hold(kStart - Minutes(30) + Seconds(1), 30, kOtherSession, kOtherStudent))
        .then_error("mentor_time_taken");
  }

  TEST_CASE("an unbooked hold expires: one second before still taken, at expires_at free") {
    const Timestamp expires = kNow + kSessionHoldDuration;
    const auto given =
        std::vector<MentorCalendarDecider::Event>{ThursdayNineToFive(), Held(kStart)};
    Calendar(given, expires - Seconds(1), Admin())
        .when(Hold(kStart, 60, kOtherSession, kOtherStudent))
        .then_error("mentor_time_taken");
    Calendar(given, expires, Admin())
        .when(Hold(kStart, 60, kOtherSession, kOtherStudent))
        .then({Held(kStart, 60, expires, kOtherSession, kOtherStudent)});
    Calendar(given, expires + Seconds(1), Admin())
        .when(Hold(kStart, 60, kOtherSession, kOtherStudent))
        .then({Held(kStart, 60, expires + Seconds(1), kOtherSession, kOtherStudent)});
  }

  TEST_CASE("a booked (confirmed) hold never expires; a released one is free at once") {
    const SessionTimeConfirmed confirmed{kMentor, kSession, kStudent, kStart, kStart + Hours(1)};
    Calendar({ThursdayNineToFive(), Held(kStart), confirmed}, kStart - Hours(1), Admin())
        .when(Hold(kStart, 60, kOtherSession, kOtherStudent))
        .then_error("mentor_time_taken");
    const SessionTimeReleased released{kMentor, kSession, kStudent,
                                       SessionTimeReleaseReason::booking_refused};
    Calendar({ThursdayNineToFive(), Held(kStart), released}, kNow, Admin())
        .when(Hold(kStart, 60, kOtherSession, kOtherStudent))
        .then({Held(kStart, 60, kNow, kOtherSession, kOtherStudent)});
  }

  TEST_CASE("a student's own sessions with other mentors may touch but not overlap") {
    const Uuid other_mentor = *ParseUuid("33333333-3333-4333-8333-333333333334");
    auto with_student_session = [&](Timestamp other_start) {
      auto spec = Calendar({ThursdayNineToFive()});
      spec.given_stream<StudentCalendarDecider>(
          StudentCalendarStream(kStudent),
          {StudentSessionRecorded{kStudent, kOtherSession, other_mentor, other_start,
                                  other_start + Hours(1)}});
      return spec;
    };
    with_student_session(kStart - Hours(1)).when(Hold(kStart)).then({Held(kStart)});
    with_student_session(kStart + Hours(1)).when(Hold(kStart)).then({Held(kStart)});
    with_student_session(kStart - Hours(1) + Seconds(1))
        .when(Hold(kStart))
        .then_error("student_time_taken", ErrorKind::kConflict);
    with_student_session(kStart + Hours(1) - Seconds(1))
        .when(Hold(kStart))
        .then_error("student_time_taken");
  }

  TEST_CASE("a hold starts after now (plus the policy's lead): at now refused, a second later ok") {
    const Timestamp start = At("2026-03-05T04:00:00Z");
    Calendar({ThursdayNineToFive()}, start).when(Hold(start)).then_error("session_not_in_future");
    Calendar({ThursdayNineToFive()}, start + Seconds(1))
        .when(Hold(start))
        .then_error("session_not_in_future");
    Calendar({ThursdayNineToFive()}, start - Seconds(1))
        .when(Hold(start))
        .then({Held(start, 60, start - Seconds(1))});
  }

  TEST_CASE("only the student (or staff) holds; the policy's durations; an approved mentor") {
    Calendar({ThursdayNineToFive()}, kNow, AsUser(kOtherStudent, "student"))
        .when(Hold(kStart))
        .then_error("not_own_booking", ErrorKind::kForbidden);
    Calendar({ThursdayNineToFive()}).when(Hold(kStart, 45)).then_error("invalid_duration");
    Spec<MentorCalendarDecider>()
        .at(kNow)
        .as(kStudentActor)
        .given_stream<MentorDecider>(MentorStream(kMentor), {Applied()})
        .given({ThursdayNineToFive()})
        .when(Hold(kStart))
        .then_error("mentor_not_approved");
  }

  TEST_CASE("the same hold again changes nothing; the session id with another time is refused") {
    Calendar({ThursdayNineToFive(), Held(kStart)}).when(Hold(kStart)).then({});
    Calendar({ThursdayNineToFive(), Held(kStart),
              SessionTimeConfirmed{kMentor, kSession, kStudent, kStart, kStart + Hours(1)}})
        .when(Hold(kStart + Hours(2)))
        .then_error("session_time_held_otherwise");
  }
}

TEST_SUITE("mentorship calendar confirm, release, move") {
  TEST_CASE("a booked session's hold is confirmed once") {
    const SessionTimeConfirmed confirmed{kMentor, kSession, kStudent, kStart, kStart + Hours(1)};
    Calendar({ThursdayNineToFive(), Held(kStart)})
        .when(ConfirmSessionTime{kMentor, kSession})
        .then({confirmed});
    Calendar({ThursdayNineToFive(), Held(kStart), confirmed})
        .when(ConfirmSessionTime{kMentor, kSession})
        .then({});
    Calendar({ThursdayNineToFive()})
        .when(ConfirmSessionTime{kMentor, kSession})
        .then_error("session_time_not_held");
  }

  TEST_CASE("a refused booking releases an unbooked hold but never a booked session's time") {
    const SessionTimeConfirmed confirmed{kMentor, kSession, kStudent, kStart, kStart + Hours(1)};
    Calendar({ThursdayNineToFive(), Held(kStart)})
        .when(ReleaseSessionTime{kMentor, kSession, SessionTimeReleaseReason::booking_refused})
        .then({SessionTimeReleased{kMentor, kSession, kStudent,
                                   SessionTimeReleaseReason::booking_refused}});
    Calendar({ThursdayNineToFive(), Held(kStart), confirmed})
        .when(ReleaseSessionTime{kMentor, kSession, SessionTimeReleaseReason::booking_refused})
        .then({});
    Calendar({ThursdayNineToFive(), Held(kStart), confirmed}, kNow, testing::System())
        .when(ReleaseSessionTime{kMentor, kSession, SessionTimeReleaseReason::session_cancelled})
        .then({SessionTimeReleased{kMentor, kSession, kStudent,
                                   SessionTimeReleaseReason::session_cancelled}});
    Calendar({ThursdayNineToFive()})
        .when(ReleaseSessionTime{kMentor, kSession, SessionTimeReleaseReason::booking_refused})
        .then({});
    Calendar({ThursdayNineToFive(), Held(kStart)}, kNow, AsUser(kOtherStudent, "student"))
        .when(ReleaseSessionTime{kMentor, kSession, SessionTimeReleaseReason::booking_refused})
        .then_error("not_own_booking");
  }

  TEST_CASE("a rescheduled session's time moves with it, keeping its length") {
    Calendar({ThursdayNineToFive(), Held(kStart, 90)}, kNow, testing::System())
        .when(MoveSessionTime{kMentor, kSession, kStart + Hours(3)})
        .then({SessionTimeMoved{kMentor, kSession, kStudent, kStart, kStart + Hours(3),
                                kStart + Hours(3) + Minutes(90)}});
    Calendar({ThursdayNineToFive(), Held(kStart)}, kNow, testing::System())
        .when(MoveSessionTime{kMentor, kSession, kStart})
        .then({});
  }

  TEST_CASE("a student calendar records, moves and drops the student's sessions once") {
    Spec<StudentCalendarDecider> spec;
    const StudentSessionRecorded recorded{kStudent, kSession, kMentor, kStart, kStart + Hours(1)};
    spec.when(RecordStudentSession{kStudent, kSession, kMentor, kStart, 60}).then({recorded});
    Spec<StudentCalendarDecider>()
        .given({recorded})
        .when(RecordStudentSession{kStudent, kSession, kMentor, kStart, 60})
        .then({});
    Spec<StudentCalendarDecider>()
        .given({recorded})
        .when(MoveStudentSession{kStudent, kSession, kStart + Hours(1)})
        .then({StudentSessionMoved{kStudent, kSession, kStart + Hours(1), kStart + Hours(2)}});
    Spec<StudentCalendarDecider>()
        .given({recorded})
        .when(DropStudentSession{kStudent, kSession})
        .then({StudentSessionDropped{kStudent, kSession}});
    Spec<StudentCalendarDecider>().when(DropStudentSession{kStudent, kSession}).then({});
  }
}

TEST_SUITE("mentorship calendar and booking") {
  TEST_CASE("BookSession needs the student's live hold of exactly this time") {
    BookingSpec().when(Booking()).then({Booked()});
    BookSession later = Booking();
    later.scheduled_at = kStart + Seconds(1);
    BookingSpec().when(later).then_error("session_time_not_held", ErrorKind::kConflict);
    BookingSpec(30).when(Booking(60)).then_error("session_time_not_held");
    // Another student's hold of this session's time does not count.
    Spec<SessionDecider>()
        .at(kNow)
        .as(kStudentActor)
        .given_stream<MentorDecider>(MentorStream(kMentor), {Applied(), Approved()})
        .given_stream<UserDecider>(UserStream(kStudent), {StudentRegistered()})
        .given_stream<MentorCalendarDecider>(
            MentorCalendarStream(kMentor),
            {KolkataAvailability(), Held(kStart, 60, kNow, kSession, kOtherStudent)})
        .when(Booking())
        .then_error("session_time_not_held");
  }

  TEST_CASE("BookSession at the hold's expiry: a second before booked, at expires_at refused") {
    const Timestamp expires = kNow + kSessionHoldDuration;
    BookingSpec().at(expires - Seconds(1)).when(Booking()).then({Booked()});
    BookingSpec().at(expires).when(Booking()).then_error("session_time_not_held");
  }

  TEST_CASE("BookSession of a mentor without availability is refused") {
    Spec<SessionDecider>()
        .at(kNow)
        .as(kStudentActor)
        .given_stream<MentorDecider>(MentorStream(kMentor), {Applied(), Approved()})
        .given_stream<UserDecider>(UserStream(kStudent), {StudentRegistered()})
        .when(Booking())
        .then_error("mentor_has_no_availability");
  }
}

TEST_SUITE("mentorship calendar time zones") {
  TEST_CASE("POSIX TZ rules of the tz database parse; others do not") {
    auto kolkata = ParseZoneRule("IST-5:30");
    REQUIRE(kolkata);
    CHECK(kolkata->std_offset == 19800);
    CHECK_FALSE(kolkata->has_dst);
    CHECK(ParseZoneRule("<+0530>-5:30"));
    CHECK(ParseZoneRule("EST5EDT,M3.2.0,M11.1.0"));
    CHECK(ParseZoneRule("<-03>3"));
    CHECK(ParseZoneRule("AEST-10AEDT,M10.1.0,M4.1.0/3"));
    CHECK_FALSE(ParseZoneRule("IST"));
    CHECK_FALSE(ParseZoneRule("Asia/Kolkata"));
    CHECK_FALSE(ParseZoneRule("EST5EDT"));
    CHECK_FALSE(ParseZoneRule("EST5EDT,J60,J300"));
    CHECK_FALSE(ParseZoneRule(""));
  }

  TEST_CASE("America/New_York: DST starts 2026-03-08 07:00Z and ends 2026-11-01 06:00Z") {
    auto ny = *ParseZoneRule("EST5EDT,M3.2.0,M11.1.0");
    CHECK(UtcOffsetAt(ny, At("2026-03-08T06:59:59Z")) == -5 * 3600);
    CHECK(UtcOffsetAt(ny, At("2026-03-08T07:00:00Z")) == -4 * 3600);
    CHECK(UtcOffsetAt(ny, At("2026-11-01T05:59:59Z")) == -4 * 3600);
    CHECK(UtcOffsetAt(ny, At("2026-11-01T06:00:00Z")) == -5 * 3600);
    auto sydney = *ParseZoneRule("AEST-10AEDT,M10.1.0,M4.1.0/3");
    CHECK(UtcOffsetAt(sydney, At("2026-01-15T00:00:00Z")) == 11 * 3600);
    CHECK(UtcOffsetAt(sydney, At("2026-07-15T00:00:00Z")) == 10 * 3600);
    auto kolkata = *ParseZoneRule("IST-5:30");
    CHECK(UtcOffsetAt(kolkata, At("2026-07-15T00:00:00Z")) == 19800);
  }

  TEST_CASE("a New York mentor's Monday 09:00-10:00 slot follows DST in UTC") {
    MentorAvailabilitySet ny = ThursdayNineToFive();
    ny.time_zone = "America/New_York";
    ny.zone_rule = "EST5EDT,M3.2.0,M11.1.0";
    ny.slots = {WeeklySlot{1, "09:00", "10:00"}};
    const Timestamp before_dst = At("2026-03-02T14:00:00Z");  // Monday 09:00 EST
    const Timestamp after_dst = At("2026-03-09T13:00:00Z");   // Monday 09:00 EDT
    Calendar({ny}, At("2026-03-01T00:00:00Z"))
        .when(Hold(before_dst))
        .then({Held(before_dst, 60, At("2026-03-01T00:00:00Z"))});
    Calendar({ny}, At("2026-03-01T00:00:00Z"))
        .when(Hold(after_dst))
        .then({Held(after_dst, 60, At("2026-03-01T00:00:00Z"))});
    Calendar({ny}, At("2026-03-01T00:00:00Z"))
        .when(Hold(after_dst + Hours(1)))  // 10:00 EDT: past the slot
        .then_error("outside_mentor_availability");
    Calendar({ny}, At("2026-03-01T00:00:00Z"))
        .when(Hold(before_dst - Hours(1)))  // 08:00 EST
        .then_error("outside_mentor_availability");
  }

  TEST_CASE("the command service reads a zone's rule from the tz database") {
    std::string rule;
    REQUIRE(ZoneRuleFromTzdb("Asia/Kolkata", "/usr/share/zoneinfo", &rule).ok());
    CHECK(rule == "IST-5:30");
    REQUIRE(ZoneRuleFromTzdb("America/New_York", "/usr/share/zoneinfo", &rule).ok());
    CHECK(rule == "EST5EDT,M3.2.0,M11.1.0");
    CHECK(ZoneRuleFromTzdb("Mars/Olympus_Mons", "/usr/share/zoneinfo", &rule).IsNotFound());
    CHECK(ZoneRuleFromTzdb("../../etc/passwd", "/usr/share/zoneinfo", &rule).IsNotFound());
    CHECK(ZoneRuleFromTzdb("/etc/passwd", "/usr/share/zoneinfo", &rule).IsNotFound());
  }
}

TEST_SUITE("mentorship calendar booking service") {
  // The service over the real pipeline and an in-memory log: a mentor in Asia/Kolkata with
  // Thursday 09:00-21:00, two students.
  struct World {
    MemoryEventLog log{4};
    Registry registry = [] {
      Registry r;
      RegisterAllMarketplaces(&r);
      return r;
    }();
    Policies policies = [] {
      Policies p;
      p.mentorship.require_trial_session = false;
      return p;
    }();
    CommandPipeline pipeline{&log, &registry, &policies};
    CalendarBookingService service{&pipeline, "/usr/share/zoneinfo"};
    int n = 0;

    template <class C>
    CommandResult Send(const C& command, const Actor& actor, std::optional<Uuid> id = {}) {
      CommandRequest r;
      r.command_id = id ? *id : DeriveUuid(kSession, "world-" + std::to_string(++n));
      r.type = C::kType;
      r.body = CommandJsonBody(*MakeTypedCommand("mentorship", command));
      r.actor = actor;
      r.now = kNow;
      return service.Handle(r);
    }
    size_t Events(const std::string& type) {
      size_t count = 0;
      for (int p = 0; p < log.partition_count(); ++p) {
        std::vector<RecordedEvent> page;
        REQUIRE(log.ReadPartition(p, 0, 100000, &page).ok());
        for (const RecordedEvent& e : page) count += e.type == type ? 1 : 0;
      }
      return count;
    }
    World() {
      RegisterUser student;
      student.user_id = kStudent;
      student.email = "asha@example.in";
      student.name = "Asha";
      student.academic_level = AcademicLevel::college;
      student.primary_language = "Telugu";
      REQUIRE(Send(student, kStudentActor).ok());
      student.user_id = kOtherStudent;
      student.email = "ravi@example.in";
      REQUIRE(Send(student, AsUser(kOtherStudent, "student")).ok());
      RegisterUser mentor_user;
      mentor_user.user_id = kMentorUser;
      mentor_user.role = UserRole::mentor;
      mentor_user.email = "meera@example.in";
      mentor_user.name = "Meera";
      REQUIRE(Send(mentor_user, MentorActor()).ok());
      ApplyAsMentor apply;
      apply.mentor_id = kMentor;
      apply.user_id = kMentorUser;
      apply.title = "Engineer";
      apply.student_levels_served = {AcademicLevel::college};
      apply.hourly_rate = INR(120000);
      apply.primary_language = "Telugu";
      REQUIRE(Send(apply, MentorActor()).ok());
      REQUIRE(Send(ApproveMentor{kMentor, {}}, Admin()).ok());
      // The client sends no zone_rule: the service reads it from the tz database.
      SetMentorAvailability availability{kMentor, "Asia/Kolkata", {{4, "09:00", "21:00"}}, {}};
      CommandResult published = Send(availability, MentorActor());
      REQUIRE_MESSAGE(published.ok(), published.error->code);
    }
  };

  BookSession BookingOf(const Uuid& session, const Uuid& student, std::string language) {
    BookSession b = Booking();
    b.session_id = session;
    b.student_id = student;
    b.session_language = std::move(language);
    return b;
  }

  TEST_CASE("a booking holds, books and confirms; retried with its id, nothing is appended") {
    World w;
    const Uuid id = DeriveUuid(kSession, "booking");
    CommandResult booked = w.Send(BookingOf(kSession, kStudent, "Telugu"), kStudentActor, id);
    REQUIRE_MESSAGE(booked.ok(), booked.error->code);
    CHECK(w.Events("SessionTimeHeld") == 1);
    CHECK(w.Events("SessionBooked") == 1);
    CHECK(w.Events("SessionTimeConfirmed") == 1);
    CommandResult again = w.Send(BookingOf(kSession, kStudent, "Telugu"), kStudentActor, id);
    REQUIRE(again.ok());
    CHECK(again.replayed);
    CHECK(w.Events("SessionTimeHeld") == 1);
    CHECK(w.Events("SessionTimeConfirmed") == 1);
    // Another student, the same hour: the mentor's time is taken.
    CommandResult taken =
        w.Send(BookingOf(kOtherSession, kOtherStudent, "Telugu"), AsUser(kOtherStudent, "student"));
    REQUIRE_FALSE(taken.ok());
    CHECK(taken.error->code == "mentor_time_taken");
    CHECK(w.Events("SessionBooked") == 1);
  }

  TEST_CASE("a refused booking gives its held time back: the next student can book it") {
    World w;
    CommandResult refused = w.Send(BookingOf(kSession, kStudent, "Tamil"), kStudentActor);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error->code == "language_not_spoken");
    CHECK(w.Events("SessionTimeHeld") == 1);
    CHECK(w.Events("SessionTimeReleased") == 1);
    CommandResult booked =
        w.Send(BookingOf(kOtherSession, kOtherStudent, "Telugu"), AsUser(kOtherStudent, "student"));
    CHECK_MESSAGE(booked.ok(), (booked.error ? booked.error->code : ""));
  }

  TEST_CASE("an unknown zone is refused; a client's own zone_rule is replaced") {
    World w;
    SetMentorAvailability mars{
        kMentor, "Mars/Olympus_Mons", {{4, "09:00", "21:00"}}, std::string("IST-5:30")};
    CommandResult r = w.Send(mars, MentorActor());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error->code == "invalid_time_zone");
    // New York's rule, whatever the client claims: 09:00-21:00 there is 14:00Z-02:00Z.
    SetMentorAvailability ny{
        kMentor, "America/New_York", {{4, "09:00", "21:00"}}, std::string("IST-5:30")};
    REQUIRE(w.Send(ny, MentorActor()).ok());
    CommandResult early = w.Send(BookingOf(kSession, kStudent, "Telugu"), kStudentActor);
    REQUIRE_FALSE(early.ok());  // 10:00Z is 05:00 in New York
    CHECK(early.error->code == "outside_mentor_availability");
  }
}

}  // namespace edu::mentorship
