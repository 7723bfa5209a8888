#include "domain/uhs/types.h"

#include <cctype>

namespace edu::uhs {

const Uuid& UhsNamespace() {
  static const Uuid ns = DeriveUuid(EduledgerNamespace(), "marketplace:uhs");
  return ns;
}

std::string NormalizeAdmissionNumber(std::string_view number) {
  size_t begin = 0, end = number.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(number[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(number[end - 1]))) --end;
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(number[i])));
  }
  return out;
}

Uuid StudentIdFor(std::string_view admission_number) {
  return DeriveUuid(UhsNamespace(),
                    "admission-number:" + NormalizeAdmissionNumber(admission_number));
}

Uuid StudentUserIdFor(const Uuid& student_id) { return DeriveUuid(student_id, "student-user"); }

Uuid TransactionIdFor(std::string_view transaction_reference) {
  return DeriveUuid(UhsNamespace(), "transaction-reference:" + std::string(transaction_reference));
}

Uuid WalletIdFor(const Uuid& user_id) { return DeriveUuid(user_id, "uhs-wallet"); }

}  // namespace edu::uhs
