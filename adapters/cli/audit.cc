// eduledger audit: for auditors.
//   audit stream <stream-id>   the full history of one aggregate: who did what, when and why
//   audit verify               re-computes every partition's hash chain and names the first event
//                              that was edited, removed, reordered or inserted; checks every
//                              partition's signed head (truncation, deleted partition, re-chained
//                              edit, events appended without the key)
//   audit seal                 signs the current heads after verifying the chains (adopting a log
//                              written without the key, or an operator's decision after an
//                              incident)
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "adapters/cli/log_tools.h"
#include "adapters/cli/subcommands.h"
#include "adapters/config/audit_key.h"
#include "domain/core/stream.h"
#include "eventstore/chain_verifier.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/head_seal.h"

namespace edu {
namespace {

constexpr const char* kHelp =
    "usage: eduledger audit stream <stream-id> [--json] [--raw]\n"
    "       eduledger audit verify [--partition 0,3] [--heads-out file] [--expect-heads file]\n"
    "       eduledger audit seal\n"
    "       (plus --db <uri>, or --log kafka --kafka-bootstrap-servers ..., as for serve; the\n"
    "       audit key as for serve: --audit-key, --audit-key-file or the default key file)\n\n"
    "audit stream prints the full history of one aggregate (e.g. mentorship.session-<uuid>): each\n"
    "event with its version, time, actor, command (causation) and correlation ids, request\n"
    "metadata (ip, user agent) and payload. Personal data is shown opened (erased where the\n"
    "person was forgotten); --raw shows it as stored. --json prints one envelope per line.\n\n"
    "audit verify re-computes every partition's hash chain from the stored events and names the\n"
    "first event per partition that was edited (content changed), removed (offset gap), reordered\n"
    "or inserted (previous-hash link broken). On the embedded log it then checks each partition's\n"
    "signed head (docs/tamper-evidence.md): every append signs the new head with the audit key,\n"
    "which the database does not hold, so events cut off the end, a deleted partition, an edit\n"
    "with every hash after it recomputed, and events appended by hand are named too. It prints\n"
    "each partition's head; --heads-out saves them and a later --expect-heads checks they are\n"
    "still in the log (also against a rollback of the whole database to an earlier state, which\n"
    "only a record kept elsewhere can reveal). Exit status 1 when anything does not verify.\n\n"
    "audit seal verifies the chains and then signs every partition's current head afresh: to\n"
    "adopt a log written without an audit key, or after an incident once the operator has\n"
    "decided what the log should hold. It prints what the old seals said.";

void PrintEvent(const RecordedEvent& e) {
  std::printf("v%-4lld %s  %s (schema v%d)\n", static_cast<long long>(e.stream_version),
              FormatIso8601(e.occurred_at).c_str(), e.type.c_str(), e.schema_version);
  std::printf("      who      %s (role %s)\n", e.actor.id.c_str(), e.actor.role.c_str());
  std::printf("      why      command %s, correlation %s\n", ToString(e.causation_id).c_str(),
              ToString(e.correlation_id).c_str());
  std::string metadata;
  for (const auto& [k, v] : e.metadata) metadata += (metadata.empty() ? "" : ", ") + k + " " + v;
  std::printf("      from     %s\n", metadata.empty() ? "(no request metadata)" : metadata.c_str());
  std::printf("      what     %s\n", e.payload.c_str());
  std::printf("      recorded %s at partition %d offset %lld, event %s, hash %s\n",
              FormatIso8601(e.recorded_at).c_str(), e.partition, static_cast<long long>(e.offset),
              ToString(e.event_id).c_str(), e.hash.c_str());
}

int AuditStream(ToolLog* tool, const Args& args) {
  const std::string stream = args.positional().size() > 1 ? args.positional()[1] : "";
  if (!ParseStreamId(stream)) {
    std::fprintf(stderr,
                 "eduledger audit stream: '%s' is not a stream id; expected "
                 "<category>-<uuid>, e.g. mentorship.session-4f0c2a0e-...\n",
                 stream.c_str());
    return 2;
  }
  EventLog* log = &tool->stored();
  if (!args.Has("raw")) {
    Status s = tool->application(&log);
    if (!s.ok()) {
      std::fprintf(stderr, "eduledger audit stream: %s\n", s.message().c_str());
      return 2;
    }
  }
  std::vector<RecordedEvent> events;
  Status s = log->ReadStream(stream, 1, &events);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger audit stream: %s\n", s.ToString().c_str());
    return 1;
  }
  if (events.empty()) {
    std::fprintf(stderr, "eduledger audit stream: stream %s has no events in this log\n",
                 stream.c_str());
    return 1;
  }
  if (args.Has("json")) {
    for (const RecordedEvent& e : events) std::printf("%s\n", EncodeEnvelope(e).c_str());
    return 0;
  }
  std::printf("%s: %zu events on partition %d, versions 1..%lld\n\n", stream.c_str(), events.size(),
              events.front().partition, static_cast<long long>(events.back().stream_version));
  for (const RecordedEvent& e : events) PrintEvent(e);
  return 0;
}

// "partition offset hash" lines, as --heads-out writes them.
Status CheckHeads(EventLog* log, const std::string& path, int* broken) {
  std::ifstream in(path);
  if (!in) return Status::InvalidArgument("cannot read " + path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::istringstream fields(line);
    int partition = -1;
    long long offset = -1;
    std::string hash;
    if (!(fields >> partition >> offset >> hash)) {
      return Status::InvalidArgument(path + " line " + std::to_string(n) +
                                     ": expected '<partition> <offset> <hash>'");
    }
    std::vector<RecordedEvent> at;
    EDU_RETURN_IF_ERROR(log->ReadPartition(partition, offset, 1, &at));
    if (at.empty() || at.front().offset != offset || at.front().hash != hash) {
      ++*broken;
      std::printf(
          "  partition %d: the head recorded earlier (offset %lld, hash %s) is no longer in "
          "the log: its history was rewritten since\n",
          partition, offset, hash.c_str());
    }
  }
  return Status::OK();
}

// "  BROKEN partition 3, offset 41: ..." for each seal finding in `partitions` (all when empty);
// adds the partitions not already counted to `broken_partitions`.
void PrintSealFindings(const SealReport& seals, const std::vector<int>& partitions,
                       const char* prefix, std::set<int>* broken_partitions) {
  for (const SealFinding& f : seals.findings) {
    if (!partitions.empty() && f.partition >= 0 &&
        std::find(partitions.begin(), partitions.end(), f.partition) == partitions.end()) {
      continue;
    }
    if (f.partition < 0) {
      std::printf("  %s the log: %s\n", prefix, f.what.c_str());
    } else if (f.offset >= 0) {
      std::printf("  %s partition %d, offset %lld: signed head: %s\n", prefix, f.partition,
                  static_cast<long long>(f.offset), f.what.c_str());
    } else {
      std::printf("  %s partition %d: signed head: %s\n", prefix, f.partition, f.what.c_str());
    }
    if (broken_partitions != nullptr) broken_partitions->insert(f.partition);
  }
}

// Checks the embedded log's signed heads after the chains. Returns false when they could not be
// checked at all (no key, database error): that is a failure too, said in a sentence.
bool CheckSignedHeads(ToolLog* tool, const Config& config, const std::vector<int>& partitions,
                      std::set<int>* broken_partitions) {
  if (tool->pg() == nullptr) {
    std::printf(
        "  signed heads: not used on Kafka (the events topic is not writable through the "
        "database; see docs/tamper-evidence.md)\n");
    return true;
  }
  SealKey key;
  std::string source;
  Status s = ResolveAuditKey(config, /*create=*/false, &key, &source);
  if (!s.ok()) {
    std::printf(
        "  UNCHECKED signed heads: no audit key (%s): pass the writers' key with --audit-key-file "
        "or EDULEDGER_AUDIT_KEY; without it a truncated, deleted or re-chained partition cannot "
        "be told from an intact one\n",
        s.message().c_str());
    return false;
  }
  std::vector<int64_t> ends;
  std::vector<HeadSeal> seals;
  SealReport report;
  s = tool->stored().EndOffsets(&ends);  // before the seals: see CheckSeals
  if (s.ok()) s = tool->pg()->ReadSeals(&seals);
  if (s.ok()) s = CheckSeals(&tool->stored(), key, seals, ends, &report);
  if (!s.ok()) {
    std::printf("  UNCHECKED signed heads: %s\n", s.ToString().c_str());
    return false;
  }
  std::printf(
      "  signed heads: %d of %d partitions hold their signed head (key %s from %s; epoch %lld; "
      "newest seal %s; signed since %s)\n",
      report.verified, tool->stored().partition_count(), key.id().c_str(), source.c_str(),
      static_cast<long long>(report.epoch),
      report.verified > 0 ? FormatIso8601(report.newest_sealed).c_str() : "-",
      report.verified > 0 ? FormatIso8601(report.oldest_since).c_str() : "-");
  PrintSealFindings(report, partitions, "BROKEN", broken_partitions);
  return true;
}

int AuditVerify(ToolLog* tool, const Config& config, const Args& args) {
  ChainVerifyOptions options;
  options.contiguous_offsets = tool->contiguous_offsets();
  std::stringstream list(args.Get("partition"));
  for (std::string item; std::getline(list, item, ',');) {
    if (item.empty() || item.find_first_not_of("0123456789") != std::string::npos ||
        item.size() > 6) {
      std::fprintf(stderr,
                   "eduledger audit verify: --partition takes numbers separated by commas\n");
      return 2;
    }
    options.partitions.push_back(std::stoi(item));
  }
  const bool tty = isatty(STDERR_FILENO);
  options.progress = [tty](int64_t checked, int64_t total) {
    if (tty)
      std::fprintf(stderr, "\rverifying %s/%s events ", WithThousands(checked).c_str(),
                   WithThousands(total).c_str());
  };
  auto started = std::chrono::steady_clock::now();
  ChainReport report;
  Status s = VerifyChains(&tool->stored(), options, &report);
  if (tty) std::fprintf(stderr, "\r%60s\r", "");
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger audit verify: %s\n", s.ToString().c_str());
    return s.code() == Status::Code::kInvalidArgument ? 2 : 1;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf(
      "eduledger audit verify: %s, %zu partitions, %s events checked in %.2f s (%s events/s)\n",
      tool->description().c_str(), report.partitions.size(), WithThousands(report.events).c_str(),
      seconds,
      WithThousands(seconds > 0 ? static_cast<int64_t>(report.events / seconds) : 0).c_str());
  int broken = 0;
  std::set<int> broken_partitions;
  for (const PartitionVerdict& v : report.partitions) {
    if (v.first_break) {
      broken_partitions.insert(v.partition);
      std::printf("  BROKEN %s\n", DescribeFinding(*v.first_break).c_str());
    } else if (v.events == 0) {
      std::printf("  partition %d: empty\n", v.partition);
    } else {
      std::printf("  partition %d: %s events, chain intact, head at offset %lld: %s\n", v.partition,
                  WithThousands(v.events).c_str(), static_cast<long long>(v.last_offset),
                  v.head_hash.c_str());
    }
  }
  const bool heads_checked = CheckSignedHeads(tool, config, options.partitions, &broken_partitions);
  broken += static_cast<int>(broken_partitions.size());
  if (args.Has("expect-heads")) {
    s = CheckHeads(&tool->stored(), args.Get("expect-heads"), &broken);
    if (!s.ok()) {
      std::fprintf(stderr, "eduledger audit verify: %s\n", s.ToString().c_str());
      return 2;
    }
  }
  if (args.Has("heads-out")) {
    std::ofstream out(args.Get("heads-out"), std::ios::trunc);
    for (const PartitionVerdict& v : report.partitions) {
      if (!v.first_break && v.events > 0)
        out << v.partition << ' ' << v.last_offset << ' ' << v.head_hash << '\n';
    }
    if (!out) {
      std::fprintf(stderr, "eduledger audit verify: cannot write %s\n",
                   args.Get("heads-out").c_str());
      return 1;
    }
  }
  if (broken == 0 && heads_checked) {
    std::printf("result: every chain verifies%s\n",
                tool->pg() != nullptr ? " and every partition holds its signed head" : "");
    return 0;
  }
  if (broken > 0) {
    std::printf("result: %d partition(s) do not verify (the first break of each is listed)\n",
                broken);
  }
  if (!heads_checked) {
    std::printf("result: the signed heads were not checked, so removed events may go unnoticed\n");
  }
  return 1;
}

// Signs the current heads afresh once the chains verify.
int AuditSeal(ToolLog* tool, const Config& config) {
  if (tool->pg() == nullptr) {
    std::fprintf(stderr,
                 "eduledger audit seal: only the embedded PostgreSQL log has signed heads\n");
    return 2;
  }
  SealKey key;
  std::string source;
  Status s = ResolveAuditKey(config, /*create=*/false, &key, &source);
  if (!s.ok()) {
    std::fprintf(stderr,
                 "eduledger audit seal: no audit key: %s (sign with the key the writers use: "
                 "--audit-key-file or EDULEDGER_AUDIT_KEY)\n",
                 s.message().c_str());
    return 2;
  }
  ChainVerifyOptions options;
  ChainReport chains;
  s = VerifyChains(&tool->stored(), options, &chains);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger audit seal: %s\n", s.ToString().c_str());
    return 1;
  }
  if (!chains.intact()) {
    std::printf("eduledger audit seal: nothing signed: the chains do not verify\n");
    for (const PartitionVerdict& v : chains.partitions) {
      if (v.first_break) std::printf("  BROKEN %s\n", DescribeFinding(*v.first_break).c_str());
    }
    return 1;
  }
  std::vector<std::pair<int64_t, std::string>> heads;
  for (const PartitionVerdict& v : chains.partitions)
    heads.emplace_back(v.last_offset + 1, v.head_hash);
  std::vector<int64_t> ends;
  std::vector<HeadSeal> seals;
  SealReport before;
  s = tool->stored().EndOffsets(&ends);
  if (s.ok()) s = tool->pg()->ReadSeals(&seals);
  if (s.ok()) s = CheckSeals(&tool->stored(), key, seals, ends, &before);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger audit seal: %s\n", s.ToString().c_str());
    return 1;
  }
  PgEventLog::Options log_options;
  log_options.partitions = tool->stored().partition_count();
  log_options.writer_threads = 1;
  log_options.seal_key = key;
  log_options.seal_interval = std::chrono::milliseconds(0);
  std::unique_ptr<PgEventLog> signer;
  s = PgEventLog::Open(config.db, log_options, &signer);
  if (s.ok()) s = signer->SealCurrentHeads(heads);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger audit seal: %s\n", s.ToString().c_str());
    return 1;
  }
  std::printf(
      "eduledger audit seal: signed the heads of %zu partitions (%s events) with key %s from %s\n",
      heads.size(), WithThousands(chains.events).c_str(), key.id().c_str(), source.c_str());
  if (before.intact()) {
    std::printf("  the previous seals all held\n");
  } else {
    std::printf("  the previous seals said (now superseded):\n");
    PrintSealFindings(before, {}, "was", nullptr);
  }
  return 0;
}

}  // namespace

