// Mentorship commands and who may issue them (finer ownership checks live in the deciders).
// Roles: student, mentor, admin, support; "gateway" is the payment gateway adapter (Razorpay,
// Stripe) reporting results; "system" is eduledger's own schedulers and reactions.
#include "commands/reaction.h"
#include "commands/registry.h"
#include "domain/mentorship/mentor.h"
#include "domain/mentorship/payout_account.h"
#include "domain/mentorship/session.h"
#include "domain/mentorship/user.h"

namespace edu {

void RegisterMentorshipSupport(Registry* r);                      // support.cc
std::unique_ptr<Reaction> MakeMentorshipNotificationsReaction();  // support.cc
void RegisterMentorshipCalendar(Registry* r);                     // calendar.cc
std::unique_ptr<Reaction> MakeMentorshipCalendarReaction();       // calendar.cc

void RegisterMentorship(Registry* r) {
  using namespace mentorship;
  const std::vector<std::string> gateway = {"gateway", "system", "admin"};
  const std::vector<std::string> parties = {"student", "mentor", "admin", "support"};
  const std::vector<std::string> staff = {"admin", "support"};

  r->AddCommand<UserDecider, RegisterUser>(
      {"student", "mentor", "admin"}, "Register a user account (students register themselves)");

  // Mentor verification (PRD §3.2): the nine statuses, one history row per step.
  r->AddCommand<MentorDecider, ApplyAsMentor>({"mentor", "student", "admin"},
                                              "Apply to mentor; verification starts as pending");
  r->AddCommand<MentorDecider, AdvanceMentorVerification>(
      {"admin"},
      "Move a mentor to the next review step: document review, background check, "
      "interview, trial session");
  r->AddCommand<MentorDecider, ApproveMentor>({"admin"}, "Approve a mentor after verification");
  r->AddCommand<MentorDecider, RejectMentor>({"admin"},
                                             "Reject a mentor's application, with a reason");
  r->AddCommand<MentorDecider, SuspendMentor>({"admin"},
                                              "Suspend an approved mentor, with a reason");
  r->AddCommand<MentorDecider, ReinstateMentor>({"admin"}, "Reinstate a suspended mentor");
  r->AddCommand<MentorDecider, RequireMentorReapplication>(
      {"admin"}, "Ask a rejected or suspended mentor to reapply");
  r->AddCommand<MentorDecider, ReapplyAsMentor>(
      {"mentor", "admin"}, "Reapply with new documents; verification restarts");
  r->AddCommand<MentorDecider, ExpireMentorVerification>(
      {"system", "admin"}, "Expire a verification at its expiry_date: the mentor must reapply");
  r->AddCommand<MentorDecider, OpenMentorReverification>(
      {"system", "admin"}, "Open the quarterly re-verification review at auto_reverify_date");
  r->AddCommand<MentorDecider, RecordMentorSessionOutcome>(
      {"system", "admin"},
      "Count a session's outcome in its mentor's rating and performance score");

  // Sessions: booking lifecycle, escrow, refunds, disputes, ratings.
  r->AddCommand<SessionDecider, BookSession>(
      {"student", "admin", "support"},
      "Book a 30/60/90-minute session with an approved mentor, in the future");
  r->AddCommand<SessionDecider, CapturePayment>(
      gateway, "Report a payment the gateway captured; the platform holds it in escrow");
  r->AddCommand<SessionDecider, RecordPaymentFailed>(
      gateway, "Report a payment attempt the gateway could not capture");
  r->AddCommand<SessionDecider, RescheduleSession>(
      parties, "Move a session (free >= 24 h before; later only for an emergency with proof)");
  r->AddCommand<SessionDecider, StartSession>({"mentor", "admin", "support", "system"},
                                              "Start a session (open its video room)");
  r->AddCommand<SessionDecider, CompleteSession>(
      {"mentor", "admin", "support", "system"},
      "Complete a session: releases escrow and splits the payment 70/30");
  r->AddCommand<SessionDecider, CancelSession>(
      parties, "Cancel before the start: refund by who cancels and how early (24 h / 2 h)");
  r->AddCommand<SessionDecider, ReportNoShow>(
      parties, "Report the student's absence (mentor paid) or the mentor's (opens a dispute)");
  r->AddCommand<SessionDecider, RaiseDispute>(
      {"student", "admin", "support"},
      "Dispute a session's quality or a no-show while its payment is held");
  r->AddCommand<SessionDecider, ResolveDispute>(
      staff, "Resolve a dispute: full, partial or no refund; the rest goes to the mentor");
  r->AddCommand<SessionDecider, ReleaseEscrow>(
      {"system", "admin"}, "Release a payment held after its session ended, once the hold is over");
  r->AddCommand<SessionDecider, DetectNoShow>(
      {"system", "admin", "support"},
      "Flag a session nobody started by the no-show grace for review (the scheduler)");
  r->AddCommand<SessionDecider, EraseSessionRecording>(
      {"system"}, "Erase a session's recording at the end of its retention (the scheduler)");
  r->AddCommand<SessionDecider, RecordRefundIssued>(gateway,
                                                    "Report a refund the gateway paid back");
  r->AddCommand<SessionDecider, RecordRefundFailed>(gateway,
                                                    "Report a refund the gateway could not pay");
  r->AddCommand<SessionDecider, RetryRefund>(staff, "Retry a failed refund");
  r->AddCommand<SessionDecider, RateSession>(
      {"student", "mentor"},
      "Rate a session 1-5 (below 3.5 from a student opens a quality review)");

  // Payout accounts: weekly payouts with a minimum, carry-over, TDS and admin approval.
  r->AddCommand<PayoutAccountDecider, CreditMentorEarnings>(
      {"system", "admin"}, "Credit a released payment's mentor earnings to the mentor's balance");
  r->AddCommand<PayoutAccountDecider, RunMentorPayout>(
      {"system", "admin"},
      "Weekly payout run for one mentor: a payout for approval, or the balance carries over");
  r->AddCommand<PayoutAccountDecider, ApprovePayout>(
      {"admin"}, "Approve a pending payout; it is sent to the gateway");
  r->AddCommand<PayoutAccountDecider, CancelPayout>(
      {"admin"}, "Cancel a pending payout; its earnings return to the balance");
  r->AddCommand<PayoutAccountDecider, RecordPayoutCompleted>(
      gateway, "Report a payout the gateway completed");
  r->AddCommand<PayoutAccountDecider, RecordPayoutFailed>(
      gateway, "Report a payout the gateway could not make; its earnings return to the balance");

  RegisterMentorshipSupport(r);   // support tickets and notifications
  RegisterMentorshipCalendar(r);  // availability and session times
}

namespace {

using namespace mentorship;

// A command of this marketplace, as a typed value.
template <class Command>
ReactionCommand Issue(Command command, std::string key) {
  return edu::Issue("mentorship", std::move(command), std::move(key));
}

// Every split of a released payment credits the mentor's share to the mentor's payout account.
// The credit reads the figures from the session itself; the account takes each payment once.
class MentorEarningsReaction : public Reaction {
 public:
  std::string name() const override { return "mentorship.mentor_earnings"; }
  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "mentorship" && e.type == PaymentSplit::kType;
  }
  Status React(const RecordedEvent& e, std::vector<ReactionCommand>* out) const override {
    std::variant<PaymentSplit> event;
    EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
    const PaymentSplit& split = std::get<PaymentSplit>(event);
    out->push_back(
        Issue(CreditMentorEarnings{split.mentor_id, split.session_id, split.payment_id}, "credit"));
    return Status::OK();
  }
};

// A session's outcome feeds its mentor's figures (avg_rating, performance_score): completed,
// rated by its student, or missed by its mentor (a mentor's cancellation, or a mentor no-show the
// resolution upheld with a refund).
class MentorPerformanceReaction : public Reaction {
 public:
  using Trigger = std::variant<SessionCompleted, SessionRated, SessionCancelled, DisputeResolved>;

