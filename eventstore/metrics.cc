#include "eventstore/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "eventstore/utf8.h"

namespace edu::metrics {
namespace {

// Prometheus floats: integers without a fraction, others in the shortest form that reads back.
std::string FormatNumber(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buffer[32];
  if (std::fabs(v) < 1e15 && v == std::floor(v)) {
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
    return buffer;
  }
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, v);
    if (std::strtod(buffer, nullptr) == v) break;
  }
  return buffer;
}

std::string LabelKey(const Labels& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += ",";
    out += labels[i].first + "=\"" + EscapeLabelValue(labels[i].second) + "\"";
  }
  return out + "}";
}

// {a="x"} plus le="0.5" -> {a="x",le="0.5"}
std::string WithLe(const std::string& key, const std::string& le) {
  if (key.empty()) return "{le=\"" + le + "\"}";
  return key.substr(0, key.size() - 1) + ",le=\"" + le + "\"}";
}

const char* TypeName(int type) {
  static const char* kNames[] = {"counter", "gauge", "histogram"};
  return kNames[type];
}

std::string Str(std::string_view s) { return std::string(s); }

}  // namespace

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size();) {
    size_t n = utf8::SequenceLength(value, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    char c = value[i];
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.append(value.substr(i, n));
    }
    i += n;
  }
  return out;
}

MetricsRegistry& MetricsRegistry::Global() {
  static MetricsRegistry* registry = new MetricsRegistry();  // alive until the last thread exits
  return *registry;
}

std::vector<double> MetricsRegistry::LatencyBuckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

MetricsRegistry::Family& MetricsRegistry::FamilyLocked(const std::string& name, Type type) {
  auto [it, inserted] = families_.try_emplace(name);
  if (inserted) {
    it->second.type = type;
    if (type == Type::kHistogram) it->second.buckets = LatencyBuckets();
  }
  return it->second;
}

void MetricsRegistry::DeclareCounter(const std::string& name, const std::string& help) {
  std::lock_guard<std::mutex> lock(mu_);
  FamilyLocked(name, Type::kCounter).help = help;
}

void MetricsRegistry::DeclareGauge(const std::string& name, const std::string& help) {
  std::lock_guard<std::mutex> lock(mu_);
  FamilyLocked(name, Type::kGauge).help = help;
}

void MetricsRegistry::DeclareHistogram(const std::string& name, const std::string& help,
                                       std::vector<double> buckets) {
  std::sort(buckets.begin(), buckets.end());
  std::lock_guard<std::mutex> lock(mu_);
  Family& f = FamilyLocked(name, Type::kHistogram);
  f.help = help;
  if (f.series.empty()) f.buckets = std::move(buckets);
}

void MetricsRegistry::Add(const std::string& name, const Labels& labels, double amount) {
  std::lock_guard<std::mutex> lock(mu_);
  FamilyLocked(name, Type::kCounter).series[LabelKey(labels)].value += amount;
}

void MetricsRegistry::Set(const std::string& name, const Labels& labels, double value) {
  std::lock_guard<std::mutex> lock(mu_);
  FamilyLocked(name, Type::kGauge).series[LabelKey(labels)].value = value;
}

void MetricsRegistry::Observe(const std::string& name, const Labels& labels, double value) {
  std::lock_guard<std::mutex> lock(mu_);
  Family& f = FamilyLocked(name, Type::kHistogram);
  Series& s = f.series[LabelKey(labels)];
  if (s.hits.empty()) s.hits.assign(f.buckets.size(), 0);
  s.value += value;
  ++s.count;
  auto bucket = std::lower_bound(f.buckets.begin(), f.buckets.end(), value);
  if (bucket != f.buckets.end()) ++s.hits[static_cast<size_t>(bucket - f.buckets.begin())];
}

void MetricsRegistry::ReplaceGauge(const std::string& name,
                                   const std::vector<std::pair<Labels, double>>& series) {
  std::lock_guard<std::mutex> lock(mu_);
  Family& f = FamilyLocked(name, Type::kGauge);
  f.series.clear();
  for (const auto& [labels, value] : series) f.series[LabelKey(labels)].value = value;
}

double MetricsRegistry::Value(const std::string& name, const Labels& labels) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto f = families_.find(name);
  if (f == families_.end()) return 0;
  auto s = f->second.series.find(LabelKey(labels));
  if (s == f->second.series.end()) return 0;
  return f->second.type == Type::kHistogram ? static_cast<double>(s->second.count)
                                            : s->second.value;
}

