#include "adapters/demo/uhs_catalog.h"

#include <map>
#include <stdexcept>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "domain/uhs/commands.h"
#include "domain/uhs/commands_catalog.h"
#include "eventstore/json_binding.h"

namespace edu {
namespace {

using namespace uhs;

void Expect(const DemoOutcome& o, const char* what) { ExpectAccepted(o, "uhs catalog", what); }
Actor As(const Uuid& id, const char* role) { return Actor{ToString(id), role}; }

class CatalogScenario {
 public:
  CatalogScenario(DemoDriver& d, const UhsCatalogCast& cast, const std::function<void()>& settle,
                  UhsCatalogTotals* t)
      : d_(d), cast_(cast), settle_(settle), t_(t) {}

  void Run() {
    if (cast_.instructors.size() < 2 || cast_.children.size() < 3 || !cast_.courses ||
        !cast_.enrollments || !cast_.enrollments_completed) {
      throw std::runtime_error("uhs catalog demo: needs 2 instructors, 3 children, counters");
    }
    Categories();
    Courses();
    Learn();
    Certificates();
    Reviews();
    settle_();
  }

 private:
  struct Learner {
    Uuid student;
    Uuid user;
    Uuid parent;
    Uuid enrollment;
  };

  template <class C>
  DemoOutcome Send(const C& command, const Actor& actor) {
    return d_.Send(C::kType, CommandBody("uhs", command), actor);
  }
  template <class C>
  void Refused(const C& command, const Actor& actor, const char* code, const char* what) {
    ExpectRefused(Send(command, actor), code, "uhs catalog", what);
    ++t_->refusals;
  }
  Actor Admin() { return As(cast_.admin, "admin"); }
  Actor Teacher() { return As(cast_.instructors[0], "instructor"); }

  Uuid Category(const char* slug, const char* name, std::optional<Uuid> parent, int order) {
    CreateCategory c;
    c.slug = slug;
    c.name = name;
    c.description = fmt::format("CBC learning area: {}", name);
    c.icon = slug;
    c.image_url = fmt::format("https://cdn.urbanhomeschool.example/categories/{}.jpg", slug);
    c.parent_id = parent;
    c.display_order = order;
    Expect(Send(c, Admin()), "creating a category");
    ++t_->categories;
    return CategoryIdFor(slug);
  }

  void Categories() {
    maths_ = Category("mathematics", "Mathematics", std::nullopt, 1);
    science_ = Category("science-and-technology", "Science and Technology", std::nullopt, 2);
    languages_ = Category("languages", "Languages", std::nullopt, 3);
    algebra_ = Category("algebra", "Algebra", maths_, 1);
    Category("geometry", "Geometry", maths_, 2);
    biology_ = Category("living-things", "Living Things", science_, 1);
    Expect(Send(SetCategoryActive{languages_, false}, Admin()), "hiding a category");
    ++t_->categories_inactive;

    CreateCategory bad;
    bad.slug = "kiswahili";
    bad.name = "Kiswahili";
    Refused(bad, As(cast_.children[0].second, "parent"), "role_not_allowed",
            "a parent creating a category");
    bad.slug = "algebra";
    Refused(bad, Admin(), "slug_taken", "a second category under a slug");
    bad.slug = "kiswahili";
    bad.parent_id = d_.NewId();
    Refused(bad, Admin(), "category_not_found", "a category under an unknown parent");
    bad.parent_id = CategoryIdFor("kiswahili");
    Refused(bad, Admin(), "category_cycle", "a category that is its own parent");
  }

  Uuid FreeCourse(const char* title, const char* area, std::vector<std::string> lessons) {
    Uuid id = d_.NewId();
    CreateCourse c;
    c.course_id = id;
    c.title = title;
    c.description = "Self-paced CBC course with a certificate on completion";
    c.grade_levels = {"Grade 6", "Grade 7"};
    c.learning_area = area;
    c.price = Money{0, "KES"};
    c.instructor_id = cast_.instructors[0];
    c.lessons = std::move(lessons);
    Expect(Send(c, Teacher()), "creating a free catalog course");
    Expect(Send(PublishCourse{id}, Teacher()), "publishing the catalog course");
    ++*cast_.courses;
    return id;
  }

