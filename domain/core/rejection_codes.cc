#include "domain/core/rejection_codes.h"

#include <string>

namespace edu {

const char* RejectionSectionTitle(RejectionSection section) {
  switch (section) {
    case RejectionSection::kHttp:
      return "HTTP transport and query endpoints";
    case RejectionSection::kIdentity:
      return "Identity and rate limits";
    case RejectionSection::kCommand:
      return "Command pipeline";
    case RejectionSection::kInput:
      return "Input fields (every command)";
    case RejectionSection::kDomain:
      return "Every marketplace";
    case RejectionSection::kPrivacy:
      return "Personal data";
    case RejectionSection::kMentorship:
      return "Mentorship";
    case RejectionSection::kPeerloop:
      return "Peerloop";
    case RejectionSection::kSkillspring:
      return "Skillspring";
    case RejectionSection::kUhs:
      return "UHS";
  }
  return "";
}

const std::vector<RejectionCatalogEntry>& RejectionCatalog() {
  static const std::vector<RejectionCatalogEntry> catalog = [] {
    std::vector<RejectionCatalogEntry> out;
    RejectionSection section = RejectionSection::kHttp;
#define EDU_REJECTION_ENTRY(name, code, kind, status, when, what_to_do) \
  out.push_back({section, &codes::name});
    EDU_REJECTIONS_HTTP(EDU_REJECTION_ENTRY)
    section = RejectionSection::kIdentity;
    EDU_REJECTIONS_IDENTITY(EDU_REJECTION_ENTRY)
    section = RejectionSection::kCommand;
    EDU_REJECTIONS_COMMAND(EDU_REJECTION_ENTRY)
    section = RejectionSection::kInput;
    EDU_REJECTIONS_INPUT(EDU_REJECTION_ENTRY)
    section = RejectionSection::kDomain;
    EDU_REJECTIONS_DOMAIN(EDU_REJECTION_ENTRY)
    section = RejectionSection::kPrivacy;
    EDU_REJECTIONS_PRIVACY(EDU_REJECTION_ENTRY)
    section = RejectionSection::kMentorship;
    EDU_REJECTIONS_MENTORSHIP(EDU_REJECTION_ENTRY)
    section = RejectionSection::kPeerloop;
    EDU_REJECTIONS_PEERLOOP(EDU_REJECTION_ENTRY)
    section = RejectionSection::kSkillspring;
    EDU_REJECTIONS_SKILLSPRING(EDU_REJECTION_ENTRY)
    section = RejectionSection::kUhs;
    EDU_REJECTIONS_UHS(EDU_REJECTION_ENTRY)
#undef EDU_REJECTION_ENTRY
    return out;
  }();
  return catalog;
}

const RejectionCode* FindRejectionCode(const std::string& code) {
  for (const RejectionCatalogEntry& e : RejectionCatalog()) {
    if (code == e.code->code) return e.code;
  }
  return nullptr;
}

}  // namespace edu
