// The rows of the Urban Home School catalog events: certificates (and enrollments.certificate_id),
// categories (course_count from the courses placed in them), the course page columns of courses
// (is_featured, syllabus, competencies, average_rating, total_reviews) and a review's
// enrollments.rating/review/reviewed_at.
//
// Ordering (row_ops.h): courses rows are written with Upsert (commutes with CourseCreated's and
// the enrollment counts'); a categories row only by its own stream's events (course_count
// carried by them). enrollments rows are Upserted with the enrollment's student and course (a
// rebuild reads partitions side by side, so a certificate or a review may be applied before the
// EnrollmentStarted of another stream, which Upserts too); updated_at stays the enrollment's own.
#include "projections/uhs/catalog_rows.h"

#include "domain/core/variant_util.h"
#include "domain/uhs/catalog.h"
#include "domain/uhs/certificate.h"
#include "eventstore/event_codec.h"
#include "projections/values.h"

namespace edu::uhs_catalog_rows {
namespace {

using namespace uhs;

using CatalogEvent =
    std::variant<CertificateIssued, CertificateRevoked, CategoryCreated, CategoryActivityChanged,
                 CourseAddedToCategory, CourseRemovedFromCategory, CourseFeatured,
                 CourseSyllabusSet, CourseCompetenciesSet, CourseReviewed>;
static_assert(VariantIncludes<CertificateDecider::Event, CatalogEvent>::value,
              "every certificate event");
static_assert(VariantIncludes<CategoryDecider::Event, CatalogEvent>::value, "every category event");
static_assert(VariantIncludes<CourseCatalogDecider::Event, CatalogEvent>::value,
              "every course page event");

template <class T>
SqlValue JsonOf(const T& document) {
  return Json{json::Encode(document)};
}

// certificates.metadata: "Additional certificate info".
struct CertificateMetadata {
  CertificateKind kind = CertificateKind::completion;
  Uuid enrollment_id;
  std::string issued_by;
  std::optional<std::string> revocation_reason;
  std::optional<std::string> revoked_by;
  EDU_FIELDS(kind, enrollment_id, issued_by, revocation_reason, revoked_by)
};

// courses.syllabus: "Structured syllabus content".
struct SyllabusDocument {
  std::string overview;
  std::vector<SyllabusUnit> units;
  EDU_FIELDS(overview, units)
};

void SetCourse(const RecordedEvent& r, const Uuid& course_id, Columns set, RowOps* ops) {
  set.insert(set.begin(), {"id", course_id});
  set.push_back({"updated_at", r.occurred_at});
  ops->Upsert("courses", {"id"}, std::move(set));
}

void On(const RecordedEvent& r, const CertificateIssued& e, RowOps* ops) {
  // A forgotten student's name reads back empty (the column is NOT NULL); the rest stays.
  const SqlValue name =
      e.student_name.erased ? SqlValue(std::string()) : SqlValue(e.student_name.value);
  ops->Insert(
      "certificates",
      {{"id", e.certificate_id},
       {"serial_number", e.serial_number},
       {"student_id", e.student_id},
       {"student_name", name},
       {"course_id", e.course_id},
       {"course_name", e.course_name},
       {"grade", OptionalText(e.grade)},
       {"completion_date", e.completion_date},
       {"issued_at", r.occurred_at},
       {"is_valid", true},
       {"revoked_at", Null{}},
       {"metadata", JsonOf(CertificateMetadata{e.kind, e.enrollment_id, e.issued_by, {}, {}})}});
  // The completion certificate is the enrollment's (a distinction one sits beside it).
  if (e.kind == CertificateKind::completion) {
    ops->Upsert("enrollments", {"id"},
                {{"id", e.enrollment_id},
                 {"student_id", e.enrollment_student_id},
                 {"course_id", e.course_id},
                 {"certificate_id", e.certificate_id}});
  }
}

void On(const RecordedEvent& r, const CertificateRevoked& e, RowOps* ops) {
  ops->Update("certificates", {{"id", e.certificate_id}},
              {{"is_valid", false},
               {"revoked_at", r.occurred_at},
               {"metadata", JsonOf(CertificateMetadata{e.kind, e.enrollment_id, e.issued_by,
                                                       e.reason, e.revoked_by})}});
}

void On(const RecordedEvent& r, const CategoryCreated& e, RowOps* ops) {
  ops->Insert("categories", {{"id", e.category_id},
                             {"name", e.name},
                             {"slug", e.slug},
                             {"description", OptionalText(e.description)},
                             {"icon", OptionalText(e.icon)},
                             {"image_url", OptionalText(e.image_url)},
                             {"parent_id", OptionalValue(e.parent_id)},
                             {"display_order", int64_t{e.display_order}},
                             {"is_active", true},
                             {"created_at", r.occurred_at},
                             {"updated_at", r.occurred_at}});
}

void On(const RecordedEvent& r, const CategoryActivityChanged& e, RowOps* ops) {
  ops->Update("categories", {{"id", e.category_id}},
              {{"is_active", e.is_active}, {"updated_at", r.occurred_at}});
}

void On(const RecordedEvent& r, const CourseAddedToCategory& e, RowOps* ops) {
  ops->Update("categories", {{"id", e.category_id}},
              {{"course_count", int64_t{e.course_count_after}}, {"updated_at", r.occurred_at}});
}

void On(const RecordedEvent& r, const CourseRemovedFromCategory& e, RowOps* ops) {
  ops->Update("categories", {{"id", e.category_id}},
              {{"course_count", int64_t{e.course_count_after}}, {"updated_at", r.occurred_at}});
}

void On(const RecordedEvent& r, const CourseFeatured& e, RowOps* ops) {
  SetCourse(r, e.course_id, {{"is_featured", e.featured}}, ops);
}

void On(const RecordedEvent& r, const CourseSyllabusSet& e, RowOps* ops) {
  SetCourse(r, e.course_id, {{"syllabus", JsonOf(SyllabusDocument{e.overview, e.units})}}, ops);
}

void On(const RecordedEvent& r, const CourseCompetenciesSet& e, RowOps* ops) {
  SetCourse(r, e.course_id, {{"competencies", JsonOf(e.competencies)}}, ops);
}

void On(const RecordedEvent& r, const CourseReviewed& e, RowOps* ops) {
  ops->Upsert("enrollments", {"id"},
              {{"id", e.enrollment_id},
               {"student_id", e.enrollment_student_id},
               {"course_id", e.course_id},
               {"rating", int64_t{e.rating}},
               {"review", OptionalText(e.review)},
               {"reviewed_at", r.occurred_at}});
  SetCourse(r, e.course_id,
            {{"average_rating", Decimal{e.average_rating_hundredths, 2}},
             {"total_reviews", int64_t{e.total_reviews_after}}},
            ops);
}

}  // namespace

bool Handles(const RecordedEvent& e) { return HandlesEventType<CatalogEvent>(e.type); }

Status Apply(const RecordedEvent& r, RowOps* ops) {
  CatalogEvent event;
  EDU_RETURN_IF_ERROR(DecodeEvent(r, &event));
  std::visit([&](const auto& e) { On(r, e, ops); }, event);
  return Status::OK();
}

}  // namespace edu::uhs_catalog_rows
