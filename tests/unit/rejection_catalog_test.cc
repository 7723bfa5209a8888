// The rejection catalog: docs/rejections.md is what the code generates, every code is in the
// catalog once with both sentences, and no code is made up outside it.
#include <dirent.h>
#include <sys/stat.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "adapters/cli/rejection_catalog.h"
#include "commands/all_reactions.h"
#include "domain/core/decision.h"

namespace edu {
namespace {

std::string SourceRoot() {
  std::string file = __FILE__;
  return file.substr(0, file.rfind("/tests/unit/"));
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every .h and .cc under root/dir, as paths relative to root.
void ListSources(const std::string& root, const std::string& dir, std::vector<std::string>* out) {
  DIR* d = opendir((root + "/" + dir).c_str());
  if (d == nullptr) return;
  while (dirent* entry = readdir(d)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    const std::string path = dir + "/" + name;
    struct stat st {};
    if (stat((root + "/" + path).c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      ListSources(root, path, out);
    } else if (name.size() > 3 &&
               (name.substr(name.size() - 2) == ".h" || name.substr(name.size() - 3) == ".cc")) {
      out->push_back(path);
    }
  }
  closedir(d);
}

// The places in `text` that make up a rejection code instead of taking it from the catalog: a
// string literal (or an ErrorKind) where Reject() takes its code, a literal right after an
// ErrorKind (Rejection{kind, "code"}, HttpApi::Error(status, kind, "code"), FailAndClose(...)), or
// a literal code of a field issue or a 429.
std::vector<std::string> MadeUpCodes(const std::string& text) {
  static const std::regex kPatterns[] = {
      std::regex(R"(\bReject\(\s*(ErrorKind|"))"),
      std::regex(R"(ErrorKind::k\w+\s*,\s*"[^"]*")"),
      std::regex(R"((DecodeError|FieldIssue)\{\s*")"),
      std::regex(R"(\bProblem\(\s*\w+\s*,\s*\w+\s*,\s*")"),
      std::regex(R"(\bTooManyRequests\(\s*")"),
  };
  std::vector<std::string> found;
  for (const std::regex& pattern : kPatterns) {
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
         it != std::sregex_iterator(); ++it) {
      found.push_back(it->str());
    }
  }
  return found;
}

// Every quoted code `call("code"` names, e.g. then_error("illegal_transition".
std::set<std::string> QuotedCodes(const std::string& text, const std::string& call_pattern) {
  std::set<std::string> out;
  const std::regex pattern(call_pattern + R"(\s*"([a-z0-9_]+)\")");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
       it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1].str());
  }
  return out;
}

TEST_CASE("docs/rejections.md is exactly what the code generates (run: eduledger docs)") {
  const std::string text = ReadFile(SourceRoot() + "/docs/rejections.md");
  REQUIRE_MESSAGE(!text.empty(), "docs/rejections.md is missing: run eduledger docs --out docs");
  CHECK_MESSAGE(text == RenderRejectionCatalog(),
                "docs/rejections.md is stale: run `eduledger docs --out docs` and commit it");
}

TEST_CASE("rejection catalog: every code once, with its status, when it happens and what to do") {
  const auto& catalog = RejectionCatalog();
  CHECK(catalog.size() > 300);
  std::set<std::string> seen;
  for (const RejectionCatalogEntry& e : catalog) {
    const RejectionCode& c = *e.code;
    CAPTURE(c.code);
    CHECK(seen.insert(c.code).second);
    CHECK(std::regex_match(c.code, std::regex("[a-z][a-z0-9]*(_[a-z0-9]+)*")));
    CHECK(std::string(c.when).size() > 10);
    CHECK(std::string(c.what_to_do).size() > 5);
    CHECK(std::string(c.when).back() == '.');
    CHECK(std::string(c.what_to_do).back() == '.');
    CHECK(c.http_status() >= 400);
    CHECK(c.http_status() < 600);
    CHECK(FindRejectionCode(c.code) == &c);
  }
  CHECK(FindRejectionCode("no_such_code") == nullptr);
  // One code, one kind, one status: the constant carries both.
  CHECK(codes::kMentorNotApproved.kind == ErrorKind::kInvalid);
  CHECK(codes::kMentorNotApproved.http_status() == 422);
  CHECK(codes::kIllegalTransition.http_status() == 409);
  CHECK(codes::kRateLimited.http_status() == 429);
  CHECK(std::string(codes::kEnrollmentClosed.code) == "enrollment_closed");
  const std::string md = RenderRejectionCatalog();
  CHECK(md.find("## Mentorship") != std::string::npos);
  CHECK(md.find("| `mentor_not_approved` | 422 | invalid | ") != std::string::npos);
  CHECK(md.find("| `rate_limited` | 429 | unavailable | ") != std::string::npos);
}

