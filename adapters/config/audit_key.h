// The audit key that signs the event log's partition heads (eventstore/head_seal.h), from
// configuration: audit.key itself, else the file audit.key_file, else the default file
// (DefaultSealKeyPath()). Writers (serve, demo, bench) create a missing file; verifiers never do,
// so that `audit verify` with a mistyped path says so instead of checking against a new key.
#pragma once

#include <string>

#include "adapters/config/config.h"
#include "eventstore/head_seal.h"

namespace edu {

// `source` (optional) says where the key came from, for messages ("audit.key", "file ...").
Status ResolveAuditKey(const std::string& key, const std::string& key_file, bool create,
                       SealKey* out, std::string* source = nullptr);
inline Status ResolveAuditKey(const Config& config, bool create, SealKey* out,
                              std::string* source = nullptr) {
  return ResolveAuditKey(config.audit_key, config.audit_key_file, create, out, source);
}

}  // namespace edu
