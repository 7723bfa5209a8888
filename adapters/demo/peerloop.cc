#include "adapters/demo/peerloop.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <pqxx/pqxx>

#include "domain/peerloop/commands.h"
#include "domain/peerloop/splits.h"
#include "domain/policies.h"
#include "eventstore/event_log.h"

namespace edu {
namespace {

using namespace peerloop;

const Actor kGateway{"system:stripe", "gateway"};

void Expect(const DemoOutcome& o, const char* what) {
  if (!o.ok()) {
    throw std::runtime_error(fmt::format("demo (peerloop): {} was refused ({} {}: {})", what,
                                         o.http_status, o.code, o.message));
  }
}

int Count(const DemoOutcome& o, const char* type) {
  int n = 0;
  for (const auto& e : o.result.events) n += e.type == type;
  return n;
}

template <class C>
DemoOutcome Send(DemoDriver& d, const C& command, const Actor& actor) {
  return d.Send(C::kType, CommandBody("peerloop", command), actor);
}

struct Course {
  Uuid id{};
  Uuid creator{};
  int64_t price = 0;
  int32_t sessions = 1;
  int32_t commission = 70;
  std::vector<Uuid> teachers;  // certified student-teachers
};

struct Enrollment {
  Uuid id{};
  Uuid transaction{};
  Uuid student{};
  const Course* course = nullptr;
  Uuid teacher{};  // the student-teacher, or the creator
  bool paid = false;
  int sessions_done = 0;
  std::vector<SplitLine> lines;
};

struct Person {
  Uuid id{};
  std::string role;
  Actor actor() const { return Actor{ToString(id), role}; }
};

class Scenario {
 public:
  Scenario(DemoDriver& d, const PeerloopDemoOptions& o, const std::function<void()>& settle,
           PeerloopDemoTotals* t)
      : d_(d), options_(o), settle_(settle), t_(*t) {}

  void Run() {
    People();
    Catalog();
    Availability();
    Enrollments();
    Summons();
    Teaching();
    settle_();
    Close();
    settle_();
    Goodwill();
    settle_();
    Payouts();
    settle_();
    Messaging();
    Feed();
    Learning();
  }

 private:
  Person Register(UserRole role, const std::string& title = "") {
    Person p{d_.NewId(), std::string(EnumName(role))};
    RegisterUser c;
    c.user_id = p.id;
    c.role = role;
    c.name = DemoName(d_.rng());
    std::string handle;
    for (char ch : c.name)
      handle += ch == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    c.handle = handle + "_" + ToString(p.id).substr(0, 4);
    c.email = c.handle + "@peerloop.example";
    if (!title.empty()) c.title = title;
    c.bio_short = "Learning and teaching 1-on-1 on PeerLoop.";
    Expect(Send(d_, c, role == UserRole::admin ? Actor{ToString(p.id), "admin"} : p.actor()),
           "registering a PeerLoop user");
    ++t_.users;
    return p;
  }

  void People() {
    admin_ = Register(UserRole::admin);
    for (int i = 0; i < 3; ++i)
      creators_.push_back(Register(UserRole::creator, "AI engineer and educator"));
    for (int i = 0; i < options_.student_teachers; ++i)
      teachers_.push_back(Register(UserRole::student));
    for (int i = 0; i < options_.students; ++i) students_.push_back(Register(UserRole::student));
  }

