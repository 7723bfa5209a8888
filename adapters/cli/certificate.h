// Public verification of Urban Home School certificates by serial number (eduledger certificate):
// the serial names the certificate's id (uhs::CertificateIdFromSerial), so its stream is read
// straight from the log and folded by the certificate decider; no read table is needed.
#pragma once

#include <optional>
#include <string>

#include "domain/uhs/certificate.h"
#include "eventstore/event_log.h"
#include "eventstore/status.h"

namespace edu {

struct CertificateVerification {
  enum class Verdict { kValid, kRevoked, kUnknown };
  Verdict verdict = Verdict::kUnknown;
  std::optional<uhs::CertificateIssued> issued;    // when known
  std::optional<uhs::CertificateRevoked> revoked;  // when revoked
  Timestamp issued_at;
  std::optional<Timestamp> revoked_at;
};

// kUnknown when the serial is not one (malformed) or names no issued certificate; a non-OK status
// only when the log cannot be read or an event does not decode. `log` should open personal data
// (the student's name); a sealed log shows it erased.
Status VerifyCertificate(EventLog* log, const std::string& serial_number,
                         CertificateVerification* out);

}  // namespace edu
