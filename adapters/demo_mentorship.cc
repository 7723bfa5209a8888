#include "adapters/demo_mentorship.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "domain/mentorship/commands.h"
#include "domain/mentorship/payout_account.h"
#include "domain/mentorship/session.h"

namespace edu {
namespace {

using namespace mentorship;

struct Person {
  Uuid id{};
  AcademicLevel level = AcademicLevel::college;
  std::string primary_language;
  std::vector<std::string> languages;
};

struct DemoMentor {
  Uuid user_id{};
  Uuid mentor_id{};
  bool approved = false;
  int64_t rate_minor = 0;
  std::vector<AcademicLevel> levels;
  std::vector<std::string> languages;  // primary first
  bool Speaks(const std::string& l) const {
    return std::find(languages.begin(), languages.end(), l) != languages.end();
  }
  bool Serves(AcademicLevel l) const {
    return std::find(levels.begin(), levels.end(), l) != levels.end();
  }
  Actor actor() const { return Actor{ToString(user_id), "mentor"}; }
};

// What becomes of a booked session.
enum class Fate {
  kComplete,             // started, completed, rated
  kCancelFull,           // the student cancels more than 24 h before: full refund
  kCancelPartial,        // the student cancels 5 h before: 50 %
  kCancelLate,           // the student cancels 1 h before: nothing back, the mentor is paid
  kCancelByMentor,       // the mentor cancels 3 h before: full refund
  kRescheduleFree,       // moved a day, 26 h before (free), then completed
  kRescheduleEmergency,  // moved 6 h before: refused, then accepted as an emergency with proof
  kStudentNoShow,        // the mentor reports the student absent: the mentor is paid
  kMentorNoShow,         // the student reports the mentor absent: a dispute, fully refunded
  kQualityPartial,       // disputed during the session: 40 % back, 60 % to the mentor
  kQualityNone,          // disputed during the session: no refund, the mentor is paid
  kUnpaid,               // the payment fails; the student cancels the booking
  kOpen,                 // paid but never held: stays in escrow
};

struct DemoSession {
  Uuid id{};
  Uuid payment_id{};
  const DemoMentor* mentor = nullptr;
  Actor student;
  Timestamp start;
  int32_t minutes = 60;
  int64_t amount = 0;
  Fate fate = Fate::kComplete;
};

template <class T>
const T& Pick(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[rng() % v.size()];
}

void Expect(const DemoOutcome& o, const std::string& what) {
  if (!o.ok()) {
    throw std::runtime_error(
        fmt::format("demo: {} was refused ({} {}: {})", what, o.http_status, o.code, o.message));
  }
}

void ExpectRefusal(const DemoOutcome& o, const std::string& code, const std::string& what) {
  if (o.ok() || o.code != code) {
    throw std::runtime_error(fmt::format("demo: {} should have been refused with {}, got {} {}",
                                         what, code, o.http_status, o.code));
  }
}

std::string Email(const std::string& name, const Uuid& id) {
  std::string local;
  for (char c : name)
    local += c == ' ' ? '.' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return local + "." + ToString(id).substr(0, 4) + "@example.in";
}

// A queue of things that happen at given times; an action may schedule more. Runs them in time
// order (ties in the order they were scheduled), moving the simulated clock to each.
class Timeline {
 public:
  explicit Timeline(DemoDriver& d) : d_(d) {}
  void At(Timestamp t, std::function<void()> action) {
    if (t < d_.clock().Now()) t = d_.clock().Now();
    queue_.emplace(std::make_pair(t.micros, ++seq_), std::move(action));
  }
  void RunUntil(Timestamp end) {
    while (!queue_.empty() && queue_.begin()->first.first <= end.micros) {
      auto node = queue_.extract(queue_.begin());
      d_.clock().Set(Timestamp{node.key().first});
      node.mapped()();
    }
    d_.clock().Set(end);
  }

