#include "eventstore/event_log.h"

namespace edu {

std::string ExpectedVersion::ToString() const {
  switch (kind) {
    case Kind::kAny:
      return "any";
    case Kind::kNoStream:
      return "no stream";
    case Kind::kStreamExists:
      return "stream exists";
    case Kind::kExact:
      return "version " + std::to_string(version);
  }
  return "?";
}

Status WrongExpectedVersionError(const std::string& stream_id, int64_t current,
                                 const ExpectedVersion& expected) {
  return Status::WrongExpectedVersion("stream " + stream_id + " is at version " +
                                      std::to_string(current) + ", expected " +
                                      expected.ToString());
}

uint32_t Murmur2(std::string_view data) {
  const uint32_t seed = 0x9747b28c;
  const uint32_t m = 0x5bd1e995;
  const int r = 24;
  size_t length = data.size();
  uint32_t h = seed ^ static_cast<uint32_t>(length);
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  size_t length4 = length / 4;
  for (size_t i = 0; i < length4; ++i) {
    size_t i4 = i * 4;
    uint32_t k = (bytes[i4 + 0] & 0xffu) + ((bytes[i4 + 1] & 0xffu) << 8) +
                 ((bytes[i4 + 2] & 0xffu) << 16) + ((bytes[i4 + 3] & 0xffu) << 24);
    k *= m;
    k ^= k >> r;
    k *= m;
    h *= m;
    h ^= k;
  }
  size_t tail = length & ~size_t{3};
  switch (length % 4) {
    case 3:
      h ^= (bytes[tail + 2] & 0xffu) << 16;
      [[fallthrough]];
    case 2:
      h ^= (bytes[tail + 1] & 0xffu) << 8;
      [[fallthrough]];
    case 1:
      h ^= bytes[tail] & 0xffu;
      h *= m;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return h & 0x7fffffff;
}

int EventLog::PartitionOf(std::string_view stream_id) const {
  return static_cast<int>(Murmur2(stream_id) % static_cast<uint32_t>(partition_count()));
}

Status EventLog::StreamVersion(const std::string& stream_id, int64_t* version) {
  std::vector<RecordedEvent> events;
  EDU_RETURN_IF_ERROR(ReadStream(stream_id, 1, &events));
  *version = events.empty() ? 0 : events.back().stream_version;
  return Status::OK();
}

}  // namespace edu
