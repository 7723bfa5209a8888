#include "projections/uhs/uhs_projection.h"

#include "domain/core/variant_util.h"
#include "domain/privacy/person.h"
#include "domain/uhs/course.h"
#include "domain/uhs/enrollment.h"
#include "domain/uhs/payment_methods.h"
#include "domain/uhs/people.h"
#include "domain/uhs/transaction.h"
#include "domain/uhs/wallet.h"
#include "eventstore/event_codec.h"
#include "projections/uhs/assessment_rows.h"
#include "projections/uhs/catalog_rows.h"
#include "projections/uhs/forum_rows.h"
#include "projections/values.h"

namespace edu {
namespace uhs_ddl {
std::vector<std::string> Statements();
}

namespace {

using namespace uhs;

using UhsEvent =
    std::variant<UserRegistered, StudentRegistered, CourseCreated, CoursePublished,
                 EnrollmentStarted, EnrollmentPaid, RevenueSplit, EnrollmentPaymentDeclined,
                 LessonCompleted, EnrollmentCompleted, EnrollmentDropped, EnrollmentRefunded,
                 EnrollmentExpired, TransactionInitiated, TransactionCompleted, TransactionFailed,
                 TransactionRefunded, WalletOpened, WalletCredited, WalletDebited,
                 PaymentMethodAdded, DefaultPaymentMethodChanged, PaymentMethodRemoved>;
static_assert(VariantIncludes<UserDecider::Event, UhsEvent>::value, "every user event");
static_assert(VariantIncludes<StudentDecider::Event, UhsEvent>::value, "every student event");
static_assert(VariantIncludes<CourseDecider::Event, UhsEvent>::value, "every course event");
static_assert(VariantIncludes<EnrollmentDecider::Event, UhsEvent>::value, "every enrollment event");
static_assert(VariantIncludes<TransactionDecider::Event, UhsEvent>::value,
              "every transaction event");
static_assert(VariantIncludes<WalletDecider::Event, UhsEvent>::value, "every wallet event");
static_assert(VariantIncludes<PaymentMethodsDecider::Event, UhsEvent>::value,
              "every payment method event");

// ---- JSON documents of the jsonb columns, as described structs ---------------------------------

std::optional<std::string> Readable(const std::optional<Personal<std::string>>& v) {
  if (!v || v->erased) return std::nullopt;
  return v->value;
}
std::optional<std::string> Readable(const Personal<std::string>& v) {
  if (v.erased) return std::nullopt;
  return v.value;
}

// users.profile_data: "Role-specific profile fields (name, phone, bio, etc.)".
struct ProfileData {
  std::optional<std::string> name;
  std::optional<std::string> phone;
  std::optional<std::string> county;
  std::optional<std::string> admission_number;
  std::optional<std::string> grade_level;
  EDU_FIELDS(name, phone, county, admission_number, grade_level)
};

struct Lesson {
  std::string id;
  int32_t position = 0;
  EDU_FIELDS(id, position)
};

// transactions.transaction_metadata: "Gateway-specific data".
struct TransactionMetadata {
  PaymentPurpose purpose = PaymentPurpose::wallet_topup;
  std::optional<Uuid> enrollment_id;
  std::optional<Uuid> payment_method_id;
  std::optional<std::string> gateway_receipt;
  std::optional<Timestamp> completed_at;
  std::optional<std::string> failure_reason;
  std::optional<std::string> result_code;
  std::optional<std::string> refund_reason;
  EDU_FIELDS(purpose, enrollment_id, payment_method_id, gateway_receipt, completed_at,
             failure_reason, result_code, refund_reason)
};

struct MethodDetails {
  std::optional<std::string> account;
  std::optional<std::string> label;
  EDU_FIELDS(account, label)
};

template <class T>
SqlValue JsonOf(const T& document) {
  return Json{json::Encode(document)};
}

SqlValue DateValue(Timestamp t) { return DateOf(t); }

// Monthly rows are keyed by the first day of their month.
Date MonthOf(Timestamp t) {
  Date d = DateOf(t);
  d.day = 1;
  return d;
}

SqlValue Percentage(BasisPoints bps) { return Decimal{bps, 2}; }  // 10'000 bps = 100.00

// Adds `deltas` to the daily and the monthly revenue_metrics rows of the day `t` falls on.
void AddRevenue(Timestamp t, const std::string& currency, const Columns& deltas, RowOps* ops) {
  ops->Increment("revenue_metrics",
                 {{"metric_date", DateValue(t)},
                  {"period_type", std::string("daily")},
                  {"currency", currency}},
                 deltas);
  ops->Increment("revenue_metrics",
                 {{"metric_date", MonthOf(t)},
                  {"period_type", std::string("monthly")},
                  {"currency", currency}},
                 deltas);
}

void CountPayment(Timestamp t, Gateway gateway, bool succeeded, RowOps* ops) {
  ops->Increment("payment_analytics",
                 {{"metric_date", DateValue(t)}, {"period_type", std::string("daily")}},
                 {{"total_transactions", int64_t{1}},
                  {succeeded ? "successful_transactions" : "failed_transactions", int64_t{1}},
                  {std::string(EnumName(gateway)) + "_transactions", int64_t{1}}});
}

class UhsProjection : public Projection {
 public:
  std::string name() const override { return "uhs"; }
  // 2: assessments, gradebooks, certificates, categories, reviews (enrollments Upserted: rows
  // written from several streams).
  int version() const override { return 2; }
  std::string schema() const override { return "uhs"; }
  std::vector<std::string> Ddl() const override { return uhs_ddl::Statements(); }
  // PersonForgotten feeds no table: erasure reaches personal columns through the key
  // (docs/gdpr.md).
  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "uhs" && e.type != privacy::PersonForgotten::kType;
  }

