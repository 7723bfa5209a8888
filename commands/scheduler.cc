#include "commands/scheduler.h"

#include <algorithm>
#include <thread>
#include <variant>

#include "commands/scheduler_internal.h"
#include "domain/core/variant_util.h"
#include "domain/mentorship/commands.h"
#include "domain/mentorship/commands_support.h"
#include "domain/mentorship/events.h"
#include "domain/peerloop/commands_messaging.h"
#include "domain/peerloop/events.h"
#include "domain/skillspring/commands.h"
#include "domain/skillspring/events.h"
#include "domain/uhs/commands.h"
#include "domain/uhs/events.h"
#include "eventstore/event_codec.h"
#include "eventstore/json_binding.h"

namespace edu {
namespace {

constexpr char kEscrowRelease[] = "mentorship.escrow_release";
constexpr char kWeeklyPayout[] = "mentorship.weekly_payout";
constexpr char kEnrollmentExpiry[] = "uhs.enrollment_expiry";
constexpr char kPeerloopReminder[] = "peerloop.session_reminder";
constexpr char kMentorshipReminder[] = "mentorship.session_reminder";
constexpr char kCartAbandonment[] = "skillspring.cart_abandonment";

// How long before a session's start its reminders go out.
struct Ahead {
  Micros by;
  const char* label;
};
const Ahead kReminders[] = {{Hours(24), "24 hours"}, {Hours(1), "1 hour"}};
constexpr size_t kPage = 500;

using scheduler_internal::Make;

// The payout period (Monday 00:00 in the policy's offset, policy.payout_period long) holding t.
Timestamp PeriodStart(const mentorship::Policy& policy, Timestamp t) {
  const Timestamp local = t + policy.payout_utc_offset;
  return StartOfIsoWeek(local) - policy.payout_utc_offset;
}

}  // namespace

Uuid DeadlineCommandId(const std::string& kind, const std::string& stream_id, Timestamp due) {
  return DeriveUuid(EduledgerNamespace(),
                    "deadline/" + kind + "/" + stream_id + "/" + FormatIso8601(due));
}

void DeadlineBook::Add(Deadline d) {
  const std::string key = ToString(d.command_id);
  all_[key] = d;
  pending_[key] = std::move(d);
}

void DeadlineBook::RemoveKind(const std::string& kind, const std::string& stream_id) {
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (it->second.kind == kind && it->second.stream_id == stream_id) {
      it = pending_.erase(it);
    } else {
      ++it;
    }
  }
}

void DeadlineBook::RemoveAbout(const std::string& kind, const std::string& subject) {
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (it->second.kind == kind && it->second.subject == subject) {
      it = pending_.erase(it);
    } else {
      ++it;
    }
  }
}

// Reminders 24 h and 1 h before a PeerLoop session, to both of its people.
Status DeadlineBook::ApplyPeerloop(const RecordedEvent& e) {
  using namespace peerloop;
  using Started = std::variant<SessionScheduled, SessionCancelled>;
  if (!HandlesEventType<Started>(e.type)) return Status::OK();
  Started event;
  EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
  if (const auto* cancelled = std::get_if<SessionCancelled>(&event)) {
    RemoveAbout(kPeerloopReminder, SessionStream(cancelled->session_id));
    return Status::OK();
  }
  const auto& scheduled = std::get<SessionScheduled>(event);
  for (const Ahead& ahead : kReminders) {
    const Timestamp due = scheduled.scheduled_start - ahead.by;
    if (due < e.occurred_at) continue;  // booked later than that: no point reminding
    for (const auto& [who, role] :
         {std::pair{scheduled.student_id, "student"}, std::pair{scheduled.teacher_id, "teacher"}}) {
      Notify notify;
      notify.notification_id = DeriveUuid(
          EduledgerNamespace(), "peerloop/session-reminder/" + ToString(scheduled.session_id) +
                                    "/" + role + "/" + FormatIso8601(due));
      notify.user_id = who;
      notify.type = NotificationType::session_reminder;
      notify.title = std::string("Your session starts in ") + ahead.label;
      notify.body = "The session starts at " + FormatIso8601(scheduled.scheduled_start) + ".";
      notify.action_url = "/sessions/" + ToString(scheduled.session_id);
      Deadline d = Make(kPeerloopReminder, "peerloop", notify, due);
      d.subject = SessionStream(scheduled.session_id);
      Add(std::move(d));
    }
  }
  return Status::OK();
}

