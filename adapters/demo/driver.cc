#include "adapters/demo/driver.h"

#include <stdexcept>

#include "adapters/auth/jwt.h"
#include "eventstore/json_binding.h"

namespace edu {

DemoDriver::DemoDriver(HttpClient* client, std::string jwt_secret, ManualClock* clock,
                       uint64_t seed)
    : client_(client),
      secret_(std::move(jwt_secret)),
      clock_(clock),
      rng_(seed),
      id_namespace_(DeriveUuid(EduledgerNamespace(), "demo-seed-" + std::to_string(seed))) {}

Uuid DemoDriver::NewId() { return DeriveUuid(id_namespace_, std::to_string(++id_counter_)); }

std::string DemoDriver::TokenFor(const Actor& actor) {
  auto it = tokens_.find(actor.id + "/" + actor.role);
  if (it != tokens_.end()) return it->second;
  JwtClaims claims;
  claims.sub = actor.id;
  claims.role = actor.role;
  // The demo's clock runs weeks ahead in minutes; the token outlives the simulated period.
  claims.exp = clock_->Now().micros / kMicrosPerSecond + 365LL * 86400;
  std::string token = SignJwt(claims, secret_);
  tokens_[actor.id + "/" + actor.role] = token;
  return token;
}

DemoOutcome DemoDriver::Send(const std::string& type, const std::string& body, const Actor& actor) {
  return SendWithKey(type, body, actor, NewId());
}

DemoOutcome DemoDriver::SendWithKey(const std::string& type, const std::string& body,
                                    const Actor& actor, const Uuid& key) {
  return SendRaw(
      type, body,
      {{"Authorization", "Bearer " + TokenFor(actor)}, {"Idempotency-Key", ToString(key)}});
}

DemoOutcome DemoDriver::SendRaw(const std::string& type, const std::string& body,
                                const std::map<std::string, std::string>& headers) {
  HttpResponse response;
  Status s = client_->Post("/v1/commands/" + type, body, headers, &response);
  if (!s.ok()) throw std::runtime_error("demo: the command API did not answer: " + s.message());
  ++commands_;
  return Decode(response, type);
}

std::vector<FiredDeadline> DemoDriver::RunScheduler() {
  if (!scheduler_) throw std::runtime_error("demo: no scheduler to run");
  std::vector<FiredDeadline> fired = scheduler_();
  for (const FiredDeadline& f : fired) {
    for (const auto& e : f.result.events) {
      auto& hw = high_water_[e.partition];
      hw = std::max(hw, e.offset);
    }
    fired_.push_back(f);
  }
  return fired;
}

const FiredDeadline* DemoDriver::FiredFor(const std::string& kind,
                                          const std::string& stream_id) const {
  for (auto it = fired_.rbegin(); it != fired_.rend(); ++it) {
    if (it->deadline.kind == kind && it->deadline.stream_id == stream_id) return &*it;
  }
  return nullptr;
}

DemoOutcome DemoDriver::Decode(const HttpResponse& response, const std::string& type) {
  DemoOutcome out;
  out.http_status = response.status;
  if (response.status == 200) {
    Status s = DecodeCommandResult(response.body, &out.result);
    if (!s.ok()) throw std::runtime_error("demo: unreadable command result: " + s.message());
    ++accepted_[type];
    for (const auto& e : out.result.events) {
      auto& hw = high_water_[e.partition];
      hw = std::max(hw, e.offset);
    }
    return out;
  }
  rapidjson::Document doc;
  if (json::ParseDocument(response.body, &doc).ok() && doc.IsObject() && doc.HasMember("error") &&
      doc["error"].IsObject()) {
    const auto& error = doc["error"];
    if (error.HasMember("code") && error["code"].IsString()) out.code = error["code"].GetString();
    if (error.HasMember("message") && error["message"].IsString()) {
      out.message = error["message"].GetString();
    }
  }
  if (out.code.empty()) out.code = "http_" + std::to_string(response.status);
  ++rejected_[out.code];
  return out;
}

std::string DemoName(std::mt19937_64& rng) {
  static const char* kFirst[] = {
      "Aarav",  "Vivaan", "Aditya", "Ananya", "Diya",    "Ishaan", "Kavya",   "Lakshmi", "Meera",
      "Nikhil", "Priya",  "Rahul",  "Sai",    "Sneha",   "Tanvi",  "Varun",   "Harini",  "Karthik",
      "Pooja",  "Rohan",  "Divya",  "Arjun",  "Bhavana", "Charan", "Deepika", "Gautam",  "Jahnavi"};
  static const char* kLast[] = {"Sharma", "Reddy", "Iyer",  "Naidu", "Patel",    "Rao",
                                "Gupta",  "Menon", "Kumar", "Verma", "Chowdary", "Pillai",
                                "Das",    "Joshi", "Nair",  "Bose",  "Kapoor",   "Varma"};
  std::string first = kFirst[rng() % (sizeof kFirst / sizeof *kFirst)];
  std::string last = kLast[rng() % (sizeof kLast / sizeof *kLast)];
  return first + " " + last;
}

}  // namespace edu
