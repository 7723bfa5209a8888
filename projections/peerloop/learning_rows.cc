#include "projections/peerloop/learning_rows.h"

#include "domain/peerloop/certificate.h"
#include "domain/peerloop/course_pages.h"
#include "domain/peerloop/progress.h"
#include "eventstore/event_codec.h"
#include "projections/values.h"

namespace edu::peerloop_rows {
namespace {

using namespace peerloop;

static_assert(VariantIncludes<CoursePageDecider::Event, LearningEvent>::value, "page events");
static_assert(VariantIncludes<ModuleProgressDecider::Event, LearningEvent>::value,
              "progress events");
static_assert(VariantIncludes<CertificateDecider::Event, LearningEvent>::value,
              "certificate events");

SqlValue OptionalInt(const std::optional<int32_t>& v) { return v ? SqlValue(int64_t{*v}) : Null{}; }
SqlValue OptionalBool(const std::optional<bool>& v) { return v ? SqlValue(*v) : Null{}; }

// ---- courses (the course's own stream, after CourseCreated) ----
void On(const RecordedEvent&, const CourseEdited& e, RowOps* ops) {
  Columns set;
  if (e.title) set.push_back({"title", *e.title});
  if (e.tagline) set.push_back({"tagline", *e.tagline});
  if (e.description) set.push_back({"description", *e.description});
  if (e.duration) set.push_back({"duration", *e.duration});
  if (e.format) set.push_back({"format", *e.format});
  if (e.thumbnail_url) set.push_back({"thumbnail_url", *e.thumbnail_url});
  if (e.has_certificate) set.push_back({"has_certificate", *e.has_certificate});
  if (e.certificate_name) set.push_back({"certificate_name", *e.certificate_name});
  set.push_back({"updated_at", e.edited_at});
  ops->Update("courses", {{"id", e.course_id}}, std::move(set));
}
void On(const RecordedEvent&, const CourseActivationChanged& e, RowOps* ops) {
  ops->Update("courses", {{"id", e.course_id}},
              {{"is_active", e.is_active}, {"updated_at", e.changed_at}});
}
void On(const RecordedEvent&, const CourseRetired& e, RowOps* ops) {
  ops->Update("courses", {{"id", e.course_id}},
              {{"is_active", false}, {"is_retired", true}, {"updated_at", e.retired_at}});
}

// ---- course pages ----
template <class ModuleEvent>
Columns ModuleColumns(const ModuleEvent& e) {
  return {{"id", e.module_id},
          {"course_id", e.course_id},
          {"session_number", OptionalInt(e.session_number)},
          {"title", e.title},
          {"description", e.description},
          {"duration", e.duration},
          {"learning_objectives", OptionalText(e.learning_objectives)},
          {"topics_covered", OptionalText(e.topics_covered)},
          {"hands_on_exercise", OptionalText(e.hands_on_exercise)},
          {"video_count", OptionalInt(e.video_count)},
          {"reading_count", OptionalInt(e.reading_count)},
          {"has_assessment", OptionalBool(e.has_assessment)},
          {"module_order", int64_t{e.module_order}},
          {"video_url", OptionalText(e.video_url)},
          {"document_url", OptionalText(e.document_url)}};
}
void On(const RecordedEvent&, const CourseModuleAdded& e, RowOps* ops) {
  ops->Insert("course_curriculum", ModuleColumns(e));
}
void On(const RecordedEvent&, const CourseModuleEdited& e, RowOps* ops) {
  ops->Upsert("course_curriculum", {"id"}, ModuleColumns(e));
}

// The table of a page list and the column of its text.
std::pair<const char*, const char*> SectionTable(CoursePageSection section) {
  switch (section) {
    case CoursePageSection::objective:
      return {"course_objectives", "objective"};
    case CoursePageSection::include:
      return {"course_includes", "item"};
    case CoursePageSection::prerequisite:
      return {"course_prerequisites", "content"};
    case CoursePageSection::target_audience:
      return {"course_target_audience", "description"};
  }
  return {"course_objectives", "objective"};
}

void On(const RecordedEvent&, const CoursePageItemAdded& e, RowOps* ops) {
  const auto [table, column] = SectionTable(e.section);
  Columns row{{"id", e.item_id},
              {"course_id", e.course_id},
              {column, e.text},
              {"display_order", int64_t{e.display_order}}};
  if (e.section == CoursePageSection::prerequisite) {
    row.push_back({"type", EnumValue(e.prerequisite_type)});
  }
  ops->Insert(table, std::move(row));
}
void On(const RecordedEvent&, const CoursePageItemRemoved& e, RowOps* ops) {
  ops->Delete(SectionTable(e.section).first, {{"id", e.item_id}});
}

void On(const RecordedEvent&, const CourseReviewed& e, RowOps* ops) {
  if (e.quote) {
    ops->Insert("course_testimonials", {{"id", e.review_id},
                                        {"course_id", e.course_id},
                                        {"quote", *e.quote},
                                        {"student_name", OptionalText(e.student_name)},
                                        {"student_role", OptionalText(e.student_role)},
                                        {"is_featured", false},
                                        {"created_at", e.reviewed_at}});
  }
  // Upsert: the course's row comes from its own stream (CourseCreated upserts too).
  ops->Upsert("courses", {"id"},
              {{"id", e.course_id},
               {"rating", Decimal{e.rating_average_x100, 2}},
               {"rating_count", int64_t{e.rating_count}},
               {"badge", EnumValue(e.badge)}});
}
void On(const RecordedEvent&, const TestimonialFeatured& e, RowOps* ops) {
  ops->Update("course_testimonials", {{"id", e.review_id}}, {{"is_featured", e.is_featured}});
}

// ---- module progress ----
void On(const RecordedEvent&, const ModuleProgressMarked& e, RowOps* ops) {
  ops->Upsert("module_progress", {"id"},
              {{"id", e.progress_id},
               {"enrollment_id", e.enrollment_id},
               {"module_id", e.module_id},
               {"is_complete", e.is_complete},
               {"completed_at", e.completed_at ? SqlValue(*e.completed_at) : Null{}}});
}

// ---- certificates: the table holds issued ones only ("Issued certificates") ----
void On(const RecordedEvent&, const CertificateRecommended&, RowOps*) {}
void On(const RecordedEvent&, const CertificateDeclined&, RowOps*) {}
void On(const RecordedEvent&, const CertificateIssued& e, RowOps* ops) {
  ops->Insert("certificates", {{"id", e.certificate_id},
                               {"user_id", e.user_id},
                               {"course_id", e.course_id},
                               {"type", EnumValue(e.type)},
                               {"issued_at", e.issued_at},
                               {"issued_by", e.issued_by},
                               {"recommended_by",
                                e.recommended_by ? SqlValue(*e.recommended_by) : SqlValue(Null{})},
                               {"certificate_url", OptionalText(e.certificate_url)}});
}

}  // namespace

bool IsLearningEvent(const std::string& type) { return HandlesEventType<LearningEvent>(type); }

Status ApplyLearningEvent(const RecordedEvent& r, RowOps* ops) {
  LearningEvent event;
  EDU_RETURN_IF_ERROR(DecodeEvent(r, &event));
  std::visit([&](const auto& e) { On(r, e, ops); }, event);
  return Status::OK();
}

}  // namespace edu::peerloop_rows
