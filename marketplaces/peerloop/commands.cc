// PeerLoop: its commands and who may issue them (finer ownership checks live in the deciders), and
// its reactions (process managers), which carry effects from one stream to another:
//
//   peerloop.teaching  SessionStarted   -> StartEnrollment        (enrolled -> in_progress)
//                      SessionCompleted -> ReleaseSessionEscrow   (the next tranche leaves escrow)
//                      EscrowReleased   -> CreditEarnings         (each teacher/creator line)
//                      PayoutCompleted  -> MarkSplitsPaid         (per enrollment it paid)
//   peerloop.goodwill  GoodwillGiven    -> CreditGoodwill         (the receiver of a peer award)
//                      SummonCompleted  -> CreditGoodwill         (summon_help, system award)
//                      PaymentCompleted -> CreditGoodwill         (referral, system award)
//   peerloop.notifications (messaging_commands.cc): payments, refunds, payouts, messages -> Notify
//
// Money and points are conserved across them: every command carries exactly the figures of the
// event that caused it, and derived command ids make a redelivered event change nothing.
#include <map>
#include <memory>
#include <variant>

#include "commands/reaction.h"
#include "commands/registry.h"
#include "domain/peerloop/course.h"
#include "domain/peerloop/enrollment.h"
#include "domain/peerloop/goodwill.h"
#include "domain/peerloop/payout.h"
#include "domain/peerloop/post.h"
#include "domain/peerloop/session.h"
#include "domain/peerloop/summon.h"
#include "domain/peerloop/user.h"
#include "eventstore/event_codec.h"
#include "eventstore/json_binding.h"

