// Specifications of Skillspring media assets (seed 003: media_assets; issue 14): a mentor uploads
// (registers) a file for one of their courses (owner_id = the course) or for themselves (owner_id
// = the mentor), pending; the media adapter (role gateway) reports processing started, ready (the
// served url, a video's duration) or failed (a reason), in MediaMachine's order, and a report out
// of order is refused (media_report_out_of_order); the mentor retries a failed asset.
#include <string>

#include "domain/skillspring/media.h"
#include "tests/support/machine_spec.h"
#include "tests/unit/skillspring_test_fixtures.h"

namespace edu::skillspring {
namespace {

using namespace fixtures;

const Uuid kAsset = *ParseUuid("88888888-8888-4888-8888-888888888881");
const std::string kUploadUrl = "https://uploads.skillspring.test/raw/intro.mov";
const std::string kServedUrl = "https://cdn.skillspring.test/hls/intro/master.m3u8";
const Actor kMediaAdapter{"system:mux", "gateway"};

UploadMediaAsset Upload(MediaFileType type = MediaFileType::video,
                        std::string mime = "video/quicktime", int64_t size = 734'003'200,
                        std::optional<Uuid> course = kCourse) {
  return UploadMediaAsset{kAsset, kMentor, course, type, std::move(mime), kUploadUrl, size};
}

MediaAssetUploaded Uploaded(MediaFileType type = MediaFileType::video,
                            std::string mime = "video/quicktime", int64_t size = 734'003'200) {
  return MediaAssetUploaded{kAsset, kCourse,         kMentor,    kCourse,
                            type,   std::move(mime), kUploadUrl, size};
}

// An upload decided on the asset's stream, the mentor and the course referenced.
Spec<MediaAssetDecider> Uploading(std::vector<CourseDecider::Event> course = Published()) {
  Spec<MediaAssetDecider> spec;
  spec.at(kNow)
      .as(MentorActor())
      .given_stream<UserDecider>(UserStream(kMentor), {Registered(kMentor, UserRole::mentor)})
      .given_stream<CourseDecider>(CourseStream(kCourse), course);
  return spec;
}

// A report of the media adapter on an asset with these events.
Spec<MediaAssetDecider> Reporting(std::vector<MediaAssetDecider::Event> asset) {
  Spec<MediaAssetDecider> spec;
  spec.at(kNow).as(kMediaAdapter).given(std::move(asset));
  return spec;
}

}  // namespace

TEST_SUITE("skillspring media uploads") {
  TEST_CASE("a mentor uploads a video for their course: pending, owned by the course") {
    auto spec = Uploading();
    spec.when(Upload(MediaFileType::video, " Video/QuickTime ")).then({Uploaded()});
    CHECK(spec.state().exists);
    CHECK(spec.state().status() == TranscodingStatus::pending);
    CHECK(spec.state().owner_id == kCourse);
  }

  TEST_CASE("a mentor uploads an image for themselves: owned by the mentor") {
    UploadMediaAsset upload = Upload(MediaFileType::image, "image/png", 200'000, std::nullopt);
    Spec<MediaAssetDecider> spec;
    spec.at(kNow)
        .as(MentorActor())
        .given_stream<UserDecider>(UserStream(kMentor), {Registered(kMentor, UserRole::mentor)});
    spec.when(upload).then(
        {MediaAssetUploaded{kAsset, kMentor, kMentor, std::nullopt, MediaFileType::image,
                            "image/png", kUploadUrl, 200'000}});
  }

  TEST_CASE("an asset id is uploaded once") {
    Uploading()
        .given({Uploaded()})
        .when(Upload())
        .then_error("media_asset_already_exists", ErrorKind::kConflict);
  }

  TEST_CASE("a mentor uploads as themselves, for their own, not archived, course") {
    Uploading().as(MentorActor(kMentor2)).when(Upload()).then_error("not_own_account");
    Uploading({Created(kCourse, kMentor2)}).when(Upload()).then_error("not_own_course");
    std::vector<CourseDecider::Event> archived = Published();
    archived.push_back(CourseArchived{kCourse, CourseStatus::published});
    Uploading(archived).when(Upload()).then_error("course_archived", ErrorKind::kConflict);
    Uploading({}).when(Upload()).then_error("course_not_found");
    Spec<MediaAssetDecider> unregistered;
    unregistered.at(kNow).as(MentorActor()).given_stream<UserDecider>(UserStream(kMentor), {});
    unregistered.when(Upload(MediaFileType::image, "image/png", 10, std::nullopt))
        .then_error("mentor_not_found");
  }

  TEST_CASE("the mime type is type/subtype of the file type's family") {
    Uploading().when(Upload(MediaFileType::video, "image/png")).then_error("invalid_mime_type");
    Uploading().when(Upload(MediaFileType::image, "video/mp4")).then_error("invalid_mime_type");
    Uploading().when(Upload(MediaFileType::document, "video/mp4")).then_error("invalid_mime_type");
    Uploading().when(Upload(MediaFileType::video, "mp4")).then_error("invalid_mime_type");
    Uploading().when(Upload(MediaFileType::video, "video/")).then_error("invalid_mime_type");
    Uploading()
        .when(Upload(MediaFileType::document, "application/pdf", 1000))
        .then({Uploaded(MediaFileType::document, "application/pdf", 1000)});
  }

  TEST_CASE("a file has 1 byte up to its type's limit") {
    Uploading().when(Upload(MediaFileType::video, "video/mp4", 0)).then_error("invalid_file_size");
    Uploading()
        .when(Upload(MediaFileType::image, "image/png", kMaxImageBytes))
        .then({Uploaded(MediaFileType::image, "image/png", kMaxImageBytes)});
    Uploading()
        .when(Upload(MediaFileType::image, "image/png", kMaxImageBytes + 1))
        .then_error("invalid_file_size", ErrorKind::kInvalid);
    Uploading()
        .when(Upload(MediaFileType::document, "application/pdf", kMaxDocumentBytes + 1))
        .then_error("invalid_file_size");
    Uploading()
        .when(Upload(MediaFileType::video, "video/mp4", kMaxVideoBytes))
        .then({Uploaded(MediaFileType::video, "video/mp4", kMaxVideoBytes)});
  }

  TEST_CASE("the upload's url is an http(s) link") {
    UploadMediaAsset upload = Upload();
    upload.url = "ftp://uploads.skillspring.test/raw/intro.mov";
    Uploading().when(upload).then_error("invalid_media_url");
    upload.url = "https://uploads.skillspring.test/raw/my intro.mov";
    Uploading().when(upload).then_error("invalid_media_url");
    upload.url = "https://x.test/" + std::string(2048, 'a');
    Uploading().when(upload).then_error("invalid_media_url");
  }
}

TEST_SUITE("skillspring media transcoding") {
  TEST_CASE("the transcoding lifecycle is the seed's: pending -> processing -> ready | failed") {
    using S = TranscodingStatus;
    using T = TranscodingTrigger;
    const testing::ExpectedTable<S, T> lifecycle = {
        {S::pending, T::start_processing, S::processing},
        {S::processing, T::finish, S::ready},
        {S::processing, T::fail, S::failed},
        {S::failed, T::retry, S::pending},
    };
    testing::CheckMachine<MediaMachine, S, T>(S::pending, lifecycle);
  }

  TEST_CASE("the adapter reports processing started, then the video ready with its duration") {
    auto spec = Reporting({Uploaded()});
    spec.when(StartMediaProcessing{kAsset}).then({MediaProcessingStarted{kAsset}});
    CHECK(spec.state().status() == TranscodingStatus::processing);
    auto ready = Reporting({Uploaded(), MediaProcessingStarted{kAsset}});
    ready.when(CompleteMediaProcessing{kAsset, kServedUrl, 754})
        .then({MediaAssetReady{kAsset, kServedUrl, 754}});
    CHECK(ready.state().status() == TranscodingStatus::ready);
    CHECK(ready.state().url == kServedUrl);
  }

  TEST_CASE("a ready video lasts 1..86400 seconds; an image or document has no duration") {
    auto processing =
        std::vector<MediaAssetDecider::Event>{Uploaded(), MediaProcessingStarted{kAsset}};
    Reporting(processing)
        .when(CompleteMediaProcessing{kAsset, kServedUrl, std::nullopt})
        .then_error("invalid_duration");
    Reporting(processing)
        .when(CompleteMediaProcessing{kAsset, kServedUrl, kMaxVideoSeconds + 1})
        .then_error("invalid_duration");
    Reporting(processing)
        .when(CompleteMediaProcessing{kAsset, kServedUrl, kMaxVideoSeconds})
        .then({MediaAssetReady{kAsset, kServedUrl, kMaxVideoSeconds}});
    auto image = std::vector<MediaAssetDecider::Event>{
        Uploaded(MediaFileType::image, "image/png", 1000), MediaProcessingStarted{kAsset}};
    Reporting(image)
        .when(CompleteMediaProcessing{kAsset, kServedUrl, 3})
        .then_error("invalid_duration");
    Reporting(image)
        .when(CompleteMediaProcessing{kAsset, kServedUrl, std::nullopt})
        .then({MediaAssetReady{kAsset, kServedUrl, std::nullopt}});
    Reporting(processing)
        .when(CompleteMediaProcessing{kAsset, "cdn/intro", 5})
        .then_error("invalid_media_url");
  }

  TEST_CASE("the adapter reports a failure with a reason") {
    auto processing =
        std::vector<MediaAssetDecider::Event>{Uploaded(), MediaProcessingStarted{kAsset}};
    auto spec = Reporting(processing);
    spec.when(FailMediaProcessing{kAsset, "  codec not supported "})
        .then({MediaProcessingFailed{kAsset, "codec not supported"}});
    CHECK(spec.state().status() == TranscodingStatus::failed);
    Reporting(processing).when(FailMediaProcessing{kAsset, " "}).then_error("reason_required");
  }

  TEST_CASE("reports out of order are refused: nothing moves a ready asset") {
    Reporting({Uploaded()})
        .when(CompleteMediaProcessing{kAsset, kServedUrl, 60})
        .then_error("media_report_out_of_order", ErrorKind::kConflict);
    Reporting({Uploaded()})
        .when(FailMediaProcessing{kAsset, "late"})
        .then_error("media_report_out_of_order");
    auto processing =
        std::vector<MediaAssetDecider::Event>{Uploaded(), MediaProcessingStarted{kAsset}};
    Reporting(processing)
        .when(StartMediaProcessing{kAsset})
        .then_error("media_report_out_of_order");
    auto ready = processing;
    ready.push_back(MediaAssetReady{kAsset, kServedUrl, 60});
    Reporting(ready)
        .when(FailMediaProcessing{kAsset, "late"})
        .then_error("media_report_out_of_order");
    Reporting(ready).when(StartMediaProcessing{kAsset}).then_error("media_report_out_of_order");
    Reporting(ready)
        .when(CompleteMediaProcessing{kAsset, kServedUrl, 60})
        .then_error("media_report_out_of_order");
  }

  TEST_CASE("reports on an asset never uploaded are refused") {
    Reporting({})
        .when(StartMediaProcessing{kAsset})
        .then_error("media_asset_not_found", ErrorKind::kNotFound);
    Reporting({}).when(RetryMediaProcessing{kAsset}).then_error("media_asset_not_found");
  }

  TEST_CASE("the asset's mentor retries a failed asset: pending again, and reported anew") {
    std::vector<MediaAssetDecider::Event> failed = {Uploaded(), MediaProcessingStarted{kAsset},
                                                    MediaProcessingFailed{kAsset, "codec"}};
    auto spec = Reporting(failed);
    spec.as(MentorActor())
        .when(RetryMediaProcessing{kAsset})
        .then({MediaProcessingRetried{kAsset}});
    CHECK(spec.state().status() == TranscodingStatus::pending);
    failed.push_back(MediaProcessingRetried{kAsset});
    Reporting(failed).when(StartMediaProcessing{kAsset}).then({MediaProcessingStarted{kAsset}});
  }

  TEST_CASE("only the asset's mentor (or an admin) retries, and only a failed asset") {
    std::vector<MediaAssetDecider::Event> failed = {Uploaded(), MediaProcessingStarted{kAsset},
                                                    MediaProcessingFailed{kAsset, "codec"}};
    Reporting(failed)
        .as(MentorActor(kMentor2))
        .when(RetryMediaProcessing{kAsset})
        .then_error("not_own_media", ErrorKind::kForbidden);
    Reporting(failed)
        .as(Admin())
        .when(RetryMediaProcessing{kAsset})
        .then({MediaProcessingRetried{kAsset}});
    Reporting({Uploaded(), MediaProcessingStarted{kAsset}})
        .as(MentorActor())
        .when(RetryMediaProcessing{kAsset})
        .then_error("illegal_transition");
  }
}

}  // namespace edu::skillspring
