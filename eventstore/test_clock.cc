#include "eventstore/test_clock.h"

#include <rapidjson/document.h>

#include <cctype>
#include <utility>

namespace edu {

std::optional<Micros> ParseIsoDuration(std::string_view text) {
  if (text.size() < 3 || text[0] != 'P') return std::nullopt;
  Micros total = 0;
  bool in_time = false;
  bool any = false;
  size_t i = 1;
  while (i < text.size()) {
    if (text[i] == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++i;
      continue;
    }
    int64_t whole = 0;
    int64_t fraction = 0;  // microseconds
    size_t digits = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      if (whole > 1'000'000'000) return std::nullopt;
      whole = whole * 10 + (text[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0) return std::nullopt;
    bool has_fraction = false;
    if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
      has_fraction = true;
      ++i;
      int64_t scale = 100'000;
      size_t fraction_digits = 0;
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        fraction += (text[i] - '0') * scale;
        scale /= 10;
        ++i;
        ++fraction_digits;
      }
      if (fraction_digits == 0 || fraction_digits > 6) return std::nullopt;
    }
    if (i >= text.size()) return std::nullopt;
    const char unit = text[i++];
    Micros unit_micros = 0;
    if (!in_time && unit == 'W') unit_micros = Days(7);
    if (!in_time && unit == 'D') unit_micros = Days(1);
    if (in_time && unit == 'H') unit_micros = Hours(1);
    if (in_time && unit == 'M') unit_micros = Minutes(1);
    if (in_time && unit == 'S') unit_micros = Seconds(1);
    if (unit_micros == 0 || (has_fraction && unit != 'S')) return std::nullopt;
    total += whole * unit_micros + fraction;
    any = true;
  }
  if (!any || text.back() == 'T') return std::nullopt;
  return total;
}

TestClock::TestClock(ManualClock* clock, std::function<Status()> after_move)
    : clock_(clock), after_move_(std::move(after_move)) {}

void TestClock::SetAfterMove(std::function<Status()> after_move) {
  std::lock_guard<std::mutex> lock(mu_);
  after_move_ = std::move(after_move);
}

namespace {

Status Refuse(const RejectionCode& code, std::string message, TestClock::Refusal* refused) {
  if (refused) *refused = TestClock::Refusal{&code, message};
  return Status::InvalidArgument(std::string(code.code) + ": " + message);
}

}  // namespace

Status TestClock::MoveTo(Timestamp to, Refusal* refused) {
  std::lock_guard<std::mutex> lock(mu_);
  const Timestamp now = clock_->Now();
  if (to < now) {
    return Refuse(codes::kClockBackwards,
                  "the clock moves forward only; it is " + FormatIso8601(now) + ", asked for " +
                      FormatIso8601(to),
                  refused);
  }
  clock_->Set(to);
  return after_move_ ? after_move_() : Status::OK();
}

Status TestClock::Advance(Micros by, Refusal* refused) {
  if (by < 0) return Refuse(codes::kClockBackwards, "the clock moves forward only", refused);
  return MoveTo(Now() + by, refused);
}

Status TestClock::Apply(const std::string& body, Refusal* refused) {
  auto invalid = [&](std::string message) {
    return Refuse(codes::kInvalidClockRequest, std::move(message), refused);
  };
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return invalid("expected {\"advance\":\"PT24H\"} or {\"set\":\"<ISO time>\"}");
  }
  auto advance = doc.FindMember("advance");
  auto set = doc.FindMember("set");
  const bool has_advance = advance != doc.MemberEnd();
  const bool has_set = set != doc.MemberEnd();
  if (has_advance == has_set || doc.MemberCount() != 1) {
    return invalid(
        "send exactly one of 'advance' (an ISO 8601 duration) or 'set' (an ISO 8601 time)");
  }
  if (has_advance) {
    if (!advance->value.IsString()) {
      return invalid("'advance' must be a string");
    }
    auto by = ParseIsoDuration(advance->value.GetString());
    if (!by) {
      return invalid(std::string("'advance' is not an ISO 8601 duration of weeks, days, hours, "
                                 "minutes or seconds (PT24H, P2D): '") +
                     advance->value.GetString() + "'");
    }
    return Advance(*by, refused);
  }
  if (!set->value.IsString()) {
    return invalid("'set' must be a string");
  }
  auto to = ParseIso8601(set->value.GetString());
  if (!to) {
    return invalid(std::string("'set' is not an ISO 8601 time: '") + set->value.GetString() + "'");
  }
  return MoveTo(*to, refused);
}

}  // namespace edu
