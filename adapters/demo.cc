// eduledger demo: the whole system on the embedded default, driven through the HTTP API the way an
// API layer would, on a simulated clock (weeks pass in seconds). Ends with a summary that
// reconciles the read tables with what the API accepted, and the psql URI of the database.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>

#include <fmt/format.h>

#include "adapters/args.h"
#include "adapters/audit_key.h"
#include "adapters/demo_driver.h"
#include "adapters/demo_mentorship.h"
#include "adapters/demo_peerloop.h"
#include "adapters/demo_skillspring.h"
#include "adapters/demo_uhs.h"
#include "adapters/pg_uri.h"
#include "adapters/policy_config.h"
#include "adapters/subcommands.h"
#include "adapters/system.h"
#include "domain/mentorship/commands.h"

namespace edu {
namespace {

const std::vector<OptionSpec> kOptions = {
    {"db", true, "PostgreSQL server URI; the demo (re)creates its database on it", ""},
    {"database", true, "name of the demo's own database (dropped and recreated)", "eduledger_demo"},
    {"keep", false, "leave the database for inspection (./run keeps the server running)", ""},
    {"students", true, "mentorship students", "40"},
    {"mentors", true, "mentorship mentors (two stay under review)", "12"},
    {"sessions", true, "mentorship session bookings", "300"},
    {"seed", true, "random seed: the same seed replays the same scenario", "7"},
    {"partitions", true, "event log partitions", "8"},
    {"log", true, "event log backend: postgres (embedded) or kafka", "postgres"},
    {"kafka-bootstrap-servers", true,
     "with --log kafka: the cluster; 'mock' runs librdkafka's in-memory mock cluster in this "
     "process",
     "mock"},
    {"policies", true,
     "JSON file of policy overrides (adapters/policy_config.h); default: the seed documents' rules",
     ""},
    {"help", false, "this help", ""},
};

std::string RandomSecret() {
  std::random_device rd;
  std::string s;
  for (int i = 0; i < 32; ++i) s += fmt::format("{:02x}", rd() & 0xff);
  return s;
}

struct ShowcaseLine {
  std::string what;
  DemoOutcome outcome;
};

// A few requests an API client gets wrong, and what eduledger answers. None appends anything.
std::vector<ShowcaseLine> ErrorShowcase(DemoDriver& d, const Actor& admin, const Actor& student,
                                        const Uuid& approved_mentor, int64_t mentor_version) {
  using namespace mentorship;
  std::vector<ShowcaseLine> lines;
  std::map<std::string, std::string> auth = {{"Authorization", "Bearer " + d.TokenFor(student)}};
  lines.push_back(
      {"malformed JSON", d.SendRaw("BookSession", "{\"marketplace\": \"mentorship\", ", auth)});
  lines.push_back(
      {"unknown command type", d.SendRaw("BookSesion", R"({"marketplace":"mentorship"})", auth)});
  lines.push_back(
      {"missing field",
       d.SendRaw(
           "BookSession",
           R"({"marketplace":"mentorship","session_id":"7f1e0e52-64a4-4d53-9d0e-3c1b2a4f5e6d"})",
           auth)});
  ApplyAsMentor negative;
  negative.mentor_id = d.NewId();
  negative.user_id = *ParseUuid(student.id);
  negative.title = "Tutor";
  negative.student_levels_served = {AcademicLevel::school};
  negative.hourly_rate = Money{-50000, "INR"};
  negative.primary_language = "Telugu";
  lines.push_back({"negative hourly rate",
                   d.Send("ApplyAsMentor", CommandBody("mentorship", negative), student)});
  lines.push_back(
      {"stale expected version",
       d.Send("ApproveMentor",
              CommandBody("mentorship", ApproveMentor{approved_mentor, {}}, mentor_version - 1),
              admin)});
  lines.push_back(
      {"no bearer token", d.SendRaw("BookSession", R"({"marketplace":"mentorship"})", {})});
  lines.push_back({"a student approving a mentor",
                   d.Send("ApproveMentor",
                          CommandBody("mentorship", ApproveMentor{approved_mentor, {}}), student)});
  return lines;
}

}  // namespace

int RunDemo(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.Parse(argc, argv, 2, kOptions, &error)) {
    std::fprintf(stderr, "eduledger demo: %s\n\noptions:\n%s", error.c_str(),
                 Args::Usage(kOptions).c_str());
    return 2;
  }
  if (args.Has("help")) {
    std::printf("usage: eduledger demo --db <postgresql://...> [options]\n\n%s",
                Args::Usage(kOptions).c_str());
    return 0;
  }
  std::string server = args.Get("db");
  if (server.empty() && std::getenv("EDULEDGER_DB")) server = std::getenv("EDULEDGER_DB");
  if (server.empty()) {
    std::fprintf(stderr,
                 "eduledger demo: --db <postgresql://...> is required (./run demo passes it)\n");
    return 2;
  }
  auto number = [&](const char* name) {
    auto v = args.GetInt(name, &error);
    return v ? *v : -1;
  };
  MentorshipDemoOptions mentorship_options;
  mentorship_options.students = static_cast<int>(number("students"));
  mentorship_options.mentors = static_cast<int>(number("mentors"));
  mentorship_options.sessions = static_cast<int>(number("sessions"));
  long long seed = number("seed");
  long long partitions = number("partitions");
  if (!error.empty() || mentorship_options.students < 1 || mentorship_options.mentors < 3 ||
      mentorship_options.sessions < 0 || partitions < 1 || partitions > 256) {
    std::fprintf(stderr, "eduledger demo: %s\n",
                 error.empty()
                     ? "--students >= 1, --mentors >= 3, --sessions >= 0, --partitions 1..256"
                     : error.c_str());
    return 2;
  }

