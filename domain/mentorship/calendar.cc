// The mentor and student calendar deciders (calendar.h).
#include "domain/mentorship/calendar.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "domain/mentorship/mentor.h"
#include "domain/policies.h"

namespace edu::mentorship {
namespace {

using Event = MentorCalendarDecider::Event;
using Events = std::vector<Event>;
using StudentEvent = StudentCalendarDecider::Event;

bool IsStaff(const Actor& a) { return a.role == "admin" || a.role == "support"; }

constexpr const char* kDayNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};

std::string DescribeSlots(const std::vector<WeeklySlot>& slots) {
  std::string out;
  for (const WeeklySlot& s : slots) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}-{}", kDayNames[s.day_of_week], s.start_time, s.end_time);
  }
  return out;
}

bool Overlap(Timestamp a_start, Timestamp a_end, Timestamp b_start, Timestamp b_end) {
  return a_start < b_end && b_start < a_end;
}

Rejection CalendarMissing(const Uuid& mentor_id) {
  return Reject(codes::kMentorHasNoAvailability,
                "mentor {} has published no weekly availability; a session must fall inside "
                "one of the mentor's slots",
                ToString(mentor_id));
}

Decision<Event> SetAvailability(const SetMentorAvailability& c, const MentorCalendarState&,
                                const DecisionContext& ctx) {
  const MentorState* mentor = ctx.refs->Find<MentorState>(MentorStream(c.mentor_id));
  if (!mentor) {
    return Reject(codes::kMentorNotFound, "mentor {} does not exist", ToString(c.mentor_id));
  }
  if (ctx.actor.id != ToString(mentor->user_id) && ctx.actor.role != "admin") {
    return Reject(codes::kNotOwnCalendar,
                  "only mentor {}'s user or an admin may publish the mentor's availability",
                  ToString(c.mentor_id));
  }
  if (c.time_zone.empty() || !c.zone_rule || !ParseZoneRule(*c.zone_rule)) {
    return Reject(codes::kInvalidTimeZone, "time_zone '{}' is not a known IANA time zone",
                  c.time_zone);
  }
  if (c.slots.size() > kMaxAvailabilitySlots) {
    return Reject(codes::kTooManyAvailabilitySlots, "{} weekly slots; at most {}", c.slots.size(),
                  kMaxAvailabilitySlots);
  }
  std::vector<SlotSeconds> parsed;
  for (size_t i = 0; i < c.slots.size(); ++i) {
    const WeeklySlot& s = c.slots[i];
    if (s.day_of_week < 0 || s.day_of_week > 6) {
      return Reject(codes::kInvalidDayOfWeek, "slots[{}].day_of_week {} is outside 0..6", i,
                    s.day_of_week);
    }
    auto start = ParseClockTime(s.start_time);
    auto end = ParseClockTime(s.end_time);
    if (!start || !end || *start == 86400) {
      return Reject(codes::kInvalidTime, "slots[{}]: '{}'-'{}' are not HH:MM times", i,
                    s.start_time, s.end_time);
    }
    if (!(*start < *end)) {
      return Reject(codes::kSlotNotOrdered, "slots[{}]: start {} is not before end {}", i,
                    s.start_time, s.end_time);
    }
    for (size_t j = 0; j < parsed.size(); ++j) {
      const SlotSeconds& o = parsed[j];
      if (o.day_of_week == s.day_of_week && *start < o.end && o.start < *end) {
        return Reject(codes::kAvailabilitySlotsOverlap, "slots[{}] and slots[{}] overlap on {}", j,
                      i, kDayNames[s.day_of_week]);
      }
    }
    parsed.push_back(SlotSeconds{s.day_of_week, *start, *end});
  }
  return MentorAvailabilitySet{c.mentor_id, c.time_zone, *c.zone_rule, c.slots, ctx.actor.id};
}

