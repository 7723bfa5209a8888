// Personal data sealed per person and erased by destroying the key (docs/gdpr.md): the cipher, the
// codec's erased values, and ForgetPerson through the real pipeline over the in-memory log.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "adapters/wiring/personal_data_layer.h"
#include "commands/pipeline.h"
#include "domain/mentorship/events.h"
#include "eventstore/chain_verifier.h"
#include "eventstore/memory_event_log.h"

namespace edu {
namespace {

const Uuid kAsha = *ParseUuid("11111111-1111-4111-8111-111111111111");
const Uuid kRavi = *ParseUuid("22222222-2222-4222-8222-222222222222");
const std::string kAdmin = "9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f";

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE(
    "personal data: a sealed value hides the plaintext and opens back with the person's key") {
  MemoryPersonKeyStore keys;
  PersonalDataCipher cipher(&keys);
  std::string payload =
      R"({"user_id":"11111111-1111-4111-8111-111111111111","email":"asha@example.in","name":"Asha Rao","city":null,"role":"student"})";
  const std::string original = payload;
  REQUIRE(cipher.Seal(kAsha, {"email", "name", "city", "phone"}, &payload).ok());
  CHECK_FALSE(Contains(payload, "asha@example.in"));
  CHECK_FALSE(Contains(payload, "Asha Rao"));
  CHECK(Contains(payload, R"("role":"student")"));  // other fields untouched
  CHECK(Contains(payload, R"("city":null)"));       // null stays null
  CHECK(Contains(payload,
                 R"({"pii":"v1","subject":"11111111-1111-4111-8111-111111111111","nonce":")"));

  std::string sealed_again = original;
  REQUIRE(cipher.Seal(kAsha, {"email", "name"}, &sealed_again).ok());
  CHECK(sealed_again != payload);  // a fresh random nonce each time

  std::string opened = payload;
  int erased = 0;
  REQUIRE(cipher.Open(&opened, &erased).ok());
  CHECK(opened == original);
  CHECK(erased == 0);

  REQUIRE(cipher.Forget(kAsha).ok());
  opened = payload;
  REQUIRE(cipher.Open(&opened, &erased).ok());
  CHECK(
      opened ==
      R"({"user_id":"11111111-1111-4111-8111-111111111111","email":null,"name":null,"city":null,"role":"student"})");
  CHECK(erased == 2);
  std::string more = original;
  Status refused = cipher.Seal(kAsha, {"email"}, &more);
  CHECK(refused.code() == Status::Code::kInvalidArgument);
  CHECK(Contains(refused.message(), "was forgotten"));
}

TEST_CASE(
    "personal data: edited ciphertext, another subject or a foreign key store never open "
    "silently") {
  MemoryPersonKeyStore keys;
  PersonalDataCipher cipher(&keys);
  std::string payload = R"({"email":"asha@example.in"})";
  REQUIRE(cipher.Seal(kAsha, {"email"}, &payload).ok());

  SUBCASE("a changed ciphertext byte fails authentication") {
    size_t ct = payload.find("\"ct\":\"") + 6;
    std::string edited = payload;
    edited[ct] = edited[ct] == 'A' ? 'B' : 'A';
    Status s = cipher.Open(&edited);
    CHECK(s.code() == Status::Code::kCorruption);
    CHECK(Contains(s.message(), "does not open"));
  }
  SUBCASE("the subject is associated data: moving the value to someone else fails") {
    std::string ravi_key;
    REQUIRE(keys.KeyForWriting(kRavi, &ravi_key).ok());
    std::string moved = payload;
    size_t at = moved.find(ToString(kAsha));
    moved.replace(at, 36, ToString(kRavi));
    CHECK(cipher.Open(&moved).code() == Status::Code::kCorruption);
  }
  SUBCASE("a key store that never held the key is an error, not an erasure") {
    MemoryPersonKeyStore other;
    PersonalDataCipher wrong(&other);
    std::string copy = payload;
    Status s = wrong.Open(&copy);
    CHECK(s.code() == Status::Code::kCorruption);
    CHECK(Contains(s.message(), "never held"));
  }
}

TEST_CASE("personal data: erased fields decode as Personal{erased}, sealed ones need the log") {
  mentorship::UserRegistered e;
  Status decoded = json::Decode(
      R"({"user_id":"11111111-1111-4111-8111-111111111111","role":"student","email":null,"name":null,"phone":null,"interests":[],"career_goals":[],"preferred_industries":[],"languages_spoken":[],"onboarding_completed":false})",
      &e, json::DecodeOptions{false});
  REQUIRE_MESSAGE(decoded.ok(), decoded.ToString());
  CHECK(e.email.erased);
  CHECK(e.name.erased);
  REQUIRE(e.phone.has_value());
  CHECK(e.phone->erased);
  CHECK_FALSE(e.city.has_value());  // absent stays absent
  CHECK(json::Encode(e).find(R"("email":null)") != std::string::npos);

  Status sealed = json::Decode(
      R"({"user_id":"11111111-1111-4111-8111-111111111111","role":"student","email":{"pii":"v1"},"name":"x"})",
      &e, json::DecodeOptions{false});
  CHECK(Contains(sealed.message(), "field 'email'"));
  CHECK(Contains(sealed.message(), "PersonalDataLog"));
}

class Harness {
 public:
  Harness() : log_(4) {
    RegisterAllMarketplaces(&registry_);
    layer_ = PersonalDataLayer::With(&keys_, registry_,
                                     [this](const Uuid& s) { forgotten_.push_back(s); });
    layer_->Wrap(&log_);
    pipeline_ = std::make_unique<CommandPipeline>(layer_->log(), &registry_, &policies_);
  }

  CommandResult Send(const std::string& type, const std::string& body, Actor actor) {
    CommandRequest r;
    r.command_id = DeriveUuid(EduledgerNamespace(), "personal-cmd-" + std::to_string(++counter_));
    r.type = type;
    r.body = body;
    r.actor = std::move(actor);
    r.now = *ParseIso8601("2026-11-02T09:00:00Z");
    r.metadata = {{"ip", "10.0.0.1"}, {"user_agent", "personal-data-test"}};
    return pipeline_->Handle(r);
  }
  void Require(const CommandResult& r) {
    REQUIRE_MESSAGE(r.ok(), (r.error ? r.error->code + ": " + r.error->message : std::string()));
  }
  std::string Code(const CommandResult& r) { return r.error ? r.error->code : "accepted"; }

  void RegisterAsha() {
    Require(
        Send("RegisterUser",
             fmt::format(R"({{"marketplace":"mentorship","user_id":"{}","email":"asha@example.in",
        "name":"Asha Rao","phone":"+91 9000000001","academic_level":"college","primary_language":"Telugu"}})",
                         ToString(kAsha)),
             Actor{ToString(kAsha), "student"}));
  }
  CommandResult Forget(const Uuid& who, const std::string& reason = "GDPR request 2026-114",
                       const std::string& role = "admin") {
    return Send("ForgetPerson",
                fmt::format(R"({{"marketplace":"mentorship","person_id":"{}","reason":"{}"}})",
                            ToString(who), reason),
                Actor{kAdmin, role});
  }

