// The rejection catalog (docs/rejections.md), generated from the code by `eduledger docs`: every
// rejection code a client can get back, per section (the edges, then each marketplace), with its
// HTTP status, its kind, when it happens and what a client should do. The codes and their kinds
// are the ones the code uses (domain/core/rejection_codes.h), so the page cannot drift.
#pragma once

#include <string>

namespace edu {

std::string RenderRejectionCatalog();

// `eduledger docs`: writes <dir>/rejections.md, or with `check` compares it (prints why; 1 when
// stale).
int WriteRejectionCatalogDoc(const std::string& dir, bool check);

}  // namespace edu
