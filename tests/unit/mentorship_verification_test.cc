// Specifications of mentor verification (the PRD's nine statuses, one history row per step) and
// of the performance figures a mentor's sessions feed.
#include "tests/unit/mentorship_test_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

namespace {

MentorVerificationAdvanced Advanced(int step, VerificationStatus from, VerificationStatus to,
                                    const char* type,
                                    std::optional<std::string> background = std::nullopt) {
  MentorVerificationAdvanced e;
  e.mentor_id = kMentor;
  e.step_id = VerificationStepId(kMentor, step);
  e.previous_status = from;
  e.verification_status = to;
  e.verification_type = type;
  e.reviewed_by = Admin().id;
  e.background_check_status = std::move(background);
  return e;
}

AdvanceMentorVerification To(VerificationStatus status) {
  AdvanceMentorVerification c;
  c.mentor_id = kMentor;
  c.to = status;
  return c;
}

using VS = VerificationStatus;

std::vector<MentorDecider::Event> ThroughInterview() {
  return {Applied(), Advanced(1, VS::pending, VS::documents_under_review, "document_review"),
          Advanced(2, VS::documents_under_review, VS::background_check_in_progress,
                   "background_check", std::string("in_progress")),
          Advanced(3, VS::background_check_in_progress, VS::interview_scheduled, "interview",
                   std::string("cleared"))};
}

}  // namespace

