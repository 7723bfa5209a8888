// Shared vocabulary of the PeerLoop specifications: well-known ids and a small World that runs
// commands straight through the deciders (references resolved from its own streams), so a
// specification's "given" reads as the commands that led there:
//
//   World w;
//   w.Setup();                                     // admin, creator, course, certified S-T,
//   student w.Run<EnrollmentDecider>(EnrollCmd(), AsUser(kStudent, "student"));
//   Spec<EnrollmentDecider>().given(w.Events<EnrollmentDecider>(EnrollmentStream(kEnrollment)))...
#pragma once

#include <any>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "domain/peerloop/course.h"
#include "domain/peerloop/enrollment.h"
#include "domain/peerloop/goodwill.h"
#include "domain/peerloop/payout.h"
#include "domain/peerloop/post.h"
#include "domain/peerloop/session.h"
#include "domain/peerloop/summon.h"
#include "domain/peerloop/user.h"
#include "tests/support/decider_spec.h"

namespace edu::peerloop::testing {

using edu::testing::AsUser;
using edu::testing::Spec;

inline Uuid Id(const char* text) { return *ParseUuid(text); }

inline const Uuid kAdmin = Id("9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f");  // edu::testing::Admin()
inline const Uuid kCreator = Id("c0000000-0000-4000-8000-000000000001");
inline const Uuid kTeacher = Id("c0000000-0000-4000-8000-000000000002");   // certified S-T
inline const Uuid kTeacher2 = Id("c0000000-0000-4000-8000-000000000003");  // certified S-T
inline const Uuid kStudent = Id("c0000000-0000-4000-8000-000000000004");
inline const Uuid kStudent2 = Id("c0000000-0000-4000-8000-000000000005");
inline const Uuid kCategory = Id("c0000000-0000-4000-8000-000000000010");
inline const Uuid kCourse = Id("c0000000-0000-4000-8000-000000000011");  // 3 sessions, $399
inline const Uuid kEnrollment = Id("c0000000-0000-4000-8000-000000000020");
inline const Uuid kTransaction = Id("c0000000-0000-4000-8000-000000000021");
inline const Uuid kSession = Id("c0000000-0000-4000-8000-000000000030");
inline const Uuid kSession2 = Id("c0000000-0000-4000-8000-000000000031");
inline const Uuid kPayout = Id("c0000000-0000-4000-8000-000000000040");
inline const Uuid kPost = Id("c0000000-0000-4000-8000-000000000050");
inline const Uuid kSummon = Id("c0000000-0000-4000-8000-000000000060");
inline const Timestamp kNow = *ParseIso8601("2026-03-02T08:00:00Z");
inline const std::string kStripe = "pi_3PeerLoop";

inline Actor Admin() { return edu::testing::Admin(); }
inline Actor System() { return edu::testing::System(); }
inline Actor Gateway() { return Actor{"system:stripe", "gateway"}; }
inline Actor Student(const Uuid& id = kStudent) { return AsUser(id, "student"); }
inline Actor Teacher(const Uuid& id = kTeacher) { return AsUser(id, "student_teacher"); }
inline Actor Creator() { return AsUser(kCreator, "creator"); }

inline RegisterUser UserCmd(const Uuid& id, UserRole role, const std::string& handle) {
  RegisterUser c;
  c.user_id = id;
  c.role = role;
  c.email = handle + "@peerloop.example";
  c.name = "User " + handle;
  c.handle = "@" + handle;
  return c;
}

inline CreateCourse CourseCmd(const Uuid& id = kCourse, int64_t price = 39900,
                              int32_t sessions = 3) {
  CreateCourse c;
  c.course_id = id;
  c.creator_id = kCreator;
  c.category_id = kCategory;
  c.title = "Intro to Claude Code";
  c.slug = "intro-to-claude-code";
  c.description = "Build real things with AI from day one.";
  c.duration = "3 weeks";
  c.session_count = sessions;
  c.level = CourseLevel::beginner;
  c.price = Money{price, "USD"};
  return c;
}

inline Enroll EnrollCmd(std::optional<Uuid> teacher = kTeacher, const Uuid& id = kEnrollment,
                        const Uuid& student = kStudent) {
  Enroll c;
  c.enrollment_id = id;
  c.student_id = student;
  c.course_id = kCourse;
  c.student_teacher_id = teacher;
  c.transaction_id = DeriveUuid(id, "tx");
  c.stripe_payment_id = kStripe;
  if (id == kEnrollment) c.transaction_id = kTransaction;
  return c;
}

// Runs commands through the deciders and keeps every stream's events.
class World {
 public:
  World() {
    Register<UserDecider>();
    Register<CategoryDecider>();
    Register<CourseDecider>();
    Register<EnrollmentDecider>();
    Register<SessionDecider>();
    Register<PayoutAccountDecider>();
    Register<GoodwillDecider>();
    Register<SummonDecider>();
    Register<PostDecider>();
  }

  World(const World&) = delete;  // the folders below capture `this`
  World& operator=(const World&) = delete;

  Policies& policies() { return policies_; }

  // Decides `command` as `actor` at `now`; the command must be accepted. Returns its events.
  template <class D>
  std::vector<typename D::Event> Run(const typename D::Command& command, const Actor& actor,
                                     Timestamp now = kNow) {
    auto decision = Decide<D>(command, actor, now);
    REQUIRE_MESSAGE(decision.accepted(), (decision.accepted() ? std::string()
                                                              : decision.rejection().code + ": " +
                                                                    decision.rejection().message));
    std::string stream = std::visit([](const auto& c) { return c.stream_id(); }, command);
    auto& events = Stream<D>(stream);
    for (const auto& e : decision.events()) {
      order_.emplace_back(stream, events.size());
      events.push_back(e);
    }
    return decision.events();
  }

