// The scheduler's PeerLoop summon deadlines (commands/scheduler.h).
#include <variant>

#include "commands/scheduler.h"
#include "commands/scheduler_internal.h"
#include "domain/core/variant_util.h"
#include "domain/peerloop/summon.h"
#include "eventstore/event_codec.h"

namespace edu {

namespace {
constexpr char kSummonExpiry[] = "peerloop.summon_expiry";
}  // namespace

// A summon nobody answers expires summon_expires_after after it was summoned; an answer, a
// completion, a cancellation or the expiry itself drops the deadline.
Status DeadlineBook::ApplyPeerloopSummons(const RecordedEvent& e) {
  using namespace peerloop;
  using Events = SummonDecider::Event;
  if (!HandlesEventType<Events>(e.type)) return Status::OK();
  Events event;
  EDU_RETURN_IF_ERROR(DecodeEvent(e, &event));
  const Uuid summon_id = std::visit([](const auto& s) { return s.summon_id; }, event);
  const auto* summoned = std::get_if<HelpSummoned>(&event);
  if (!summoned) {
    RemoveAbout(kSummonExpiry, SummonStream(summon_id));
    return Status::OK();
  }
  const Micros window = policies_->peerloop.summon_expires_after;
  if (window <= 0) return Status::OK();
  const Timestamp due = summoned->summoned_at.value_or(e.occurred_at) + window;
  Add(scheduler_internal::Make(kSummonExpiry, "peerloop", ExpireSummon{summon_id}, due));
  return Status::OK();
}

}  // namespace edu
