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
#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "eventstore/status.h"

namespace edu::json {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

struct DecodeOptions {
  // Commands are strict (a typo is an error); events are read tolerantly (a newer writer's extra
  // field is ignored by an older reader).
  bool reject_unknown_fields = true;
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

Status TypeError(const std::string& path, const char* expected, const rapidjson::Value& got);
Status ValueError(const std::string& path, const std::string& what);

}  // namespace detail

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
                 T* out);

template <class T>
Status ReadObject(const rapidjson::Value& v, const std::string& path, const DecodeOptions& opt,
                  T* out) {
  if (!v.IsObject()) return detail::TypeError(path, "an object", v);
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
        status = Status::InvalidArgument(it == v.MemberEnd()
                                             ? "missing required field '" + field_path + "'"
                                             : "field '" + field_path + "' must not be null");
      }
      return;
    }
    status = ReadValue(it->value, field_path, opt, &field);
  });
  if (status.ok() && opt.reject_unknown_fields && known != v.MemberCount()) {
    // Name the first member the struct does not declare.
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      bool declared = false;
      std::string key(m->name.GetString(), m->name.GetStringLength());
      out->Describe([&](const char* name, auto&) { declared = declared || key == name; });
      if (!declared)
        return Status::InvalidArgument("unknown field '" + PathOf(path, key.c_str()) + "'");
    }
  }
  return status;
}

template <class T>
Status ReadValue(const rapidjson::Value& v, const std::string& path, const DecodeOptions& opt,
                 T* out) {
  using detail::TypeError;
  using detail::ValueError;
  if constexpr (std::is_same_v<T, bool>) {
    if (!v.IsBool()) return TypeError(path, "true or false", v);
    *out = v.GetBool();
  } else if constexpr (std::is_same_v<T, int32_t>) {
    if (!v.IsInt()) {
      return v.IsNumber() ? ValueError(path, "must be a whole number within 32-bit range")
                          : TypeError(path, "an integer", v);
    }
    *out = v.GetInt();
  } else if constexpr (std::is_same_v<T, int64_t>) {
    if (!v.IsInt64()) {
      return v.IsNumber() ? ValueError(path, "must be a whole number within 64-bit range")
                          : TypeError(path, "an integer", v);
    }
    *out = v.GetInt64();
  } else if constexpr (std::is_same_v<T, double>) {
    if (!v.IsNumber()) return TypeError(path, "a number", v);
    *out = v.GetDouble();
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!v.IsString()) return TypeError(path, "a string", v);
    out->assign(v.GetString(), v.GetStringLength());
  } else if constexpr (std::is_same_v<T, Uuid>) {
    if (!v.IsString()) return TypeError(path, "a UUID string", v);
    auto id = ParseUuid(std::string_view(v.GetString(), v.GetStringLength()));
    if (!id) {
      return ValueError(path, "'" + std::string(v.GetString()) +
                                  "' is not a UUID (8-4-4-4-12 hexadecimal digits)");
    }
    *out = *id;
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    if (!v.IsString()) return TypeError(path, "an RFC 3339 timestamp string", v);
    auto t = ParseIso8601(std::string_view(v.GetString(), v.GetStringLength()));
    if (!t) {
      return ValueError(path, "'" + std::string(v.GetString()) +
                                  "' is not an RFC 3339 timestamp with a zone, e.g. "
                                  "2026-11-22T09:30:00Z");
    }
    *out = *t;
  } else if constexpr (std::is_same_v<T, Date>) {
    if (!v.IsString()) return TypeError(path, "a date string", v);
    auto d = ParseDate(std::string_view(v.GetString(), v.GetStringLength()));
    if (!d)
      return ValueError(path, "'" + std::string(v.GetString()) + "' is not a date (YYYY-MM-DD)");
    *out = *d;
  } else if constexpr (std::is_same_v<T, Money>) {
    if (!v.IsObject()) return TypeError(path, "an object {\"minor\": ..., \"currency\": ...}", v);
    detail::MoneyWire wire;
    EDU_RETURN_IF_ERROR(ReadObject(v, path, DecodeOptions{true}, &wire));
    if (!MinorDigits(wire.currency)) {
      return ValueError(PathOf(path, "currency"),
                        "'" + wire.currency + "' is not a supported ISO 4217 currency");
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
      return ValueError(path,
                        "holds sealed personal data; read events through a PersonalDataLog "
                        "(eventstore/personal_data_log.h)");
    }
    out->erased = false;
    return ReadValue(v, path, opt, &out->value);
  } else if constexpr (IsNamedEnum<T>::value) {
    if (!v.IsString()) return TypeError(path, "a string", v);
    auto e = ParseEnum<T>(std::string_view(v.GetString(), v.GetStringLength()));
    if (!e) {
      return ValueError(path,
                        "'" + std::string(v.GetString()) + "' is not one of " + EnumChoices<T>());
    }
    *out = *e;
  } else if constexpr (detail::IsOptional<T>::value) {
    if (v.IsNull() && !IsPersonal<typename T::value_type>::value) {
      out->reset();
      return Status::OK();
    }
    typename T::value_type inner{};
    EDU_RETURN_IF_ERROR(ReadValue(v, path, opt, &inner));
    *out = std::move(inner);
  } else if constexpr (detail::IsVector<T>::value) {
    if (!v.IsArray()) return TypeError(path, "an array", v);
    out->clear();
    out->reserve(v.Size());
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
      typename T::value_type item{};
      EDU_RETURN_IF_ERROR(ReadValue(v[i], path + "[" + std::to_string(i) + "]", opt, &item));
      out->push_back(std::move(item));
    }
  } else if constexpr (detail::IsStringMap<T>::value) {
    if (!v.IsObject()) return TypeError(path, "an object", v);
    out->clear();
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      std::string key(m->name.GetString(), m->name.GetStringLength());
      typename T::mapped_type item{};
      EDU_RETURN_IF_ERROR(ReadValue(m->value, PathOf(path, key.c_str()), opt, &item));
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
