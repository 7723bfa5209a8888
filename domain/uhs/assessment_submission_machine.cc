// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/uhs/assessment_machine.h"

namespace edu::uhs {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = SubmissionStatus;
using T = SubmissionTrigger;

struct SubmissionFront : machines::FrontBase<SubmissionFront, S> {
  using initial_state = St<S::in_progress>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                  trigger        to
      Row<St<S::in_progress>, Ev<T::submit>,  St<S::submitted>>,
      Row<St<S::submitted>,   Ev<T::grade>,   St<S::graded>>,
      Row<St<S::graded>,      Ev<T::regrade>, St<S::graded>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(SubmissionMachine, SubmissionFront, SubmissionStatus, SubmissionTrigger,
                   "uhs_assessment_submission")

}  // namespace edu::uhs
