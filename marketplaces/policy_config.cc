#include "marketplaces/policy_config.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "domain/core/marketplace.h"
#include "eventstore/json_binding.h"
#include "marketplaces/marketplace_module.h"

namespace edu {
namespace {

std::string Shown(const rapidjson::Value& v) {
  if (v.IsString()) return fmt::format("\"{}\"", v.GetString());
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  if (v.IsInt64()) return std::to_string(v.GetInt64());
  if (v.IsNumber()) return fmt::format("{}", v.GetDouble());
  if (v.IsArray()) return "a JSON array";
  if (v.IsObject()) return "a JSON object";
  return json::JsonTypeName(v);  // null
}

// x with at most two decimals, as hundredths; nullopt otherwise.
std::optional<int64_t> Hundredths(const rapidjson::Value& v) {
  if (!v.IsNumber()) return std::nullopt;
  if (v.IsInt64()) {
    auto scaled = CheckedMul(v.GetInt64(), 100);
    return scaled;
  }
  double x = v.GetDouble() * 100.0;
  if (!std::isfinite(x) || std::fabs(x) > 9e15) return std::nullopt;
  double rounded = std::round(x);
  if (std::fabs(x - rounded) > 1e-6) return std::nullopt;
  return static_cast<int64_t>(rounded);
}

}  // namespace

Status ApplyPoliciesJson(std::string_view text, const std::string& source, Policies* out) {
  rapidjson::Document doc;
  Status parsed = json::ParseDocument(text, &doc);
  if (!parsed.ok()) return Status::InvalidArgument(source + ": " + parsed.message());
  if (!doc.IsObject()) {
    return Status::InvalidArgument(source +
                                   ": expected a JSON object with one section per "
                                   "marketplace, got " +
                                   Shown(doc));
  }
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
    std::string name = it->name.GetString();
    // One section per marketplace module, parsed by the module's own parser.
    const MarketplaceModule* entry = FindMarketplace(name);
    if (entry == nullptr) {
      return Status::InvalidArgument(fmt::format("{}: unknown section '{}' (expected {})", source,
                                                 name, EnumChoices<Marketplace>()));
    }
    if (entry->parse_policy == nullptr) {
      return Status::InvalidArgument(fmt::format(
          "{}: no parser for section '{}': its policy cannot be configured yet", source, name));
    }
    Status s = entry->parse_policy(it->value, out);
    if (!s.ok()) return Status::InvalidArgument(source + ": " + s.message());
  }
  return Status::OK();
}

