// The text forms SqlWriter sends (projections/sql_writer.h): quoted literals and identifiers,
// each value's exact text (decimals, timestamps, arrays, doubles), COPY rows and joined
// statements.
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "projections/sql_writer_internal.h"

namespace edu {
namespace {

using sql_writer_internal::Overload;

std::string DoubleText(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof(buf), v);  // shortest text that round-trips
  return std::string(buf, result.ptr);
}

}  // namespace

std::string QuoteLiteralStandard(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

std::string QuoteIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string DecimalText(const Decimal& d) {
  bool negative = d.minor < 0;
  // Unsigned magnitude so that INT64_MIN has one.
  uint64_t magnitude =
      negative ? uint64_t(0) - static_cast<uint64_t>(d.minor) : static_cast<uint64_t>(d.minor);
  std::string digits = std::to_string(magnitude);
  if (d.digits <= 0) {
    if (magnitude != 0) digits.append(static_cast<size_t>(-d.digits), '0');
    return (negative ? "-" : "") + digits;
  }
  size_t scale = static_cast<size_t>(d.digits);
  if (digits.size() <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
  digits.insert(digits.size() - scale, ".");
  return (negative ? "-" : "") + digits;
}

std::string TimestampText(Timestamp t) {
  constexpr int64_t kMicrosPerDay = 86'400'000'000;
  int64_t days = t.micros / kMicrosPerDay;
  int64_t rest = t.micros % kMicrosPerDay;
  if (rest < 0) {  // floor, for instants before 1970
    rest += kMicrosPerDay;
    --days;
  }
  Date date = CivilFromDays(days);
  int64_t seconds = rest / 1'000'000;
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:06d}Z", date.year, date.month,
                     date.day, seconds / 3600, seconds / 60 % 60, seconds % 60, rest % 1'000'000);
}

std::string ArrayLiteralText(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::optional<std::string> ValueText(const SqlValue& value) {
  return std::visit(
      Overload{
          [](const Null&) -> std::optional<std::string> { return std::nullopt; },
          [](bool b) -> std::optional<std::string> { return b ? "true" : "false"; },
          [](int64_t i) -> std::optional<std::string> { return std::to_string(i); },
          [](double d) -> std::optional<std::string> { return DoubleText(d); },
          [](const std::string& s) -> std::optional<std::string> { return s; },
          [](const Uuid& u) -> std::optional<std::string> { return ToString(u); },
          [](const Timestamp& t) -> std::optional<std::string> { return TimestampText(t); },
          [](const Date& d) -> std::optional<std::string> { return FormatDate(d); },
          [](const Decimal& d) -> std::optional<std::string> { return DecimalText(d); },
          [](const Json& j) -> std::optional<std::string> { return j.text; },
          [](const std::vector<std::string>& a) -> std::optional<std::string> {
            return ArrayLiteralText(a);
          },
      },
      value);
}

std::string RenderLiteral(const SqlValue& value, const LiteralQuoter& quote) {
  auto text = ValueText(value);
  return text ? quote(*text) : "NULL";
}

std::string RenderValue(const SqlValue& value, const std::string& type,
                        const LiteralQuoter& quote) {
  return RenderLiteral(value, quote) + "::" + type;
}

std::string CopyText(const std::vector<std::vector<std::optional<std::string>>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out += '\t';
      if (!row[c]) {
        out += "\\N";
        continue;
      }
      for (char ch : *row[c]) {
        switch (ch) {
          case '\\':
            out += "\\\\";
            break;
          case '\n':
            out += "\\n";
            break;
          case '\r':
            out += "\\r";
            break;
          case '\t':
            out += "\\t";
            break;
          default:
            out += ch;
        }
      }
    }
    out += '\n';
  }
  return out;
}

std::string JoinStatements(const std::vector<RenderedStatement>& statements) {
  size_t size = 0;
  for (const auto& s : statements) size += s.sql.size() + 2;
  std::string out;
  out.reserve(size);
  for (const auto& s : statements) {
    out += s.sql;
    out += ";\n";
  }
  return out;
}

}  // namespace edu
