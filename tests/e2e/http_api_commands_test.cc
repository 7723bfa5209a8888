// The HTTP command API accepting and refusing commands: accepted with the events' log positions,
// command ids with and without an Idempotency-Key, each bad request's specific error (nothing
// appended), retries answered with the first result, and an unavailable log.
#include "tests/e2e/http_api_fixtures.h"

namespace edu {

using namespace http_api_fixtures;

TEST_CASE("http api: a valid RegisterUser is accepted with the events' log positions") {
  ApiFixture f;
  std::string id = NewId();
  std::string key = NewId();
  std::string correlation = NewId();
  Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"),
                      {{"Idempotency-Key", key}, {"X-Correlation-Id", correlation}});
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.headers["content-type"] == "application/json");
  // The command id is the Idempotency-Key scoped to the actor (issue 11 #7).
  const std::string command_id = ToString(DeriveUuid(*ParseUuid(key), "actor:" + id));
  CHECK(r.headers["x-command-id"] == command_id);
  CHECK(r.Str("status") == "accepted");
  CHECK(r.Str("command_id") == command_id);
  CHECK(r.json["replayed"].GetBool() == false);
  std::string stream = "mentorship.user-" + id;
  CHECK(r.Str("stream_id") == stream);
  CHECK(r.json["stream_version"].GetInt64() == 1);
  REQUIRE(r.json["events"].Size() == 1);
  const auto& e = r.json["events"][0];
  CHECK(std::string(e["type"].GetString()) == "UserRegistered");
  CHECK(e["partition"].GetInt() == f.memory_.PartitionOf(stream));
  CHECK(e["offset"].GetInt64() == 0);
  CHECK(f.TotalEvents() == 1);

  // What the log keeps: actor from the token, time from the server clock, request metadata.
  std::vector<RecordedEvent> events;
  REQUIRE(f.memory_.ReadStream(stream, 1, &events).ok());
  REQUIRE(events.size() == 1);
  CHECK(events[0].actor == Actor{id, "student"});
  CHECK(events[0].occurred_at == kStart);
  CHECK(ToString(events[0].causation_id) == command_id);
  CHECK(ToString(events[0].correlation_id) == correlation);
  CHECK(events[0].metadata.at("ip") == "127.0.0.1");
  CHECK(events[0].metadata.at("user_agent") == "http-api-test/1");
}

TEST_CASE("http api: without an Idempotency-Key the server picks a fresh command id") {
  ApiFixture f;
  std::string id = NewId();
  Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"));
  REQUIRE(r.status == 200);
  auto command_id = ParseUuid(r.Str("command_id"));
  REQUIRE(command_id.has_value());
  CHECK(command_id->version() == boost::uuids::uuid::version_random_number_based);
}

TEST_CASE("http api: each bad request gets its specific error and appends nothing") {
  ApiFixture f;
  std::string student = f.RegisterStudent();
  const int64_t before = f.TotalEvents();
  REQUIRE(before == 1);
  std::string id = NewId();
  std::string token = f.Token(id, "student");

  SUBCASE("malformed JSON") {
    Response r = f.Post("RegisterUser", R"({"marketplace": "mentorship", )", token);
    CHECK_REFUSED(r, f, before, 400, "malformed_json");
  }
  SUBCASE("unknown command type") {
    Response r = f.Post("RegisterUsr", ApiFixture::RegisterBody(id), token);
    CHECK_REFUSED(r, f, before, 404, "unknown_command_type");
  }
  SUBCASE("missing field") {
    Response r =
        f.Post("RegisterUser",
               R"({"marketplace":"mentorship","user_id":")" + id + R"(","name":"A"})", token);
    CHECK_REFUSED(r, f, before, 400, "missing_field");
    CHECK(r.Str("error", "message").find("email") != std::string::npos);
  }
  SUBCASE("negative amount") {
    std::string body =
        R"({"marketplace":"mentorship","mentor_id":")" + NewId() + R"(","user_id":")" + student +
        R"(","title":"Engineer","experience_years":5,"student_levels_served":["college"],)"
        R"("hourly_rate":{"minor":-5,"currency":"INR"},"primary_language":"en"})";
    Response r = f.Post("ApplyAsMentor", body, f.Token(student, "mentor"));
    CHECK_REFUSED(r, f, before, 422, "invalid_amount");
  }
  SUBCASE("missing token") {
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), "");
    CHECK_REFUSED(r, f, before, 401, "unauthenticated");
    CHECK(r.headers["www-authenticate"] == "Bearer realm=\"eduledger\"");
  }
  SUBCASE("invalid token") {
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), token + "x");
    CHECK_REFUSED(r, f, before, 401, "invalid_token");
    CHECK(r.headers["www-authenticate"].find("error=\"invalid_token\"") != std::string::npos);
  }
  SUBCASE("a token signed with another secret") {
    JwtClaims c{id, "admin", kStart.micros / kMicrosPerSecond + 60, std::nullopt, std::nullopt};
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id),
                        SignJwt(c, "attacker-secret-attacker-secret-!!"));
    CHECK_REFUSED(r, f, before, 401, "invalid_token");
  }
  SUBCASE("not a bearer token") {
    Response r = Send(f.port(), "POST", "/v1/commands/RegisterUser", ApiFixture::RegisterBody(id),
                      {{"Authorization", "Basic dXNlcjpwYXNz"}});
    CHECK_REFUSED(r, f, before, 401, "invalid_token");
  }
  SUBCASE("expired token, by the server's clock") {
    f.clock_.Advance(Hours(2));
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), token);
    CHECK_REFUSED(r, f, before, 401, "token_expired");
  }
  SUBCASE("role not allowed") {
    Response r = f.Post("ApproveMentor",
                        R"({"marketplace":"mentorship","mentor_id":")" + NewId() + R"("})", token);
    CHECK_REFUSED(r, f, before, 403, "role_not_allowed");
  }
  SUBCASE("token scoped to another marketplace") {
    Response r =
        f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student", "uhs"));
    CHECK_REFUSED(r, f, before, 403, "marketplace_not_allowed");
  }
  SUBCASE("stale expected_version") {
    Response r =
        f.Post("RegisterUser", ApiFixture::RegisterBody(id, R"(,"expected_version":3)"), token);
    CHECK_REFUSED(r, f, before, 409, "wrong_expected_version");
  }
  SUBCASE("a rule of the decider") {
    Response r =
        f.Post("RegisterUser", ApiFixture::RegisterBody(student), f.Token(student, "student"));
    CHECK_REFUSED(r, f, before, 409, "user_already_registered");
  }
  SUBCASE("Idempotency-Key that is not a UUID") {
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), token,
                        {{"Idempotency-Key", "retry-1"}});
    CHECK_REFUSED(r, f, before, 400, "invalid_idempotency_key");
  }
  SUBCASE("X-Correlation-Id that is not a UUID") {
    Response r =
        f.Post("RegisterUser", ApiFixture::RegisterBody(id), token, {{"X-Correlation-Id", "abc"}});
    CHECK_REFUSED(r, f, before, 400, "invalid_correlation_id");
  }
  SUBCASE("waiting for a projection that does not exist") {
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), token,
                        {{"X-Wait-For-Projection", "mentorshp"}});
    CHECK_REFUSED(r, f, before, 400, "unknown_projection");
  }
  SUBCASE("body over the limit") {
    std::string big =
        ApiFixture::RegisterBody(id, R"(,"city":")" + std::string(kMaxBody, 'x') + "\"");
    Response r = f.Post("RegisterUser", big, token);
    CHECK_REFUSED(r, f, before, 413, "body_too_large");
  }
  SUBCASE("wrong method") {
    Response r = Send(f.port(), "GET", "/v1/commands/RegisterUser");
    CHECK_REFUSED(r, f, before, 405, "method_not_allowed");
    CHECK(r.headers["allow"] == "POST");
    r = Send(f.port(), "DELETE", "/healthz");
    CHECK_REFUSED(r, f, before, 405, "method_not_allowed");
  }
  SUBCASE("unknown path") {
    Response r = Send(f.port(), "POST", "/v2/commands/RegisterUser", ApiFixture::RegisterBody(id));
    CHECK_REFUSED(r, f, before, 404, "not_found");
    r = Send(f.port(), "GET", "/v1/commands/A/B");
    CHECK_REFUSED(r, f, before, 404, "not_found");
  }
}