void DeadlineBook::AddMentorshipReminders(const Uuid& session_id, Timestamp start,
                                          Timestamp booked_at) {
  using namespace mentorship;
  auto people = session_people_.find(session_id);
  if (people == session_people_.end()) return;
  for (const Ahead& ahead : kReminders) {
    const Timestamp due = start - ahead.by;
    if (due < booked_at) continue;  // booked (or moved) later than that
    for (const auto& [who, role] :
         {std::pair{people->second.first, "student"}, std::pair{people->second.second, "mentor"}}) {
      NotifyUser notify;
      notify.user_id = who;
      notify.notification_id =
          DeriveUuid(EduledgerNamespace(), "mentorship/session-reminder/" + ToString(session_id) +
                                               "/" + role + "/" + FormatIso8601(due));
      notify.kind = NotificationKind::session_reminder;
      notify.title = std::string("Your session starts in ") + ahead.label;
      notify.message = "The session starts at " + FormatIso8601(start) + ".";
      notify.resource_type = "session";
      notify.resource_id = session_id;
      Deadline d = Make(kMentorshipReminder, "mentorship", notify, due);
      d.subject = SessionStream(session_id);
      Add(std::move(d));
    }
  }
}

Status DeadlineBook::ApplyMentorshipReminders(const RecordedEvent& e) {
  using namespace mentorship;
  using Moves = std::variant<SessionBooked, SessionRescheduled, SessionCancelled>;
  if (!HandlesEventType<Moves>(e.type)) return Status::OK();
  Moves event;
  EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
  std::visit(Overloaded{[&](const SessionBooked& b) {
                          session_people_[b.session_id] = {b.student_id, b.mentor_user_id};
                          AddMentorshipReminders(b.session_id, b.scheduled_at, e.occurred_at);
                        },
                        [&](const SessionRescheduled& r) {
                          RemoveAbout(kMentorshipReminder, SessionStream(r.session_id));
                          AddMentorshipReminders(r.session_id, r.scheduled_at, e.occurred_at);
                        },
                        [&](const SessionCancelled& c) {
                          RemoveAbout(kMentorshipReminder, SessionStream(c.session_id));
                          session_people_.erase(c.session_id);
                        }},
             event);
  return Status::OK();
}

// An open cart's abandonment, moved by each change of the cart.
Status DeadlineBook::ApplySkillspring(const RecordedEvent& e) {
  using namespace skillspring;
  using CartEvents = std::variant<CartOpened, CartItemAdded, CartItemRemoved, CouponAttached,
                                  CouponDeclined, CartAbandoned, CartCheckedOut>;
  if (!HandlesEventType<CartEvents>(e.type)) return Status::OK();
  CartEvents event;
  EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
  const auto [cart_id, student_id] = std::visit(
      [](const auto& c) {
        return std::pair{c.cart_id, c.student_id};
      },
      event);
  const std::string subject = "skillspring.cart-" + ToString(cart_id);
  RemoveAbout(kCartAbandonment, subject);
  const bool closed =
      std::holds_alternative<CartAbandoned>(event) || std::holds_alternative<CartCheckedOut>(event);
  if (closed || policies_->skillspring.cart_abandoned_after <= 0) return Status::OK();
  const Timestamp due = e.occurred_at + policies_->skillspring.cart_abandoned_after;
  Deadline d = Make(kCartAbandonment, "skillspring", AbandonCart{student_id, cart_id}, due);
  // One learner has many carts over time: the cart, not the learner's stream, names the deadline.
  d.subject = subject;
  d.command_id = DeadlineCommandId(kCartAbandonment, subject, due);
  Add(std::move(d));
  return Status::OK();
}

Status DeadlineBook::Apply(const RecordedEvent& e) {
  if (e.marketplace == "peerloop") {
    EDU_RETURN_IF_ERROR(ApplyPeerloopSummons(e));
    return ApplyPeerloop(e);
  }
  if (e.marketplace == "skillspring") return ApplySkillspring(e);
  if (e.marketplace == "mentorship") EDU_RETURN_IF_ERROR(ApplyMentorshipReminders(e));
  if (e.marketplace == "mentorship") EDU_RETURN_IF_ERROR(ApplyMentorshipDeadlines(e));
  if (e.marketplace == "mentorship") {
    using namespace mentorship;
    using Started = std::variant<SessionCompleted, StudentNoShowRecorded, SessionDisputed,
                                 EscrowReleased, MentorEarningsCredited, PayoutCarriedOver>;
    if (!HandlesEventType<Started>(e.type)) return Status::OK();
    Started event;
    EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
    const Policy& policy = policies_->mentorship;
    auto payout_after = [&](const Uuid& mentor, Timestamp in_period) {
      const Timestamp start = PeriodStart(policy, in_period);
      RunMentorPayout run;
      run.mentor_id = mentor;
      run.period_start = DateOf(start + policy.payout_utc_offset);
      Add(Make(kWeeklyPayout, "mentorship", run, start + policy.payout_period));
    };
    std::visit(
        Overloaded{[&](const SessionCompleted& c) {
                     if (c.escrow_release_due) {
                       Add(Make(kEscrowRelease, "mentorship", ReleaseEscrow{c.session_id},
                                *c.escrow_release_due));
                     }
                   },
                   [&](const StudentNoShowRecorded& c) {
                     if (c.escrow_release_due) {
                       Add(Make(kEscrowRelease, "mentorship", ReleaseEscrow{c.session_id},
                                *c.escrow_release_due));
                     }
                   },
                   [&](const SessionDisputed& c) {
                     // The dispute holds the money until its resolution releases it.
                     RemoveKind(kEscrowRelease, SessionStream(c.session_id));
                   },
                   [&](const EscrowReleased& c) {
                     RemoveKind(kEscrowRelease, SessionStream(c.session_id));
                   },
                   [&](const MentorEarningsCredited& c) { payout_after(c.mentor_id, c.earned_at); },
                   [&](const PayoutCarriedOver& c) {
                     // The balance waits for the next period's run.
                     payout_after(c.mentor_id, c.period_end);
                   }},
        event);
    return Status::OK();
  }
  if (e.marketplace == "uhs") {
    using Started = std::variant<uhs::EnrollmentStarted>;
    if (!HandlesEventType<Started>(e.type)) return Status::OK();
    Started event;
    EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
    const auto& started = std::get<uhs::EnrollmentStarted>(event);
    if (started.payment_due_by) {
      Add(Make(kEnrollmentExpiry, "uhs", uhs::ExpireEnrollment{started.enrollment_id},
               *started.payment_due_by));
    }
  }
  return Status::OK();
}

