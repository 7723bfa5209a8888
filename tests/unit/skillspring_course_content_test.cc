// Specifications of editing a Skillspring course's content after creation (issue 14): the
// course's mentor (or an admin) changes its title, subtitle, description, language, level, hero
// video and thumbnail while it is not archived; only the fields sent change, each checked as at
// creation (courses.last_updated_at moves in the read table). A hero video may name a ready video
// asset of the course or its mentor; its url becomes hero_video_url.
#include <string>

#include "domain/skillspring/media.h"
#include "tests/unit/skillspring_test_fixtures.h"

namespace edu::skillspring {
namespace {

using namespace fixtures;

const Uuid kAsset = *ParseUuid("88888888-8888-4888-8888-888888888882");
const std::string kServedUrl = "https://cdn.skillspring.test/hls/trailer/master.m3u8";

EditCourseContent Edit() {
  EditCourseContent c;
  c.course_id = kCourse;
  return c;
}

Spec<CourseDecider> Editing(std::vector<CourseDecider::Event> course = Published()) {
  Spec<CourseDecider> spec;
  spec.at(kNow).as(MentorActor()).given(std::move(course));
  return spec;
}

std::vector<MediaAssetDecider::Event> Asset(const Uuid& owner, MediaFileType type, bool ready) {
  std::vector<MediaAssetDecider::Event> events = {
      MediaAssetUploaded{kAsset, owner, kMentor, std::nullopt, type,
                         type == MediaFileType::video ? "video/mp4" : "image/png",
                         "https://uploads.skillspring.test/raw/trailer.mp4", 1000},
      MediaProcessingStarted{kAsset}};
  if (ready) {
    events.push_back(
        MediaAssetReady{kAsset, kServedUrl,
                        type == MediaFileType::video ? std::optional<int32_t>(90) : std::nullopt});
  }
  return events;
}

}  // namespace

TEST_SUITE("skillspring course content") {
  TEST_CASE("the course's mentor edits the fields they send (trimmed); the others stay") {
    EditCourseContent c = Edit();
    c.title = "  SQL from zero to joins ";
    c.description = "Queries, joins, indexes and window functions";
    c.level = CourseLevel::intermediate;
    c.thumbnail_url = "https://cdn.skillspring.test/img/sql.png";
    CourseContentEdited e;
    e.course_id = kCourse;
    e.title = "SQL from zero to joins";
    e.description = "Queries, joins, indexes and window functions";
    e.level = CourseLevel::intermediate;
    e.thumbnail_url = "https://cdn.skillspring.test/img/sql.png";
    Editing().when(c).then({e});
    Editing({Created()}).as(Admin()).when(c).then({e});
  }

  TEST_CASE("only the course's mentor or an admin edits it") {
    EditCourseContent c = Edit();
    c.title = "Mine now";
    Editing().as(MentorActor(kMentor2)).when(c).then_error("not_own_course", ErrorKind::kForbidden);
    Spec<CourseDecider> missing;
    missing.at(kNow).as(MentorActor()).when(c).then_error("course_not_found");
  }

  TEST_CASE("an archived course is not edited") {
    std::vector<CourseDecider::Event> archived = Published();
    archived.push_back(CourseArchived{kCourse, CourseStatus::published});
    EditCourseContent c = Edit();
    c.title = "Too late";
    Editing(archived).when(c).then_error("course_archived", ErrorKind::kConflict);
  }

  TEST_CASE("the title has 1..140 characters, the subtitle at most 220, the description 1..10000") {
    EditCourseContent c = Edit();
    c.title = "   ";
    Editing().when(c).then_error("invalid_title");
    c.title = std::string(141, 't');
    Editing().when(c).then_error("invalid_title");
    c.title = std::string(140, 't');
    CourseContentEdited e;
    e.course_id = kCourse;
    e.title = c.title;
    Editing().when(c).then({e});
    EditCourseContent sub = Edit();
    sub.subtitle = std::string(221, 's');
    Editing().when(sub).then_error("invalid_subtitle");
    EditCourseContent desc = Edit();
    desc.description = "\n";
    Editing().when(desc).then_error("invalid_description");
    desc.description = std::string(10'001, 'd');
    Editing().when(desc).then_error("invalid_description");
    EditCourseContent thumb = Edit();
    thumb.thumbnail_url = "not a link";
    Editing().when(thumb).then_error("invalid_media_url");
  }

  TEST_CASE("an edit sends at least one field") {
    Editing().when(Edit()).then_error("nothing_to_edit", ErrorKind::kInvalid);
  }

  TEST_CASE("the hero video may be a ready video asset of the course or its mentor") {
    EditCourseContent c = Edit();
    c.hero_video_asset_id = kAsset;
    CourseContentEdited e;
    e.course_id = kCourse;
    e.hero_video_url = kServedUrl;
    e.hero_video_asset_id = kAsset;
    Editing()
        .given_stream<MediaAssetDecider>(MediaAssetStream(kAsset),
                                         Asset(kCourse, MediaFileType::video, true))
        .when(c)
        .then({e});
    Editing()
        .given_stream<MediaAssetDecider>(MediaAssetStream(kAsset),
                                         Asset(kMentor, MediaFileType::video, true))
        .when(c)
        .then({e});
  }

  TEST_CASE("a hero video asset that is not ready, not a video, not ours or unknown is refused") {
    EditCourseContent c = Edit();
    c.hero_video_asset_id = kAsset;
    Editing()
        .given_stream<MediaAssetDecider>(MediaAssetStream(kAsset),
                                         Asset(kCourse, MediaFileType::video, false))
        .when(c)
        .then_error("media_not_ready", ErrorKind::kConflict);
    Editing()
        .given_stream<MediaAssetDecider>(MediaAssetStream(kAsset),
                                         Asset(kCourse, MediaFileType::image, true))
        .when(c)
        .then_error("media_not_ready");
    Editing()
        .given_stream<MediaAssetDecider>(MediaAssetStream(kAsset),
                                         Asset(kMentor2, MediaFileType::video, true))
        .when(c)
        .then_error("not_own_media");
    Editing()
        .given_stream<MediaAssetDecider>(MediaAssetStream(kAsset), {})
        .when(c)
        .then_error("media_asset_not_found");
  }
}

}  // namespace edu::skillspring
