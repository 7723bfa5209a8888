// The rejection catalog: every code a client can get back, written once, in
// domain/core/rejection_codes_*.h. Each code has exactly one kind (hence one HTTP status, unless
// the entry names another, e.g. 429), a sentence saying when it happens and one saying what a
// client should do. docs/rejections.md is generated from it (eduledger docs).
//
// Deciders reject with a constant of this catalog, Reject(codes::kMentorNotApproved, "..."), so
// the kind comes from the catalog and a free string literal does not compile. The edges (HTTP,
// pipeline, JSON binding) use codes::kX.code where they build a rejection themselves.
#pragma once

#include <string>
#include <vector>

#include "domain/core/error_kind.h"
#include "domain/core/rejection_codes_edge.h"
#include "domain/core/rejection_codes_mentorship.h"
#include "domain/core/rejection_codes_peerloop.h"
#include "domain/core/rejection_codes_shared.h"
#include "domain/core/rejection_codes_skillspring.h"
#include "domain/core/rejection_codes_uhs.h"

namespace edu {

// An entry's http status when it is the one its kind maps to (HttpStatusOf).
inline constexpr int kStatusOfKind = 0;

struct RejectionCode {
  const char* code;  // the stable, machine-readable code: "mentor_not_approved"
  ErrorKind kind;
  int status;              // kStatusOfKind, or the status the edge answers with instead (429, ...)
  const char* when;        // when it happens
  const char* what_to_do;  // what a client should do about it

  int http_status() const { return status == kStatusOfKind ? HttpStatusOf(kind) : status; }
};

namespace codes {
#define EDU_REJECTION_CONSTANT(name, code, kind, status, when, what_to_do) \
  inline constexpr RejectionCode name{code, ErrorKind::kind, status, when, what_to_do};
EDU_REJECTIONS_HTTP(EDU_REJECTION_CONSTANT)
EDU_REJECTIONS_IDENTITY(EDU_REJECTION_CONSTANT)
EDU_REJECTIONS_COMMAND(EDU_REJECTION_CONSTANT)
EDU_REJECTIONS_INPUT(EDU_REJECTION_CONSTANT)
EDU_REJECTIONS_DOMAIN(EDU_REJECTION_CONSTANT)
EDU_REJECTIONS_PRIVACY(EDU_REJECTION_CONSTANT)
EDU_REJECTIONS_MENTORSHIP(EDU_REJECTION_CONSTANT)
EDU_REJECTIONS_PEERLOOP(EDU_REJECTION_CONSTANT)
EDU_REJECTIONS_SKILLSPRING(EDU_REJECTION_CONSTANT)
EDU_REJECTIONS_UHS(EDU_REJECTION_CONSTANT)
#undef EDU_REJECTION_CONSTANT
}  // namespace codes

// The catalog's sections, in the order docs/rejections.md lists them.
enum class RejectionSection {
  kHttp,
  kIdentity,
  kCommand,
  kInput,
  kDomain,
  kPrivacy,
  kMentorship,
  kPeerloop,
  kSkillspring,
  kUhs,
};

const char* RejectionSectionTitle(RejectionSection section);

struct RejectionCatalogEntry {
  RejectionSection section;
  const RejectionCode* code;
};

// Every code of the catalog, by section, in the order the lists write them.
const std::vector<RejectionCatalogEntry>& RejectionCatalog();

// The catalog entry of a code string, or nullptr when no entry has it.
const RejectionCode* FindRejectionCode(const std::string& code);

}  // namespace edu
