// What a command field may hold, so that everything a command carries fits what the log and the
// read tables can hold. The JSON binding (eventstore/json_binding.h) checks every command field
// against defaults chosen by its C++ type, so a new field is checked without new code:
//
//   every string (also ids, enums, times, list items, map keys and values): valid UTF-8, no NUL
//   std::string            at most kDefaultMaxTextLength characters (VARCHAR(255))
//   Money                  fits the narrowest money columns: INTEGER cents (PeerLoop, Skillspring)
//                          and NUMERIC(10,2) (UHS): |minor| <= 2^31-1 and |amount| < 10^8
//   Timestamp, Date        years kMinYear..kMaxYear
//   std::vector, std::map  at most kDefaultMaxItems elements
//
// A struct overrides them, field by field, where the documented column is narrower or wider:
//
//   struct RegisterUser {
//     ...
//     EDU_FIELDS(user_id, email, timezone, bio, date_of_birth)
//     EDU_LIMITS(limit::VarChar("timezone", 64), limit::Text("bio"),
//                limit::DateText("date_of_birth"))
//   };
//
// Plain data, no JSON: the domain stays pure; the binding reads it.
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

namespace edu {

constexpr int64_t kDefaultMaxTextLength = 255;  // characters (code points), as VARCHAR counts
constexpr int64_t kLongTextMaxLength = 10'000;  // free text kept in TEXT columns
constexpr int64_t kDefaultMaxItems = 1'000;     // elements of a list or a map
constexpr int64_t kDefaultMoneyMaxMinor = 2'147'483'647;  // INTEGER cents: 21,474,836.47
constexpr int kDefaultMoneyPrecision = 10;                // NUMERIC(10,2): 99,999,999.99
constexpr int kDefaultMoneyScale = 2;
constexpr int kMinYear = 1900;  // timestamps and dates: a sane calendar range
constexpr int kMaxYear = 2200;

struct FieldLimit {
  enum class Format {
    kAny,
    kDate,  // a string that holds a YYYY-MM-DD date (checked for the year range too)
  };

  std::string_view field;  // the name in EDU_FIELDS; list items and map values share it
  int64_t max_length = 0;  // characters; 0 = kDefaultMaxTextLength
  int64_t max_items = 0;   // list or map elements; 0 = kDefaultMaxItems
  bool has_range = false;  // integers: min..max inclusive
  int64_t min = 0;
  int64_t max = 0;
  // NUMERIC(precision, scale) for money (major units; replaces both money defaults) and numbers.
  int precision = 0;
  int scale = 0;
  Format format = Format::kAny;

  constexpr FieldLimit Items(int64_t n) const {
    FieldLimit l = *this;
    l.max_items = n;
    return l;
  }
  constexpr FieldLimit Length(int64_t n) const {
    FieldLimit l = *this;
    l.max_length = n;
    return l;
  }
};

namespace limit {

// A VARCHAR(n) or CHAR(n) column.
constexpr FieldLimit VarChar(std::string_view field, int64_t n) {
  FieldLimit l;
  l.field = field;
  l.max_length = n;
  return l;
}
// Free text in a TEXT column (descriptions, notes, reasons, bios, posts).
constexpr FieldLimit Text(std::string_view field) { return VarChar(field, kLongTextMaxLength); }
// An integer column narrower than the field's type, or a range the column's CHECK documents.
constexpr FieldLimit Range(std::string_view field, int64_t min, int64_t max) {
  FieldLimit l;
  l.field = field;
  l.has_range = true;
  l.min = min;
  l.max = max;
  return l;
}
constexpr FieldLimit SmallInt(std::string_view field) {
  return Range(field, std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max());
}
// A NUMERIC(precision, scale) column: money (in major units) or a number.
constexpr FieldLimit Numeric(std::string_view field, int precision, int scale) {
  FieldLimit l;
  l.field = field;
  l.precision = precision;
  l.scale = scale;
  return l;
}
// A string that the read tables keep in a DATE column.
constexpr FieldLimit DateText(std::string_view field) {
  FieldLimit l = VarChar(field, 10);
  l.format = FieldLimit::Format::kDate;
  return l;
}
// A list (or map) with its own element count limit.
constexpr FieldLimit Items(std::string_view field, int64_t n) {
  FieldLimit l;
  l.field = field;
  l.max_items = n;
  return l;
}

}  // namespace limit
}  // namespace edu

// Declares a described struct's per-field limits (see above). Fields not named keep the defaults.
#define EDU_LIMITS(...)                                                       \
  static const ::edu::FieldLimit* EduFieldLimit(std::string_view edu_field) { \
    static constexpr ::edu::FieldLimit kEduLimits[] = {__VA_ARGS__};          \
    for (const ::edu::FieldLimit& l : kEduLimits) {                           \
      if (l.field == edu_field) return &l;                                    \
    }                                                                         \
    return nullptr;                                                           \
  }