Decision<Event> Hold(const HoldSessionTime& c, const MentorCalendarState& s,
                     const DecisionContext& ctx) {
  const Policy& policy = ctx.policies->mentorship;
  if (ctx.actor.id != ToString(c.student_id) && !IsStaff(ctx.actor)) {
    return Reject(codes::kNotOwnBooking,
                  "actor {} may hold session time only for themselves, not for student {}",
                  ctx.actor.id, ToString(c.student_id));
  }
  const auto& durations = policy.session_durations_minutes;
  if (std::find(durations.begin(), durations.end(), c.duration_minutes) == durations.end()) {
    return Reject(codes::kInvalidDuration, "duration_minutes {} is not one the policy offers",
                  c.duration_minutes);
  }
  if (!(c.start > ctx.now + policy.min_booking_lead)) {
    return Reject(codes::kSessionNotInFuture, "start {} is not in the future (now {})",
                  FormatIso8601(c.start), FormatIso8601(ctx.now));
  }
  // The mentor's own refusals first, so that a booking of an unknown or unapproved mentor is
  // refused as BookSession would refuse it.
  const MentorState* mentor = ctx.refs->Find<MentorState>(MentorStream(c.mentor_id));
  if (!mentor) {
    return Reject(codes::kMentorNotFound, "mentor {} does not exist", ToString(c.mentor_id));
  }
  if (mentor->verification_status() != VerificationStatus::approved) {
    return Reject(codes::kMentorNotApproved, "mentor {} is {}; only approved mentors can be booked",
                  ToString(c.mentor_id), EnumName(mentor->verification_status()));
  }
  if (!mentor->is_active) {
    return Reject(codes::kMentorInactive, "mentor {} is not active", ToString(c.mentor_id));
  }
  if (!s.has_availability || !s.zone) return CalendarMissing(c.mentor_id);
  const Timestamp end = c.start + Minutes(c.duration_minutes);
  if (const HeldTime* same = s.Find(c.session_id)) {
    // The same hold again (a retry under a new command id) changes nothing.
    if (same->student_id == c.student_id && same->start == c.start && same->end == end &&
        same->LiveAt(ctx.now)) {
      return Events{};
    }
    if (same->confirmed || same->student_id != c.student_id) {
      return Reject(codes::kSessionTimeHeldOtherwise,
                    "session {} already holds {} - {} for student {} in mentor {}'s calendar",
                    ToString(c.session_id), FormatIso8601(same->start), FormatIso8601(same->end),
                    ToString(same->student_id), ToString(c.mentor_id));
    }
  }
  if (!InsideSlot(s.slot_seconds, *s.zone, c.start, Minutes(c.duration_minutes))) {
    return Reject(codes::kOutsideMentorAvailability,
                  "{} - {} is not inside one of mentor {}'s weekly slots ({}: {})",
                  FormatIso8601(c.start), FormatIso8601(end), ToString(c.mentor_id), s.time_zone,
                  DescribeSlots(s.slots));
  }
  if (const HeldTime* taken = s.Overlapping(c.start, end, ctx.now, c.session_id)) {
    return Reject(codes::kMentorTimeTaken,
                  "mentor {} already has a session {} - {}; {} - {} overlaps it",
                  ToString(c.mentor_id), FormatIso8601(taken->start), FormatIso8601(taken->end),
                  FormatIso8601(c.start), FormatIso8601(end));
  }
  if (const StudentCalendarState* student =
          ctx.refs->Find<StudentCalendarState>(StudentCalendarStream(c.student_id))) {
    for (const auto& [id, other] : student->sessions) {
      if (id != ToString(c.session_id) && Overlap(c.start, end, other.start, other.end)) {
        return Reject(codes::kStudentTimeTaken,
                      "student {} already has session {} at {} - {}; {} - {} overlaps it",
                      ToString(c.student_id), id, FormatIso8601(other.start),
                      FormatIso8601(other.end), FormatIso8601(c.start), FormatIso8601(end));
      }
    }
  }
  return SessionTimeHeld{c.mentor_id, c.session_id, c.student_id,
                         c.start,     end,          ctx.now + kSessionHoldDuration};
}

