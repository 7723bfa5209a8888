// Typed events <-> (type, schema version, JSON payload). Deciders declare their events as a
// std::variant; these helpers walk its alternatives, so a new event type needs no codec code.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "eventstore/envelope.h"
#include "eventstore/json_binding.h"
#include "eventstore/upcasters.h"

namespace edu {

struct EncodedEvent {
  std::string type;
  int schema_version = 1;
  std::string payload;
};

template <class Variant>
EncodedEvent EncodeEvent(const Variant& event) {
  return std::visit(
      [](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        return EncodedEvent{E::kType, E::kSchemaVersion, json::Encode(e)};
      },
      event);
}

namespace detail {
template <class Variant, size_t... I>
bool HandlesEventTypeImpl(std::string_view type, std::index_sequence<I...>) {
  return ((type == std::variant_alternative_t<I, Variant>::kType) || ...);
}
}  // namespace detail

// Whether `type` is one of the variant's event types.
template <class Variant>
bool HandlesEventType(std::string_view type) {
  return detail::HandlesEventTypeImpl<Variant>(
      type, std::make_index_sequence<std::variant_size_v<Variant>>{});
}

namespace detail {

template <class Variant, size_t I = 0>
Status DecodeAlternative(const std::string& marketplace, std::string_view type, int version,
                         std::string payload, const Upcasters& upcasters, Variant* out) {
  if constexpr (I == std::variant_size_v<Variant>) {
    return Status::NotFound("unknown event type '" + std::string(type) + "'");
  } else {
    using E = std::variant_alternative_t<I, Variant>;
    if (type != E::kType) {
      return DecodeAlternative<Variant, I + 1>(marketplace, type, version, std::move(payload),
                                               upcasters, out);
    }
    EDU_RETURN_IF_ERROR(
        upcasters.Upcast(marketplace, std::string(type), version, E::kSchemaVersion, &payload));
    E event{};
    EDU_RETURN_IF_ERROR(json::Decode(payload, &event, json::DecodeOptions{false})
                            .Annotate(std::string(type) + " payload"));
    *out = std::move(event);
    return Status::OK();
  }
}

}  // namespace detail

// Decodes a recorded event into the variant. NotFound when the type is not one of its
// alternatives; Corruption/InvalidArgument when the payload does not decode.
template <class Variant>
Status DecodeEvent(const RecordedEvent& e, Variant* out,
                   const Upcasters& upcasters = Upcasters::Global()) {
  return detail::DecodeAlternative<Variant>(e.marketplace, e.type, e.schema_version, e.payload,
                                            upcasters, out);
}

}  // namespace edu
