#include "adapters/demo/mentorship_scenario.h"

namespace edu::mentorship::demo_scenario {

// mentorship_support.cc: support tickets and the notifications' read receipts.
void RunSupportDesk(DemoDriver& d, const Actor& admin, const Actor& support,
                    const std::vector<Person>& students, const std::vector<DemoMentor>& mentors,
                    const std::function<void()>& settle);
// mentorship_calendar.cc: weekly availability of the approved mentors, and calendar mistakes.
void PublishAvailability(DemoDriver& d, const std::vector<DemoMentor>& mentors,
                         const std::vector<Person>& students, MentorshipDemoTotals* t);

void MentorshipScenario::Run() {
  const Timestamp t0 = d_.clock().Now();  // Monday 09:00 IST
  People();
  Verification();
  PublishAvailability(d_, mentors_, students_, &t_);
  const Micros spacing = options_.sessions > 0 ? Days(10) / options_.sessions : Days(1);
  for (int k = 0; k < options_.sessions; ++k) {
    timeline_.At(t0 + Hours(1) + spacing * k, [this] { Book(); });
  }
  for (int week = 1; week <= 3; ++week) {
    timeline_.At(t0 + Days(7 * week), [this, week] { PayoutRun(week); });
  }
  timeline_.RunUntil(t0 + Days(21) + Hours(8));
  RunSupportDesk(d_, admin_, support_, students_, mentors_, settle_);
}

void MentorshipScenario::People() {
  const std::vector<std::string> kCities = {"Vijayawada", "Visakhapatnam", "Guntur",  "Hyderabad",
                                            "Chennai",    "Bengaluru",     "Tirupati"};
  const std::vector<std::string> kFields = {"Computer Science",       "Medicine",  "Commerce",
                                            "Mechanical Engineering", "Economics", "Biology"};
  admin_ = Actor{ToString(d_.NewId()), "admin"};
  RegisterUser admin_user;
  admin_user.user_id = *ParseUuid(admin_.id);
  admin_user.role = UserRole::admin;
  admin_user.email = "ops@eduledger.example";
  admin_user.name = "Platform Operations";
  Expect(Send(admin_user, admin_), "registering the admin");
  support_ = Actor{ToString(d_.NewId()), "support"};
  RegisterUser support_user;
  support_user.user_id = *ParseUuid(support_.id);
  support_user.role = UserRole::support;
  support_user.email = "support@eduledger.example";
  support_user.name = "Student Support";
  Expect(Send(support_user, admin_), "registering support");
  t_.users += 2;

  for (int i = 0; i < options_.students; ++i) {
    Person p;
    p.id = d_.NewId();
    p.level = rng_() % 100 < 35 ? AcademicLevel::school : AcademicLevel::college;
    p.primary_language = Pick(rng_, kLanguages);
    p.languages = {p.primary_language};
    if (p.primary_language != "English" && rng_() % 100 < 80) p.languages.push_back("English");
    RegisterUser c;
    c.user_id = p.id;
    c.role = UserRole::student;
    c.name = DemoName(rng_);
    c.email = Email(c.name, p.id);
    c.phone = fmt::format("+91 9{:09d}", rng_() % 1000000000);
    c.city = Pick(rng_, kCities);
    c.state = "Andhra Pradesh";
    c.country = "India";
    c.timezone = "Asia/Kolkata";
    c.academic_level = p.level;
    if (p.level == AcademicLevel::school) {
      c.current_grade = std::to_string(8 + rng_() % 5);
      c.institution_name = "Kendriya Vidyalaya";
    } else {
      c.institution_name = "Andhra University";
      c.field_of_study = Pick(rng_, kFields);
      c.graduation_year = static_cast<int32_t>(2027 + rng_() % 3);
      c.gpa_score = 6.0 + static_cast<double>(rng_() % 40) / 10.0;
    }
    c.primary_language = p.primary_language;
    c.languages_spoken = p.languages;
    c.career_goals = {"Find the right specialisation"};
    c.onboarding_completed = true;
    Expect(Send(c, Actor{ToString(p.id), "student"}), "registering a student");
    ++t_.users;
    students_.push_back(std::move(p));
  }
}

DemoMentor MentorshipScenario::Apply(int j) {
  const std::vector<std::string> kFields = {"Computer Science", "Medicine", "Commerce",
                                            "Economics"};
  const std::vector<std::string> kTitles = {
      "Senior Software Engineer", "Data Scientist", "Associate Professor",
      "Product Manager",          "NEET Coach",     "Chartered Accountant"};
  DemoMentor m;
  m.user_id = d_.NewId();
  m.mentor_id = d_.NewId();
  RegisterUser u;
  u.user_id = m.user_id;
  u.role = UserRole::mentor;
  u.name = DemoName(rng_);
  u.email = Email(u.name, m.user_id);
  u.timezone = "Asia/Kolkata";
  Expect(Send(u, m.actor()), "registering a mentor's user");
  ++t_.users;
  std::string primary = Pick(rng_, kLanguages);
  m.languages = {primary};
  if (primary != "English") m.languages.push_back("English");
  if (rng_() % 2) m.languages.push_back(primary == "Hindi" ? "Telugu" : "Hindi");
  int levels = static_cast<int>(rng_() % 3);
  if (levels != 1) m.levels.push_back(AcademicLevel::school);
  if (levels != 0) m.levels.push_back(AcademicLevel::college);
  m.rate_minor = (600 + static_cast<int64_t>(rng_() % 39) * 50) * 100 + 1;  // odd paise on purpose
  ApplyAsMentor a;
  a.mentor_id = m.mentor_id;
  a.user_id = m.user_id;
  a.title = Pick(rng_, kTitles);
  a.company = j % 2 ? std::optional<std::string>("Infosys") : std::nullopt;
  a.university = j % 2 ? std::nullopt : std::optional<std::string>("IIT Madras");
  a.experience_years = static_cast<int32_t>(3 + rng_() % 15);
  a.expertise_areas = {Pick(rng_, kFields)};
  a.academic_specializations = {Pick(rng_, kFields)};
  a.student_levels_served = m.levels;
  a.hourly_rate = Money{m.rate_minor, policy_.currency};
  a.bio = "Helping students choose well.";
  a.primary_language = primary;
  a.languages_spoken = {m.languages.begin() + 1, m.languages.end()};
  a.timezone = "Asia/Kolkata";
  a.mentor_type = j % 3 ? "industry" : "academic";
  a.verification_docs = {fmt::format("s3://eduledger-docs/{}/degree.pdf", ToString(m.mentor_id))};
  Expect(Send(a, m.actor()), "a mentor application");
  ++t_.mentors_applied;
  ++t_.verification_steps;  // the application's row
  return m;
}

void MentorshipScenario::Step(const DemoMentor& m, VerificationStatus to, const char* what) {
  AdvanceMentorVerification step;
  step.mentor_id = m.mentor_id;
  step.to = to;
  step.notes = what;
  if (to == VerificationStatus::documents_under_review) {
    step.document_type = "degree_certificate";
    step.document_url = fmt::format("s3://eduledger-docs/{}/degree.pdf", ToString(m.mentor_id));
  }
  if (to == VerificationStatus::interview_scheduled)
    step.scheduled_for = d_.clock().Now() + Hours(26);
  Expect(Send(step, admin_), std::string("verification step: ") + what);
  ++t_.verification_steps;
}

// Every mentor but the last two goes through review and is approved after a trial session
// (the seed's path, required by the default policy); the last two stay under review. One more
// applicant fails the background check, and one approved mentor is suspended after a complaint
// and reinstated after training.
void MentorshipScenario::Verification() {
  for (int j = 0; j < options_.mentors; ++j) mentors_.push_back(Apply(j));
  for (int j = 0; j < options_.mentors; ++j) {
    DemoMentor& m = mentors_[static_cast<size_t>(j)];
    if (j >= options_.mentors - 2) {
      if (j == options_.mentors - 1)
        Step(m, VerificationStatus::documents_under_review, "documents received");
      continue;
    }
    Step(m, VerificationStatus::documents_under_review, "documents received");
    Step(m, VerificationStatus::background_check_in_progress,
         "sent to the background check agency");
    Step(m, VerificationStatus::interview_scheduled, "background clear; interview booked");
    Step(m, VerificationStatus::trial_session_required, "interview passed; trial session next");
    Expect(Send(ApproveMentor{m.mentor_id, std::string("verified")}, admin_), "approving a mentor");
    ++t_.verification_steps;
    ++t_.mentors_approved;
    m.approved = true;
  }
  DemoMentor rejected = Apply(options_.mentors);
  Step(rejected, VerificationStatus::documents_under_review, "documents received");
  Step(rejected, VerificationStatus::background_check_in_progress,
       "sent to the background check agency");
  Expect(Send(RejectMentor{rejected.mentor_id, "background check: undisclosed conviction"}, admin_),
         "rejecting an applicant");
  ++t_.verification_steps;
  ++t_.mentors_rejected;
  const DemoMentor& suspended = mentors_.front();
  Expect(Send(SuspendMentor{suspended.mentor_id, "complaint under investigation"}, admin_),
         "suspending a mentor");
  Expect(Send(ReinstateMentor{suspended.mentor_id, std::string("completed the training")}, admin_),
         "reinstating a mentor");
  t_.verification_steps += 2;
}

}  // namespace edu::mentorship::demo_scenario

namespace edu {

void RunMentorshipDemo(DemoDriver& driver, const MentorshipDemoOptions& options,
                       const std::function<void()>& settle, MentorshipDemoTotals* totals) {
  mentorship::demo_scenario::MentorshipScenario(driver, options, settle, totals).Run();
}

}  // namespace edu