  std::string Stored(const std::string& stream) {
    std::vector<RecordedEvent> events;
    REQUIRE(log_.ReadStream(stream, 1, &events).ok());
    std::string all;
    for (const auto& e : events) all += e.payload;
    return all;
  }
  std::string Opened(const std::string& stream) {
    std::vector<RecordedEvent> events;
    REQUIRE(layer_->log()->ReadStream(stream, 1, &events).ok());
    std::string all;
    for (const auto& e : events) all += e.payload;
    return all;
  }

  MemoryEventLog log_;
  Registry registry_;
  Policies policies_;
  MemoryPersonKeyStore keys_;
  std::unique_ptr<PersonalDataLayer> layer_;
  std::unique_ptr<CommandPipeline> pipeline_;
  std::vector<Uuid> forgotten_;
  int counter_ = 0;
};

TEST_CASE("personal data: the log stores sealed values, the application reads them opened") {
  Harness h;
  h.RegisterAsha();
  const std::string stream = "mentorship.user-" + ToString(kAsha);
  std::string stored = h.Stored(stream);
  CHECK_FALSE(Contains(stored, "asha@example.in"));
  CHECK_FALSE(Contains(stored, "Asha Rao"));
  CHECK_FALSE(Contains(stored, "9000000001"));
  CHECK(Contains(stored, R"("primary_language":"Telugu")"));
  std::string opened = h.Opened(stream);
  CHECK(Contains(opened, R"("email":"asha@example.in")"));
  CHECK(Contains(opened, R"("name":"Asha Rao")"));
}

