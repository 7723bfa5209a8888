// The PeerLoop feed rows beyond a post's creation (CD-013): posts.content/updated_at (edits),
// posts.is_pinned, post_interactions, content_flags and the moderation columns added to posts
// (moderation_status, moderation_reason) and content_flags (review_reason). Every event here
// belongs to the post's stream, so its rows are written in order. The PeerLoop projection
// hands these events here.
#pragma once

#include "domain/peerloop/events_feed.h"
#include "eventstore/envelope.h"
#include "projections/row_ops.h"

namespace edu::peerloop_rows {

void OnFeed(const RecordedEvent& r, const peerloop::PostEdited& e, RowOps* ops);
void OnFeed(const RecordedEvent& r, const peerloop::PostPinned& e, RowOps* ops);
void OnFeed(const RecordedEvent& r, const peerloop::PostInteracted& e, RowOps* ops);
void OnFeed(const RecordedEvent& r, const peerloop::PostInteractionUndone& e, RowOps* ops);
void OnFeed(const RecordedEvent& r, const peerloop::PostFlagged& e, RowOps* ops);
void OnFeed(const RecordedEvent& r, const peerloop::PostModerated& e, RowOps* ops);

}  // namespace edu::peerloop_rows
