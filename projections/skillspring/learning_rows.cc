#include "projections/skillspring/learning_rows.h"

#include <string>

#include "domain/skillspring/media_machine.h"
#include "projections/values.h"

namespace edu::skillspring_rows {
namespace {

void SetTranscoding(const Uuid& asset_id, TranscodingStatus status, RowOps* ops) {
  ops->Update("media_assets", {{"id", asset_id}}, {{"transcoding_status", EnumValue(status)}});
}

}  // namespace

void Project(const RecordedEvent&, const MediaAssetUploaded& e, RowOps* ops) {
  ops->Insert("media_assets", {{"id", e.asset_id},
                               {"owner_id", e.owner_id},
                               {"file_type", EnumValue(e.file_type)},
                               {"url", e.url},
                               {"duration_seconds", Null{}},
                               {"size_bytes", e.size_bytes},
                               {"transcoding_status", EnumValue(TranscodingStatus::pending)}});
}

void Project(const RecordedEvent&, const MediaProcessingStarted& e, RowOps* ops) {
  SetTranscoding(e.asset_id, TranscodingStatus::processing, ops);
}

void Project(const RecordedEvent&, const MediaAssetReady& e, RowOps* ops) {
  ops->Update(
      "media_assets", {{"id", e.asset_id}},
      {{"transcoding_status", EnumValue(TranscodingStatus::ready)},
       {"url", e.url},
       {"duration_seconds", e.duration_seconds ? SqlValue(int64_t{*e.duration_seconds}) : Null{}}});
}

void Project(const RecordedEvent&, const MediaProcessingFailed& e, RowOps* ops) {
  SetTranscoding(e.asset_id, TranscodingStatus::failed, ops);
}

void Project(const RecordedEvent&, const MediaProcessingRetried& e, RowOps* ops) {
  SetTranscoding(e.asset_id, TranscodingStatus::pending, ops);
}

void Project(const RecordedEvent&, const WishlistCreated& e, RowOps* ops) {
  ops->Insert("wishlists", {{"id", e.wishlist_id}, {"student_id", e.student_id}, {"name", e.name}});
}

void Project(const RecordedEvent& r, const WishlistItemAdded& e, RowOps* ops) {
  ops->Insert(
      "wishlist_items",
      {{"wishlist_id", e.wishlist_id}, {"course_id", e.course_id}, {"added_at", r.occurred_at}});
}

void Project(const RecordedEvent&, const WishlistItemRemoved& e, RowOps* ops) {
  ops->Delete("wishlist_items", {{"wishlist_id", e.wishlist_id}, {"course_id", e.course_id}});
}

void Project(const RecordedEvent& r, const CourseContentEdited& e, RowOps* ops) {
  Columns set;
  if (e.title) set.emplace_back("title", *e.title);
  if (e.subtitle) set.emplace_back("subtitle", *e.subtitle);
  if (e.description) set.emplace_back("description", *e.description);
  if (e.level) set.emplace_back("level", EnumValue(*e.level));
  if (e.hero_video_url) set.emplace_back("hero_video_url", *e.hero_video_url);
  if (e.thumbnail_url) set.emplace_back("thumbnail_url", *e.thumbnail_url);
  set.emplace_back("last_updated_at", r.occurred_at);
  ops->Update("courses", {{"id", e.course_id}}, std::move(set));
}

}  // namespace edu::skillspring_rows
