// Skillspring media assets (seed 003: media_assets). A mentor uploads (registers) a file for one
// of their courses or for themselves; the media adapter (role gateway, like the payment
// gateways) reports its transcoding as facts: started, ready (url, duration) or failed (reason),
// in the order MediaMachine allows; a report out of order is refused (media_report_out_of_order),
// so a late or repeated report cannot move a ready asset back. The mentor may retry a failed one.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "domain/core/decider.h"
#include "domain/skillspring/commands_learning.h"
#include "domain/skillspring/events_learning.h"
#include "domain/skillspring/media_machine.h"

namespace edu::skillspring {

struct MediaAssetState {
  bool exists = false;
  Uuid asset_id;
  Uuid owner_id;
  Uuid mentor_id;
  std::optional<Uuid> course_id;
  MediaFileType file_type = MediaFileType::video;
  std::string url;  // the upload's, then the transcoded one
  std::optional<int32_t> duration_seconds;
  MediaMachine machine;

  TranscodingStatus status() const { return machine.status(); }
};

struct MediaAssetDecider {
  static constexpr const char* kCategory = kMediaAssetCategory;
  static constexpr Marketplace kMarketplace = Marketplace::skillspring;
  using State = MediaAssetState;
  using Command = std::variant<UploadMediaAsset, StartMediaProcessing, CompleteMediaProcessing,
                               FailMediaProcessing, RetryMediaProcessing>;
  using Event = std::variant<MediaAssetUploaded, MediaProcessingStarted, MediaAssetReady,
                             MediaProcessingFailed, MediaProcessingRetried>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// An http(s) link of at most 2048 characters, or the rejection (invalid_media_url) naming field.
std::optional<Rejection> CheckMediaUrl(const std::string& url, const char* field);

}  // namespace edu::skillspring