 private:
  DemoDriver& d_;
  std::map<std::pair<Micros, uint64_t>, std::function<void()>> queue_;
  uint64_t seq_ = 0;
};

class Scenario {
 public:
  Scenario(DemoDriver& d, const MentorshipDemoOptions& options, const std::function<void()>& settle,
           MentorshipDemoTotals* totals)
      : d_(d),
        rng_(d.rng()),
        options_(options),
        policy_(options.policy),
        settle_(settle),
        t_(*totals),
        timeline_(d) {}

  void Run() {
    const Timestamp t0 = d_.clock().Now();  // Monday 09:00 IST
    People();
    Verification();
    const Micros spacing = options_.sessions > 0 ? Days(10) / options_.sessions : Days(1);
    for (int k = 0; k < options_.sessions; ++k) {
      timeline_.At(t0 + Hours(1) + spacing * k, [this] { Book(); });
    }
    for (int week = 1; week <= 3; ++week) {
      timeline_.At(t0 + Days(7 * week), [this, week] { PayoutRun(week); });
    }
    timeline_.RunUntil(t0 + Days(21) + Hours(8));
  }

 private:
  Actor Gateway() const { return Actor{"system:razorpay", "gateway"}; }
  Actor Scheduler() const { return Actor{"system:scheduler", "system"}; }

  template <class Command>
  DemoOutcome Send(const Command& c, const Actor& actor) {
    return d_.Send(Command::kType, CommandBody("mentorship", c), actor);
  }

  // ---- people and verification ---------------------------------------------------------------