TEST_CASE("rejection catalog: Reject() takes the kind from the catalog entry") {
  Rejection r = Reject(codes::kSessionAlreadyStarted, "session {} started", 7);
  CHECK(r.code == "session_already_started");
  CHECK(r.kind == ErrorKind::kConflict);
  CHECK(r.message == "session 7 started");
}

TEST_CASE("rejection catalog: the source scan finds a code made up outside the catalog") {
  // Given sources that make codes up, the scan reports each; given catalog constants, nothing.
  CHECK(!MadeUpCodes(R"(return Reject(ErrorKind::kInvalid, "made_up", "no");)").empty());
  CHECK(!MadeUpCodes("return Reject(\"made_up\", \"no\");").empty());
  CHECK(!MadeUpCodes(R"(return Rejection{ErrorKind::kConflict, "made_up", m};)").empty());
  CHECK(!MadeUpCodes(R"(return Error(404, ErrorKind::kNotFound, "made_up", m);)").empty());
  CHECK(!MadeUpCodes(R"(return detail::Problem(opt, path, "made_up", m);)").empty());
  CHECK(!MadeUpCodes(R"(error = json::DecodeError{"made_up", "", m};)").empty());
  CHECK(!MadeUpCodes(R"(return TooManyRequests("made_up", m, 1);)").empty());
  CHECK(MadeUpCodes(R"(return Reject(codes::kMentorNotApproved, "mentor {} is {}", id, s);)")
            .empty());
  CHECK(
      MadeUpCodes(R"(return Error(404, ErrorKind::kNotFound, codes::kNotFound.code, m);)").empty());
}

TEST_CASE("rejection catalog: no code is made up outside the catalog in the source tree") {
  const std::string root = SourceRoot();
  std::vector<std::string> sources;
  for (const char* dir :
       {"domain", "commands", "eventstore", "projections", "marketplaces", "adapters"}) {
    ListSources(root, dir, &sources);
  }
  REQUIRE(sources.size() > 100);
  std::set<std::string> catalog;
  for (const RejectionCatalogEntry& e : RejectionCatalog()) catalog.insert(e.code->code);
  const std::regex literal(R"("([a-z][a-z0-9]*(_[a-z0-9]+)+)\")");
  for (const std::string& path : sources) {
    CAPTURE(path);
    const std::string text = ReadFile(root + "/" + path);
    CHECK(MadeUpCodes(text).empty());
    // In the domain every code is a catalog constant: no literal spells one (decision.cc's are
    // the kind names, which two codes share).
    if (path.rfind("domain/", 0) != 0 || path.rfind("domain/core/rejection_codes", 0) == 0 ||
        path == "domain/core/decision.cc") {
      continue;
    }
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      line = line.substr(0, line.find("//"));  // a comment may name a code
      for (auto it = std::sregex_iterator(line.begin(), line.end(), literal);
           it != std::sregex_iterator(); ++it) {
        CHECK_MESSAGE(catalog.count((*it)[1].str()) == 0, "a literal code: " << it->str());
      }
    }
  }
}

TEST_CASE("rejection catalog: every code the tests, demos and reactions expect is in it") {
  std::set<std::string> catalog;
  for (const RejectionCatalogEntry& e : RejectionCatalog()) catalog.insert(e.code->code);
  for (const auto& reaction : AllReactions()) {
    for (const std::string& code : reaction->expected_rejections()) {
      CHECK_MESSAGE(catalog.count(code) == 1, reaction->name() << " expects " << code);
    }
  }
  const std::string root = SourceRoot();
  std::vector<std::string> sources;
  for (const char* dir : {"tests", "adapters"}) ListSources(root, dir, &sources);
  size_t expected = 0;
  for (const std::string& path : sources) {
    if (path == "tests/unit/rejection_catalog_test.cc") continue;  // its fixtures make codes up
    const std::string text = ReadFile(root + "/" + path);
    std::set<std::string> codes;
    for (const char* call : {R"(then_error\()", R"(ExpectRefus(?:al|ed)\([^;"]*,)",
                             R"(CHECK_REFUSED\([^;"]*,)", R"(Code\(\) ==)", R"(\.code ==)"}) {
      for (const std::string& code : QuotedCodes(text, call)) codes.insert(code);
    }
    for (const std::string& code : codes) {
      CAPTURE(path);
      CHECK_MESSAGE(catalog.count(code) == 1, "not in the catalog: " << code);
      ++expected;
    }
  }
  CHECK(expected > 200);
  // The scan finds what it is meant to find.
  CHECK(QuotedCodes(R"(spec().when(c).then_error("made_up_code", ErrorKind::kInvalid);)",
                    R"(then_error\()") == std::set<std::string>{"made_up_code"});
}

}  // namespace
}  // namespace edu
