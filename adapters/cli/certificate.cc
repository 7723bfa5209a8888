// eduledger certificate <serial>: verifies a Urban Home School certificate (valid, revoked or
// unknown) from the log.
#include "adapters/cli/certificate.h"

#include <cctype>
#include <cstdio>

#include "adapters/cli/log_tools.h"
#include "adapters/cli/subcommands.h"
#include "eventstore/event_codec.h"

namespace edu {
namespace {

constexpr const char* kHelp =
    "usage: eduledger certificate <serial-number> [--db <uri> | --log kafka ...]\n\n"
    "Verifies a Urban Home School certificate by its public serial number (UHS-2026-...): prints\n"
    "whether it is valid, revoked (when and why) or unknown, with the student, course, grade and\n"
    "dates it was issued with. The answer comes from the certificate's own stream in the log, so\n"
    "it holds whatever the read tables' state. Exit status 0 when valid, 1 otherwise.";

}  // namespace

Status VerifyCertificate(EventLog* log, const std::string& serial_number,
                         CertificateVerification* out) {
  *out = CertificateVerification{};
  std::optional<Uuid> id = uhs::CertificateIdFromSerial(serial_number);
  if (!id) return Status::OK();
  std::vector<RecordedEvent> events;
  EDU_RETURN_IF_ERROR(log->ReadStream(uhs::CertificateStream(*id), 1, &events));
  uhs::CertificateState state = uhs::CertificateDecider::initial_state();
  for (const RecordedEvent& r : events) {
    uhs::CertificateDecider::Event event;
    EDU_RETURN_IF_ERROR(DecodeEvent(r, &event));
    state = uhs::CertificateDecider::evolve(std::move(state), event);
    if (auto* issued = std::get_if<uhs::CertificateIssued>(&event)) {
      out->issued = *issued;
      out->issued_at = r.occurred_at;
    } else if (auto* revoked = std::get_if<uhs::CertificateRevoked>(&event)) {
      out->revoked = *revoked;
      out->revoked_at = r.occurred_at;
    }
  }
  // The year is part of the serial: the same id under another year is not this certificate.
  std::string given;
  for (char ch : serial_number) {
    if (!std::isspace(static_cast<unsigned char>(ch))) {
      given += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
  }
  if (!state.exists || given != state.serial_number) {
    *out = CertificateVerification{};
    return Status::OK();
  }
  out->verdict = state.status() == uhs::CertificateStatus::revoked
                     ? CertificateVerification::Verdict::kRevoked
                     : CertificateVerification::Verdict::kValid;
  return Status::OK();
}

int RunCertificate(int argc, char** argv) {
  Args args;
  Config config;
  if (auto code = ParseToolArgs("certificate", kHelp, {}, argc, argv, 2, 1, &args, &config)) {
    return *code;
  }
  if (args.positional().size() != 1) {
    std::fprintf(stderr, "eduledger certificate: give one serial number (see --help)\n");
    return 2;
  }
  std::unique_ptr<ToolLog> tool;
  Status s = ToolLog::Open(config, &tool);
  EventLog* log = nullptr;
  if (s.ok()) s = tool->application(&log);
  CertificateVerification v;
  if (s.ok()) s = VerifyCertificate(log, args.positional().front(), &v);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger certificate: %s\n", s.ToString().c_str());
    return 1;
  }
  const std::string& serial = args.positional().front();
  if (v.verdict == CertificateVerification::Verdict::kUnknown) {
    std::printf("%s: unknown (no certificate was issued under this serial number)\n",
                serial.c_str());
    return 1;
  }
  const uhs::CertificateIssued& c = *v.issued;
  std::printf("%s: %s\n", c.serial_number.c_str(),
              v.verdict == CertificateVerification::Verdict::kValid ? "valid" : "REVOKED");
  std::printf("  student     %s\n",
              c.student_name.erased ? "(erased)" : c.student_name.value.c_str());
  std::printf("  course      %s\n", c.course_name.c_str());
  std::printf("  kind        %s\n", std::string(EnumName(c.kind)).c_str());
  std::printf("  grade       %s\n", c.grade ? c.grade->c_str() : "-");
  std::printf("  completed   %s\n", FormatIso8601(c.completion_date).c_str());
  std::printf("  issued      %s\n", FormatIso8601(v.issued_at).c_str());
  if (v.revoked) {
    std::printf("  revoked     %s: %s\n", FormatIso8601(*v.revoked_at).c_str(),
                v.revoked->reason.c_str());
  }
  return v.verdict == CertificateVerification::Verdict::kValid ? 0 : 1;
}

}  // namespace edu
