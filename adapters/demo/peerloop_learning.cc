#include "adapters/demo/peerloop_learning.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "adapters/demo/checks.h"
#include "domain/peerloop/commands_learning.h"

namespace edu {
namespace {

using namespace peerloop;

constexpr const char* kPart = "peerloop learning";

template <class C>
DemoOutcome Send(DemoDriver& d, const C& command, const Actor& actor) {
  return d.Send(C::kType, CommandBody("peerloop", command), actor);
}

Actor As(const Uuid& user, const char* role) { return Actor{ToString(user), role}; }

struct ModuleSpec {
  int32_t session;
  const char* title;
  const char* duration;
  int32_t videos;
  int32_t readings;
  bool assessment;
};

const ModuleSpec kModules[] = {
    {1, "Setup and your first prompt", "30 min", 2, 1, false},
    {1, "Reading the code the AI writes", "45 min", 3, 2, false},
    {2, "Shipping your first app", "1h 30min", 2, 1, true},
};

const char* const kNames[] = {"Sarah", "Marcus", "Priya", "Omar", "Lena", "Diego"};

class LearningScenario {
 public:
  LearningScenario(DemoDriver& d, const PeerloopLearningCast& cast, PeerloopLearningTotals* t)
      : d_(d), cast_(cast), t_(*t) {}

  void Run() {
    for (const auto& course : cast_.courses) Pages(course);
    Progress();
    Reviews();
    Certificates();
    CourseLifecycle();
  }

 private:
  void Accept(const DemoOutcome& o, const char* what) { ExpectAccepted(o, kPart, what); }
  void Refuse(const DemoOutcome& o, const char* code, const char* what) {
    ExpectRefused(o, code, kPart, what);
    ++t_.refused[code];
  }

  Actor Creator(const Uuid& course) const {
    for (const auto& c : cast_.courses) {
      if (c.id == course) return As(c.creator, "creator");
    }
    throw std::runtime_error("peerloop learning demo: unknown course");
  }

  AddCourseModule ModuleCmd(const Uuid& course, const Uuid& id, const ModuleSpec& m) {
    AddCourseModule c;
    c.course_id = course;
    c.module_id = id;
    c.session_number = m.session;
    c.title = m.title;
    c.description = std::string(m.title) + ": a guided build, then one on your own.";
    c.duration = m.duration;
    c.learning_objectives = "- follow the build\n- explain each step";
    c.topics_covered = "prompts, code review, debugging";
    c.hands_on_exercise = "Rebuild the example with your own idea";
    c.video_count = m.videos;
    c.reading_count = m.readings;
    c.has_assessment = m.assessment;
    c.video_url = "https://youtu.be/" + ToString(id).substr(0, 11);
    c.document_url = "https://notion.so/peerloop/" + ToString(id).substr(0, 8);
    return c;
  }

  void Item(const Uuid& course, CoursePageSection section, const std::string& text,
            std::optional<PrerequisiteType> tier = std::nullopt) {
    Accept(Send(d_, AddCoursePageItem{course, d_.NewId(), section, text, tier}, Creator(course)),
           "a course page line");
    ++t_.page_items;
  }

