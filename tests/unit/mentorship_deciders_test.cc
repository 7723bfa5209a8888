// Specifications of the mentorship vertical slice: users, mentor approval, booking, payment into
// escrow, completion with escrow release and the 70/30 split.
#include "domain/mentorship/mentor.h"
#include "domain/mentorship/session.h"
#include "domain/mentorship/user.h"
#include "tests/support/decider_spec.h"
#include "tests/unit/mentorship_test_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

TEST_SUITE("mentorship users") {
  TEST_CASE("a student registers themselves") {
    RegisterUser c;
    c.user_id = kStudent;
    c.role = UserRole::student;
    c.email = "asha@example.in";
    c.name = "Asha Rao";
    c.academic_level = AcademicLevel::college;
    c.primary_language = "Telugu";
    c.languages_spoken = {"Telugu", "English"};
    Spec<UserDecider>().as(AsUser(kStudent, "student")).when(c).then({StudentRegistered()});
  }

  TEST_CASE("registering twice is a conflict") {
    RegisterUser c;
    c.user_id = kStudent;
    c.email = "asha@example.in";
    c.name = "Asha Rao";
    c.academic_level = AcademicLevel::college;
    Spec<UserDecider>()
        .as(AsUser(kStudent, "student"))
        .given({StudentRegistered()})
        .when(c)
        .then_error("user_already_registered", ErrorKind::kConflict);
  }

  TEST_CASE("nobody registers someone else, and only admins create admins") {
    RegisterUser c;
    c.user_id = kStudent;
    c.email = "asha@example.in";
    c.name = "Asha Rao";
    c.academic_level = AcademicLevel::college;
    Spec<UserDecider>()
        .as(AsUser(kMentorUser, "student"))
        .when(c)
        .then_error("not_own_account", ErrorKind::kForbidden);
    c.role = UserRole::admin;
    Spec<UserDecider>()
        .as(AsUser(kStudent, "student"))
        .when(c)
        .then_error("privileged_role_requires_admin");
  }

  TEST_CASE("invalid profile values are refused with their own codes") {
    RegisterUser c;
    c.user_id = kStudent;
    c.email = "not-an-email";
    c.name = "Asha";
    c.academic_level = AcademicLevel::school;
    auto as_self = [&] { return Spec<UserDecider>().at(kNow).as(AsUser(kStudent, "student")); };
    as_self().when(c).then_error("invalid_email", ErrorKind::kInvalid);
    c.email = "asha@example.in";
    c.date_of_birth = "2009-02-30";
    as_self().when(c).then_error("invalid_date_of_birth");
    c.date_of_birth = "2030-01-01";
    as_self().when(c).then_error("invalid_date_of_birth");
    c.date_of_birth = "2009-02-28";
    c.gpa_score = 11.0;
    as_self().when(c).then_error("invalid_gpa");
    c.gpa_score = 8.9;
    c.academic_level.reset();
    as_self().when(c).then_error("academic_level_required");
  }
}

