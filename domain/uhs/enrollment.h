// A Urban Home School enrollment: its lifecycle (EnrollmentMachine), its one payment and the
// revenue split of it, progress through the lessons, refunds.
//
// Money that arrives for an enrollment that cannot take it (already paid, expired, dropped, wrong
// amount) is not refused, because it has already moved: the enrollment records
// EnrollmentPaymentDeclined and the uhs-money reaction returns it to the payer.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/uhs/commands.h"
#include "domain/uhs/enrollment_machine.h"
#include "domain/uhs/events.h"

namespace edu::uhs {

struct EnrollmentPayment {
  Uuid payment_id;
  PaymentSource source = PaymentSource::gateway;
  Uuid payer_user_id;
  Money amount;
  std::optional<std::string> transaction_reference;
  Timestamp paid_at;
};

struct EnrollmentState {
  bool exists = false;
  EnrollmentMachine machine;
  Uuid enrollment_id;
  Uuid student_id;
  Uuid student_user_id;
  std::optional<Uuid> parent_id;
  Uuid course_id;
  std::optional<Uuid> instructor_id;
  std::optional<Uuid> partner_id;
  Money price;
  std::optional<Timestamp> payment_due_by;
  std::vector<std::string> lessons;
  std::vector<std::string> completed_lessons;
  int64_t total_minutes = 0;
  std::optional<EnrollmentPayment> payment;
  std::set<Uuid> settled_payments;  // paid or declined: a redelivered payment changes nothing

  EnrollmentStatus status() const { return machine.status(); }
};

struct EnrollmentDecider {
  static constexpr const char* kCategory = kEnrollmentCategory;
  static constexpr Marketplace kMarketplace = Marketplace::uhs;
  using State = EnrollmentState;
  using Command = std::variant<EnrollInCourse, RecordEnrollmentPayment, RecordLessonCompleted,
                               DropEnrollment, RefundEnrollment, ExpireEnrollment>;
  using Event = std::variant<EnrollmentStarted, EnrollmentPaid, RevenueSplit,
                             EnrollmentPaymentDeclined, LessonCompleted, EnrollmentCompleted,
                             EnrollmentDropped, EnrollmentRefunded, EnrollmentExpired>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

}  // namespace edu::uhs
