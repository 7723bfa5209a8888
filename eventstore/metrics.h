// Process-wide metrics in the Prometheus text exposition format (version 0.0.4), served by
// GET /metrics (adapters/http/http_api.h). It lives in eventstore/, the lowest library with I/O, so
// that the log (group commits), the projectors, the command pipeline and the HTTP edge all record
// into one registry without depending on the adapters.
//
// Counters and histograms are recorded where things happen (the helpers at the end name every
// metric in one place); gauges that describe a current state (projection lag) are refreshed from
// their source at scrape time with ReplaceGauge, so a series that no longer exists disappears.
//
// Label values are arbitrary text (escaped when rendered); callers keep their number bounded:
// never an id, a raw URL or a client-chosen string (an unknown command type is "unknown").
//
// Thread-safe: one mutex; recording is a map lookup and an add.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace edu::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

class MetricsRegistry {
 public:
  // The registry every helper below records into, and GET /metrics renders.
  static MetricsRegistry& Global();

  // Declarations give HELP text and, for histograms, the bucket upper bounds (ascending; +Inf is
  // implied). Idempotent; recording into an undeclared name declares it (help empty, default
  // buckets).
  void DeclareCounter(const std::string& name, const std::string& help);
  void DeclareGauge(const std::string& name, const std::string& help);
  void DeclareHistogram(const std::string& name, const std::string& help,
                        std::vector<double> buckets);

  void Add(const std::string& name, const Labels& labels, double amount = 1);  // counter
  void Set(const std::string& name, const Labels& labels, double value);       // gauge
  void Observe(const std::string& name, const Labels& labels, double value);   // histogram
  // Replaces every series of a gauge at once (the current state of a set of things).
  void ReplaceGauge(const std::string& name, const std::vector<std::pair<Labels, double>>& series);

  // A counter's or gauge's value, or a histogram's count (0 when absent): for tests.
  double Value(const std::string& name, const Labels& labels) const;

  // Every family, sorted by name, series sorted by labels: "# HELP", "# TYPE", samples.
  std::string Render() const;

  // Seconds buckets from 1 ms to 10 s, for request and command latencies.
  static std::vector<double> LatencyBuckets();

 private:
  enum class Type { kCounter, kGauge, kHistogram };
  struct Series {
    double value = 0;            // counter, gauge; histogram: sum
    uint64_t count = 0;          // histogram
    std::vector<uint64_t> hits;  // histogram: per bucket (not cumulative)
  };
  struct Family {
    Type type = Type::kCounter;
    std::string help;
    std::vector<double> buckets;
    std::map<std::string, Series> series;  // by rendered label set: {a="x",b="y"}
  };

  Family& FamilyLocked(const std::string& name, Type type);

  mutable std::mutex mu_;
  std::map<std::string, Family> families_;
};

// Label text as Prometheus wants it inside quotes: \ " and newline escaped; invalid UTF-8 bytes
// replaced, so that a scrape always parses.
std::string EscapeLabelValue(std::string_view value);

// ---- the metrics of eduledger, recorded through these (names and labels in one place) ----------

// eduledger_commands_total{type, outcome, code} and eduledger_command_duration_seconds{type}.
// outcome: accepted | replayed | rejected; code: the rejection's code ("" when accepted).
void RecordCommand(std::string_view type, std::string_view outcome, std::string_view code,
                   double seconds);

// eduledger_http_requests_total{route, method, status} and
// eduledger_http_request_duration_seconds{route}. route is a template ("/v1/commands/{type}").
void RecordHttpRequest(std::string_view route, std::string_view method, int status, double seconds);

// eduledger_authentications_rejected_total{code}: no, malformed, forged or expired tokens.
void RecordAuthenticationRejected(std::string_view code);

// eduledger_rate_limited_requests_total{route, code}: requests answered 429 (code rate_limited or
// too_many_failed_authentications).
void RecordRateLimited(std::string_view route, std::string_view code);

// eduledger_connections_refused_total{reason}: connections the HTTP server turned away before
// reading a request (too many in total, too many from one address, header timeout).
void RecordConnectionRefused(std::string_view reason);

// eduledger_log_group_commit_appends{backend} (histogram): how many append requests one log
// transaction committed together, and eduledger_log_appended_events_total{backend}.
void RecordGroupCommit(std::string_view backend, size_t appends, size_t events);

// eduledger_projection_stops_total{kind, name}: a projection or reaction stopped at an event it
// cannot process (its current state is the eduledger_projection_state gauge).
void RecordComponentStopped(std::string_view kind, std::string_view name);

// eduledger_log_lines_total{level}: structured log lines written (eventstore/structured_log.h).
void RecordLogLine(std::string_view level);

}  // namespace edu::metrics
