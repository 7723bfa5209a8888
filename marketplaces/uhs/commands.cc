// Urban Home School commands and who may issue them (finer ownership checks live in the deciders),
// and the uhs-money reaction that moves money between streams.
#include <memory>

#include "commands/reaction.h"
#include "commands/registry.h"
#include "domain/uhs/course.h"
#include "domain/uhs/enrollment.h"
#include "domain/uhs/payment_methods.h"
#include "domain/uhs/people.h"
#include "domain/uhs/transaction.h"
#include "domain/uhs/wallet.h"
#include "eventstore/event_codec.h"

namespace edu {

void RegisterUhsForum(Registry* r);

void RegisterUhs(Registry* r) {
  using namespace uhs;
  const std::vector<std::string> kPeople = {"student", "parent", "instructor",
                                            "partner", "admin",  "staff"};
  const std::vector<std::string> kFamily = {"student", "parent", "admin", "staff"};
  const std::vector<std::string> kGateway = {"gateway", "system", "admin"};
  r->AddCommand<UserDecider, RegisterUser>({"parent", "admin", "staff"},
                                           "Register a parent (themselves), or an instructor, "
                                           "partner, staff member or admin (by staff)");
  r->AddCommand<StudentDecider, RegisterStudent>(
      {"parent", "admin", "staff"},
      "Admit a student under a unique admission number, with a parent");
  r->AddCommand<CourseDecider, CreateCourse>(
      {"instructor", "admin", "staff"},
      "Create a course priced in KES (0.00 is free); without an instructor it is platform-created");
  r->AddCommand<CourseDecider, PublishCourse>({"instructor", "admin", "staff"}, "Publish a course");
  r->AddCommand<EnrollmentDecider, EnrollInCourse>(
      kFamily, "Enroll a student: active for a free course, pending_payment otherwise");
  r->AddCommand<EnrollmentDecider, RecordEnrollmentPayment>(
      {"system"},
      "Record money that arrived for an enrollment: paid and split 60/30/10, or declined");
  r->AddCommand<EnrollmentDecider, RecordLessonCompleted>(
      kFamily, "Record a completed lesson; the last one completes the enrollment");
  r->AddCommand<EnrollmentDecider, DropEnrollment>(kFamily, "Drop an enrollment (no refund)");
  r->AddCommand<EnrollmentDecider, RefundEnrollment>(
      kFamily, "Refund a paid enrollment within the refund window, to the gateway or the wallet");
  r->AddCommand<EnrollmentDecider, ExpireEnrollment>(
      {"system", "admin", "staff"}, "Expire an enrollment whose payment window has passed");
  r->AddCommand<TransactionDecider, InitiatePayment>(
      kPeople,
      "Record a payment started at M-Pesa, PayPal or Stripe under the gateway's reference");
  r->AddCommand<TransactionDecider, CompleteTransaction>(
      kGateway, "Gateway callback: the payment completed (a duplicate callback changes nothing)");
  r->AddCommand<TransactionDecider, FailTransaction>(kGateway,
                                                     "Gateway callback: the payment failed");
  r->AddCommand<TransactionDecider, RefundTransaction>(
      {"system"}, "Refund a completed course payment through its gateway");
  r->AddCommand<WalletDecider, OpenWallet>(kPeople, "Open the actor's KES wallet");
  r->AddCommand<WalletDecider, CreditWallet>(
      {"system"}, "Credit a wallet: top-up, revenue share, refund or returned payment");
  r->AddCommand<WalletDecider, PayEnrollmentFromWallet>(
      kFamily, "Pay a pending enrollment from a wallet; never below zero");
  r->AddCommand<PaymentMethodsDecider, AddPaymentMethod>(
      kPeople, "Save a payment method (M-Pesa phone, card, PayPal account)");
  r->AddCommand<PaymentMethodsDecider, SetDefaultPaymentMethod>(kPeople,
                                                                "Make a saved method the default");
  r->AddCommand<PaymentMethodsDecider, RemovePaymentMethod>(kPeople, "Remove a saved method");
  RegisterUhsForum(r);  // forum_commands.cc
}

namespace {

using namespace uhs;

// A command of this marketplace, as a typed value.
template <class Command>
ReactionCommand Issue(Command command, std::string key) {
  return edu::Issue("uhs", std::move(command), std::move(key));
}

// Money that moved on one stream takes effect on another:
//   a completed top-up credits the payer's wallet; a completed course payment, or a wallet debit
//   for an enrollment, is recorded on the enrollment;
//   a revenue split credits the instructor's and the partner's wallets;
//   a refunded enrollment, or a declined payment, returns the money: to the wallet, or through
//   the gateway (RefundTransaction).
class UhsMoneyReaction : public Reaction {
 public:
  using Trigger = std::variant<TransactionCompleted, WalletDebited, RevenueSplit,
                               EnrollmentRefunded, EnrollmentPaymentDeclined>;

