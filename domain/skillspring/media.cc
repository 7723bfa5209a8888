#include "domain/skillspring/media.h"

#include <algorithm>
#include <cctype>

#include "domain/skillspring/course.h"
#include "domain/skillspring/people.h"
#include "domain/skillspring/rules.h"

namespace edu::skillspring {
namespace {

using Event = MediaAssetDecider::Event;

std::string Lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool IsToken(const std::string& s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '+' || c == '.' || c == '_';
  });
}

// type/subtype of file_type's family: image/* for images, video/* for videos, anything else
// (application/pdf, text/plain, ...) for documents.
std::optional<Rejection> CheckMimeType(const std::string& mime, MediaFileType type) {
  const size_t slash = mime.find('/');
  const bool well_formed = slash != std::string::npos && IsToken(mime.substr(0, slash)) &&
                           IsToken(mime.substr(slash + 1)) && mime.size() <= 255;
  const std::string family = well_formed ? mime.substr(0, slash) : "";
  const bool agrees = type == MediaFileType::image   ? family == "image"
                      : type == MediaFileType::video ? family == "video"
                                                     : family != "image" && family != "video";
  if (well_formed && agrees) return std::nullopt;
  return Reject(codes::kInvalidMimeType, "mime_type '{}' is not a MIME type of a {} file", mime,
                EnumName(type));
}

int64_t MaxBytes(MediaFileType type) {
  switch (type) {
    case MediaFileType::image:
      return kMaxImageBytes;
    case MediaFileType::video:
      return kMaxVideoBytes;
    case MediaFileType::document:
      return kMaxDocumentBytes;
  }
  return 0;
}

Rejection Missing(const Uuid& id) {
  return Reject(codes::kMediaAssetNotFound, "media asset {} was never uploaded", ToString(id));
}

Rejection OutOfOrder(const MediaAssetState& s, const char* report) {
  return Reject(codes::kMediaReportOutOfOrder, "media asset {} is {}; the adapter cannot report {}",
                ToString(s.asset_id), EnumName(s.status()), report);
}

Decision<Event> Upload(const UploadMediaAsset& c, const MediaAssetState& s,
                       const DecisionContext& ctx) {
  if (!Is(ctx.actor, c.mentor_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotOwnAccount, "mentors upload media as themselves");
  }
  if (s.exists) {
    return Reject(codes::kMediaAssetAlreadyExists, "media asset {} was already uploaded",
                  ToString(c.asset_id));
  }
  const UserState* mentor = ctx.refs->Find<UserState>(UserStream(c.mentor_id));
  if (!mentor || !mentor->exists || mentor->role != UserRole::mentor) {
    return Reject(codes::kMentorNotFound, "mentor {} is not registered", ToString(c.mentor_id));
  }
  if (c.course_id) {
    const CourseState* course = ctx.refs->Find<CourseState>(CourseStream(*c.course_id));
    if (!course || !course->exists) {
      return Reject(codes::kCourseNotFound, "course {} does not exist", ToString(*c.course_id));
    }
    if (course->mentor_id != c.mentor_id) {
      return Reject(codes::kNotOwnCourse, "course {} is another mentor's", ToString(*c.course_id));
    }
    if (course->status() == CourseStatus::archived) {
      return Reject(codes::kCourseArchived, "course {} is archived", ToString(*c.course_id));
    }
  }
  const std::string mime = Lowercase(TrimmedText(c.mime_type));
  if (auto bad = CheckMimeType(mime, c.file_type)) return *bad;
  if (c.size_bytes < 1 || c.size_bytes > MaxBytes(c.file_type)) {
    return Reject(codes::kInvalidFileSize, "a {} file has 1..{} bytes; this one has {}",
                  EnumName(c.file_type), MaxBytes(c.file_type), c.size_bytes);
  }
  if (auto bad = CheckMediaUrl(c.url, "url")) return *bad;
  MediaAssetUploaded e;
  e.asset_id = c.asset_id;
  e.owner_id = c.course_id ? *c.course_id : c.mentor_id;
  e.mentor_id = c.mentor_id;
  e.course_id = c.course_id;
  e.file_type = c.file_type;
  e.mime_type = mime;
  e.url = c.url;
  e.size_bytes = c.size_bytes;
  return e;
}

Decision<Event> Start(const StartMediaProcessing& c, const MediaAssetState& s,
                      const DecisionContext&) {
  if (!s.exists) return Missing(c.asset_id);
  if (!s.machine.Allows(TranscodingTrigger::start_processing)) {
    return OutOfOrder(s, "processing started");
  }
  return MediaProcessingStarted{c.asset_id};
}

