// PeerLoop events recorded when a deadline of the scheduler is due (commands/scheduler.h, issue
// 12).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/core/describe.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"

namespace edu::peerloop {

// A pending summon expired unanswered after the policy's window (help_summons.status cancelled).
struct SummonExpired {
  static constexpr const char* kType = "SummonExpired";
  static constexpr int kSchemaVersion = 1;
  Uuid summon_id;
  Uuid student_id;
  Uuid course_id;
  std::optional<Timestamp> summoned_at;  // absent for a summon recorded before issue 12
  Timestamp expired_at;
  int32_t expires_after_minutes = 0;  // the policy's window
  std::string policy;
  EDU_FIELDS(summon_id, student_id, course_id, summoned_at, expired_at, expires_after_minutes,
             policy)
};

}  // namespace edu::peerloop