  void Catalog() {
    std::vector<Uuid> categories;
    for (const char* name : {"AI Coding", "AI & Prompt Engineering", "AI & Product Management"}) {
      Uuid id = d_.NewId();
      std::string slug;
      for (const char* c = name; *c; ++c) {
        if (std::isalnum(static_cast<unsigned char>(*c)))
          slug += static_cast<char>(std::tolower(*c));
        else if (!slug.empty() && slug.back() != '-')
          slug += '-';
      }
      Expect(Send(d_, CreateCategory{id, name, slug, static_cast<int32_t>(categories.size() + 1)},
                  admin_.actor()),
             "a category");
      categories.push_back(id);
    }
    struct Spec {
      const char* title;
      int creator;
      int category;
      int64_t price;
      int32_t sessions;
      std::optional<int32_t> commission;
    };
    const Spec specs[] = {{"Intro to Claude Code", 0, 0, 39900, 3, std::nullopt},
                          {"Prompt Engineering Fundamentals", 0, 1, 14900, 2, std::nullopt},
                          {"AI for Product Managers", 1, 2, 24950, 4, 65},
                          {"Vibe Coding Weekend", 2, 0, 4999, 1, std::nullopt}};
    for (const auto& s : specs) {
      Course course;
      course.id = d_.NewId();
      course.creator = creators_[static_cast<size_t>(s.creator)].id;
      course.price = s.price;
      course.sessions = s.sessions;
      course.commission = s.commission.value_or(70);
      CreateCourse c;
      c.course_id = course.id;
      c.creator_id = course.creator;
      c.category_id = categories[static_cast<size_t>(s.category)];
      c.title = s.title;
      for (const char* p = s.title; *p; ++p) {
        c.slug += std::isalnum(static_cast<unsigned char>(*p)) ? static_cast<char>(std::tolower(*p))
                                                               : '-';
      }
      c.tagline = "Live 1-on-1 sessions with a certified student-teacher";
      c.description = std::string(s.title) + ": build real things from the first session.";
      c.duration = fmt::format("{} weeks", s.sessions);
      c.duration_weeks = s.sessions;
      c.session_count = s.sessions;
      c.format = "Live 1-on-1 sessions";
      c.level = CourseLevel::beginner;
      c.price = Money{s.price, "USD"};
      c.has_certificate = true;
      c.certificate_name = "Certificate of Completion";
      c.teacher_commission = s.commission;
      Expect(Send(d_, c, Actor{ToString(course.creator), "creator"}), "creating a course");
      ++t_.courses;
      courses_.push_back(course);
    }
    // Every student-teacher is certified for one or two courses by the course's creator.
    for (size_t i = 0; i < teachers_.size(); ++i) {
      for (size_t k : {i % courses_.size(), (i + 1) % courses_.size()}) {
        if (k != i % courses_.size() && i % 2) continue;
        Course& course = courses_[k];
        Expect(Send(d_, CertifyStudentTeacher{teachers_[i].id, course.id},
                    Actor{ToString(course.creator), "creator"}),
               "certifying a student-teacher");
        course.teachers.push_back(teachers_[i].id);
        ++t_.certifications;
      }
      teachers_[i].role = "student_teacher";
    }
  }

  void Availability() {
    auto& rng = d_.rng();
    for (const auto& t : teachers_) {
      for (int k = 0; k < 2; ++k) {
        int32_t day = static_cast<int32_t>(rng() % 7);
        int hour = 8 + static_cast<int>(rng() % 10);
        AddAvailabilitySlot slot{t.id,
                                 d_.NewId(),
                                 day,
                                 fmt::format("{:02d}:00", hour),
                                 fmt::format("{:02d}:30", hour + 2),
                                 "America/New_York",
                                 true};
        Expect(Send(d_, slot, t.actor()), "an availability slot");
        ++t_.slots;
      }
      Toggle(t, true);
    }
    // Two of them step away and come back the same day: available again, no second bonus.
    for (size_t i = 0; i < 2 && i < teachers_.size(); ++i) {
      Toggle(teachers_[i], false);
      DemoOutcome again = Toggle(teachers_[i], true);
      if (Count(again, "GoodwillAwarded") == 0) ++t_.second_toggles_without_bonus;
    }
  }

  DemoOutcome Toggle(const Person& t, bool on) {
    DemoOutcome o = Send(d_, SetHelpAvailability{t.id, on}, t.actor());
    Expect(o, "toggling 'Available to Help'");
    available_[t.id] = on;
    int bonuses = Count(o, "GoodwillAwarded");
    t_.availability_bonuses += bonuses;
    t_.points_issued += 5 * bonuses;
    return o;
  }

