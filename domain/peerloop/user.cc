#include "domain/peerloop/user.h"

#include <cctype>

#include "domain/peerloop/course.h"
#include "domain/peerloop/rules.h"
#include "domain/policies.h"

namespace edu::peerloop {

std::optional<std::string> NormalizeTimeOfDay(const std::string& text) {
  auto two = [&](size_t at, int max) -> std::optional<int> {
    if (at + 2 > text.size() || !std::isdigit(static_cast<unsigned char>(text[at])) ||
        !std::isdigit(static_cast<unsigned char>(text[at + 1]))) {
      return std::nullopt;
    }
    int v = (text[at] - '0') * 10 + (text[at + 1] - '0');
    if (v > max) return std::nullopt;
    return v;
  };
  if (text.size() != 5 && text.size() != 8) return std::nullopt;
  auto h = two(0, 23), m = two(3, 59);
  if (!h || !m || text[2] != ':') return std::nullopt;
  int s = 0;
  if (text.size() == 8) {
    auto sec = two(6, 59);
    if (!sec || text[5] != ':') return std::nullopt;
    s = *sec;
  }
  return fmt::format("{:02d}:{:02d}:{:02d}", *h, *m, s);
}

namespace {

using Event = UserDecider::Event;

template <class T>
std::optional<Personal<T>> AsPersonal(const std::optional<T>& v) {
  if (!v) return std::nullopt;
  return Personal<T>(*v);
}

bool LooksLikeEmail(const std::string& s) {
  auto at = s.find('@');
  return at != std::string::npos && at > 0 && s.find('.', at) != std::string::npos &&
         s.back() != '.' && s.find(' ') == std::string::npos;
}

Decision<Event> Register(const RegisterUser& c, const UserState& s, const DecisionContext& ctx) {
  if (s.exists) {
    return Reject(codes::kUserAlreadyRegistered, "user {} is already registered",
                  ToString(c.user_id));
  }
  if (!Is(ctx.actor, c.user_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotOwnAccount,
                  "actor {} may register only their own account, not user {}", ctx.actor.id,
                  ToString(c.user_id));
  }
  const UserRole role = c.role.value_or(UserRole::student);
  if ((role == UserRole::admin || role == UserRole::moderator) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kPrivilegedRoleRequiresAdmin,
                  "only an admin may register a user with role '{}'", EnumName(role));
  }
  if (c.name.empty()) return Reject(codes::kNameRequired, "name must not be empty");
  if (!LooksLikeEmail(c.email)) {
    return Reject(codes::kInvalidEmail, "'{}' is not an email address", c.email);
  }
  std::string handle = !c.handle.empty() && c.handle[0] == '@' ? c.handle.substr(1) : c.handle;
  bool handle_ok = !handle.empty() && handle.size() <= 30;
  for (char ch : handle) {
    handle_ok = handle_ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_');
  }
  if (!handle_ok) {
    return Reject(codes::kInvalidHandle,
                  "handle '{}' must be 1-30 letters, digits or '_' (an optional leading '@')",
                  c.handle);
  }
  if (c.bio_short && CharCount(*c.bio_short) > 160) {
    return Reject(codes::kBioShortTooLong, "bio_short has {} characters; at most 160",
                  CharCount(*c.bio_short));
  }
  UserRegistered e;
  e.user_id = c.user_id;
  e.role = role;
  e.email = Personal<std::string>(c.email);
  e.name = Personal<std::string>(c.name);
  e.handle = Personal<std::string>(handle);
  e.password_hash = AsPersonal(c.password_hash);
  e.title = c.title;
  e.avatar_url = AsPersonal(c.avatar_url);
  e.bio = AsPersonal(c.bio);
  e.bio_short = AsPersonal(c.bio_short);
  e.teaching_philosophy = c.teaching_philosophy;
  e.website = AsPersonal(c.website);
  e.is_creator = role == UserRole::creator;
  e.is_student_teacher = role == UserRole::student_teacher;
  e.is_admin = role == UserRole::admin;
  e.is_moderator = role == UserRole::moderator;
  e.privacy_public = c.privacy_public.value_or(true);
  e.email_verified = false;
  return e;
}

Decision<Event> Certify(const CertifyStudentTeacher& c, const UserState& s,
                        const DecisionContext& ctx) {
  if (!s.exists) return NotFound(codes::kUserNotFound, "user", c.user_id);
  const CourseState* course = ctx.refs->Find<CourseState>(CourseStream(c.course_id));
  if (!course) return NotFound(codes::kCourseNotFound, "course", c.course_id);
  if (!Is(ctx.actor, course->creator_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotCourseCreator,
                  "only the creator of course {} (or an admin) certifies its student-teachers",
                  ToString(c.course_id));
  }
  if (c.user_id == course->creator_id) {
    return Reject(codes::kCreatorTeachesOwnCourse,
                  "user {} created course {}; creators teach their courses without certification",
                  ToString(c.user_id), ToString(c.course_id));
  }
  if (s.role == UserRole::admin || s.role == UserRole::moderator) {
    return Reject(codes::kRoleCannotTeach, "user {} is {}; staff do not teach", ToString(c.user_id),
                  EnumName(s.role));
  }
  if (s.CertifiedFor(c.course_id)) {
    return Reject(codes::kAlreadyCertified,
                  "user {} is already a certified student-teacher of course {}",
                  ToString(c.user_id), ToString(c.course_id));
  }
  StudentTeacherCertified e;
  e.certification_id = DeriveUuid(c.user_id, "student_teacher/" + ToString(c.course_id));
  e.user_id = c.user_id;
  e.course_id = c.course_id;
  e.approved_by =
      IsAdmin(ctx.actor) && ParseUuid(ctx.actor.id) ? *ParseUuid(ctx.actor.id) : course->creator_id;
  e.certified_date = DateOf(ctx.now);
  e.role_after = s.role == UserRole::student ? UserRole::student_teacher : s.role;
  return e;
}

Decision<Event> AddSlot(const AddAvailabilitySlot& c, const UserState& s,
                        const DecisionContext& ctx) {
  if (!s.exists) return NotFound(codes::kUserNotFound, "user", c.user_id);
  if (!Is(ctx.actor, c.user_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotOwnAccount, "actor {} may manage only their own availability",
                  ctx.actor.id);
  }
  if (!s.Teaches()) {
    return Reject(codes::kNotATeacher, "user {} is neither a creator nor a student-teacher",
                  ToString(c.user_id));
  }
  if (s.slots.count(c.slot_id)) {
    return Reject(codes::kSlotAlreadyExists, "availability slot {} exists", ToString(c.slot_id));
  }
  if (c.day_of_week < 0 || c.day_of_week > 6) {
    return Reject(codes::kInvalidDayOfWeek, "day_of_week {} is outside 0 (Sunday) .. 6 (Saturday)",
                  c.day_of_week);
  }
  auto start = NormalizeTimeOfDay(c.start_time);
  auto end = NormalizeTimeOfDay(c.end_time);
  if (!start || !end) {
    return Reject(codes::kInvalidTime, "start_time '{}' and end_time '{}' must be HH:MM",
                  c.start_time, c.end_time);
  }
  if (!(*start < *end)) {
    return Reject(codes::kSlotNotOrdered, "start_time {} is not before end_time {}", *start, *end);
  }
  if (c.timezone.empty()) {
    return Reject(codes::kTimezoneRequired, "timezone must not be empty");
  }
  AvailabilitySlotAdded e;
  e.slot_id = c.slot_id;
  e.user_id = c.user_id;
  e.day_of_week = c.day_of_week;
  e.start_time = *start;
  e.end_time = *end;
  e.timezone = c.timezone;
  e.is_recurring = c.is_recurring.value_or(true);
  return e;
}

Decision<Event> RemoveSlot(const RemoveAvailabilitySlot& c, const UserState& s,
                           const DecisionContext& ctx) {
  if (!s.exists) return NotFound(codes::kUserNotFound, "user", c.user_id);
  if (!Is(ctx.actor, c.user_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotOwnAccount, "actor {} may manage only their own availability",
                  ctx.actor.id);
  }
  if (!s.slots.count(c.slot_id))
    return NotFound(codes::kSlotNotFound, "availability slot", c.slot_id);
  return AvailabilitySlotRemoved{c.slot_id, c.user_id};
}

}  // namespace

Decision<Event> UserDecider::decide(const Command& command, const State& state,
                                    const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const RegisterUser& c) { return Register(c, state, ctx); },
                 [&](const CertifyStudentTeacher& c) { return Certify(c, state, ctx); },
                 [&](const AddAvailabilitySlot& c) { return AddSlot(c, state, ctx); },
                 [&](const RemoveAvailabilitySlot& c) { return RemoveSlot(c, state, ctx); }},
      command);
}

UserState UserDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const UserRegistered& e) {
                          s.exists = true;
                          s.user_id = e.user_id;
                          s.role = e.role;
                          s.is_creator = e.is_creator;
                          s.is_student_teacher = e.is_student_teacher;
                        },
                        [&](const StudentTeacherCertified& e) {
                          s.certifications[e.course_id] = e.certified_date;
                          s.role = e.role_after;
                          s.is_student_teacher = true;
                        },
                        [&](const AvailabilitySlotAdded& e) {
                          s.slots[e.slot_id] = SlotState{e.day_of_week, e.start_time, e.end_time};
                        },
                        [&](const AvailabilitySlotRemoved& e) { s.slots.erase(e.slot_id); }},
             event);
  return s;
}

}  // namespace edu::peerloop
