#include "eventstore/json_binding.h"

#include <rapidjson/error/en.h>

namespace edu::json {

Status ParseDocument(std::string_view text, rapidjson::Document* doc) {
  // Parse(ptr, len): Kafka payloads and HTTP bodies are not NUL-terminated.
  doc->Parse(text.data(), text.size());
  if (doc->HasParseError()) {
    return Status::InvalidArgument("invalid JSON at offset " +
                                   std::to_string(doc->GetErrorOffset()) + ": " +
                                   rapidjson::GetParseError_En(doc->GetParseError()));
  }
  return Status::OK();
}

const char* JsonTypeName(const rapidjson::Value& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "a boolean";
    case rapidjson::kObjectType:
      return "an object";
    case rapidjson::kArrayType:
      return "an array";
    case rapidjson::kStringType:
      return "a string";
    case rapidjson::kNumberType:
      return v.IsInt64() || v.IsUint64() ? "an integer" : "a number";
  }
  return "?";
}

std::string PathOf(const std::string& parent, const char* field) {
  return parent.empty() ? std::string(field) : parent + "." + field;
}

namespace detail {

Status TypeError(const std::string& path, const char* expected, const rapidjson::Value& got) {
  std::string where = path.empty() ? "the document" : "field '" + path + "'";
  return Status::InvalidArgument(where + ": expected " + expected + ", got " + JsonTypeName(got));
}

Status ValueError(const std::string& path, const std::string& what) {
  std::string where = path.empty() ? "the document" : "field '" + path + "'";
  return Status::InvalidArgument(where + ": " + what);
}

}  // namespace detail

std::string Stringify(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  v.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace edu::json