  void Enrollments() {
    auto& rng = d_.rng();
    const Policies policies;
    champion_ = students_.front();
    std::set<std::pair<Uuid, Uuid>> pairs;
    int referred = 0;
    for (size_t s = 0; s < students_.size(); ++s) {
      int count = 1 + static_cast<int>(rng() % 2);
      std::vector<size_t> picked;
      for (int k = 0; k < count; ++k) {
        size_t c = rng() % courses_.size();
        if (std::find(picked.begin(), picked.end(), c) != picked.end()) continue;
        picked.push_back(c);
        const Course& course = courses_[c];
        Enrollment e;
        e.id = d_.NewId();
        e.transaction = d_.NewId();
        e.student = students_[s].id;
        e.course = &course;
        bool creator_teaches = course.teachers.empty() || rng() % 100 < 25;
        e.teacher =
            creator_teaches ? course.creator : course.teachers[rng() % course.teachers.size()];
        Enroll c_enroll;
        c_enroll.enrollment_id = e.id;
        c_enroll.student_id = e.student;
        c_enroll.course_id = course.id;
        if (!creator_teaches) c_enroll.student_teacher_id = e.teacher;
        // The champion refers the first six enrollments of other students.
        bool referral = s > 0 && referred < 6;
        if (referral) c_enroll.referred_by = champion_.id;
        c_enroll.transaction_id = e.transaction;
        c_enroll.stripe_payment_id = "pi_" + ToString(e.transaction).substr(0, 18);
        Expect(Send(d_, c_enroll, students_[s].actor()), "an enrollment");
        if (s == 0 && !champion_enrollment_) champion_enrollment_ = {e.id, course.id};
        ++t_.enrollments;
        pairs.insert({course.creator, e.student});
        // One checkout in ten fails at the gateway: the enrollment is cancelled, nothing is split.
        if (rng() % 100 < 10) {
          Expect(Send(d_, FailPayment{e.id, e.transaction, std::string("card_declined")}, kGateway),
                 "a failed payment");
          ++t_.payments_failed;
          continue;
        }
        Expect(Send(d_, ConfirmPayment{e.id, e.transaction, c_enroll.stripe_payment_id}, kGateway),
               "a payment");
        ++t_.payments_completed;
        e.paid = true;
        if (referral) {
          ++referred;
          ++t_.referrals;
          t_.points_issued += policies.peerloop.referral.min;
        }
        t_.captured_cents += course.price;
        e.lines = SplitPayment(e.transaction, course.price, course.sessions,
                               SharesFor(course.commission, policies.peerloop.platform_fee_bps,
                                         e.teacher == course.creator),
                               e.teacher, course.creator);
        for (const auto& l : e.lines) {
          (l.recipient_type == RecipientType::student_teacher ? t_.teacher_cents
           : l.recipient_type == RecipientType::creator       ? t_.creator_cents
                                                        : t_.platform_cents) += l.amount_cents;
        }
        enrollments_.push_back(e);
      }
    }
    t_.follower_pairs = static_cast<int>(pairs.size());
  }

  Actor TeacherActor(const Enrollment& e) const {
    return Actor{ToString(e.teacher),
                 e.teacher == e.course->creator ? "creator" : "student_teacher"};
  }

  void Summons() {
    auto& rng = d_.rng();
    int made = 0;
    for (const auto& e : enrollments_) {
      if (made >= 9) break;
      std::vector<Uuid> responders;
      for (const Uuid& t : e.course->teachers) {
        if (available_[t] && t != e.student) responders.push_back(t);
      }
      if (responders.empty()) continue;
      Uuid summon = d_.NewId();
      Actor student{ToString(e.student), "student"};
      Expect(Send(d_, SummonHelp{summon, e.student, e.course->id, std::nullopt, e.id}, student),
             "a help summon");
      ++made;
      if (made % 5 == 0) {  // solved before anyone answered
        Expect(Send(d_, CancelSummon{summon, std::string("figured it out")}, student),
               "cancelling a summon");
        ++t_.summons_cancelled;
        continue;
      }
      Uuid responder = responders[rng() % responders.size()];
      Expect(Send(d_, RespondToSummon{summon, responder},
                  Actor{ToString(responder), "student_teacher"}),
             "responding to a summon");
      // The first summon is a 3-minute call: completed, but worth no points. The server times
      // the call from the response to the completion; the figure sent along is informative.
      int32_t minutes = made == 1 ? 3 : 6 + static_cast<int32_t>(rng() % 35);
      int32_t points = 10 + static_cast<int32_t>(rng() % 16);
      d_.clock().Advance(Minutes(minutes));
      Expect(Send(d_, CompleteSummon{summon, minutes, points}, student), "completing a summon");
      if (minutes < 20) d_.clock().Advance(Minutes(20 - minutes));
      ++t_.summons_completed;
      if (minutes >= 5) {
        t_.points_issued += points;
      } else {
        ++t_.summons_without_points;
      }
    }
  }