TEST_CASE(
    "personal data: ForgetPerson records the erasure, destroys the key, and nothing else changes") {
  Harness h;
  h.RegisterAsha();
  const std::string user = "mentorship.user-" + ToString(kAsha);
  const std::string stored_before = h.Stored(user);
  std::vector<RecordedEvent> before;
  REQUIRE(h.log_.ReadStream(user, 1, &before).ok());

  CHECK(h.Code(h.Forget(kAsha, "GDPR request", "support")) == "role_not_allowed");
  CHECK(h.Code(h.Forget(kAsha, "")) == "reason_required");
  CHECK(h.Code(h.Forget(kRavi)) == "person_not_found");
  CommandResult forgotten = h.Forget(kAsha);
  h.Require(forgotten);
  REQUIRE(forgotten.events.size() == 1);
  CHECK(forgotten.events[0].type == "PersonForgotten");
  CHECK(forgotten.stream_id == "mentorship.person-" + ToString(kAsha));
  CHECK(h.forgotten_ == std::vector<Uuid>{kAsha});
  CHECK(h.Code(h.Forget(kAsha)) == "person_already_forgotten");

  // The stored history is byte for byte what it was; the person's data reads back as erased.
  CHECK(h.Stored(user) == stored_before);
  std::string opened = h.Opened(user);
  CHECK(Contains(opened, R"("email":null)"));
  CHECK(Contains(opened, R"("name":null)"));
  CHECK(Contains(opened, R"("phone":null)"));
  CHECK(Contains(opened, R"("primary_language":"Telugu")"));
  std::vector<RecordedEvent> events;
  REQUIRE(h.layer_->log()->ReadStream(user, 1, &events).ok());
  mentorship::UserRegistered decoded;
  REQUIRE(json::Decode(events[0].payload, &decoded, json::DecodeOptions{false}).ok());
  CHECK(decoded.email.erased);
  CHECK(decoded.phone->erased);

  // Deciders still fold the stream: registering again is refused as a duplicate, not a crash.
  CommandResult again = h.Send(
      "RegisterUser",
      fmt::format(
          R"({{"marketplace":"mentorship","user_id":"{}","email":"x@example.in","name":"X"}})",
          ToString(kAsha)),
      Actor{ToString(kAsha), "student"});
  REQUIRE(again.error.has_value());
  CHECK(again.error->kind != ErrorKind::kInternal);

  // The chain still verifies over the stored form.
  ChainReport report;
  REQUIRE(VerifyChains(&h.log_, ChainVerifyOptions{}, &report).ok());
  CHECK(report.intact());
  CHECK(report.events == 2);
}

TEST_CASE(
    "personal data: a reader meeting PersonForgotten completes an erasure whose key survived") {
  Harness h;
  h.RegisterAsha();
  // Record the erasure straight on the log, as if the process died before destroying the key.
  AppendRequest request;
  request.stream_id = "mentorship.person-" + ToString(kAsha);
  NewEvent e;
  e.event_id = DeriveUuid(EduledgerNamespace(), "forgotten-directly");
  e.type = "PersonForgotten";
  e.marketplace = "mentorship";
  e.causation_id = e.event_id;
  e.correlation_id = e.event_id;
  e.actor = Actor{kAdmin, "admin"};
  e.payload = fmt::format(R"({{"person_id":"{}","reason":"r","requested_by":"{}"}})",
                          ToString(kAsha), kAdmin);
  request.events.push_back(e);
  AppendResult result;
  REQUIRE(h.log_.Append(request, &result).ok());
  PersonKeyStore::Lookup key;
  REQUIRE(h.keys_.KeyForReading(kAsha, &key).ok());
  REQUIRE(key.state == PersonKeyStore::KeyState::kLive);

  std::vector<RecordedEvent> all;
  for (int p = 0; p < h.log_.partition_count(); ++p) {
    std::vector<RecordedEvent> part;
    REQUIRE(h.layer_->log()->ReadPartition(p, 0, 100, &part).ok());
    all.insert(all.end(), part.begin(), part.end());
  }
  REQUIRE(h.keys_.KeyForReading(kAsha, &key).ok());
  CHECK(key.state == PersonKeyStore::KeyState::kDestroyed);
  CHECK(Contains(h.Opened("mentorship.user-" + ToString(kAsha)), R"("email":null)"));
}

TEST_CASE("personal data: every event type with personal fields names its data subject") {
  Registry registry;
  RegisterAllMarketplaces(&registry);
  int personal = 0;
  for (const EventTypeInfo& info : registry.EventTypes()) {
    bool has_personal = false;
    for (const FieldInfo& f : info.fields) has_personal |= f.personal;
    if (!has_personal) continue;
    ++personal;
    CAPTURE(info.marketplace + "." + info.type);
    REQUIRE(static_cast<bool>(info.ops));
    CHECK(info.ops->has_data_subject());
    Uuid subject;
    CHECK(info.ops->DataSubjectOf(info.ops->SamplePayload(), &subject).ok());
  }
  CHECK(personal >= 3);
}

}  // namespace
}  // namespace edu
