// A description of a described struct's fields for humans and tools: the event catalog, the
// command list of the HTTP API. Derived from EDU_FIELDS, so it cannot drift from the code.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"

namespace edu {

struct FieldInfo {
  std::string name;
  std::string type;  // "uuid", "string", "integer", "money", "timestamp", "enum(a|b)", ...
  bool required = true;
  bool personal = false;  // personal data: encrypted per person on the log
};

namespace detail {
template <class T>
struct SchemaOptional : std::false_type {};
template <class T>
struct SchemaOptional<std::optional<T>> : std::true_type {};
template <class T>
struct SchemaVector : std::false_type {};
template <class T>
struct SchemaVector<std::vector<T>> : std::true_type {};
template <class T>
struct SchemaMap : std::false_type {};
template <class V>
struct SchemaMap<std::map<std::string, V>> : std::true_type {};
}  // namespace detail

template <class T>
std::string FieldTypeName() {
  if constexpr (std::is_same_v<T, bool>) {
    return "boolean";
  } else if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) {
    return "integer";
  } else if constexpr (std::is_same_v<T, double>) {
    return "number";
  } else if constexpr (std::is_same_v<T, std::string>) {
    return "string";
  } else if constexpr (std::is_same_v<T, Uuid>) {
    return "uuid";
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    return "timestamp";
  } else if constexpr (std::is_same_v<T, Date>) {
    return "date";
  } else if constexpr (std::is_same_v<T, Money>) {
    return "money";
  } else if constexpr (IsPersonal<T>::value) {
    return FieldTypeName<decltype(T::value)>();
  } else if constexpr (IsNamedEnum<T>::value) {
    std::string out = "enum(";
    const auto& names = EnumNames(T{});
    for (size_t i = 0; i < names.size(); ++i) out += (i ? "|" : "") + std::string(names[i]);
    return out + ")";
  } else if constexpr (detail::SchemaOptional<T>::value) {
    return FieldTypeName<typename T::value_type>();
  } else if constexpr (detail::SchemaVector<T>::value) {
    return "array<" + FieldTypeName<typename T::value_type>() + ">";
  } else if constexpr (detail::SchemaMap<T>::value) {
    return "map<string," + FieldTypeName<typename T::mapped_type>() + ">";
  } else {
    return "object";
  }
}

template <class T>
std::vector<FieldInfo> DescribeFields() {
  std::vector<FieldInfo> out;
  T sample{};
  sample.Describe([&](const char* name, const auto& field) {
    using F = std::decay_t<decltype(field)>;
    FieldInfo info;
    info.name = name;
    info.type = FieldTypeName<F>();
    info.required = !detail::SchemaOptional<F>::value && !detail::SchemaVector<F>::value &&
                    !detail::SchemaMap<F>::value;
    if constexpr (detail::SchemaOptional<F>::value) {
      info.personal = IsPersonal<typename F::value_type>::value;
    } else {
      info.personal = IsPersonal<F>::value;
    }
    out.push_back(std::move(info));
  });
  return out;
}

}  // namespace edu
