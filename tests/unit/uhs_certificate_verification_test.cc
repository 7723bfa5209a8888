// Public verification of Urban Home School certificates by serial number (eduledger certificate,
// adapters/cli/certificate.cc): the serial leads to the certificate's stream in the log; valid
// until revoked; a serial that is malformed, of another year or never issued is unknown.
#include <doctest/doctest.h>

#include "adapters/cli/certificate.h"
#include "eventstore/json_binding.h"
#include "eventstore/memory_event_log.h"

namespace edu::uhs {
namespace {

const Uuid kEnrollment = *ParseUuid("55555555-5555-4555-8555-555555555555");
const Uuid kCertificate = CertificateIdFor(kEnrollment, CertificateKind::completion);
const Timestamp kIssuedAt = *ParseIso8601("2026-03-02T08:00:00Z");
const Timestamp kRevokedAt = *ParseIso8601("2026-03-05T08:00:00Z");

template <class E>
void Append(MemoryEventLog* log, const E& e, Timestamp at) {
  NewEvent n;
  n.event_id = DeriveUuid(kCertificate, std::string(E::kType));
  n.type = E::kType;
  n.schema_version = E::kSchemaVersion;
  n.marketplace = "uhs";
  n.occurred_at = at;
  n.actor = Actor{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "admin"};
  n.payload = json::Encode(e);
  AppendRequest request;
  request.stream_id = CertificateStream(kCertificate);
  request.expected = ExpectedVersion::Any();
  request.events = {n};
  AppendResult result;
  REQUIRE(log->Append(request, &result).ok());
}

CertificateIssued Issued() {
  CertificateIssued e;
  e.certificate_id = kCertificate;
  e.serial_number = SerialNumberFor(kCertificate, 2026);
  e.enrollment_id = kEnrollment;
  e.student_id = DeriveUuid(kEnrollment, "student");
  e.enrollment_student_id = DeriveUuid(kEnrollment, "student profile");
  e.student_name = std::string("Amani Kamau");
  e.course_id = DeriveUuid(kEnrollment, "course");
  e.course_name = "Grade 7 Mathematics";
  e.grade = "EE";
  e.completion_date = kIssuedAt - Days(1);
  e.issued_by = "instructor";
  return e;
}

}  // namespace

TEST_SUITE("uhs certificates") {
  TEST_CASE("verification by serial: unknown, then valid once issued, revoked once revoked") {
    MemoryEventLog log(2);
    const std::string serial = SerialNumberFor(kCertificate, 2026);
    CertificateVerification v;
    REQUIRE(VerifyCertificate(&log, serial, &v).ok());
    CHECK(v.verdict == CertificateVerification::Verdict::kUnknown);

    Append(&log, Issued(), kIssuedAt);
    REQUIRE(VerifyCertificate(&log, serial, &v).ok());
    CHECK(v.verdict == CertificateVerification::Verdict::kValid);
    REQUIRE(v.issued);
    CHECK(v.issued->course_name == "Grade 7 Mathematics");
    CHECK(v.issued->student_name.value == "Amani Kamau");
    CHECK(v.issued_at == kIssuedAt);
    // Case and blanks do not matter; the year does, and so does every digit.
    std::string lower;
    for (char ch : serial) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    REQUIRE(VerifyCertificate(&log, " " + lower + " ", &v).ok());
    CHECK(v.verdict == CertificateVerification::Verdict::kValid);
    REQUIRE(VerifyCertificate(&log, SerialNumberFor(kCertificate, 2025), &v).ok());
    CHECK(v.verdict == CertificateVerification::Verdict::kUnknown);
    REQUIRE(VerifyCertificate(&log, SerialNumberFor(DeriveUuid(kCertificate, "x"), 2026), &v).ok());
    CHECK(v.verdict == CertificateVerification::Verdict::kUnknown);
    REQUIRE(VerifyCertificate(&log, "UHS-2026-not-a-serial", &v).ok());
    CHECK(v.verdict == CertificateVerification::Verdict::kUnknown);

    Append(&log,
           CertificateRevoked{kCertificate, serial, CertificateKind::completion, kEnrollment,
                              "instructor", "Issued in error", "admin"},
           kRevokedAt);
    REQUIRE(VerifyCertificate(&log, serial, &v).ok());
    CHECK(v.verdict == CertificateVerification::Verdict::kRevoked);
    REQUIRE(v.revoked);
    CHECK(v.revoked->reason == "Issued in error");
    CHECK(v.revoked_at == kRevokedAt);
  }
}

}  // namespace edu::uhs
