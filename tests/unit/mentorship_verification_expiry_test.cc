// Specifications of the verification's deadlines (issue 12): an approval's expiry_date ends the
// verification from 00:00 UTC of that date (the mentor must reapply and is not bookable), and its
// auto_reverify_date opens the quarterly review (a quality_reviews row; the mentor stays
// approved), the next one reverify_after_days later. Both are the scheduler's (or an admin's).
#include "tests/unit/mentorship_test_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

namespace {

using VS = VerificationStatus;

const Date kExpiry = *ParseDate("2027-01-01");    // Approved(): 2026-01-01 + 365 days
const Date kReverify = *ParseDate("2026-04-01");  // + 90 days

MentorVerificationExpired Expired(Timestamp at, VS from = VS::approved, int step = 2) {
  MentorVerificationExpired e;
  e.mentor_id = kMentor;
  e.user_id = kMentorUser;
  e.step_id = VerificationStepId(kMentor, step);
  e.previous_status = from;
  e.expiry_date = kExpiry;
  e.expired_at = at;
  return e;
}

MentorReverificationOpened Opened(Timestamp at, Date due = kReverify) {
  MentorReverificationOpened e;
  e.mentor_id = kMentor;
  e.review_id = DeriveUuid(kMentor, "reverification:" + FormatDate(due));
  e.reverify_date = due;
  e.next_reverify_date = CivilFromDays(DaysFromCivil(due) + 90);
  e.opened_at = at;
  e.policy = "mentorship-default-v1";
  return e;
}

Spec<MentorDecider> ApprovedMentor(Timestamp at, Actor actor = Scheduler()) {
  Spec<MentorDecider> spec;
  spec.at(at).as(std::move(actor)).given({Applied(), Approved()});
  return spec;
}

}  // namespace

TEST_SUITE("mentor verification deadlines") {
  TEST_CASE("the verification expires from 00:00 UTC of expiry_date: not a second before") {
    const Timestamp due = StartOfDay(kExpiry);
    ApprovedMentor(due - Seconds(1))
        .when(ExpireMentorVerification{kMentor})
        .then_error("verification_deadline_not_due", ErrorKind::kInvalid);
    auto at = ApprovedMentor(due);
    at.when(ExpireMentorVerification{kMentor}).then({Expired(due)});
    CHECK(at.state().verification_status() == VS::reapplication_required);
    CHECK_FALSE(at.state().is_active);
    ApprovedMentor(due + Seconds(1))
        .when(ExpireMentorVerification{kMentor})
        .then({Expired(due + Seconds(1))});
  }

  TEST_CASE("an expired mentor reapplies; a suspended one expires too; only system or admin") {
    const Timestamp due = StartOfDay(kExpiry);
    auto expired = ApprovedMentor(due);
    expired.given({Expired(due)})
        .when(ExpireMentorVerification{kMentor})
        .then_error("illegal_transition");
    ApprovedMentor(due, MentorActor())
        .when(ExpireMentorVerification{kMentor})
        .then_error("system_only", ErrorKind::kForbidden);
    ApprovedMentor(due, Admin()).when(ExpireMentorVerification{kMentor}).then({Expired(due)});
    MentorSuspended suspended;
    suspended.mentor_id = kMentor;
    suspended.step_id = VerificationStepId(kMentor, 2);
    suspended.suspended_by = Admin().id;
    suspended.reason = "complaints";
    ApprovedMentor(due)
        .given({suspended})
        .when(ExpireMentorVerification{kMentor})
        .then({Expired(due, VS::suspended, 3)});
    Spec<MentorDecider>()
        .at(due)
        .as(Scheduler())
        .when(ExpireMentorVerification{kMentor})
        .then_error("mentor_not_found");
  }

  TEST_CASE("the quarterly review opens from 00:00 UTC of auto_reverify_date, then 90 days on") {
    const Timestamp due = StartOfDay(kReverify);
    ApprovedMentor(due - Seconds(1))
        .when(OpenMentorReverification{kMentor})
        .then_error("verification_deadline_not_due", ErrorKind::kInvalid);
    auto at = ApprovedMentor(due);
    at.when(OpenMentorReverification{kMentor}).then({Opened(due)});
    CHECK(at.state().verification_status() == VS::approved);
    CHECK(at.state().is_active);
    ApprovedMentor(due + Seconds(1))
        .when(OpenMentorReverification{kMentor})
        .then({Opened(due + Seconds(1))});
    // Once per date: the next one is due 90 days later.
    const Date next = CivilFromDays(DaysFromCivil(kReverify) + 90);
    ApprovedMentor(due + Hours(1))
        .given({Opened(due)})
        .when(OpenMentorReverification{kMentor})
        .then_error("verification_deadline_not_due");
    ApprovedMentor(StartOfDay(next))
        .given({Opened(due)})
        .when(OpenMentorReverification{kMentor})
        .then({Opened(StartOfDay(next), next)});
    ApprovedMentor(due, Student())
        .when(OpenMentorReverification{kMentor})
        .then_error("system_only", ErrorKind::kForbidden);
    ApprovedMentor(StartOfDay(kExpiry))
        .given({Expired(StartOfDay(kExpiry))})
        .when(OpenMentorReverification{kMentor})
        .then_error("illegal_transition");
  }
}

}  // namespace edu::mentorship