  void People() {
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

  DemoMentor Apply(int j) {
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
    m.rate_minor =
        (600 + static_cast<int64_t>(rng_() % 39) * 50) * 100 + 1;  // odd paise on purpose
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

  void Step(const DemoMentor& m, VerificationStatus to, const char* what) {
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
  void Verification() {
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
      Expect(Send(ApproveMentor{m.mentor_id, std::string("verified")}, admin_),
             "approving a mentor");
      ++t_.verification_steps;
      ++t_.mentors_approved;
      m.approved = true;
    }
    DemoMentor rejected = Apply(options_.mentors);
    Step(rejected, VerificationStatus::documents_under_review, "documents received");
    Step(rejected, VerificationStatus::background_check_in_progress,
         "sent to the background check agency");
    Expect(
        Send(RejectMentor{rejected.mentor_id, "background check: undisclosed conviction"}, admin_),
        "rejecting an applicant");
    ++t_.verification_steps;
    ++t_.mentors_rejected;
    const DemoMentor& suspended = mentors_.front();
    Expect(Send(SuspendMentor{suspended.mentor_id, "complaint under investigation"}, admin_),
           "suspending a mentor");
    Expect(
        Send(ReinstateMentor{suspended.mentor_id, std::string("completed the training")}, admin_),
        "reinstating a mentor");
    t_.verification_steps += 2;
  }

  // ---- sessions
  // -------------------------------------------------------------------------------------

  Fate PickFate() {
    struct Weighted {
      Fate fate;
      int weight;
    };
    static const Weighted kFates[] = {{Fate::kComplete, 55},
                                      {Fate::kCancelFull, 6},
                                      {Fate::kCancelPartial, 6},
                                      {Fate::kCancelLate, 4},
                                      {Fate::kCancelByMentor, 4},
                                      {Fate::kRescheduleFree, 5},
                                      {Fate::kRescheduleEmergency, 3},
                                      {Fate::kStudentNoShow, 4},
                                      {Fate::kMentorNoShow, 3},
                                      {Fate::kQualityPartial, 3},
                                      {Fate::kQualityNone, 2},
                                      {Fate::kUnpaid, 2},
                                      {Fate::kOpen, 3}};
    int roll = static_cast<int>(rng_() % 100);
    for (const auto& f : kFates) {
      if (roll < f.weight) return f.fate;
      roll -= f.weight;
    }
    return Fate::kComplete;
  }

  void Book() {
    const Person& student = Pick(rng_, students_);
    std::vector<const DemoMentor*> fits;
    for (const auto& m : mentors_) {
      if (!m.approved || !m.Serves(student.level)) continue;
      for (const auto& l : student.languages) {
        if (m.Speaks(l)) {
          fits.push_back(&m);
          break;
        }
      }
    }
    const bool try_unapproved = rng_() % 100 < 4;
    const DemoMentor* mentor = nullptr;
    if (try_unapproved) {
      mentor = &mentors_.back();  // still under review
    } else if (!fits.empty()) {
      mentor = Pick(rng_, fits);
    } else {
      return;  // nobody suits this student today
    }
    std::string language = student.primary_language;
    if (!mentor->Speaks(language)) language = "English";
    BookSession b;
    b.session_id = d_.NewId();
    b.student_id = student.id;
    b.mentor_id = mentor->mentor_id;
    Timestamp now = d_.clock().Now();
    Timestamp day = StartOfDay(DateOf(now + Days(2 + static_cast<int64_t>(rng_() % 7))));
    b.scheduled_at = day + Hours(9 + static_cast<int64_t>(rng_() % 10)) - Minutes(330);  // IST
    static const int32_t kDurations[] = {30, 60, 60, 90};
    b.duration_minutes = kDurations[rng_() % 4];
    b.session_type = static_cast<SessionType>(rng_() % 3);
    b.session_language = language;
    b.user_questions = {"Which stream suits me?", "How should I prepare this term?"};
    Actor student_actor{ToString(student.id), "student"};
    DemoOutcome booked = Send(b, student_actor);
    if (try_unapproved) {
      ExpectRefusal(booked, "mentor_not_approved", "booking a mentor under review");
      ++t_.refused_unapproved_mentor;
      return;
    }
    Expect(booked, "a booking");
    ++t_.sessions_booked;
    auto s = std::make_shared<DemoSession>();
    s->id = b.session_id;
    s->payment_id = d_.NewId();
    s->mentor = mentor;
    s->student = student_actor;
    s->start = b.scheduled_at;
    s->minutes = b.duration_minutes;
    s->amount = SessionPrice(mentor->rate_minor, b.duration_minutes);
    s->fate = PickFate();
    Pay(s);
  }

  CapturePayment Payment(const DemoSession& s, const Uuid& payment_id) {
    CapturePayment pay;
    pay.session_id = s.id;
    pay.payment_id = payment_id;
    pay.amount = Money{s.amount, policy_.currency};
    pay.payment_method = static_cast<PaymentMethod>(rng_() % 4);
    pay.gateway = PaymentGateway::razorpay;
    pay.gateway_payment_id = "pay_" + ToString(payment_id).substr(0, 14);
    pay.gateway_response = fmt::format(R"({{"id":"{}","status":"captured","method":"{}"}})",
                                       pay.gateway_payment_id, EnumName(pay.payment_method));
    return pay;
  }

  void Pay(std::shared_ptr<DemoSession> s) {
    const Timestamp now = d_.clock().Now();
    const bool fails_first = s->fate == Fate::kUnpaid || rng_() % 100 < 6;
    if (fails_first) {
      timeline_.At(now + Minutes(1), [this, s] {
        CapturePayment attempt = Payment(*s, d_.NewId());
        RecordPaymentFailed failed{
            s->id,
            attempt.payment_id,
            attempt.amount,
            attempt.payment_method,
            attempt.gateway,
            attempt.gateway_payment_id,
            "card declined by the issuer",
            std::string(R"({"status":"failed","error_code":"BAD_REQUEST_ERROR"})")};
        Expect(Send(failed, Gateway()), "a failed payment report");
        ++t_.payment_failures;
      });
    }
    if (s->fate == Fate::kUnpaid) {
      timeline_.At(now + Hours(1), [this, s] {
        Expect(Send(CancelSession{s->id, "could not pay", {}}, s->student),
               "cancelling an unpaid booking");
        ++t_.sessions_by_status["cancelled"];
      });
      return;
    }
    timeline_.At(now + Minutes(3), [this, s] {
      Expect(Send(Payment(*s, s->payment_id), Gateway()), "a payment capture");
      t_.captured_minor += s->amount;
      Plan(s);
    });
  }

  // Money leaving escrow towards the mentor and the platform, in the demo's own accounting.
  void Released(int64_t amount) {
    t_.released_minor += amount;
    int64_t fee = ShareOf(amount, policy_.platform_fee_bps);
    t_.platform_fee_minor += fee;
    t_.mentor_earnings_minor += amount - fee;
  }

  // A refund was approved: the gateway pays it back an hour later (one in eight fails first and
  // support retries it the next day); some reports are delivered twice.
  void Refunded(const DemoSession& s, int64_t amount) {
    t_.refunded_minor += amount;
    const Uuid refund_id = RefundIdFor(s.payment_id, 1);
    const Uuid session_id = s.id;
    const Money money{amount, policy_.currency};
    const bool fails = rng_() % 8 == 0;
    const Timestamp now = d_.clock().Now();
    auto issue = [this, session_id, refund_id, money](const std::string& gateway_id) {
      RecordRefundIssued issued{
          session_id, refund_id,
          money,      PaymentGateway::razorpay,
          gateway_id, fmt::format(R"({{"id":"{}","status":"processed"}})", gateway_id)};
      Expect(Send(issued, Gateway()), "a refund report");
      ++t_.refunds_issued;
      if (rng_() % 5 == 0) {
        DemoOutcome again = Send(issued, Gateway());  // the webhook, delivered twice
        Expect(again, "a duplicate refund report");
        if (!again.result.events.empty())
          throw std::runtime_error("demo: a duplicate webhook appended events");
        ++t_.duplicate_webhooks;
      }
    };
    if (!fails) {
      timeline_.At(now + Hours(1),
                   [issue, refund_id] { issue("rfnd_" + ToString(refund_id).substr(0, 12)); });
      return;
    }
    timeline_.At(now + Hours(1), [this, session_id, refund_id] {
      Expect(Send(RecordRefundFailed{session_id, refund_id, PaymentGateway::razorpay,
                                     "rfnd_" + ToString(refund_id).substr(0, 12),
                                     "beneficiary bank unavailable",
                                     std::string(R"({"status":"failed"})")},
                  Gateway()),
             "a failed refund report");
      ++t_.refunds_failed;
    });
    timeline_.At(now + Days(1), [this, session_id, refund_id] {
      Expect(Send(RetryRefund{session_id, refund_id}, support_), "retrying a refund");
    });
    timeline_.At(now + Days(1) + Hours(1),
                 [issue, refund_id] { issue("rfnd_" + ToString(refund_id).substr(13, 12)); });
  }

  void Cancel(std::shared_ptr<DemoSession> s, Micros notice, SessionParty by,
              const std::string& reason) {
    timeline_.At(s->start - notice, [this, s, by, reason] {
      Actor actor = by == SessionParty::student ? s->student : s->mentor->actor();
      Expect(Send(CancelSession{s->id, reason, {}}, actor), "a cancellation");
      const CancellationTerms terms = CancellationRefund(by, s->start - d_.clock().Now(), policy_);
      const int64_t refund = ShareOf(s->amount, terms.refund_bps);
      if (refund > 0) Refunded(*s, refund);
      if (s->amount - refund > 0) Released(s->amount - refund);
      ++t_.sessions_by_status["cancelled"];
    });
  }

  // The session takes place at `start`: started, completed (escrow released, or held for the
  // policy's dispute window and released by the scheduler), rated.
  void Hold(std::shared_ptr<DemoSession> s, Timestamp start) {
    timeline_.At(start, [this, s] {
      Expect(Send(StartSession{s->id, "zoom-" + ToString(s->id).substr(0, 8)}, s->mentor->actor()),
             "starting a session");
    });
    timeline_.At(start + Minutes(s->minutes), [this, s] {
      CompleteSession c{s->id,
                        std::string("Discussed goals; next: practice set"),
                        {"Solve 20 practice problems", "Shortlist three colleges"},
                        std::string("https://recordings.example/" + ToString(s->id))};
      Expect(Send(c, s->mentor->actor()), "completing a session");
      ++t_.sessions_by_status["completed"];
      ReleaseAfterEnd(*s);
      RateLater(s);
    });
  }

  // A completed session (or a student no-show) releases its escrow: at once, or after the policy's
  // dispute window when the scheduler releases it (if the demo lasts that long).
  void ReleaseAfterEnd(const DemoSession& s) {
    if (policy_.escrow_hold_after_completion <= 0) {
      Released(s.amount);
      return;
    }
    const Uuid id = s.id;
    const int64_t amount = s.amount;
    timeline_.At(d_.clock().Now() + policy_.escrow_hold_after_completion, [this, id, amount] {
      Expect(Send(ReleaseEscrow{id}, Scheduler()), "releasing a held payment");
      Released(amount);
    });
  }

  void RateLater(std::shared_ptr<DemoSession> s) {
    timeline_.At(d_.clock().Now() + Hours(2), [this, s] {
      static const double kRatings[] = {5, 5, 4.5, 4.5, 4, 4, 3.8, 3, 2.5};
      double rating = kRatings[rng_() % 9];
      Expect(Send(RateSession{s->id, rating,
                              std::string(rating < 3.5 ? "felt rushed" : "very helpful")},
                  s->student),
             "a student's rating");
      if (static_cast<int32_t>(rating * 100 + 0.5) < policy_.quality_review_below)
        ++t_.quality_reviews;
      if (rng_() % 2)
        Expect(Send(RateSession{s->id, 4.5, {}}, s->mentor->actor()), "a mentor's rating");
    });
  }

  void Resolve(std::shared_ptr<DemoSession> s, Timestamp at, ResolutionType type,
               int64_t compensation) {
    timeline_.At(at, [this, s, type, compensation] {
      std::optional<Money> amount;
      if (type == ResolutionType::partial_refund) amount = Money{compensation, policy_.currency};
      Expect(Send(ResolveDispute{s->id, type, amount, std::string("reviewed the recording")},
                  support_),
             "resolving a dispute");
      if (compensation > 0) {
        t_.compensation_minor += compensation;
        Refunded(*s, compensation);
      }
      if (s->amount - compensation > 0) Released(s->amount - compensation);
      ++t_.sessions_by_status["resolved"];
    });
  }

  void Plan(std::shared_ptr<DemoSession> s) {
    switch (s->fate) {
      case Fate::kComplete:
        Hold(s, s->start);
        break;
      case Fate::kCancelFull:
        Cancel(s, Hours(30), SessionParty::student, "exam rescheduled by the board");
        break;
      case Fate::kCancelPartial:
        Cancel(s, Hours(5), SessionParty::student, "feeling unwell");
        break;
      case Fate::kCancelLate:
        Cancel(s, Hours(1), SessionParty::student, "forgot a family function");
        break;
      case Fate::kCancelByMentor:
        Cancel(s, Hours(3), SessionParty::mentor, "called into an incident");
        break;
      case Fate::kRescheduleFree:
        timeline_.At(s->start - Hours(26), [this, s] {
          Expect(Send(
                     RescheduleSession{
                         s->id, s->start + Days(1), "clashes with a class test", {}, {}, {}},
                     s->student),
                 "a free reschedule");
          Hold(s, s->start + Days(1));
        });
        break;
      case Fate::kRescheduleEmergency:
        timeline_.At(s->start - Hours(6), [this, s] {
          RescheduleSession r{s->id, s->start + Days(2), "hospitalised", {}, {}, {}};
          ExpectRefusal(Send(r, s->student), "late_reschedule_requires_emergency",
                        "a late reschedule");
          ++t_.late_reschedules_refused;
          r.emergency = true;
          r.proof_url = "s3://eduledger-proofs/" + ToString(s->id) + "/discharge-summary.pdf";
          Expect(Send(r, s->student), "an emergency reschedule");
          Hold(s, s->start + Days(2));
        });
        break;
      case Fate::kStudentNoShow:
        timeline_.At(s->start + Minutes(20), [this, s] {
          Expect(Send(ReportNoShow{s->id, SessionParty::student, std::string("waited 20 minutes")},
                      s->mentor->actor()),
                 "a student no-show");
          ++t_.sessions_by_status["no_show"];
          ReleaseAfterEnd(*s);
        });
        break;
      case Fate::kMentorNoShow:
        timeline_.At(s->start + Minutes(20), [this, s] {
          Expect(Send(ReportNoShow{s->id, SessionParty::mentor,
                                   std::string("the mentor never joined")},
                      s->student),
                 "a mentor no-show");
          ++t_.conflicts;
        });
        Resolve(s, s->start + Days(1), ResolutionType::full_refund, s->amount);
        break;
      case Fate::kQualityPartial:
      case Fate::kQualityNone: {
        timeline_.At(s->start, [this, s] {
          Expect(Send(StartSession{s->id, {}}, s->mentor->actor()), "starting a session");
        });
        timeline_.At(s->start + Minutes(s->minutes / 2), [this, s] {
          Expect(Send(
                     RaiseDispute{
                         s->id, std::string("the mentor was unprepared and cut it short"), {}},
                     s->student),
                 "a quality dispute");
          ++t_.conflicts;
        });
        const bool partial = s->fate == Fate::kQualityPartial;
        const int64_t compensation =
            partial ? ShareOf(s->amount,
                              std::min<BasisPoints>(4000, policy_.quality_dispute_max_refund_bps))
                    : 0;
        Resolve(s, s->start + Days(1),
                partial ? ResolutionType::partial_refund : ResolutionType::no_refund, compensation);
        break;
      }
      case Fate::kUnpaid:
        break;
      case Fate::kOpen:
        ++t_.sessions_by_status["confirmed"];
        break;
    }
  }

  // ---- payouts
  // --------------------------------------------------------------------------------------

  // Monday 09:00 IST: the week that ended at midnight is paid out. The reactions must have
  // credited every release first.
  void PayoutRun(int week) {
    settle_();
    const Date monday = DateOf(d_.clock().Now() + policy_.payout_utc_offset - Days(7));
    int scheduled_this_run = 0;
    for (const DemoMentor& m : mentors_) {
      if (!m.approved) continue;
      DemoOutcome run =
          Send(RunMentorPayout{m.mentor_id, monday, PayoutMethod::bank_transfer}, Scheduler());
      if (!run.ok()) {
        ExpectRefusal(run, "payout_account_not_found", "a payout run");  // no earnings yet
        continue;
      }
      if (run.result.events.empty()) throw std::runtime_error("demo: a payout run decided nothing");
      if (run.result.events[0].type == PayoutCarriedOver::kType) {
        ++t_.payouts_carried_over;
        continue;
      }
      ++t_.payouts_scheduled;
      const Uuid payout_id = PayoutIdFor(m.mentor_id, PayoutPeriod(monday, policy_)->first);
      const bool fails =
          week == 1 && scheduled_this_run == 0;  // the first payout of the first week
      ++scheduled_this_run;
      const Uuid mentor_id = m.mentor_id;
      timeline_.At(d_.clock().Now() + Hours(2), [this, mentor_id, payout_id] {
        Expect(Send(ApprovePayout{mentor_id, payout_id}, admin_), "approving a payout");
      });
      timeline_.At(d_.clock().Now() + Hours(6), [this, mentor_id, payout_id, fails] {
        std::string reference = "pout_" + ToString(payout_id).substr(0, 12);
        if (fails) {
          Expect(Send(RecordPayoutFailed{mentor_id, payout_id, PaymentGateway::razorpay, reference,
                                         "beneficiary account closed",
                                         std::string(R"({"status":"reversed"})")},
                      Gateway()),
                 "a failed payout report");
          ++t_.payouts_failed;
          return;
        }
        RecordPayoutCompleted done{mentor_id, payout_id, PaymentGateway::razorpay, reference,
                                   std::string(R"({"status":"processed","mode":"IMPS"})")};
        Expect(Send(done, Gateway()), "a payout report");
        ++t_.payouts_completed;
        if (rng_() % 3 == 0) {
          DemoOutcome again = Send(done, Gateway());
          Expect(again, "a duplicate payout report");
          if (!again.result.events.empty())
            throw std::runtime_error("demo: a duplicate webhook appended events");
          ++t_.duplicate_webhooks;
        }
      });
    }
  }

  const std::vector<std::string> kLanguages = {"Telugu", "Hindi", "English", "Tamil"};
  DemoDriver& d_;
  std::mt19937_64& rng_;
  const MentorshipDemoOptions& options_;
  const Policy& policy_;
  const std::function<void()>& settle_;
  MentorshipDemoTotals& t_;
  Timeline timeline_;
  Actor admin_;
  Actor support_;
  std::vector<Person> students_;
  std::vector<DemoMentor> mentors_;
};

}  // namespace

void RunMentorshipDemo(DemoDriver& driver, const MentorshipDemoOptions& options,
                       const std::function<void()>& settle, MentorshipDemoTotals* totals) {
  Scenario(driver, options, settle, totals).Run();
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
  const std::string payments = "mentorship.payments WHERE status <> 'failed'";
  const std::string held = "CASE WHEN status IN ('held', 'disputed') THEN amount ELSE 0 END";
  const std::string released = "coalesce(platform_fee, 0) + coalesce(mentor_earnings, 0)";
  const std::string in_payouts =
      "mentorship.mentor_payouts WHERE status IN ('pending', 'processing', 'completed')";
  std::vector<std::pair<std::string, std::vector<Check>>> sections;
  sections.push_back(
      {"people and verification",
       {
           {"users", t.users, scalar("SELECT count(*) FROM mentorship.users"), false},
           {"mentors applied", t.mentors_applied, scalar("SELECT count(*) FROM mentorship.mentors"),
            false},
           {"mentors approved", t.mentors_approved,
            scalar("SELECT count(*) FROM mentorship.mentors WHERE verification_status = 'approved' "
                   "AND is_active"),
            false},
           {"mentors rejected", t.mentors_rejected,
            scalar(
                "SELECT count(*) FROM mentorship.mentors WHERE verification_status = 'rejected'"),
            false},
           {"mentor_verification history rows", t.verification_steps,
            scalar("SELECT count(*) FROM mentorship.mentor_verification"), false},
       }});
  std::vector<Check> sessions = {{"sessions booked", t.sessions_booked,
                                  scalar("SELECT count(*) FROM mentorship.sessions"), false}};
  for (const auto& [status, n] : t.sessions_by_status) {
    sessions.push_back(
        {"sessions " + status, n,
         scalar("SELECT count(*) FROM mentorship.sessions WHERE status = '" + status + "'"),
         false});
  }
  sessions.push_back(
      {"mentors.total_sessions (completed)",
       t.sessions_by_status.count("completed") ? t.sessions_by_status.at("completed") : 0,
       scalar("SELECT coalesce(sum(total_sessions), 0) FROM mentorship.mentors"), false});
  sessions.push_back(
      {"session_conflicts (all resolved)", t.conflicts,
       scalar("SELECT count(*) FROM mentorship.session_conflicts WHERE resolved_at IS NOT NULL"),
       false});
  sessions.push_back({"quality_reviews (ratings below 3.5)", t.quality_reviews,
                      scalar("SELECT count(*) FROM mentorship.quality_reviews"), false});
  sessions.push_back({"failed payment attempts", t.payment_failures,
                      scalar("SELECT count(*) FROM mentorship.payments WHERE status = 'failed'"),
                      false});
  sections.push_back({"sessions", sessions});
  sections.push_back(
      {"money in escrow: per payment captured = held + released + refunded",
       {
           {"captured", t.captured_minor, paise("amount", payments), true},
           {"held in escrow", t.captured_minor - t.released_minor - t.refunded_minor,
            paise(held, payments), true},
           {"released", t.released_minor, paise(released, payments), true},
           {"refunded", t.refunded_minor, paise("refund_amount", payments), true},
           {"  of which dispute compensation", t.compensation_minor,
            paise("compensation_amount", "mentorship.session_conflicts"), true},
           {"payments where captured != held + released + refunded", 0,
            scalar("SELECT count(*) FROM " + payments + " AND amount <> " + held + " + " +
                   released + " + refund_amount"),
            false},
           {"refunds paid back by the gateway", t.refunds_issued,
            scalar("SELECT count(*) FROM mentorship.payments WHERE refunded_at IS NOT NULL"),
            false},
       }});
  sections.push_back(
      {"the split: platform fee + mentor earnings = released",
       {
           {"platform fees", t.platform_fee_minor, paise("platform_fee", payments), true},
           {"mentor earnings", t.mentor_earnings_minor, paise("mentor_earnings", payments), true},
       }});
  sections.push_back(
      {"payouts: paid + carried over = mentor earnings credited",
       {
           {"mentor earnings credited", t.mentor_earnings_minor,
            paise("mentor_earnings", "mentorship.payments WHERE payout_status IS NOT NULL"), true},
           {"in payouts (total - platform fee) + carried over", t.mentor_earnings_minor,
            paise("total_earnings - platform_fee", in_payouts) +
                paise("mentor_earnings", "mentorship.payments WHERE payout_status = 'unpaid'"),
            true},
           {"payouts where total - fee - tax != net", 0,
            scalar("SELECT count(*) FROM mentorship.mentor_payouts WHERE total_earnings - "
                   "platform_fee - tax_deduction "
                   "<> net_amount"),
            false},
           {"payouts proposed", t.payouts_scheduled,
            scalar("SELECT count(*) FROM mentorship.mentor_payouts"), false},
           {"payouts completed", t.payouts_completed,
            scalar("SELECT count(*) FROM mentorship.mentor_payouts WHERE status = 'completed'"),
            false},
           {"payouts failed (earnings carried over)", t.payouts_failed,
            scalar("SELECT count(*) FROM mentorship.mentor_payouts WHERE status = 'failed'"),
            false},
       }});

  bool all_ok = true;
  std::printf("\nmentorship: what the API accepted vs the read tables\n");
  for (const auto& [title, checks] : sections) {
    std::printf("  %s\n", title.c_str());
    for (const auto& c : checks) {
      bool ok = c.expected == c.actual;
      all_ok = all_ok && ok;
      std::string e = c.money ? FormatMoney(Money{c.expected, "INR"}) : std::to_string(c.expected);
      std::string a = c.money ? FormatMoney(Money{c.actual, "INR"}) : std::to_string(c.actual);
      std::printf("    %-56s %18s %18s  %s\n", c.what.c_str(), e.c_str(), a.c_str(),
                  ok ? "ok" : "MISMATCH");
    }
  }
  std::printf(
      "  paid out to mentors: %s net after %s TDS; carried over: %s; %d runs carried a balance "
      "over\n",
      FormatMoney(
          Money{paise("net_amount", "mentorship.mentor_payouts WHERE status = 'completed'"), "INR"})
          .c_str(),
      FormatMoney(
          Money{paise("tax_deduction", "mentorship.mentor_payouts WHERE status = 'completed'"),
                "INR"})
          .c_str(),
      FormatMoney(
          Money{paise("mentor_earnings", "mentorship.payments WHERE payout_status = 'unpaid'"),
                "INR"})
          .c_str(),
      t.payouts_carried_over);
  std::printf(
      "  refused bookings of mentors still under review: %d (mentor_not_approved); late "
      "reschedules refused "
      "without an emergency: %d; refunds that failed and were retried: %d; duplicate webhooks "
      "ignored: %d\n",
      t.refused_unapproved_mentor, t.late_reschedules_refused, t.refunds_failed,
      t.duplicate_webhooks);
  return all_ok;
}

}  // namespace edu
