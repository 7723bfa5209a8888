// PeerLoop commands the scheduler issues when a deadline is due (commands/scheduler.h, issue 12).
#pragma once

#include <string>

#include "domain/core/describe.h"
#include "domain/core/uuid.h"
#include "domain/peerloop/types.h"

namespace edu::peerloop {

// A pending summon nobody answered within the policy's summon_expires_after (from HelpSummoned)
// expires (the scheduler, or an admin). help_summons.status becomes cancelled: the seed's status
// enum has no expired.
struct ExpireSummon {
  static constexpr const char* kType = "ExpireSummon";
  Uuid summon_id;
  EDU_FIELDS(summon_id)
  std::string stream_id() const { return SummonStream(summon_id); }
};

}  // namespace edu::peerloop
