// Users and mentors: users, user_roles, admin_users, academic_details, mentors and the
// mentor_verification history (one row per verification step).
#include "projections/mentorship/mentorship_rows.h"
#include "projections/values.h"

namespace edu::mentorship_rows {
namespace {

// PRD §14.1 UserPermissions, by role.
std::vector<std::string> PermissionsOf(UserRole role) {
  switch (role) {
    case UserRole::student:
      return {"view_profile", "edit_profile", "book_sessions"};
    case UserRole::mentor:
      return {"view_profile", "edit_profile", "manage_availability"};
    case UserRole::support:
      return {"view_profile", "access_analytics"};
    case UserRole::admin:
      return {"view_profile",   "edit_profile",     "book_sessions",  "manage_availability",
              "verify_mentors", "access_analytics", "manage_payments"};
  }
  return {};
}

SqlValue DateOfBirth(const std::optional<Personal<std::string>>& dob) {
  if (!dob || dob->erased) return Null{};
  auto d = ParseDate(dob->value);
  if (!d) return Null{};
  return *d;
}

Columns RoleRow(const Uuid& user_id, UserRole role, const RecordedEvent& r) {
  return {{"id", DeriveUuid(user_id, std::string("role:") + std::string(EnumName(role)))},
          {"user_id", user_id},
          {"role_type", EnumValue(role)},
          {"permissions", PermissionsOf(role)},
          {"assigned_by", ActorUserValue(r.actor.id)},
          {"assigned_at", r.occurred_at},
          {"is_active", true}};
}

// One mentor_verification row per verification step.
void StepRow(const RecordedEvent& r, const Uuid& step_id, const Uuid& mentor_id, const char* type,
             VerificationStatus status, const std::string& reviewed_by, Columns more, RowOps* ops) {
  Columns row{{"id", step_id},
              {"mentor_id", mentor_id},
              {"verification_type", std::string(type)},
              {"verification_status", EnumValue(status)},
              {"submitted_at", r.occurred_at},
              {"reviewed_by", ActorUserValue(reviewed_by)},
              {"reviewed_at", r.occurred_at}};
  for (auto& c : more) row.push_back(std::move(c));
  ops->Insert("mentor_verification", std::move(row));
}

void MentorStatus(const Uuid& mentor_id, VerificationStatus status, Columns more, RowOps* ops) {
  Columns set{{"verification_status", EnumValue(status)}};
  for (auto& c : more) set.push_back(std::move(c));
  ops->Update("mentors", {{"id", mentor_id}}, std::move(set));
}

SqlValue OptionalDate(const std::optional<Date>& d) { return d ? SqlValue(*d) : SqlValue(Null{}); }

}  // namespace

void Project(const RecordedEvent& r, const UserRegistered& e, RowOps* ops) {
  ops->Upsert(
      "users", {"id"},
      {{"id", e.user_id},
       {"email", PersonalValue(e.email)},
       {"phone", PersonalValue(e.phone)},
       {"name", PersonalValue(e.name)},
       {"password_hash", PersonalValue(e.password_hash)},
       {"profile_image", PersonalValue(e.profile_image)},
       {"date_of_birth", DateOfBirth(e.date_of_birth)},
       {"gender", PersonalValue(e.gender)},
       {"city", PersonalValue(e.city)},
       {"state", OptionalText(e.state)},
       {"country", OptionalText(e.country)},
       {"timezone", OptionalText(e.timezone)},
       {"current_grade", OptionalText(e.current_grade)},
       {"academic_level", EnumValue(e.academic_level)},
       {"institution_name", OptionalText(e.institution_name)},
       {"field_of_study", OptionalText(e.field_of_study)},
       {"graduation_year", e.graduation_year ? SqlValue(int64_t{*e.graduation_year}) : Null{}},
       {"gpa_score", e.gpa_score
                         ? SqlValue(Decimal{static_cast<int64_t>(*e.gpa_score * 100 + 0.5), 2})
                         : Null{}},
       {"interests", e.interests},
       {"career_goals", e.career_goals},
       {"preferred_industries", e.preferred_industries},
       {"primary_language", OptionalText(e.primary_language)},
       {"languages_spoken", e.languages_spoken},
       {"linkedin_url", PersonalValue(e.linkedin_url)},
       {"created_at", r.occurred_at},
       {"updated_at", r.occurred_at},
       {"is_verified", false},
       {"onboarding_completed", e.onboarding_completed},
       {"last_active", r.occurred_at},
       {"account_status", std::string("active")},
       {"parent_email", PersonalValue(e.parent_email)}});
  // The mentor role is granted by the approval (mentor stream), so that each role row has one
  // writer and its values do not depend on how two partitions interleave.
  if (e.role != UserRole::mentor) ops->Upsert("user_roles", {"id"}, RoleRow(e.user_id, e.role, r));
  if (e.role == UserRole::admin || e.role == UserRole::support) {
    ops->Upsert("admin_users", {"id"},
                {{"id", DeriveUuid(e.user_id, "admin")},
                 {"user_id", e.user_id},
                 {"admin_type", EnumValue(e.role)},
                 {"department", Null{}},
                 {"permissions", PermissionsOf(e.role)},
                 {"managed_regions", std::vector<std::string>{}},
                 {"managed_languages", e.languages_spoken},
                 {"created_at", r.occurred_at}});
  }
  if (e.academic_level) {
    bool school = *e.academic_level == AcademicLevel::school;
    Columns details{
        {"id", DeriveUuid(e.user_id, "academic_details")},
        {"user_id", e.user_id},
        {"academic_level", EnumValue(*e.academic_level)},
        {"school_name", school ? OptionalText(e.institution_name) : Null{}},
        {"university_name", school ? Null{} : OptionalText(e.institution_name)},
        {"major", school ? Null{} : OptionalText(e.field_of_study)},
        {"stream", school ? OptionalText(e.field_of_study) : Null{}},
        {"cgpa", !school && e.gpa_score
                     ? SqlValue(Decimal{static_cast<int64_t>(*e.gpa_score * 100 + 0.5), 2})
                     : Null{}},
        {"goals", e.career_goals},
        {"created_at", r.occurred_at},
        {"updated_at", r.occurred_at}};
    ops->Upsert("academic_details", {"id"}, std::move(details));
  }
}

void Project(const RecordedEvent& r, const MentorApplied& e, RowOps* ops) {
  // Upsert, not insert: session events of other partitions may already have counted sessions.
  ops->Upsert("mentors", {"id"},
              {{"id", e.mentor_id},
               {"user_id", e.user_id},
               {"title", e.title},
               {"university", OptionalText(e.university)},
               {"company", OptionalText(e.company)},
               {"experience_years", int64_t{e.experience_years}},
               {"expertise_areas", e.expertise_areas},
               {"academic_specializations", e.academic_specializations},
               {"industry_focus", e.industry_focus},
               {"student_levels_served", EnumList(e.student_levels_served)},
               {"hourly_rate", MoneyValue(e.hourly_rate)},
               {"currency", e.hourly_rate.currency},
               {"bio", PersonalValue(e.bio)},
               {"linkedin_url", PersonalValue(e.linkedin_url)},
               {"verification_status", EnumValue(e.verification_status)},
               {"verification_docs", e.verification_docs},
               {"primary_language", e.primary_language},
               {"languages_spoken", e.languages_spoken},
               {"timezone", OptionalText(e.timezone)},
               {"is_active", false},
               {"mentor_type", OptionalText(e.mentor_type)},
               {"payout_details", PersonalValue(e.payout_details)},
               {"tax_information", PersonalValue(e.tax_information)},
               {"background_check_status", std::string("not_started")}});
  ops->Upsert("mentor_verification", {"id"},
              {{"id", VerificationStepId(e.mentor_id, 0)},
               {"mentor_id", e.mentor_id},
               {"verification_type", std::string("application")},
               {"document_type", e.verification_docs.empty() ? SqlValue(Null{})
                                                             : std::string("supporting_documents")},
               {"document_url",
                e.verification_docs.empty() ? SqlValue(Null{}) : e.verification_docs.front()},
               {"verification_status", EnumValue(e.verification_status)},
               {"submitted_at", r.occurred_at}});
}

void Project(const RecordedEvent& r, const MentorVerificationApproved& e, RowOps* ops) {
  MentorStatus(e.mentor_id, VerificationStatus::approved,
               {{"verification_notes", OptionalText(e.notes)},
                {"verified_by", ActorUserValue(e.reviewed_by)},
                {"verified_at", r.occurred_at},
                {"rejection_reason", Null{}},
                {"is_active", true}},
               ops);
  StepRow(r, e.step_id.value_or(VerificationStepId(e.mentor_id, 1)), e.mentor_id, "final_review",
          VerificationStatus::approved, e.reviewed_by,
          {{"expiry_date", OptionalDate(e.expiry_date)},
           {"auto_reverify_date", OptionalDate(e.auto_reverify_date)}},
          ops);
  ops->Upsert("user_roles", {"id"}, RoleRow(e.user_id, UserRole::mentor, r));
}

void Project(const RecordedEvent& r, const MentorVerificationAdvanced& e, RowOps* ops) {
  Columns more;
  if (e.background_check_status)
    more.emplace_back("background_check_status", *e.background_check_status);
  MentorStatus(e.mentor_id, e.verification_status, std::move(more), ops);
  StepRow(r, e.step_id, e.mentor_id, e.verification_type.c_str(), e.verification_status,
          e.reviewed_by,
          {{"document_type", OptionalText(e.document_type)},
           {"document_url", OptionalText(e.document_url)}},
          ops);
}

void Project(const RecordedEvent& r, const MentorVerificationRejected& e, RowOps* ops) {
  Columns more{{"rejection_reason", e.rejection_reason}, {"is_active", false}};
  if (e.background_check_status)
    more.emplace_back("background_check_status", *e.background_check_status);
  MentorStatus(e.mentor_id, VerificationStatus::rejected, std::move(more), ops);
  StepRow(r, e.step_id, e.mentor_id, "final_review", VerificationStatus::rejected, e.reviewed_by,
          {{"rejection_reason", e.rejection_reason}}, ops);
}

void Project(const RecordedEvent& r, const MentorSuspended& e, RowOps* ops) {
  MentorStatus(e.mentor_id, VerificationStatus::suspended, {{"is_active", false}}, ops);
  StepRow(r, e.step_id, e.mentor_id, "suspension", VerificationStatus::suspended, e.suspended_by,
          {{"rejection_reason", e.reason}}, ops);
}

void Project(const RecordedEvent& r, const MentorReinstated& e, RowOps* ops) {
  MentorStatus(e.mentor_id, VerificationStatus::approved, {{"is_active", true}}, ops);
  StepRow(r, e.step_id, e.mentor_id, "reinstatement", VerificationStatus::approved, e.reinstated_by,
          {}, ops);
}

void Project(const RecordedEvent& r, const MentorReapplicationRequired& e, RowOps* ops) {
  MentorStatus(e.mentor_id, VerificationStatus::reapplication_required, {{"is_active", false}},
               ops);
  StepRow(r, e.step_id, e.mentor_id, "reapplication_request",
          VerificationStatus::reapplication_required, e.requested_by,
          {{"rejection_reason", e.reason}}, ops);
}

void Project(const RecordedEvent& r, const MentorReapplied& e, RowOps* ops) {
  MentorStatus(e.mentor_id, VerificationStatus::pending,
               {{"verification_docs", e.verification_docs}, {"rejection_reason", Null{}}}, ops);
  // Submitted by the mentor, not yet reviewed.
  ops->Insert("mentor_verification",
              {{"id", e.step_id},
               {"mentor_id", e.mentor_id},
               {"verification_type", std::string("reapplication")},
               {"document_type", e.verification_docs.empty() ? SqlValue(Null{})
                                                             : std::string("supporting_documents")},
               {"document_url",
                e.verification_docs.empty() ? SqlValue(Null{}) : e.verification_docs.front()},
               {"verification_status", EnumValue(VerificationStatus::pending)},
               {"submitted_at", r.occurred_at}});
}

void Project(const RecordedEvent&, const MentorPerformanceUpdated& e, RowOps* ops) {
  ops->Update("mentors", {{"id", e.mentor_id}},
              {{"avg_rating", Hundredths(e.avg_rating)},
               {"performance_score", Hundredths(int64_t{e.performance_score})}});
}

}  // namespace edu::mentorship_rows