namespace edu {

void RegisterPeerloopMessaging(Registry* r);                    // messaging_commands.cc
std::unique_ptr<Reaction> MakePeerloopNotificationsReaction();  // messaging_commands.cc
void RegisterPeerloopFeed(Registry* r);                         // feed_commands.cc
void RegisterPeerloopLearning(Registry* r);                     // learning_commands.cc

void RegisterPeerloop(Registry* r) {
  using namespace peerloop;
  const std::vector<std::string> kLearners = {"student", "student_teacher", "creator", "admin"};
  const std::vector<std::string> kTeachers = {"student_teacher", "creator", "admin"};
  const std::vector<std::string> kMembers = {"student", "student_teacher", "creator", "admin",
                                             "moderator"};
  const std::vector<std::string> kPayments = {"gateway", "system", "admin"};
  const std::vector<std::string> kSystem = {"system", "admin"};

  r->AddCommand<UserDecider, RegisterUser>(kMembers, "Register a PeerLoop account");
  r->AddCommand<UserDecider, CertifyStudentTeacher>(
      {"creator", "admin"}, "Certify a user as a student-teacher of the creator's course");
  r->AddCommand<UserDecider, AddAvailabilitySlot>(
      kTeachers, "Add a weekly teaching slot (day 0-6, start < end)");
  r->AddCommand<UserDecider, RemoveAvailabilitySlot>(kTeachers, "Remove a weekly teaching slot");
  r->AddCommand<CategoryDecider, CreateCategory>({"admin", "moderator"},
                                                 "Create a course category");
  r->AddCommand<CourseDecider, CreateCourse>(
      {"creator", "admin"}, "Create a course with its teacher commission (70% by default)");
  r->AddCommand<CourseDecider, TagCourse>(
      {"creator", "admin"}, "Tag a course with a topic for search (its creator or an admin)");

  r->AddCommand<EnrollmentDecider, Enroll>(
      kLearners, "Enroll in a course (checkout): the enrollment and a pending transaction");
  r->AddCommand<EnrollmentDecider, ConfirmPayment>(
      kPayments, "The gateway captured the payment: held in escrow, split 70/15/15");
  r->AddCommand<EnrollmentDecider, FailPayment>(kPayments,
                                                "The payment failed: the enrollment is cancelled");
  r->AddCommand<EnrollmentDecider, StartEnrollment>(
      {"system", "student_teacher", "creator", "admin"}, "Mark an enrollment in progress");
  r->AddCommand<EnrollmentDecider, ReleaseSessionEscrow>(
      kSystem, "Release the next escrow tranche for a completed session");
  r->AddCommand<EnrollmentDecider, CompleteEnrollment>(
      {"student_teacher", "creator", "admin", "system"},
      "Complete an enrollment: everything still in escrow is released");
  r->AddCommand<EnrollmentDecider, CancelEnrollment>(
      kMembers, "Cancel an enrollment: what is still in escrow is refunded");
  r->AddCommand<EnrollmentDecider, MarkSplitsPaid>(kSystem, "Mark released splits as paid out");

  r->AddCommand<SessionDecider, ScheduleSession>(kLearners,
                                                 "Schedule a 1-on-1 session of a paid enrollment");
  r->AddCommand<SessionDecider, StartSession>(kLearners, "Start a scheduled session");
  r->AddCommand<SessionDecider, CompleteSession>({"student_teacher", "creator", "admin", "system"},
                                                 "Complete a session in progress");
  r->AddCommand<SessionDecider, CancelSession>(kMembers, "Cancel a session, saying why");
  r->AddCommand<SessionDecider, AssessSession>({"student", "student_teacher", "creator"},
                                               "Rate the other party of a completed session 1-5");

  r->AddCommand<PayoutAccountDecider, CreditEarnings>(kSystem,
                                                      "Credit a released split to its recipient");
  r->AddCommand<PayoutAccountDecider, RequestPayout>(
      kTeachers, "Request a payout of every released, unpaid split");
  r->AddCommand<PayoutAccountDecider, ApprovePayout>({"admin"}, "Approve a pending payout");
  r->AddCommand<PayoutAccountDecider, RejectPayout>({"admin"}, "Reject a pending payout");
  r->AddCommand<PayoutAccountDecider, StartPayoutTransfer>(
      kPayments, "The transfer of an approved payout was sent");
  r->AddCommand<PayoutAccountDecider, CompletePayout>(kPayments,
                                                      "A payout arrived: its splits are paid");
  r->AddCommand<PayoutAccountDecider, FailPayout>(
      kPayments, "A payout failed: its splits wait for the next one");

  r->AddCommand<GoodwillDecider, AwardGoodwill>(
      kMembers, "Give goodwill points to another user (5-100, from your balance)");
  r->AddCommand<GoodwillDecider, CreditGoodwill>({"system"},
                                                 "Credit an award to its receiver (reactions)");
  r->AddCommand<GoodwillDecider, SetHelpAvailability>(
      kTeachers, "Toggle 'Available to Help' (daily availability bonus)");
  r->AddCommand<GoodwillDecider, PromotePost>(kMembers,
                                              "Promote a course-feed post to the main feed");
  r->AddCommand<GoodwillDecider, RedeemReward>(kMembers, "Redeem an unlocked goodwill reward");

  r->AddCommand<SummonDecider, SummonHelp>({"student", "student_teacher", "creator"},
                                           "Summon help with a course (and module)");
  r->AddCommand<SummonDecider, RespondToSummon>(
      {"student_teacher", "creator"}, "Respond to a summon as an available student-teacher");
  r->AddCommand<SummonDecider, CompleteSummon>(
      {"student", "student_teacher", "creator", "admin"},
      "Close a summon with the session's length and 10-25 points (none under 5 minutes)");
  r->AddCommand<SummonDecider, CancelSummon>(kMembers, "Cancel a summon");
  r->AddCommand<SummonDecider, ExpireSummon>({"admin", "system"},
                                             "Expire a summon nobody answered (the scheduler)");

  r->AddCommand<PostDecider, CreatePost>(kMembers, "Post to a course feed or the main feed");
  RegisterPeerloopMessaging(r);  // direct messages, follows, notifications
  RegisterPeerloopFeed(r);       // edits, pins, interactions, flags, moderation
  RegisterPeerloopLearning(r);   // course edits and pages, module progress, certificates
}

namespace {

using namespace peerloop;

// A command of this marketplace, as a typed value.
template <class Command>
ReactionCommand Issue(Command command, std::string key) {
  return edu::Issue("peerloop", std::move(command), std::move(key));
}

class TeachingReaction : public Reaction {
 public:
  using Trigger = std::variant<SessionStarted, SessionCompleted, EscrowReleased, PayoutCompleted>;

