// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/peerloop/course_status_machine.h"

namespace edu::peerloop {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = CourseStatus;
using T = CourseStatusTrigger;

struct CourseStatusFront : machines::FrontBase<CourseStatusFront, S> {
  using initial_state = St<S::active>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from             trigger               to
      Row<St<S::active>,   Ev<T::deactivate>, St<S::inactive>>,
      Row<St<S::inactive>, Ev<T::activate>,   St<S::active>>,
      Row<St<S::active>,   Ev<T::retire>,     St<S::retired>>,
      Row<St<S::inactive>, Ev<T::retire>,     St<S::retired>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(CourseStatusMachine, CourseStatusFront, CourseStatus, CourseStatusTrigger,
                   "peerloop_course_status")

}  // namespace edu::peerloop
