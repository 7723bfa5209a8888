// Skillspring commands and who may issue them (finer ownership checks live in the deciders), and
// the skillspring-commerce reaction that carries coupons between coupon and learner streams and
// reviews to their mentor's rating.
#include <memory>

#include "commands/reaction.h"
#include "commands/registry.h"
#include "domain/skillspring/coupon.h"
#include "domain/skillspring/course.h"
#include "domain/skillspring/learner.h"
#include "domain/skillspring/people.h"
#include "domain/skillspring/qa.h"
#include "domain/skillspring/review.h"
#include "eventstore/event_codec.h"

namespace edu {

void RegisterSkillspring(Registry* r) {
  using namespace skillspring;
  const std::vector<std::string> kStudent = {"student", "admin"};
  const std::vector<std::string> kMentor = {"mentor", "admin"};
  r->AddCommand<UserDecider, RegisterUser>({"student", "mentor", "admin"},
                                           "Register a student or mentor (themselves) or an admin");
  r->AddCommand<UserDecider, RecordMentorRating>({"system"},
                                                 "Fold a new review into its mentor's rating");
  r->AddCommand<CategoryDecider, CreateCategory>({"admin"},
                                                 "Create a catalog category (two levels)");
  r->AddCommand<CourseDecider, CreateCourse>(kMentor,
                                             "Create a draft course with sections and lectures");
  r->AddCommand<CourseDecider, SubmitCourse>(kMentor, "Submit a draft course for review");
  r->AddCommand<CourseDecider, PublishCourse>({"admin"}, "Publish a submitted course");
  r->AddCommand<CourseDecider, RequestCourseChanges>({"admin"},
                                                     "Send a submitted course back to draft");
  r->AddCommand<CourseDecider, ArchiveCourse>(kMentor,
                                              "Archive a course (status archived + deleted_at)");
  r->AddCommand<CourseDecider, ChangeCoursePrice>(kMentor, "Change a course's list and sale price");
  r->AddCommand<CourseDecider, ViewCourse>({"student", "mentor", "admin"},
                                           "Count a view of a published course");
  r->AddCommand<CouponDecider, CreateCoupon>(
      kMentor, "Create a coupon: percent 1..100, max redemptions, validity window");
  r->AddCommand<CouponDecider, ApplyCoupon>(
      kStudent, "Apply a coupon to the open cart (reserves one redemption)");
  r->AddCommand<CouponDecider, ReleaseCoupon>({"system"}, "Give a cart's coupon redemption back");
  r->AddCommand<LearnerDecider, AddToCart>(
      kStudent, "Add a published course to the open cart at its current price (opens the cart)");
  r->AddCommand<LearnerDecider, RemoveFromCart>(kStudent, "Remove a course from the open cart");
  r->AddCommand<LearnerDecider, AbandonCart>({"student", "admin", "system"},
                                             "Abandon the open cart");
  r->AddCommand<LearnerDecider, AttachCoupon>({"system"},
                                              "Attach a reserved coupon redemption to its cart");
  r->AddCommand<LearnerDecider, CheckoutCart>(
      kStudent, "Check out the open cart into enrollments (coupon applied, 70/30 split)");
  r->AddCommand<LearnerDecider, RecordLectureProgress>(
      kStudent, "Record a watched lecture; the last one completes the course");
  r->AddCommand<LearnerDecider, RefundPurchase>(
      kStudent, "Refund a purchase in full within the refund window, unless completed");
  r->AddCommand<ReviewDecider, WriteReview>({"student"},
                                            "Review a course the student is enrolled in (1..5)");
  r->AddCommand<ReviewDecider, VoteReview>({"student"}, "Vote a review helpful or not, once");
  r->AddCommand<ReviewDecider, ReportReview>({"student", "mentor"},
                                             "Report a review, once, saying why (not one's own)");
  r->AddCommand<ReviewDecider, DismissReviewReports>(
      {"admin"}, "Moderate a reported review: keep it (its reports dismissed)");
  r->AddCommand<ReviewDecider, RemoveReview>(
      {"admin"},
      "Moderate a reported review: remove it (and withdraw it from the mentor's rating)");
  r->AddCommand<UserDecider, WithdrawMentorRating>(
      {"system"}, "Take a removed review out of its mentor's rating");
  r->AddCommand<QuestionDecider, AskQuestion>({"student"},
                                              "Ask a question about a course the student owns");
  r->AddCommand<AnswerDecider, AnswerQuestion>({"mentor"},
                                               "Answer a question about one's own course");
  r->AddCommand<QuestionDecider, MarkAnswerAsSolution>(
      {"student"}, "Mark an answer to one's own question as its solution (resolves it)");
}

namespace {

using namespace skillspring;

// A command of this marketplace, as a typed value.
template <class Command>
ReactionCommand Issue(Command command, std::string key) {
  return edu::Issue("skillspring", std::move(command), std::move(key));
}

// A reserved coupon redemption reaches its cart (AttachCoupon); a redemption the cart declines,
// abandons or leaves unused goes back (ReleaseCoupon); a review updates its mentor's rating, and
// leaves it again when a moderator removes it (WithdrawMentorRating).
class SkillspringCommerceReaction : public Reaction {
 public:
  using Trigger = std::variant<CouponRedeemed, CouponDeclined, CartAbandoned, CartCheckedOut,
                               ReviewWritten, ReviewRemoved>;

  std::string name() const override { return "skillspring-commerce"; }

  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "skillspring" && HandlesEventType<Trigger>(e.type);
  }

  Status React(const RecordedEvent& recorded, std::vector<ReactionCommand>* out) const override {
    Trigger event;
    EDU_RETURN_IF_ERROR(DecodeEvent(recorded, &event));
    std::visit(
        Overloaded{[&](const CouponRedeemed& e) {
                     out->push_back(Issue(AttachCoupon{e.student_id, e.cart_id, e.coupon_id, e.code,
                                                       e.discount_percent, e.mentor_id},
                                          "attach"));
                   },
                   [&](const CouponDeclined& e) {
                     out->push_back(Issue(ReleaseCoupon{e.code, e.cart_id, "declined: " + e.reason},
                                          "release"));
                   },
                   [&](const CartAbandoned& e) {
                     if (!e.coupon_code) return;
                     out->push_back(Issue(
                         ReleaseCoupon{*e.coupon_code, e.cart_id, "cart abandoned"}, "release"));
                   },
                   [&](const CartCheckedOut& e) {
                     if (!e.coupon_code || e.coupon_used) return;
                     out->push_back(Issue(
                         ReleaseCoupon{*e.coupon_code, e.cart_id, "no item of the cart qualified"},
                         "release"));
                   },
                   [&](const ReviewWritten& e) {
                     out->push_back(
                         Issue(RecordMentorRating{e.mentor_id, e.review_id, e.rating}, "rating"));
                   },
                   [&](const ReviewRemoved& e) {
                     out->push_back(Issue(WithdrawMentorRating{e.mentor_id, e.review_id, e.rating},
                                          "withdraw-rating"));
                   }},
        event);
    return Status::OK();
  }
};

}  // namespace

std::unique_ptr<Reaction> MakeSkillspringCommerceReaction() {
  return std::make_unique<SkillspringCommerceReaction>();
}

}  // namespace edu
