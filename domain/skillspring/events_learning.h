// Skillspring media asset, wishlist and course content events (see commands_learning.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/core/describe.h"
#include "domain/core/uuid.h"
#include "domain/skillspring/commands_learning.h"
#include "domain/skillspring/types.h"

namespace edu::skillspring {

// ---- media assets
// ---------------------------------------------------------------------------------------

// media_assets.owner_id is the course when the asset is for one, else the mentor.
struct MediaAssetUploaded {
  static constexpr const char* kType = "MediaAssetUploaded";
  static constexpr int kSchemaVersion = 1;
  Uuid asset_id;
  Uuid owner_id;
  Uuid mentor_id;
  std::optional<Uuid> course_id;
  MediaFileType file_type = MediaFileType::video;
  std::string mime_type;  // lowercase
  std::string url;
  int64_t size_bytes = 0;
  EDU_FIELDS(asset_id, owner_id, mentor_id, course_id, file_type, mime_type, url, size_bytes)
};

struct MediaProcessingStarted {
  static constexpr const char* kType = "MediaProcessingStarted";
  static constexpr int kSchemaVersion = 1;
  Uuid asset_id;
  EDU_FIELDS(asset_id)
};

// The asset is served from url from now on.
struct MediaAssetReady {
  static constexpr const char* kType = "MediaAssetReady";
  static constexpr int kSchemaVersion = 1;
  Uuid asset_id;
  std::string url;
  std::optional<int32_t> duration_seconds;  // videos only
  EDU_FIELDS(asset_id, url, duration_seconds)
};

struct MediaProcessingFailed {
  static constexpr const char* kType = "MediaProcessingFailed";
  static constexpr int kSchemaVersion = 1;
  Uuid asset_id;
  std::string reason;  // trimmed
  EDU_FIELDS(asset_id, reason)
};

struct MediaProcessingRetried {
  static constexpr const char* kType = "MediaProcessingRetried";
  static constexpr int kSchemaVersion = 1;
  Uuid asset_id;
  EDU_FIELDS(asset_id)
};

// ---- wishlists
// ------------------------------------------------------------------------------------------

struct WishlistCreated {
  static constexpr const char* kType = "WishlistCreated";
  static constexpr int kSchemaVersion = 1;
  Uuid wishlist_id;
  Uuid student_id;
  std::string name;  // trimmed
  EDU_FIELDS(wishlist_id, student_id, name)
};

struct WishlistItemAdded {
  static constexpr const char* kType = "WishlistItemAdded";
  static constexpr int kSchemaVersion = 1;
  Uuid wishlist_id;
  Uuid student_id;
  Uuid course_id;
  EDU_FIELDS(wishlist_id, student_id, course_id)
};

struct WishlistItemRemoved {
  static constexpr const char* kType = "WishlistItemRemoved";
  static constexpr int kSchemaVersion = 1;
  Uuid wishlist_id;
  Uuid student_id;
  Uuid course_id;
  EDU_FIELDS(wishlist_id, student_id, course_id)
};

// ---- course content
// -------------------------------------------------------------------------------------

// The fields that changed (as sent, trimmed); the rest stay. hero_video_url is the asset's url
// when the edit named a media asset (hero_video_asset_id).
struct CourseContentEdited {
  static constexpr const char* kType = "CourseContentEdited";
  static constexpr int kSchemaVersion = 1;
  Uuid course_id;
  std::optional<std::string> title;
  std::optional<std::string> subtitle;
  std::optional<std::string> description;
  std::optional<CourseLevel> level;
  std::optional<std::string> hero_video_url;
  std::optional<Uuid> hero_video_asset_id;
  std::optional<std::string> thumbnail_url;
  EDU_FIELDS(course_id, title, subtitle, description, level, hero_video_url, hero_video_asset_id,
             thumbnail_url)
};

}  // namespace edu::skillspring