TEST_SUITE("mentor verification") {
  TEST_CASE("each review step in order, one history row each, then the approval") {
    Spec<MentorDecider>()
        .given({Applied()})
        .when(To(VS::documents_under_review))
        .then({Advanced(1, VS::pending, VS::documents_under_review, "document_review")});
    Spec<MentorDecider>()
        .given({Applied(), Advanced(1, VS::pending, VS::documents_under_review, "document_review")})
        .when(To(VS::background_check_in_progress))
        .then({Advanced(2, VS::documents_under_review, VS::background_check_in_progress,
                        "background_check", std::string("in_progress"))});
    auto scheduled = To(VS::interview_scheduled);
    scheduled.scheduled_for = kStart;
    auto interview = Advanced(3, VS::background_check_in_progress, VS::interview_scheduled,
                              "interview", std::string("cleared"));
    interview.scheduled_for = kStart;
    auto until_bg = ThroughInterview();
    until_bg.pop_back();
    Spec<MentorDecider>().given(until_bg).when(scheduled).then({interview});
    Spec<MentorDecider>()
        .given(ThroughInterview())
        .when(To(VS::trial_session_required))
        .then({Advanced(4, VS::interview_scheduled, VS::trial_session_required, "trial_session")});

    auto full = ThroughInterview();
    full.push_back(
        Advanced(4, VS::interview_scheduled, VS::trial_session_required, "trial_session"));
    MentorVerificationApproved approved = Approved();
    approved.previous_status = VS::trial_session_required;
    approved.step_id = VerificationStepId(kMentor, 5);
    Spec<MentorDecider> spec;
    spec.given(full).when(ApproveMentor{kMentor, {}}).then({approved});
    CHECK(spec.state().verification_status() == VS::approved);
    CHECK(spec.state().is_active);
  }

  TEST_CASE("steps cannot be skipped, repeated or used for final decisions") {
    Spec<MentorDecider> skip;
    skip.given({Applied()})
        .when(To(VS::interview_scheduled))
        .then_error("illegal_transition", ErrorKind::kConflict);
    CHECK(skip.rejection()->message.find("is pending; it cannot move to interview_scheduled") !=
          std::string::npos);
    Spec<MentorDecider>()
        .given(ThroughInterview())
        .when(To(VS::documents_under_review))
        .then_error("illegal_transition");
    Spec<MentorDecider>()
        .given({Applied()})
        .when(To(VS::approved))
        .then_error("invalid_verification_step");
    Spec<MentorDecider>()
        .given({Applied()})
        .as(MentorActor())
        .when(To(VS::documents_under_review))
        .then_error("admin_only", ErrorKind::kForbidden);
    Spec<MentorDecider>()
        .when(To(VS::documents_under_review))
        .then_error("mentor_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("the default policy requires the trial session: an earlier approval is refused") {
    Spec<MentorDecider>()
        .given(ThroughInterview())
        .when(ApproveMentor{kMentor, {}})
        .then_error("trial_session_required", ErrorKind::kInvalid);
    Spec<MentorDecider>()
        .given({Applied()})
        .when(ApproveMentor{kMentor, {}})
        .then_error("trial_session_required", ErrorKind::kInvalid);
    Policies lenient;
    lenient.mentorship.name = "no-trial";
    lenient.mentorship.require_trial_session = false;
    MentorVerificationApproved approved = Approved();
    approved.previous_status = VS::interview_scheduled;
    approved.step_id = VerificationStepId(kMentor, 4);
    approved.policy = "no-trial";
    Spec<MentorDecider>()
        .with_policies(lenient)
        .given(ThroughInterview())
        .when(ApproveMentor{kMentor, {}})
        .then({approved});
  }

  TEST_CASE("a rejection during the background check records it as failed") {
    auto until_bg = ThroughInterview();
    until_bg.pop_back();
    Spec<MentorDecider> spec;
    spec.given(until_bg)
        .when(RejectMentor{kMentor, "criminal record"})
        .then({MentorVerificationRejected{kMentor, kMentorUser, VerificationStepId(kMentor, 3),
                                          VS::background_check_in_progress, Admin().id,
                                          "criminal record", std::string("failed")}});
    CHECK(spec.state().verification_status() == VS::rejected);
    Spec<MentorDecider>()
        .given({Applied()})
        .when(RejectMentor{kMentor, ""})
        .then_error("reason_required");
    Spec<MentorDecider>()
        .given({Applied(), Approved()})
        .when(RejectMentor{kMentor, "x"})
        .then_error("illegal_transition");
  }

  TEST_CASE("suspension, reinstatement, and reapplication start over") {
    Spec<MentorDecider> suspended;
    suspended.given({Applied(), Approved()})
        .when(SuspendMentor{kMentor, "three low ratings"})
        .then({MentorSuspended{kMentor, kMentorUser, VerificationStepId(kMentor, 2), Admin().id,
                               "three low ratings"}});
    CHECK_FALSE(suspended.state().is_active);
    MentorSuspended s{kMentor, kMentorUser, VerificationStepId(kMentor, 2), Admin().id,
                      "three low ratings"};
    Spec<MentorDecider>()
        .given({Applied(), Approved(), s})
        .when(ReinstateMentor{kMentor, std::string("trained")})
        .then({MentorReinstated{kMentor, kMentorUser, VerificationStepId(kMentor, 3), Admin().id,
                                std::string("trained")}});
    MentorReapplicationRequired again{kMentor, VerificationStepId(kMentor, 3), VS::suspended,
                                      Admin().id, "documents expired"};
    Spec<MentorDecider>()
        .given({Applied(), Approved(), s})
        .when(RequireMentorReapplication{kMentor, "documents expired"})
        .then({again});
    Spec<MentorDecider> reapplied;
    reapplied.as(MentorActor())
        .given({Applied(), Approved(), s, again})
        .when(ReapplyAsMentor{kMentor, {"s3://docs/new.pdf"}, {}})
        .then(
            {MentorReapplied{kMentor, VerificationStepId(kMentor, 4), {"s3://docs/new.pdf"}, {}}});
    CHECK(reapplied.state().verification_status() == VS::pending);
    Spec<MentorDecider>()
        .as(Student())
        .given({Applied(), Approved(), s, again})
        .when(ReapplyAsMentor{kMentor, {"s3://docs/new.pdf"}, {}})
        .then_error("not_own_account");
    Spec<MentorDecider>()
        .as(MentorActor())
        .given({Applied(), Approved(), s, again})
        .when(ReapplyAsMentor{kMentor, {}, {}})
        .then_error("verification_docs_required");
    Spec<MentorDecider>()
        .as(MentorActor())
        .given({Applied(), Approved()})
        .when(ReapplyAsMentor{kMentor, {"x"}, {}})
        .then_error("illegal_transition");
    Spec<MentorDecider>()
        .given({Applied()})
        .when(SuspendMentor{kMentor, "x"})
        .then_error("illegal_transition");
    Spec<MentorDecider>()
        .given({Applied(), Approved()})
        .when(ReinstateMentor{kMentor, {}})
        .then_error("illegal_transition");
  }

  TEST_CASE("a suspended mentor cannot be booked") {
    MentorSuspended s{kMentor, kMentorUser, VerificationStepId(kMentor, 2), Admin().id, "x"};
    Spec<SessionDecider>()
        .at(kNow)
        .as(AsUser(kStudent, "student"))
        .given_stream<MentorDecider>(MentorStream(kMentor), {Applied(), Approved(), s})
        .given_stream<UserDecider>(UserStream(kStudent), {StudentRegistered()})
        .when(Booking())
        .then_error("mentor_not_approved");
  }
}

TEST_SUITE("mentor performance") {
  MentorPerformanceUpdated Update(SessionOutcome outcome, std::optional<int32_t> rating,
                                  int completed, int missed, BasisPoints rate, int ratings,
                                  std::optional<int32_t> avg, int32_t score, bool meets,
                                  const Uuid& session = kSession) {
    return MentorPerformanceUpdated{kMentor, session, outcome, rating, completed, missed,
                                    rate,    ratings, avg,     score,  meets,     kPolicy};
  }
  RecordMentorSessionOutcome Outcome(SessionOutcome outcome,
                                     std::optional<int32_t> rating = std::nullopt,
                                     const Uuid& session = kSession) {
    return RecordMentorSessionOutcome{kMentor, session, outcome, rating};
  }
  const Uuid kOther = *ParseUuid("88888888-8888-4888-8888-888888888888");

  TEST_CASE("a completion and a rating move the figures; a redelivery changes nothing") {
    auto completed = Update(SessionOutcome::completed, {}, 1, 0, 10000, 0, {}, 10000, true);
    Spec<MentorDecider>()
        .as(Scheduler())
        .given({Applied(), Approved()})
        .when(Outcome(SessionOutcome::completed))
        .then({completed});
    Spec<MentorDecider>()
        .as(Scheduler())
        .given({Applied(), Approved(), completed})
        .when(Outcome(SessionOutcome::completed))
        .then({});
    // 3.00 average: 50 x 3/4 = 37.50 for the rating half, 50 for completion.
    Spec<MentorDecider>()
        .as(Scheduler())
        .given({Applied(), Approved(), completed})
        .when(Outcome(SessionOutcome::rated, 300))
        .then({Update(SessionOutcome::rated, 300, 1, 0, 10000, 1, 300, 8750, false)});
  }

  TEST_CASE("sessions missed by the mentor lower the completion rate below 90 %") {
    auto c1 = Update(SessionOutcome::completed, {}, 1, 0, 10000, 0, {}, 10000, true);
    // 1 of 2 held: 50 % of the 90 % threshold -> 27.77 of 50.
    Spec<MentorDecider>()
        .as(Scheduler())
        .given({Applied(), Approved(), c1})
        .when(Outcome(SessionOutcome::missed_by_mentor, {}, kOther))
        .then(
            {Update(SessionOutcome::missed_by_mentor, {}, 1, 1, 5000, 0, {}, 7777, false, kOther)});
  }

  TEST_CASE("the score's thresholds: 4.0 average and 90 % completion each earn their full half") {
    Policy p;
    CHECK(PerformanceScore(400, 9000, p) == 10000);
    CHECK(PerformanceScore(500, 10000, p) == 10000);
    CHECK(PerformanceScore(399, 9000, p) == 9987);
    CHECK(PerformanceScore(400, 8999, p) == 9999);
    CHECK(PerformanceScore(std::nullopt, 0, p) == 5000);
    CHECK(PerformanceScore(100, 0, p) == 1250);
  }

  TEST_CASE("averages round half up to the hundredth; only the system records outcomes") {
    auto r1 = Update(SessionOutcome::rated, 450, 0, 0, 10000, 1, 450, 10000, true);
    auto d = Spec<MentorDecider>()
                 .as(Scheduler())
                 .given({Applied(), Approved(), r1})
                 .when(Outcome(SessionOutcome::rated, 401, kOther))
                 .decide();
    REQUIRE(d.accepted());
    CHECK(std::get<MentorPerformanceUpdated>(d.events()[0]).avg_rating == 426);  // 425.5 -> 426
    Spec<MentorDecider>()
        .as(Student())
        .given({Applied()})
        .when(Outcome(SessionOutcome::completed))
        .then_error("system_only", ErrorKind::kForbidden);
    Spec<MentorDecider>()
        .as(Scheduler())
        .given({Applied()})
        .when(Outcome(SessionOutcome::rated))
        .then_error("invalid_rating");
  }
}

}  // namespace edu::mentorship
