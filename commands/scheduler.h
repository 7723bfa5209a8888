// eduledger's own deadlines (DESIGN.md "Time is an input with one source"). An event that starts
// a timer records its due time (SessionCompleted.escrow_release_due, EnrollmentStarted.
// payment_due_by, MentorEarningsCredited.earned_at -> the end of its weekly payout period, ...);
// the deadlines are a projection computed by following the log (DeadlineBook, pure); the
// Scheduler issues each due command with a deterministic command id (UUIDv5 of kind, stream and
// due time, DeadlineCommandId), so it fires exactly once across restarts and on both logs: issued
// again after a crash, the pipeline answers with the first result and appends nothing.
//
// Deadlines kept (kind: command, when):
//   mentorship.escrow_release  ReleaseEscrow      at SessionCompleted / StudentNoShowRecorded's
//                                                 escrow_release_due; dropped by a dispute
//                                                 (SessionDisputed holds the money) or a release
//   mentorship.weekly_payout   RunMentorPayout    at the end of the payout period (Monday 00:00
//                                                 IST by default) of each credit, and of each
//                                                 carried-over period
//   uhs.enrollment_expiry      ExpireEnrollment   at EnrollmentStarted.payment_due_by
//   mentorship.session_reminder NotifyUser       24 h and 1 h before SessionBooked's (or
//                                                 SessionRescheduled's) start, to the student and
//                                                 to the mentor's user; moved by a reschedule,
//                                                 dropped by SessionCancelled
//   skillspring.cart_abandonment AbandonCart      cart_abandoned_after (7 days by default) after
//                                                 an open cart's last change (opened, an item
//                                                 added or removed, a coupon attached or declined);
//                                                 dropped by its checkout or abandonment
//   peerloop.session_reminder  Notify             24 h and 1 h before SessionScheduled's start, to
//                                                 the student and to the teacher (a reminder whose
//                                                 time had passed when the session was booked is
//                                                 not sent); dropped by SessionCancelled
//   mentorship.no_show         DetectNoShow       SessionBooked's scheduled_at + no_show_grace
//                                                 (15 min); moved by a reschedule, dropped when
//                                                 the session starts, completes, is cancelled, a
//                                                 no-show is reported or detected
//   mentorship.verification_expiry ExpireMentorVerification  00:00 UTC of MentorVerification-
//                                                 Approved.expiry_date; moved by a re-approval,
//                                                 dropped by the expiry, a reapplication request
//                                                 or a rejection
//   mentorship.reverification  OpenMentorReverification  00:00 UTC of auto_reverify_date, then
//                                                 each reverify_after_days (quarterly); moved and
//                                                 dropped as the expiry
//   peerloop.summon_expiry     ExpireSummon       summon_expires_after (1 h by default) after
//                                                 HelpSummoned; dropped when the summon is
//                                                 answered, completed, cancelled or expired
//   mentorship.recording_erasure EraseSessionRecording  recording_retention_days (730) after a
//                                                 SessionCompleted with a recording (seed 002
//                                                 §14.2); dropped by the erasure
//
// A due command the domain refuses (the enrollment was paid in time, the period was already run
// by an admin) is an outcome, not an error: recorded and not issued again in this process.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "commands/command_service.h"
#include "commands/typed_command.h"
#include "domain/policies.h"
#include "eventstore/clock.h"
#include "eventstore/event_log.h"

namespace edu {

struct Deadline {
  std::string kind;       // "mentorship.escrow_release"
  std::string stream_id;  // the stream the command goes to
  std::string subject;    // the stream whose later events may drop it (the session of a reminder)
  Timestamp due;
  std::string command_type;
  std::shared_ptr<const TypedCommand> command;  // the command itself, with its marketplace
  Uuid command_id;                              // DeadlineCommandId(kind, stream_id, due)
};

// UUIDv5 (eduledger namespace) of "deadline/<kind>/<stream>/<due ISO 8601>".
Uuid DeadlineCommandId(const std::string& kind, const std::string& stream_id, Timestamp due);

// The pending deadlines, folded from the log's events in order. Pure; not thread-safe.
class DeadlineBook {
 public:
  explicit DeadlineBook(const Policies* policies) : policies_(policies) {}
  // Events of other types are ignored; an event that does not decode is an error.
  Status Apply(const RecordedEvent& event);
  // Pending deadlines, by due time.
  std::vector<Deadline> Pending() const;
  // Every deadline an event ever started (pending, fired or dropped), by due time.
  std::vector<Deadline> All() const;
  bool IsPending(const Uuid& command_id) const { return pending_.count(ToString(command_id)) > 0; }
  void Remove(const Uuid& command_id) { pending_.erase(ToString(command_id)); }

 private:
  void Add(Deadline d);
  void RemoveKind(const std::string& kind, const std::string& stream_id);
  // Drops the pending deadlines of `kind` about `subject` (Deadline::subject).
  void RemoveAbout(const std::string& kind, const std::string& subject);
  Status ApplyPeerloop(const RecordedEvent& e);
  Status ApplyPeerloopSummons(const RecordedEvent& e);      // scheduler_peerloop.cc
  Status ApplyMentorshipDeadlines(const RecordedEvent& e);  // scheduler_mentorship.cc
  Status ApplyMentorVerification(const RecordedEvent& e);   // scheduler_mentorship.cc
  Status ApplySkillspring(const RecordedEvent& e);
  Status ApplyMentorshipReminders(const RecordedEvent& e);
  void AddMentorshipReminders(const Uuid& session_id, Timestamp start, Timestamp booked_at);

  const Policies* policies_;
  std::map<std::string, Deadline> pending_;  // by command id
  std::map<std::string, Deadline> all_;
  // A mentorship session's student and mentor user, from SessionBooked (a reschedule names
  // neither): whom its reminders go to.
  std::map<Uuid, std::pair<Uuid, Uuid>> session_people_;
};

struct FiredDeadline {
  Deadline deadline;
  Timestamp fired_at;
  std::string outcome;   // "accepted", "replayed", or "refused: <code>"
  CommandResult result;  // what the command service answered (its events and their positions)
};

struct SchedulerOptions {
  std::chrono::milliseconds interval{250};  // Run(): how often due deadlines are looked for
};

class Scheduler {
 public:
  // Borrowed pointers must outlive the scheduler.
  Scheduler(EventLog* log, CommandService* commands, const Clock* clock, const Policies* policies,
            SchedulerOptions options = {});

  // Follows the log to its end, then issues every deadline due at the clock's now (and those their
  // events start that are already due), until none is left. *issued (optional) counts commands
  // sent. Unavailable when the log or the command service is; the rest waits for the next call.
  // Thread-safe (calls are serialised).
  Status RunDue(size_t* issued = nullptr);
  // RunDue every interval until `stop`.
  void Run(const std::atomic<bool>& stop);

  std::vector<Deadline> Pending();
  std::vector<FiredDeadline> Fired();

 private:
  Status CatchUp();

  EventLog* log_;
  CommandService* commands_;
  const Clock* clock_;
  SchedulerOptions options_;
  std::mutex mu_;
  DeadlineBook book_;
  std::vector<int64_t> positions_;
  std::vector<FiredDeadline> fired_;
};

}  // namespace edu
