// eduledger audit: for auditors.
//   audit stream <stream-id>   the full history of one aggregate: who did what, when and why
//   audit verify               re-computes every partition's hash chain and names the first event
//                              that was edited, removed, reordered or inserted
#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "adapters/log_tools.h"
#include "adapters/subcommands.h"
#include "domain/core/stream.h"
#include "eventstore/chain_verifier.h"
#include "eventstore/envelope_codec.h"

namespace edu {
namespace {

constexpr const char* kHelp =
    "usage: eduledger audit stream <stream-id> [--json] [--raw]\n"
    "       eduledger audit verify [--partition 0,3] [--heads-out file] [--expect-heads file]\n"
    "       (plus --db <uri>, or --log kafka --kafka-bootstrap-servers ..., as for serve)\n\n"
    "audit stream prints the full history of one aggregate (e.g. mentorship.session-<uuid>): each\n"
    "event with its version, time, actor, command (causation) and correlation ids, request\n"
    "metadata (ip, user agent) and payload. Personal data is shown opened (erased where the\n"
    "person was forgotten); --raw shows it as stored. --json prints one envelope per line.\n\n"
    "audit verify re-computes every partition's hash chain from the stored events and names the\n"
    "first event per partition that was edited (content changed), removed (offset gap), reordered\n"
    "or inserted (previous-hash link broken). It prints each partition's head; --heads-out saves\n"
    "them and a later --expect-heads checks they are still in the log (a rewrite re-sealed from\n"
    "scratch is only detectable against heads recorded before it). Exit status 1 when anything\n"
    "does not verify.";

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

int AuditVerify(ToolLog* tool, const Args& args) {
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
  for (const PartitionVerdict& v : report.partitions) {
    if (v.first_break) {
      ++broken;
      std::printf("  BROKEN %s\n", DescribeFinding(*v.first_break).c_str());
    } else if (v.events == 0) {
      std::printf("  partition %d: empty\n", v.partition);
    } else {
      std::printf("  partition %d: %s events, chain intact, head at offset %lld: %s\n", v.partition,
                  WithThousands(v.events).c_str(), static_cast<long long>(v.last_offset),
                  v.head_hash.c_str());
    }
  }
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
  if (broken == 0) {
    std::printf("result: every chain verifies\n");
    return 0;
  }
  std::printf("result: %d partition(s) do not verify (the first break of each is listed)\n",
              broken);
  return 1;
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
  if (what != "stream" && what != "verify") {
    std::fprintf(stderr,
                 "eduledger audit: say what to audit: 'audit stream <stream-id>' or 'audit "
                 "verify' (see eduledger audit --help)\n");
    return 2;
  }
  if (what == "verify" && args.positional().size() > 1) {
    std::fprintf(stderr, "eduledger audit verify: takes no argument (use --partition to choose)\n");
    return 2;
  }
  std::unique_ptr<ToolLog> tool;
  Status s = ToolLog::Open(config, &tool);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger audit: %s\n", s.ToString().c_str());
    return 1;
  }
  return what == "stream" ? AuditStream(tool.get(), args) : AuditVerify(tool.get(), args);
}

}  // namespace edu
