#include "adapters/http/json_guard.h"

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace edu {
namespace {

// A key as it may appear in a message: bounded and printable.
std::string Printable(const char* text, size_t length) {
  std::string out;
  for (size_t i = 0; i < length && i < 80; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    out += std::isprint(c) ? static_cast<char>(c) : '?';
  }
  return length > 80 ? out + "..." : out;
}

class BoundsHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, BoundsHandler> {
 public:
  explicit BoundsHandler(int max_depth) : max_depth_(max_depth) {}

  bool StartObject() {
    if (!Enter()) return false;
    levels_.push_back(Level{true, {}, ""});
    return true;
  }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    Level& level = levels_.back();
    level.key = Printable(text, length);
    if (!level.keys.emplace(text, length).second) {
      rejection_ = Rejection{ErrorKind::kMalformed, codes::kDuplicateKey.code,
                             "the JSON body has the key '" + Path() + "' twice"};
      return false;
    }
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    levels_.pop_back();
    return true;
  }
  bool StartArray() {
    if (!Enter()) return false;
    levels_.push_back(Level{false, {}, ""});
    return true;
  }
  bool EndArray(rapidjson::SizeType) {
    levels_.pop_back();
    return true;
  }

  const std::optional<Rejection>& rejection() const { return rejection_; }

 private:
  struct Level {
    bool object = false;
    std::set<std::string> keys;
    std::string key;  // the current key of an object level
  };

  bool Enter() {
    if (static_cast<int>(levels_.size()) >= max_depth_) {
      rejection_ = Rejection{ErrorKind::kMalformed, codes::kJsonTooDeep.code,
                             "the JSON body nests arrays and objects deeper than " +
                                 std::to_string(max_depth_) + " levels"};
      return false;
    }
    return true;
  }

  std::string Path() const {
    std::string out;
    for (const Level& level : levels_) {
      if (!level.object) {
        out += "[]";
        continue;
      }
      out += (out.empty() ? "" : ".") + level.key;
    }
    return out;
  }

  int max_depth_;
  std::vector<Level> levels_;
  std::optional<Rejection> rejection_;
};

}  // namespace

std::optional<Rejection> CheckJsonBounds(std::string_view body, int max_depth) {
  BoundsHandler handler(max_depth);
  rapidjson::Reader reader;
  rapidjson::MemoryStream stream(body.data(), body.size());
  reader.Parse<rapidjson::kParseIterativeFlag>(stream, handler);
  return handler.rejection();
}

}  // namespace edu