TEST_CASE("http api: a retried command returns its first result and appends nothing") {
  ApiFixture f;
  std::string id = NewId();
  std::string key = NewId();
  std::map<std::string, std::string> headers = {{"Idempotency-Key", key}};
  Response first =
      f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"), headers);
  REQUIRE(first.status == 200);
  REQUIRE(f.TotalEvents() == 1);

  Response retry =
      f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"), headers);
  REQUIRE_MESSAGE(retry.status == 200, retry.body);
  CHECK(retry.json["replayed"].GetBool());
  CHECK(retry.headers["idempotent-replayed"] == "true");
  // The command id is the key scoped to the actor (another actor's key names another command).
  CHECK(retry.Str("command_id") == first.Str("command_id"));
  CHECK(retry.Str("command_id") == ToString(DeriveUuid(*ParseUuid(key), "actor:" + id)));
  CHECK(retry.Str("stream_id") == first.Str("stream_id"));
  REQUIRE(retry.json["events"].Size() == 1);
  CHECK(std::string(retry.json["events"][0]["event_id"].GetString()) ==
        first.json["events"][0]["event_id"].GetString());
  CHECK(retry.json["events"][0]["offset"].GetInt64() ==
        first.json["events"][0]["offset"].GetInt64());
  CHECK(f.TotalEvents() == 1);

  // The same key for another request is refused.
  Response reused = f.Post("RegisterUser", ApiFixture::RegisterBody(id, R"(,"city":"Pune")"),
                           f.Token(id, "student"), headers);
  CHECK_REFUSED(reused, f, 1, 422, "idempotency_key_reused");
}

TEST_CASE(
    "http api: an unavailable log is a 503 with a code, and the retry after an ambiguous "
    "commit is answered from the first handling") {
  ApiFixture f;
  std::string id = NewId();
  std::map<std::string, std::string> headers = {{"Idempotency-Key", NewId()}};
  f.log_.FailAppend(1, FaultPoint::kAfterDelegating);  // appended, but the answer is lost
  Response lost =
      f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"), headers);
  CHECK(lost.status == 503);
  CHECK(lost.Code() == "log_unavailable");
  CHECK(f.TotalEvents() == 1);

  Response retry =
      f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"), headers);
  REQUIRE_MESSAGE(retry.status == 200, retry.body);
  CHECK(retry.json["replayed"].GetBool());
  CHECK(f.TotalEvents() == 1);

  f.log_.FailReads(-1);
  Response health = Send(f.port(), "GET", "/healthz");
  CHECK(health.status == 503);
  CHECK(health.Str("status") == "unavailable");
  CHECK(health.Code() == "log_unavailable");
  f.log_.ClearFaults();
  health = Send(f.port(), "GET", "/healthz");
  CHECK(health.status == 200);
  CHECK(health.Str("status") == "ok");
  CHECK(health.json["partitions"].GetInt() == 4);
}

}  // namespace edu
