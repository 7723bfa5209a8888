// Compile-time checks over event variants: a projection's list of the events it understands must
// include every event its marketplace's deciders can emit, so a new event cannot slip past it.
#pragma once

#include <type_traits>
#include <variant>

namespace edu {

template <class T, class Variant>
struct VariantHas;
template <class T, class... Ts>
struct VariantHas<T, std::variant<Ts...>> : std::disjunction<std::is_same<T, Ts>...> {};

template <class Sub, class Super>
struct VariantIncludes;
template <class... Ts, class Super>
struct VariantIncludes<std::variant<Ts...>, Super> : std::conjunction<VariantHas<Ts, Super>...> {};

}  // namespace edu
