// Specifications of Urban Home School wallets and saved payment methods: balances at their
// boundaries (never negative), paying an enrollment once, opening; one default method per user and
// each gateway's kind of account.
#include "tests/unit/uhs_test_fixtures.h"

namespace edu::uhs {

using namespace fixtures;

TEST_SUITE("uhs wallets") {
  TEST_CASE("the first credit opens the wallet; balances are carried by the events") {
    Spec<WalletDecider>()
        .as(System())
        .when(CreditWallet{kParent, Kes(500000), WalletReason::topup, TransactionIdFor(kRef)})
        .then({Opened(), Credited(500000, 500000)});
    Spec<WalletDecider>()
        .as(System())
        .given({Opened(), Credited(500000, 500000)})
        .when(CreditWallet{kParent, Kes(1), WalletReason::topup, TransactionIdFor(kRef)})
        .then({Credited(1, 500001)});
    Spec<WalletDecider>()
        .as(System())
        .when(CreditWallet{kParent, Kes(0), WalletReason::topup, kPayment})
        .then_error("invalid_amount");
    Spec<WalletDecider>()
        .as(System())
        .when(CreditWallet{kParent, Kes(5), WalletReason::enrollment_payment, kPayment})
        .then_error("invalid_reason");
  }

  TEST_CASE("paying exactly the balance empties the wallet to zero") {
    auto spec = WalletSpec(250000, 250000).with_command_id(kPayment);
    spec.when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then({WalletDebited{WalletIdFor(kParent), kParent, Kes(250000),
                             WalletReason::enrollment_payment, kEnrollment,
                             DeriveUuid(kPayment, "wallet-payment"), Kes(0)}});
    CHECK(spec.state().balance.minor == 0);
  }

  TEST_CASE("one minor unit short is refused: a wallet never goes negative") {
    WalletSpec(249999, 250000)
        .when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then_error("insufficient_funds", ErrorKind::kInvalid);
    WalletSpec(0, 1)
        .when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then_error("insufficient_funds");
  }

  TEST_CASE("a wallet pays a pending enrollment of its owner's family, once") {
    auto spec = WalletSpec(500000, 250000);
    spec.when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then({WalletDebited{
            WalletIdFor(kParent), kParent, Kes(250000), WalletReason::enrollment_payment,
            kEnrollment,
            DeriveUuid(*ParseUuid("0d8f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b"), "wallet-payment"),
            Kes(250000)}});
    Spec<WalletDecider> again = WalletSpec(500000, 250000);
    again
        .given(
            {WalletDebited{WalletIdFor(kParent), kParent, Kes(250000),
                           WalletReason::enrollment_payment, kEnrollment, kPayment, Kes(250000)}})
        .when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then_error("already_paid", ErrorKind::kConflict);
    Spec<WalletDecider>()
        .as(AsUser(kParent, "parent"))
        .given_stream<EnrollmentDecider>(EnrollmentStream(kEnrollment), {Started(0)})
        .given({Opened(), Credited(100, 100)})
        .when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then_error("enrollment_not_awaiting_payment");
    WalletSpec(500000, 100)
        .as(AsUser(kOtherParent, "parent"))
        .when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then_error("not_own_account", ErrorKind::kForbidden);
    Spec<WalletDecider>()
        .as(AsUser(kParent, "parent"))
        .when(PayEnrollmentFromWallet{kParent, kEnrollment})
        .then_error("wallet_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("a wallet is opened once, by its owner or staff") {
    Spec<WalletDecider>().as(AsUser(kParent, "parent")).when(OpenWallet{kParent}).then({Opened()});
    Spec<WalletDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Opened()})
        .when(OpenWallet{kParent})
        .then_error("wallet_already_open", ErrorKind::kConflict);
    Spec<WalletDecider>()
        .as(AsUser(kOtherParent, "parent"))
        .when(OpenWallet{kParent})
        .then_error("not_own_account");
  }
}

