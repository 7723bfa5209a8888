#include "projections/mentorship/mentorship_projection.h"

#include <rapidjson/document.h>

#include "domain/core/variant_util.h"
#include "domain/mentorship/mentor.h"
#include "domain/mentorship/session.h"
#include "domain/mentorship/user.h"
#include "domain/privacy/person.h"
#include "eventstore/event_codec.h"
#include "projections/mentorship/audit_log_rows.h"
#include "projections/values.h"

namespace edu {
namespace mentorship_ddl {
std::vector<std::string> Statements();
}

namespace {

using namespace mentorship;

using MentorshipEvent = std::variant<UserRegistered, MentorApplied, MentorVerificationApproved,
                                     SessionBooked, PaymentCaptured, SessionCompleted,
                                     EscrowReleased, PaymentSplit>;
static_assert(VariantIncludes<UserDecider::Event, MentorshipEvent>::value,
              "the mentorship projection must list every user event");
static_assert(VariantIncludes<MentorDecider::Event, MentorshipEvent>::value,
              "the mentorship projection must list every mentor event");
static_assert(VariantIncludes<SessionDecider::Event, MentorshipEvent>::value,
              "the mentorship projection must list every session event");

// PRD §14.1 UserPermissions, by role.
std::vector<std::string> PermissionsOf(UserRole role) {
  switch (role) {
    case UserRole::student: return {"view_profile", "edit_profile", "book_sessions"};
    case UserRole::mentor: return {"view_profile", "edit_profile", "manage_availability"};
    case UserRole::support: return {"view_profile", "access_analytics"};
    case UserRole::admin:
      return {"view_profile", "edit_profile", "book_sessions", "manage_availability",
              "verify_mentors", "access_analytics", "manage_payments"};
  }
  return {};
}

// The gateway's response goes to a jsonb column; a response that is not JSON is kept as a string.
SqlValue GatewayResponse(const std::optional<std::string>& text) {
  if (!text) return Null{};
  rapidjson::Document doc;
  doc.Parse(text->data(), text->size());
  if (!doc.HasParseError()) return Json{*text};
  std::string quoted = "\"";
  for (char c : *text) {
    if (c == '"' || c == '\\') quoted += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    quoted += c;
  }
  return Json{quoted + "\""};
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

class MentorshipProjection : public Projection {
 public:
  std::string name() const override { return "mentorship"; }
  int version() const override { return 2; }
  std::string schema() const override { return "mentorship"; }
  std::vector<std::string> Ddl() const override { return mentorship_ddl::Statements(); }
  bool Handles(const RecordedEvent& e) const override { return e.marketplace == "mentorship"; }

  Status Apply(const RecordedEvent& r, RowOps* ops) const override {
    EDU_RETURN_IF_ERROR(AppendAuditLogRow(r, ops));  // mentorship.audit_logs: every event
    if (r.type == privacy::PersonForgotten::kType) return Status::OK();  // docs/gdpr.md
    MentorshipEvent event;
    EDU_RETURN_IF_ERROR(DecodeEvent(r, &event));
    std::visit(Overloaded{[&](const UserRegistered& e) { OnUserRegistered(r, e, ops); },
                          [&](const MentorApplied& e) { OnMentorApplied(r, e, ops); },
                          [&](const MentorVerificationApproved& e) { OnMentorApproved(r, e, ops); },
                          [&](const SessionBooked& e) { OnSessionBooked(r, e, ops); },
                          [&](const PaymentCaptured& e) { OnPaymentCaptured(r, e, ops); },
                          [&](const SessionCompleted& e) { OnSessionCompleted(e, ops); },
                          [&](const EscrowReleased& e) { OnEscrowReleased(e, ops); },
                          [&](const PaymentSplit& e) { OnPaymentSplit(e, ops); }},
               event);
    return Status::OK();
  }

 private:
  static void OnUserRegistered(const RecordedEvent& r, const UserRegistered& e, RowOps* ops) {
    ops->Upsert("users", {"id"},
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
                 {"gpa_score", e.gpa_score ? SqlValue(Decimal{static_cast<int64_t>(*e.gpa_score * 100 + 0.5), 2}) : Null{}},
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
    ops->Upsert("user_roles", {"id"}, RoleRow(e.user_id, e.role, r));
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
      Columns details{{"id", DeriveUuid(e.user_id, "academic_details")},
                      {"user_id", e.user_id},
                      {"academic_level", EnumValue(*e.academic_level)},
                      {"school_name", school ? OptionalText(e.institution_name) : Null{}},
                      {"university_name", school ? Null{} : OptionalText(e.institution_name)},
                      {"major", school ? Null{} : OptionalText(e.field_of_study)},
                      {"stream", school ? OptionalText(e.field_of_study) : Null{}},
                      {"cgpa", !school && e.gpa_score ? SqlValue(Decimal{static_cast<int64_t>(*e.gpa_score * 100 + 0.5), 2}) : Null{}},
                      {"goals", e.career_goals},
                      {"created_at", r.occurred_at},
                      {"updated_at", r.occurred_at}};
      ops->Upsert("academic_details", {"id"}, std::move(details));
    }
  }

  static void OnMentorApplied(const RecordedEvent& r, const MentorApplied& e, RowOps* ops) {
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
                {{"id", DeriveUuid(e.mentor_id, "verification:application")},
                 {"mentor_id", e.mentor_id},
                 {"verification_type", std::string("application")},
                 {"document_type", e.verification_docs.empty() ? SqlValue(Null{}) : std::string("supporting_documents")},
                 {"document_url", e.verification_docs.empty() ? SqlValue(Null{}) : e.verification_docs.front()},
                 {"verification_status", EnumValue(e.verification_status)},
                 {"submitted_at", r.occurred_at}});
  }

  static void OnMentorApproved(const RecordedEvent& r, const MentorVerificationApproved& e,
                               RowOps* ops) {
    ops->Update("mentors", {{"id", e.mentor_id}},
                {{"verification_status", std::string("approved")},
                 {"verification_notes", OptionalText(e.notes)},
                 {"verified_by", ActorUserValue(e.reviewed_by)},
                 {"verified_at", r.occurred_at},
                 {"is_active", true}});
    ops->Update("mentor_verification", {{"id", DeriveUuid(e.mentor_id, "verification:application")}},
                {{"verification_status", std::string("approved")},
                 {"reviewed_by", ActorUserValue(e.reviewed_by)},
                 {"reviewed_at", r.occurred_at}});
    ops->Upsert("user_roles", {"id"}, RoleRow(e.user_id, UserRole::mentor, r));
  }

  static void OnSessionBooked(const RecordedEvent& r, const SessionBooked& e, RowOps* ops) {
    ops->Insert("sessions", {{"id", e.session_id},
                             {"user_id", e.student_id},
                             {"mentor_id", e.mentor_id},
                             {"scheduled_at", e.scheduled_at},
                             {"duration", int64_t{e.duration_minutes}},
                             {"amount", MoneyValue(e.amount)},
                             {"currency", e.amount.currency},
                             {"status", std::string("requested")},
                             {"session_type", EnumValue(e.session_type)},
                             {"session_language", e.session_language},
                             {"user_questions", e.user_questions},
                             {"follow_up_tasks", std::vector<std::string>{}},
                             {"created_at", r.occurred_at}});
  }

  static void OnPaymentCaptured(const RecordedEvent& r, const PaymentCaptured& e, RowOps* ops) {
    ops->Insert("payments", {{"id", e.payment_id},
                             {"session_id", e.session_id},
                             {"user_id", e.student_id},
                             {"mentor_id", e.mentor_id},
                             {"amount", MoneyValue(e.amount)},
                             {"currency", e.amount.currency},
                             {"payment_method", EnumValue(e.payment_method)},
                             {"status", std::string("held")},
                             {"payment_gateway_id", e.gateway_payment_id},
                             {"gateway_response", GatewayResponse(e.gateway_response)},
                             {"refund_amount", MoneyValue(Money{0, e.amount.currency})},
                             {"created_at", r.occurred_at}});
    ops->Update("sessions", {{"id", e.session_id}},
                {{"status", std::string("confirmed")}, {"payment_id", e.payment_id}});
  }

  static void OnSessionCompleted(const SessionCompleted& e, RowOps* ops) {
    ops->Update("sessions", {{"id", e.session_id}},
                {{"status", std::string("completed")},
                 {"mentor_notes", OptionalText(e.mentor_notes)},
                 {"follow_up_tasks", e.follow_up_tasks}});
    ops->Increment("mentors", {{"id", e.mentor_id}}, {{"total_sessions", int64_t{1}}});
  }

  static void OnEscrowReleased(const EscrowReleased& e, RowOps* ops) {
    ops->Update("payments", {{"id", e.payment_id}},
                {{"status", std::string(e.escrow_held_after.minor == 0 ? "released" : "partially_released")}});
  }

  static void OnPaymentSplit(const PaymentSplit& e, RowOps* ops) {
    ops->Update("payments", {{"id", e.payment_id}},
                {{"platform_fee", MoneyValue(e.platform_fee)},
                 {"mentor_earnings", MoneyValue(e.mentor_earnings)},
                 {"payout_status", std::string("pending")}});
  }
};

}  // namespace

std::unique_ptr<Projection> MakeMentorshipProjection() {
  return std::make_unique<MentorshipProjection>();
}

}  // namespace edu
