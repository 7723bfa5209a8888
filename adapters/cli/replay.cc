// eduledger replay: the log as JSON lines for analytics (one envelope per line, EncodeEnvelope),
// with a resume position. The contract is in docs/replay.md and eventstore/log_replay.h.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "adapters/cli/log_tools.h"
#include "adapters/cli/subcommands.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/log_replay.h"

namespace edu {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void OnStopSignal(int) { g_stop = true; }

constexpr const char* kHelp =
    "usage: eduledger replay [--db <uri> | --log kafka ...] [selection] [--out file]\n\n"
    "Writes events as JSON lines (one envelope per line) to stdout or --out, then the totals and\n"
    "the position reached on stderr. Within a partition (and so a stream) events come in order;\n"
    "across partitions they are merged by recorded_at. A replay stopped by a signal, --max-events\n"
    "or a closed output prints its position; --from <position> with the same filters continues\n"
    "with no gap and no duplicate (docs/replay.md). Old schema versions come out in the current\n"
    "shape; personal data of forgotten people comes out as null. --raw writes the stored form\n"
    "instead (personal data sealed, stored schema versions: the hash chain verifies over it).";

std::set<std::string> ListOption(const Args& args, const std::string& name) {
  std::set<std::string> out;
  std::stringstream in(args.Get(name));
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.insert(item);
  }
  return out;
}

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  void Show(const ReplayProgress& p) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100) && p.read < p.total) return;
    last_ = now;
    double fraction = p.total > 0 ? std::min(1.0, static_cast<double>(p.read) / p.total) : 1.0;
    int filled = static_cast<int>(fraction * 30);
    std::fprintf(
        stderr, "\r%3d%% [%s%s] %s/%s events  %s events/s ", static_cast<int>(fraction * 100),
        std::string(static_cast<size_t>(filled), '#').c_str(),
        std::string(static_cast<size_t>(30 - filled), ' ').c_str(), WithThousands(p.read).c_str(),
        WithThousands(p.total).c_str(),
        WithThousands(p.seconds > 0 ? static_cast<int64_t>(p.read / p.seconds) : 0).c_str());
    drawn_ = true;
  }
  void Clear() {
    if (drawn_) std::fprintf(stderr, "\r%80s\r", "");
  }

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

