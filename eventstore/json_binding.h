// JSON <-> described structs (EDU_FIELDS), with RapidJSON. Encoding writes fields in declaration
// order (a canonical form: the same value always gives the same bytes). Decoding reports the first
// problem precisely, naming the field path: "field 'hourly_rate.minor': expected an integer, got a
// string", "missing required field 'mentor_id'", "unknown field 'amout'".
//
// Supported field types: bool, int32_t, int64_t, double, std::string, Uuid, Timestamp (RFC 3339
// with zone), Date (YYYY-MM-DD), Money ({"minor": int, "currency": "INR"}), named enums (their
// wire names), Personal<std::string>, std::optional<T> (absent or null), std::vector<T> (absent =
// empty), std::map<std::string, T>, and nested described structs. A Personal field (optional or
// not) that is null reads as erased: its owner was forgotten (docs/gdpr.md).
//
// Commands are also checked against what the log and the read tables can hold (check_limits):
// every string valid UTF-8 without NUL, text lengths, money and number ranges, years 1900..2200,
// list sizes; defaults by type, overridden per field with EDU_LIMITS (domain/core/field_limits.h).
// The first problem is named with a stable code and the field's path (FieldIssue).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "domain/core/describe.h"
#include "domain/core/field_limits.h"
#include "domain/core/money.h"
#include "domain/core/rejection_codes.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "eventstore/status.h"

namespace edu::json {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// The first problem a decoding met, as a structured value: code is one of missing_field,
// unknown_field, duplicate_field, invalid_field, invalid_utf8, contains_nul, too_long,
// too_many_items, out_of_range; field is the path ("hourly_rate.minor", "languages[2]"); message
// the sentence (the same as the returned Status's). Readers branch on code, never on message.
struct FieldIssue {
  std::string code;
  std::string field;
  std::string message;
};
using DecodeError = FieldIssue;

struct DecodeOptions {
  // Commands are strict (a typo is an error); events are read tolerantly (a newer writer's extra
  // field is ignored by an older reader).
  bool reject_unknown_fields = true;
  // Commands only: check every field against the limits of domain/core/field_limits.h. Events
  // already on the log are read as they are.
  bool check_limits = false;
  // When set, receives the code and path of the problem a failed decoding reports.
  FieldIssue* issue = nullptr;
  // Top-level members that belong to an envelope around the struct, not to it (a command body's
  // "marketplace" and "expected_version"): neither decoded nor refused as unknown.
  std::vector<std::string_view> envelope_members = {};

  // What a command arriving from a client is decoded with.
  static DecodeOptions Command(FieldIssue* issue = nullptr) { return {true, true, issue}; }
};

// "invalid JSON at offset 17: Missing a comma or '}' after an object member."
Status ParseDocument(std::string_view text, rapidjson::Document* doc);
const char* JsonTypeName(const rapidjson::Value& v);
std::string PathOf(const std::string& parent, const char* field);

namespace detail {

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};
template <class T>
struct IsStringMap : std::false_type {};
template <class V>
struct IsStringMap<std::map<std::string, V>> : std::true_type {};

struct MoneyWire {
  int64_t minor = 0;
  std::string currency;
  EDU_FIELDS(minor, currency)
};

template <class T>
struct IsPersonalField : IsPersonal<T> {};
template <class T>
struct IsPersonalField<std::optional<T>> : IsPersonal<T> {};

template <class T, class = void>
struct HasFieldLimits : std::false_type {};
template <class T>
struct HasFieldLimits<T, std::void_t<decltype(T::EduFieldLimit(std::string_view()))>>
    : std::true_type {};

// The limit a described struct declares for one of its fields, or nullptr (the defaults).
template <class T>
const FieldLimit* LimitOf(const char* field) {
  if constexpr (HasFieldLimits<T>::value) {
    return T::EduFieldLimit(field);
  } else {
    return nullptr;
  }
}

// Records the problem in opt.issue (when asked) and returns it as InvalidArgument.
Status Problem(const DecodeOptions& opt, const std::string& path, const char* code,
               const std::string& message);
Status TypeError(const DecodeOptions& opt, const std::string& path, const char* expected,
                 const rapidjson::Value& got);
Status ValueError(const DecodeOptions& opt, const std::string& path, const std::string& what,
                  const char* code = codes::kInvalidField.code);

// A string value as it may appear in a message: invalid bytes and control characters escaped,
// long values cut, so that an error answer is always valid UTF-8 and short.
std::string Shown(std::string_view text);
inline std::string Shown(const rapidjson::Value& v) {
  return Shown(std::string_view(v.GetString(), v.GetStringLength()));
}

// Valid UTF-8 without NUL, at most max_length characters (0: no length check).
Status CheckText(const DecodeOptions& opt, const std::string& path, std::string_view text,
                 int64_t max_length);
// Years kMinYear..kMaxYear.
Status CheckYear(const DecodeOptions& opt, const std::string& path, int year,
                 const std::string& shown);
// |minor| / 10^digits fits NUMERIC(precision, scale).
Status CheckMoney(const DecodeOptions& opt, const std::string& path, int64_t minor,
                  const std::string& currency, const FieldLimit* limit);
Status CheckNumber(const DecodeOptions& opt, const std::string& path, double value,
                   const FieldLimit* limit);
Status CheckInteger(const DecodeOptions& opt, const std::string& path, int64_t value,
                    const FieldLimit* limit);
Status CheckItems(const DecodeOptions& opt, const std::string& path, size_t count,
                  const FieldLimit* limit);

}  // namespace detail

