// Boost.MSM plumbing shared by every lifecycle machine. Include ONLY from a machine's own .cc file:
// one MSM machine costs ~6 s and ~1 GB to compile, so each lives in its own translation unit and
// its public header (e.g. domain/mentorship/booking_machine.h) is a small pimpl class.
//
// A machine's .cc defines a front end with states St<status> and events Ev<trigger>, then
// EDU_DEFINE_MACHINE(ClassName, Front, StatusEnum, TriggerEnum, "name").
#pragma once

// More than 20 transitions need the non-preprocessed MPL headers with larger limits, defined before
// the first Boost include of the translation unit.
#ifndef BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#endif
#ifndef BOOST_MPL_LIMIT_VECTOR_SIZE
#define BOOST_MPL_LIMIT_VECTOR_SIZE 50
#endif
#ifndef BOOST_MPL_LIMIT_MAP_SIZE
#define BOOST_MPL_LIMIT_MAP_SIZE 50
#endif

#include <memory>
#include <string>
#include <vector>

#include <boost/mpl/for_each.hpp>
#include <boost/mpl/vector.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>
#include <boost/type_traits/add_pointer.hpp>

#include "domain/core/describe.h"
#include "domain/core/machine.h"

namespace edu::machines {

namespace msmf = boost::msm::front;

// A state whose entry records its status in the front end, so status() needs no id lookups.
template <auto kStatusValue>
struct St : msmf::state<> {
  static constexpr auto kStatus = kStatusValue;
  template <class Event, class Fsm>
  void on_entry(const Event&, Fsm& fsm) {
    fsm.status = kStatusValue;
  }
};

template <auto kTriggerValue>
struct Ev {
  static constexpr auto kTrigger = kTriggerValue;
};

// Front-end base: remembers the current status and whether the last event found no transition.
template <class Derived, class Status>
struct FrontBase : msmf::state_machine_def<Derived> {
  Status status{};
  bool refused = false;
  template <class Fsm, class Event>
  void no_transition(const Event&, Fsm&, int) {
    refused = true;
  }
};

template <class Front, class Status, class Trigger>
class Engine {
 public:
  using Backend = boost::msm::back::state_machine<Front>;

  Engine() { backend_.start(); }

  Status status() const { return backend_.status; }

  // Fires the event of `trigger`. Returns false, leaving the state unchanged, when no transition
  // for it leaves the current state.
  bool Fire(Trigger trigger) {
    bool known = false;
    backend_.refused = false;
    boost::mpl::for_each<typename Front::transition_table, boost::add_pointer<boost::mpl::_1>>(
        [&](auto* row) {
          using Row = std::remove_pointer_t<decltype(row)>;
          using Event = typename Row::Evt;
          if (!known && Event::kTrigger == trigger) {
            known = true;
            backend_.process_event(Event{});
          }
        });
    return known && !backend_.refused;
  }

  bool Allows(Trigger trigger) const {
    Engine copy = *this;
    return copy.Fire(trigger);
  }

  static MachineDescription Describe(const char* name) {
    MachineDescription d;
    d.name = name;
    d.initial = std::string(EnumName(Front::initial_state::kStatus));
    boost::mpl::for_each<typename Front::transition_table, boost::add_pointer<boost::mpl::_1>>(
        [&](auto* row) {
          using Row = std::remove_pointer_t<decltype(row)>;
          d.transitions.push_back({std::string(EnumName(Row::Source::kStatus)),
                                   std::string(EnumName(Row::Evt::kTrigger)),
                                   std::string(EnumName(Row::Target::kStatus))});
        });
    return d;
  }

 private:
  Backend backend_;
};

}  // namespace edu::machines

// Defines the pimpl class declared by EDU_DECLARE_MACHINE in the machine's public header.
#define EDU_DEFINE_MACHINE(ClassName, Front, StatusEnum, TriggerEnum, NameLiteral)      \
  struct ClassName::Impl : ::edu::machines::Engine<Front, StatusEnum, TriggerEnum> {};  \
  ClassName::ClassName() : impl_(std::make_unique<Impl>()) {}                           \
  ClassName::ClassName(const ClassName& o) : impl_(std::make_unique<Impl>(*o.impl_)) {} \
  ClassName& ClassName::operator=(const ClassName& o) {                                 \
    if (this != &o) impl_ = std::make_unique<Impl>(*o.impl_);                           \
    return *this;                                                                       \
  }                                                                                     \
  ClassName::ClassName(ClassName&&) noexcept = default;                                 \
  ClassName& ClassName::operator=(ClassName&&) noexcept = default;                      \
  ClassName::~ClassName() = default;                                                    \
  StatusEnum ClassName::status() const { return impl_->status(); }                      \
  bool ClassName::Fire(TriggerEnum t) { return impl_->Fire(t); }                        \
  bool ClassName::Allows(TriggerEnum t) const { return impl_->Allows(t); }              \
  ::edu::MachineDescription ClassName::Describe() { return Impl::Describe(NameLiteral); }
