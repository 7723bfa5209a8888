// Per-marketplace policies from the JSON policies file named in the configuration
// (`policies_file`, EDULEDGER_POLICIES_FILE, --policies). The file overrides the seed documents'
// defaults section by section:
//
//   {"mentorship": {"name": "mentorship-2026-07", "refunds": {"partial_refund_percent": 40}},
//    "peerloop": {...}, "skillspring": {...}, "uhs": {...}}
//
// Each top-level section is parsed by its marketplace's function below (one file each:
// marketplaces/<marketplace>/policy_config.cc), declared in its module (module.cc). Every bad
// value is an error naming the file and the full key:
//   policies file p.json: key 'mentorship.refunds.partial_refund_percent': expected a percentage
//   in 0..100 with at most two decimals, got 150
// Unknown keys are errors (a typo never silently keeps a default). A section that changes any
// rule must also give the policy a new "name": events record the name of the policy that produced
// their figures, and the default's name must keep meaning the defaults.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/policies.h"
#include "eventstore/status.h"

namespace edu {

// Reads the file at `path` into *out (which starts from whatever it holds, normally the defaults).
// InvalidArgument naming the file and key on any problem; *out is then unspecified.
Status LoadPolicies(const std::string& path, Policies* out);
// The same from text; `source` names it in messages ("policies file p.json").
Status ApplyPoliciesJson(std::string_view json, const std::string& source, Policies* out);

// Section parsers: `section` is the marketplace's JSON object. Errors name the key from the
// section's name on ("mentorship.refunds.partial_refund_percent").
Status ParseMentorshipPolicy(const rapidjson::Value& section, Policies* out);
Status ParseUhsPolicy(const rapidjson::Value& section, Policies* out);
Status ParseSkillspringPolicy(const rapidjson::Value& section, Policies* out);
Status ParsePeerloopPolicy(const rapidjson::Value& section, Policies* out);

// Reads one JSON object of a policies file with precise errors; shared by the section parsers.
// Every reader leaves its output unchanged when the key is absent. Finish() reports keys no reader
// asked for.
class PolicySection {
 public:
  // InvalidArgument unless `value` is an object.
  static Status Open(const rapidjson::Value& value, std::string path, PolicySection* out);

  const std::string& path() const { return path_; }
  bool Has(const char* key) const;
  // Whether any key other than `except` is present.
  bool HasAnyExcept(const char* except) const;

  Status Text(const char* key, std::string* out);  // non-empty string
  Status Bool(const char* key, bool* out);
  Status Int(const char* key, int64_t min, int64_t max, int64_t* out);
  Status Int(const char* key, int32_t min, int32_t max, int32_t* out);
  // A percentage 0..100 with at most two decimals (33.33), as basis points.
  Status Percent(const char* key, BasisPoints* out);
  // A non-negative number of `unit`s (24 hours, 0.5 hours) up to `max`, as microseconds.
  Status Duration(const char* key, Micros unit, const char* unit_name, Micros max, Micros* out);
  // An amount of `currency` as a decimal string ("1000.00") or number (1000), in minor units >= 0.
  Status Amount(const char* key, const std::string& currency, int64_t* minor);
  // A rating 1..5 with at most two decimals, in hundredths (3.5 -> 350).
  Status Rating(const char* key, int32_t* hundredths);
  // A non-empty list of distinct positive integers up to `max`.
  Status PositiveIntList(const char* key, int32_t max, std::vector<int32_t>* out);
  // A UTC offset "+05:30" / "-03:00" (at most 14 hours), as microseconds.
  Status UtcOffset(const char* key, Micros* out);
  // A nested object, read by `read`; its Finish() is checked.
  Status Nested(const char* key, const std::function<Status(PolicySection&)>& read);

  // "key '<path>.<key>': <what>"
  Status Error(const char* key, const std::string& what) const;
  // Unknown keys (the first one, named) or OK.
  Status Finish() const;

 private:
  const rapidjson::Value* Find(const char* key);
  const rapidjson::Value* object_ = nullptr;
  std::string path_;
  std::set<std::string> read_;
};

}  // namespace edu