std::vector<Deadline> DeadlineBook::Pending() const {
  std::vector<Deadline> out;
  for (const auto& [key, d] : pending_) out.push_back(d);
  std::stable_sort(out.begin(), out.end(),
                   [](const Deadline& a, const Deadline& b) { return a.due < b.due; });
  return out;
}

std::vector<Deadline> DeadlineBook::All() const {
  std::vector<Deadline> out;
  for (const auto& [key, d] : all_) out.push_back(d);
  std::stable_sort(out.begin(), out.end(),
                   [](const Deadline& a, const Deadline& b) { return a.due < b.due; });
  return out;
}

Scheduler::Scheduler(EventLog* log, CommandService* commands, const Clock* clock,
                     const Policies* policies, SchedulerOptions options)
    : log_(log), commands_(commands), clock_(clock), options_(options), book_(policies) {}

Status Scheduler::CatchUp() {
  if (positions_.empty()) positions_.assign(static_cast<size_t>(log_->partition_count()), 0);
  for (int p = 0; p < log_->partition_count(); ++p) {
    for (;;) {
      std::vector<RecordedEvent> page;
      EDU_RETURN_IF_ERROR(log_->ReadPartition(p, positions_[static_cast<size_t>(p)], kPage, &page));
      for (const RecordedEvent& e : page) {
        EDU_RETURN_IF_ERROR(book_.Apply(e).Annotate("scheduler: event " + ToString(e.event_id)));
        positions_[static_cast<size_t>(p)] = e.offset + 1;
      }
      if (page.size() < kPage) break;
    }
  }
  return Status::OK();
}

Status Scheduler::RunDue(size_t* issued) {
  std::lock_guard<std::mutex> lock(mu_);
  size_t count = 0;
  for (;;) {
    EDU_RETURN_IF_ERROR(CatchUp());
    const Timestamp now = clock_->Now();
    std::vector<Deadline> due;
    for (Deadline& d : book_.Pending()) {
      if (d.due <= now) due.push_back(std::move(d));
    }
    if (due.empty()) break;
    for (const Deadline& d : due) {
      CommandRequest r;
      r.command_id = d.command_id;
      r.type = d.command_type;
      r.command = d.command;
      r.actor = Actor{"system:scheduler", "system"};
      r.now = now;
      r.metadata = {{"deadline", d.kind}, {"due", FormatIso8601(d.due)}};
      CommandResult result = commands_->Handle(r);
      if (!result.ok() && result.error->kind == ErrorKind::kUnavailable) {
        return Status::Unavailable("scheduler: " + d.command_type + " for " + d.stream_id + ": " +
                                   result.error->message);
      }
      ++count;
      std::string outcome = result.ok() ? (result.replayed ? "replayed" : "accepted")
                                        : "refused: " + result.error->code;
      fired_.push_back(FiredDeadline{d, now, std::move(outcome), std::move(result)});
      book_.Remove(d.command_id);
    }
  }
  if (issued) *issued = count;
  return Status::OK();
}

void Scheduler::Run(const std::atomic<bool>& stop) {
  while (!stop.load()) {
    (void)RunDue();
    auto until = std::chrono::steady_clock::now() + options_.interval;
    while (!stop.load() && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

std::vector<Deadline> Scheduler::Pending() {
  std::lock_guard<std::mutex> lock(mu_);
  (void)CatchUp();
  return book_.Pending();
}

std::vector<FiredDeadline> Scheduler::Fired() {
  std::lock_guard<std::mutex> lock(mu_);
  return fired_;
}

}  // namespace edu
