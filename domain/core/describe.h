// Field description: one declaration per struct drives its JSON codec (eventstore/json_binding.h),
// equality and printing in tests (describe_ops.h), the event catalog and personal-data handling.
//
//   struct SessionBooked {
//     Uuid session_id;
//     int32_t duration_minutes = 0;
//     EDU_FIELDS(session_id, duration_minutes)
//   };
//
// EDU_FIELDS defines Describe(visitor), calling visitor("session_id", session_id) and so on in
// declaration order. Optional fields are std::optional<T>; every other field is required on input.
// EDU_LIMITS (domain/core/field_limits.h) narrows or widens a field's default input limits.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/preprocessor/seq/for_each.hpp>
#include <boost/preprocessor/stringize.hpp>
#include <boost/preprocessor/variadic/to_seq.hpp>

#include "domain/core/field_limits.h"  // EDU_LIMITS: per-field limits next to EDU_FIELDS

#define EDU_DETAIL_VISIT_FIELD(r, visitor, field) visitor(BOOST_PP_STRINGIZE(field), field);

#define EDU_FIELDS(...)                                          \
  template <class EduVisitor>                                    \
  void Describe(EduVisitor&& edu_visitor) {                      \
    BOOST_PP_SEQ_FOR_EACH(EDU_DETAIL_VISIT_FIELD, edu_visitor,   \
                          BOOST_PP_VARIADIC_TO_SEQ(__VA_ARGS__)) \
  }                                                              \
  template <class EduVisitor>                                    \
  void Describe(EduVisitor&& edu_visitor) const {                \
    BOOST_PP_SEQ_FOR_EACH(EDU_DETAIL_VISIT_FIELD, edu_visitor,   \
                          BOOST_PP_VARIADIC_TO_SEQ(__VA_ARGS__)) \
  }

#define EDU_DETAIL_ENUM_NAME(r, data, value) BOOST_PP_STRINGIZE(value),

// An enum whose enumerators are its wire names (snake_case, as the documents spell them):
//   EDU_ENUM(SessionStatus, confirmed, completed, cancelled)
// EnumName(SessionStatus::completed) == "completed"; ParseEnum<SessionStatus>("completed").
#define EDU_ENUM(Name, ...)                                                                     \
  enum class Name { __VA_ARGS__ };                                                              \
  inline const std::vector<std::string_view>& EnumNames(Name) {                                 \
    static const std::vector<std::string_view> names = {                                        \
        BOOST_PP_SEQ_FOR_EACH(EDU_DETAIL_ENUM_NAME, _, BOOST_PP_VARIADIC_TO_SEQ(__VA_ARGS__))}; \
    return names;                                                                               \
  }

namespace edu {

template <class T, class = void>
struct IsDescribed : std::false_type {};
template <class T>
struct IsDescribed<T, std::void_t<decltype(std::declval<const T&>().Describe(
                          std::declval<void (*&)(const char*, const int&)>()))>> : std::true_type {
};

template <class E, class = void>
struct IsNamedEnum : std::false_type {};
template <class E>
struct IsNamedEnum<E, std::void_t<decltype(EnumNames(std::declval<E>()))>> : std::is_enum<E> {};

template <class E>
std::string_view EnumName(E value) {
  const auto& names = EnumNames(value);
  auto i = static_cast<size_t>(value);
  return i < names.size() ? names[i] : std::string_view("?");
}

template <class E>
std::optional<E> ParseEnum(std::string_view text) {
  const auto& names = EnumNames(E{});
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

// "a, b or c": for error messages that list the accepted values.
template <class E>
std::string EnumChoices() {
  const auto& names = EnumNames(E{});
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += "'" + std::string(names[i]) + "'";
  }
  return out;
}

// Personal data about one person (name, email, phone, date of birth, address, free text about
// them). On the log it is encrypted with that person's own key; when the person is forgotten the
// key is destroyed and the value reads back as erased, while the history itself never changes.
// An event holding Personal fields names their owner with `Uuid DataSubject() const`.
template <class T>
struct Personal {
  T value{};
  bool erased = false;

  Personal() = default;
  Personal(T v) : value(std::move(v)) {}  // NOLINT: implicit on purpose, reads like a plain value
  bool operator==(const Personal& o) const { return value == o.value && erased == o.erased; }
  bool operator!=(const Personal& o) const { return !(*this == o); }
};

template <class T>
struct IsPersonal : std::false_type {};
template <class T>
struct IsPersonal<Personal<T>> : std::true_type {};

}  // namespace edu
