#include "projections/peerloop/feed_rows.h"

#include "projections/values.h"

namespace edu::peerloop_rows {

using namespace peerloop;

void OnFeed(const RecordedEvent&, const PostEdited& e, RowOps* ops) {
  ops->Update("posts", {{"id", e.post_id}}, {{"content", e.content}, {"updated_at", e.edited_at}});
}

void OnFeed(const RecordedEvent&, const PostPinned& e, RowOps* ops) {
  ops->Update("posts", {{"id", e.post_id}}, {{"is_pinned", e.is_pinned}});
}

void OnFeed(const RecordedEvent&, const PostInteracted& e, RowOps* ops) {
  ops->Insert("post_interactions", {{"id", e.interaction_id},
                                    {"post_id", e.post_id},
                                    {"user_id", e.user_id},
                                    {"type", EnumValue(e.type)},
                                    {"created_at", e.interacted_at}});
}

void OnFeed(const RecordedEvent&, const PostInteractionUndone& e, RowOps* ops) {
  ops->Delete("post_interactions", {{"id", e.interaction_id}});
}

void OnFeed(const RecordedEvent&, const PostFlagged& e, RowOps* ops) {
  ops->Insert("content_flags", {{"id", e.flag_id},
                                {"post_id", e.post_id},
                                {"flagged_by", e.flagged_by},
                                {"reason", e.reason},
                                {"status", EnumValue(FlagStatus::pending)},
                                {"created_at", e.flagged_at}});
}

void OnFeed(const RecordedEvent&, const PostModerated& e, RowOps* ops) {
  switch (e.action) {
    case ModerationAction::hide:
    case ModerationAction::restore:
    case ModerationAction::remove:
      ops->Update(
          "posts", {{"id", e.post_id}},
          {{"moderation_status", EnumValue(e.status_after)}, {"moderation_reason", e.reason}});
      break;
    case ModerationAction::review:
    case ModerationAction::dismiss:
      break;
  }
  if (!e.flag_status) return;
  for (const Uuid& flag : e.flag_ids) {
    ops->Update("content_flags", {{"id", flag}},
                {{"status", EnumValue(*e.flag_status)},
                 {"reviewed_by", e.moderator_id},
                 {"reviewed_at", e.moderated_at},
                 {"review_reason", e.reason}});
  }
}

}  // namespace edu::peerloop_rows
