// The validity of a Urban Home School certificate (Boost.MSM; rows in certificate_machine.cc).
// A certificate is valid when issued; an admin or staff member revokes it, with a reason, and a
// revocation is final (a corrected certificate is a new one of another kind or enrollment).
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::uhs {

EDU_ENUM(CertificateStatus, issued, revoked)
EDU_ENUM(CertificateTrigger, revoke)

EDU_DECLARE_MACHINE(CertificateMachine, CertificateStatus, CertificateTrigger)

}  // namespace edu::uhs