// Text a command carries outside its JSON fields (request metadata, for example), checked as a
// field would be: valid UTF-8, no NUL, at most max_length characters.
Status CheckText(std::string_view text, const std::string& path, int64_t max_length,
                 FieldIssue* issue = nullptr);

// ---- encoding ----------------------------------------------------------------------------------

template <class T>
void WriteValue(Writer& w, const T& v);

template <class T>
void WriteObject(Writer& w, const T& v) {
  w.StartObject();
  v.Describe([&](const char* name, const auto& field) {
    using F = std::decay_t<decltype(field)>;
    if constexpr (detail::IsOptional<F>::value) {
      if (!field) return;  // absent fields stay absent: smaller payloads, same meaning
    }
    w.Key(name);
    WriteValue(w, field);
  });
  w.EndObject();
}

template <class T>
void WriteValue(Writer& w, const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    w.Bool(v);
  } else if constexpr (std::is_same_v<T, int32_t>) {
    w.Int(v);
  } else if constexpr (std::is_same_v<T, int64_t>) {
    w.Int64(v);
  } else if constexpr (std::is_same_v<T, double>) {
    w.Double(v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  } else if constexpr (std::is_same_v<T, Uuid>) {
    std::string s = ToString(v);
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    std::string s = FormatIso8601(v);
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  } else if constexpr (std::is_same_v<T, Date>) {
    std::string s = FormatDate(v);
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  } else if constexpr (std::is_same_v<T, Money>) {
    w.StartObject();
    w.Key("minor");
    w.Int64(v.minor);
    w.Key("currency");
    w.String(v.currency.data(), static_cast<rapidjson::SizeType>(v.currency.size()));
    w.EndObject();
  } else if constexpr (IsPersonal<T>::value) {
    if (v.erased) {
      w.Null();
    } else {
      WriteValue(w, v.value);
    }
  } else if constexpr (IsNamedEnum<T>::value) {
    std::string_view s = EnumName(v);
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  } else if constexpr (detail::IsOptional<T>::value) {
    if (v) {
      WriteValue(w, *v);
    } else {
      w.Null();
    }
  } else if constexpr (detail::IsVector<T>::value) {
    w.StartArray();
    for (const auto& item : v) WriteValue(w, item);
    w.EndArray();
  } else if constexpr (detail::IsStringMap<T>::value) {
    w.StartObject();
    for (const auto& [k, item] : v) {
      w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
      WriteValue(w, item);
    }
    w.EndObject();
  } else {
    static_assert(IsDescribed<T>::value, "no JSON binding for this type");
    WriteObject(w, v);
  }
}