  void Courses() {
    algebra_course_ =
        FreeCourse("Algebra foundations", "Mathematics", {"expressions", "equations"});
    plants_course_ = FreeCourse("Plants and animals", "Science and Technology", {"plants"});
    Expect(Send(AddCourseToCategory{maths_, algebra_course_}, Teacher()), "listing a course");
    Expect(Send(AddCourseToCategory{algebra_, algebra_course_}, Teacher()), "listing it deeper");
    Expect(Send(RemoveCourseFromCategory{maths_, algebra_course_}, Teacher()), "unlisting it");
    Expect(Send(AddCourseToCategory{biology_, plants_course_}, Admin()), "listing a course");
    t_->placed_courses = 2;
    Refused(AddCourseToCategory{languages_, plants_course_}, Teacher(), "category_inactive",
            "a course listed in a hidden category");
    Refused(AddCourseToCategory{biology_, plants_course_}, Teacher(), "course_already_in_category",
            "a course listed twice in a category");

    Expect(Send(FeatureCourse{algebra_course_, true}, Admin()), "featuring a course");
    ++t_->featured;
    Refused(FeatureCourse{plants_course_, true}, Teacher(), "role_not_allowed",
            "an instructor featuring a course");

    SetCourseSyllabus syllabus{
        algebra_course_,
        "From number patterns to solving simple equations",
        {{"Algebraic expressions", {"letters for numbers", "simplifying"}},
         {"Linear equations", {"forming equations", "solving in one step", "word problems"}}}};
    Expect(Send(syllabus, Teacher()), "setting a syllabus");
    Refused(syllabus, As(cast_.instructors[1], "instructor"), "not_own_course",
            "another instructor editing the syllabus");
    Expect(Send(SetCourseSyllabus{plants_course_,
                                  "How living things grow",
                                  {{"Plants", {"parts of a plant", "germination"}}}},
                Teacher()),
           "setting a syllabus");
    t_->syllabi = 2;
    Expect(
        Send(SetCourseCompetencies{algebra_course_,
                                   {"Critical thinking and problem solving", "Learning to learn"}},
             Teacher()),
        "setting competencies");
    Expect(Send(SetCourseCompetencies{plants_course_,
                                      {"Creativity and imagination", "Digital literacy"}},
                Admin()),
           "setting competencies");
    t_->competencies = 2;
  }

  Uuid Enroll(const Uuid& student, const Uuid& parent, const Uuid& course) {
    Uuid id = d_.NewId();
    Expect(Send(EnrollInCourse{id, student, course, std::nullopt}, As(parent, "parent")),
           "enrolling in a free catalog course");
    ++*cast_.enrollments;
    return id;
  }

  // Three children in the algebra course (the first two finish it), the first in the plants one.
  void Learn() {
    for (size_t i = 0; i < 3; ++i) {
      const auto& [student, parent] = cast_.children[i];
      learners_.push_back(
          {student, StudentUserIdFor(student), parent, Enroll(student, parent, algebra_course_)});
    }
    for (size_t i = 0; i < 2; ++i) {
      for (const char* lesson : {"expressions", "equations"}) {
        Expect(Send(RecordLessonCompleted{learners_[i].enrollment, lesson, 35},
                    As(learners_[i].user, "student")),
               "completing a lesson");
      }
      ++*cast_.enrollments_completed;
    }
    const Learner& first = learners_[0];
    plants_enrollment_ = Enroll(first.student, first.parent, plants_course_);
  }

  IssueCertificate Certificate(const Learner& l, CertificateKind kind, const char* grade) {
    IssueCertificate c;
    c.enrollment_id = l.enrollment;
    c.course_id = algebra_course_;
    c.kind = kind;
    c.student_name = DemoName(d_.rng());
    c.grade = grade;
    c.completion_date = d_.clock().Now();  // the lessons were completed at or before now
    return c;
  }

  void Certificates() {
    const char* grades[] = {"EE", "ME"};  // CBC: exceeding / meeting expectations
    for (size_t i = 0; i < 2; ++i) {
      Expect(Send(Certificate(learners_[i], CertificateKind::completion, grades[i]), Teacher()),
             "issuing a completion certificate");
      ++t_->certificates;
      ++t_->enrollments_with_certificate;
    }
    const IssueCertificate distinction =
        Certificate(learners_[0], CertificateKind::distinction, "EE");
    Expect(Send(distinction, Admin()), "issuing a distinction certificate");
    ++t_->certificates;
    Refused(Certificate(learners_[2], CertificateKind::completion, "AE"), Teacher(),
            "enrollment_not_completed", "a certificate for an incomplete enrollment");
    Refused(Certificate(learners_[1], CertificateKind::completion, "ME"), Admin(),
            "certificate_already_exists", "a second certificate of the same kind");
    const Uuid revoked = CertificateIdFor(distinction.enrollment_id, distinction.kind);
    Expect(Send(RevokeCertificate{revoked, "Distinction awarded before the final assessment"},
                Admin()),
           "revoking a certificate");
    ++t_->certificates_revoked;
    Refused(RevokeCertificate{revoked, "again"}, Admin(), "certificate_already_revoked",
            "a second revocation");
  }

  void Reviews() {
    const int32_t ratings[] = {5, 4, 4};
    for (size_t i = 0; i < learners_.size(); ++i) {
      Expect(Send(ReviewCourse{algebra_course_, learners_[i].enrollment, ratings[i],
                               i == 0 ? std::optional<std::string>("Clear steps, good practice")
                                      : std::nullopt},
                  As(learners_[i].user, "student")),
             "reviewing a course");
      ++t_->reviews;
      t_->rating_sum += ratings[i];
    }
    // A parent reviews for their child.
    Expect(Send(ReviewCourse{plants_course_, plants_enrollment_, 3,
                             std::string("Good, but the videos are short")},
                As(learners_[0].parent, "parent")),
           "a parent reviewing a course");
    ++t_->reviews;
    t_->rating_sum += 3;
    t_->reviewed_courses = 2;
    Refused(ReviewCourse{algebra_course_, learners_[1].enrollment, 5, std::nullopt},
            As(learners_[1].user, "student"), "review_already_exists", "a second review");
    Refused(ReviewCourse{plants_course_, plants_enrollment_, 6, std::nullopt},
            As(learners_[0].user, "student"), "invalid_rating", "a rating of 6");
  }

