// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/skillspring/course_machine.h"

namespace edu::skillspring {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = CourseStatus;
using T = CourseTrigger;

struct CourseFront : machines::FrontBase<CourseFront, S> {
  using initial_state = St<S::draft>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                trigger                   to
      Row<St<S::draft>,     Ev<T::submit>,          St<S::submitted>>,
      Row<St<S::draft>,     Ev<T::archive>,         St<S::archived>>,
      Row<St<S::submitted>, Ev<T::publish>,         St<S::published>>,
      Row<St<S::submitted>, Ev<T::request_changes>, St<S::draft>>,
      Row<St<S::submitted>, Ev<T::archive>,         St<S::archived>>,
      Row<St<S::published>, Ev<T::archive>,         St<S::archived>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(CourseMachine, CourseFront, CourseStatus, CourseTrigger, "skillspring_course")

}  // namespace edu::skillspring