  // The curriculum and the four page lists of one course.
  void Pages(const PeerloopLearningCast::Course& course) {
    const Actor creator = As(course.creator, "creator");
    for (const ModuleSpec& m : kModules) {
      const Uuid id = d_.NewId();
      Accept(Send(d_, ModuleCmd(course.id, id, m), creator), "a curriculum module");
      modules_[course.id].push_back(id);
      ++t_.modules;
    }
    // The first module's video moves to Vimeo: the edit rewrites the module.
    const AddCourseModule first = ModuleCmd(course.id, modules_[course.id][0], kModules[0]);
    EditCourseModule edit;
    edit.course_id = course.id;
    edit.module_id = first.module_id;
    edit.session_number = first.session_number;
    edit.title = first.title;
    edit.description = first.description;
    edit.duration = first.duration;
    edit.learning_objectives = first.learning_objectives;
    edit.topics_covered = first.topics_covered;
    edit.hands_on_exercise = first.hands_on_exercise;
    edit.video_count = first.video_count;
    edit.reading_count = first.reading_count;
    edit.has_assessment = first.has_assessment;
    edit.video_url = "https://vimeo.com/" + ToString(first.module_id).substr(0, 8);
    edit.document_url = first.document_url;
    Accept(Send(d_, edit, creator), "editing a module");

    for (const char* tag : {"ai-assisted-coding", "web-apps"}) {
      Accept(Send(d_, TagCourse{course.id, d_.NewId(), tag}, creator), "a course tag");
      ++t_.tags;
    }
    using S = CoursePageSection;
    Item(course.id, S::objective, "Build and ship a small web app with an AI assistant");
    Item(course.id, S::objective, "Read, test and fix the code the assistant writes");
    Item(course.id, S::include, "1-on-1 peer teaching sessions");
    Item(course.id, S::include, "Certificate on completion");
    const Uuid discord = d_.NewId();
    Accept(Send(d_, AddCoursePageItem{course.id, discord, S::include, "Discord community access"},
                creator),
           "a course page line");
    Accept(Send(d_, RemoveCoursePageItem{course.id, discord}, creator), "removing a page line");
    Item(course.id, S::prerequisite, "Computer with terminal (Windows or Mac)",
         PrerequisiteType::required);
    Item(course.id, S::prerequisite, "Claude account (Pro or Max plan)",
         PrerequisiteType::required);
    Item(course.id, S::prerequisite, "Basic computer navigation skills",
         PrerequisiteType::nice_to_have);
    Item(course.id, S::prerequisite, "No coding experience needed", PrerequisiteType::not_required);
    Item(course.id, S::target_audience, "Non-coders wanting to use AI for development");
    Item(course.id, S::target_audience, "Professionals wanting to automate tasks with AI");
    if (&course != &cast_.courses.front()) return;
    // Refused, appending nothing: another creator writing this curriculum, a prerequisite
    // without its tier.
    for (const auto& other : cast_.courses) {
      if (other.creator == course.creator) continue;
      Refuse(Send(d_, ModuleCmd(course.id, d_.NewId(), kModules[0]), As(other.creator, "creator")),
             "not_course_creator", "another creator adding a module");
      break;
    }
    Refuse(Send(d_,
                AddCoursePageItem{course.id, d_.NewId(), S::prerequisite, "A laptop", std::nullopt},
                creator),
           "prerequisite_type_required", "a prerequisite without its tier");
  }

  // Students tick the modules they finished: all of them once the course is completed, the
  // first one while it is in progress (one of those is unticked again).
  void Progress() {
    bool refused = false, unticked = false;
    for (const auto& e : cast_.enrollments) {
      if (!e.paid || e.cancelled) continue;
      const std::vector<Uuid>& modules = modules_[e.course];
      const size_t ticks = e.completed ? modules.size() : 1;
      const Actor student = As(e.student, "student");
      for (size_t k = 0; k < ticks; ++k) {
        Accept(Send(d_, MarkModuleProgress{d_.NewId(), e.id, e.course, modules[k], true}, student),
               "ticking a module");
        ++t_.progress_rows;
        ++t_.progress_complete;
      }
      if (e.completed) continue;
      if (!refused) {
        refused = true;
        Refuse(Send(d_, MarkModuleProgress{d_.NewId(), e.id, e.course, modules[0], true}, student),
               "module_progress_unchanged", "ticking a module twice");
      } else if (!unticked) {
        unticked = true;
        Accept(Send(d_, MarkModuleProgress{d_.NewId(), e.id, e.course, modules[0], false}, student),
               "unticking a module");
        --t_.progress_complete;
      }
    }
  }

