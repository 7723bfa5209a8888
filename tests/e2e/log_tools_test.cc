// The log tools as their users run them, on the demo's database: an analytics job replaying in
// two runs joined at the printed position, an operator rebuilding a projection whose code version
// changed, and an auditor reading a stream's history and verifying the chains before and after
// someone edits the events table.
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include <doctest/doctest.h>

#include "adapters/config/pg_uri.h"
#include "tests/support/binary.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// psql as a user would run it: the first field of the output, trimmed.
std::string Psql(const std::string& uri, const std::string& sql) {
  testing::BinaryOutput out = testing::RunBinary("/usr/bin/psql", {uri, "-tAqc", sql});
  REQUIRE_MESSAGE(out.exit_code == 0, out.text);
  std::string text = out.text;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string Match(const std::string& text, const std::string& pattern) {
  std::smatch m;
  std::regex re(pattern);
  return std::regex_search(text, m, re) ? m[1].str() : "";
}

TEST_CASE("replay, rebuild and audit on the demo's history") {
  std::string server = testing::AdminUri();
  std::string database = "edu_e2e_tools_" + std::to_string(getpid());
  testing::BinaryOutput demo = testing::RunBinary(
      EDULEDGER_BINARY, {"demo", "--db", server, "--database", database, "--students", "10",
                         "--mentors", "4", "--sessions", "40", "--partitions", "3"});
  REQUIRE_MESSAGE(demo.exit_code == 0, demo.text);
  const std::string uri = WithDatabase(server, database);
  const std::string dir = "/tmp/edu_e2e_tools_" + std::to_string(getpid());
  testing::RunBinary("/bin/mkdir", {"-p", dir});

  // Replay: all at once, then in two runs joined at the position the first printed.
  testing::BinaryOutput full =
      testing::RunBinary(EDULEDGER_BINARY, {"replay", "--db", uri, "--out", dir + "/full.jsonl"});
  INFO(full.text);
  REQUIRE(full.exit_code == 0);
  CHECK(full.text.find("events/s") != std::string::npos);
  std::string all = ReadFile(dir + "/full.jsonl");
  long lines = std::count(all.begin(), all.end(), '\n');
  CHECK(lines > 200);
  testing::BinaryOutput first = testing::RunBinary(
      EDULEDGER_BINARY,
      {"replay", "--db", uri, "--max-events", "123", "--out", dir + "/parts.jsonl"});
  INFO(first.text);
  REQUIRE(first.exit_code == 0);
  std::string token = Match(first.text, "position: (r1\\.[0-9a-f]+\\.[0-9,]+) \\(stopped early");
  REQUIRE_FALSE(token.empty());
  testing::BinaryOutput rest = testing::RunBinary(
      EDULEDGER_BINARY,
      {"replay", "--db", uri, "--from", token, "--out", dir + "/parts.jsonl", "--append"});
  INFO(rest.text);
  REQUIRE(rest.exit_code == 0);
  CHECK(ReadFile(dir + "/parts.jsonl") == all);
  testing::BinaryOutput other_filter =
      testing::RunBinary(EDULEDGER_BINARY, {"replay", "--db", uri, "--from", token, "--type",
                                            "SessionBooked", "--out", dir + "/x.jsonl"});
  CHECK(other_filter.exit_code == 2);
  CHECK(other_filter.text.find("other filters") != std::string::npos);
  testing::BinaryOutput booked = testing::RunBinary(
      EDULEDGER_BINARY,
      {"replay", "--db", uri, "--type", "SessionBooked", "--out", dir + "/booked.jsonl"});
  std::string booked_lines = ReadFile(dir + "/booked.jsonl");
  CHECK(
      std::count(booked_lines.begin(), booked_lines.end(), '\n') ==
      std::stol(Psql(uri, "SELECT count(*) FROM eventstore.events WHERE type = 'SessionBooked'")));

  // Audit: a stream's history, who did what, when and why.
  std::string session = Match(all, "\"stream_id\":\"(mentorship\\.session-[0-9a-f-]{36})\"");
  REQUIRE_FALSE(session.empty());
  testing::BinaryOutput history =
      testing::RunBinary(EDULEDGER_BINARY, {"audit", "stream", session, "--db", uri});
  INFO(history.text);
  CHECK(history.exit_code == 0);
  for (const char* part :
       {"SessionBooked", "who ", "why      command", "from     ip ", "user_agent"}) {
    CHECK_MESSAGE(history.text.find(part) != std::string::npos, part);
  }
  CHECK(testing::RunBinary(EDULEDGER_BINARY, {"audit", "stream", "not-a-stream", "--db", uri})
            .exit_code == 2);

  // Rebuild: a projection whose code version changed is named by status and rebuilt on demand.
  Psql(uri, "UPDATE eduledger.projection_status SET version = 1 WHERE projection = 'mentorship'");
  testing::BinaryOutput status = testing::RunBinary(EDULEDGER_BINARY, {"status", "--db", uri});
  CHECK(status.text.find("NEEDS A REBUILD: run eduledger rebuild mentorship") != std::string::npos);
  testing::BinaryOutput rebuild =
      testing::RunBinary(EDULEDGER_BINARY, {"rebuild", "mentorship", "--db", uri});
  INFO(rebuild.text);
  CHECK(rebuild.exit_code == 0);
  CHECK(rebuild.text.find("needs a rebuild") != std::string::npos);
  CHECK(rebuild.text.find("events/s") != std::string::npos);
  MESSAGE(rebuild.text);
  status = testing::RunBinary(EDULEDGER_BINARY, {"status", "--db", uri});
  CHECK(status.text.find("NEEDS A REBUILD") == std::string::npos);
  CHECK(testing::RunBinary(EDULEDGER_BINARY, {"rebuild", "mentorshp", "--db", uri})
            .text.find("known: mentorship") != std::string::npos);

  // Verify: intact, then one byte of one payload changed behind eduledger's back.
  testing::BinaryOutput verified = testing::RunBinary(
      EDULEDGER_BINARY, {"audit", "verify", "--db", uri, "--heads-out", dir + "/heads"});
  INFO(verified.text);
  CHECK(verified.exit_code == 0);
  CHECK(verified.text.find("every chain verifies") != std::string::npos);
  // One byte: the first letter of the payload's first member name.
  Psql(uri,
       "UPDATE eventstore.events SET payload = overlay(payload::text placing 'X' from 3 for "
       "1)::json "
       "WHERE (partition, \"offset\") = (SELECT partition, \"offset\" FROM eventstore.events "
       "WHERE type = 'SessionBooked' ORDER BY partition, \"offset\" LIMIT 1)");
  testing::BinaryOutput tampered = testing::RunBinary(
      EDULEDGER_BINARY, {"audit", "verify", "--db", uri, "--expect-heads", dir + "/heads"});
  INFO(tampered.text);
  CHECK(tampered.exit_code == 1);
  CHECK(tampered.text.find("BROKEN partition") != std::string::npos);
  CHECK(tampered.text.find("(SessionBooked, event") != std::string::npos);
  CHECK(tampered.text.find("content changed") != std::string::npos);

  testing::RunBinary("/bin/rm", {"-rf", dir});
  testing::RunBinary("/usr/bin/psql", {WithDatabase(server, "postgres"), "-qc",
                                       "DROP DATABASE " + database + " WITH (FORCE)"});
}

}  // namespace
}  // namespace edu