Status LoadPolicies(const std::string& path, Policies* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument("policies file " + path + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  return ApplyPoliciesJson(text.str(), "policies file " + path, out);
}

// ---- PolicySection -----------------------------------------------------------------------------

Status PolicySection::Open(const rapidjson::Value& value, std::string path, PolicySection* out) {
  if (!value.IsObject()) {
    return Status::InvalidArgument(
        fmt::format("key '{}': expected a JSON object, got {}", path, Shown(value)));
  }
  out->object_ = &value;
  out->path_ = std::move(path);
  out->read_.clear();
  return Status::OK();
}

bool PolicySection::Has(const char* key) const { return object_->HasMember(key); }

bool PolicySection::HasAnyExcept(const char* except) const {
  for (auto it = object_->MemberBegin(); it != object_->MemberEnd(); ++it) {
    if (std::string(it->name.GetString()) != except) return true;
  }
  return false;
}

const rapidjson::Value* PolicySection::Find(const char* key) {
  read_.insert(key);
  auto it = object_->FindMember(key);
  return it == object_->MemberEnd() ? nullptr : &it->value;
}

Status PolicySection::Error(const char* key, const std::string& what) const {
  return Status::InvalidArgument(fmt::format("key '{}.{}': {}", path_, key, what));
}

Status PolicySection::Finish() const {
  for (auto it = object_->MemberBegin(); it != object_->MemberEnd(); ++it) {
    if (!read_.count(it->name.GetString())) {
      return Status::InvalidArgument(
          fmt::format("key '{}.{}': unknown key", path_, it->name.GetString()));
    }
  }
  return Status::OK();
}

Status PolicySection::Text(const char* key, std::string* out) {
  const auto* v = Find(key);
  if (!v) return Status::OK();
  if (!v->IsString() || v->GetStringLength() == 0) {
    return Error(key, "expected a non-empty string, got " + Shown(*v));
  }
  *out = v->GetString();
  return Status::OK();
}

Status PolicySection::Bool(const char* key, bool* out) {
  const auto* v = Find(key);
  if (!v) return Status::OK();
  if (!v->IsBool()) return Error(key, "expected true or false, got " + Shown(*v));
  *out = v->GetBool();
  return Status::OK();
}

Status PolicySection::Int(const char* key, int64_t min, int64_t max, int64_t* out) {
  const auto* v = Find(key);
  if (!v) return Status::OK();
  if (!v->IsInt64() || v->GetInt64() < min || v->GetInt64() > max) {
    return Error(key, fmt::format("expected an integer in {}..{}, got {}", min, max, Shown(*v)));
  }
  *out = v->GetInt64();
  return Status::OK();
}

Status PolicySection::Int(const char* key, int32_t min, int32_t max, int32_t* out) {
  int64_t wide = *out;
  EDU_RETURN_IF_ERROR(Int(key, int64_t{min}, int64_t{max}, &wide));
  *out = static_cast<int32_t>(wide);
  return Status::OK();
}

Status PolicySection::Percent(const char* key, BasisPoints* out) {
  const auto* v = Find(key);
  if (!v) return Status::OK();
  auto h = Hundredths(*v);
  if (!h || *h < 0 || *h > kWhole) {
    return Error(key,
                 "expected a percentage in 0..100 with at most two decimals, got " + Shown(*v));
  }
  *out = static_cast<BasisPoints>(*h);
  return Status::OK();
}

Status PolicySection::Duration(const char* key, Micros unit, const char* unit_name, Micros max,
                               Micros* out) {
  const auto* v = Find(key);
  if (!v) return Status::OK();
  auto h = Hundredths(*v);  // hundredths of the unit: 0.25 hours is exact
  Int128 micros = h ? static_cast<Int128>(*h) * unit / 100 : -1;
  if (!h || *h < 0 || micros > max) {
    return Error(key, fmt::format("expected a number of {} in 0..{} (at most two decimals), got {}",
                                  unit_name, max / unit, Shown(*v)));
  }
  *out = static_cast<Micros>(micros);
  return Status::OK();
}

Status PolicySection::Amount(const char* key, const std::string& currency, int64_t* minor) {
  const auto* v = Find(key);
  if (!v) return Status::OK();
  int digits = MinorDigits(currency).value_or(2);
  std::optional<int64_t> parsed;
  if (v->IsString()) {
    parsed = ParseDecimal(v->GetString(), digits);
  } else if (v->IsInt64()) {
    int64_t scale = 1;
    for (int i = 0; i < digits; ++i) scale *= 10;
    parsed = CheckedMul(v->GetInt64(), scale);
  }
  if (!parsed || *parsed < 0) {
    return Error(key, fmt::format("expected a non-negative {} amount with at most {} decimals "
                                  "(\"1000.00\" or 1000), got {}",
                                  currency, digits, Shown(*v)));
  }
  *minor = *parsed;
  return Status::OK();
}

Status PolicySection::Rating(const char* key, int32_t* hundredths) {
  const auto* v = Find(key);
  if (!v) return Status::OK();
  auto h = Hundredths(*v);
  if (!h || *h < 100 || *h > 500) {
    return Error(key, "expected a rating in 1..5 with at most two decimals, got " + Shown(*v));
  }
  *hundredths = static_cast<int32_t>(*h);
  return Status::OK();
}

Status PolicySection::PositiveIntList(const char* key, int32_t max, std::vector<int32_t>* out) {
  const auto* v = Find(key);
  if (!v) return Status::OK();
  if (!v->IsArray() || v->Empty())
    return Error(key, "expected a non-empty list of integers, got " + Shown(*v));
  std::vector<int32_t> list;
  for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
    const auto& item = (*v)[i];
    if (!item.IsInt64() || item.GetInt64() < 1 || item.GetInt64() > max) {
      return Error(
          key, fmt::format("item {}: expected an integer in 1..{}, got {}", i, max, Shown(item)));
    }
    int32_t n = static_cast<int32_t>(item.GetInt64());
    if (std::find(list.begin(), list.end(), n) != list.end()) {
      return Error(key, fmt::format("item {}: {} appears twice", i, n));
    }
    list.push_back(n);
  }
  *out = std::move(list);
  return Status::OK();
}

Status PolicySection::UtcOffset(const char* key, Micros* out) {
  const auto* v = Find(key);
  if (!v) return Status::OK();
  std::string s = v->IsString() ? v->GetString() : "";
  auto digit = [&](size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
  bool shaped = s.size() == 6 && (s[0] == '+' || s[0] == '-') && digit(1) && digit(2) &&
                s[3] == ':' && digit(4) && digit(5);
  int hours = shaped ? (s[1] - '0') * 10 + (s[2] - '0') : 99;
  int minutes = shaped ? (s[4] - '0') * 10 + (s[5] - '0') : 99;
  if (!shaped || hours > 14 || minutes > 59 || (hours == 14 && minutes > 0)) {
    return Error(key, "expected a UTC offset like \"+05:30\" (at most 14 hours), got " + Shown(*v));
  }
  Micros offset = Hours(hours) + Minutes(minutes);
  *out = s[0] == '-' ? -offset : offset;
  return Status::OK();
}

Status PolicySection::Nested(const char* key, const std::function<Status(PolicySection&)>& read) {
  const auto* v = Find(key);
  if (!v) return Status::OK();
  PolicySection nested;
  EDU_RETURN_IF_ERROR(Open(*v, path_ + "." + key, &nested));
  EDU_RETURN_IF_ERROR(read(nested));
  return nested.Finish();
}

}  // namespace edu
