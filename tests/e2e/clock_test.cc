// `eduledger serve --clock manual` as a test drives it (issue 12): POST /v1/clock moves the
// server's one clock forward (admin only), the deciders and the scheduler alike; the scheduler
// releases a completed session's escrow when the 48 h dispute window ends, and runs the mentor's
// weekly payout at Monday 00:00 IST, each checked one second before and at its due time.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "adapters/auth/jwt.h"
#include "domain/core/uuid.h"
#include "tests/support/binary.h"
#include "tests/support/serve_process.h"
#include "tests/support/test_database.h"

namespace edu {
namespace {

using namespace std::chrono_literals;

const std::string kClockSecret = "clock-test-secret-clock-test-secret-clock";

// `eduledger serve` with this file's token secret (tests/support/serve_process.h).
struct ServeProcess : testing::ServeProcess {
  explicit ServeProcess(const std::vector<std::string>& args)
      : testing::ServeProcess(args, kClockSecret) {}
};
using testing::FreePort;
using Reply = testing::HttpReply;

Reply Http(int port, const std::string& method, const std::string& target,
           const std::string& body = "", const std::string& extra_headers = "") {
  return testing::HttpExchange(port, method, target, body, extra_headers);
}

std::string Bearer(const std::string& sub, const std::string& role) {
  JwtClaims claims;
  claims.sub = sub;
  claims.role = role;
  claims.exp = 1924992000;  // 2031-01-01: the manual clock starts in the past and moves days
  return "Authorization: Bearer " + SignJwt(claims, kClockSecret) + "\r\n";
}

// The state `eduledger schedule` gives the first deadline of `kind`, or "" when there is none.
std::string ScheduleState(const std::string& db, const std::string& kind, const std::string& at) {
  auto out = testing::RunBinary(EDULEDGER_BINARY, {"schedule", "--db", db, "--at", at});
  REQUIRE_MESSAGE(out.exit_code == 0, out.text);
  std::istringstream lines(out.text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(kind, 0) != 0) continue;
    for (const char* state : {" fired ", " due ", " waiting ", " dropped "}) {
      if (line.find(state) != std::string::npos)
        return std::string(state).substr(1, std::string(state).size() - 2);
    }
  }
  return "";
}

}  // namespace