bool MayActOnHold(const HeldTime& h, const DecisionContext& ctx) {
  return ctx.actor.id == ToString(h.student_id) || IsStaff(ctx.actor) || ctx.actor.IsSystem();
}

Decision<Event> Confirm(const ConfirmSessionTime& c, const MentorCalendarState& s,
                        const DecisionContext& ctx) {
  const HeldTime* h = s.Find(c.session_id);
  if (!h) {
    return Reject(codes::kSessionTimeNotHeld, "session {} holds no time in mentor {}'s calendar",
                  ToString(c.session_id), ToString(c.mentor_id));
  }
  if (!MayActOnHold(*h, ctx)) {
    return Reject(codes::kNotOwnBooking, "actor {} may not confirm student {}'s session time",
                  ctx.actor.id, ToString(h->student_id));
  }
  if (h->confirmed) return Events{};
  // Confirmed even past expires_at: the booking was accepted while the hold was live.
  return SessionTimeConfirmed{c.mentor_id, c.session_id, h->student_id, h->start, h->end};
}

Decision<Event> Release(const ReleaseSessionTime& c, const MentorCalendarState& s,
                        const DecisionContext& ctx) {
  const HeldTime* h = s.Find(c.session_id);
  if (!h) return Events{};  // nothing held (already released, or never held): nothing to do
  if (!MayActOnHold(*h, ctx)) {
    return Reject(codes::kNotOwnBooking, "actor {} may not release student {}'s session time",
                  ctx.actor.id, ToString(h->student_id));
  }
  // A refused booking never releases a booked session's time (a retried BookSession of a session
  // that exists is refused, and must not free that session's time).
  if (c.reason == SessionTimeReleaseReason::booking_refused && h->confirmed) return Events{};
  return SessionTimeReleased{c.mentor_id, c.session_id, h->student_id, c.reason};
}

Decision<Event> Move(const MoveSessionTime& c, const MentorCalendarState& s,
                     const DecisionContext&) {
  const HeldTime* h = s.Find(c.session_id);
  if (!h || h->start == c.start) return Events{};
  // The session already moved (SessionRescheduled): the calendar records where it is now.
  return SessionTimeMoved{c.mentor_id, c.session_id, h->student_id,
                          h->start,    c.start,      c.start + (h->end - h->start)};
}

}  // namespace

std::optional<int32_t> ParseClockTime(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 3600 + m * 60;
}

bool InsideSlot(const std::vector<SlotSeconds>& slots, const ZoneRule& zone, Timestamp start,
                Micros duration) {
  const LocalTime local = ToLocal(zone, start);
  // Whole seconds: a start with a fraction of a second counts from its second.
  const int64_t first = local.second_of_day;
  const int64_t last = first + (duration + kMicrosPerSecond - 1) / kMicrosPerSecond;
  for (const SlotSeconds& s : slots) {
    if (s.day_of_week == local.day_of_week && s.start <= first && last <= s.end) return true;
  }
  return false;
}

bool HoldsTime(const MentorCalendarState& calendar, const Uuid& session_id, const Uuid& student_id,
               Timestamp start, Timestamp end, Timestamp now) {
  const HeldTime* h = calendar.Find(session_id);
  return h && h->student_id == student_id && h->start == start && h->end == end && h->LiveAt(now);
}

const HeldTime* MentorCalendarState::Find(const Uuid& session_id) const {
  auto it = held.find(ToString(session_id));
  return it == held.end() ? nullptr : &it->second;
}

const HeldTime* MentorCalendarState::Overlapping(Timestamp start, Timestamp end, Timestamp now,
                                                 const Uuid& except) const {
  for (const auto& [id, h] : held) {
    if (h.session_id != except && h.LiveAt(now) && Overlap(start, end, h.start, h.end)) return &h;
  }
  return nullptr;
}