  DemoDriver& d_;
  const UhsCatalogCast& cast_;
  const std::function<void()>& settle_;
  UhsCatalogTotals* t_;
  Uuid maths_, science_, languages_, algebra_, biology_;
  Uuid algebra_course_, plants_course_, plants_enrollment_;
  std::vector<Learner> learners_;
};

// Events of the uhs marketplace in the log, by type.
std::map<std::string, int64_t> CountCatalogEvents(EventLog* log) {
  std::map<std::string, int64_t> count;
  for (int p = 0; p < log->partition_count(); ++p) {
    for (int64_t from = 0;;) {
      std::vector<RecordedEvent> batch;
      Status read = log->ReadPartition(p, from, 1000, &batch);
      if (!read.ok()) throw std::runtime_error("uhs report: reading the log: " + read.ToString());
      if (batch.empty()) break;
      from = batch.back().offset + 1;
      for (const auto& e : batch) {
        if (e.marketplace == "uhs") ++count[e.type];
      }
    }
  }
  return count;
}

}  // namespace

void RunUhsCatalogDemo(DemoDriver& driver, const UhsCatalogCast& cast,
                       const std::function<void()>& settle, UhsCatalogTotals* totals) {
  CatalogScenario(driver, cast, settle, totals).Run();
}

std::vector<DemoCheck> UhsCatalogChecks(const std::string& db_uri, EventLog* log,
                                        const UhsCatalogTotals& t) {
  pqxx::connection conn(db_uri);
  pqxx::nontransaction tx(conn);
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  auto rows = [&](const std::string& table, const std::string& where = "") {
    return scalar("SELECT count(*) FROM uhs." + table + (where.empty() ? "" : " WHERE " + where));
  };
  std::map<std::string, int64_t> events = CountCatalogEvents(log);
  return {
      {"categories", t.categories, rows("categories"), false},
      {"  = CategoryCreated events in the log", events["CategoryCreated"], rows("categories"),
       false},
      {"  hidden", t.categories_inactive, rows("categories", "NOT is_active"), false},
      {"  courses counted in them", t.placed_courses,
       scalar("SELECT sum(course_count) FROM uhs.categories"), false},
      {"  = CourseAddedToCategory - CourseRemovedFromCategory",
       events["CourseAddedToCategory"] - events["CourseRemovedFromCategory"],
       scalar("SELECT sum(course_count) FROM uhs.categories"), false},
      {"  subcategories under an existing parent", events["CategoryCreated"] - 3,
       rows("categories c", "EXISTS (SELECT 1 FROM uhs.categories p WHERE p.id = c.parent_id)"),
       false},
      {"featured courses", t.featured, rows("courses", "is_featured"), false},
      {"courses with a syllabus", t.syllabi, rows("courses", "syllabus ? 'units'"), false},
      {"courses with competencies", t.competencies,
       rows("courses", "jsonb_array_length(competencies) > 0"), false},
      {"certificates", t.certificates, rows("certificates"), false},
      {"  = CertificateIssued events in the log", events["CertificateIssued"], rows("certificates"),
       false},
      {"  revoked = CertificateRevoked events", events["CertificateRevoked"],
       rows("certificates", "NOT is_valid AND revoked_at IS NOT NULL"), false},
      {"  revoked (demo)", t.certificates_revoked, rows("certificates", "NOT is_valid"), false},
      {"  of completed enrollments, done before issue", t.certificates,
       rows("certificates c",
            "completion_date <= issued_at AND EXISTS (SELECT 1 FROM "
            "uhs.enrollments e WHERE e.id = (c.metadata->>'enrollment_id')::uuid "
            "AND e.is_completed AND e.completed_at <= c.completion_date)"),
       false},
      {"  linked from enrollments.certificate_id", t.enrollments_with_certificate,
       rows("enrollments e",
            "EXISTS (SELECT 1 FROM uhs.certificates c WHERE c.id = e.certificate_id)"),
       false},
      {"reviews = CourseReviewed events", events["CourseReviewed"],
       rows("enrollments", "rating IS NOT NULL AND reviewed_at IS NOT NULL"), false},
      {"  reviews (demo)", t.reviews, scalar("SELECT sum(total_reviews) FROM uhs.courses"), false},
      {"  courses rated", t.reviewed_courses, rows("courses", "total_reviews > 0"), false},
      {"  rating sum (avg x reviews, rounded)", t.rating_sum,
       scalar("SELECT sum(round(average_rating * total_reviews)) FROM uhs.courses"), false},
  };
}

}  // namespace edu
