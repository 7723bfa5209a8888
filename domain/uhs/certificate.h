// A Urban Home School certificate (certificates): issued for a completed enrollment, one per kind
// per enrollment (the stream id is derived from both), with a serial number derived from its id
// for public verification; revoked by staff with a reason (CertificateMachine).
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "domain/core/decider.h"
#include "domain/uhs/certificate_machine.h"
#include "domain/uhs/commands_catalog.h"

namespace edu::uhs {

struct CertificateState {
  bool exists = false;
  CertificateMachine machine;
  Uuid certificate_id;
  std::string serial_number;
  CertificateKind kind = CertificateKind::completion;
  Uuid enrollment_id;
  std::string issued_by;

  CertificateStatus status() const { return machine.status(); }
};

struct CertificateDecider {
  static constexpr const char* kCategory = kCertificateCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = CertificateState;
  using Command = std::variant<IssueCertificate, RevokeCertificate>;
  using Event = std::variant<CertificateIssued, CertificateRevoked>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::uhs