// The compact JSON of a described struct.
template <class T>
std::string Encode(const T& v) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  WriteValue(w, v);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// ---- decoding ----------------------------------------------------------------------------------

template <class T>
Status ReadValue(const rapidjson::Value& v, const std::string& path, const DecodeOptions& opt,
                 T* out, const FieldLimit* limit = nullptr);

template <class T>
Status ReadObject(const rapidjson::Value& v, const std::string& path, const DecodeOptions& opt,
                  T* out) {
  if (!v.IsObject()) return detail::TypeError(opt, path, "an object", v);
  Status status;
  size_t known = 0;
  out->Describe([&](const char* name, auto& field) {
    if (!status.ok()) return;
    using F = std::decay_t<decltype(field)>;
    std::string field_path = PathOf(path, name);
    auto it = v.FindMember(name);
    if (it != v.MemberEnd()) ++known;
    // A null Personal field is erased personal data (docs/gdpr.md), read as Personal{erased}.
    bool absent = it == v.MemberEnd() || (it->value.IsNull() && !detail::IsPersonalField<F>::value);
    if (absent) {
      if constexpr (detail::IsOptional<F>::value) {
        field.reset();
      } else if constexpr (detail::IsVector<F>::value || detail::IsStringMap<F>::value) {
        field.clear();
      } else {
        status =
            detail::Problem(opt, field_path, codes::kMissingField.code,
                            it == v.MemberEnd() ? "missing required field '" + field_path + "'"
                                                : "field '" + field_path + "' must not be null");
      }
      return;
    }
    status = ReadValue(it->value, field_path, opt, &field, detail::LimitOf<T>(name));
  });
  auto in_envelope = [&](const rapidjson::Value& name) {
    if (!path.empty()) return false;
    std::string_view key(name.GetString(), name.GetStringLength());
    for (std::string_view e : opt.envelope_members) {
      if (e == key) return true;
    }
    return false;
  };
  for (auto m = v.MemberBegin(); m != v.MemberEnd() && !opt.envelope_members.empty(); ++m) {
    if (!in_envelope(m->name)) continue;
    bool repeated = false;  // counted once, so that a repeated envelope member is refused below
    for (auto earlier = v.MemberBegin(); earlier != m; ++earlier) {
      repeated = repeated || earlier->name == m->name;
    }
    if (!repeated) ++known;
  }
  if (status.ok() && opt.reject_unknown_fields && known != v.MemberCount()) {
    // Name the first member the struct does not declare, or else the first one given twice
    // (which of two values would count is not for the decoder to guess).
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      bool declared = false;
      std::string key(m->name.GetString(), m->name.GetStringLength());
      out->Describe([&](const char* name, auto&) { declared = declared || key == name; });
      declared = declared || in_envelope(m->name);
      std::string key_path = PathOf(path, detail::Shown(key).c_str());
      if (!declared) {
        return detail::Problem(opt, key_path, codes::kUnknownField.code,
                               "unknown field '" + key_path + "'");
      }
      for (auto earlier = v.MemberBegin(); earlier != m; ++earlier) {
        if (earlier->name == m->name) {
          return detail::Problem(opt, key_path, codes::kDuplicateField.code,
                                 "field '" + key_path + "' is given more than once");
        }
      }
    }
  }
  return status;
}

