#include "eventstore/json_binding.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include <fmt/format.h>
#include <rapidjson/error/en.h>

#include "eventstore/json_depth.h"

namespace edu::json {

Status ParseDocument(std::string_view text, rapidjson::Document* doc) {
  if (NestsDeeperThan(text, kMaxDecoderDepth)) {
    return Status::InvalidArgument("invalid JSON: nested deeper than " +
                                   std::to_string(kMaxDecoderDepth) + " levels");
  }
  // Parse(ptr, len): Kafka payloads and HTTP bodies are not NUL-terminated.
  doc->Parse(text.data(), text.size());
  if (doc->HasParseError()) {
    return Status::InvalidArgument("invalid JSON at offset " +
                                   std::to_string(doc->GetErrorOffset()) + ": " +
                                   rapidjson::GetParseError_En(doc->GetParseError()));
  }
  return Status::OK();
}

const char* JsonTypeName(const rapidjson::Value& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "a boolean";
    case rapidjson::kObjectType:
      return "an object";
    case rapidjson::kArrayType:
      return "an array";
    case rapidjson::kStringType:
      return "a string";
    case rapidjson::kNumberType:
      return v.IsInt64() || v.IsUint64() ? "an integer" : "a number";
  }
  return "?";
}

std::string PathOf(const std::string& parent, const char* field) {
  return parent.empty() ? std::string(field) : parent + "." + field;
}

namespace detail {
namespace {

std::string Where(const std::string& path) {
  return path.empty() ? "the document" : "field '" + path + "'";
}

// Length of the UTF-8 sequence starting at s[i] (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF), or 0 when it is not valid there.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // UTF-16 surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

int64_t Pow10(int n) {
  int64_t p = 1;
  for (int i = 0; i < n && p <= std::numeric_limits<int64_t>::max() / 10; ++i) p *= 10;
  return p;
}

}  // namespace

Status Problem(const DecodeOptions& opt, const std::string& path, const char* code,
               const std::string& message) {
  if (opt.issue != nullptr) *opt.issue = FieldIssue{code, path, message};
  return Status::InvalidArgument(message);
}

Status TypeError(const DecodeOptions& opt, const std::string& path, const char* expected,
                 const rapidjson::Value& got) {
  return Problem(opt, path, codes::kInvalidField.code,
                 Where(path) + ": expected " + expected + ", got " + JsonTypeName(got));
}

Status ValueError(const DecodeOptions& opt, const std::string& path, const std::string& what,
                  const char* code) {
  return Problem(opt, path, code, Where(path) + ": " + what);
}

std::string Shown(std::string_view text) {
  constexpr size_t kMaxShown = 80;
  std::string out;
  size_t i = 0;
  while (i < text.size() && out.size() < kMaxShown) {
    size_t n = Utf8SequenceLength(text, i);
    auto c = static_cast<unsigned char>(text[i]);
    if (n == 0 || c < 0x20 || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  if (i < text.size()) out += "...";
  return out;
}

Status CheckText(const DecodeOptions& opt, const std::string& path, std::string_view text,
                 int64_t max_length) {
  int64_t characters = 0;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\0') {
      return ValueError(opt, path,
                        "contains a NUL character (\\u0000) at byte " + std::to_string(i) +
                            "; text may not contain NUL",
                        codes::kContainsNul.code);
    }
    size_t n = Utf8SequenceLength(text, i);
    if (n == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[i]));
      return ValueError(
          opt, path,
          std::string("is not valid UTF-8 (byte ") + hex + " at offset " + std::to_string(i) + ")",
          codes::kInvalidUtf8.code);
    }
    i += n;
    ++characters;
  }
  if (max_length > 0 && characters > max_length) {
    return ValueError(opt, path,
                      "is " + std::to_string(characters) + " characters long; at most " +
                          std::to_string(max_length) + " fit",
                      codes::kTooLong.code);
  }
  return Status::OK();
}