Decision<Event> MentorCalendarDecider::decide(const Command& command, const State& state,
                                              const DecisionContext& ctx) {
  return std::visit(
      Overloaded{
          [&](const SetMentorAvailability& c) { return SetAvailability(c, state, ctx); },
          [&](const HoldSessionTime& c) { return Hold(c, state, ctx); },
          [&](const ConfirmSessionTime& c) { return Confirm(c, state, ctx); },
          [&](const ReleaseSessionTime& c) { return Release(c, state, ctx); },
          [&](const MoveSessionTime& c) { return Move(c, state, ctx); },
      },
      command);
}

MentorCalendarState MentorCalendarDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{
                 [&](const MentorAvailabilitySet& e) {
                   s.has_availability = true;
                   s.mentor_id = e.mentor_id;
                   s.time_zone = e.time_zone;
                   s.zone = ParseZoneRule(e.zone_rule);
                   s.slots = e.slots;
                   s.slot_seconds.clear();
                   for (const WeeklySlot& slot : e.slots) {
                     s.slot_seconds.push_back(
                         SlotSeconds{slot.day_of_week, ParseClockTime(slot.start_time).value_or(0),
                                     ParseClockTime(slot.end_time).value_or(0)});
                   }
                 },
                 [&](const SessionTimeHeld& e) {
                   s.mentor_id = e.mentor_id;
                   s.held[ToString(e.session_id)] =
                       HeldTime{e.session_id, e.student_id, e.start, e.end, e.expires_at, false};
                 },
                 [&](const SessionTimeConfirmed& e) {
                   auto it = s.held.find(ToString(e.session_id));
                   if (it != s.held.end()) it->second.confirmed = true;
                 },
                 [&](const SessionTimeReleased& e) { s.held.erase(ToString(e.session_id)); },
                 [&](const SessionTimeMoved& e) {
                   auto it = s.held.find(ToString(e.session_id));
                   if (it == s.held.end()) return;
                   it->second.start = e.start;
                   it->second.end = e.end;
                 },
             },
             event);
  return s;
}

// ---- student calendars -------------------------------------------------------------------------

Decision<StudentEvent> StudentCalendarDecider::decide(const Command& command, const State& state,
                                                      const DecisionContext&) {
  using Out = Decision<StudentEvent>;
  return std::visit(Overloaded{
                        [&](const RecordStudentSession& c) -> Out {
                          if (state.sessions.count(ToString(c.session_id)))
                            return std::vector<StudentEvent>{};
                          return StudentSessionRecorded{c.student_id, c.session_id, c.mentor_id,
                                                        c.start,
                                                        c.start + Minutes(c.duration_minutes)};
                        },
                        [&](const MoveStudentSession& c) -> Out {
                          auto it = state.sessions.find(ToString(c.session_id));
                          if (it == state.sessions.end() || it->second.start == c.start) {
                            return std::vector<StudentEvent>{};
                          }
                          return StudentSessionMoved{c.student_id, c.session_id, c.start,
                                                     c.start + (it->second.end - it->second.start)};
                        },
                        [&](const DropStudentSession& c) -> Out {
                          if (!state.sessions.count(ToString(c.session_id)))
                            return std::vector<StudentEvent>{};
                          return StudentSessionDropped{c.student_id, c.session_id};
                        },
                    },
                    command);
}

StudentCalendarState StudentCalendarDecider::evolve(State s, const StudentEvent& event) {
  std::visit(
      Overloaded{
          [&](const StudentSessionRecorded& e) {
            s.student_id = e.student_id;
            s.sessions[ToString(e.session_id)] = StudentSessionTime{e.mentor_id, e.start, e.end};
          },
          [&](const StudentSessionMoved& e) {
            auto it = s.sessions.find(ToString(e.session_id));
            if (it == s.sessions.end()) return;
            it->second.start = e.start;
            it->second.end = e.end;
          },
          [&](const StudentSessionDropped& e) { s.sessions.erase(ToString(e.session_id)); },
      },
      event);
  return s;
}

}  // namespace edu::mentorship