template <class T>
Status ReadValue(const rapidjson::Value& v, const std::string& path, const DecodeOptions& opt,
                 T* out, const FieldLimit* limit) {
  using detail::TypeError;
  using detail::ValueError;
  // Every string a command carries, whatever it becomes (text, id, time, enum), must be text the
  // log and the read tables can hold: PostgreSQL refuses invalid UTF-8 and NUL in text.
  if (opt.check_limits && v.IsString() && !IsPersonal<T>::value && !detail::IsOptional<T>::value) {
    int64_t max_length = 0;
    if constexpr (std::is_same_v<T, std::string>) {
      max_length = limit && limit->max_length > 0 ? limit->max_length : kDefaultMaxTextLength;
    }
    EDU_RETURN_IF_ERROR(detail::CheckText(
        opt, path, std::string_view(v.GetString(), v.GetStringLength()), max_length));
  }
  if constexpr (std::is_same_v<T, bool>) {
    if (!v.IsBool()) return TypeError(opt, path, "true or false", v);
    *out = v.GetBool();
  } else if constexpr (std::is_same_v<T, int32_t>) {
    if (!v.IsInt()) {
      return v.IsNumber() ? ValueError(opt, path, "must be a whole number within 32-bit range",
                                       v.IsInt64() || v.IsUint64() ? codes::kOutOfRange.code
                                                                   : codes::kInvalidField.code)
                          : TypeError(opt, path, "an integer", v);
    }
    *out = v.GetInt();
    if (opt.check_limits) EDU_RETURN_IF_ERROR(detail::CheckInteger(opt, path, *out, limit));
  } else if constexpr (std::is_same_v<T, int64_t>) {
    if (!v.IsInt64()) {
      return v.IsNumber()
                 ? ValueError(opt, path, "must be a whole number within 64-bit range",
                              v.IsUint64() ? codes::kOutOfRange.code : codes::kInvalidField.code)
                 : TypeError(opt, path, "an integer", v);
    }
    *out = v.GetInt64();
    if (opt.check_limits) EDU_RETURN_IF_ERROR(detail::CheckInteger(opt, path, *out, limit));
  } else if constexpr (std::is_same_v<T, double>) {
    if (!v.IsNumber()) return TypeError(opt, path, "a number", v);
    *out = v.GetDouble();
    if (opt.check_limits) EDU_RETURN_IF_ERROR(detail::CheckNumber(opt, path, *out, limit));
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!v.IsString()) return TypeError(opt, path, "a string", v);
    out->assign(v.GetString(), v.GetStringLength());
    if (opt.check_limits && limit && limit->format == FieldLimit::Format::kDate) {
      auto d = ParseDate(*out);
      if (!d) return ValueError(opt, path, "'" + detail::Shown(v) + "' is not a date (YYYY-MM-DD)");
      EDU_RETURN_IF_ERROR(detail::CheckYear(opt, path, d->year, *out));
    }
  } else if constexpr (std::is_same_v<T, Uuid>) {
    if (!v.IsString()) return TypeError(opt, path, "a UUID string", v);
    auto id = ParseUuid(std::string_view(v.GetString(), v.GetStringLength()));
    if (!id) {
      return ValueError(opt, path,
                        "'" + detail::Shown(v) + "' is not a UUID (8-4-4-4-12 hexadecimal digits)");
    }
    *out = *id;
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    if (!v.IsString()) return TypeError(opt, path, "an RFC 3339 timestamp string", v);
    auto t = ParseIso8601(std::string_view(v.GetString(), v.GetStringLength()));
    if (!t) {
      return ValueError(opt, path,
                        "'" + detail::Shown(v) +
                            "' is not an RFC 3339 timestamp with a zone, e.g. "
                            "2026-11-22T09:30:00Z");
    }
    if (opt.check_limits) {
      EDU_RETURN_IF_ERROR(detail::CheckYear(opt, path, DateOf(*t).year, detail::Shown(v)));
    }
    *out = *t;
  } else if constexpr (std::is_same_v<T, Date>) {
    if (!v.IsString()) return TypeError(opt, path, "a date string", v);
    auto d = ParseDate(std::string_view(v.GetString(), v.GetStringLength()));
    if (!d) return ValueError(opt, path, "'" + detail::Shown(v) + "' is not a date (YYYY-MM-DD)");
    if (opt.check_limits)
      EDU_RETURN_IF_ERROR(detail::CheckYear(opt, path, d->year, FormatDate(*d)));
    *out = *d;
  } else if constexpr (std::is_same_v<T, Money>) {
    if (!v.IsObject()) {
      return TypeError(opt, path, "an object {\"minor\": ..., \"currency\": ...}", v);
    }
    detail::MoneyWire wire;
    DecodeOptions strict = opt;
    strict.reject_unknown_fields = true;
    EDU_RETURN_IF_ERROR(ReadObject(v, path, strict, &wire));
    if (!MinorDigits(wire.currency)) {
      return ValueError(
          opt, PathOf(path, "currency"),
          "'" + detail::Shown(wire.currency) + "' is not a supported ISO 4217 currency");
    }
    if (opt.check_limits) {
      EDU_RETURN_IF_ERROR(
          detail::CheckMoney(opt, PathOf(path, "minor"), wire.minor, wire.currency, limit));
    }
    out->minor = wire.minor;
    out->currency = wire.currency;
  } else if constexpr (IsPersonal<T>::value) {
    if (v.IsNull()) {  // its owner was forgotten: the value is gone, the event still decodes
      *out = T{};
      out->erased = true;
      return Status::OK();
    }
    if (v.IsObject() && v.HasMember("pii")) {
      return ValueError(opt, path,
                        "holds sealed personal data; read events through a PersonalDataLog "
                        "(eventstore/personal_data_log.h)");
    }
    out->erased = false;
    return ReadValue(v, path, opt, &out->value, limit);
  } else if constexpr (IsNamedEnum<T>::value) {
    if (!v.IsString()) return TypeError(opt, path, "a string", v);
    auto e = ParseEnum<T>(std::string_view(v.GetString(), v.GetStringLength()));
    if (!e) {
      return ValueError(opt, path, "'" + detail::Shown(v) + "' is not one of " + EnumChoices<T>());
    }
    *out = *e;
  } else if constexpr (detail::IsOptional<T>::value) {
    if (v.IsNull() && !IsPersonal<typename T::value_type>::value) {
      out->reset();
      return Status::OK();
    }
    typename T::value_type inner{};
    EDU_RETURN_IF_ERROR(ReadValue(v, path, opt, &inner, limit));
    *out = std::move(inner);
  } else if constexpr (detail::IsVector<T>::value) {
    if (!v.IsArray()) return TypeError(opt, path, "an array", v);
    if (opt.check_limits) EDU_RETURN_IF_ERROR(detail::CheckItems(opt, path, v.Size(), limit));
    out->clear();
    out->reserve(v.Size());
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
      typename T::value_type item{};
      EDU_RETURN_IF_ERROR(ReadValue(v[i], path + "[" + std::to_string(i) + "]", opt, &item, limit));
      out->push_back(std::move(item));
    }
  } else if constexpr (detail::IsStringMap<T>::value) {
    if (!v.IsObject()) return TypeError(opt, path, "an object", v);
    if (opt.check_limits)
      EDU_RETURN_IF_ERROR(detail::CheckItems(opt, path, v.MemberCount(), limit));
    out->clear();
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      std::string key(m->name.GetString(), m->name.GetStringLength());
      if (opt.check_limits) {
        EDU_RETURN_IF_ERROR(
            detail::CheckText(opt, PathOf(path, "(key)"), key, kDefaultMaxTextLength));
      }
      typename T::mapped_type item{};
      EDU_RETURN_IF_ERROR(ReadValue(m->value, PathOf(path, key.c_str()), opt, &item, limit));
      (*out)[key] = std::move(item);
    }
  } else {
    static_assert(IsDescribed<T>::value, "no JSON binding for this type");
    return ReadObject(v, path, opt, out);
  }
  return Status::OK();
}

// Decodes a JSON object into a described struct. InvalidArgument names the first problem.
template <class T>
Status Decode(std::string_view text, T* out, DecodeOptions opt = {}) {
  rapidjson::Document doc;
  EDU_RETURN_IF_ERROR(ParseDocument(text, &doc));
  return ReadValue(doc, "", opt, out);
}

// Same, from an already parsed value.
template <class T>
Status DecodeValue(const rapidjson::Value& v, T* out, DecodeOptions opt = {}) {
  return ReadValue(v, "", opt, out);
}

// Serialises a RapidJSON value compactly.
std::string Stringify(const rapidjson::Value& v);

}  // namespace edu::json
