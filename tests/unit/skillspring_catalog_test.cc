// Specifications of Skillspring people and catalog: students and mentors registering, a mentor's
// rating, two-level categories, and the course lifecycle from draft to archived with its views.
#include "tests/unit/skillspring_test_fixtures.h"

namespace edu::skillspring {

using namespace fixtures;

TEST_SUITE("skillspring people and catalog") {
  TEST_CASE("students and mentors register themselves with their own fields") {
    RegisterUser c{kStudent,
                   UserRole::student,
                   "maya@example.com",
                   "Maya",
                   "Lopez",
                   {},
                   {},
                   {},
                   {},
                   {},
                   {},
                   {},
                   {},
                   std::string("Analyst"),
                   {}};
    UserRegistered e = Registered(kStudent, UserRole::student);
    e.email = Personal<std::string>("maya@example.com");
    e.occupation = "Analyst";
    Spec<UserDecider>().as(StudentActor()).when(c).then({e});
    c.role = UserRole::mentor;
    Spec<UserDecider>()
        .as(StudentActor())
        .when(c)
        .then_error("role_mismatch", ErrorKind::kForbidden);
    c.role = UserRole::admin;
    c.occupation.reset();
    Spec<UserDecider>().as(StudentActor()).when(c).then_error("privileged_role_requires_admin");
    c.role = UserRole::student;
    c.headline = "Data engineer";
    Spec<UserDecider>().as(StudentActor()).when(c).then_error("mentor_fields_on_non_mentor");
    c.headline.reset();
    c.email = "maya";
    Spec<UserDecider>().as(StudentActor()).when(c).then_error("invalid_email");
    Spec<UserDecider>().as(StudentActor(kOther)).when(c).then_error("not_own_account");
  }

  TEST_CASE("a mentor's rating: each review once, averaged to the hundredth") {
    MentorRatingRecorded first{kMentor, kCart, 5, 1, 5, 500};
    Spec<UserDecider>()
        .as(System())
        .given({Registered(kMentor, UserRole::mentor)})
        .when(RecordMentorRating{kMentor, kCart, 5})
        .then({first});
    MentorRatingRecorded second{kMentor, kCart2, 4, 2, 9, 450};
    Spec<UserDecider>()
        .as(System())
        .given({Registered(kMentor, UserRole::mentor), first})
        .when(RecordMentorRating{kMentor, kCart2, 4})
        .then({second});
    Spec<UserDecider>()
        .as(System())
        .given({Registered(kMentor, UserRole::mentor), first})
        .when(RecordMentorRating{kMentor, kCart, 5})
        .then({});
    Spec<UserDecider>()
        .as(System())
        .given({Registered(kStudent, UserRole::student)})
        .when(RecordMentorRating{kStudent, kCart, 5})
        .then_error("mentor_not_found");
    CHECK(AverageHundredths(14, 3) == 467);  // 4.666..
    CHECK(AverageHundredths(13, 3) == 433);
  }

  TEST_CASE("categories have two levels and unique slugs") {
    Spec<CategoryDecider>()
        .as(Admin())
        .when(CreateCategory{"Data", "Data", {}, {}})
        .then({CategoryCreated{CategoryIdFor("data"), "data", "Data", {}, 0, {}}});
    Spec<CategoryDecider>()
        .as(Admin())
        .given_stream<CategoryDecider>(
            CategoryStream("data"),
            {CategoryCreated{CategoryIdFor("data"), "data", "Data", {}, 0, {}}})
        .when(CreateCategory{"sql", "SQL", std::string("data"), {}})
        .then({CategoryCreated{CategoryIdFor("sql"), "sql", "SQL", CategoryIdFor("data"), 1, {}}});
    Spec<CategoryDecider>()
        .as(Admin())
        .given_stream<CategoryDecider>(
            CategoryStream("sql"),
            {CategoryCreated{CategoryIdFor("sql"), "sql", "SQL", CategoryIdFor("data"), 1, {}}})
        .when(CreateCategory{"joins", "Joins", std::string("sql"), {}})
        .then_error("category_too_deep");
    Spec<CategoryDecider>()
        .as(Admin())
        .given({CategoryCreated{CategoryIdFor("data"), "data", "Data", {}, 0, {}}})
        .when(CreateCategory{"data", "Data", {}, {}})
        .then_error("slug_taken", ErrorKind::kConflict);
    Spec<CategoryDecider>()
        .as(MentorActor())
        .when(CreateCategory{"data", "Data", {}, {}})
        .then_error("admin_only");
  }
}

TEST_SUITE("skillspring courses") {
  CreateCourse Creation() {
    CreateCourse c;
    c.slug = "SQL-from-zero";
    c.mentor_id = kMentor;
    c.title = "SQL from zero";
    c.description = "Queries, joins, indexes";
    c.language_code = "en";
    c.level = CourseLevel::beginner;
    c.list_price = Usd(4999);
    c.sections = {
        SectionSpec{kSection,
                    "Basics",
                    {LectureSpec{kLecture1, "SELECT", ContentType::video, 10, true, {}, {}},
                     LectureSpec{kLecture2, "JOIN", ContentType::video, 15, {}, {}, {}}}}};
    c.tags = {"SQL", "sql"};
    return c;
  }

  Spec<CourseDecider> MentorSpec() {
    Spec<CourseDecider> spec;
    spec.as(MentorActor())
        .given_stream<UserDecider>(UserStream(kMentor), {Registered(kMentor, UserRole::mentor)});
    return spec;
  }

  TEST_CASE("a mentor creates a draft: the slug is the key, lectures and durations are counted") {
    CreateCourse c = Creation();
    CHECK(c.stream_id() == CourseStream(kCourse));
    MentorSpec().when(c).then({Created()});
    MentorSpec().given({Created()}).when(c).then_error("slug_taken", ErrorKind::kConflict);
    c.slug = "sql from zero";
    MentorSpec().when(c).then_error("invalid_slug");
    c = Creation();
    c.sale_price = Usd(5000);
    MentorSpec().when(c).then_error("sale_above_list");
    c.sale_price = Usd(1999);
    c.list_price = Money{4999, "EUR"};
    MentorSpec().when(c).then_error("currency_mismatch");
    c = Creation();
    c.sections[0].lectures.clear();
    MentorSpec().when(c).then_error("lectures_required");
    c = Creation();
    c.category_slugs = {"nope"};
    MentorSpec().when(c).then_error("category_not_found", ErrorKind::kNotFound);
    Spec<CourseDecider>()
        .as(MentorActor(kMentor2))
        .when(Creation())
        .then_error("not_own_course", ErrorKind::kForbidden);
  }

  TEST_CASE("draft -> submitted -> published -> archived; admins publish or send back") {
    Spec<CourseDecider>()
        .as(MentorActor())
        .given({Created()})
        .when(SubmitCourse{kCourse})
        .then({CourseSubmitted{kCourse}});
    Spec<CourseDecider>()
        .as(MentorActor())
        .given({Created(), CourseSubmitted{kCourse}})
        .when(PublishCourse{kCourse})
        .then_error("admin_only", ErrorKind::kForbidden);
    auto published = Spec<CourseDecider>();
    published.as(Admin())
        .given({Created(), CourseSubmitted{kCourse}})
        .when(PublishCourse{kCourse})
        .then({CoursePublished{kCourse, {kLecture1, kLecture2}}});
    CHECK(published.state().status() == CourseStatus::published);
    Spec<CourseDecider>()
        .as(Admin())
        .given({Created()})
        .when(PublishCourse{kCourse})
        .then_error("illegal_transition", ErrorKind::kConflict);
    Spec<CourseDecider>()
        .as(Admin())
        .given({Created(), CourseSubmitted{kCourse}})
        .when(RequestCourseChanges{kCourse, "Add exercises"})
        .then({CourseChangesRequested{kCourse, "Add exercises"}});
    Spec<CourseDecider>()
        .as(Admin())
        .given(Published())
        .when(ArchiveCourse{kCourse})
        .then({CourseArchived{kCourse, CourseStatus::published}});
    Spec<CourseDecider>()
        .as(MentorActor())
        .given({Created()})
        .when(ArchiveCourse{kCourse})
        .then({CourseArchived{kCourse, CourseStatus::draft}});
    std::vector<CourseDecider::Event> archived = Published();
    archived.push_back(CourseArchived{kCourse, CourseStatus::published});
    Spec<CourseDecider>()
        .as(Admin())
        .given(archived)
        .when(ArchiveCourse{kCourse})
        .then_error("illegal_transition");
    Spec<CourseDecider>()
        .as(Admin())
        .given(archived)
        .when(ChangeCoursePrice{kCourse, Usd(1), {}})
        .then_error("illegal_transition");
    Spec<CourseDecider>()
        .as(MentorActor(kMentor2))
        .given({Created()})
        .when(SubmitCourse{kCourse})
        .then_error("not_own_course");
  }

  TEST_CASE("views count only for published courses") {
    Spec<CourseDecider>()
        .as(StudentActor())
        .given(Published())
        .when(ViewCourse{kCourse})
        .then({CourseViewed{kCourse}});
    Spec<CourseDecider>()
        .as(StudentActor())
        .given({Created()})
        .when(ViewCourse{kCourse})
        .then_error("course_not_available");
  }
}

}  // namespace edu::skillspring
