#include "domain/uhs/people.h"

#include "domain/policies.h"
#include "domain/uhs/rules.h"

namespace edu::uhs {
namespace {

template <class T>
std::optional<Personal<T>> AsPersonal(const std::optional<T>& v) {
  if (!v) return std::nullopt;
  return Personal<T>(*v);
}

std::optional<Rejection> CheckContact(const std::string& name, const std::string& email) {
  if (name.empty()) return Reject(codes::kNameRequired, "name must not be empty");
  if (!LooksLikeEmail(email)) {
    return Reject(codes::kInvalidEmail, "'{}' is not an email address", email);
  }
  return std::nullopt;
}

Decision<UserDecider::Event> Register(const RegisterUser& c, const UserState& state,
                                      const DecisionContext& ctx) {
  if (state.exists) {
    return Reject(codes::kUserAlreadyRegistered, "user {} is already registered",
                  ToString(c.user_id));
  }
  if (c.role == UserRole::student) {
    return Reject(codes::kStudentsAreAdmitted,
                  "students are registered with RegisterStudent under their admission number");
  }
  const bool self = IsUser(ctx.actor, c.user_id);
  switch (c.role) {
    case UserRole::parent:
      if (!self && !IsStaff(ctx.actor)) {
        return Reject(codes::kNotOwnAccount,
                      "actor {} may register only their own account, not user {}", ctx.actor.id,
                      ToString(c.user_id));
      }
      break;
    case UserRole::instructor:
    case UserRole::partner:
      if (!IsStaff(ctx.actor)) {
        return Reject(codes::kStaffOnly, "only staff may register a user with role '{}'",
                      EnumName(c.role));
      }
      break;
    case UserRole::admin:
    case UserRole::staff:
    case UserRole::student:
      if (ctx.actor.role != "admin") {
        return Reject(codes::kPrivilegedRoleRequiresAdmin,
                      "only an admin may register a user with role '{}'", EnumName(c.role));
      }
      break;
  }
  if (auto bad = CheckContact(c.name, c.email)) return *bad;
  UserRegistered e;
  e.user_id = c.user_id;
  e.role = c.role;
  e.email = Personal<std::string>(c.email);
  e.name = Personal<std::string>(c.name);
  e.phone = AsPersonal(c.phone);
  e.password_hash = AsPersonal(c.password_hash);
  e.county = c.county;
  return e;
}

Decision<StudentDecider::Event> Admit(const RegisterStudent& c, const StudentState& state,
                                      const DecisionContext& ctx) {
  const std::string number = NormalizeAdmissionNumber(c.admission_number);
  if (number.empty() || number.size() > 50) {
    return Reject(codes::kInvalidAdmissionNumber,
                  "admission_number must have 1..50 characters, got '{}'", c.admission_number);
  }
  if (state.exists) {
    return Reject(codes::kAdmissionNumberTaken,
                  "admission number {} is already registered to student {}", number,
                  ToString(state.student_id));
  }
  const bool parent_actor = ctx.actor.role == "parent";
  if (!IsStaff(ctx.actor) && !parent_actor) {
    return Reject(codes::kRoleNotAllowed, "students are registered by their parent or by staff");
  }
  if (parent_actor && (!c.parent_id || !IsUser(ctx.actor, *c.parent_id))) {
    return Reject(codes::kNotOwnChild,
                  "a parent registers students as their own children (parent_id = {})",
                  ctx.actor.id);
  }
  if (c.parent_id) {
    const UserState* parent = ctx.refs->Find<UserState>(UserStream(*c.parent_id));
    if (!parent) {
      return Reject(codes::kParentNotFound, "parent {} is not registered", ToString(*c.parent_id));
    }
    if (parent->role != UserRole::parent) {
      return Reject(codes::kNotAParent, "user {} is a {}, not a parent", ToString(*c.parent_id),
                    EnumName(parent->role));
    }
  }
  if (c.grade_level.empty() || c.grade_level.size() > 20) {
    return Reject(codes::kInvalidGradeLevel,
                  "grade_level must have 1..20 characters (e.g. 'Grade 7'), got '{}'",
                  c.grade_level);
  }
  if (auto bad = CheckContact(c.name, c.email)) return *bad;
  StudentRegistered e;
  e.student_id = StudentIdFor(number);
  e.user_id = StudentUserIdFor(e.student_id);
  e.parent_id = c.parent_id;
  e.admission_number = number;
  e.grade_level = c.grade_level;
  e.enrollment_date = c.enrollment_date;
  e.email = Personal<std::string>(c.email);
  e.name = Personal<std::string>(c.name);
  e.phone = AsPersonal(c.phone);
  e.county = c.county;
  return e;
}

}  // namespace

Decision<UserDecider::Event> UserDecider::decide(const Command& command, const State& state,
                                                 const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const RegisterUser& c) { return Register(c, state, ctx); }},
                    command);
}

UserState UserDecider::evolve(State state, const Event& event) {
  std::visit(Overloaded{[&](const UserRegistered& e) {
               state.exists = true;
               state.user_id = e.user_id;
               state.role = e.role;
             }},
             event);
  return state;
}

Decision<StudentDecider::Event> StudentDecider::decide(const Command& command, const State& state,
                                                       const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const RegisterStudent& c) { return Admit(c, state, ctx); }},
                    command);
}

StudentState StudentDecider::evolve(State state, const Event& event) {
  std::visit(Overloaded{[&](const StudentRegistered& e) {
               state.exists = true;
               state.student_id = e.student_id;
               state.user_id = e.user_id;
               state.parent_id = e.parent_id;
               state.admission_number = e.admission_number;
               state.grade_level = e.grade_level;
             }},
             event);
  return state;
}

}  // namespace edu::uhs