Status CheckYear(const DecodeOptions& opt, const std::string& path, int year,
                 const std::string& shown) {
  if (year < kMinYear || year > kMaxYear) {
    return ValueError(opt, path,
                      shown + " is out of range: dates and times must fall within the years " +
                          std::to_string(kMinYear) + " to " + std::to_string(kMaxYear),
                      codes::kOutOfRange.code);
  }
  return Status::OK();
}

Status CheckMoney(const DecodeOptions& opt, const std::string& path, int64_t minor,
                  const std::string& currency, const FieldLimit* limit) {
  bool annotated = limit && limit->precision > 0;
  int precision = annotated ? limit->precision : kDefaultMoneyPrecision;
  int scale = annotated ? limit->scale : kDefaultMoneyScale;
  int digits = MinorDigits(currency).value_or(2);
  // NUMERIC(p,s) holds |amount| < 10^(p-s) major units, that is 10^(p-s+digits) minor units.
  int64_t bound = Pow10(precision - scale + digits) - 1;
  std::string holds = "NUMERIC(" + std::to_string(precision) + "," + std::to_string(scale) + ")";
  if (!annotated && kDefaultMoneyMaxMinor < bound) {
    bound = kDefaultMoneyMaxMinor;
    holds = "INTEGER minor units and " + holds;
  }
  if (minor < -bound || minor > bound) {
    return ValueError(opt, path,
                      std::to_string(minor) + " is out of range: " + currency +
                          " amounts must be within -" + FormatDecimal(bound, digits) + ".." +
                          FormatDecimal(bound, digits) + " (the read tables hold " + holds + ")",
                      codes::kOutOfRange.code);
  }
  return Status::OK();
}

Status CheckNumber(const DecodeOptions& opt, const std::string& path, double value,
                   const FieldLimit* limit) {
  if (!std::isfinite(value))
    return ValueError(opt, path, "must be a finite number", codes::kOutOfRange.code);
  if (limit && limit->precision > 0) {
    // PostgreSQL rounds to the scale first: 9.996 into NUMERIC(3,2) is 10.00, which overflows.
    double scaled = std::round(std::fabs(value) * static_cast<double>(Pow10(limit->scale)));
    if (scaled >= static_cast<double>(Pow10(limit->precision))) {
      return ValueError(opt, path,
                        fmt::format("{} is out of range: the read tables hold NUMERIC({},{})",
                                    value, limit->precision, limit->scale),
                        codes::kOutOfRange.code);
    }
  }
  if (limit && limit->has_range &&
      (value < static_cast<double>(limit->min) || value > static_cast<double>(limit->max))) {
    return ValueError(
        opt, path,
        fmt::format("{} is out of range: it must be within {}..{}", value, limit->min, limit->max),
        codes::kOutOfRange.code);
  }
  return Status::OK();
}

Status CheckInteger(const DecodeOptions& opt, const std::string& path, int64_t value,
                    const FieldLimit* limit) {
  if (limit && limit->has_range && (value < limit->min || value > limit->max)) {
    return ValueError(opt, path,
                      std::to_string(value) + " is out of range: it must be within " +
                          std::to_string(limit->min) + ".." + std::to_string(limit->max),
                      codes::kOutOfRange.code);
  }
  return Status::OK();
}

Status CheckItems(const DecodeOptions& opt, const std::string& path, size_t count,
                  const FieldLimit* limit) {
  int64_t max_items = limit && limit->max_items > 0 ? limit->max_items : kDefaultMaxItems;
  if (static_cast<int64_t>(count) > max_items) {
    return ValueError(opt, path,
                      "has " + std::to_string(count) + " elements; at most " +
                          std::to_string(max_items) + " are accepted",
                      codes::kTooManyItems.code);
  }
  return Status::OK();
}

}  // namespace detail

Status CheckText(std::string_view text, const std::string& path, int64_t max_length,
                 FieldIssue* issue) {
  DecodeOptions opt;
  opt.issue = issue;
  return detail::CheckText(opt, path, text, max_length);
}

std::string Stringify(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  v.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace edu::json