  const PeerloopLearningCast::Enrollment* InProgress() const {
    for (const auto& e : cast_.enrollments) {
      if (e.paid && !e.cancelled && !e.completed) return &e;
    }
    return nullptr;
  }

  // Students who completed a course rate it; every other one with a testimonial; the creator
  // features the first testimonial of each course.
  void Reviews() {
    auto& rng = d_.rng();
    std::map<Uuid, bool> featured;
    size_t n = 0;
    for (const auto& e : cast_.enrollments) {
      if (!e.completed) continue;
      ReviewCourse c;
      c.course_id = e.course;
      c.review_id = d_.NewId();
      c.enrollment_id = e.id;
      c.rating = 4 + static_cast<int32_t>(rng() % 2);
      if (n % 2 == 0) {
        c.quote = "I went from knowing nothing about coding to shipping my first app.";
        c.student_name = kNames[n % 6];
        c.student_role = n % 4 == 0 ? "Course Graduate" : "Now a Student-Teacher";
      }
      Accept(Send(d_, c, As(e.student, "student")), "a course rating");
      ++t_.ratings;
      if (c.quote) {
        ++t_.testimonials;
        if (!featured[e.course]) {
          featured[e.course] = true;
          Accept(Send(d_, FeatureTestimonial{e.course, c.review_id, true}, Creator(e.course)),
                 "featuring a testimonial");
          ++t_.featured;
        }
      }
      if (n++ == 0) {
        c.review_id = d_.NewId();
        Refuse(Send(d_, c, As(e.student, "student")), "course_already_reviewed",
               "a second rating of the same enrollment");
      }
    }
    if (const auto* e = InProgress()) {
      Refuse(Send(d_, ReviewCourse{e->course, d_.NewId(), e->id, 5}, As(e->student, "student")),
             "enrollment_not_completed", "rating a course not completed");
    }
  }

  IssueCertificate Issue(const PeerloopLearningCast::Enrollment& e, const Uuid& id,
                         CertificateType type) {
    IssueCertificate c;
    c.certificate_id = id;
    c.enrollment_id = e.id;
    c.user_id = e.student;
    c.course_id = e.course;
    c.type = type;
    c.certificate_url = "https://peerloop.example/certificates/" + ToString(id) + ".pdf";
    return c;
  }

  // Completion certificates from the creators; mastery ones recommended by the student-teachers,
  // issued by the creators (the first declined).
  void Certificates() {
    bool declined = false, refused = false;
    for (const auto& e : cast_.enrollments) {
      if (!e.completed) continue;
      const Actor creator = Creator(e.course);
      Accept(Send(d_, Issue(e, d_.NewId(), CertificateType::completion), creator),
             "a completion certificate");
      ++t_.certificates;
      if (!refused) {
        refused = true;
        Refuse(Send(d_, Issue(e, d_.NewId(), CertificateType::completion), creator),
               "certificate_already_exists", "a second certificate of the same kind");
      }
      if (!e.student_teacher) continue;
      const Uuid id = d_.NewId();
      const RecommendCertificate recommend{id, e.id, e.student, e.course, CertificateType::mastery};
      for (const auto& other : cast_.enrollments) {
        if (other.student_teacher && *other.student_teacher != *e.student_teacher &&
            !t_.refused.count("not_enrollment_teacher")) {
          Refuse(Send(d_, recommend, As(*other.student_teacher, "student_teacher")),
                 "not_enrollment_teacher", "a recommendation by another student-teacher");
          break;
        }
      }
      Accept(Send(d_, recommend, As(*e.student_teacher, "student_teacher")),
             "recommending a certificate");
      if (!declined) {
        declined = true;
        Accept(Send(d_,
                    DeclineCertificate{id, e.id, e.course,
                                       "Teach one more session before the mastery certificate"},
                    creator),
               "declining a recommendation");
        ++t_.declined;
        continue;
      }
      Accept(Send(d_, Issue(e, id, CertificateType::mastery), creator),
             "issuing a recommended certificate");
      ++t_.certificates;
      ++t_.recommended_issued;
    }
    if (const auto* e = InProgress()) {
      Refuse(Send(d_, Issue(*e, d_.NewId(), CertificateType::completion), Creator(e->course)),
             "enrollment_not_completed", "a certificate for an incomplete enrollment");
    }
  }

