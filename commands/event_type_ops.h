// What the registry knows about an event type beyond its field list, computed from the typed
// event so that tools holding only (marketplace, type, payload) can use it: the event's data
// subject (personal data is sealed with that person's key: docs/gdpr.md) and a sample payload
// (the event catalog applies projections to it to learn which tables the event feeds).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "eventstore/json_binding.h"
#include "eventstore/status.h"

namespace edu {

class EventTypeOps {
 public:
  virtual ~EventTypeOps() = default;
  // Whether the event names a data subject (declares `Uuid DataSubject() const`).
  virtual bool has_data_subject() const = 0;
  // The data subject named by a plaintext payload: InvalidArgument when it does not decode,
  // NotFound when the type names none.
  virtual Status DataSubjectOf(const std::string& payload, Uuid* subject) const = 0;
  // A payload with every field present and plausible (optional fields set, lists of one): it
  // decodes as the event.
  virtual std::string SamplePayload() const = 0;
};

namespace event_type_ops_detail {

template <class E, class = void>
struct HasDataSubject : std::false_type {};
template <class E>
struct HasDataSubject<E, std::void_t<decltype(std::declval<const E&>().DataSubject())>>
    : std::true_type {};

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};
template <class T>
struct IsMap : std::false_type {};
template <class V>
struct IsMap<std::map<std::string, V>> : std::true_type {};

template <class T>
T Sample(const std::string& name) {
  if constexpr (std::is_same_v<T, bool>) {
    return true;
  } else if constexpr (std::is_integral_v<T>) {
    return T{1};
  } else if constexpr (std::is_floating_point_v<T>) {
    return T{4.5};
  } else if constexpr (std::is_same_v<T, std::string>) {
    return "sample " + name;
  } else if constexpr (std::is_same_v<T, Uuid>) {
    return DeriveUuid(EduledgerNamespace(), "sample:" + name);
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    return Timestamp{1'767'225'600'000'000};  // 2026-01-01T00:00:00Z
  } else if constexpr (std::is_same_v<T, Date>) {
    return Date{2026, 1, 1};
  } else if constexpr (std::is_same_v<T, Money>) {
    return Money{100'000, "USD"};
  } else if constexpr (IsPersonal<T>::value) {
    return T(Sample<decltype(T::value)>(name));
  } else if constexpr (IsNamedEnum<T>::value) {
    return T{};
  } else if constexpr (IsOptional<T>::value) {
    return T(Sample<typename T::value_type>(name));
  } else if constexpr (IsVector<T>::value) {
    return T{Sample<typename T::value_type>(name)};
  } else if constexpr (IsMap<T>::value) {
    return T{{"key", Sample<typename T::mapped_type>(name)}};
  } else {
    static_assert(IsDescribed<T>::value, "no sample for this field type");
    T out{};
    out.Describe([&](const char* field, auto& value) {
      value = Sample<std::decay_t<decltype(value)>>(field);
    });
    return out;
  }
}

template <class E>
class TypedEventOps : public EventTypeOps {
 public:
  bool has_data_subject() const override { return HasDataSubject<E>::value; }
  Status DataSubjectOf(const std::string& payload, Uuid* subject) const override {
    if constexpr (HasDataSubject<E>::value) {
      E event{};
      EDU_RETURN_IF_ERROR(json::Decode(payload, &event, json::DecodeOptions{false}));
      *subject = event.DataSubject();
      return Status::OK();
    } else {
      return Status::NotFound(std::string(E::kType) + " names no data subject");
    }
  }
  std::string SamplePayload() const override { return json::Encode(Sample<E>("")); }
};

}  // namespace event_type_ops_detail

template <class E>
std::shared_ptr<const EventTypeOps> MakeEventTypeOps() {
  return std::make_shared<event_type_ops_detail::TypedEventOps<E>>();
}

}  // namespace edu