TEST_CASE(
    "binary: serve --clock is refused unless system or manual, and POST /v1/clock needs manual") {
  testing::TestDatabase db;
  auto bogus = testing::RunBinary(EDULEDGER_BINARY, {"serve", "--db", db.uri(), "--clock", "fake"},
                                  {"EDULEDGER_JWT_SECRET=" + kClockSecret});
  CHECK(bogus.exit_code == 2);
  CHECK(bogus.text.find("--clock must be system or manual") != std::string::npos);
  const int port = FreePort();
  ServeProcess serve({"--db", db.uri(), "--port", std::to_string(port), "--partitions", "2"});
  const std::string started = serve.ReadUntil("listening on", 20s);
  REQUIRE_MESSAGE(started.find("listening on") != std::string::npos, started);
  CHECK(started.find("MANUAL CLOCK") == std::string::npos);
  Reply r = Http(port, "POST", "/v1/clock", R"({"advance":"PT24H"})",
                 Bearer("9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "admin"));
  CHECK(r.status == 404);
  CHECK(r.body.find("clock_not_manual") != std::string::npos);
}

TEST_CASE(
    "binary: a manual clock drives the deciders and the scheduler: escrow release and payout") {
  testing::TestDatabase db;
  const int port = FreePort();
  ServeProcess serve({"--db", db.uri(), "--port", std::to_string(port), "--partitions", "2",
                      "--clock", "manual", "--clock-start", "2026-03-01T09:00:00Z",
                      "--jwt-max-lifetime-seconds", "0"});
  const std::string started = serve.ReadUntil("listening on", 20s);
  REQUIRE_MESSAGE(started.find("listening on") != std::string::npos, started);
  CHECK(started.find("MANUAL CLOCK at 2026-03-01T09:00:00Z") != std::string::npos);

  auto id = [](const char* what) {
    return ToString(DeriveUuid(EduledgerNamespace(), std::string("clock-test-") + what));
  };
  const std::string student = id("student"), mentor_user = id("mentor-user"), mentor = id("mentor"),
                    session = id("session"), payment = id("payment");
  const std::string admin = Bearer("9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "admin");
  auto post = [&](const std::string& type, const std::string& body, const std::string& auth) {
    Reply r = Http(port, "POST", "/v1/commands/" + type, body, auth);
    CHECK_MESSAGE(r.status == 200, type << ": " << r.body);
    return r;
  };
  auto clock = [&](const std::string& body, const std::string& auth) {
    return Http(port, "POST", "/v1/clock", body, auth);
  };

  // Only an admin moves the clock, forward only, with a well-formed request.
  CHECK(clock(R"({"advance":"PT1H"})", "").status == 401);
  CHECK(clock(R"({"advance":"PT1H"})", Bearer(student, "student")).status == 403);
  // Refusals carry their catalog code, and a message that does not repeat it.
  auto refused = [&](const std::string& body, int status, const std::string& code,
                     const std::string& says) {
    Reply r = clock(body, admin);
    CHECK_MESSAGE(r.status == status, body << ": " << r.body);
    CHECK_MESSAGE(r.body.find(R"("code":")" + code + R"(")") != std::string::npos, r.body);
    CHECK_MESSAGE(r.body.find(says) != std::string::npos, r.body);
    CHECK_MESSAGE(r.body.find(R"("message":")" + code) == std::string::npos, r.body);
  };
  refused(R"({"advance":"PT1H","set":"2026-03-02T00:00:00Z"})", 400, "invalid_clock_request",
          "exactly one of");
  refused(R"({"advance":"P1M"})", 400, "invalid_clock_request", "'P1M'");
  refused(R"([1])", 400, "invalid_clock_request", "expected");
  refused(R"({"set":"2026-03-01T08:59:59Z"})", 409, "clock_backwards", "forward only");
  refused(R"({"advance":"-PT1H"})", 400, "invalid_clock_request", "'-PT1H'");

  post(
      "RegisterUser",
      fmt::format(
          R"({{"marketplace":"mentorship","user_id":"{}","email":"s@example.in","name":"Student","academic_level":"college","primary_language":"Telugu"}})",
          student),
      Bearer(student, "student"));
  post(
      "RegisterUser",
      fmt::format(
          R"({{"marketplace":"mentorship","user_id":"{}","role":"mentor","email":"m@example.in","name":"Mentor"}})",
          mentor_user),
      Bearer(mentor_user, "mentor"));
  post(
      "ApplyAsMentor",
      fmt::format(
          R"({{"marketplace":"mentorship","mentor_id":"{}","user_id":"{}","title":"Engineer","experience_years":8,"student_levels_served":["college"],"hourly_rate":{{"minor":120000,"currency":"INR"}},"primary_language":"Telugu"}})",
          mentor, mentor_user),
      Bearer(mentor_user, "mentor"));
  // The default policy approves only after the trial session (seed 002's workflow).
  Reply early =
      Http(port, "POST", "/v1/commands/ApproveMentor",
           fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}"}})", mentor), admin);
  CHECK(early.status == 422);
  CHECK(early.body.find("trial_session_required") != std::string::npos);
  for (const char* to : {"documents_under_review", "background_check_in_progress",
                         "interview_scheduled", "trial_session_required"}) {
    post("AdvanceMentorVerification",
         fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}","to":"{}"}})", mentor, to),
         admin);
  }
  post("ApproveMentor", fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}"}})", mentor),
       admin);
  post(
      "SetMentorAvailability",  // a booking must fall inside one of the mentor's slots
      fmt::format(
          R"({{"marketplace":"mentorship","mentor_id":"{}","time_zone":"Asia/Kolkata","slots":[{{"day_of_week":4,"start_time":"09:00","end_time":"21:00"}}]}})",
          mentor),
      Bearer(mentor_user, "mentor"));
  post(
      "BookSession",
      fmt::format(
          R"({{"marketplace":"mentorship","session_id":"{}","student_id":"{}","mentor_id":"{}","scheduled_at":"2026-03-05T10:00:00Z","duration_minutes":60,"session_type":"exam_prep","session_language":"Telugu"}})",
          session, student, mentor),
      Bearer(student, "student"));
  post(
      "CapturePayment",
      fmt::format(
          R"({{"marketplace":"mentorship","session_id":"{}","payment_id":"{}","amount":{{"minor":120000,"currency":"INR"}},"payment_method":"upi","gateway":"razorpay","gateway_payment_id":"pay_clock"}})",
          session, payment),
      Bearer("system:razorpay", "gateway"));

  // The session is over by the manual clock: completing it holds the escrow for 48 h.
  Reply moved = clock(R"({"set":"2026-03-05T11:05:00Z"})", admin);
  REQUIRE_MESSAGE(moved.status == 200, moved.body);
  CHECK(moved.body.find(R"("now":"2026-03-05T11:05:00Z")") != std::string::npos);
  Reply done = post("CompleteSession",
                    fmt::format(R"({{"marketplace":"mentorship","session_id":"{}"}})", session),
                    Bearer(mentor_user, "mentor"));
  CHECK(done.body.find("EscrowReleased") == std::string::npos);
  const std::string due = "2026-03-07T11:05:00Z";
  CHECK(ScheduleState(db.uri(), "mentorship.escrow_release", due) == "due");

  // One second before the window ends nothing is released; at its end the scheduler releases.
  REQUIRE(clock(R"({"set":"2026-03-07T11:04:59Z"})", admin).status == 200);
  CHECK(ScheduleState(db.uri(), "mentorship.escrow_release", "2026-03-07T11:04:59Z") == "waiting");
  Reply at_due = clock(R"({"advance":"PT1S"})", admin);
  REQUIRE_MESSAGE(at_due.status == 200, at_due.body);
  CHECK(at_due.body.find(due) != std::string::npos);
  CHECK(ScheduleState(db.uri(), "mentorship.escrow_release", due) == "fired");

  // The split credits the mentor (a reaction); its payout period ends Monday 9 March 00:00 IST.
  std::string payout;
  for (int i = 0; i < 200 && payout.empty(); ++i) {
    payout = ScheduleState(db.uri(), "mentorship.weekly_payout", "2026-03-08T18:29:59Z");
    if (payout.empty()) std::this_thread::sleep_for(50ms);
  }
  CHECK(payout == "waiting");
  REQUIRE(clock(R"({"set":"2026-03-08T18:29:59Z"})", admin).status == 200);
  CHECK(ScheduleState(db.uri(), "mentorship.weekly_payout", "2026-03-08T18:29:59Z") == "waiting");
  REQUIRE(clock(R"({"advance":"PT1S"})", admin).status == 200);
  CHECK(ScheduleState(db.uri(), "mentorship.weekly_payout", "2026-03-08T18:30:00Z") == "fired");
}

}  // namespace edu
