#include "adapters/demo_mentorship.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "domain/mentorship/commands.h"
#include "domain/mentorship/session.h"
#include "domain/policies.h"

namespace edu {
namespace {

using namespace mentorship;

struct Person {
  Uuid id;
  AcademicLevel level = AcademicLevel::college;
  std::string primary_language;
  std::vector<std::string> languages;
};

struct DemoMentor {
  Uuid user_id;
  Uuid mentor_id;
  bool approved = false;
  int64_t rate_minor = 0;
  std::vector<AcademicLevel> levels;
  std::vector<std::string> languages;  // primary first
  bool Speaks(const std::string& l) const {
    return std::find(languages.begin(), languages.end(), l) != languages.end();
  }
  bool Serves(AcademicLevel l) const { return std::find(levels.begin(), levels.end(), l) != levels.end(); }
};

struct PendingSession {
  Uuid session_id;
  Actor mentor;
  Timestamp ends;
  int64_t amount = 0;
};

template <class T>
const T& Pick(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[rng() % v.size()];
}

void Expect(const DemoOutcome& o, const char* what) {
  if (!o.ok()) {
    throw std::runtime_error(fmt::format("demo: {} was refused ({} {}: {})", what, o.http_status,
                                         o.code, o.message));
  }
}

std::string Email(const std::string& name, const Uuid& id) {
  std::string local;
  for (char c : name) local += c == ' ' ? '.' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return local + "." + ToString(id).substr(0, 4) + "@example.in";
}

}  // namespace

void RunMentorshipDemo(DemoDriver& d, const MentorshipDemoOptions& options,
                       MentorshipDemoTotals* totals) {
  auto& rng = d.rng();
  const std::vector<std::string> kLanguages = {"Telugu", "Hindi", "English", "Tamil"};
  const std::vector<std::string> kCities = {"Vijayawada", "Visakhapatnam", "Guntur", "Hyderabad",
                                            "Chennai", "Bengaluru", "Tirupati"};
  const std::vector<std::string> kFields = {"Computer Science", "Medicine", "Commerce",
                                            "Mechanical Engineering", "Economics", "Biology"};
  const std::vector<std::string> kTitles = {"Senior Software Engineer", "Data Scientist",
                                            "Associate Professor", "Product Manager",
                                            "NEET Coach", "Chartered Accountant"};

  // The first admin bootstraps their own account.
  Uuid admin_id = d.NewId();
  Actor admin{ToString(admin_id), "admin"};
  RegisterUser admin_user;
  admin_user.user_id = admin_id;
  admin_user.role = UserRole::admin;
  admin_user.email = "ops@eduledger.example";
  admin_user.name = "Platform Operations";
  Expect(d.Send("RegisterUser", CommandBody("mentorship", admin_user), admin), "registering the admin");
  ++totals->users;

  std::vector<Person> students;
  for (int i = 0; i < options.students; ++i) {
    Person p;
    p.id = d.NewId();
    p.level = rng() % 100 < 35 ? AcademicLevel::school : AcademicLevel::college;
    p.primary_language = Pick(rng, kLanguages);
    p.languages = {p.primary_language};
    if (p.primary_language != "English" && rng() % 100 < 80) p.languages.push_back("English");
    RegisterUser c;
    c.user_id = p.id;
    c.role = UserRole::student;
    c.name = DemoName(rng);
    c.email = Email(c.name, p.id);
    c.phone = fmt::format("+91 9{:09d}", rng() % 1000000000);
    c.city = Pick(rng, kCities);
    c.state = "Andhra Pradesh";
    c.country = "India";
    c.timezone = "Asia/Kolkata";
    c.academic_level = p.level;
    if (p.level == AcademicLevel::school) {
      c.current_grade = std::to_string(8 + rng() % 5);
      c.institution_name = "Kendriya Vidyalaya";
    } else {
      c.institution_name = "Andhra University";
      c.field_of_study = Pick(rng, kFields);
      c.graduation_year = static_cast<int32_t>(2027 + rng() % 3);
      c.gpa_score = 6.0 + static_cast<double>(rng() % 40) / 10.0;
    }
    c.primary_language = p.primary_language;
    c.languages_spoken = p.languages;
    c.career_goals = {"Find the right specialisation"};
    c.onboarding_completed = true;
    Expect(d.Send("RegisterUser", CommandBody("mentorship", c), Actor{ToString(p.id), "student"}),
           "registering a student");
    ++totals->users;
    students.push_back(std::move(p));
  }

  std::vector<DemoMentor> mentors;
  for (int j = 0; j < options.mentors; ++j) {
    DemoMentor m;
    m.user_id = d.NewId();
    m.mentor_id = d.NewId();
    Actor self{ToString(m.user_id), "mentor"};
    RegisterUser u;
    u.user_id = m.user_id;
    u.role = UserRole::mentor;
    u.name = DemoName(rng);
    u.email = Email(u.name, m.user_id);
    u.timezone = "Asia/Kolkata";
    Expect(d.Send("RegisterUser", CommandBody("mentorship", u), self), "registering a mentor's user");
    ++totals->users;

    std::string primary = Pick(rng, kLanguages);
    m.languages = {primary};
    if (primary != "English") m.languages.push_back("English");
    if (rng() % 2) m.languages.push_back(primary == "Hindi" ? "Telugu" : "Hindi");
    int levels = static_cast<int>(rng() % 3);
    if (levels != 1) m.levels.push_back(AcademicLevel::school);
    if (levels != 0) m.levels.push_back(AcademicLevel::college);
    m.rate_minor = (600 + static_cast<int64_t>(rng() % 39) * 50) * 100;  // Rs 600 .. Rs 2,500 an hour
    ApplyAsMentor a;
    a.mentor_id = m.mentor_id;
    a.user_id = m.user_id;
    a.title = Pick(rng, kTitles);
    a.company = j % 2 ? std::optional<std::string>("Infosys") : std::nullopt;
    a.university = j % 2 ? std::nullopt : std::optional<std::string>("IIT Madras");
    a.experience_years = static_cast<int32_t>(3 + rng() % 15);
    a.expertise_areas = {Pick(rng, kFields)};
    a.academic_specializations = {Pick(rng, kFields)};
    a.student_levels_served = m.levels;
    a.hourly_rate = Money{m.rate_minor, "INR"};
    a.bio = "Helping students choose well.";
    a.primary_language = primary;
    a.languages_spoken = {m.languages.begin() + 1, m.languages.end()};
    a.timezone = "Asia/Kolkata";
    a.mentor_type = j % 3 ? "industry" : "academic";
    a.verification_docs = {fmt::format("s3://eduledger-docs/{}/degree.pdf", ToString(m.mentor_id))};
    Expect(d.Send("ApplyAsMentor", CommandBody("mentorship", a), self), "a mentor application");
    ++totals->mentors_applied;
    // Two applications stay under review: booking them must be refused.
    if (j < options.mentors - 2) {
      Expect(d.Send("ApproveMentor", CommandBody("mentorship", ApproveMentor{m.mentor_id, std::string("documents and interview OK")}), admin),
             "approving a mentor");
      m.approved = true;
      ++totals->mentors_approved;
    }
    mentors.push_back(std::move(m));
  }

  // Bookings spread over the first week; sessions happen over the following days; mentors
  // complete the ones that have ended each simulated day.
  const Policies policies;
  const Timestamp start = d.clock().Now();
  const int days_of_booking = 7;
  std::vector<PendingSession> pending;
  auto complete_due = [&](Timestamp now) {
    std::vector<PendingSession> later;
    for (const auto& s : pending) {
      if (s.ends > now) {
        later.push_back(s);
        continue;
      }
      // Most mentors report completion; a few sessions stay open (held in escrow).
      if (d.rng()() % 100 < 6) continue;
      CompleteSession c{s.session_id, std::string("Discussed goals; next: practice set"),
                        {"Solve 20 practice problems", "Shortlist three colleges"}};
      Expect(d.Send("CompleteSession", CommandBody("mentorship", c), s.mentor), "completing a session");
      ++totals->sessions_completed;
      totals->released_minor += s.amount;
      int64_t fee = ShareOf(s.amount, policies.mentorship.platform_fee_bps);
      totals->platform_fee_minor += fee;
      totals->mentor_earnings_minor += s.amount - fee;
    }
    pending = std::move(later);
  };

  for (int k = 0; k < options.sessions; ++k) {
    if (k > 0 && k % std::max(1, options.sessions / days_of_booking) == 0) {
      d.clock().Advance(Days(1));
      complete_due(d.clock().Now());
    }
    const Person& student = Pick(rng, students);
    std::vector<const DemoMentor*> fits;
    for (const auto& m : mentors) {
      if (!m.approved || !m.Serves(student.level)) continue;
      for (const auto& l : student.languages) {
        if (m.Speaks(l)) {
          fits.push_back(&m);
          break;
        }
      }
    }
    bool try_unapproved = rng() % 100 < 4;
    const DemoMentor* mentor = nullptr;
    if (try_unapproved) {
      mentor = &mentors.back();  // still pending verification
    } else if (!fits.empty()) {
      mentor = Pick(rng, fits);
    } else {
      continue;  // nobody suits this student today
    }
    std::string language = student.primary_language;
    if (!mentor->Speaks(language)) language = "English";
    BookSession b;
    b.session_id = d.NewId();
    b.student_id = student.id;
    b.mentor_id = mentor->mentor_id;
    int64_t days_ahead = 1 + static_cast<int64_t>(rng() % 14);
    int64_t hour_ist = 9 + static_cast<int64_t>(rng() % 10);
    Timestamp day = StartOfDay(DateOf(d.clock().Now() + Days(days_ahead)));
    b.scheduled_at = day + Hours(hour_ist) - Minutes(330);  // IST is UTC+05:30
    static const int32_t kDurations[] = {30, 60, 60, 90};
    b.duration_minutes = kDurations[rng() % 4];
    b.session_type = static_cast<SessionType>(rng() % 3);
    b.session_language = language;
    b.user_questions = {"Which stream suits me?", "How should I prepare this term?"};
    Actor student_actor{ToString(student.id), "student"};
    DemoOutcome booked = d.Send("BookSession", CommandBody("mentorship", b), student_actor);
    if (try_unapproved) {
      if (booked.ok() || booked.code != "mentor_not_approved") {
        throw std::runtime_error("demo: booking a pending mentor was not refused as expected");
      }
      ++totals->refused_unapproved_mentor;
      continue;
    }
    Expect(booked, "a booking");
    ++totals->sessions_booked;

    int64_t amount = SessionPrice(mentor->rate_minor, b.duration_minutes);
    CapturePayment pay;
    pay.session_id = b.session_id;
    pay.payment_id = d.NewId();
    pay.amount = Money{amount, "INR"};
    pay.payment_method = static_cast<PaymentMethod>(rng() % 4);
    pay.gateway = PaymentGateway::razorpay;
    pay.gateway_payment_id = "pay_" + ToString(pay.payment_id).substr(0, 14);
    pay.gateway_response = fmt::format(R"({{"id":"{}","status":"captured","method":"{}"}})",
                                       pay.gateway_payment_id, EnumName(pay.payment_method));
    Expect(d.Send("CapturePayment", CommandBody("mentorship", pay), Actor{"system:razorpay", "gateway"}),
           "a payment capture");
    totals->captured_minor += amount;
    pending.push_back({b.session_id, Actor{ToString(mentor->user_id), "mentor"},
                       b.scheduled_at + Minutes(b.duration_minutes), amount});
  }
  // Two more weeks pass: most sessions happen; the furthest stay booked with money in escrow.
  for (int day = 0; day < 10; ++day) {
    d.clock().Advance(Days(1));
    complete_due(d.clock().Now());
  }
  (void)start;
}

bool ReportMentorshipDemo(const std::string& db_uri, const MentorshipDemoTotals& t) {
  pqxx::connection conn(db_uri);
  pqxx::nontransaction tx(conn);
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  // Money columns are NUMERIC rupees; compare in paise, exactly.
  auto paise = [&](const std::string& expr, const std::string& from) {
    return scalar("SELECT (coalesce(sum(" + expr + "), 0) * 100)::bigint FROM " + from);
  };

  std::printf("\nmentorship read tables (schema mentorship)\n");
  pqxx::result tables = tx.exec(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'mentorship' "
      "ORDER BY table_name");
  for (const auto& row : tables) {
    std::string name = row[0].c_str();
    std::printf("  %-22s %6lld rows\n", name.c_str(),
                static_cast<long long>(scalar("SELECT count(*) FROM mentorship." + name)));
  }

  struct Check {
    std::string what;
    int64_t expected;
    int64_t actual;
    bool money;
  };
  std::vector<Check> checks = {
      {"users", t.users, scalar("SELECT count(*) FROM mentorship.users"), false},
      {"mentors applied", t.mentors_applied, scalar("SELECT count(*) FROM mentorship.mentors"), false},
      {"mentors approved", t.mentors_approved,
       scalar("SELECT count(*) FROM mentorship.mentors WHERE verification_status = 'approved' AND is_active"), false},
      {"sessions booked", t.sessions_booked, scalar("SELECT count(*) FROM mentorship.sessions"), false},
      {"sessions completed", t.sessions_completed,
       scalar("SELECT count(*) FROM mentorship.sessions WHERE status = 'completed'"), false},
      {"mentors.total_sessions", t.sessions_completed,
       scalar("SELECT coalesce(sum(total_sessions), 0) FROM mentorship.mentors"), false},
      {"captured", t.captured_minor, paise("amount", "mentorship.payments"), true},
      {"released from escrow", t.released_minor,
       paise("amount", "mentorship.payments WHERE status = 'released'"), true},
      {"still held in escrow", t.captured_minor - t.released_minor,
       paise("amount", "mentorship.payments WHERE status = 'held'"), true},
      {"platform fees (30%)", t.platform_fee_minor, paise("platform_fee", "mentorship.payments"), true},
      {"mentor earnings (70%)", t.mentor_earnings_minor, paise("mentor_earnings", "mentorship.payments"), true},
      {"payments where fee + earnings != amount", 0,
       scalar("SELECT count(*) FROM mentorship.payments WHERE status = 'released' AND "
              "platform_fee + mentor_earnings <> amount"),
       false},
  };
  bool all_ok = true;
  std::printf("\nmentorship money and counts: what the API accepted vs the read tables\n");
  for (const auto& c : checks) {
    bool ok = c.expected == c.actual;
    all_ok = all_ok && ok;
    std::string e = c.money ? FormatMoney(Money{c.expected, "INR"}) : std::to_string(c.expected);
    std::string a = c.money ? FormatMoney(Money{c.actual, "INR"}) : std::to_string(c.actual);
    std::printf("  %-42s %18s %18s  %s\n", c.what.c_str(), e.c_str(), a.c_str(), ok ? "ok" : "MISMATCH");
  }
  std::printf("  refused bookings of mentors still under review: %d (mentor_not_approved)\n",
              t.refused_unapproved_mentor);
  return all_ok;
}

}  // namespace edu
