#include "eventstore/envelope_codec.h"

#include <openssl/evp.h>

#include <rapidjson/document.h>
#include <rapidjson/reader.h>

#include "eventstore/json_binding.h"

namespace edu {
namespace {

void WriteString(json::Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// Writes the envelope fields shared by the canonical and full forms.
void WriteCore(json::Writer& w, const RecordedEvent& e) {
  w.Key("event_id");
  WriteString(w, ToString(e.event_id));
  w.Key("type");
  WriteString(w, e.type);
  w.Key("schema_version");
  w.Int(e.schema_version);
  w.Key("stream_id");
  WriteString(w, e.stream_id);
  w.Key("stream_version");
  w.Int64(e.stream_version);
  w.Key("marketplace");
  WriteString(w, e.marketplace);
  w.Key("occurred_at");
  WriteString(w, FormatIso8601(e.occurred_at));
  w.Key("recorded_at");
  WriteString(w, FormatIso8601(e.recorded_at));
  w.Key("causation_id");
  WriteString(w, ToString(e.causation_id));
  w.Key("correlation_id");
  WriteString(w, ToString(e.correlation_id));
  w.Key("actor");
  w.StartObject();
  w.Key("id");
  WriteString(w, e.actor.id);
  w.Key("role");
  WriteString(w, e.actor.role);
  w.EndObject();
  w.Key("metadata");
  w.StartObject();
  for (const auto& [k, v] : e.metadata) {
    w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    WriteString(w, v);
  }
  w.EndObject();
  w.Key("payload");
  w.RawValue(e.payload.data(), e.payload.size(), rapidjson::kObjectType);
}

}  // namespace

std::string CanonicalForHash(const RecordedEvent& e) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  WriteCore(w, e);
  w.Key("prev_hash");
  WriteString(w, e.prev_hash);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string EncodeEnvelope(const RecordedEvent& e) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  WriteCore(w, e);
  w.Key("partition");
  w.Int(e.partition);
  w.Key("offset");
  w.Int64(e.offset);
  w.Key("prev_hash");
  WriteString(w, e.prev_hash);
  w.Key("hash");
  WriteString(w, e.hash);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

namespace {

struct WireActor {
  std::string id;
  std::string role;
  EDU_FIELDS(id, role)
};

struct WireEnvelope {
  Uuid event_id;
  std::string type;
  int32_t schema_version = 1;
  std::string stream_id;
  int64_t stream_version = 0;
  std::string marketplace;
  Timestamp occurred_at;
  Timestamp recorded_at;
  Uuid causation_id;
  Uuid correlation_id;
  WireActor actor;
  std::map<std::string, std::string> metadata;
  std::optional<int32_t> partition;
  std::optional<int64_t> offset;
  std::optional<std::string> prev_hash;
  std::optional<std::string> hash;
  EDU_FIELDS(event_id, type, schema_version, stream_id, stream_version, marketplace, occurred_at,
             recorded_at, causation_id, correlation_id, actor, metadata, partition, offset,
             prev_hash, hash)
};

// Finds the exact bytes of the top-level "payload" value: the hash chain covers them, so a reader
// must not re-serialise (escapes, number spellings) what the writer sealed.
class RawPayloadFinder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RawPayloadFinder> {
 public:
  explicit RawPayloadFinder(const rapidjson::StringStream* stream) : stream_(stream) {}
  bool Default() { return Value(); }
  bool StartObject() { return Open(); }
  bool StartArray() { return Open(); }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool EndArray(rapidjson::SizeType) { return Close(); }
  bool Key(const char* s, rapidjson::SizeType len, bool) {
    if (depth_ == 1 && std::string_view(s, len) == "payload") start_ = stream_->Tell();
    return true;
  }
  size_t start() const { return start_; }
  size_t end() const { return end_; }

 private:
  bool Open() {
    ++depth_;
    return true;
  }
  bool Close() {
    --depth_;
    return Value();
  }
  bool Value() {
    if (depth_ == 1 && start_ != kNone && end_ == kNone) end_ = stream_->Tell();
    return true;
  }
  static constexpr size_t kNone = static_cast<size_t>(-1);
  const rapidjson::StringStream* stream_;
  int depth_ = 0;
  size_t start_ = kNone;
  size_t end_ = kNone;
};

// The payload's source text, or "" when it cannot be located.
std::string RawPayload(std::string_view text) {
  std::string copy(text);  // StringStream needs NUL termination
  rapidjson::StringStream stream(copy.c_str());
  RawPayloadFinder finder(&stream);
  rapidjson::Reader reader;
  if (reader.Parse(stream, finder).IsError() || finder.end() <= finder.start() ||
      finder.end() > copy.size()) {
    return "";
  }
  std::string_view raw(copy.data() + finder.start(), finder.end() - finder.start());
  size_t colon = raw.find(':');
  if (colon == std::string_view::npos) return "";
  raw.remove_prefix(colon + 1);
  while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t' || raw.front() == '\n' ||
                          raw.front() == '\r')) {
    raw.remove_prefix(1);
  }
  return std::string(raw);
}

}  // namespace

Status DecodeEnvelope(std::string_view text, RecordedEvent* out) {
  rapidjson::Document doc;
  EDU_RETURN_IF_ERROR(json::ParseDocument(text, &doc).Annotate("event envelope"));
  if (!doc.IsObject()) return Status::InvalidArgument("event envelope: expected a JSON object");
  auto payload = doc.FindMember("payload");
  if (payload == doc.MemberEnd()) {
    return Status::InvalidArgument("event envelope: missing required field 'payload'");
  }
  if (!payload->value.IsObject()) {
    return Status::InvalidArgument(std::string("event envelope: field 'payload': expected an "
                                               "object, got ") +
                                   json::JsonTypeName(payload->value));
  }
  WireEnvelope w;
  // Tolerant of extra members (payload is read separately above).
  EDU_RETURN_IF_ERROR(
      json::DecodeValue(doc, &w, json::DecodeOptions{false}).Annotate("event envelope"));
  out->event_id = w.event_id;
  out->type = w.type;
  out->schema_version = w.schema_version;
  out->stream_id = w.stream_id;
  out->stream_version = w.stream_version;
  out->marketplace = w.marketplace;
  out->occurred_at = w.occurred_at;
  out->recorded_at = w.recorded_at;
  out->causation_id = w.causation_id;
  out->correlation_id = w.correlation_id;
  out->actor = Actor{w.actor.id, w.actor.role};
  out->metadata = w.metadata;
  out->partition = w.partition.value_or(0);
  out->offset = w.offset.value_or(0);
  out->prev_hash = w.prev_hash.value_or("");
  out->hash = w.hash.value_or("");
  out->payload = RawPayload(text);
  if (out->payload.empty()) out->payload = json::Stringify(payload->value);
  return Status::OK();
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* kHex = "0123456789abcdef";
  std::string out(length * 2, '0');
  for (unsigned int i = 0; i < length; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 15];
  }
  return out;
}

std::string ChainHash(std::string_view prev_hash, std::string_view canonical) {
  std::string input;
  input.reserve(prev_hash.size() + 1 + canonical.size());
  input.append(prev_hash).append("\n").append(canonical);
  return Sha256Hex(input);
}

void SealEvent(const std::string& prev_hash, RecordedEvent* e) {
  e->prev_hash = prev_hash;
  e->hash = ChainHash(prev_hash, CanonicalForHash(*e));
}

}  // namespace edu
