#include "eventstore/upcasters.h"

#include "eventstore/json_binding.h"

namespace edu {

void Upcasters::Register(const std::string& marketplace, const std::string& type, int from, Fn fn) {
  steps_[{marketplace, type, from}] = std::move(fn);
}

Status Upcasters::Upcast(const std::string& marketplace, const std::string& type, int version,
                         int target, std::string* payload) const {
  if (version == target) return Status::OK();
  if (version > target) {
    return Status::Corruption(marketplace + "." + type + " schema version " +
                              std::to_string(version) + " is newer than this build knows (" +
                              std::to_string(target) + "); upgrade eduledger to read it");
  }
  rapidjson::Document doc;
  EDU_RETURN_IF_ERROR(json::ParseDocument(*payload, &doc));
  for (int v = version; v < target; ++v) {
    auto it = steps_.find({marketplace, type, v});
    if (it == steps_.end()) {
      return Status::Corruption("no upcaster for " + marketplace + "." + type +
                                " from schema version " + std::to_string(v) + " to " +
                                std::to_string(v + 1));
    }
    EDU_RETURN_IF_ERROR(it->second(doc).Annotate("upcasting " + type + " v" + std::to_string(v)));
  }
  *payload = json::Stringify(doc);
  return Status::OK();
}

Upcasters& Upcasters::Global() {
  static Upcasters instance;
  return instance;
}

}  // namespace edu
