// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/peerloop/enrollment_machine.h"

namespace edu::peerloop {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = EnrollmentStatus;
using T = EnrollmentTrigger;

struct EnrollmentFront : machines::FrontBase<EnrollmentFront, S> {
  using initial_state = St<S::enrolled>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                    trigger              to
      Row<St<S::enrolled>,    Ev<T::start>,    St<S::in_progress>>,
      Row<St<S::enrolled>,    Ev<T::cancel>,   St<S::cancelled>>,
      Row<St<S::in_progress>, Ev<T::complete>, St<S::completed>>,
      Row<St<S::in_progress>, Ev<T::cancel>,   St<S::cancelled>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(EnrollmentMachine, EnrollmentFront, EnrollmentStatus, EnrollmentTrigger,
                   "peerloop_enrollment")

}  // namespace edu::peerloop