  template <class D>
  Decision<typename D::Event> Decide(const typename D::Command& command, const Actor& actor,
                                     Timestamp now = kNow) {
    References refs;
    std::vector<std::string> streams = std::visit(
        [](const auto& c) {
          if constexpr (HasRefs<std::decay_t<decltype(c)>>::value) {
            return c.references();
          } else {
            return std::vector<std::string>{};
          }
        },
        command);
    for (const auto& s : streams) {
      auto parsed = ParseStreamId(s);
      auto folder = folders_.find(parsed->category);
      if (folder == folders_.end()) continue;
      int64_t version = 0;
      std::any state = folder->second(s, &version);
      refs.Put(s, std::move(state), version);
    }
    DecisionContext ctx;
    ctx.now = now;
    ctx.actor = actor;
    ctx.command_id = DeriveUuid(EduledgerNamespace(), "world-" + std::to_string(++count_));
    ctx.refs = &refs;
    ctx.policies = &policies_;
    std::string stream = std::visit([](const auto& c) { return c.stream_id(); }, command);
    return D::decide(command, State<D>(stream), ctx);
  }

  template <class D>
  std::vector<typename D::Event>& Stream(const std::string& stream) {
    auto& slot = streams_[stream];
    if (!slot.has_value()) slot = std::vector<typename D::Event>{};
    return std::any_cast<std::vector<typename D::Event>&>(slot);
  }
  template <class D>
  std::vector<typename D::Event> Events(const std::string& stream) {
    return Stream<D>(stream);
  }
  template <class D>
  typename D::State State(const std::string& stream) {
    auto s = D::initial_state();
    for (const auto& e : Stream<D>(stream)) s = D::evolve(std::move(s), e);
    return s;
  }

  // Admin, creator, category, the 3-session course, two certified student-teachers, two students.
  void Setup() {
    Run<UserDecider>(UserCmd(kAdmin, UserRole::admin, "ops"), Admin());
    Run<UserDecider>(UserCmd(kCreator, UserRole::creator, "gabriel"), Creator());
    Run<UserDecider>(UserCmd(kTeacher, UserRole::student, "marcus"), Student(kTeacher));
    Run<UserDecider>(UserCmd(kTeacher2, UserRole::student, "priya"), Student(kTeacher2));
    Run<UserDecider>(UserCmd(kStudent, UserRole::student, "sarah"), Student(kStudent));
    Run<UserDecider>(UserCmd(kStudent2, UserRole::student, "omar"), Student(kStudent2));
    Run<CategoryDecider>(CreateCategory{kCategory, "AI Coding", "ai-coding", 1}, Admin());
    Run<CourseDecider>(CourseCmd(), Creator());
    Run<UserDecider>(CertifyStudentTeacher{kTeacher, kCourse}, Creator());
    Run<UserDecider>(CertifyStudentTeacher{kTeacher2, kCourse}, Creator());
  }

  // Setup, then kStudent enrolled with `teacher` and paid.
  void Paid(std::optional<Uuid> teacher = kTeacher) {
    Setup();
    Run<EnrollmentDecider>(EnrollCmd(teacher), Student());
    Run<EnrollmentDecider>(ConfirmPayment{kEnrollment, kTransaction, kStripe}, Gateway());
  }

  // Every event in the order it was decided: f(stream_id, event) with the event's own type.
  template <class F>
  void Replay(F&& f) {
    for (const auto& [stream, index] : order_) {
      ReplayOne<F, UserDecider, CategoryDecider, CourseDecider, EnrollmentDecider, SessionDecider,
                PayoutAccountDecider, GoodwillDecider, SummonDecider, PostDecider>(
          f, stream, index, ParseStreamId(stream)->category);
    }
  }

  // A specification of a command on `stream`: its events so far are given, and every other
  // stream of the world is available as a reference.
  template <class Target>
  Spec<Target> Given(const std::string& stream, Timestamp now = kNow) {
    Spec<Target> spec;
    spec.at(now).with_policies(policies_);
    for (const auto& [id, events] : streams_) {
      if (id == stream) continue;
      AddReference<Target, UserDecider, CategoryDecider, CourseDecider, EnrollmentDecider,
                   SessionDecider, PayoutAccountDecider, GoodwillDecider, SummonDecider,
                   PostDecider>(spec, id, ParseStreamId(id)->category);
    }
    spec.given(Events<Target>(stream));
    return spec;
  }

 private:
  template <class C, class = void>
  struct HasRefs : std::false_type {};
  template <class C>
  struct HasRefs<C, std::void_t<decltype(std::declval<const C&>().references())>> : std::true_type {
  };

  template <class F, class... Ds>
  void ReplayOne(F& f, const std::string& stream, size_t index, const std::string& category) {
    ((category == Ds::kCategory
          ? std::visit([&](const auto& e) { f(stream, e); }, Stream<Ds>(stream)[index])
          : (void)0),
     ...);
  }

  template <class Target, class... Ds>
  void AddReference(Spec<Target>& spec, const std::string& id, const std::string& category) {
    ((category == Ds::kCategory ? (void)spec.template given_stream<Ds>(id, Events<Ds>(id))
                                : (void)0),
     ...);
  }

  template <class D>
  void Register() {
    folders_[D::kCategory] = [this](const std::string& stream, int64_t* version) -> std::any {
      *version = static_cast<int64_t>(Stream<D>(stream).size());
      return State<D>(stream);
    };
  }

  Policies policies_;
  std::map<std::string, std::any> streams_;
  std::vector<std::pair<std::string, size_t>> order_;
  std::map<std::string, std::function<std::any(const std::string&, int64_t*)>> folders_;
  int count_ = 0;
};

}  // namespace edu::peerloop::testing
