// Declares a lifecycle machine's public pimpl class (see msm_machine.h for the definition side).
#pragma once

#include <memory>

#include "domain/core/machine.h"

// Inside a namespace: EDU_DECLARE_MACHINE(BookingMachine, BookingStatus, BookingTrigger)
//   status()      the current status
//   Fire(t)       applies trigger t; false (state unchanged) when t is not allowed now
//   Allows(t)     whether Fire(t) would succeed
//   Describe()    the transition table as written in the MSM rows
// Value semantics: copies are independent machines. Not thread-safe; aggregates own their copy.
#define EDU_DECLARE_MACHINE(ClassName, StatusEnum, TriggerEnum) \
  class ClassName {                                             \
   public:                                                      \
    ClassName();                                                \
    ClassName(const ClassName&);                                \
    ClassName& operator=(const ClassName&);                     \
    ClassName(ClassName&&) noexcept;                            \
    ClassName& operator=(ClassName&&) noexcept;                 \
    ~ClassName();                                               \
    StatusEnum status() const;                                  \
    bool Fire(TriggerEnum trigger);                             \
    bool Allows(TriggerEnum trigger) const;                     \
    static ::edu::MachineDescription Describe();                \
                                                                \
   private:                                                     \
    struct Impl;                                                \
    std::unique_ptr<Impl> impl_;                                \
  };
