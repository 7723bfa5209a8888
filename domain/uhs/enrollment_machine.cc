// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/uhs/enrollment_machine.h"

namespace edu::uhs {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = EnrollmentStatus;
using T = EnrollmentTrigger;

struct EnrollmentFront : machines::FrontBase<EnrollmentFront, S> {
  using initial_state = St<S::pending_payment>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                        trigger              to
      Row<St<S::pending_payment>, Ev<T::admit_free>, St<S::active>>,
      Row<St<S::pending_payment>, Ev<T::pay>,        St<S::active>>,
      Row<St<S::pending_payment>, Ev<T::drop>,       St<S::dropped>>,
      Row<St<S::pending_payment>, Ev<T::expire>,     St<S::expired>>,
      Row<St<S::active>,          Ev<T::complete>,   St<S::completed>>,
      Row<St<S::active>,          Ev<T::drop>,       St<S::dropped>>,
      Row<St<S::active>,          Ev<T::refund>,     St<S::dropped>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(EnrollmentMachine, EnrollmentFront, EnrollmentStatus, EnrollmentTrigger,
                   "uhs_enrollment")

}  // namespace edu::uhs
