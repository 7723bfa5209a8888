#include "adapters/demo/skillspring_learning.h"

#include <map>
#include <set>
#include <stdexcept>

#include <pqxx/pqxx>

#include "domain/skillspring/commands.h"
#include "domain/skillspring/commands_learning.h"

namespace edu {
namespace {

using namespace skillspring;

constexpr const char* kPart = "skillspring";

// What this part had accepted, for its reconciliation lines (the demo runs one scenario per
// process; the summary reads it after the run).
struct LearningAccepted {
  int uploads = 0;
  int ready = 0;
  int processing = 0;
  int failures = 0;
  int retries = 0;
  int edits = 0;
  int hero_videos = 0;
  int wishlists = 0;
  int wishlist_items = 0;  // still in a wishlist
  int wishlist_removals = 0;
};
LearningAccepted g_accepted;

void Expect(const DemoOutcome& o, const char* what) { ExpectAccepted(o, kPart, what); }

class LearningScenario {
 public:
  LearningScenario(DemoDriver& d, const SkillspringQaCast& cast, SkillspringDemoTotals* t)
      : d_(d), cast_(cast), t_(t) {}

  void Run() {
    g_accepted = {};
    for (const auto& owner : cast_.owners) {
      if (courses_.insert(owner.course).second) published_.push_back(owner.course);
      if (mentor_course_.count(owner.mentor) == 0) {
        mentor_course_[owner.mentor] = owner.course;
        mentors_.push_back(owner.mentor);
      }
      owned_.insert({owner.student, owner.course});
    }
    if (mentors_.size() < 2 || cast_.students.size() < 6) {
      throw std::runtime_error("skillspring demo: media and wishlists need 2 mentors, 6 students");
    }
    Media();
    Content();
    Wishlists();
  }

 private:
  Actor As(const Uuid& id, const char* role) { return Actor{ToString(id), role}; }
  Actor Adapter() { return Actor{"system:mux", "gateway"}; }
  void ExpectRefusal(const DemoOutcome& refused, const char* code, const char* what) {
    ExpectRefused(refused, code, kPart, what);
    ++t_->refusals[code];
  }
  template <class Command>
  DemoOutcome Send(const Command& c, const Actor& actor) {
    return d_.Send(Command::kType, CommandBody(kPart, c), actor);
  }

  Uuid Upload(const Uuid& mentor, std::optional<Uuid> course, MediaFileType type, const char* mime,
              const char* file, int64_t size) {
    Uuid asset = d_.NewId();
    Expect(Send(UploadMediaAsset{asset, mentor, course, type, mime,
                                 std::string("https://uploads.skillspring.test/raw/") + file, size},
                As(mentor, "mentor")),
           "uploading a media asset");
    ++g_accepted.uploads;
    return asset;
  }
  void Started(const Uuid& asset) {
    Expect(Send(StartMediaProcessing{asset}, Adapter()), "reporting transcoding started");
  }
  void Ready(const Uuid& asset, const char* file, std::optional<int32_t> seconds) {
    Expect(Send(
               CompleteMediaProcessing{
                   asset, std::string("https://cdn.skillspring.test/media/") + file, seconds},
               Adapter()),
           "reporting a media asset ready");
    ++g_accepted.ready;
  }

