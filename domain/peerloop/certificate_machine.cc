// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/peerloop/certificate_machine.h"

namespace edu::peerloop {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = CertificateStatus;
using T = CertificateTrigger;

struct CertificateFront : machines::FrontBase<CertificateFront, S> {
  using initial_state = St<S::recommended>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                  trigger            to
      Row<St<S::recommended>, Ev<T::issue>,   St<S::issued>>,
      Row<St<S::recommended>, Ev<T::decline>, St<S::declined>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(CertificateMachine, CertificateFront, CertificateStatus, CertificateTrigger,
                   "peerloop_certificate")

}  // namespace edu::peerloop