  Policies policies;
  if (!args.Get("policies").empty()) {
    Status loaded = LoadPolicies(args.Get("policies"), &policies);
    if (!loaded.ok()) {
      std::fprintf(stderr, "eduledger demo: %s\n", loaded.message().c_str());
      return 2;
    }
  }
  mentorship_options.policy = policies.mentorship;

  std::string db_uri;
  Status s = RecreateDatabase(server, args.Get("database"), &db_uri);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger demo: %s\n", s.ToString().c_str());
    return 1;
  }
  // Monday 2026-11-02, 09:00 in India.
  ManualClock clock(*ParseIso8601("2026-11-02T03:30:00Z"));
  SystemOptions options;
  options.db_uri = db_uri;
  options.log.partitions = static_cast<int>(partitions);
  // Partition heads are signed like serve's, with the key from EDULEDGER_AUDIT_KEY(_FILE) or the
  // default key file, so `eduledger audit verify` checks the demo's log the same way.
  const char* audit_key = std::getenv("EDULEDGER_AUDIT_KEY");
  const char* audit_key_file = std::getenv("EDULEDGER_AUDIT_KEY_FILE");
  s = ResolveAuditKey(audit_key ? audit_key : "", audit_key_file ? audit_key_file : "",
                      /*create=*/true, &options.log.seal_key);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger demo: the audit key: %s\n", s.ToString().c_str());
    return 1;
  }
  options.jwt_secret = RandomSecret();
  options.clock = &clock;
  // The demo's simulated weeks jump the clock and issue their own releases and payout runs; the
  // scheduler is polled only when asked (RunDue), never behind the timeline's back.
  options.scheduler_interval = std::chrono::milliseconds(0);
  options.policies = policies;
  options.log_backend = args.Get("log");
  options.kafka.bootstrap_servers = args.Get("kafka-bootstrap-servers");
  options.kafka.topic_prefix = "eduledger-demo-" + args.Get("database");
  if (options.log_backend == "kafka") {
    std::printf(
        "eduledger demo: starting the Kafka backend (%s): commands go through the commands topic "
        "to their partition owners\n",
        options.kafka.bootstrap_servers.c_str());
    std::fflush(stdout);
  }
  std::unique_ptr<System> system;
  s = System::Start(options, &system);
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger demo: %s\n", s.ToString().c_str());
    return 1;
  }
  std::printf(
      "eduledger demo: event log %s (%lld partitions), projectors and reactors running, HTTP API "
      "on %s\n",
      system->backend_description() == "postgres" ? "embedded PostgreSQL"
                                                  : system->backend_description().c_str(),
      partitions, system->http().address().c_str());

  HttpClient client("127.0.0.1", system->http().port());
  DemoDriver driver(&client, options.jwt_secret, &clock, static_cast<uint64_t>(seed));
  MentorshipDemoTotals totals;
  UhsDemoOptions uhs_options;
  UhsDemoTotals uhs_totals;
  SkillspringDemoOptions skillspring_options;
  SkillspringDemoTotals skillspring_totals;
  PeerloopDemoOptions peerloop_options;
  PeerloopDemoTotals peerloop_totals;
  auto started = std::chrono::steady_clock::now();
  std::vector<ShowcaseLine> showcase;
  try {
    std::printf("mentorship: %d students, %d mentors, %d bookings over three simulated weeks...\n",
                mentorship_options.students, mentorship_options.mentors,
                mentorship_options.sessions);
    std::fflush(stdout);
    // Reactions move money between streams: the scenarios wait for them where it matters.
    std::function<void()> settle = [&] {
      Status quiet = system->WaitUntilQuiet(std::chrono::seconds(120));
      if (!quiet.ok())
        throw std::runtime_error("demo: the reactions did not settle: " + quiet.message());
    };
    RunMentorshipDemo(driver, mentorship_options, settle, &totals);
    std::printf("uhs: %d families, M-Pesa, PayPal and Stripe, wallets, splits, refunds...\n",
                uhs_options.families);
    std::fflush(stdout);
    RunUhsDemo(driver, uhs_options, settle, &uhs_totals);
    std::printf("skillspring: %d students shopping with coupons, learning, reviewing...\n",
                skillspring_options.students);
    std::fflush(stdout);
    RunSkillspringDemo(driver, skillspring_options, settle, &skillspring_totals);
    std::printf(
        "peerloop: %d students, %d student-teachers, 70/15/15 splits, goodwill, help summons...\n",
        peerloop_options.students, peerloop_options.student_teachers);
    std::fflush(stdout);
    RunPeerloopDemo(driver, peerloop_options, settle, &peerloop_totals);

    // The error showcase needs an approved mentor and a student: make a fresh pair.
    Uuid admin_id = driver.NewId();
    Actor admin{ToString(admin_id), "admin"};
    mentorship::RegisterUser admin_user;
    admin_user.user_id = admin_id;
    admin_user.role = mentorship::UserRole::admin;
    admin_user.email = "showcase-admin@eduledger.example";
    admin_user.name = "Showcase Admin";
    driver.Send("RegisterUser", CommandBody("mentorship", admin_user), admin);
    ++totals.users;
    Uuid student_id = driver.NewId();
    Actor student{ToString(student_id), "student"};
    mentorship::RegisterUser student_user;
    student_user.user_id = student_id;
    student_user.email = "showcase-student@example.in";
    student_user.name = "Showcase Student";
    student_user.academic_level = mentorship::AcademicLevel::school;
    driver.Send("RegisterUser", CommandBody("mentorship", student_user), student);
    ++totals.users;
    Uuid mentor_user = driver.NewId();
    Uuid mentor_id = driver.NewId();
    Actor mentor{ToString(mentor_user), "mentor"};
    mentorship::RegisterUser mentor_account;
    mentor_account.user_id = mentor_user;
    mentor_account.role = mentorship::UserRole::mentor;
    mentor_account.email = "showcase-mentor@example.in";
    mentor_account.name = "Showcase Mentor";
    driver.Send("RegisterUser", CommandBody("mentorship", mentor_account), mentor);
    ++totals.users;
    mentorship::ApplyAsMentor application;
    application.mentor_id = mentor_id;
    application.user_id = mentor_user;
    application.title = "Physics Teacher";
    application.student_levels_served = {mentorship::AcademicLevel::school};
    application.hourly_rate = Money{80000, "INR"};
    application.primary_language = "Telugu";
    driver.Send("ApplyAsMentor", CommandBody("mentorship", application), mentor);
    ++totals.mentors_applied;
    ++totals.verification_steps;  // the application's row
    // The seed's review path: documents, background check, interview, trial session.
    for (auto to : {mentorship::VerificationStatus::documents_under_review,
                    mentorship::VerificationStatus::background_check_in_progress,
                    mentorship::VerificationStatus::interview_scheduled,
                    mentorship::VerificationStatus::trial_session_required}) {
      mentorship::AdvanceMentorVerification step;
      step.mentor_id = mentor_id;
      step.to = to;
      driver.Send("AdvanceMentorVerification", CommandBody("mentorship", step), admin);
      ++totals.verification_steps;
    }
    // The same approval sent twice with one Idempotency-Key: the retry changes nothing.
    Uuid key = driver.NewId();
    DemoOutcome approved = driver.SendWithKey(
        "ApproveMentor", CommandBody("mentorship", mentorship::ApproveMentor{mentor_id, {}}), admin,
        key);
    DemoOutcome retried = driver.SendWithKey(
        "ApproveMentor", CommandBody("mentorship", mentorship::ApproveMentor{mentor_id, {}}), admin,
        key);
    ++totals.mentors_approved;
    ++totals.verification_steps;  // the final review's row
    showcase = ErrorShowcase(driver, admin, student, mentor_id, approved.result.stream_version);
    showcase.push_back({"the same approval retried with its Idempotency-Key", retried});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  s = system->WaitForProjections(driver.high_water(), std::chrono::seconds(120));
  if (s.ok()) s = system->WaitUntilQuiet(std::chrono::seconds(120));
  double caught_up =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!s.ok()) {
    std::fprintf(stderr, "eduledger demo: projections did not catch up: %s\n",
                 s.ToString().c_str());
    return 1;
  }

  std::vector<int64_t> ends;
  (void)system->log().EndOffsets(&ends);
  int64_t events = 0;
  for (int64_t e : ends) events += e;
  std::printf(
      "\n%lld commands over HTTP in %.1f s (%.0f commands/s), %lld events in the log; "
      "projections caught up %.2f s after the last command\n",
      static_cast<long long>(driver.commands()), seconds, driver.commands() / seconds,
      static_cast<long long>(events), caught_up - seconds);
  std::printf("\naccepted commands by type\n");
  for (const auto& [type, n] : driver.accepted()) std::printf("  %-22s %6d\n", type.c_str(), n);

  std::printf("\nhow bad requests are refused (nothing is appended for any of them)\n");
  for (const auto& line : showcase) {
    if (line.outcome.ok()) {
      std::printf(
          "  %-52s %d %s\n", line.what.c_str(), line.outcome.http_status,
          line.outcome.result.replayed ? "replayed: the first result, no new event" : "accepted");
    } else {
      std::printf("  %-52s %d %-24s %s\n", line.what.c_str(), line.outcome.http_status,
                  line.outcome.code.c_str(), line.outcome.message.c_str());
    }
  }

  bool reconciled = ReportMentorshipDemo(db_uri, totals);
  reconciled = ReportUhsDemo(db_uri, uhs_totals) && reconciled;
  reconciled = ReportSkillspringDemo(db_uri, skillspring_totals) && reconciled;
  reconciled = ReportPeerloopDemo(db_uri, &system->log(), peerloop_totals) && reconciled;
  system->Stop();
  std::printf("\n%s\n",
              reconciled ? "Everything reconciles." : "SOMETHING DOES NOT RECONCILE (see above).");
  std::printf(
      "\nThe read tables are in: %s\n  psql '%s' -c 'select * from mentorship.payments limit 5'\n",
      db_uri.c_str(), db_uri.c_str());
  return reconciled ? 0 : 1;
}

}  // namespace edu
