// Equality and printing for described structs, so tests compare events field by field and print
// a readable difference when a specification fails.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "domain/core/describe.h"
#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"

namespace edu {

template <class T>
std::string DescribeToString(const T& value);

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
struct IsVariant : std::false_type {};
template <class... T>
struct IsVariant<std::variant<T...>> : std::true_type {};
template <class T>
struct IsMap : std::false_type {};
template <class K, class V>
struct IsMap<std::map<K, V>> : std::true_type {};

template <class T, class = void>
struct HasTypeName : std::false_type {};
template <class T>
struct HasTypeName<T, std::void_t<decltype(T::kType)>> : std::true_type {};

template <class T>
void Print(std::string& out, const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    out += v ? "true" : "false";
  } else if constexpr (std::is_integral_v<T>) {
    out += std::to_string(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    out += fmt::format("{}", v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    out += '"' + v + '"';
  } else if constexpr (std::is_same_v<T, Uuid>) {
    out += ToString(v);
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    out += FormatIso8601(v);
  } else if constexpr (std::is_same_v<T, Date>) {
    out += FormatDate(v);
  } else if constexpr (std::is_same_v<T, Money>) {
    out += FormatMoney(v);
  } else if constexpr (IsPersonal<T>::value) {
    if (v.erased) {
      out += "<erased>";
    } else {
      Print(out, v.value);
    }
  } else if constexpr (IsOptional<T>::value) {
    if (v) {
      Print(out, *v);
    } else {
      out += "null";
    }
  } else if constexpr (IsVector<T>::value) {
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      Print(out, v[i]);
    }
    out += ']';
  } else if constexpr (IsMap<T>::value) {
    out += '{';
    bool first = true;
    for (const auto& [k, val] : v) {
      if (!first) out += ", ";
      first = false;
      Print(out, k);
      out += ": ";
      Print(out, val);
    }
    out += '}';
  } else if constexpr (IsVariant<T>::value) {
    std::visit([&](const auto& alt) { out += DescribeToString(alt); }, v);
  } else if constexpr (IsNamedEnum<T>::value) {
    out += EnumName(v);
  } else {
    static_assert(IsDescribed<T>::value, "type has no EDU_FIELDS description");
    out += DescribeToString(v);
  }
}

template <class T>
bool Equal(const T& a, const T& b);

template <class T>
struct FieldCollector {
  std::vector<const void*>* ptrs;
  template <class F>
  void operator()(const char*, const F& f) {
    ptrs->push_back(&f);
  }
};

template <class T>
bool DescribedEqual(const T& a, const T& b) {
  bool equal = true;
  std::vector<const void*> b_fields;
  b.Describe(FieldCollector<T>{&b_fields});
  size_t i = 0;
  a.Describe([&](const char*, const auto& fa) {
    using F = std::decay_t<decltype(fa)>;
    if (equal && !Equal(fa, *static_cast<const F*>(b_fields[i]))) equal = false;
    ++i;
  });
  return equal;
}

template <class T>
bool Equal(const T& a, const T& b) {
  if constexpr (IsDescribed<T>::value) {
    return DescribedEqual(a, b);
  } else if constexpr (IsOptional<T>::value) {
    if (a.has_value() != b.has_value()) return false;
    return !a || Equal(*a, *b);
  } else if constexpr (IsVector<T>::value) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!Equal(a[i], b[i])) return false;
    }
    return true;
  } else if constexpr (IsVariant<T>::value) {
    if (a.index() != b.index()) return false;
    return std::visit(
        [&](const auto& x) { return Equal(x, std::get<std::decay_t<decltype(x)>>(b)); }, a);
  } else {
    return a == b;
  }
}

}  // namespace detail

template <class T>
std::string DescribeToString(const T& value) {
  if constexpr (IsDescribed<T>::value) {
    std::string out;
    if constexpr (detail::HasTypeName<T>::value) out += T::kType;
    out += '{';
    bool first = true;
    value.Describe([&](const char* name, const auto& field) {
      if (!first) out += ", ";
      first = false;
      out += name;
      out += ": ";
      detail::Print(out, field);
    });
    out += '}';
    return out;
  } else {
    std::string out;
    detail::Print(out, value);
    return out;
  }
}

template <class T>
bool DescribedEquals(const T& a, const T& b) {
  return detail::Equal(a, b);
}

}  // namespace edu
