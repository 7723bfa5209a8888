// PeerLoop certificates (seed 001 certificates; CD-011 the dual certificate system: completion,
// mastery, teaching; CD-012: issued by the course's creator, recommended by the student-teacher).
// One stream per enrollment (peerloop.certificates-<enrollment>): each certificate moves through
// CertificateMachine (recommended -> issued | declined); an enrollment holds at most one
// certificate of each type that is recommended or issued. Only for completed enrollments of
// courses that award certificates (courses.has_certificate); a teaching certificate only for a
// certified student-teacher of the course.
#pragma once

#include <map>
#include <optional>
#include <variant>

#include "domain/core/decider.h"
#include "domain/peerloop/certificate_machine.h"
#include "domain/peerloop/commands_learning.h"
#include "domain/peerloop/events_learning.h"

namespace edu::peerloop {

struct CertificatesState {
  struct Certificate {
    CertificateType type = CertificateType::completion;
    Uuid course_id;
    std::optional<Uuid> recommended_by;
    CertificateMachine lifecycle;
  };
  std::map<Uuid, Certificate> certificates;  // by certificate id

  // The certificate of `type` that is recommended or issued, if any.
  const Certificate* Holding(CertificateType type) const;
};

struct CertificateDecider {
  static constexpr const char* kCategory = kCertificatesCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = CertificatesState;
  using Command = std::variant<RecommendCertificate, IssueCertificate, DeclineCertificate>;
  using Event = std::variant<CertificateRecommended, CertificateIssued, CertificateDeclined>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::peerloop