int RunAudit(int argc, char** argv) {
  const std::vector<OptionSpec> specs = {
      {"json", false, "audit stream: one envelope per line instead of the readable history", ""},
      {"raw", false, "audit stream: personal data as stored (sealed)", ""},
      {"partition", true, "audit verify: only these partitions, e.g. 0,3", ""},
      {"heads-out", true, "audit verify: write each intact partition's head here", ""},
      {"expect-heads", true, "audit verify: heads written earlier must still be in the log", ""},
  };
  Args args;
  Config config;
  if (auto code = ParseToolArgs("audit", kHelp, specs, argc, argv, 2, 2, &args, &config))
    return *code;
  const std::string what = args.positional().empty() ? "" : args.positional().front();
  if (what != "stream" && what != "verify" && what != "seal") {
    std::fprintf(stderr,
                 "eduledger audit: say what to audit: 'audit stream <stream-id>', 'audit "
                 "verify' or 'audit seal' (see eduledger audit --help)\n");
    return 2;
  }
  if (what != "stream" && args.positional().size() > 1) {
    std::fprintf(stderr, "eduledger audit %s: takes no argument (use --partition to choose)\n",
                 what.c_str());
    return 2;
  }
  std::unique_ptr<ToolLog> tool;
  Status s = ToolLog::Open(config, &tool);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger audit: %s\n", s.ToString().c_str());
    return 1;
  }
  if (what == "seal") return AuditSeal(tool.get(), config);
  return what == "stream" ? AuditStream(tool.get(), args) : AuditVerify(tool.get(), config, args);
}

}  // namespace edu
