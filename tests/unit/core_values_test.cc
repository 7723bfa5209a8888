#include <numeric>
#include <random>

#include <doctest/doctest.h>

#include "domain/core/money.h"
#include "domain/core/time.h"
#include "domain/core/uuid.h"
#include "domain/mentorship/commands.h"
#include "eventstore/envelope_codec.h"
#include "eventstore/json_binding.h"

namespace edu {

TEST_SUITE("money") {
  TEST_CASE("largest remainder: parts always sum to the whole") {
    std::mt19937_64 rng(42);
    for (int i = 0; i < 20000; ++i) {
      int64_t total = static_cast<int64_t>(rng() % 10'000'000);
      size_t n = 1 + rng() % 5;
      std::vector<int64_t> weights;
      for (size_t k = 0; k < n; ++k) weights.push_back(static_cast<int64_t>(rng() % 10'000));
      if (std::accumulate(weights.begin(), weights.end(), int64_t{0}) == 0) weights[0] = 1;
      auto parts = SplitLargestRemainder(total, weights);
      REQUIRE(parts.size() == n);
      CHECK(std::accumulate(parts.begin(), parts.end(), int64_t{0}) == total);
      for (size_t k = 0; k < n; ++k) CHECK(parts[k] >= 0);
    }
  }

  TEST_CASE("splits are exact where exact and fair where not") {
    CHECK(SplitLargestRemainder(100000, {7000, 1500, 1500}) ==
          std::vector<int64_t>{70000, 15000, 15000});
    CHECK(SplitLargestRemainder(1, {7000, 1500, 1500}) == std::vector<int64_t>{1, 0, 0});
    CHECK(SplitLargestRemainder(10, {1, 1, 1}) ==
          std::vector<int64_t>{4, 3, 3});  // tie: earlier wins
    CHECK(SplitLargestRemainder(101, {6000, 3000, 1000}) == std::vector<int64_t>{61, 30, 10});
    CHECK(ShareOf(101, Percent(50)) == 51);
    CHECK(ShareOf(101, 0) == 0);
    CHECK(ShareOf(101, kWhole) == 101);
    CHECK(ShareOf(9'000'000'000'000'000'000, Percent(30)) == 2'700'000'000'000'000'000);
  }

  TEST_CASE("decimal text is exact in both directions") {
    CHECK(FormatDecimal(123450, 2) == "1234.50");
    CHECK(FormatDecimal(-5, 2) == "-0.05");
    CHECK(FormatDecimal(7, 0) == "7");
    CHECK(ParseDecimal("1234.5", 2) == 123450);
    CHECK(ParseDecimal("-0.05", 2) == -5);
    CHECK_FALSE(ParseDecimal("1.234", 2).has_value());
    CHECK_FALSE(ParseDecimal("abc", 2).has_value());
    CHECK_FALSE(ParseDecimal("99999999999999999999", 2).has_value());
    CHECK(FormatMoney(Money{123456789, "INR"}) == "INR 1,234,567.89");
    CHECK(MinorDigits("KES") == 2);
    CHECK_FALSE(MinorDigits("XXX").has_value());
  }
}

TEST_SUITE("time") {
  TEST_CASE("RFC 3339 round trips and zones") {
    auto t = ParseIso8601("2026-11-22T09:30:00.250000Z");
    REQUIRE(t);
    CHECK(FormatIso8601(*t) == "2026-11-22T09:30:00.250000Z");
    CHECK(ParseIso8601("2026-11-22T15:00:00+05:30")->micros ==
          ParseIso8601("2026-11-22T09:30:00Z")->micros);
    CHECK_FALSE(ParseIso8601("2026-11-22T09:30:00").has_value());  // no zone: refused
    CHECK_FALSE(ParseIso8601("2026-02-30T09:30:00Z").has_value());
    CHECK_FALSE(ParseIso8601("2026-11-22T24:00:00Z").has_value());
    CHECK(FormatIso8601(Timestamp{-1}) == "1969-12-31T23:59:59.999999Z");
  }

  TEST_CASE("calendar arithmetic") {
    Timestamp t = *ParseIso8601("2026-11-22T09:30:00Z");  // a Sunday
    CHECK(DayOfWeek(t) == 0);
    CHECK(FormatIso8601(StartOfIsoWeek(t)) == "2026-11-16T00:00:00Z");
    CHECK(FormatDate(DateOf(t)) == "2026-11-22");
    for (int64_t d = -800000; d < 800000; d += 997) {
      CHECK(DaysFromCivil(CivilFromDays(d)) == d);
    }
    CHECK(ParseDate("2024-02-29").has_value());
    CHECK_FALSE(ParseDate("2023-02-29").has_value());
  }
}

TEST_SUITE("uuid") {
  TEST_CASE("parse, print and derive") {
    auto id = ParseUuid("4F0C2E5A-9B1D-4C3E-8A7F-0123456789AB");
    REQUIRE(id);
    CHECK(ToString(*id) == "4f0c2e5a-9b1d-4c3e-8a7f-0123456789ab");
    CHECK_FALSE(ParseUuid("4f0c2e5a9b1d4c3e8a7f0123456789ab").has_value());
    CHECK_FALSE(ParseUuid("4f0c2e5a-9b1d-4c3e-8a7f-0123456789ag").has_value());
    CHECK(DeriveUuid(*id, "payment") == DeriveUuid(*id, "payment"));
    CHECK(DeriveUuid(*id, "payment") != DeriveUuid(*id, "payout"));
    CHECK(ParseStreamId("mentorship.session-4f0c2e5a-9b1d-4c3e-8a7f-0123456789ab")->category ==
          "mentorship.session");
    CHECK_FALSE(ParseStreamId("session-xyz").has_value());
  }
}

TEST_SUITE("json binding") {
  using mentorship::BookSession;

  const char* kValid = R"({"session_id":"44444444-4444-4444-8444-444444444444",
      "student_id":"11111111-1111-4111-8111-111111111111","mentor_id":"33333333-3333-4333-8333-333333333333",
      "scheduled_at":"2026-03-05T10:00:00Z","duration_minutes":60,"session_type":"exam_prep",
      "session_language":"Telugu","user_questions":["a","b"]})";

  TEST_CASE("a command decodes and re-encodes canonically") {
    BookSession c;
    REQUIRE(json::Decode(kValid, &c).ok());
    CHECK(c.duration_minutes == 60);
    CHECK(c.session_type == mentorship::SessionType::exam_prep);
    CHECK(c.user_questions.size() == 2);
    BookSession again;
    REQUIRE(json::Decode(json::Encode(c), &again).ok());
    CHECK(json::Encode(again) == json::Encode(c));
  }

  TEST_CASE("each kind of bad input gets its own precise message") {
    BookSession c;
    auto error = [&](const std::string& text) { return json::Decode(text, &c).message(); };
    CHECK(error("{\"session_id\": ").find("invalid JSON at offset") != std::string::npos);
    std::string s = kValid;
    CHECK(error(std::string(s).replace(s.find("\"duration_minutes\":60"), 21,
                                       "\"duration_minutes\":\"60\"")) ==
          "field 'duration_minutes': expected an integer, got a string");
    CHECK(error(std::string(s).replace(s.find("\"session_type\":\"exam_prep\""), 26,
                                       "\"session_type\":\"gossip\"")) ==
          "field 'session_type': 'gossip' is not one of 'academic_guidance', 'career_counseling' "
          "or 'exam_prep'");
    CHECK(error(std::string(s).replace(s.find("\"duration_minutes\":60,"), 22, "")) ==
          "missing required field 'duration_minutes'");
    CHECK(error(std::string(s).replace(s.find("\"duration_minutes\":60"), 21,
                                       "\"duration_minutes\":60,\"duraton\":1")) ==
          "unknown field 'duraton'");
    CHECK(error(std::string(s).replace(s.find("2026-03-05T10:00:00Z"), 20, "2026-03-05 10:00"))
              .find("field 'scheduled_at': '2026-03-05 10:00' is not an RFC 3339 timestamp") == 0);
    CHECK(
        error(std::string(s).replace(s.find("\"mentor_id\":\"33333333"), 13, "\"mentor_id\":\"3x"))
            .find("field 'mentor_id'") == 0);
    CHECK(error(std::string(s).replace(s.find("[\"a\",\"b\"]"), 9, "[\"a\",2]")) ==
          "field 'user_questions[1]': expected a string, got an integer");
    CHECK(error("[1,2]") == "the document: expected an object, got an array");
  }

  TEST_CASE("money needs minor units and a known currency") {
    mentorship::CapturePayment c;
    std::string base =
        R"({"session_id":"44444444-4444-4444-8444-444444444444","payment_id":"55555555-5555-4555-8555-555555555555",
        "payment_method":"upi","gateway":"razorpay","gateway_payment_id":"p","amount":)";
    CHECK(json::Decode(base + R"({"minor":100,"currency":"INR"}})", &c).ok());
    CHECK(json::Decode(base + R"({"minor":1.5,"currency":"INR"}})", &c).message() ==
          "field 'amount.minor': must be a whole number within 64-bit range");
    CHECK(json::Decode(base + R"({"minor":100,"currency":"ZZZ"}})", &c).message() ==
          "field 'amount.currency': 'ZZZ' is not a supported ISO 4217 currency");
    CHECK(json::Decode(base + R"(100})", &c).message().find("field 'amount': expected an object") ==
          0);
  }
}

