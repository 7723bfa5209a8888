#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "adapters/demo/mentorship.h"
#include "domain/mentorship/commands.h"

namespace edu {
namespace {

// A few requests an API client gets wrong, and what eduledger answers. None appends anything.
std::vector<DemoRefusal> ErrorShowcase(DemoDriver& d, const Actor& admin, const Actor& student,
                                       const Uuid& approved_mentor, int64_t mentor_version) {
  using namespace mentorship;
  std::vector<DemoRefusal> lines;
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

std::vector<DemoRefusal> RunMentorshipShowcase(DemoDriver& driver, MentorshipDemoTotals* totals) {
  // The error showcase needs an approved mentor and a student: make a fresh pair.
  Uuid admin_id = driver.NewId();
  Actor admin{ToString(admin_id), "admin"};
  mentorship::RegisterUser admin_user;
  admin_user.user_id = admin_id;
  admin_user.role = mentorship::UserRole::admin;
  admin_user.email = "showcase-admin@eduledger.example";
  admin_user.name = "Showcase Admin";
  driver.Send("RegisterUser", CommandBody("mentorship", admin_user), admin);
  ++totals->users;
  Uuid student_id = driver.NewId();
  Actor student{ToString(student_id), "student"};
  mentorship::RegisterUser student_user;
  student_user.user_id = student_id;
  student_user.email = "showcase-student@example.in";
  student_user.name = "Showcase Student";
  student_user.academic_level = mentorship::AcademicLevel::school;
  driver.Send("RegisterUser", CommandBody("mentorship", student_user), student);
  ++totals->users;
  Uuid mentor_user = driver.NewId();
  Uuid mentor_id = driver.NewId();
  Actor mentor{ToString(mentor_user), "mentor"};
  mentorship::RegisterUser mentor_account;
  mentor_account.user_id = mentor_user;
  mentor_account.role = mentorship::UserRole::mentor;
  mentor_account.email = "showcase-mentor@example.in";
  mentor_account.name = "Showcase Mentor";
  driver.Send("RegisterUser", CommandBody("mentorship", mentor_account), mentor);
  ++totals->users;
  mentorship::ApplyAsMentor application;
  application.mentor_id = mentor_id;
  application.user_id = mentor_user;
  application.title = "Physics Teacher";
  application.student_levels_served = {mentorship::AcademicLevel::school};
  application.hourly_rate = Money{80000, "INR"};
  application.primary_language = "Telugu";
  driver.Send("ApplyAsMentor", CommandBody("mentorship", application), mentor);
  ++totals->mentors_applied;
  ++totals->verification_steps;  // the application's row
  // The seed's review path: documents, background check, interview, trial session.
  for (auto to : {mentorship::VerificationStatus::documents_under_review,
                  mentorship::VerificationStatus::background_check_in_progress,
                  mentorship::VerificationStatus::interview_scheduled,
                  mentorship::VerificationStatus::trial_session_required}) {
    mentorship::AdvanceMentorVerification step;
    step.mentor_id = mentor_id;
    step.to = to;
    driver.Send("AdvanceMentorVerification", CommandBody("mentorship", step), admin);
    ++totals->verification_steps;
  }
  // The same approval sent twice with one Idempotency-Key: the retry changes nothing.
  Uuid key = driver.NewId();
  DemoOutcome approved = driver.SendWithKey(
      "ApproveMentor", CommandBody("mentorship", mentorship::ApproveMentor{mentor_id, {}}), admin,
      key);
  DemoOutcome retried = driver.SendWithKey(
      "ApproveMentor", CommandBody("mentorship", mentorship::ApproveMentor{mentor_id, {}}), admin,
      key);
  ++totals->mentors_approved;
  ++totals->verification_steps;  // the final review's row
  std::vector<DemoRefusal> lines =
      ErrorShowcase(driver, admin, student, mentor_id, approved.result.stream_version);
  lines.push_back({"the same approval retried with its Idempotency-Key", retried});
  return lines;
}

void PrintDemoRefusals(const std::vector<DemoRefusal>& lines) {
  std::printf("\nhow bad requests are refused (nothing is appended for any of them)\n");
  for (const auto& line : lines) {
    if (line.outcome.ok()) {
      std::printf(
          "  %-52s %d %s\n", line.what.c_str(), line.outcome.http_status,
          line.outcome.result.replayed ? "replayed: the first result, no new event" : "accepted");
    } else {
      std::printf("  %-52s %d %-24s %s\n", line.what.c_str(), line.outcome.http_status,
                  line.outcome.code.c_str(), line.outcome.message.c_str());
    }
  }
}

}  // namespace edu
