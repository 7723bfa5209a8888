#include "adapters/config/audit_key.h"

namespace edu {

Status ResolveAuditKey(const std::string& key, const std::string& key_file, bool create,
                       SealKey* out, std::string* source) {
  if (!key.empty()) {
    if (source != nullptr) *source = "audit.key";
    return SealKey::FromBytes(key, out).Annotate("audit.key");
  }
  const std::string path = key_file.empty() ? DefaultSealKeyPath() : key_file;
  if (source != nullptr) *source = "key file " + path;
  return SealKey::FromFile(path, create, out);
}

}  // namespace edu
