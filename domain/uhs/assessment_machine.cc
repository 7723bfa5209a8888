// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/uhs/assessment_machine.h"

namespace edu::uhs {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = AssessmentStatus;
using A = AssessmentAction;

struct AssessmentFront : machines::FrontBase<AssessmentFront, S> {
  using initial_state = St<S::draft>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                action          to
      Row<St<S::draft>,     Ev<A::publish>, St<S::published>>,
      Row<St<S::published>, Ev<A::close>,   St<S::closed>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(AssessmentMachine, AssessmentFront, AssessmentStatus, AssessmentAction,
                   "uhs_assessment")

}  // namespace edu::uhs
