// Skillspring media assets (media_assets), wishlists (wishlists, wishlist_items) and edits of a
// course's content after creation (issue 14): the commands and the streams of assets and
// wishlists. Ids are client-provided UUIDs; an asset and a wishlist are each their own stream, so
// their ids are unique by construction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/describe.h"
#include "domain/core/field_limits.h"
#include "domain/core/uuid.h"
#include "domain/skillspring/commands.h"
#include "domain/skillspring/types.h"

namespace edu::skillspring {

inline constexpr const char* kMediaAssetCategory = "skillspring.media_asset";
inline constexpr const char* kWishlistCategory = "skillspring.wishlist";

// media_assets.file_type.
EDU_ENUM(MediaFileType, image, video, document)

// One uploaded file and its transcoding lifecycle (MediaMachine).
inline std::string MediaAssetStream(const Uuid& asset_id) {
  return StreamId(kMediaAssetCategory, asset_id);
}
// One named wishlist of one student and its items.
inline std::string WishlistStream(const Uuid& wishlist_id) {
  return StreamId(kWishlistCategory, wishlist_id);
}

// The wishlist a student's first AddToWishlist opens (seed: wishlists.name DEFAULT 'Favorites').
inline constexpr const char* kDefaultWishlistName = "Favorites";
// Courses one wishlist holds at most (interpretation: a list to come back to, not a catalog).
inline constexpr int kMaxWishlistItems = 100;
// What a media asset may weigh, by file type (interpretation; size_bytes is a BIGINT).
inline constexpr int64_t kMaxImageBytes = int64_t{20} * 1024 * 1024;
inline constexpr int64_t kMaxDocumentBytes = int64_t{200} * 1024 * 1024;
inline constexpr int64_t kMaxVideoBytes = int64_t{8} * 1024 * 1024 * 1024;
// A transcoded video lasts at most 24 hours (duration_seconds INTEGER).
inline constexpr int32_t kMaxVideoSeconds = 24 * 3600;

// ---- media assets
// ---------------------------------------------------------------------------------------

// A mentor uploads (registers) a file they already put in storage at `url`, for one of their
// courses (owner_id = the course) or for themselves (owner_id = the mentor). It is pending until
// the media adapter reports on it. mime_type must agree with file_type.
struct UploadMediaAsset {
  static constexpr const char* kType = "UploadMediaAsset";
  Uuid asset_id;
  Uuid mentor_id;
  std::optional<Uuid> course_id;
  MediaFileType file_type = MediaFileType::video;
  std::string mime_type;
  std::string url;
  int64_t size_bytes = 0;
  EDU_FIELDS(asset_id, mentor_id, course_id, file_type, mime_type, url, size_bytes)
  EDU_LIMITS(limit::VarChar("mime_type", 255), limit::VarChar("url", kUrl),
             limit::Range("size_bytes", 1, kMaxVideoBytes))
  std::string stream_id() const { return MediaAssetStream(asset_id); }
  std::vector<std::string> references() const {
    std::vector<std::string> refs = {UserStream(mentor_id)};
    if (course_id) refs.push_back(CourseStream(*course_id));
    return refs;
  }
};

// The media adapter (role gateway) reports that transcoding of a pending asset started.
struct StartMediaProcessing {
  static constexpr const char* kType = "StartMediaProcessing";
  Uuid asset_id;
  EDU_FIELDS(asset_id)
  std::string stream_id() const { return MediaAssetStream(asset_id); }
};

// The media adapter reports a processing asset ready: where it is served from and, for a video,
// how long it lasts.
struct CompleteMediaProcessing {
  static constexpr const char* kType = "CompleteMediaProcessing";
  Uuid asset_id;
  std::string url;
  std::optional<int32_t> duration_seconds;
  EDU_FIELDS(asset_id, url, duration_seconds)
  EDU_LIMITS(limit::VarChar("url", kUrl), limit::Range("duration_seconds", 1, kMaxVideoSeconds))
  std::string stream_id() const { return MediaAssetStream(asset_id); }
};

// The media adapter reports that transcoding of a processing asset failed, saying why.
struct FailMediaProcessing {
  static constexpr const char* kType = "FailMediaProcessing";
  Uuid asset_id;
  std::string reason;
  EDU_FIELDS(asset_id, reason)
  EDU_LIMITS(limit::Text("reason"))
  std::string stream_id() const { return MediaAssetStream(asset_id); }
};

// The asset's mentor (or an admin) sends a failed asset back to the adapter: pending again.
struct RetryMediaProcessing {
  static constexpr const char* kType = "RetryMediaProcessing";
  Uuid asset_id;
  EDU_FIELDS(asset_id)
  std::string stream_id() const { return MediaAssetStream(asset_id); }
};

// ---- wishlists
// ------------------------------------------------------------------------------------------

// A student names a new wishlist (trimmed, 1..120 characters; 'Favorites' when left out).
struct CreateWishlist {
  static constexpr const char* kType = "CreateWishlist";
  Uuid wishlist_id;
  Uuid student_id;
  std::optional<std::string> name;
  EDU_FIELDS(wishlist_id, student_id, name)
  EDU_LIMITS(limit::VarChar("name", 120))
  std::string stream_id() const { return WishlistStream(wishlist_id); }
  std::vector<std::string> references() const { return {UserStream(student_id)}; }
};

// A student keeps a published course they do not own in their wishlist, once; the first add to
// a wishlist id that does not exist yet opens it as 'Favorites'.
struct AddToWishlist {
  static constexpr const char* kType = "AddToWishlist";
  Uuid wishlist_id;
  Uuid student_id;
  Uuid course_id;
  EDU_FIELDS(wishlist_id, student_id, course_id)
  std::string stream_id() const { return WishlistStream(wishlist_id); }
  std::vector<std::string> references() const {
    return {UserStream(student_id), CourseStream(course_id), LearnerStream(student_id)};
  }
};

struct RemoveFromWishlist {
  static constexpr const char* kType = "RemoveFromWishlist";
  Uuid wishlist_id;
  Uuid student_id;
  Uuid course_id;
  EDU_FIELDS(wishlist_id, student_id, course_id)
  std::string stream_id() const { return WishlistStream(wishlist_id); }
};

// ---- course content
// -------------------------------------------------------------------------------------

// The course's mentor (or an admin) edits what a learner reads about a course that is not
// archived; only the fields sent change (at least one). Not language_code: the projector's UPDATE
// casts to the column's type without its length, so a char(5) value would read back cut to one
// character (docs/skillspring.md). The hero video may name a ready video
// asset of the course or its mentor (hero_video_asset_id), whose url becomes hero_video_url.
struct EditCourseContent {
  static constexpr const char* kType = "EditCourseContent";
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
  EDU_LIMITS(limit::VarChar("title", 140), limit::VarChar("subtitle", 220),
             limit::Text("description"), limit::VarChar("hero_video_url", kUrl),
             limit::VarChar("thumbnail_url", kUrl))
  std::string stream_id() const { return CourseStream(course_id); }
  std::vector<std::string> references() const {
    if (!hero_video_asset_id) return {};
    return {MediaAssetStream(*hero_video_asset_id)};
  }
};

}  // namespace edu::skillspring