TEST_SUITE("mentorship mentors") {
  TEST_CASE("a registered user applies and starts pending") {
    ApplyAsMentor c;
    c.mentor_id = kMentor;
    c.user_id = kMentorUser;
    c.title = "Senior Engineer";
    c.experience_years = 9;
    c.student_levels_served = {AcademicLevel::college};
    c.hourly_rate = Money{120000, "INR"};
    c.primary_language = "English";
    c.languages_spoken = {"Telugu", "Hindi"};
    UserRegistered mentor_user = StudentRegistered();
    mentor_user.user_id = kMentorUser;
    mentor_user.role = UserRole::mentor;
    Spec<MentorDecider>()
        .as(AsUser(kMentorUser, "mentor"))
        .given_stream<UserDecider>(UserStream(kMentorUser), {mentor_user})
        .when(c)
        .then({Applied()});
  }

  TEST_CASE("an application needs a registered user, a positive INR rate and levels") {
    ApplyAsMentor c;
    c.mentor_id = kMentor;
    c.user_id = kMentorUser;
    c.title = "Senior Engineer";
    c.student_levels_served = {AcademicLevel::college};
    c.hourly_rate = Money{120000, "INR"};
    c.primary_language = "English";
    Spec<MentorDecider>()
        .as(AsUser(kMentorUser, "mentor"))
        .when(c)
        .then_error("user_not_found", ErrorKind::kNotFound);

    UserRegistered mentor_user = StudentRegistered();
    mentor_user.user_id = kMentorUser;
    auto spec = [&] {
      Spec<MentorDecider> s;
      s.as(AsUser(kMentorUser, "mentor"))
          .given_stream<UserDecider>(UserStream(kMentorUser), {mentor_user});
      return s;
    };
    c.hourly_rate = Money{-5, "INR"};
    spec().when(c).then_error("invalid_amount", ErrorKind::kInvalid);
    c.hourly_rate = Money{0, "INR"};
    spec().when(c).then_error("invalid_amount");
    c.hourly_rate = Money{5000, "USD"};
    spec().when(c).then_error("currency_mismatch");
    c.hourly_rate = Money{120000, "INR"};
    c.student_levels_served.clear();
    spec().when(c).then_error("student_levels_required");
  }

  TEST_CASE("by default a pending mentor cannot be approved before the trial session") {
    Spec<MentorDecider>()
        .as(Admin())
        .given({Applied()})
        .when(ApproveMentor{kMentor, {}})
        .then_error("trial_session_required", ErrorKind::kInvalid);
  }

  TEST_CASE("under a policy without the trial session an admin approves a pending mentor, once") {
    Policies lenient;
    lenient.mentorship.name = "no-trial";
    lenient.mentorship.require_trial_session = false;
    MentorVerificationApproved approved = Approved();
    approved.policy = "no-trial";
    Spec<MentorDecider>()
        .with_policies(lenient)
        .as(Admin())
        .given({Applied()})
        .when(ApproveMentor{kMentor, {}})
        .then({approved});
    Spec<MentorDecider>()
        .with_policies(lenient)
        .as(Admin())
        .given({Applied(), Approved()})
        .when(ApproveMentor{kMentor, {}})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Spec<MentorDecider>()
        .as(AsUser(kMentorUser, "mentor"))
        .given({Applied()})
        .when(ApproveMentor{kMentor, {}})
        .then_error("admin_only", ErrorKind::kForbidden);
    Spec<MentorDecider>()
        .as(Admin())
        .when(ApproveMentor{kMentor, {}})
        .then_error("mentor_not_found");
  }
}

TEST_SUITE("mentorship booking") {
  TEST_CASE("a student books an approved mentor: price is rate x duration") {
    BookingSpec().when(Booking(60)).then({Booked(60, 120000)});
    BookingSpec(30).when(Booking(30)).then({Booked(30, 60000)});
    BookingSpec(90).when(Booking(90)).then({Booked(90, 180000)});
  }

  TEST_CASE("an odd rate rounds the 30-minute price half up to the paisa") {
    Spec<SessionDecider> spec;
    spec.at(kNow)
        .as(AsUser(kStudent, "student"))
        .given_stream<MentorDecider>(MentorStream(kMentor), {Applied(99999), Approved()})
        .given_stream<UserDecider>(UserStream(kStudent), {StudentRegistered()})
        .given_stream<MentorCalendarDecider>(MentorCalendarStream(kMentor),
                                             {KolkataAvailability(), TimeHeld(30)})
        .when(Booking(30));
    auto d = spec.decide();
    REQUIRE(d.accepted());
    CHECK(std::get<SessionBooked>(d.events()[0]).amount ==
          Money{50000, "INR"});                // 49999.5 -> 50000
    CHECK(SessionPrice(99999, 90) == 149999);  // 149998.5 -> 149999
  }

  TEST_CASE("booking an unapproved mentor is refused") {
    Spec<SessionDecider>()
        .at(kNow)
        .as(AsUser(kStudent, "student"))
        .given_stream<MentorDecider>(MentorStream(kMentor), {Applied()})
        .given_stream<UserDecider>(UserStream(kStudent), {StudentRegistered()})
        .when(Booking())
        .then_error("mentor_not_approved", ErrorKind::kInvalid);
  }

  TEST_CASE("durations are 30, 60 or 90 minutes") {
    BookingSpec().when(Booking(45)).then_error("invalid_duration");
    BookingSpec().when(Booking(0)).then_error("invalid_duration");
    BookingSpec().when(Booking(120)).then_error("invalid_duration");
  }

  TEST_CASE("a session starts strictly in the future") {
    BookSession c = Booking();
    c.scheduled_at = kNow;
    BookingSpec().when(c).then_error("session_not_in_future");
    c.scheduled_at = kNow + 1;
    BookingSpec(60, kNow + 1).when(c).then({[] {
      SessionBooked e = Booked();
      e.scheduled_at = kNow + 1;
      return e;
    }()});
  }

  TEST_CASE("the mentor must serve the student's level and speak the session language") {
    Spec<SessionDecider>()
        .at(kNow)
        .as(AsUser(kStudent, "student"))
        .given_stream<MentorDecider>(MentorStream(kMentor), {Applied(), Approved()})
        .given_stream<UserDecider>(UserStream(kStudent), {StudentRegistered(AcademicLevel::school)})
        .when(Booking())
        .then_error("level_not_served");
    BookSession c = Booking();
    c.session_language = "Tamil";
    BookingSpec().when(c).then_error("language_not_spoken");
    c.session_language = "";
    BookingSpec().when(c).then_error("session_language_required");
  }

  TEST_CASE("unknown mentor or student, someone else's booking, and double booking") {
    Spec<SessionDecider>()
        .at(kNow)
        .as(AsUser(kStudent, "student"))
        .given_stream<UserDecider>(UserStream(kStudent), {StudentRegistered()})
        .when(Booking())
        .then_error("mentor_not_found", ErrorKind::kNotFound);
    Spec<SessionDecider>()
        .at(kNow)
        .as(AsUser(kStudent, "student"))
        .given_stream<MentorDecider>(MentorStream(kMentor), {Applied(), Approved()})
        .when(Booking())
        .then_error("student_not_found", ErrorKind::kNotFound);
    BookingSpec()
        .as(AsUser(kMentorUser, "student"))
        .when(Booking())
        .then_error("not_own_booking", ErrorKind::kForbidden);
    BookingSpec()
        .given({Booked()})
        .when(Booking())
        .then_error("session_already_exists", ErrorKind::kConflict);
  }
}

