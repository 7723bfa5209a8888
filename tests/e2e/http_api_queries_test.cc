// The HTTP API's read side: GET /v1/commands (types, fields and roles per marketplace) and
// read-your-writes through the projection endpoints.
#include "tests/e2e/http_api_fixtures.h"

namespace edu {

using namespace http_api_fixtures;

TEST_CASE("http api: GET /v1/commands lists types, fields and roles per marketplace") {
  ApiFixture f;
  Response r = Send(f.port(), "GET", "/v1/commands?marketplace=mentorship");
  REQUIRE(r.status == 200);
  CHECK(std::string(r.json["envelope"][0]["type"].GetString()) ==
        "enum(mentorship|peerloop|skillspring|uhs)");
  const auto& commands = r.json["commands"];
  REQUIRE(commands.IsArray());
  bool found = false;
  for (const auto& c : commands.GetArray()) {
    CHECK(std::string(c["marketplace"].GetString()) == "mentorship");
    if (std::string(c["type"].GetString()) != "ApproveMentor") continue;
    found = true;
    REQUIRE(c["allowed_roles"].Size() == 1);
    CHECK(std::string(c["allowed_roles"][0].GetString()) == "admin");
    CHECK(std::string(c["fields"][0]["name"].GetString()) == "mentor_id");
    CHECK(std::string(c["fields"][0]["type"].GetString()) == "uuid");
    CHECK(c["fields"][0]["required"].GetBool());
  }
  CHECK(found);
  CHECK(Send(f.port(), "GET", "/v1/commands?marketplace=nope").Code() == "unknown_marketplace");
}

TEST_CASE("http api: read-your-writes through the projection endpoints") {
  ApiFixture f;
  SUBCASE("listing shows state and per-partition lag") {
    Response r = Send(f.port(), "GET", "/v1/projections");
    REQUIRE(r.status == 200);
    const auto& p = r.json["projections"][0];
    CHECK(std::string(p["name"].GetString()) == "mentorship");
    CHECK(std::string(p["state"].GetString()) == "running");
    CHECK(p["lag"].GetInt64() == 6);
    CHECK(p["partitions"][1]["lag"].GetInt64() == 3);
  }
  SUBCASE("wait: 200 once applied, 504 when not within the timeout") {
    Response r =
        Send(f.port(), "GET", "/v1/projections/mentorship/wait?partition=1&offset=4&timeout_ms=50");
    CHECK(r.status == 504);
    CHECK(r.Code() == "projection_wait_timeout");
    f.projections_.Apply(1, 5);
    r = Send(f.port(), "GET", "/v1/projections/mentorship/wait?partition=1&offset=4&timeout_ms=50");
    CHECK_MESSAGE(r.status == 200, r.body);
    CHECK(r.json["applied"].GetBool());
  }
  SUBCASE("wait: bad parameters and unknown projections") {
    CHECK(Send(f.port(), "GET", "/v1/projections/nope/wait?partition=0&offset=0").Code() ==
          "unknown_projection");
    CHECK(Send(f.port(), "GET", "/v1/projections/mentorship/wait?offset=0").Code() ==
          "missing_parameter");
    Response r = Send(f.port(), "GET", "/v1/projections/mentorship/wait?partition=9&offset=0");
    CHECK(r.status == 400);
    CHECK(r.Code() == "invalid_parameter");
    CHECK(Send(f.port(), "GET", "/v1/projections/mentorship/wait?partition=0&offset=-1").Code() ==
          "invalid_parameter");
  }
  SUBCASE("X-Wait-For-Projection holds the answer until the projection has the events") {
    std::string id = NewId();
    int partition = f.memory_.PartitionOf("mentorship.user-" + id);
    std::thread projector([&] {
      std::this_thread::sleep_for(150ms);
      f.projections_.Apply(partition, 1);
    });
    auto started = std::chrono::steady_clock::now();
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"),
                        {{"X-Wait-For-Projection", "mentorship"}});
    auto waited = std::chrono::steady_clock::now() - started;
    projector.join();
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.Str("projection", "name") == "mentorship");
    CHECK(r.json["projection"]["applied"].GetBool());
    CHECK(waited >= 100ms);
  }
  SUBCASE("X-Wait-For-Projection that times out still reports the accepted command") {
    std::string id = NewId();
    Response r = f.Post("RegisterUser", ApiFixture::RegisterBody(id), f.Token(id, "student"),
                        {{"X-Wait-For-Projection", "mentorship"}, {"X-Wait-Timeout-Ms", "50"}});
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.Str("status") == "accepted");
    CHECK_FALSE(r.json["projection"]["applied"].GetBool());
    CHECK(f.TotalEvents() == 1);
  }
}

}  // namespace edu
