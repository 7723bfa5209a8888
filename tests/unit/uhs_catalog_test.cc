// Specifications of the Urban Home School catalog (issue 14; seed 004 categories, courses,
// enrollments): nested categories created by staff under a unique slug (a parent must exist, be
// active and not be the category itself), a course placed in a category (course counts), featured
// by staff, its syllabus and competencies edited by its instructor or staff, and reviews: the
// enrolled student (or their parent) rates 1..5 once per active or completed enrollment, and the
// course's average is kept as integers (sum and count) on the course page's stream.
#include "domain/uhs/catalog.h"
#include "tests/unit/uhs_test_fixtures.h"

namespace edu::uhs {

using namespace fixtures;

namespace {

const Uuid kMaths = CategoryIdFor("mathematics");
const Uuid kAlgebra = CategoryIdFor("algebra");
const Uuid kScience = CategoryIdFor("science");
const Uuid kOtherEnrollment = *ParseUuid("55555555-5555-4555-8555-999999999999");

Actor Instructor() { return AsUser(kInstructor, "instructor"); }
Actor Student() { return AsUser(kStudentUser, "student"); }

CreateCategory Create(const std::string& slug, std::optional<Uuid> parent = std::nullopt) {
  CreateCategory c;
  c.slug = slug;
  c.name = "Mathematics";
  c.description = "Numbers and patterns";
  c.icon = "calculator";
  c.image_url = "https://cdn.example/maths.png";
  c.parent_id = parent;
  c.display_order = 1;
  return c;
}

CategoryCreated Created(const std::string& slug, std::optional<Uuid> parent = std::nullopt,
                        std::vector<Uuid> ancestors = {}) {
  CategoryCreated e;
  e.category_id = CategoryIdFor(slug);
  e.slug = slug;
  e.name = "Mathematics";
  e.description = "Numbers and patterns";
  e.icon = "calculator";
  e.image_url = "https://cdn.example/maths.png";
  e.parent_id = parent;
  e.ancestors = std::move(ancestors);
  e.display_order = 1;
  return e;
}

Spec<CourseCatalogDecider> PageSpec(const Actor& actor) {
  Spec<CourseCatalogDecider> spec;
  spec.at(kNow).as(actor).given_stream<CourseDecider>(CourseStream(kCourse),
                                                      {fixtures::Created(0)});
  return spec;
}

Spec<CourseCatalogDecider> ReviewSpec(const Actor& actor,
                                      std::vector<EnrollmentDecider::Event> enrollment = {
                                          Started(0)}) {
  Spec<CourseCatalogDecider> spec = PageSpec(actor);
  spec.given_stream<EnrollmentDecider>(EnrollmentStream(kEnrollment), std::move(enrollment));
  return spec;
}

CourseReviewed Reviewed(const Uuid& enrollment, int32_t rating, int32_t total, int64_t sum,
                        int64_t hundredths) {
  return CourseReviewed{kCourse,      enrollment, kStudentUser, kStudent,  rating,
                        std::nullopt, total,      sum,          hundredths};
}

}  // namespace

TEST_SUITE("uhs catalog") {
  TEST_CASE("staff create a root category and a subcategory under a unique slug") {
    Spec<CategoryDecider>().when(Create(" Mathematics ")).then({Created("mathematics")});
    Spec<CategoryDecider>()
        .given_stream<CategoryDecider>(CategoryStream(kMaths), {Created("mathematics")})
        .when(Create("algebra", kMaths))
        .then({Created("algebra", kMaths, {kMaths})});
    // Ancestors run parent first, up to the root.
    Spec<CategoryDecider>()
        .given_stream<CategoryDecider>(CategoryStream(kAlgebra),
                                       {Created("algebra", kMaths, {kMaths})})
        .when(Create("linear-equations", kAlgebra))
        .then({Created("linear-equations", kAlgebra, {kAlgebra, kMaths})});
    Spec<CategoryDecider>()
        .given({Created("mathematics")})
        .when(Create("mathematics"))
        .then_error("slug_taken", ErrorKind::kConflict);
  }

  TEST_CASE("a category refuses a bad slug, no name, an unknown, inactive or own parent") {
    Spec<CategoryDecider>().when(Create("Maths & more")).then_error("invalid_slug");
    Spec<CategoryDecider>().when(Create("maths--more")).then_error("invalid_slug");
    Spec<CategoryDecider>().when(Create("-maths")).then_error("invalid_slug");
    CreateCategory unnamed = Create("maths");
    unnamed.name = " ";
    Spec<CategoryDecider>().when(unnamed).then_error("name_required");
    Spec<CategoryDecider>()
        .given_stream<CategoryDecider>(CategoryStream(kScience), {})
        .when(Create("physics", kScience))
        .then_error("category_not_found", ErrorKind::kNotFound);
    Spec<CategoryDecider>().when(Create("mathematics", kMaths)).then_error("category_cycle");
    Spec<CategoryDecider>()
        .given_stream<CategoryDecider>(
            CategoryStream(kMaths),
            {Created("mathematics"), CategoryActivityChanged{kMaths, false}})
        .when(Create("algebra", kMaths))
        .then_error("category_inactive", ErrorKind::kConflict);
    Spec<CategoryDecider>()
        .as(Instructor())
        .when(Create("mathematics"))
        .then_error("staff_only", ErrorKind::kForbidden);
  }

  TEST_CASE("staff hide and show a category; no change is refused") {
    Spec<CategoryDecider>()
        .given({Created("mathematics")})
        .when(SetCategoryActive{kMaths, false})
        .then({CategoryActivityChanged{kMaths, false}});
    Spec<CategoryDecider>()
        .given({Created("mathematics")})
        .when(SetCategoryActive{kMaths, true})
        .then_error("category_activity_unchanged", ErrorKind::kConflict);
    Spec<CategoryDecider>()
        .when(SetCategoryActive{kMaths, false})
        .then_error("category_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("the instructor lists the course in active categories; counts follow") {
    const Uuid other = DeriveUuid(kCourse, "other");
    Spec<CategoryDecider>()
        .at(kNow)
        .as(Instructor())
        .given({Created("mathematics")})
        .given_stream<CourseDecider>(CourseStream(kCourse), {fixtures::Created(0)})
        .when(AddCourseToCategory{kMaths, kCourse})
        .then({CourseAddedToCategory{kMaths, kCourse, 1}});
    Spec<CategoryDecider>()
        .given({Created("mathematics"), CourseAddedToCategory{kMaths, other, 1}})
        .given_stream<CourseDecider>(CourseStream(kCourse), {fixtures::Created(0)})
        .when(AddCourseToCategory{kMaths, kCourse})
        .then({CourseAddedToCategory{kMaths, kCourse, 2}});
    Spec<CategoryDecider>()
        .as(Instructor())
        .given({Created("mathematics"), CourseAddedToCategory{kMaths, other, 1},
                CourseAddedToCategory{kMaths, kCourse, 2}})
        .given_stream<CourseDecider>(CourseStream(kCourse), {fixtures::Created(0)})
        .when(RemoveCourseFromCategory{kMaths, kCourse})
        .then({CourseRemovedFromCategory{kMaths, kCourse, 1}});
    Spec<CategoryDecider>()
        .given({Created("mathematics"), CourseAddedToCategory{kMaths, kCourse, 1}})
        .given_stream<CourseDecider>(CourseStream(kCourse), {fixtures::Created(0)})
        .when(AddCourseToCategory{kMaths, kCourse})
        .then_error("course_already_in_category", ErrorKind::kConflict);
    Spec<CategoryDecider>()
        .given({Created("mathematics")})
        .given_stream<CourseDecider>(CourseStream(kCourse), {fixtures::Created(0)})
        .when(RemoveCourseFromCategory{kMaths, kCourse})
        .then_error("course_not_in_category", ErrorKind::kConflict);
    Spec<CategoryDecider>()
        .given_stream<CourseDecider>(CourseStream(kCourse), {fixtures::Created(0)})
        .when(AddCourseToCategory{kScience, kCourse})
        .then_error("category_not_found", ErrorKind::kNotFound);
    Spec<CategoryDecider>()
        .given({Created("mathematics"), CategoryActivityChanged{kMaths, false}})
        .given_stream<CourseDecider>(CourseStream(kCourse), {fixtures::Created(0)})
        .when(AddCourseToCategory{kMaths, kCourse})
        .then_error("category_inactive", ErrorKind::kConflict);
    Spec<CategoryDecider>()
        .as(AsUser(kPartner, "instructor"))
        .given({Created("mathematics")})
        .given_stream<CourseDecider>(CourseStream(kCourse), {fixtures::Created(0)})
        .when(AddCourseToCategory{kMaths, kCourse})
        .then_error("not_own_course", ErrorKind::kForbidden);
    Spec<CategoryDecider>()
        .given({Created("mathematics")})
        .given_stream<CourseDecider>(CourseStream(kCourse), {})
        .when(AddCourseToCategory{kMaths, kCourse})
        .then_error("course_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("staff feature a course on the homepage; its instructor may not") {
    PageSpec(Admin()).when(FeatureCourse{kCourse, true}).then({CourseFeatured{kCourse, true}});
    PageSpec(Admin())
        .given({CourseFeatured{kCourse, true}})
        .when(FeatureCourse{kCourse, false})
        .then({CourseFeatured{kCourse, false}});
    PageSpec(Admin())
        .given({CourseFeatured{kCourse, true}})
        .when(FeatureCourse{kCourse, true})
        .then_error("course_featured_unchanged", ErrorKind::kConflict);
    PageSpec(Admin())
        .when(FeatureCourse{kCourse, false})
        .then_error("course_featured_unchanged", ErrorKind::kConflict);
    PageSpec(Instructor())
        .when(FeatureCourse{kCourse, true})
        .then_error("staff_only", ErrorKind::kForbidden);
  }

  TEST_CASE("the instructor sets the syllabus: units with distinct titles, topics trimmed") {
    SetCourseSyllabus c{
        kCourse, " Grade 7 maths ", {{" Integers ", {" negatives", "order "}}, {"Fractions", {}}}};
    PageSpec(Instructor())
        .when(c)
        .then({CourseSyllabusSet{
            kCourse, "Grade 7 maths", {{"Integers", {"negatives", "order"}}, {"Fractions", {}}}}});
    PageSpec(Instructor()).when(SetCourseSyllabus{kCourse, "x", {}}).then_error("invalid_syllabus");
    PageSpec(Instructor())
        .when(SetCourseSyllabus{kCourse, "x", {{" ", {}}}})
        .then_error("invalid_syllabus");
    PageSpec(Instructor())
        .when(SetCourseSyllabus{kCourse, "x", {{"Integers", {}}, {"integers ", {}}}})
        .then_error("invalid_syllabus");
    PageSpec(Instructor())
        .when(SetCourseSyllabus{kCourse, "x", {{"Integers", {"a", " "}}}})
        .then_error("invalid_syllabus");
    PageSpec(Student())
        .when(SetCourseSyllabus{kCourse, "x", {{"Integers", {}}}})
        .then_error("not_own_course", ErrorKind::kForbidden);
  }

  TEST_CASE("the instructor sets the competencies: distinct ignoring case, trimmed; none clears") {
    PageSpec(Instructor())
        .when(SetCourseCompetencies{kCourse, {" Critical thinking ", "Digital literacy"}})
        .then({CourseCompetenciesSet{kCourse, {"Critical thinking", "Digital literacy"}}});
    PageSpec(Admin())
        .when(SetCourseCompetencies{kCourse, {}})
        .then({CourseCompetenciesSet{kCourse, {}}});
    PageSpec(Instructor())
        .when(SetCourseCompetencies{kCourse, {"Citizenship", "citizenship"}})
        .then_error("invalid_competencies");
    PageSpec(Instructor())
        .when(SetCourseCompetencies{kCourse, {""}})
        .then_error("invalid_competencies");
  }

  TEST_CASE("the enrolled student reviews once; the average is integer arithmetic, half up") {
    ReviewSpec(Student())
        .when(ReviewCourse{kCourse, kEnrollment, 4, std::string(" Clear lessons ")})
        .then({CourseReviewed{kCourse, kEnrollment, kStudentUser, kStudent, 4,
                              std::string("Clear lessons"), 1, 4, 400}});
    // A second enrollment's review after two others: (5 + 4 + 4) / 3 = 4.333 -> 4.33.
    ReviewSpec(Student())
        .given({Reviewed(kOtherEnrollment, 5, 1, 5, 500),
                Reviewed(DeriveUuid(kOtherEnrollment, "2"), 4, 2, 9, 450)})
        .when(ReviewCourse{kCourse, kEnrollment, 4, std::nullopt})
        .then({Reviewed(kEnrollment, 4, 3, 13, 433)});
    // Half up: (5 + 4 + 4 + 4 + 5 + 5) / 6 = 4.5 exactly; (5 + 4 + 5) / 3 = 4.666 -> 4.67.
    CHECK(AverageHundredths(27, 6) == 450);
    CHECK(AverageHundredths(14, 3) == 467);
    CHECK(AverageHundredths(1, 8) == 13);  // 12.5 -> 13
    CHECK(AverageHundredths(0, 0) == 0);
    // Completed enrollments review too, and parents for their child.
    ReviewSpec(AsUser(kParent, "parent"), {Started(0), EnrollmentCompleted{kEnrollment, kCourse}})
        .when(ReviewCourse{kCourse, kEnrollment, 5, std::nullopt})
        .then({Reviewed(kEnrollment, 5, 1, 5, 500)});
    ReviewSpec(Student())
        .given({Reviewed(kEnrollment, 4, 1, 4, 400)})
        .when(ReviewCourse{kCourse, kEnrollment, 5, std::nullopt})
        .then_error("review_already_exists", ErrorKind::kConflict);
  }

  TEST_CASE("a review with a bad rating, by someone else, or of an enrollment not started") {
    ReviewSpec(Student())
        .when(ReviewCourse{kCourse, kEnrollment, 0, std::nullopt})
        .then_error("invalid_rating");
    ReviewSpec(Student())
        .when(ReviewCourse{kCourse, kEnrollment, 6, std::nullopt})
        .then_error("invalid_rating");
    ReviewSpec(AsUser(kOtherParent, "parent"))
        .when(ReviewCourse{kCourse, kEnrollment, 5, std::nullopt})
        .then_error("not_own_enrollment", ErrorKind::kForbidden);
    ReviewSpec(Student(), {Started(1000)})
        .when(ReviewCourse{kCourse, kEnrollment, 5, std::nullopt})
        .then_error("enrollment_not_reviewable", ErrorKind::kConflict);
    ReviewSpec(Student(), {})
        .when(ReviewCourse{kCourse, kEnrollment, 5, std::nullopt})
        .then_error("enrollment_not_found", ErrorKind::kNotFound);
  }
}

}  // namespace edu::uhs