TEST_SUITE("envelope") {
  TEST_CASE("the JSON envelope round trips and its hash covers every field") {
    RecordedEvent e;
    e.event_id = *ParseUuid("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
    e.type = "SessionBooked";
    e.schema_version = 1;
    e.stream_id = "mentorship.session-44444444-4444-4444-8444-444444444444";
    e.stream_version = 3;
    e.marketplace = "mentorship";
    e.occurred_at = Timestamp{1'767'225'600'123'456};
    e.recorded_at = Timestamp{1'767'225'600'223'456};
    e.causation_id = *ParseUuid("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb");
    e.correlation_id = *ParseUuid("cccccccc-cccc-4ccc-8ccc-cccccccccccc");
    e.actor = Actor{"11111111-1111-4111-8111-111111111111", "student"};
    e.metadata = {{"ip", "10.1.2.3"}};
    e.payload = R"({"amount":{"minor":120000,"currency":"INR"},"note":"caf\u00e9"})";
    e.partition = 5;
    e.offset = 99;
    SealEvent("00ff", &e);
    RecordedEvent back;
    REQUIRE(DecodeEnvelope(EncodeEnvelope(e), &back).ok());
    CHECK(EncodeEnvelope(back) == EncodeEnvelope(e));
    CHECK(back.hash == ChainHash(back.prev_hash, CanonicalForHash(back)));
    RecordedEvent edited = back;
    edited.actor.role = "admin";
    CHECK(ChainHash(edited.prev_hash, CanonicalForHash(edited)) != back.hash);
    edited = back;
    edited.prev_hash = "00fe";
    CHECK(ChainHash(edited.prev_hash, CanonicalForHash(edited)) != back.hash);
    CHECK(DecodeEnvelope("{\"type\":\"X\"}", &back).message().find("payload") != std::string::npos);
  }
}

}  // namespace edu
