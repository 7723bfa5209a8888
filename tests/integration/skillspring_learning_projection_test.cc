// Skillspring media assets, wishlists and course content edits (issue 14), projected by a real
// Projector into real PostgreSQL: every media_assets column through the transcoding lifecycle
// (pending, processing, failed, pending again, ready with the served url and duration), wishlists
// and wishlist_items (added_at, removal deletes the item), and a content edit changing only the
// fields it names and moving courses.last_updated_at.
#include "domain/skillspring/commands.h"
#include "domain/skillspring/commands_learning.h"
#include "domain/skillspring/events.h"
#include "domain/skillspring/events_learning.h"
#include "projections/skillspring/skillspring_projection.h"
#include "tests/support/projection_spec.h"

namespace edu::skillspring {
namespace {

using testing::ProjectionSpec;

const Uuid kStudent = *ParseUuid("11111111-1111-4111-8111-111111111111");
const Uuid kMentor = *ParseUuid("22222222-2222-4222-8222-222222222222");
const Uuid kCourse = CourseIdFor("sql-from-zero");
const Uuid kCourse2 = CourseIdFor("pandas-basics");
const Uuid kVideo = *ParseUuid("88888888-8888-4888-8888-888888888881");
const Uuid kImage = *ParseUuid("88888888-8888-4888-8888-888888888882");
const Uuid kWishlist = *ParseUuid("99999999-9999-4999-8999-999999999991");
const Uuid kWishlist2 = *ParseUuid("99999999-9999-4999-8999-999999999992");
const Timestamp kDay1 = *ParseIso8601("2026-04-01T10:00:00Z");
const Timestamp kDay2 = *ParseIso8601("2026-04-02T11:00:00Z");
const Timestamp kDay3 = *ParseIso8601("2026-04-03T12:00:00Z");
const std::string kRaw = "https://uploads.skillspring.test/raw/intro.mov";
const std::string kServed = "https://cdn.skillspring.test/hls/intro/master.m3u8";

CourseCreated Course() {
  CourseCreated e;
  e.course_id = kCourse;
  e.slug = "sql-from-zero";
  e.mentor_id = kMentor;
  e.title = "SQL from zero";
  e.subtitle = std::string("Queries for everyone");
  e.description = "Queries, joins, indexes";
  e.language_code = "en";
  e.level = CourseLevel::beginner;
  e.list_price = Money{4999, "USD"};
  e.thumbnail_url = std::string("https://cdn.skillspring.test/img/old.png");
  return e;
}

}  // namespace

TEST_SUITE("skillspring learning projection") {
  TEST_CASE("a video's row follows its transcoding: pending, processing, failed, retried, ready") {
    ProjectionSpec spec(MakeSkillspringProjection());
    spec.at(kDay1)
        .given(MediaAssetStream(kVideo),
               MediaAssetUploaded{kVideo, kCourse, kMentor, kCourse, MediaFileType::video,
                                  "video/quicktime", kRaw, 734'003'200})
        .given(MediaAssetStream(kImage),
               MediaAssetUploaded{kImage, kMentor, kMentor, std::nullopt, MediaFileType::image,
                                  "image/png", "https://uploads.skillspring.test/raw/me.png",
                                  200'000});
    spec.then_rows(
        "SELECT id::text, owner_id::text, file_type, url, duration_seconds, size_bytes, "
        "transcoding_status FROM skillspring.media_assets ORDER BY id",
        {{ToString(kVideo), ToString(kCourse), "video", kRaw, "NULL", "734003200", "pending"},
         {ToString(kImage), ToString(kMentor), "image",
          "https://uploads.skillspring.test/raw/me.png", "NULL", "200000", "pending"}});
    spec.at(kDay2).given(MediaAssetStream(kVideo), MediaProcessingStarted{kVideo});
    spec.then_rows("SELECT transcoding_status FROM skillspring.media_assets WHERE id = '" +
                       ToString(kVideo) + "'",
                   {{"processing"}});
    spec.given(MediaAssetStream(kVideo), MediaProcessingFailed{kVideo, "codec"});
    spec.then_rows("SELECT transcoding_status FROM skillspring.media_assets WHERE id = '" +
                       ToString(kVideo) + "'",
                   {{"failed"}});
    spec.given(MediaAssetStream(kVideo), MediaProcessingRetried{kVideo});
    spec.then_rows("SELECT transcoding_status FROM skillspring.media_assets WHERE id = '" +
                       ToString(kVideo) + "'",
                   {{"pending"}});
    spec.at(kDay3).given(MediaAssetStream(kVideo), MediaProcessingStarted{kVideo},
                         MediaAssetReady{kVideo, kServed, 754});
    spec.then_rows(
        "SELECT url, duration_seconds, size_bytes, transcoding_status FROM "
        "skillspring.media_assets WHERE id = '" +
            ToString(kVideo) + "'",
        {{kServed, "754", "734003200", "ready"}});
  }

  TEST_CASE("wishlists and their items: added_at from the event, a removal deletes the item") {
    ProjectionSpec spec(MakeSkillspringProjection());
    spec.at(kDay1)
        .given(WishlistStream(kWishlist), WishlistCreated{kWishlist, kStudent, "Favorites"},
               WishlistItemAdded{kWishlist, kStudent, kCourse})
        .at(kDay2)
        .given(WishlistStream(kWishlist), WishlistItemAdded{kWishlist, kStudent, kCourse2})
        .given(WishlistStream(kWishlist2), WishlistCreated{kWishlist2, kStudent, "Data science"});
    spec.then_rows("SELECT id::text, student_id::text, name FROM skillspring.wishlists ORDER BY id",
                   {{ToString(kWishlist), ToString(kStudent), "Favorites"},
                    {ToString(kWishlist2), ToString(kStudent), "Data science"}});
    spec.then_rows(
        "SELECT wishlist_id::text, course_id::text, added_at FROM skillspring.wishlist_items "
        "ORDER BY added_at",
        {{ToString(kWishlist), ToString(kCourse), "2026-04-01 10:00:00+00"},
         {ToString(kWishlist), ToString(kCourse2), "2026-04-02 11:00:00+00"}});
    spec.at(kDay3).given(WishlistStream(kWishlist),
                         WishlistItemRemoved{kWishlist, kStudent, kCourse});
    spec.then_rows("SELECT course_id::text FROM skillspring.wishlist_items",
                   {{ToString(kCourse2)}});
  }

  TEST_CASE("a content edit changes the fields it names and moves last_updated_at") {
    ProjectionSpec spec(MakeSkillspringProjection());
    spec.at(kDay1).given(CourseStream(kCourse), Course());
    CourseContentEdited edit;
    edit.course_id = kCourse;
    edit.title = "SQL from zero to joins";
    edit.description = "Queries, joins, indexes and window functions";
    edit.level = CourseLevel::intermediate;
    edit.hero_video_url = kServed;
    edit.hero_video_asset_id = kVideo;
    spec.at(kDay2).given(CourseStream(kCourse), edit);
    spec.then_rows(
        "SELECT title, subtitle, description, language_code, level, hero_video_url, "
        "thumbnail_url, last_updated_at FROM skillspring.courses",
        {{"SQL from zero to joins", "Queries for everyone",
          "Queries, joins, indexes and window functions", "en   ", "intermediate", kServed,
          "https://cdn.skillspring.test/img/old.png", "2026-04-02 11:00:00+00"}});
    CourseContentEdited again;
    again.course_id = kCourse;
    again.subtitle = "";
    again.thumbnail_url = "https://cdn.skillspring.test/img/new.png";
    spec.at(kDay3).given(CourseStream(kCourse), again);
    spec.then_rows(
        "SELECT title, subtitle, language_code, thumbnail_url, last_updated_at FROM "
        "skillspring.courses",
        {{"SQL from zero to joins", "", "en   ", "https://cdn.skillspring.test/img/new.png",
          "2026-04-03 12:00:00+00"}});
  }
}

}  // namespace edu::skillspring