std::string MetricsRegistry::Render() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out;
  for (const auto& [name, f] : families_) {
    if (!f.help.empty()) {
      std::string help;
      for (char c : f.help) help += c == '\n' ? std::string("\\n") : std::string(1, c);
      out += "# HELP " + name + " " + help + "\n";
    }
    out += "# TYPE " + name + " " + TypeName(static_cast<int>(f.type)) + "\n";
    for (const auto& [key, s] : f.series) {
      if (f.type != Type::kHistogram) {
        out += name + key + " " + FormatNumber(s.value) + "\n";
        continue;
      }
      uint64_t cumulative = 0;
      for (size_t i = 0; i < f.buckets.size(); ++i) {
        cumulative += s.hits[i];
        out += name + "_bucket" + WithLe(key, FormatNumber(f.buckets[i])) + " " +
               std::to_string(cumulative) + "\n";
      }
      out += name + "_bucket" + WithLe(key, "+Inf") + " " + std::to_string(s.count) + "\n";
      out += name + "_sum" + key + " " + FormatNumber(s.value) + "\n";
      out += name + "_count" + key + " " + std::to_string(s.count) + "\n";
    }
  }
  return out;
}

// ---- eduledger's metrics
// -------------------------------------------------------------------------

namespace {

// Declares every metric once, so that a scrape shows each family (with its help) from the start.
MetricsRegistry& Declared() {
  static MetricsRegistry& r = []() -> MetricsRegistry& {
    MetricsRegistry& g = MetricsRegistry::Global();
    g.DeclareCounter("eduledger_commands_total",
                     "Commands answered, by command type, outcome (accepted, replayed, rejected) "
                     "and rejection code.");
    g.DeclareHistogram("eduledger_command_duration_seconds",
                       "Time from receiving a command to answering it, by command type.",
                       MetricsRegistry::LatencyBuckets());
    g.DeclareCounter("eduledger_http_requests_total",
                     "HTTP requests answered, by route template, method and status.");
    g.DeclareHistogram("eduledger_http_request_duration_seconds",
                       "Time to answer an HTTP request, by route template.",
                       MetricsRegistry::LatencyBuckets());
    g.DeclareCounter("eduledger_authentications_rejected_total",
                     "Requests refused 401: missing, malformed, forged or expired bearer tokens.");
    g.DeclareCounter("eduledger_rate_limited_requests_total",
                     "Requests refused 429 by a rate limit or an authentication lockout.");
    g.DeclareCounter("eduledger_connections_refused_total",
                     "Connections the HTTP server closed before serving a request, by reason.");
    g.DeclareHistogram("eduledger_log_group_commit_appends",
                       "Append requests committed together in one log transaction.",
                       {1, 2, 4, 8, 16, 32, 64, 128, 256, 512});
    g.DeclareCounter("eduledger_log_appended_events_total", "Events appended to the log.");
    g.DeclareCounter("eduledger_projection_stops_total",
                     "Times a projection or reaction stopped at an event it cannot process.");
    g.DeclareCounter("eduledger_log_lines_total", "Structured log lines written, by level.");
    return g;
  }();
  return r;
}

}  // namespace

void RecordCommand(std::string_view type, std::string_view outcome, std::string_view code,
                   double seconds) {
  MetricsRegistry& r = Declared();
  r.Add("eduledger_commands_total",
        {{"type", Str(type)}, {"outcome", Str(outcome)}, {"code", Str(code)}});
  r.Observe("eduledger_command_duration_seconds", {{"type", Str(type)}}, seconds);
}

void RecordHttpRequest(std::string_view route, std::string_view method, int status,
                       double seconds) {
  MetricsRegistry& r = Declared();
  r.Add("eduledger_http_requests_total",
        {{"route", Str(route)}, {"method", Str(method)}, {"status", std::to_string(status)}});
  r.Observe("eduledger_http_request_duration_seconds", {{"route", Str(route)}}, seconds);
}

void RecordAuthenticationRejected(std::string_view code) {
  Declared().Add("eduledger_authentications_rejected_total", {{"code", Str(code)}});
}

void RecordRateLimited(std::string_view route, std::string_view code) {
  Declared().Add("eduledger_rate_limited_requests_total",
                 {{"route", Str(route)}, {"code", Str(code)}});
}

void RecordConnectionRefused(std::string_view reason) {
  Declared().Add("eduledger_connections_refused_total", {{"reason", Str(reason)}});
}

void RecordGroupCommit(std::string_view backend, size_t appends, size_t events) {
  MetricsRegistry& r = Declared();
  r.Observe("eduledger_log_group_commit_appends", {{"backend", Str(backend)}},
            static_cast<double>(appends));
  r.Add("eduledger_log_appended_events_total", {{"backend", Str(backend)}},
        static_cast<double>(events));
}

void RecordComponentStopped(std::string_view kind, std::string_view name) {
  Declared().Add("eduledger_projection_stops_total", {{"kind", Str(kind)}, {"name", Str(name)}});
}

void RecordLogLine(std::string_view level) {
  Declared().Add("eduledger_log_lines_total", {{"level", Str(level)}});
}

}  // namespace edu::metrics
