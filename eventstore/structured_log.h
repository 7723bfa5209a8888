// Structured logs: one JSON object per line on stderr, for log shippers (Loki, Elastic, journald)
// and for `jq`:
//
//   {"ts":"2026-01-02T10:00:00.123456Z","level":"warn","event":"request_denied","status":403,
//    "who":{"actor":"0b7e...","role":"student","ip":"127.0.0.1"},
//    "what":{"method":"POST","route":"/v1/commands/{type}","command":"ApproveMentor"},
//    "why":{"code":"role_not_allowed","message":"role 'student' may not issue ..."}}
//
// Never secrets, never personal data: callers log ids, codes and server-written sentences, never
// a request body, a header value or a field value. As a second line of defence, a field whose key
// names a secret or a personal data field (token, password, secret, authorization, cookie, email,
// phone, name, date_of_birth, ...) is written as "[redacted]", and so is any value that holds a
// JWT. Text is escaped to valid JSON (control characters, invalid UTF-8 replaced).
//
// The level threshold comes from EDULEDGER_LOG_LEVEL (debug, info, warn, error; default info).
// Thread-safe: each line is written with one call under a mutex, so lines never interleave.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace edu::logging {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

const char* LevelName(Level level);

// A nested object: string values only ("who": {"actor": ..., "ip": ...}).
using Object = std::vector<std::pair<std::string, std::string>>;
using Value = std::variant<std::string, int64_t, double, bool, Object>;
using Fields = std::vector<std::pair<std::string, Value>>;

// One line, without the trailing newline: {"ts", "level", "event", ...fields in order}.
// `micros` is the time in microseconds since the Unix epoch.
std::string FormatLine(int64_t micros, Level level, std::string_view event, const Fields& fields);

// Whether a key names a secret or personal data (its value is then redacted).
bool IsSensitiveKey(std::string_view key);

// Writes one line to the sink (stderr by default) when `level` reaches the threshold.
void Log(Level level, std::string_view event, const Fields& fields = {});

bool Enabled(Level level);
void SetThreshold(Level level);

// Where lines go (tests capture them); nullptr restores stderr. Each call gets one line with its
// newline.
void SetSinkForTesting(std::function<void(const std::string&)> sink);

}  // namespace edu::logging
