// Who marks module progress: the enrollment's own student, for a module of the enrollment's
// course, on an enrollment that is not cancelled; a mark that changes nothing is refused.
#include "domain/peerloop/progress.h"

#include "domain/peerloop/course_pages.h"
#include "domain/peerloop/enrollment.h"
#include "domain/peerloop/rules.h"

namespace edu::peerloop {
namespace {

Decision<ModuleProgressDecider::Event> Mark(const MarkModuleProgress& c,
                                            const ModuleProgressState& s,
                                            const DecisionContext& ctx) {
  const EnrollmentState* enrollment =
      ctx.refs->Find<EnrollmentState>(EnrollmentStream(c.enrollment_id));
  if (!enrollment || !enrollment->exists) {
    return NotFound(codes::kEnrollmentNotFound, "enrollment", c.enrollment_id);
  }
  if (!Is(ctx.actor, enrollment->student_id)) {
    return Reject(codes::kNotOwnEnrollment,
                  "only the student of enrollment {} marks its module progress",
                  ToString(c.enrollment_id));
  }
  if (enrollment->course_id != c.course_id) {
    return Reject(codes::kEnrollmentMismatch, "enrollment {} is not in course {}",
                  ToString(c.enrollment_id), ToString(c.course_id));
  }
  if (enrollment->status() == EnrollmentStatus::cancelled) {
    return Reject(codes::kEnrollmentClosed, "enrollment {} is cancelled",
                  ToString(c.enrollment_id));
  }
  const CoursePageState* pages = ctx.refs->Find<CoursePageState>(CoursePageStream(c.course_id));
  if (!pages || !pages->HasModule(c.module_id)) {
    return Reject(codes::kCourseModuleNotFound, "course {} has no module {}", ToString(c.course_id),
                  ToString(c.module_id));
  }
  auto module = s.modules.find(c.module_id);
  const bool was_complete = module != s.modules.end() && module->second.is_complete;
  if (was_complete == c.is_complete) {
    return Reject(codes::kModuleProgressUnchanged, "module {} is already {}", ToString(c.module_id),
                  c.is_complete ? "complete" : "not complete");
  }
  ModuleProgressMarked e;
  e.progress_id = module == s.modules.end() ? c.progress_id : module->second.progress_id;
  e.enrollment_id = c.enrollment_id;
  e.module_id = c.module_id;
  e.student_id = enrollment->student_id;
  e.is_complete = c.is_complete;
  if (c.is_complete) e.completed_at = ctx.now;
  e.marked_at = ctx.now;
  return e;
}

}  // namespace

Decision<ModuleProgressDecider::Event> ModuleProgressDecider::decide(const Command& command,
                                                                     const State& state,
                                                                     const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const MarkModuleProgress& c) { return Mark(c, state, ctx); }},
                    command);
}

ModuleProgressState ModuleProgressDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const ModuleProgressMarked& e) {
               s.modules[e.module_id] = {e.progress_id, e.is_complete};
             }},
             event);
  return s;
}

}  // namespace edu::peerloop