  // Each paid enrollment's plan: finish the course (most), stay in progress, or cancel after the
  // first session (one, refunded what is still in escrow).
  void Teaching() {
    auto& rng = d_.rng();
    for (size_t i = 0; i < enrollments_.size(); ++i) {
      if (enrollments_[i].course->sessions >= 2 && !cancelled_) cancelled_ = i;
    }
    for (size_t i = 0; i < enrollments_.size(); ++i) {
      Enrollment& e = enrollments_[i];
      int plan = static_cast<int>(rng() % 10);
      int sessions = plan < 7 ? e.course->sessions : 1;
      if (cancelled_ == i) sessions = 1;  // the one that will be cancelled after its first session
      for (int k = 0; k < sessions; ++k) {
        Uuid id = d_.NewId();
        Timestamp start = d_.clock().Now() + Minutes(30);
        Actor student{ToString(e.student), "student"};
        Expect(Send(d_,
                    ScheduleSession{
                        id, e.id, start, start + Hours(1),
                        fmt::format("https://bbb.peerloop.example/{}", ToString(id).substr(0, 8))},
                    student),
               "scheduling a session");
        d_.clock().Advance(Minutes(30));
        Expect(Send(d_, StartSession{id}, TeacherActor(e)), "starting a session");
        d_.clock().Advance(Minutes(50));
        Expect(Send(d_, CompleteSession{id, std::nullopt}, TeacherActor(e)),
               "completing a session");
        ++t_.sessions_completed;
        ++e.sessions_done;
        Expect(Send(d_,
                    AssessSession{id, 4 + static_cast<int32_t>(rng() % 2),
                                  std::string("Clear and patient")},
                    student),
               "an assessment");
        ++t_.assessments;
        if (rng() % 100 < 60) {
          Expect(Send(d_, AssessSession{id, 3 + static_cast<int32_t>(rng() % 3), std::nullopt},
                      TeacherActor(e)),
                 "an assessment");
          ++t_.assessments;
        }
      }
      // A cancelled session, with who and why.
      if (i == 2) {
        Uuid id = d_.NewId();
        Timestamp start = d_.clock().Now() + Hours(20);
        Actor student{ToString(e.student), "student"};
        Expect(Send(d_, ScheduleSession{id, e.id, start, start + Hours(1), std::nullopt}, student),
               "scheduling");
        Expect(Send(d_, CancelSession{id, "exam week"}, student), "cancelling a session");
      }
    }
  }

  void Close() {
    for (size_t i = 0; i < enrollments_.size(); ++i) {
      Enrollment& e = enrollments_[i];
      if (e.sessions_done == 0) continue;  // paid, never started: all of it stays in escrow
      if (cancelled_ == i) {
        Expect(Send(d_, CancelEnrollment{e.id, "moving abroad"},
                    Actor{ToString(e.student), "student"}),
               "cancelling an enrollment");
        ++t_.enrollments_cancelled;
        for (const auto& l : e.lines) {
          if (l.tranche > e.sessions_done) t_.refunded_cents += l.amount_cents;
        }
        continue;
      }
      if (e.sessions_done < e.course->sessions) continue;  // still in progress
      Expect(Send(d_, CompleteEnrollment{e.id}, TeacherActor(e)), "completing an enrollment");
      ++t_.enrollments_completed;
      completed_.insert(e.id);
    }
  }

  void Goodwill() {
    const Policies policies;
    // The next day, the first student-teacher comes back online: a new day's bonus.
    d_.clock().Advance(Days(1));
    Toggle(teachers_[0], false);
    Toggle(teachers_[0], true);
    auto award = [&](const Person& from, const Uuid& to, int32_t points, GoodwillReason reason) {
      AwardGoodwill c{d_.NewId(), from.id, to, points, reason, courses_[0].id};
      DemoOutcome o = Send(d_, c, from.actor());
      if (o.ok()) {
        ++t_.peer_awards;
        t_.points_given += points;
        t_.points_issued += points;
      } else {
        ++t_.refused[o.code];
      }
      return o;
    };
    // Student-teachers thank the students whose questions taught them something (5 points).
    for (size_t i = 0; i < teachers_.size(); ++i) {
      award(teachers_[i], students_[(i + 1) % students_.size()].id, 5,
            GoodwillReason::question_answer);
    }
    // The champion, rich from referrals, thanks a student-teacher for mentoring a first session,
    // and another for volunteering a remedial session.
    award(champion_, teachers_[0].id, 50, GoodwillReason::first_session_mentor);
    award(champion_, teachers_[1 % teachers_.size()].id, 30, GoodwillReason::remedial_volunteer);
    // Refused, appending nothing: the same receiver again within the cooldown, 101 points, 4
    // points, a self-award.
    award(champion_, teachers_[0].id, 5, GoodwillReason::question_answer);
    award(champion_, teachers_[2 % teachers_.size()].id, 101, GoodwillReason::question_answer);
    award(champion_, teachers_[2 % teachers_.size()].id, 4, GoodwillReason::question_answer);
    award(champion_, champion_.id, 5, GoodwillReason::question_answer);
    // A course-feed post promoted to the main feed with the champion's points.
    Uuid post = d_.NewId();
    Expect(Send(d_,
                CreatePost{post, champion_.id, champion_enrollment_->second,
                           "How I shipped my first app in two sessions", std::nullopt, std::nullopt,
                           champion_enrollment_->first},
                champion_.actor()),
           "a post");
    Expect(Send(d_, PromotePost{d_.NewId(), champion_.id, post}, champion_.actor()),
           "promoting a post");
    ++t_.promotions;
    t_.points_promoted += policies.peerloop.promotion_cost_points;
    // The champion's referrals crossed 500 lifetime points: the badge is theirs to redeem.
    DemoOutcome redeemed =
        Send(d_, RedeemReward{champion_.id, RewardId(500, RewardType::badge)}, champion_.actor());
    if (redeemed.ok()) ++t_.rewards_redeemed;
  }

