// Specifications of PeerLoop course edits and pages, ratings and module progress (issue 14;
// seed 001: courses.is_active/is_retired (CD-004, US-C004), course_curriculum (CD-019, CD-021,
// CD-025), course_objectives, course_includes, course_prerequisites (tiered),
// course_target_audience, course_testimonials, courses.rating/rating_count/badge (CD-022),
// module_progress (CD-019)): the course's creator (or an admin) edits, closes, reopens and
// retires the course and writes its pages; a retired course changes no more; a student who
// completed the course rates it once per enrollment; a student ticks the modules of their own
// enrollment.
#include "domain/peerloop/course_status_machine.h"
#include "tests/support/machine_spec.h"
#include "tests/unit/peerloop_learning_fixtures.h"

namespace edu::peerloop {
namespace {

using namespace testing;

const Uuid kModule = Id("c0000000-0000-4000-8000-000000000090");
const Uuid kModule2 = Id("c0000000-0000-4000-8000-000000000091");
const Uuid kItem = Id("c0000000-0000-4000-8000-000000000092");
const Uuid kItem2 = Id("c0000000-0000-4000-8000-000000000093");
const Uuid kItem3 = Id("c0000000-0000-4000-8000-000000000094");
const Uuid kReview = Id("c0000000-0000-4000-8000-000000000095");
const Uuid kReview2 = Id("c0000000-0000-4000-8000-000000000096");
const Uuid kProgress = Id("c0000000-0000-4000-8000-000000000097");
const Uuid kProgress2 = Id("c0000000-0000-4000-8000-000000000098");
const Uuid kEnrollment2 = Id("c0000000-0000-4000-8000-000000000099");
const Uuid kUnknown = Id("c0000000-0000-4000-8000-0000000000fd");
const std::string kPages = CoursePageStream(kCourse);
const std::string kProgressStream = ModuleProgressStream(kEnrollment);

AddCourseModule ModuleCmd(const Uuid& id = kModule, const std::string& title = "Setup") {
  AddCourseModule c;
  c.course_id = kCourse;
  c.module_id = id;
  c.session_number = 1;
  c.title = title;
  c.description = "Install the tools";
  c.duration = "20 min";
  c.video_count = 2;
  c.reading_count = 1;
  c.has_assessment = false;
  c.video_url = "https://youtu.be/setup";
  c.document_url = "https://notion.so/setup";
  return c;
}

CourseModuleAdded ModuleAdded(const Uuid& id, int32_t order, const std::string& title) {
  CourseModuleAdded e;
  e.course_id = kCourse;
  e.module_id = id;
  e.session_number = 1;
  e.title = title;
  e.description = "Install the tools";
  e.duration = "20 min";
  e.video_count = 2;
  e.reading_count = 1;
  e.has_assessment = false;
  e.module_order = order;
  e.video_url = "https://youtu.be/setup";
  e.document_url = "https://notion.so/setup";
  return e;
}

// `student`'s enrollment `id` in kCourse with kTeacher, paid, started and completed.
void CompleteFor(World& w, const Uuid& id, const Uuid& student) {
  w.Run<EnrollmentDecider>(EnrollCmd(kTeacher, id, student), Student(student));
  w.Run<EnrollmentDecider>(ConfirmPayment{id, DeriveUuid(id, "tx"), kStripe}, Gateway());
  w.Run<EnrollmentDecider>(StartEnrollment{id}, System());
  w.Run<EnrollmentDecider>(CompleteEnrollment{id}, Teacher());
}

ReviewCourse ReviewCmd(const Uuid& review, const Uuid& enrollment, int32_t rating,
                       std::optional<std::string> quote = std::nullopt) {
  ReviewCourse c;
  c.course_id = kCourse;
  c.review_id = review;
  c.enrollment_id = enrollment;
  c.rating = rating;
  c.quote = std::move(quote);
  if (c.quote) c.student_name = "Sarah";
  return c;
}

}  // namespace

TEST_SUITE("peerloop learning") {
  TEST_CASE("course status machine: active <-> inactive, retired from either, final") {
    using S = CourseStatus;
    using T = CourseStatusTrigger;
    const edu::testing::ExpectedTable<S, T> lifecycle = {
        {S::active, T::deactivate, S::inactive},
        {S::inactive, T::activate, S::active},
        {S::active, T::retire, S::retired},
        {S::inactive, T::retire, S::retired},
    };
    edu::testing::CheckMachine<CourseStatusMachine, S, T>(S::active, lifecycle);
  }

  TEST_CASE(
      "the creator edits the fields sent; an empty edit, an empty title, a student: refused") {
    World w;
    w.Setup();
    EditCourse edit;
    edit.course_id = kCourse;
    edit.title = " Intro to Claude Code, 2nd edition ";
    edit.has_certificate = true;
    edit.certificate_name = "Certificate of Completion";
    CourseEdited edited;
    edited.course_id = kCourse;
    edited.title = "Intro to Claude Code, 2nd edition";
    edited.has_certificate = true;
    edited.certificate_name = "Certificate of Completion";
    edited.edited_by = kCreator;
    edited.edited_at = kNow;
    w.Given<CourseDecider>(CourseStream(kCourse)).as(Creator()).when(edit).then({edited});
    w.Run<CourseDecider>(edit, Creator());
    CHECK(w.State<CourseDecider>(CourseStream(kCourse)).has_certificate);
    w.Given<CourseDecider>(CourseStream(kCourse))
        .as(Creator())
        .when(EditCourse{kCourse})
        .then_error("course_edit_empty", ErrorKind::kInvalid);
    EditCourse blank;
    blank.course_id = kCourse;
    blank.title = "  ";
    w.Given<CourseDecider>(CourseStream(kCourse))
        .as(Creator())
        .when(blank)
        .then_error("course_text_required");
    w.Given<CourseDecider>(CourseStream(kCourse))
        .as(Teacher())
        .when(edit)
        .then_error("not_course_creator", ErrorKind::kForbidden);
    w.Given<CourseDecider>(CourseStream(kUnknown))
        .as(Creator())
        .when(EditCourse{kUnknown, std::string("x")})
        .then_error("course_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("a closed course takes no enrollments until reopened; a retired one never again") {
    World w;
    w.Setup();
    w.Given<CourseDecider>(CourseStream(kCourse))
        .as(Creator())
        .when(SetCourseActive{kCourse, false})
        .then({CourseActivationChanged{kCourse, false, kCreator, kNow}});
    w.Given<CourseDecider>(CourseStream(kCourse))
        .as(Creator())
        .when(SetCourseActive{kCourse, true})
        .then_error("course_activation_unchanged", ErrorKind::kConflict);
    w.Run<CourseDecider>(SetCourseActive{kCourse, false}, Creator());
    w.Given<EnrollmentDecider>(EnrollmentStream(kEnrollment))
        .as(Student())
        .when(EnrollCmd())
        .then_error("course_inactive");
    w.Run<CourseDecider>(SetCourseActive{kCourse, true}, Admin());
    CHECK(w.State<CourseDecider>(CourseStream(kCourse)).is_active);
    w.Given<CourseDecider>(CourseStream(kCourse))
        .as(Student())
        .when(RetireCourse{kCourse})
        .then_error("not_course_creator", ErrorKind::kForbidden);
    w.Given<CourseDecider>(CourseStream(kCourse))
        .as(Creator())
        .when(RetireCourse{kCourse})
        .then({CourseRetired{kCourse, kCreator, kNow}});
    w.Run<CourseDecider>(RetireCourse{kCourse}, Creator());
    const CourseState course = w.State<CourseDecider>(CourseStream(kCourse));
    CHECK(course.is_retired);
    CHECK_FALSE(course.is_active);
    w.Given<EnrollmentDecider>(EnrollmentStream(kEnrollment))
        .as(Student())
        .when(EnrollCmd())
        .then_error("course_inactive");
    for (const CourseDecider::Command& c :
         {CourseDecider::Command{SetCourseActive{kCourse, true}},
          CourseDecider::Command{RetireCourse{kCourse}},
          CourseDecider::Command{EditCourse{kCourse, std::string("New title")}}}) {
      w.Given<CourseDecider>(CourseStream(kCourse))
          .as(Creator())
          .when(c)
          .then_error("course_retired", ErrorKind::kConflict);
    }
    Learning l(w);
    l.Given<CoursePageDecider>(kPages)
        .as(Creator())
        .when(ModuleCmd())
        .then_error("course_retired", ErrorKind::kConflict);
  }

  TEST_CASE("the creator adds curriculum modules in order, with their links; edits replace them") {
    World w;
    w.Setup();
    Learning l(w);
    AddCourseModule first = ModuleCmd();
    first.title = "  Setup ";
    l.Given<CoursePageDecider>(kPages).as(Creator()).when(first).then(
        {ModuleAdded(kModule, 1, "Setup")});
    l.Run<CoursePageDecider>(first, Creator());
    l.Given<CoursePageDecider>(kPages)
        .as(Admin())
        .when(ModuleCmd(kModule2, "First app"))
        .then({ModuleAdded(kModule2, 2, "First app")});
    l.Run<CoursePageDecider>(ModuleCmd(kModule2, "First app"), Creator());
    EditCourseModule edit;
    edit.course_id = kCourse;
    edit.module_id = kModule;
    edit.title = "Setup and accounts";
    edit.description = "Install the tools, open the accounts";
    edit.duration = "30 min";
    edit.video_url = "https://vimeo.com/setup";
    CourseModuleEdited edited;
    edited.course_id = kCourse;
    edited.module_id = kModule;
    edited.title = "Setup and accounts";
    edited.description = "Install the tools, open the accounts";
    edited.duration = "30 min";
    edited.module_order = 1;  // kept
    edited.video_url = "https://vimeo.com/setup";
    l.Given<CoursePageDecider>(kPages).as(Creator()).when(edit).then({edited});
    CHECK(l.State<CoursePageDecider>(kPages).modules.size() == 2);
  }

  TEST_CASE(
      "curriculum refusals: a taken id, missing text, bad orders and counts, not the creator") {
    World w;
    w.Setup();
    Learning l(w);
    l.Run<CoursePageDecider>(ModuleCmd(), Creator());
    l.Given<CoursePageDecider>(kPages)
        .as(Creator())
        .when(ModuleCmd())
        .then_error("course_module_already_exists", ErrorKind::kConflict);
    AddCourseModule c = ModuleCmd(kModule2);
    c.duration = " ";
    l.Given<CoursePageDecider>(kPages).as(Creator()).when(c).then_error("course_page_text_required",
                                                                        ErrorKind::kInvalid);
    c = ModuleCmd(kModule2);
    c.video_count = -1;
    l.Given<CoursePageDecider>(kPages).as(Creator()).when(c).then_error("invalid_course_order",
                                                                        ErrorKind::kInvalid);
    c = ModuleCmd(kModule2);
    c.session_number = 0;
    l.Given<CoursePageDecider>(kPages).as(Creator()).when(c).then_error("invalid_course_order");
    l.Given<CoursePageDecider>(kPages)
        .as(Teacher())
        .when(ModuleCmd(kModule2))
        .then_error("not_course_creator", ErrorKind::kForbidden);
    EditCourseModule edit;
    edit.course_id = kCourse;
    edit.module_id = kModule2;
    edit.title = "t";
    edit.description = "d";
    edit.duration = "1h";
    l.Given<CoursePageDecider>(kPages).as(Creator()).when(edit).then_error(
        "course_module_not_found", ErrorKind::kNotFound);
    AddCourseModule elsewhere = ModuleCmd(kModule2);
    elsewhere.course_id = kUnknown;
    l.Given<CoursePageDecider>(CoursePageStream(kUnknown))
        .as(Creator())
        .when(elsewhere)
        .then_error("course_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("page lists: objectives in order, prerequisites ordered within their tier, removal") {
    World w;
    w.Setup();
    Learning l(w);
    l.Given<CoursePageDecider>(kPages)
        .as(Creator())
        .when(AddCoursePageItem{kCourse, kItem, CoursePageSection::objective, " Build a web app "})
        .then({CoursePageItemAdded{kCourse, kItem, CoursePageSection::objective, "Build a web app",
                                   std::nullopt, 1}});
    l.Run<CoursePageDecider>(
        AddCoursePageItem{kCourse, kItem, CoursePageSection::objective, "Build a web app"},
        Creator());
    const AddCoursePageItem required{kCourse, kItem2, CoursePageSection::prerequisite,
                                     "Claude account (Pro or Max plan)",
                                     PrerequisiteType::required};
    l.Given<CoursePageDecider>(kPages).as(Creator()).when(required).then(
        {CoursePageItemAdded{kCourse, kItem2, CoursePageSection::prerequisite,
                             "Claude account (Pro or Max plan)", PrerequisiteType::required, 1}});
    l.Run<CoursePageDecider>(required, Creator());
    const AddCoursePageItem another{kCourse, kItem3, CoursePageSection::prerequisite,
                                    "Computer with terminal", PrerequisiteType::required};
    l.Given<CoursePageDecider>(kPages).as(Creator()).when(another).then(
        {CoursePageItemAdded{kCourse, kItem3, CoursePageSection::prerequisite,
                             "Computer with terminal", PrerequisiteType::required, 2}});
    const AddCoursePageItem other_tier{kCourse, kItem3, CoursePageSection::prerequisite,
                                       "No coding experience needed",
                                       PrerequisiteType::not_required};
    l.Given<CoursePageDecider>(kPages)
        .as(Creator())
        .when(other_tier)
        .then({CoursePageItemAdded{kCourse, kItem3, CoursePageSection::prerequisite,
                                   "No coding experience needed", PrerequisiteType::not_required,
                                   1}});
    l.Given<CoursePageDecider>(kPages)
        .as(Creator())
        .when(RemoveCoursePageItem{kCourse, kItem2})
        .then({CoursePageItemRemoved{kCourse, kItem2, CoursePageSection::prerequisite}});
    l.Run<CoursePageDecider>(RemoveCoursePageItem{kCourse, kItem2}, Creator());
    l.Given<CoursePageDecider>(kPages)
        .as(Creator())
        .when(RemoveCoursePageItem{kCourse, kItem2})
        .then_error("course_page_item_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("page list refusals: a taken id, empty text, a tier missing or misplaced, a student") {
    World w;
    w.Setup();
    Learning l(w);
    l.Run<CoursePageDecider>(
        AddCoursePageItem{kCourse, kItem, CoursePageSection::include, "Lifetime access"},
        Creator());
    l.Given<CoursePageDecider>(kPages)
        .as(Creator())
        .when(AddCoursePageItem{kCourse, kItem, CoursePageSection::include, "Discord"})
        .then_error("course_page_item_already_exists", ErrorKind::kConflict);
    l.Given<CoursePageDecider>(kPages)
        .as(Creator())
        .when(AddCoursePageItem{kCourse, kItem2, CoursePageSection::target_audience, " \n "})
        .then_error("course_page_text_required", ErrorKind::kInvalid);
    l.Given<CoursePageDecider>(kPages)
        .as(Creator())
        .when(AddCoursePageItem{kCourse, kItem2, CoursePageSection::prerequisite, "A laptop"})
        .then_error("prerequisite_type_required", ErrorKind::kInvalid);
    l.Given<CoursePageDecider>(kPages)
        .as(Creator())
        .when(AddCoursePageItem{kCourse, kItem2, CoursePageSection::objective, "Ship",
                                PrerequisiteType::required})
        .then_error("prerequisite_type_required");
    l.Given<CoursePageDecider>(kPages)
        .as(Creator())
        .when(AddCoursePageItem{kCourse, kItem2, CoursePageSection::objective, "Ship", std::nullopt,
                                0})
        .then_error("invalid_course_order");
    l.Given<CoursePageDecider>(kPages)
        .as(Student())
        .when(AddCoursePageItem{kCourse, kItem2, CoursePageSection::objective, "Ship"})
        .then_error("not_course_creator", ErrorKind::kForbidden);
    l.Given<CoursePageDecider>(kPages)
        .as(Student())
        .when(RemoveCoursePageItem{kCourse, kItem})
        .then_error("not_course_creator", ErrorKind::kForbidden);
  }

  TEST_CASE(
      "a student who completed the course rates it, with a testimonial; once per enrollment") {
    World w;
    Learning l(w);
    l.Completed();
    ReviewCourse review = ReviewCmd(kReview, kEnrollment, 5, " Two sessions, one web app. ");
    review.student_role = "Course Graduate";
    CourseReviewed reviewed;
    reviewed.course_id = kCourse;
    reviewed.review_id = kReview;
    reviewed.enrollment_id = kEnrollment;
    reviewed.student_id = kStudent;
    reviewed.rating = 5;
    reviewed.quote = "Two sessions, one web app.";
    reviewed.student_name = "Sarah";
    reviewed.student_role = "Course Graduate";
    reviewed.rating_average_x100 = 500;
    reviewed.rating_count = 1;
    reviewed.reviewed_at = kNow;
    l.Given<CoursePageDecider>(kPages).as(Student()).when(review).then({reviewed});
    l.Run<CoursePageDecider>(review, Student());
    l.Given<CoursePageDecider>(kPages)
        .as(Student())
        .when(ReviewCmd(kReview2, kEnrollment, 4))
        .then_error("course_already_reviewed", ErrorKind::kConflict);
    // The creator features the testimonial on the course page.
    l.Given<CoursePageDecider>(kPages)
        .as(Creator())
        .when(FeatureTestimonial{kCourse, kReview, true})
        .then({TestimonialFeatured{kCourse, kReview, true}});
    l.Given<CoursePageDecider>(kPages)
        .as(Creator())
        .when(FeatureTestimonial{kCourse, kReview2, true})
        .then_error("testimonial_not_found", ErrorKind::kNotFound);
    l.Given<CoursePageDecider>(kPages)
        .as(Student())
        .when(FeatureTestimonial{kCourse, kReview, true})
        .then_error("not_course_creator", ErrorKind::kForbidden);
  }

  TEST_CASE("ratings refused: not completed, someone else's enrollment, out of range, no name") {
    World w;
    w.Paid();
    Learning l(w);
    l.Given<CoursePageDecider>(kPages)
        .as(Student())
        .when(ReviewCmd(kReview, kEnrollment, 5))
        .then_error("enrollment_not_completed", ErrorKind::kConflict);
    w.Run<EnrollmentDecider>(StartEnrollment{kEnrollment}, System());
    w.Run<EnrollmentDecider>(CompleteEnrollment{kEnrollment}, Teacher());
    l.Given<CoursePageDecider>(kPages)
        .as(Student(kStudent2))
        .when(ReviewCmd(kReview, kEnrollment, 5))
        .then_error("not_own_enrollment", ErrorKind::kForbidden);
    for (int32_t rating : {0, 6}) {
      l.Given<CoursePageDecider>(kPages)
          .as(Student())
          .when(ReviewCmd(kReview, kEnrollment, rating))
          .then_error("invalid_rating", ErrorKind::kInvalid);
    }
    ReviewCourse nameless = ReviewCmd(kReview, kEnrollment, 5, "Great");
    nameless.student_name = " ";
    l.Given<CoursePageDecider>(kPages).as(Student()).when(nameless).then_error(
        "testimonial_name_required", ErrorKind::kInvalid);
    l.Given<CoursePageDecider>(kPages)
        .as(Student())
        .when(ReviewCmd(kReview, kUnknown, 5))
        .then_error("enrollment_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("course rating is the average of its ratings; popular from 3 ratings averaging 4.5") {
    CHECK(AverageX100(14, 3) == 467);  // 4.666.. rounds to 4.67
    CHECK(AverageX100(9, 2) == 450);
    CHECK(AverageX100(0, 0) == 0);
    CHECK(BadgeFor(450, 3) == CourseBadge::popular);
    CHECK_FALSE(BadgeFor(449, 3).has_value());
    CHECK_FALSE(BadgeFor(500, 2).has_value());
    World w;
    Learning l(w);
    l.Completed();
    CompleteFor(w, kEnrollment2, kStudent2);
    const Uuid third = Id("c0000000-0000-4000-8000-00000000009a");
    const Uuid kStudent3 = Id("c0000000-0000-4000-8000-00000000009b");
    w.Run<UserDecider>(UserCmd(kStudent3, UserRole::student, "lena"), Student(kStudent3));
    CompleteFor(w, third, kStudent3);
    auto first = l.Run<CoursePageDecider>(ReviewCmd(kReview, kEnrollment, 5), Student());
    CHECK_FALSE(std::get<CourseReviewed>(first[0]).badge.has_value());
    auto second =
        l.Run<CoursePageDecider>(ReviewCmd(kReview2, kEnrollment2, 4), Student(kStudent2));
    CHECK(std::get<CourseReviewed>(second[0]).rating_average_x100 == 450);
    CHECK(std::get<CourseReviewed>(second[0]).rating_count == 2);
    auto last = l.Run<CoursePageDecider>(
        ReviewCmd(Id("c0000000-0000-4000-8000-00000000009c"), third, 5), Student(kStudent3));
    const auto& reviewed = std::get<CourseReviewed>(last[0]);
    CHECK(reviewed.rating_average_x100 == 467);
    CHECK(reviewed.rating_count == 3);
    CHECK(reviewed.badge == CourseBadge::popular);
  }

  TEST_CASE("a student ticks and unticks modules of their own enrollment; one row per module") {
    World w;
    w.Paid();
    Learning l(w);
    l.Run<CoursePageDecider>(ModuleCmd(), Creator());
    const MarkModuleProgress tick{kProgress, kEnrollment, kCourse, kModule, true};
    ModuleProgressMarked ticked{kProgress, kEnrollment, kModule, kStudent, true, kNow, kNow};
    l.Given<ModuleProgressDecider>(kProgressStream).as(Student()).when(tick).then({ticked});
    l.Run<ModuleProgressDecider>(tick, Student());
    l.Given<ModuleProgressDecider>(kProgressStream)
        .as(Student())
        .when(tick)
        .then_error("module_progress_unchanged", ErrorKind::kConflict);
    // Unticking updates the first mark's row, whatever progress_id it names.
    const Timestamp later = kNow + Hours(1);
    l.Given<ModuleProgressDecider>(kProgressStream, later)
        .as(Student())
        .when(MarkModuleProgress{kProgress2, kEnrollment, kCourse, kModule, false})
        .then({ModuleProgressMarked{kProgress, kEnrollment, kModule, kStudent, false, std::nullopt,
                                    later}});
    CHECK(l.State<ModuleProgressDecider>(kProgressStream).CompletedCount() == 1);
  }

  TEST_CASE("module progress refused: another student, a module not in the course, cancelled") {
    World w;
    w.Paid();
    Learning l(w);
    l.Run<CoursePageDecider>(ModuleCmd(), Creator());
    l.Given<ModuleProgressDecider>(kProgressStream)
        .as(Student(kStudent2))
        .when(MarkModuleProgress{kProgress, kEnrollment, kCourse, kModule, true})
        .then_error("not_own_enrollment", ErrorKind::kForbidden);
    l.Given<ModuleProgressDecider>(kProgressStream)
        .as(Student())
        .when(MarkModuleProgress{kProgress, kEnrollment, kCourse, kModule2, true})
        .then_error("course_module_not_found", ErrorKind::kNotFound);
    l.Given<ModuleProgressDecider>(kProgressStream)
        .as(Student())
        .when(MarkModuleProgress{kProgress, kEnrollment, kUnknown, kModule, true})
        .then_error("enrollment_mismatch");
    l.Given<ModuleProgressDecider>(kProgressStream)
        .as(Student())
        .when(MarkModuleProgress{kProgress, kEnrollment, kCourse, kModule, false})
        .then_error("module_progress_unchanged");
    l.Given<ModuleProgressDecider>(ModuleProgressStream(kUnknown))
        .as(Student())
        .when(MarkModuleProgress{kProgress, kUnknown, kCourse, kModule, true})
        .then_error("enrollment_not_found", ErrorKind::kNotFound);
    w.Run<EnrollmentDecider>(CancelEnrollment{kEnrollment, "changed my mind"}, Student());
    l.Given<ModuleProgressDecider>(kProgressStream)
        .as(Student())
        .when(MarkModuleProgress{kProgress, kEnrollment, kCourse, kModule, true})
        .then_error("enrollment_closed", ErrorKind::kConflict);
  }
}

}  // namespace edu::peerloop
