// Stream ids: "<marketplace>.<aggregate>-<uuid>", e.g. "mentorship.session-4f0c...". The category
// (the part before the last '-<uuid>') selects the decider that folds the stream.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/core/uuid.h"

namespace edu {

inline std::string StreamId(std::string_view category, const Uuid& id) {
  std::string out(category);
  out += '-';
  out += ToString(id);
  return out;
}

struct ParsedStreamId {
  std::string category;
  Uuid id;
};

// nullopt unless the text is "<category>-<canonical uuid>" with a non-empty category.
inline std::optional<ParsedStreamId> ParseStreamId(std::string_view stream_id) {
  if (stream_id.size() < 38 || stream_id[stream_id.size() - 37] != '-') return std::nullopt;
  auto id = ParseUuid(stream_id.substr(stream_id.size() - 36));
  if (!id) return std::nullopt;
  return ParsedStreamId{std::string(stream_id.substr(0, stream_id.size() - 37)), *id};
}

}  // namespace edu
