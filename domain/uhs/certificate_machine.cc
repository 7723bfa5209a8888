// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/uhs/certificate_machine.h"

namespace edu::uhs {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = CertificateStatus;
using T = CertificateTrigger;

struct CertificateFront : machines::FrontBase<CertificateFront, S> {
  using initial_state = St<S::issued>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from             trigger        to
      Row<St<S::issued>, Ev<T::revoke>, St<S::revoked>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(CertificateMachine, CertificateFront, CertificateStatus, CertificateTrigger,
                   "uhs_certificate")

}  // namespace edu::uhs
