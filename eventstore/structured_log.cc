#include "eventstore/structured_log.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>

#include "eventstore/metrics.h"
#include "eventstore/utf8.h"

namespace edu::logging {
namespace {

// Keys whose values are secrets or personal data, matched as whole words of the key
// ("refresh_token", "user_email"); "name" alone is personal, "projection" is not.
const char* const kSensitiveWords[] = {
    "token",   "password", "passwd", "secret",  "authorization", "cookie", "credential",
    "apikey",  "api_key",  "email",  "phone",   "mobile",        "name",   "first_name",
    "surname", "birth",    "dob",    "address", "body",          "bio",    "payload"};

// Keys that contain a sensitive word but name something else.
const char* const kAllowedKeys[] = {"projection_name", "command_name", "event_name"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsBase64Url(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

// A compact JWS anywhere in the text: "eyJ" (base64url of '{"') then base64url, '.', base64url.
bool HoldsJwt(std::string_view s) {
  for (size_t at = s.find("eyJ"); at != std::string_view::npos; at = s.find("eyJ", at + 1)) {
    size_t i = at;
    while (i < s.size() && IsBase64Url(s[i])) ++i;
    if (i + 1 < s.size() && s[i] == '.' && IsBase64Url(s[i + 1])) return true;
  }
  return false;
}

void AppendString(std::string* out, std::string_view s) {
  *out += '"';
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8::SequenceLength(s, i);
    if (n == 0) {
      *out += "\\ufffd";
      ++i;
      continue;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"') {
      *out += "\\\"";
    } else if (c == '\\') {
      *out += "\\\\";
    } else if (c == '\n') {
      *out += "\\n";
    } else if (c == '\r') {
      *out += "\\r";
    } else if (c == '\t') {
      *out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      *out += escaped;
    } else {
      out->append(s.substr(i, n));
    }
    i += n;
  }
  *out += '"';
}

// "postgresql://user:pw@host/db" -> "postgresql://user:[redacted]@host/db": a driver's message
// may quote a connection URI.
std::string WithoutUriPasswords(std::string_view text) {
  std::string out(text);
  for (size_t scheme = out.find("://"); scheme != std::string::npos;
       scheme = out.find("://", scheme + 3)) {
    const size_t start = scheme + 3;
    const size_t end = out.find_first_of("/ \t\n\"'?#", start);
    const size_t at = out.rfind('@', end == std::string::npos ? out.size() : end);
    if (at == std::string::npos || at < start) continue;
    const size_t colon = out.find(':', start);
    if (colon == std::string::npos || colon > at) continue;
    out.replace(colon + 1, at - colon - 1, "[redacted]");
  }
  return out;
}

void AppendText(std::string* out, std::string_view key, std::string_view value) {
  if (IsSensitiveKey(key) || HoldsJwt(value)) {
    AppendString(out, "[redacted]");
  } else {
    AppendString(out, WithoutUriPasswords(value));
  }
}

void AppendValue(std::string* out, const std::string& key, const Value& value) {
  if (const auto* s = std::get_if<std::string>(&value)) {
    AppendText(out, key, *s);
  } else if (IsSensitiveKey(key)) {
    AppendString(out, "[redacted]");
  } else if (const auto* i = std::get_if<int64_t>(&value)) {
    *out += std::to_string(*i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    if (!std::isfinite(*d)) {
      *out += "null";
    } else {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.17g", *d);
      *out += buffer;
    }
  } else if (const auto* b = std::get_if<bool>(&value)) {
    *out += *b ? "true" : "false";
  } else {
    const auto& object = std::get<Object>(value);
    *out += '{';
    for (size_t k = 0; k < object.size(); ++k) {
      if (k > 0) *out += ',';
      AppendString(out, object[k].first);
      *out += ':';
      AppendText(out, object[k].first, object[k].second);
    }
    *out += '}';
  }
}

std::string FormatTime(int64_t micros) {
  std::time_t seconds = static_cast<std::time_t>(micros / 1'000'000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<long long>(micros % 1'000'000));
  return buffer;
}

Level ThresholdFromEnvironment() {
  const char* v = std::getenv("EDULEDGER_LOG_LEVEL");
  std::string level = v == nullptr ? "" : Lower(v);
  if (level == "debug") return Level::kDebug;
  if (level == "warn" || level == "warning") return Level::kWarn;
  if (level == "error") return Level::kError;
  return Level::kInfo;
}

std::atomic<int>& Threshold() {
  static std::atomic<int> threshold{static_cast<int>(ThresholdFromEnvironment())};
  return threshold;
}

std::mutex& SinkMutex() {
  static std::mutex* mu = new std::mutex();
  return *mu;
}

std::function<void(const std::string&)>& Sink() {
  static auto* sink = new std::function<void(const std::string&)>();
  return *sink;
}

}  // namespace

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

bool IsSensitiveKey(std::string_view key) {
  const std::string k = Lower(key);
  for (const char* allowed : kAllowedKeys) {
    if (k == allowed) return false;
  }
  for (const char* word : kSensitiveWords) {
    const std::string_view w(word);
    for (size_t at = k.find(w); at != std::string::npos; at = k.find(w, at + 1)) {
      // A whole word of the key: bounded by the ends, '_', '-' or '.'.
      auto boundary = [&](size_t i) {
        return i >= k.size() || k[i] == '_' || k[i] == '-' || k[i] == '.';
      };
      bool starts = at == 0 || boundary(at - 1);
      if (starts && boundary(at + w.size())) return true;
    }
  }
  return false;
}

std::string FormatLine(int64_t micros, Level level, std::string_view event, const Fields& fields) {
  std::string out =
      "{\"ts\":\"" + FormatTime(micros) + "\",\"level\":\"" + LevelName(level) + "\",\"event\":";
  AppendString(&out, event);
  for (const auto& [key, value] : fields) {
    if (key == "ts" || key == "level" || key == "event") continue;  // never two of one key
    out += ',';
    AppendString(&out, key);
    out += ':';
    AppendValue(&out, key, value);
  }
  out += '}';
  return out;
}

bool Enabled(Level level) { return static_cast<int>(level) >= Threshold().load(); }

void SetThreshold(Level level) { Threshold() = static_cast<int>(level); }

void Log(Level level, std::string_view event, const Fields& fields) {
  if (!Enabled(level)) return;
  const int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  std::string line = FormatLine(micros, level, event, fields) + "\n";
  metrics::RecordLogLine(LevelName(level));
  std::lock_guard<std::mutex> lock(SinkMutex());
  if (Sink()) {
    Sink()(line);
  } else {
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
}

void SetSinkForTesting(std::function<void(const std::string&)> sink) {
  std::lock_guard<std::mutex> lock(SinkMutex());
  Sink() = std::move(sink);
}

}  // namespace edu::logging
