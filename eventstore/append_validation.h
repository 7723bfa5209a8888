#pragma once

#include "eventstore/event_log.h"

namespace edu {

// Checks what every backend must refuse before touching storage: a stream id that is not
// "<category>-<uuid>", an event without id or type, a payload that is not a JSON object.
// Returns OK or InvalidArgument naming the offending event.
Status ValidateAppend(const AppendRequest& request);

}  // namespace edu