  // The first course's page text is edited, it is closed for enrollment and reopened; the last
  // course is retired, after which it takes no edits.
  void CourseLifecycle() {
    const auto& first = cast_.courses.front();
    EditCourse edit;
    edit.course_id = first.id;
    edit.tagline = "Master AI-powered coding in live 1-on-1 sessions";
    edit.format = "Live 1-on-1 sessions, 2 hours each";
    Accept(Send(d_, edit, As(first.creator, "creator")), "editing a course");
    Accept(Send(d_, SetCourseActive{first.id, false}, As(first.creator, "creator")),
           "closing a course");
    Accept(Send(d_, SetCourseActive{first.id, true}, cast_.admin), "reopening a course");
    const auto& last = cast_.courses.back();
    Accept(Send(d_, RetireCourse{last.id}, As(last.creator, "creator")), "retiring a course");
    ++t_.retired;
    EditCourse late;
    late.course_id = last.id;
    late.title = "Vibe Coding Weekend, again";
    Refuse(Send(d_, late, As(last.creator, "creator")), "course_retired",
           "editing a retired course");
  }

  DemoDriver& d_;
  const PeerloopLearningCast& cast_;
  PeerloopLearningTotals& t_;
  std::map<Uuid, std::vector<Uuid>> modules_;  // by course
};

}  // namespace

void RunPeerloopLearningDemo(DemoDriver& driver, const PeerloopLearningCast& cast,
                             PeerloopLearningTotals* totals) {
  LearningScenario(driver, cast, totals).Run();
}

bool ReportPeerloopLearning(pqxx::transaction_base& tx, const std::vector<RecordedEvent>& history,
                            const PeerloopLearningTotals& t) {
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  // Events of `type` in the log; with `field`, only those whose payload has it (not null).
  auto events = [&](const char* type, const char* field = nullptr) {
    int64_t n = 0;
    for (const auto& e : history) {
      if (e.type != type) continue;
      if (field) {
        rapidjson::Document payload;
        payload.Parse(e.payload.data(), e.payload.size());
        if (payload.HasParseError() || !payload.IsObject() || !payload.HasMember(field) ||
            payload[field].IsNull()) {
          continue;
        }
      }
      ++n;
    }
    return n;
  };
  const std::string page_lines =
      "SELECT (SELECT count(*) FROM peerloop.course_objectives) + (SELECT count(*) FROM "
      "peerloop.course_includes) + (SELECT count(*) FROM peerloop.course_prerequisites) + (SELECT "
      "count(*) FROM peerloop.course_target_audience)";
  const std::vector<DemoCheck> checks = {
      {"curriculum modules", t.modules, scalar("SELECT count(*) FROM peerloop.course_curriculum")},
      {"  = CourseModuleAdded events", events("CourseModuleAdded"),
       scalar("SELECT count(*) FROM peerloop.course_curriculum")},
      {"  with a video and a document link", t.modules,
       scalar("SELECT count(*) FROM peerloop.course_curriculum WHERE video_url IS NOT NULL AND "
              "document_url IS NOT NULL")},
      {"course tags", t.tags, scalar("SELECT count(*) FROM peerloop.course_tags")},
      {"  = CourseTagged events", events("CourseTagged"),
       scalar("SELECT count(*) FROM peerloop.course_tags")},
      {"course page lines (4 lists)", t.page_items, scalar(page_lines)},
      {"  = CoursePageItemAdded - CoursePageItemRemoved",
       events("CoursePageItemAdded") - events("CoursePageItemRemoved"), scalar(page_lines)},
      {"  prerequisites without a tier", 0,
       scalar("SELECT count(*) FROM peerloop.course_prerequisites WHERE type IS NULL")},
      {"module progress rows", t.progress_rows,
       scalar("SELECT count(*) FROM peerloop.module_progress")},
      {"  complete (with completed_at)", t.progress_complete,
       scalar("SELECT count(*) FROM peerloop.module_progress WHERE is_complete AND completed_at "
              "IS NOT NULL")},
      {"  of a module outside the enrollment's course", 0,
       scalar("SELECT count(*) FROM peerloop.module_progress p JOIN peerloop.enrollments e ON "
              "e.id = p.enrollment_id LEFT JOIN peerloop.course_curriculum m ON m.id = p.module_id "
              "AND m.course_id = e.course_id WHERE m.id IS NULL")},
      {"course ratings (sum of rating_count)", t.ratings,
       scalar("SELECT sum(rating_count) FROM peerloop.courses")},
      {"  = CourseReviewed events", events("CourseReviewed"),
       scalar("SELECT sum(rating_count) FROM peerloop.courses")},
      {"  courses 'popular' vs the badge rule (3+ ratings, 4.50+)",
       scalar("SELECT count(*) FROM peerloop.courses WHERE rating_count >= 3 AND rating >= 4.5"),
       scalar("SELECT count(*) FROM peerloop.courses WHERE badge = 'popular'")},
      {"testimonials", t.testimonials, scalar("SELECT count(*) FROM peerloop.course_testimonials")},
      {"  = CourseReviewed events with a quote", events("CourseReviewed", "quote"),
       scalar("SELECT count(*) FROM peerloop.course_testimonials")},
      {"  featured", t.featured,
       scalar("SELECT count(*) FROM peerloop.course_testimonials WHERE is_featured")},
      {"certificates issued", t.certificates, scalar("SELECT count(*) FROM peerloop.certificates")},
      {"  = CertificateIssued events", events("CertificateIssued"),
       scalar("SELECT count(*) FROM peerloop.certificates")},
      {"  on a recommendation (recommended_by)", t.recommended_issued,
       scalar("SELECT count(*) FROM peerloop.certificates WHERE recommended_by IS NOT NULL")},
      {"  for no completed enrollment", 0,
       scalar("SELECT count(*) FROM peerloop.certificates c WHERE NOT EXISTS (SELECT 1 FROM "
              "peerloop.enrollments e WHERE e.student_id = c.user_id AND e.course_id = "
              "c.course_id AND e.status = 'completed')")},
      {"  a second of the same kind", 0,
       scalar("SELECT count(*) FROM (SELECT 1 FROM peerloop.certificates GROUP BY user_id, "
              "course_id, type HAVING count(*) > 1) d")},
      {"  issued by neither the creator nor an admin", 0,
       scalar("SELECT count(*) FROM peerloop.certificates c JOIN peerloop.courses k ON k.id = "
              "c.course_id LEFT JOIN peerloop.users u ON u.id = c.issued_by WHERE c.issued_by <> "
              "k.creator_id AND NOT coalesce(u.is_admin, false)")},
      {"recommendations declined (CertificateDeclined)", t.declined, events("CertificateDeclined")},
      {"courses retired", t.retired,
       scalar("SELECT count(*) FROM peerloop.courses WHERE is_retired")},
      {"  = CourseRetired events, none still active", events("CourseRetired"),
       scalar("SELECT count(*) FROM peerloop.courses WHERE is_retired AND NOT is_active")},
  };
  const bool ok = PrintDemoChecks(
      "peerloop course pages, progress, certificates: accepted vs the read tables and the log",
      checks, "USD");
  std::printf("  refused learning commands (nothing appended):");
  for (const auto& [code, n] : t.refused) std::printf(" %s x%d", code.c_str(), n);
  std::printf("\n");
  return ok;
}

}  // namespace edu
