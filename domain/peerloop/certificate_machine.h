// The lifecycle of a PeerLoop certificate (CD-011, CD-012; Boost.MSM, rows in
// certificate_machine.cc). A certificate starts as a student-teacher's recommendation; the
// course's creator issues it (final) or declines it (final). A creator issuing without a
// recommendation fires `issue` at once. The seed names no revocation, so an issued certificate
// stays issued.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::peerloop {

EDU_ENUM(CertificateStatus, recommended, issued, declined)
EDU_ENUM(CertificateTrigger, issue, decline)

EDU_DECLARE_MACHINE(CertificateMachine, CertificateStatus, CertificateTrigger)

}  // namespace edu::peerloop