TEST_SUITE("mentorship payment and escrow") {
  TEST_CASE("the gateway's capture is held in escrow and confirms the booking") {
    Spec<SessionDecider> spec;
    spec.at(kNow).as(testing::System()).given({Booked()}).when(Capture()).then({Captured()});
    CHECK(spec.state().booking.status() == BookingStatus::confirmed);
    CHECK(spec.state().payment->held == 120000);
  }

  TEST_CASE("a duplicate gateway capture changes nothing") {
    Spec<SessionDecider>()
        .at(kNow)
        .as(testing::System())
        .given({Booked(), Captured()})
        .when(Capture())
        .then({});
  }

  TEST_CASE("a capture must match the price, be positive and name the gateway payment") {
    Spec<SessionDecider>().given({Booked()}).when(Capture(100000)).then_error("amount_mismatch");
    Spec<SessionDecider>().given({Booked()}).when(Capture(-120000)).then_error("invalid_amount");
    CapturePayment c = Capture();
    c.gateway_payment_id.clear();
    Spec<SessionDecider>().given({Booked()}).when(c).then_error("gateway_payment_id_required");
    Spec<SessionDecider>().when(Capture()).then_error("session_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("paying a confirmed session with another payment is an illegal transition") {
    CapturePayment other = Capture();
    other.payment_id = *ParseUuid("66666666-6666-4666-8666-666666666666");
    other.gateway_payment_id = "pay_other";
    Spec<SessionDecider> spec;
    spec.given({Booked(), Captured()})
        .when(other)
        .then_error("illegal_transition", ErrorKind::kConflict);
    CHECK(spec.rejection()->message.find("is confirmed; it cannot be paid") != std::string::npos);
  }
}

TEST_SUITE("mentorship completion") {
  Policies NoHold() {
    Policies p;
    p.mentorship.name = "mentorship-no-hold";
    p.mentorship.escrow_hold_after_completion = 0;
    return p;
  }

  TEST_CASE(
      "without a hold, completing releases escrow and splits 70/30; parts sum to the amount") {
    Timestamp after = kStart + Minutes(61);
    SessionCompleted done{
        kSession, kStudent, kMentor, after, std::string("Great progress"), {"Read CLRS ch. 1"}};
    EscrowReleased released{kSession, kPayment, Money{120000, "INR"}, Money{0, "INR"},
                            EscrowStatus::released};
    PaymentSplit split{kSession,
                       kPayment,
                       kMentor,
                       Money{120000, "INR"},
                       Money{36000, "INR"},
                       Money{84000, "INR"},
                       3000,
                       7000,
                       "mentorship-no-hold"};
    Spec<SessionDecider> spec;
    spec.at(after)
        .with_policies(NoHold())
        .as(AsUser(kMentorUser, "mentor"))
        .given({Booked(), Captured()})
        .when(CompleteSession{kSession, std::string("Great progress"), {"Read CLRS ch. 1"}})
        .then({done, released, split});
    const SessionState& s = spec.state();
    CHECK(s.booking.status() == BookingStatus::completed);
    CHECK(s.payment->held == 0);
    CHECK(s.payment->captured.minor == s.payment->held + s.payment->released + s.payment->refunded);
  }

  TEST_CASE("an odd amount splits without losing a paisa") {
    Timestamp after = kStart + Minutes(31);
    Spec<SessionDecider> spec;
    spec.at(after)
        .with_policies(NoHold())
        .as(Admin())
        .given({Booked(30, 50001), Captured(50001)})
        .when(CompleteSession{kSession, {}, {}});
    auto d = spec.decide();
    REQUIRE(d.accepted());
    const auto& split = std::get<PaymentSplit>(d.events()[2]);
    CHECK(split.platform_fee.minor + split.mentor_earnings.minor == 50001);
    CHECK(split.platform_fee.minor == 15000);  // 15000.3 -> 15000; the mentor keeps the remainder
    CHECK(split.mentor_earnings.minor == 35001);
  }

  TEST_CASE("only the session's mentor or staff completes, never before it starts, never twice") {
    Timestamp after = kStart + Minutes(61);
    Spec<SessionDecider>()
        .at(after)
        .as(AsUser(kStudent, "student"))
        .given({Booked(), Captured()})
        .when(CompleteSession{kSession, {}, {}})
        .then_error("not_session_mentor", ErrorKind::kForbidden);
    Spec<SessionDecider>()
        .at(kStart - Minutes(1))
        .as(AsUser(kMentorUser, "mentor"))
        .given({Booked(), Captured()})
        .when(CompleteSession{kSession, {}, {}})
        .then_error("session_not_started");
    Spec<SessionDecider>()
        .at(after)
        .as(AsUser(kMentorUser, "mentor"))
        .given({Booked()})
        .when(CompleteSession{kSession, {}, {}})
        .then_error("illegal_transition");  // requested: not paid yet
    // Never started: the mentor may close it only once its hour is over (kStart + 60 min), so that
    // the student can still report the mentor's absence until then. Started, it may end early.
    Spec<SessionDecider>()
        .at(kStart + Minutes(59))
        .as(AsUser(kMentorUser, "mentor"))
        .given({Booked(), Captured()})
        .when(CompleteSession{kSession, {}, {}})
        .then_error("session_not_over", ErrorKind::kInvalid);
    Spec<SessionDecider> at_end;
    at_end.at(kStart + Minutes(60)).as(AsUser(kMentorUser, "mentor")).given({Booked(), Captured()});
    CHECK(at_end.when(CompleteSession{kSession, {}, {}}).decide().accepted());
    Spec<SessionDecider> started;
    started.at(kStart + Minutes(40))
        .as(AsUser(kMentorUser, "mentor"))
        .given({Booked(), Captured(), SessionStarted{kSession, kMentor, kStart, {}}});
    CHECK(started.when(CompleteSession{kSession, {}, {}}).decide().accepted());
    Spec<SessionDecider> twice;
    twice.at(after)
        .as(AsUser(kMentorUser, "mentor"))
        .given({Booked(), Captured(), SessionCompleted{kSession, kStudent, kMentor, after, {}, {}}})
        .when(CompleteSession{kSession, {}, {}})
        .then_error("illegal_transition", ErrorKind::kConflict);
    CHECK(twice.rejection()->message.find("is completed; it cannot be completed") !=
          std::string::npos);
  }
}

TEST_SUITE("booking machine") {
  TEST_CASE("the transition table is exported from the MSM rows") {
    MachineDescription d = BookingMachine::Describe();
    CHECK(d.initial == "requested");
    CHECK(d.transitions.size() == 20);
    std::string mermaid = MermaidDiagram(d);
    CHECK(mermaid.find("[*] --> requested") != std::string::npos);
    CHECK(mermaid.find("requested --> confirmed : pay") != std::string::npos);
    CHECK(mermaid.find("disputed --> resolved : resolve") != std::string::npos);
  }

  TEST_CASE("illegal triggers are refused and leave the state unchanged") {
    BookingMachine m;
    CHECK(m.status() == BookingStatus::requested);
    CHECK_FALSE(m.Fire(BookingTrigger::complete));
    CHECK(m.status() == BookingStatus::requested);
    CHECK(m.Fire(BookingTrigger::pay));
    CHECK(m.Allows(BookingTrigger::reschedule));
    BookingMachine copy = m;
    CHECK(copy.Fire(BookingTrigger::complete));
    CHECK(copy.status() == BookingStatus::completed);
    CHECK(m.status() == BookingStatus::confirmed);  // copies are independent
    CHECK_FALSE(copy.Fire(BookingTrigger::cancel));
    CHECK(copy.Fire(BookingTrigger::dispute));
    CHECK(copy.Fire(BookingTrigger::resolve));
    CHECK_FALSE(copy.Allows(BookingTrigger::dispute));
  }
}

}  // namespace edu::mentorship
