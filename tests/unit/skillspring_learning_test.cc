// Specifications of Skillspring learning after a purchase: progress and completion, refunds within
// the 30-day window that reverse the split exactly, reviews from enrolled students and helpful
// votes.
#include "tests/unit/skillspring_test_fixtures.h"

namespace edu::skillspring {

using namespace fixtures;

TEST_SUITE("skillspring learning and refunds") {
  Spec<LearnerDecider> Learner(std::vector<LearnerDecider::Event> history) {
    Spec<LearnerDecider> spec = Shopper();
    spec.given(history).given_stream<CourseDecider>(CourseStream(kCourse), Published());
    return spec;
  }

  TEST_CASE("progress by distinct lectures; the last one completes the course") {
    const Uuid enrollment = EnrollmentIdFor(kStudent, kCourse);
    LectureWatched first{enrollment, kStudent, kCourse, kLecture1, 1, 2, 5000};
    Learner(Bought()).when(RecordLectureProgress{kStudent, kCourse, kLecture1}).then({first});
    std::vector<LearnerDecider::Event> halfway = Bought();
    halfway.push_back(first);
    Learner(halfway)
        .when(RecordLectureProgress{kStudent, kCourse, kLecture1})
        .then({first});  // rewatched
    auto done = Learner(halfway);
    done.when(RecordLectureProgress{kStudent, kCourse, kLecture2})
        .then({LectureWatched{enrollment, kStudent, kCourse, kLecture2, 2, 2, 10000},
               CourseCompleted{enrollment, kStudent, kCourse}});
    CHECK(done.state().purchases.at(kCourse).completed);
    Learner(Bought())
        .when(RecordLectureProgress{kStudent, kCourse, kSection})
        .then_error("lecture_not_in_course");
    Learner({})
        .when(RecordLectureProgress{kStudent, kCourse, kLecture1})
        .then_error("not_enrolled");
  }

  TEST_CASE("a refund within 30 days reverses the split exactly; not a microsecond later") {
    PurchaseRefunded refunded{EnrollmentIdFor(kStudent, kCourse),
                              kStudent,
                              kCourse,
                              kMentor,
                              Usd(4999),
                              Usd(3499),
                              Usd(1500),
                              std::string("not for me"),
                              "skillspring-default-v1"};
    auto spec = Learner(Bought(kNow));
    spec.at(kNow + kPolicy.refund_window)
        .when(RefundPurchase{kStudent, kCourse, std::string("not for me")})
        .then({refunded});
    CHECK(spec.state().Owned(kCourse) == nullptr);
    Learner(Bought(kNow))
        .at(kNow + kPolicy.refund_window + 1)
        .when(RefundPurchase{kStudent, kCourse, {}})
        .then_error("refund_window_passed", ErrorKind::kInvalid);
    std::vector<LearnerDecider::Event> again = Bought();
    again.push_back(refunded);
    Learner(again).when(RefundPurchase{kStudent, kCourse, {}}).then_error("not_enrolled");
    std::vector<LearnerDecider::Event> completed = Bought();
    completed.push_back(CourseCompleted{EnrollmentIdFor(kStudent, kCourse), kStudent, kCourse});
    Learner(completed).when(RefundPurchase{kStudent, kCourse, {}}).then_error("course_completed");
    std::vector<LearnerDecider::Event> free = {
        CartOpened{kCart, kStudent}, Item(kCourse, 4999), Attached(100),
        CheckedOut(4999, 4999, 1, std::string("SPRING25"), true), Purchased(kCourse, 4999, 4999)};
    Learner(free).when(RefundPurchase{kStudent, kCourse, {}}).then_error("nothing_to_refund");
  }
}

TEST_SUITE("skillspring reviews") {
  Spec<ReviewDecider> ReviewSpec(std::vector<LearnerDecider::Event> learner) {
    Spec<ReviewDecider> spec;
    spec.at(kNow).as(StudentActor()).given_stream<LearnerDecider>(LearnerStream(kStudent), learner);
    return spec;
  }
  ReviewWritten Written(int32_t rating = 5) {
    return ReviewWritten{ReviewIdFor(kStudent, kCourse), kCourse, kStudent, kMentor, rating,
                         std::string("Clear"),           {},      true,     true};
  }

  TEST_CASE("only an enrolled student reviews, once per course, rating 1..5") {
    WriteReview c{kStudent, kCourse, 5, std::string("Clear"), {}, true};
    ReviewSpec(Bought()).when(c).then({Written()});
    ReviewSpec({}).when(c).then_error("not_enrolled", ErrorKind::kInvalid);
    ReviewSpec(Bought())
        .given({Written()})
        .when(c)
        .then_error("review_already_exists", ErrorKind::kConflict);
    for (int32_t rating : {0, 6}) {
      c.rating = rating;
      ReviewSpec(Bought()).when(c).then_error("invalid_rating");
    }
    for (int32_t rating : {1, 5}) {
      c.rating = rating;
      ReviewSpec(Bought()).when(c).then({Written(rating)});
    }
    c.rating = 4;
    ReviewSpec(Bought())
        .as(StudentActor(kOther))
        .when(c)
        .then_error("not_own_review", ErrorKind::kForbidden);
  }

  TEST_CASE("one helpful vote per review and student, never on one's own review") {
    const Uuid review = ReviewIdFor(kStudent, kCourse);
    auto spec = Spec<ReviewDecider>();
    spec.as(StudentActor(kOther))
        .given({Written()})
        .when(VoteReview{review, kOther, Vote::helpful})
        .then({ReviewVoted{review, kOther, Vote::helpful, 1}});
    Spec<ReviewDecider>()
        .as(StudentActor(kOther))
        .given({Written()})
        .when(VoteReview{review, kOther, Vote::not_helpful})
        .then({ReviewVoted{review, kOther, Vote::not_helpful, 0}});
    Spec<ReviewDecider>()
        .as(StudentActor(kOther))
        .given({Written(), ReviewVoted{review, kOther, Vote::helpful, 1}})
        .when(VoteReview{review, kOther, Vote::not_helpful})
        .then_error("already_voted", ErrorKind::kConflict);
    Spec<ReviewDecider>()
        .as(StudentActor())
        .given({Written()})
        .when(VoteReview{review, kStudent, Vote::helpful})
        .then_error("own_review");
    Spec<ReviewDecider>()
        .as(StudentActor(kOther))
        .when(VoteReview{review, kOther, Vote::helpful})
        .then_error("review_not_found");
  }
}

}  // namespace edu::skillspring