  void Media() {
    const Uuid& m0 = mentors_[0];
    const Uuid& m1 = mentors_[1];
    const Uuid& c0 = mentor_course_[m0];
    const Uuid& c1 = mentor_course_[m1];
    trailer_ =
        Upload(m0, c0, MediaFileType::video, "video/quicktime", "trailer-0.mov", 734'003'200);
    pending_trailer_ =
        Upload(m1, c1, MediaFileType::video, "video/mp4", "trailer-1.mp4", 98'566'144);
    const Uuid avatar =
        Upload(m0, std::nullopt, MediaFileType::image, "image/png", "avatar.png", 204'800);
    const Uuid workbook =
        Upload(m1, c1, MediaFileType::document, "application/pdf", "workbook.pdf", 3'145'728);
    const DemoOutcome refused1 =
        Send(UploadMediaAsset{d_.NewId(), m0, c0, MediaFileType::video, "image/png",
                              "https://uploads.skillspring.test/raw/x.png", 1000},
             As(m0, "mentor"));
    ExpectRefusal(refused1, "invalid_mime_type", "a video uploaded as image/png");
    const DemoOutcome refused2 =
        Send(UploadMediaAsset{d_.NewId(), m0, c1, MediaFileType::video, "video/mp4",
                              "https://uploads.skillspring.test/raw/y.mp4", 1000},
             As(m0, "mentor"));
    ExpectRefusal(refused2, "not_own_course", "an upload for another mentor's course");

    for (const Uuid& asset : {trailer_, pending_trailer_, avatar, workbook}) Started(asset);
    Ready(trailer_, "trailer-0.m3u8", 754);
    Ready(avatar, "avatar.webp", std::nullopt);
    Expect(Send(FailMediaProcessing{workbook, "corrupt PDF: no cross-reference table"}, Adapter()),
           "reporting a failed transcoding");
    ++g_accepted.failures;
    const DemoOutcome refused3 = Send(StartMediaProcessing{pending_trailer_}, Adapter());
    ExpectRefusal(refused3, "media_report_out_of_order", "processing reported twice");
    const DemoOutcome refused4 = Send(FailMediaProcessing{trailer_, "late duplicate"}, Adapter());
    ExpectRefusal(refused4, "media_report_out_of_order", "a failure reported after ready");
    const DemoOutcome refused5 = Send(RetryMediaProcessing{workbook}, As(m0, "mentor"));
    ExpectRefusal(refused5, "not_own_media", "a retry by another mentor");
    Expect(Send(RetryMediaProcessing{workbook}, As(m1, "mentor")), "retrying a failed asset");
    ++g_accepted.retries;
    Started(workbook);
    Ready(workbook, "workbook.pdf", std::nullopt);
    g_accepted.processing = 1;  // pending_trailer_: the adapter has not reported on it yet
  }

  void Content() {
    const Uuid& m0 = mentors_[0];
    const Uuid& m1 = mentors_[1];
    EditCourseContent edit;
    edit.course_id = mentor_course_[m0];
    edit.title = "SQL from Zero to Joins";
    edit.description = "From your first SELECT to joins, indexes and window functions.";
    edit.hero_video_asset_id = trailer_;
    Expect(Send(edit, As(m0, "mentor")), "editing a course's content with a hero video");
    ++g_accepted.edits;
    ++g_accepted.hero_videos;

    EditCourseContent not_ready;
    not_ready.course_id = mentor_course_[m1];
    not_ready.hero_video_asset_id = pending_trailer_;
    const DemoOutcome refused6 = Send(not_ready, As(m1, "mentor"));
    ExpectRefusal(refused6, "media_not_ready", "a hero video still processing");
    EditCourseContent subtitle;
    subtitle.course_id = mentor_course_[m1];
    subtitle.subtitle = "Now with a capstone project";
    subtitle.level = CourseLevel::all;
    Expect(Send(subtitle, As(m1, "mentor")), "editing a course's subtitle and level");
    ++g_accepted.edits;

    EditCourseContent other;
    other.course_id = mentor_course_[m0];
    other.title = "Mine now";
    const DemoOutcome refused7 = Send(other, As(m1, "mentor"));
    ExpectRefusal(refused7, "not_own_course", "an edit by another mentor");
    EditCourseContent blank;
    blank.course_id = mentor_course_[m0];
    blank.title = "   ";
    const DemoOutcome refused8 = Send(blank, As(m0, "mentor"));
    ExpectRefusal(refused8, "invalid_title", "an empty title");
    EditCourseContent archived;
    archived.course_id = CourseIdFor("old-excel-tricks");
    archived.title = "Old Excel Tricks, revisited";
    const DemoOutcome refused9 = Send(archived, As(cast_.admin, "admin"));
    ExpectRefusal(refused9, "course_archived", "an edit of an archived course");
  }

  void Wishlists() {
    std::vector<std::pair<Uuid, Uuid>> lists;  // wishlist, student
    for (size_t i = 0; i < 6; ++i) {
      const Uuid& student = cast_.students[i];
      Actor self = As(student, "student");
      Uuid wishlist = d_.NewId();
      if (i == 0) {
        Expect(Send(CreateWishlist{wishlist, student, std::string("Career switch")}, self),
               "creating a named wishlist");
        ++g_accepted.wishlists;
      }
      int added = 0;
      for (const Uuid& course : published_) {
        if (added == 2) break;
        if (owned_.count({student, course})) continue;
        Expect(Send(AddToWishlist{wishlist, student, course}, self), "adding to a wishlist");
        if (added == 0 && i != 0) ++g_accepted.wishlists;  // 'Favorites', opened by the first add
        ++added;
        ++g_accepted.wishlist_items;
        if (i == 0 && added == 1) {
          const DemoOutcome refused10 = Send(AddToWishlist{wishlist, student, course}, self);
          ExpectRefusal(refused10, "already_in_wishlist", "a course twice in a wishlist");
        }
        if (i == 1 && added == 1) {
          Expect(Send(RemoveFromWishlist{wishlist, student, course}, self),
                 "taking a course out of a wishlist");
          --g_accepted.wishlist_items;
          ++g_accepted.wishlist_removals;
        }
      }
      if (added > 0) lists.push_back({wishlist, student});
    }
    if (lists.size() < 2) throw std::runtime_error("skillspring demo: 2 wishlists needed");
    const auto& owner = cast_.owners[0];
    const DemoOutcome owned =
        Send(AddToWishlist{d_.NewId(), owner.student, owner.course}, As(owner.student, "student"));
    ExpectRefusal(owned, "already_enrolled", "an owned course in a wishlist");
    const DemoOutcome archived =
        Send(AddToWishlist{lists[0].first, lists[0].second, CourseIdFor("old-excel-tricks")},
             As(lists[0].second, "student"));
    ExpectRefusal(archived, "course_not_available", "an archived course in a wishlist");
    const Uuid& intruder = lists[1].second;
    const DemoOutcome not_own =
        Send(AddToWishlist{lists[0].first, intruder, published_[0]}, As(intruder, "student"));
    ExpectRefusal(not_own, "not_own_wishlist", "someone else's wishlist");
  }

  DemoDriver& d_;
  const SkillspringQaCast& cast_;
  SkillspringDemoTotals* t_;
  std::vector<Uuid> mentors_;
  std::map<Uuid, Uuid> mentor_course_;  // a published course of each mentor
  std::set<Uuid> courses_;
  std::vector<Uuid> published_;
  std::set<std::pair<Uuid, Uuid>> owned_;  // student, course (not refunded)
  Uuid trailer_{};
  Uuid pending_trailer_{};
};

// Events of the skillspring marketplace in the log, by type.
std::map<std::string, int64_t> CountEvents(EventLog* log) {
  std::map<std::string, int64_t> count;
  for (int p = 0; p < log->partition_count(); ++p) {
    for (int64_t from = 0;;) {
      std::vector<RecordedEvent> batch;
      Status read = log->ReadPartition(p, from, 1000, &batch);
      if (!read.ok()) {
        throw std::runtime_error("skillspring report: reading the log: " + read.ToString());
      }
      if (batch.empty()) break;
      from = batch.back().offset + 1;
      for (const auto& e : batch) {
        if (e.marketplace == "skillspring") ++count[e.type];
      }
    }
  }
  return count;
}

}  // namespace

void RunSkillspringLearningDemo(DemoDriver& d, const SkillspringQaCast& cast,
                                SkillspringDemoTotals* totals) {
  LearningScenario(d, cast, totals).Run();
}

std::vector<DemoCheck> SkillspringLearningChecks(const std::string& db_uri, EventLog* log) {
  pqxx::connection conn(db_uri);
  pqxx::nontransaction tx(conn);
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  auto assets = [&](const std::string& status) {
    return scalar("SELECT count(*) FROM skillspring.media_assets WHERE transcoding_status = '" +
                  status + "'");
  };
  std::map<std::string, int64_t> events = CountEvents(log);
  const LearningAccepted& a = g_accepted;
  return {
      {"media_assets", a.uploads, scalar("SELECT count(*) FROM skillspring.media_assets"), false},
      {"  = MediaAssetUploaded events in the log", a.uploads, events["MediaAssetUploaded"], false},
      {"media assets ready", a.ready, assets("ready"), false},
      {"  = MediaAssetReady events in the log", a.ready, events["MediaAssetReady"], false},
      {"media assets processing", a.processing, assets("processing"), false},
      {"  = started - ready - failed events", a.processing,
       events["MediaProcessingStarted"] - events["MediaAssetReady"] -
           events["MediaProcessingFailed"],
       false},
      {"media assets failed + pending (all retried, reported)", 0,
       assets("failed") + assets("pending"), false},
      {"failures retried: MediaProcessingFailed = Retried", a.failures,
       events["MediaProcessingRetried"], false},
      {"ready videos without duration_seconds", 0,
       scalar("SELECT count(*) FROM skillspring.media_assets WHERE file_type = 'video' AND "
              "transcoding_status = 'ready' AND duration_seconds IS NULL"),
       false},
      {"course content edits = CourseContentEdited events", a.edits, events["CourseContentEdited"],
       false},
      {"courses whose hero video is a ready media asset", a.hero_videos,
       scalar("SELECT count(*) FROM skillspring.courses c JOIN skillspring.media_assets m ON "
              "m.url = c.hero_video_url AND m.transcoding_status = 'ready'"),
       false},
      {"wishlists", a.wishlists, scalar("SELECT count(*) FROM skillspring.wishlists"), false},
      {"  = WishlistCreated events in the log", a.wishlists, events["WishlistCreated"], false},
      {"wishlist_items", a.wishlist_items,
       scalar("SELECT count(*) FROM skillspring.wishlist_items"), false},
      {"  = WishlistItemAdded - WishlistItemRemoved events", a.wishlist_items,
       events["WishlistItemAdded"] - events["WishlistItemRemoved"], false},
      {"wishlist items of courses not published", 0,
       scalar("SELECT count(*) FROM skillspring.wishlist_items i JOIN skillspring.courses c ON "
              "c.id = i.course_id WHERE c.status <> 'published'"),
       false},
      {"wishlist items the student owns", 0,
       scalar("SELECT count(*) FROM skillspring.wishlist_items i JOIN skillspring.wishlists w ON "
              "w.id = i.wishlist_id JOIN skillspring.enrollments e ON e.student_id = w.student_id "
              "AND e.course_id = i.course_id AND e.refunded_at IS NULL"),
       false},
  };
}

}  // namespace edu