Decision<Event> Complete(const CompleteMediaProcessing& c, const MediaAssetState& s,
                         const DecisionContext&) {
  if (!s.exists) return Missing(c.asset_id);
  if (!s.machine.Allows(TranscodingTrigger::finish)) return OutOfOrder(s, "it ready");
  if (auto bad = CheckMediaUrl(c.url, "url")) return *bad;
  if (s.file_type == MediaFileType::video) {
    if (!c.duration_seconds || *c.duration_seconds < 1 || *c.duration_seconds > kMaxVideoSeconds) {
      return Reject(codes::kInvalidDuration, "a ready video lasts 1..{} seconds", kMaxVideoSeconds);
    }
  } else if (c.duration_seconds) {
    return Reject(codes::kInvalidDuration, "a {} has no duration", EnumName(s.file_type));
  }
  return MediaAssetReady{c.asset_id, c.url, c.duration_seconds};
}

Decision<Event> Fail(const FailMediaProcessing& c, const MediaAssetState& s,
                     const DecisionContext&) {
  if (!s.exists) return Missing(c.asset_id);
  if (!s.machine.Allows(TranscodingTrigger::fail)) return OutOfOrder(s, "it failed");
  const std::string reason = TrimmedText(c.reason);
  if (reason.empty()) {
    return Reject(codes::kReasonRequired, "say why transcoding failed (reason)");
  }
  return MediaProcessingFailed{c.asset_id, reason};
}

Decision<Event> Retry(const RetryMediaProcessing& c, const MediaAssetState& s,
                      const DecisionContext& ctx) {
  if (!s.exists) return Missing(c.asset_id);
  if (!Is(ctx.actor, s.mentor_id) && !IsAdmin(ctx.actor)) {
    return Reject(codes::kNotOwnMedia, "media asset {} is another mentor's", ToString(c.asset_id));
  }
  if (!s.machine.Allows(TranscodingTrigger::retry)) {
    return Reject(codes::kIllegalTransition, "media asset {} is {}; only a failed one is retried",
                  ToString(c.asset_id), EnumName(s.status()));
  }
  return MediaProcessingRetried{c.asset_id};
}

}  // namespace

std::optional<Rejection> CheckMediaUrl(const std::string& url, const char* field) {
  const bool linked = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
  const bool plain = std::none_of(
      url.begin(), url.end(), [](unsigned char c) { return std::isspace(c) || std::iscntrl(c); });
  if (linked && plain && url.size() > 8 && url.size() <= static_cast<size_t>(kUrl)) {
    return std::nullopt;
  }
  return Reject(codes::kInvalidMediaUrl, "{} '{}' is not an http(s) link of at most {} characters",
                field, url.substr(0, 80), kUrl);
}

Decision<Event> MediaAssetDecider::decide(const Command& command, const State& state,
                                          const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const UploadMediaAsset& c) { return Upload(c, state, ctx); },
                 [&](const StartMediaProcessing& c) { return Start(c, state, ctx); },
                 [&](const CompleteMediaProcessing& c) { return Complete(c, state, ctx); },
                 [&](const FailMediaProcessing& c) { return Fail(c, state, ctx); },
                 [&](const RetryMediaProcessing& c) { return Retry(c, state, ctx); }},
      command);
}

MediaAssetState MediaAssetDecider::evolve(State s, const Event& event) {
  std::visit(
      Overloaded{[&](const MediaAssetUploaded& e) {
                   s.exists = true;
                   s.asset_id = e.asset_id;
                   s.owner_id = e.owner_id;
                   s.mentor_id = e.mentor_id;
                   s.course_id = e.course_id;
                   s.file_type = e.file_type;
                   s.url = e.url;
                 },
                 [&](const MediaProcessingStarted&) {
                   s.machine.Fire(TranscodingTrigger::start_processing);
                 },
                 [&](const MediaAssetReady& e) {
                   s.machine.Fire(TranscodingTrigger::finish);
                   s.url = e.url;
                   s.duration_seconds = e.duration_seconds;
                 },
                 [&](const MediaProcessingFailed&) { s.machine.Fire(TranscodingTrigger::fail); },
                 [&](const MediaProcessingRetried&) { s.machine.Fire(TranscodingTrigger::retry); }},
      event);
  return s;
}

}  // namespace edu::skillspring