int RunReplay(int argc, char** argv) {
  const std::vector<OptionSpec> specs = {
      {"partition", true, "partitions to read, e.g. 0,3 (default: all)", ""},
      {"from", true, "start: 'beginning' or a position printed by an earlier replay", "beginning"},
      {"from-offset", true, "start every selected partition at this offset", ""},
      {"since", true, "start at the first event recorded at or after this RFC 3339 time", ""},
      {"until", true, "end: 'now' (the log's end when the replay starts) or a position", "now"},
      {"type", true, "only these event types, e.g. SessionBooked,PaymentSplit", ""},
      {"marketplace", true, "only these marketplaces, e.g. mentorship", ""},
      {"stream", true, "only these streams: stream ids or categories (mentorship.session)", ""},
      {"out", true, "write the JSON lines here instead of stdout", ""},
      {"append", false, "append to --out instead of replacing it", ""},
      {"raw", false, "the stored form: sealed personal data, stored schema versions", ""},
      {"max-events", true, "stop after writing this many events (then print the position)", ""},
      {"position-file", true, "also write the final position to this file", ""},
      {"batch", true, "events read per partition at a time", "1000"},
      {"no-progress", false, "no progress bar (it is drawn only when stderr is a terminal)", ""},
  };
  Args args;
  Config config;
  if (auto code = ParseToolArgs("replay", kHelp, specs, argc, argv, 2, 0, &args, &config))
    return *code;
  auto fail = [](const std::string& message, int code) {
    std::fprintf(stderr, "eduledger replay: %s\n", message.c_str());
    return code;
  };

  ReplayOptions options;
  for (const std::string& p : ListOption(args, "partition")) {
    if (p.find_first_not_of("0123456789") != std::string::npos || p.size() > 6) {
      return fail("--partition takes partition numbers separated by commas, got '" + p + "'", 2);
    }
    options.partitions.push_back(std::stoi(p));
  }
  options.filter.types = ListOption(args, "type");
  options.filter.marketplaces = ListOption(args, "marketplace");
  options.filter.streams = ListOption(args, "stream");
  std::string error;
  auto number = [&](const char* name, int64_t* out) {
    if (!args.Has(name)) return true;
    auto v = args.GetInt(name, &error);
    if (!v || *v < 0) {
      if (error.empty()) error = std::string("--") + name + " must not be negative";
      return false;
    }
    *out = *v;
    return true;
  };
  int64_t batch = 1000;
  int64_t from_offset = -1;
  if (!number("max-events", &options.max_events) || !number("batch", &batch) ||
      !number("from-offset", &from_offset)) {
    return fail(error, 2);
  }
  if (batch < 1) return fail("--batch must be at least 1", 2);
  options.batch = static_cast<size_t>(batch);
  if (args.Has("since")) {
    auto t = ParseIso8601(args.Get("since"));
    if (!t)
      return fail("--since must be an RFC 3339 time such as 2026-11-02T00:00:00Z, got '" +
                      args.Get("since") + "'",
                  2);
    options.since = *t;
  }
  if (args.Has("from-offset") && args.Get("from") != "beginning") {
    return fail("--from and --from-offset both give the start; pass one", 2);
  }

  std::unique_ptr<ToolLog> tool;
  Status s = ToolLog::Open(config, &tool);
  if (!s.ok()) return fail(s.ToString(), 1);
  EventLog* log = &tool->stored();
  if (!args.Has("raw")) {
    s = tool->application(&log);
    if (!s.ok()) return fail(s.message(), 2);
    std::map<std::pair<std::string, std::string>, int> versions;
    for (const EventTypeInfo& e : tool->registry().EventTypes())
      versions[{e.marketplace, e.type}] = e.schema_version;
    options.current_version = [versions](const std::string& m, const std::string& t) {
      auto it = versions.find({m, t});
      return it == versions.end() ? 0 : it->second;
    };
  }
  const int partitions = log->partition_count();
  const std::string digest = ReplayDigest(options.filter, options.partitions.empty() ? [&] {
    std::vector<int> all;
    for (int p = 0; p < partitions; ++p) all.push_back(p);
    return all;
  }() : options.partitions);
  if (args.Get("from") != "beginning") {
    std::vector<int64_t> from;
    s = DecodeResumeToken(args.Get("from"), partitions, digest, &from);
    if (!s.ok()) return fail(s.message(), 2);
    options.from_offsets = from;
  } else if (from_offset >= 0) {
    options.from_offsets = std::vector<int64_t>(static_cast<size_t>(partitions), from_offset);
  }
  if (args.Get("until") != "now") {
    std::vector<int64_t> until;
    s = DecodeResumeToken(args.Get("until"), partitions, "", &until);
    if (!s.ok()) return fail("--until: " + s.message(), 2);
    for (int64_t& u : until) u = std::max<int64_t>(u, 0);
    options.until = until;
  }

  FILE* out = stdout;
  if (args.Has("out")) {
    out = std::fopen(args.Get("out").c_str(), args.Has("append") ? "ab" : "wb");
    if (out == nullptr) return fail("cannot open " + args.Get("out") + " for writing", 1);
  }
  static char buffer[1 << 16];
  std::setvbuf(out, buffer, _IOFBF, sizeof(buffer));
  signal(SIGPIPE, SIG_IGN);
  signal(SIGINT, OnStopSignal);
  signal(SIGTERM, OnStopSignal);
  options.should_stop = [] { return g_stop.load(); };

  ProgressBar bar(!args.Has("no-progress") && isatty(STDERR_FILENO));
  ReplayResult result;
  s = ReplayLog(
      log, options,
      [&](const RecordedEvent& e) {
        std::string line = EncodeEnvelope(e);
        line += '\n';
        if (std::fwrite(line.data(), 1, line.size(), out) != line.size()) {
          return Status::Unavailable("the output was closed");
        }
        return Status::OK();
      },
      [&](const ReplayProgress& p) { bar.Show(p); }, &result);
  bool flushed = std::fflush(out) == 0;
  if (out != stdout) flushed = std::fclose(out) == 0 && flushed;
  bar.Clear();
  const ReplayProgress& t = result.totals;
  std::fprintf(
      stderr, "eduledger replay: %s events written (%s read) from %s in %.2f s: %s events/s\n",
      WithThousands(t.emitted).c_str(), WithThousands(t.read).c_str(), tool->description().c_str(),
      t.seconds,
      WithThousands(t.seconds > 0 ? static_cast<int64_t>(t.read / t.seconds) : t.read).c_str());
  if (!result.resume_token.empty()) {
    std::fprintf(stderr, "position: %s%s\n", result.resume_token.c_str(),
                 result.complete ? " (the end; continue later with --from it)"
                                 : " (stopped early; continue with --from it)");
    if (args.Has("position-file")) {
      std::ofstream pos(args.Get("position-file"), std::ios::trunc);
      pos << result.resume_token << "\n";
      if (!pos) return fail("cannot write " + args.Get("position-file"), 1);
    }
  }
  if (!s.ok()) return fail(s.ToString(), 1);
  if (!flushed) return fail("writing the output failed", 1);
  if (g_stop) return 130;
  return 0;
}

}  // namespace edu