  std::string name() const override { return "mentorship.mentor_performance"; }
  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "mentorship" && HandlesEventType<Trigger>(e.type);
  }
  Status React(const RecordedEvent& e, std::vector<ReactionCommand>* out) const override {
    Trigger event;
    EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
    auto record = [&](const Uuid& mentor, const Uuid& session, SessionOutcome outcome,
                      std::optional<int32_t> rating = std::nullopt) {
      out->push_back(Issue(RecordMentorSessionOutcome{mentor, session, outcome, rating},
                           std::string(EnumName(outcome))));
    };
    std::visit(Overloaded{[&](const SessionCompleted& c) {
                            record(c.mentor_id, c.session_id, SessionOutcome::completed);
                          },
                          [&](const SessionRated& r) {
                            if (r.rated_by == SessionParty::student) {
                              record(r.mentor_id, r.session_id, SessionOutcome::rated, r.rating);
                            }
                          },
                          [&](const SessionCancelled& c) {
                            if (c.cancelled_by == SessionParty::mentor) {
                              record(c.mentor_id, c.session_id, SessionOutcome::missed_by_mentor);
                            }
                          },
                          [&](const DisputeResolved& d) {
                            if (d.conflict_type == ConflictType::mentor_no_show &&
                                d.resolution_type != ResolutionType::no_refund) {
                              record(d.mentor_id, d.session_id, SessionOutcome::missed_by_mentor);
                            }
                          }},
               event);
    return Status::OK();
  }
};

}  // namespace

std::vector<std::unique_ptr<Reaction>> MentorshipReactions() {
  std::vector<std::unique_ptr<Reaction>> out;
  out.push_back(std::make_unique<MentorEarningsReaction>());
  out.push_back(std::make_unique<MentorPerformanceReaction>());
  out.push_back(MakeMentorshipNotificationsReaction());
  out.push_back(MakeMentorshipCalendarReaction());
  return out;
}

}  // namespace edu
