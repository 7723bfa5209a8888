// Conversions from domain values to column values, shared by every marketplace's projection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "projections/row_ops.h"

namespace edu {

// Personal data reads back as NULL once its owner has been forgotten.
inline SqlValue PersonalValue(const Personal<std::string>& v) {
  if (v.erased) return Null{};
  return v.value;
}
inline SqlValue PersonalValue(const std::optional<Personal<std::string>>& v) {
  if (!v) return Null{};
  return PersonalValue(*v);
}

template <class E>
SqlValue EnumValue(E e) {
  return std::string(EnumName(e));
}
template <class E>
SqlValue EnumValue(const std::optional<E>& e) {
  if (!e) return Null{};
  return std::string(EnumName(*e));
}
template <class E>
SqlValue EnumList(const std::vector<E>& values) {
  std::vector<std::string> out;
  for (E v : values) out.emplace_back(EnumName(v));
  return out;
}

// A user reference from an actor id: NULL for actors that are not users ("system:...").
SqlValue ActorUserValue(const std::string& actor_id);

inline SqlValue OptionalText(const std::optional<std::string>& v) {
  if (!v) return Null{};
  return *v;
}

}  // namespace edu
