// Specifications of reporting and moderating Skillspring reviews (course_reviews.reported_count):
// anyone but the review's author reports it once, saying why; an admin (Skillspring's moderator)
// dismisses the reports (the review is active again) or removes the review, which is final and
// takes it out of its mentor's rating (ModerationMachine; WithdrawMentorRating by the reaction).
#include <memory>
#include <string>

#include "commands/reaction.h"
#include "eventstore/event_codec.h"
#include "tests/support/machine_spec.h"
#include "tests/unit/skillspring_test_fixtures.h"

namespace edu {
std::unique_ptr<Reaction> MakeSkillspringCommerceReaction();
}

namespace edu::skillspring {
namespace {

using namespace fixtures;

const Uuid kReview = ReviewIdFor(kStudent, kCourse);
const Uuid kThird = *ParseUuid("11111111-1111-4111-8111-333333333333");

ReviewWritten Written() {
  return ReviewWritten{kReview, kCourse, kStudent, kMentor, 2, std::string("Meh"), {}, false, true};
}
ReviewReported Reported(const Uuid& by, int32_t count_after) {
  return ReviewReported{kReview, by, "Insults the mentor", count_after};
}
ReviewReportsDismissed Dismissed(int32_t count) {
  return ReviewReportsDismissed{kReview, *ParseUuid(Admin().id), std::nullopt, count};
}
ReviewRemoved Removed() {
  return ReviewRemoved{kReview,           kCourse, kStudent, kMentor, 2, *ParseUuid(Admin().id),
                       "Abusive language"};
}

Spec<ReviewDecider> Reviews(const Actor& actor) {
  Spec<ReviewDecider> spec;
  spec.at(kNow).as(actor);
  return spec;
}

}  // namespace

TEST_SUITE("skillspring review reports") {
  TEST_CASE("a student or mentor reports a review, saying why: reported_count counts the reports") {
    auto spec = Reviews(StudentActor(kOther));
    spec.given({Written()})
        .when(ReportReview{kReview, kOther, "  Insults the mentor "})
        .then({Reported(kOther, 1)});
    CHECK(spec.state().moderation.status() == ModerationStatus::reported);
    Reviews(MentorActor())
        .given({Written(), Reported(kOther, 1)})
        .when(ReportReview{kReview, kMentor, "Insults the mentor"})
        .then({Reported(kMentor, 2)});
  }

  TEST_CASE("nobody reports their own review, reports twice, or reports as someone else") {
    Reviews(StudentActor())
        .given({Written()})
        .when(ReportReview{kReview, kStudent, "I regret it"})
        .then_error("own_review", ErrorKind::kInvalid);
    Reviews(StudentActor(kOther))
        .given({Written(), Reported(kOther, 1)})
        .when(ReportReview{kReview, kOther, "Still rude"})
        .then_error("already_reported", ErrorKind::kConflict);
    // Also once its reports were dismissed: one report per person, ever.
    Reviews(StudentActor(kOther))
        .given({Written(), Reported(kOther, 1), Dismissed(1)})
        .when(ReportReview{kReview, kOther, "Still rude"})
        .then_error("already_reported");
    Reviews(StudentActor(kOther))
        .given({Written()})
        .when(ReportReview{kReview, kThird, "Rude"})
        .then_error("not_own_review", ErrorKind::kForbidden);
  }

  TEST_CASE("a report needs a reason and an existing review that was not removed") {
    for (const std::string& reason :
         {std::string(), std::string("  \t"), std::string(10'001, 'r')}) {
      Reviews(StudentActor(kOther))
          .given({Written()})
          .when(ReportReview{kReview, kOther, reason})
          .then_error("reason_required", ErrorKind::kInvalid);
    }
    Reviews(StudentActor(kOther))
        .when(ReportReview{kReview, kOther, "Rude"})
        .then_error("review_not_found", ErrorKind::kNotFound);
    Reviews(StudentActor(kThird))
        .given({Written(), Reported(kOther, 1), Removed()})
        .when(ReportReview{kReview, kThird, "Rude"})
        .then_error("review_removed", ErrorKind::kConflict);
  }
}

TEST_SUITE("skillspring review moderation") {
  TEST_CASE("an admin dismisses the reports: the review is active again and may be reported anew") {
    auto spec = Reviews(Admin());
    spec.given({Written(), Reported(kOther, 1), Reported(kMentor, 2)})
        .when(DismissReviewReports{kReview, std::string(" Criticism, not abuse ")})
        .then({ReviewReportsDismissed{kReview, *ParseUuid(Admin().id),
                                      std::string("Criticism, not abuse"), 2}});
    CHECK(spec.state().moderation.status() == ModerationStatus::active);
    Reviews(StudentActor(kThird))
        .given({Written(), Reported(kOther, 1), Dismissed(1)})
        .when(ReportReview{kReview, kThird, "Insults the mentor"})
        .then({Reported(kThird, 2)});
  }

  TEST_CASE("an admin removes a reported review: final, and it carries the rating to withdraw") {
    auto spec = Reviews(Admin());
    spec.given({Written(), Reported(kOther, 1)})
        .when(RemoveReview{kReview, " Abusive language "})
        .then({Removed()});
    CHECK(spec.state().moderation.status() == ModerationStatus::removed);
    for (const auto& command : std::vector<ReviewDecider::Command>{
             RemoveReview{kReview, "again"}, DismissReviewReports{kReview, std::nullopt}}) {
      Reviews(Admin())
          .given({Written(), Reported(kOther, 1), Removed()})
          .when(command)
          .then_error("review_removed", ErrorKind::kConflict);
    }
    Reviews(StudentActor(kThird))
        .given({Written(), Reported(kOther, 1), Removed()})
        .when(VoteReview{kReview, kThird, Vote::helpful})
        .then_error("review_removed");
    Reviews(Admin())
        .given({Written(), Reported(kOther, 1)})
        .when(RemoveReview{kReview, "   "})
        .then_error("reason_required");
  }

  TEST_CASE("only a reported review is moderated, and only by an admin") {
    for (const auto& command : std::vector<ReviewDecider::Command>{
             RemoveReview{kReview, "Abusive"}, DismissReviewReports{kReview, std::nullopt}}) {
      Reviews(Admin())
          .given({Written()})
          .when(command)
          .then_error("review_not_reported", ErrorKind::kConflict);
      Reviews(Admin())
          .given({Written(), Reported(kOther, 1), Dismissed(1)})
          .when(command)
          .then_error("review_not_reported");
      Reviews(Admin()).when(command).then_error("review_not_found", ErrorKind::kNotFound);
      for (const Actor& actor : {MentorActor(), StudentActor(kOther), StudentActor()}) {
        Reviews(actor)
            .given({Written(), Reported(kOther, 1)})
            .when(command)
            .then_error("admin_only", ErrorKind::kForbidden);
      }
    }
  }

  // Rows written from docs/skillspring.md "Lifecycles", not from the machine.
  TEST_CASE("review moderation: active -> reported -> active | removed") {
    using S = ModerationStatus;
    using T = ModerationTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        {S::active, T::report, S::reported},
        {S::reported, T::report, S::reported},  // more reports
        {S::reported, T::dismiss, S::active},
        {S::reported, T::remove, S::removed},
    };
    testing::CheckMachine<ModerationMachine, S, T>(S::active, lifecycle);
  }
}

TEST_SUITE("skillspring mentor rating after a removal") {
  Spec<UserDecider> MentorWith(std::vector<UserDecider::Event> events) {
    Spec<UserDecider> spec;
    spec.at(kNow).as(System());
    events.insert(events.begin(), Registered(kMentor, UserRole::mentor));
    spec.given(events);
    return spec;
  }
  const Uuid kReview2 = ReviewIdFor(kOther, kCourse);

  TEST_CASE("a removed review leaves its mentor's rating; the average follows the rest") {
    MentorWith({MentorRatingRecorded{kMentor, kReview, 2, 1, 2, 200},
                MentorRatingRecorded{kMentor, kReview2, 5, 2, 7, 350}})
        .when(WithdrawMentorRating{kMentor, kReview, 2})
        .then({MentorRatingWithdrawn{kMentor, kReview, 2, 1, 5, 500}});
    // The last review leaving: no review, no average.
    MentorWith({MentorRatingRecorded{kMentor, kReview, 2, 1, 2, 200}})
        .when(WithdrawMentorRating{kMentor, kReview, 2})
        .then({MentorRatingWithdrawn{kMentor, kReview, 2, 0, 0, 0}});
  }

  TEST_CASE("a withdrawal delivered again, or of a review never rated, changes nothing") {
    MentorWith({MentorRatingRecorded{kMentor, kReview, 2, 1, 2, 200},
                MentorRatingWithdrawn{kMentor, kReview, 2, 0, 0, 0}})
        .when(WithdrawMentorRating{kMentor, kReview, 2})
        .then({});
    MentorWith({}).when(WithdrawMentorRating{kMentor, kReview, 2}).then({});
    // Nor does the rating come back when its RecordMentorRating is delivered again.
    MentorWith({MentorRatingRecorded{kMentor, kReview, 2, 1, 2, 200},
                MentorRatingWithdrawn{kMentor, kReview, 2, 0, 0, 0}})
        .when(RecordMentorRating{kMentor, kReview, 2})
        .then({});
    Spec<UserDecider>()
        .as(System())
        .when(WithdrawMentorRating{kMentor, kReview, 2})
        .then_error("mentor_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("the skillspring-commerce reaction withdraws a removed review's rating") {
    RecordedEvent r;
    r.event_id = DeriveUuid(EduledgerNamespace(), "reaction-spec/ReviewRemoved");
    r.type = ReviewRemoved::kType;
    r.schema_version = ReviewRemoved::kSchemaVersion;
    r.marketplace = "skillspring";
    r.payload = json::Encode(Removed());
    auto reaction = MakeSkillspringCommerceReaction();
    REQUIRE(reaction->Handles(r));
    std::vector<ReactionCommand> out;
    REQUIRE(reaction->React(r, &out).ok());
    REQUIRE(out.size() == 1);
    REQUIRE(out[0].As<WithdrawMentorRating>() != nullptr);
    const WithdrawMentorRating& c = *out[0].As<WithdrawMentorRating>();
    CHECK(c.mentor_id == kMentor);
    CHECK(c.review_id == kReview);
    CHECK(c.rating == 2);
  }
}

}  // namespace edu::skillspring