  std::string name() const override { return "peerloop.teaching"; }
  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "peerloop" && HandlesEventType<Trigger>(e.type);
  }
  Status React(const RecordedEvent& e, std::vector<ReactionCommand>* out) const override {
    Trigger event;
    EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
    std::visit(
        Overloaded{
            [&](const SessionStarted& s) {
              out->push_back(Issue(StartEnrollment{s.enrollment_id}, "start"));
            },
            [&](const SessionCompleted& s) {
              out->push_back(Issue(ReleaseSessionEscrow{s.enrollment_id, s.session_id}, "release"));
            },
            [&](const EscrowReleased& r) {
              for (const SplitLine& line : r.lines) {
                if (line.recipient_type == RecipientType::platform)
                  continue;  // the platform keeps it
                CreditEarnings c{line.recipient_id, line.split_id, r.enrollment_id,
                                 r.transaction_id, Money{line.amount_cents, r.amount.currency}};
                out->push_back(Issue(c, "credit/" + ToString(line.split_id)));
              }
            },
            [&](const PayoutCompleted& p) {
              std::map<Uuid, std::vector<Uuid>> by_enrollment;
              for (const PaidSplit& s : p.splits)
                by_enrollment[s.enrollment_id].push_back(s.split_id);
              for (auto& [enrollment, splits] : by_enrollment) {
                out->push_back(Issue(MarkSplitsPaid{enrollment, p.payout_id, std::move(splits)},
                                     "paid/" + ToString(enrollment)));
              }
            }},
        event);
    return Status::OK();
  }
  // A second session starting finds its enrollment in progress; sessions after the last tranche
  // (or after the enrollment completed) have nothing left to release; an enrollment cancelled
  // while a session ran refunded what was held.
  std::vector<std::string> expected_rejections() const override {
    return {"enrollment_already_started", "enrollment_closed", "escrow_empty"};
  }
};

class GoodwillReaction : public Reaction {
 public:
  using Trigger = std::variant<GoodwillGiven, SummonCompleted, PaymentCompleted>;

  std::string name() const override { return "peerloop.goodwill"; }
  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "peerloop" && HandlesEventType<Trigger>(e.type);
  }
  Status React(const RecordedEvent& e, std::vector<ReactionCommand>* out) const override {
    Trigger event;
    EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
    std::visit(Overloaded{[&](const GoodwillGiven& g) {
                            CreditGoodwill c;
                            c.award_id = g.award_id;
                            c.to_user_id = g.to_user_id;
                            c.from_user_id = g.from_user_id;
                            c.points = g.points;
                            c.reason = g.reason;
                            c.course_id = g.course_id;
                            out->push_back(Issue(c, "credit"));
                          },
                          [&](const SummonCompleted& s) {
                            if (s.points_awarded <= 0) return;  // under the minimum length
                            CreditGoodwill c;
                            c.award_id = DeriveUuid(s.summon_id, "summon_help");
                            c.to_user_id = s.responder_id;
                            c.points = s.points_awarded;
                            c.reason = GoodwillReason::summon_help;
                            c.course_id = s.course_id;
                            c.summon_id = s.summon_id;
                            out->push_back(Issue(c, "credit"));
                          },
                          [&](const PaymentCompleted& p) {
                            if (!p.referred_by || !p.referral_points) return;
                            CreditGoodwill c;
                            c.award_id = DeriveUuid(p.enrollment_id, "referral");
                            c.to_user_id = *p.referred_by;
                            c.points = *p.referral_points;
                            c.reason = GoodwillReason::referral;
                            c.course_id = p.course_id;
                            out->push_back(Issue(c, "credit"));
                          }},
               event);
    return Status::OK();
  }
};

}  // namespace

std::vector<std::unique_ptr<Reaction>> PeerloopReactions() {
  std::vector<std::unique_ptr<Reaction>> out;
  out.push_back(std::make_unique<TeachingReaction>());
  out.push_back(std::make_unique<GoodwillReaction>());
  out.push_back(MakePeerloopNotificationsReaction());
  return out;
}

}  // namespace edu
