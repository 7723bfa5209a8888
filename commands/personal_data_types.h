// The personal-data facts of every registered event type, for PersonalDataLog: which payload
// members to seal, how to read the data subject, and which type forgets its subject
// (privacy::PersonForgotten). Derived from the events' EDU_FIELDS, so it cannot drift.
#pragma once

#include "commands/registry.h"
#include "eventstore/personal_data_log.h"

namespace edu {

PersonalEventTypes PersonalEventTypesOf(const Registry& registry);

}  // namespace edu