  std::string name() const override { return "uhs-money"; }

  bool Handles(const RecordedEvent& e) const override {
    return e.marketplace == "uhs" && HandlesEventType<Trigger>(e.type);
  }

  Status React(const RecordedEvent& recorded, std::vector<ReactionCommand>* out) const override {
    Trigger event;
    EDU_RETURN_IF_ERROR(DecodeEvent(recorded, &event));
    std::visit(Overloaded{[&](const TransactionCompleted& e) { OnCompleted(e, out); },
                          [&](const WalletDebited& e) { OnWalletDebited(e, out); },
                          [&](const RevenueSplit& e) { OnSplit(e, out); },
                          [&](const EnrollmentRefunded& e) { OnRefunded(e, out); },
                          [&](const EnrollmentPaymentDeclined& e) { OnDeclined(e, out); }},
               event);
    return Status::OK();
  }

 private:
  static void OnCompleted(const TransactionCompleted& e, std::vector<ReactionCommand>* out) {
    switch (e.purpose) {
      case PaymentPurpose::wallet_topup:
        out->push_back(Issue(
            CreditWallet{e.user_id, e.amount, WalletReason::topup, e.transaction_id}, "topup"));
        break;
      case PaymentPurpose::course_enrollment:
        out->push_back(Issue(
            RecordEnrollmentPayment{*e.enrollment_id, e.transaction_id, PaymentSource::gateway,
                                    e.user_id, e.amount, e.transaction_reference},
            "enrollment-payment"));
        break;
    }
  }

  static void OnWalletDebited(const WalletDebited& e, std::vector<ReactionCommand>* out) {
    out->push_back(
        Issue(RecordEnrollmentPayment{e.enrollment_id, e.payment_id, PaymentSource::wallet,
                                      e.user_id, e.amount, std::nullopt},
              "enrollment-payment"));
  }

  static void OnSplit(const RevenueSplit& e, std::vector<ReactionCommand>* out) {
    if (e.instructor_id && e.instructor_share.minor > 0) {
      out->push_back(Issue(CreditWallet{*e.instructor_id, e.instructor_share,
                                        WalletReason::revenue_share, e.payment_id},
                           "instructor-share"));
    }
    if (e.partner_id && e.partner_share.minor > 0) {
      out->push_back(Issue(
          CreditWallet{*e.partner_id, e.partner_share, WalletReason::revenue_share, e.payment_id},
          "partner-share"));
    }
  }

  // Returns `amount` of a payment to its payer: to their wallet, or back through the gateway.
  static void GiveBack(bool to_wallet, const Uuid& payer, const Money& amount, WalletReason reason,
                       const Uuid& payment_id, const std::optional<std::string>& reference,
                       const std::string& why, std::vector<ReactionCommand>* out) {
    if (to_wallet || !reference) {
      out->push_back(Issue(CreditWallet{payer, amount, reason, payment_id}, "return-to-wallet"));
    } else {
      out->push_back(Issue(RefundTransaction{*reference, why}, "refund-through-gateway"));
    }
  }

  static void OnRefunded(const EnrollmentRefunded& e, std::vector<ReactionCommand>* out) {
    GiveBack(e.destination == RefundDestination::wallet || e.source == PaymentSource::wallet,
             e.payer_user_id, e.amount, WalletReason::refund, e.payment_id, e.transaction_reference,
             e.reason.value_or("enrollment refunded"), out);
  }

  static void OnDeclined(const EnrollmentPaymentDeclined& e, std::vector<ReactionCommand>* out) {
    GiveBack(e.source == PaymentSource::wallet, e.payer_user_id, e.amount,
             WalletReason::payment_returned, e.payment_id, e.transaction_reference,
             "payment declined: " + e.reason, out);
  }
};

}  // namespace

std::unique_ptr<Reaction> MakeUhsMoneyReaction() { return std::make_unique<UhsMoneyReaction>(); }

}  // namespace edu