TEST_SUITE("uhs payment methods") {
  PaymentMethodAdded Phone(const Uuid& id, bool is_default, std::optional<Uuid> previous = {}) {
    return PaymentMethodAdded{id,
                              kParent,
                              Gateway::mpesa,
                              MethodType::phone,
                              Personal<std::string>("+254712345678"),
                              std::string("Safaricom"),
                              is_default,
                              previous};
  }

  TEST_CASE("the first method is the default; a later one only when asked, taking the flag") {
    AddPaymentMethod first{kMethod,           kParent,         Gateway::mpesa,
                           MethodType::phone, "+254712345678", std::string("Safaricom"),
                           std::nullopt};
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kParent, "parent"))
        .when(first)
        .then({Phone(kMethod, true)});
    AddPaymentMethod second = first;
    second.payment_method_id = kMethod2;
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Phone(kMethod, true)})
        .when(second)
        .then({Phone(kMethod2, false)});
    second.make_default = true;
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Phone(kMethod, true)})
        .when(second)
        .then({Phone(kMethod2, true, kMethod)});
  }

  TEST_CASE("one default per user: setting and removing move the flag") {
    std::vector<PaymentMethodsDecider::Event> two = {Phone(kMethod, true), Phone(kMethod2, false),
                                                     Phone(kMethod3, false)};
    auto spec = Spec<PaymentMethodsDecider>();
    spec.as(AsUser(kParent, "parent"))
        .given(two)
        .when(SetDefaultPaymentMethod{kParent, kMethod3})
        .then({DefaultPaymentMethodChanged{kParent, kMethod3, kMethod}});
    CHECK(spec.state().default_method == kMethod3);
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kParent, "parent"))
        .given(two)
        .when(SetDefaultPaymentMethod{kParent, kMethod})
        .then_error("already_default", ErrorKind::kConflict);
    // Removing the default hands the flag to the oldest remaining method.
    auto removed = Spec<PaymentMethodsDecider>();
    removed.as(AsUser(kParent, "parent"))
        .given(two)
        .when(RemovePaymentMethod{kParent, kMethod})
        .then({PaymentMethodRemoved{kParent, kMethod, true, kMethod2}});
    CHECK(removed.state().default_method == kMethod2);
    CHECK(removed.state().ActiveCount() == 2);
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kParent, "parent"))
        .given(two)
        .when(RemovePaymentMethod{kParent, kMethod2})
        .then({PaymentMethodRemoved{kParent, kMethod2, false, {}}});
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Phone(kMethod, true)})
        .when(RemovePaymentMethod{kParent, kMethod})
        .then({PaymentMethodRemoved{kParent, kMethod, true, {}}});
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kParent, "parent"))
        .given({Phone(kMethod, true), PaymentMethodRemoved{kParent, kMethod, true, {}}})
        .when(SetDefaultPaymentMethod{kParent, kMethod})
        .then_error("payment_method_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("each gateway takes its own kind of account, checked") {
    auto as_parent = [] { return Spec<PaymentMethodsDecider>().as(AsUser(kParent, "parent")); };
    as_parent()
        .when(AddPaymentMethod{kMethod, kParent, Gateway::mpesa, MethodType::card, "4242", {}, {}})
        .then_error("method_type_mismatch");
    as_parent()
        .when(AddPaymentMethod{kMethod, kParent, Gateway::mpesa, MethodType::phone, "0712", {}, {}})
        .then_error("invalid_phone");
    as_parent()
        .when(AddPaymentMethod{
            kMethod, kParent, Gateway::stripe, MethodType::card, "4242424242424242", {}, {}})
        .then_error("invalid_card");
    as_parent()
        .when(AddPaymentMethod{
            kMethod, kParent, Gateway::paypal, MethodType::paypal_account, "nobody", {}, {}})
        .then_error("invalid_email");
    Spec<PaymentMethodsDecider>()
        .as(AsUser(kOtherParent, "parent"))
        .when(AddPaymentMethod{kMethod, kParent, Gateway::stripe, MethodType::card, "4242", {}, {}})
        .then_error("not_own_account", ErrorKind::kForbidden);
  }
}

}  // namespace edu::uhs