  void Payouts() {
    std::vector<Person> recipients = teachers_;
    for (const auto& c : creators_) recipients.push_back(c);
    bool failed_one = false;
    for (const auto& r : recipients) {
      for (int attempt = 0; attempt < 2; ++attempt) {
        Uuid payout = d_.NewId();
        DemoOutcome requested = Send(d_, RequestPayout{r.id, payout}, r.actor());
        if (!requested.ok()) break;  // nothing released yet
        Expect(Send(d_, ApprovePayout{r.id, payout}, admin_.actor()), "approving a payout");
        Expect(Send(d_, StartPayoutTransfer{r.id, payout, "tr_" + ToString(payout).substr(0, 18)},
                    kGateway),
               "a payout transfer");
        if (!failed_one) {  // the first transfer bounces; its splits wait for the next payout
          failed_one = true;
          Expect(Send(d_, FailPayout{r.id, payout, "bank account closed"}, kGateway),
                 "a failed payout");
          ++t_.payouts_failed;
          continue;
        }
        Expect(Send(d_, CompletePayout{r.id, payout}, kGateway), "completing a payout");
        ++t_.payouts_completed;
        break;
      }
    }
  }

  // Direct messages, follows and notifications (adapters/demo/peerloop_messaging.cc).
  void Messaging() {
    PeerloopSocialCast cast;
    for (const auto& p : students_) cast.students.push_back(p.actor());
    for (const auto& p : teachers_) cast.teachers.push_back(p.actor());
    for (const auto& c : courses_) cast.courses.push_back(c.id);
    RunPeerloopMessagingDemo(d_, cast, settle_, &t_.messaging);
  }

  // Feed interactions, flags and moderation (adapters/demo/peerloop_feed.cc).
  void Feed() {
    PeerloopFeedCast cast;
    cast.admin = admin_.id;
    for (const auto& c : courses_) cast.courses.push_back({c.id, c.creator});
    for (const auto& e : enrollments_) {
      cast.enrollments.push_back({e.id, e.student, e.course->id, e.course->creator});
    }
    for (const auto& p : students_) cast.students.push_back(p.id);
    RunPeerloopFeedDemo(d_, cast, &t_.feed);
    t_.users += t_.feed.users;
    settle_();
  }

  // Course pages, module progress, ratings, certificates (adapters/demo/peerloop_learning.cc).
  void Learning() {
    PeerloopLearningCast cast;
    cast.admin = admin_.actor();
    for (const auto& c : courses_) cast.courses.push_back({c.id, c.creator});
    for (size_t i = 0; i < enrollments_.size(); ++i) {
      const Enrollment& e = enrollments_[i];
      std::optional<Uuid> teacher;
      if (e.teacher != e.course->creator) teacher = e.teacher;
      cast.enrollments.push_back({e.id, e.student, e.course->id, e.course->creator, teacher, e.paid,
                                  completed_.count(e.id) > 0, cancelled_ == i});
    }
    RunPeerloopLearningDemo(d_, cast, &t_.learning);
    settle_();
  }

  DemoDriver& d_;
  const PeerloopDemoOptions& options_;
  const std::function<void()>& settle_;
  PeerloopDemoTotals& t_;
  Person admin_;
  Person champion_;
  // The champion's first enrollment and its course: their access to that course's feed.
  std::optional<std::pair<Uuid, Uuid>> champion_enrollment_;
  std::vector<Person> creators_, teachers_, students_;
  std::vector<Course> courses_;
  std::vector<Enrollment> enrollments_;
  std::map<Uuid, bool> available_;
  std::set<Uuid> completed_;
  std::optional<size_t> cancelled_;  // the enrollment cancelled after its first session
};

}  // namespace

void RunPeerloopDemo(DemoDriver& driver, const PeerloopDemoOptions& options,
                     const std::function<void()>& settle, PeerloopDemoTotals* totals) {
  Scenario(driver, options, settle, totals).Run();
}

}  // namespace edu