  Status Apply(const RecordedEvent& r, RowOps* ops) const override {
    if (uhs_forum_rows::Handles(r)) return uhs_forum_rows::Apply(r, ops);  // forum_rows.cc
    if (uhs_assessment_rows::Handles(r)) return uhs_assessment_rows::Apply(r, ops);
    if (uhs_catalog_rows::Handles(r)) return uhs_catalog_rows::Apply(r, ops);  // catalog_rows.cc
    UhsEvent event;
    EDU_RETURN_IF_ERROR(DecodeEvent(r, &event));
    std::visit([&](const auto& e) { On(r, e, ops); }, event);
    return Status::OK();
  }

 private:
  // ---- people
  // --------------------------------------------------------------------------------------

  static void On(const RecordedEvent& r, const UserRegistered& e, RowOps* ops) {
    ProfileData profile{Readable(e.name), Readable(e.phone), e.county, {}, {}};
    ops->Insert("users", {{"id", e.user_id},
                          {"email", PersonalValue(e.email)},
                          {"password_hash", PersonalValue(e.password_hash)},
                          {"role", EnumValue(e.role)},
                          {"is_active", true},
                          {"is_deleted", false},
                          {"is_verified", false},
                          {"profile_data", JsonOf(profile)},
                          {"created_at", r.occurred_at},
                          {"updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const StudentRegistered& e, RowOps* ops) {
    ProfileData profile{Readable(e.name), Readable(e.phone), e.county, e.admission_number,
                        e.grade_level};
    ops->Insert("users", {{"id", e.user_id},
                          {"email", PersonalValue(e.email)},
                          {"password_hash", Null{}},
                          {"role", std::string("student")},
                          {"is_active", true},
                          {"is_deleted", false},
                          {"is_verified", false},
                          {"profile_data", JsonOf(profile)},
                          {"created_at", r.occurred_at},
                          {"updated_at", r.occurred_at}});
    ops->Insert("students", {{"id", e.student_id},
                             {"user_id", e.user_id},
                             {"parent_id", OptionalValue(e.parent_id)},
                             {"admission_number", e.admission_number},
                             {"grade_level", e.grade_level},
                             {"enrollment_date", e.enrollment_date},
                             {"is_active", true},
                             {"created_at", r.occurred_at},
                             {"updated_at", r.occurred_at}});
  }

  // ---- courses
  // -------------------------------------------------------------------------------------

  static void On(const RecordedEvent& r, const CourseCreated& e, RowOps* ops) {
    std::vector<Lesson> lessons;
    for (size_t i = 0; i < e.lessons.size(); ++i) {
      lessons.push_back({e.lessons[i], static_cast<int32_t>(i + 1)});
    }
    // Upsert: enrollment counts from other partitions may have created the row already.
    ops->Upsert(
        "courses", {"id"},
        {{"id", e.course_id},
         {"title", e.title},
         {"description", e.description},
         {"grade_levels", e.grade_levels},
         {"learning_area", e.learning_area},
         {"lessons", JsonOf(lessons)},
         {"instructor_id", OptionalValue(e.instructor_id)},
         {"is_platform_created", e.is_platform_created},
         {"price", MoneyValue(e.price)},
         {"currency", e.price.currency},
         {"is_published", false},
         {"estimated_duration_hours",
          e.estimated_duration_hours ? SqlValue(int64_t{*e.estimated_duration_hours}) : Null{}},
         {"created_at", r.occurred_at},
         {"updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const CoursePublished& e, RowOps* ops) {
    ops->Update(
        "courses", {{"id", e.course_id}},
        {{"is_published", true}, {"published_at", r.occurred_at}, {"updated_at", r.occurred_at}});
  }

  // ---- enrollments
  // ---------------------------------------------------------------------------------

  static void CountEnrollment(const Uuid& course_id, RowOps* ops) {
    ops->Increment("courses", {{"id", course_id}}, {{"enrollment_count", int64_t{1}}});
  }

  static void SetStatus(const RecordedEvent& r, const Uuid& enrollment_id, EnrollmentStatus status,
                        RowOps* ops) {
    ops->Update("enrollments", {{"id", enrollment_id}},
                {{"status", EnumValue(status)}, {"updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const EnrollmentStarted& e, RowOps* ops) {
    // Upsert: a certificate, a review or a grade (other streams) may have created the row first.
    ops->Upsert("enrollments", {"id"},
                {{"id", e.enrollment_id},
                 {"student_id", e.student_id},
                 {"course_id", e.course_id},
                 {"status", EnumValue(e.status)},
                 {"progress_percentage", Percentage(0)},
                 {"total_time_spent_minutes", int64_t{0}},
                 {"is_completed", false},
                 {"payment_amount", MoneyValue(Money{0, e.price.currency})},
                 {"currency", e.price.currency},
                 {"partner_id", OptionalValue(e.partner_id)},
                 {"payment_due_by", OptionalValue(e.payment_due_by)},
                 {"enrolled_at", r.occurred_at},
                 {"updated_at", r.occurred_at}});
    if (e.status == EnrollmentStatus::active) CountEnrollment(e.course_id, ops);
  }

  static void On(const RecordedEvent& r, const EnrollmentPaid& e, RowOps* ops) {
    // payment_id references transactions: a wallet payment has no transaction row.
    SqlValue payment_id = e.source == PaymentSource::gateway ? SqlValue(e.payment_id) : Null{};
    ops->Update("enrollments", {{"id", e.enrollment_id}},
                {{"status", EnumValue(EnrollmentStatus::active)},
                 {"payment_id", payment_id},
                 {"payment_amount", MoneyValue(e.amount)},
                 {"payment_source", EnumValue(e.source)},
                 {"updated_at", r.occurred_at}});
    CountEnrollment(e.course_id, ops);
  }

  static void On(const RecordedEvent&, const RevenueSplit& e, RowOps* ops) {
    ops->Update("enrollments", {{"id", e.enrollment_id}},
                {{"instructor_share", MoneyValue(e.instructor_share)},
                 {"platform_share", MoneyValue(e.platform_share)},
                 {"partner_share", MoneyValue(e.partner_share)}});
  }

  // The payer is told through their inbox (the uhs-notifications reaction); no row here.
  static void On(const RecordedEvent&, const EnrollmentPaymentDeclined&, RowOps*) {}

  static void On(const RecordedEvent& r, const LessonCompleted& e, RowOps* ops) {
    ops->Update("enrollments", {{"id", e.enrollment_id}},
                {{"completed_lessons", JsonOf(e.completed_lessons_after)},
                 {"total_time_spent_minutes", e.total_minutes_after},
                 {"progress_percentage", Percentage(e.progress_bps)},
                 {"last_accessed_at", r.occurred_at},
                 {"updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const EnrollmentCompleted& e, RowOps* ops) {
    ops->Update("enrollments", {{"id", e.enrollment_id}},
                {{"status", EnumValue(EnrollmentStatus::completed)},
                 {"is_completed", true},
                 {"completed_at", r.occurred_at},
                 {"updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const EnrollmentDropped& e, RowOps* ops) {
    SetStatus(r, e.enrollment_id, EnrollmentStatus::dropped, ops);
  }

  static void On(const RecordedEvent& r, const EnrollmentRefunded& e, RowOps* ops) {
    ops->Update("enrollments", {{"id", e.enrollment_id}},
                {{"status", EnumValue(EnrollmentStatus::dropped)},
                 {"refund_amount", MoneyValue(e.amount)},
                 {"refunded_at", r.occurred_at},
                 {"updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const EnrollmentExpired& e, RowOps* ops) {
    SetStatus(r, e.enrollment_id, EnrollmentStatus::expired, ops);
  }

  // ---- transactions
  // --------------------------------------------------------------------------------

  static void On(const RecordedEvent& r, const TransactionInitiated& e, RowOps* ops) {
    TransactionMetadata meta;
    meta.purpose = e.purpose;
    meta.enrollment_id = e.enrollment_id;
    meta.payment_method_id = e.payment_method_id;
    ops->Insert("transactions", {{"id", e.transaction_id},
                                 {"user_id", e.user_id},
                                 {"amount", MoneyValue(e.amount)},
                                 {"currency", e.amount.currency},
                                 {"gateway", EnumValue(e.gateway)},
                                 {"status", EnumValue(TransactionStatus::pending)},
                                 {"transaction_reference", e.transaction_reference},
                                 {"transaction_metadata", JsonOf(meta)},
                                 {"created_at", r.occurred_at},
                                 {"updated_at", r.occurred_at}});
  }

  static void SetTransaction(const RecordedEvent& r, const Uuid& id, TransactionStatus status,
                             const TransactionMetadata& meta, RowOps* ops) {
    ops->Update("transactions", {{"id", id}},
                {{"status", EnumValue(status)},
                 {"transaction_metadata", JsonOf(meta)},
                 {"updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const TransactionCompleted& e, RowOps* ops) {
    TransactionMetadata meta;
    meta.purpose = e.purpose;
    meta.enrollment_id = e.enrollment_id;
    meta.payment_method_id = e.payment_method_id;
    meta.gateway_receipt = e.gateway_receipt;
    meta.completed_at = e.completed_at;
    SetTransaction(r, e.transaction_id, TransactionStatus::completed, meta, ops);
    Decimal amount = std::get<Decimal>(MoneyValue(e.amount));
    bool course = e.purpose == PaymentPurpose::course_enrollment;
    AddRevenue(e.completed_at, e.amount.currency,
               {{"total_revenue", amount},
                {"net_revenue", amount},
                {course ? "course_payments" : "wallet_topups", amount},
                {"transaction_count", int64_t{1}}},
               ops);
    CountPayment(e.completed_at, e.gateway, true, ops);
  }

  static void On(const RecordedEvent& r, const TransactionFailed& e, RowOps* ops) {
    TransactionMetadata meta;
    meta.purpose = e.purpose;
    meta.enrollment_id = e.enrollment_id;
    meta.payment_method_id = e.payment_method_id;
    meta.failure_reason = e.reason;
    meta.result_code = e.result_code;
    SetTransaction(r, e.transaction_id, TransactionStatus::failed, meta, ops);
    CountPayment(r.occurred_at, e.gateway, false, ops);
  }

  static void On(const RecordedEvent& r, const TransactionRefunded& e, RowOps* ops) {
    TransactionMetadata meta;
    meta.purpose = e.purpose;
    meta.enrollment_id = e.enrollment_id;
    meta.payment_method_id = e.payment_method_id;
    meta.gateway_receipt = e.gateway_receipt;
    meta.completed_at = e.completed_at;
    meta.refund_reason = e.reason;
    SetTransaction(r, e.transaction_id, TransactionStatus::refunded, meta, ops);
    // Attributed to the day the payment was received, so that day's net never goes negative.
    Decimal amount = std::get<Decimal>(MoneyValue(e.amount));
    AddRevenue(e.completed_at, e.amount.currency,
               {{"refund_amount", amount},
                {"net_revenue", Decimal{-amount.minor, amount.digits}},
                {"refund_count", int64_t{1}}},
               ops);
  }

  // ---- wallets
  // ---------------------------------------------------------------------------------------

  static void On(const RecordedEvent& r, const WalletOpened& e, RowOps* ops) {
    ops->Insert("wallets", {{"id", e.wallet_id},
                            {"user_id", e.user_id},
                            {"balance", MoneyValue(Money{0, e.currency})},
                            {"currency", e.currency},
                            {"created_at", r.occurred_at},
                            {"updated_at", r.occurred_at}});
  }

  static void SetBalance(const RecordedEvent& r, const Uuid& wallet_id, const Money& balance,
                         RowOps* ops) {
    ops->Update("wallets", {{"id", wallet_id}},
                {{"balance", MoneyValue(balance)}, {"updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const WalletCredited& e, RowOps* ops) {
    SetBalance(r, e.wallet_id, e.balance_after, ops);
  }

  static void On(const RecordedEvent& r, const WalletDebited& e, RowOps* ops) {
    SetBalance(r, e.wallet_id, e.balance_after, ops);
  }

  // ---- payment methods
  // -------------------------------------------------------------------------------

  static void SetDefault(const RecordedEvent& r, const Uuid& method_id, bool is_default,
                         RowOps* ops) {
    ops->Update("payment_methods", {{"id", method_id}},
                {{"is_default", is_default}, {"updated_at", r.occurred_at}});
  }

  static void On(const RecordedEvent& r, const PaymentMethodAdded& e, RowOps* ops) {
    ops->Insert("payment_methods",
                {{"id", e.payment_method_id},
                 {"user_id", e.user_id},
                 {"gateway", EnumValue(e.gateway)},
                 {"method_type", EnumValue(e.method_type)},
                 {"details", JsonOf(MethodDetails{Readable(e.account), e.label})},
                 {"is_default", e.is_default},
                 {"is_active", true},
                 {"created_at", r.occurred_at},
                 {"updated_at", r.occurred_at}});
    if (e.previous_default) SetDefault(r, *e.previous_default, false, ops);
  }

  static void On(const RecordedEvent& r, const DefaultPaymentMethodChanged& e, RowOps* ops) {
    if (e.previous_default) SetDefault(r, *e.previous_default, false, ops);
    SetDefault(r, e.payment_method_id, true, ops);
  }

  static void On(const RecordedEvent& r, const PaymentMethodRemoved& e, RowOps* ops) {
    ops->Update("payment_methods", {{"id", e.payment_method_id}},
                {{"is_active", false}, {"is_default", false}, {"updated_at", r.occurred_at}});
    if (e.new_default) SetDefault(r, *e.new_default, true, ops);
  }
};

}  // namespace

std::unique_ptr<Projection> MakeUhsProjection() { return std::make_unique<UhsProjection>(); }

}  // namespace edu
