// The uhs projection's rows of the catalog events (certificates, categories, course pages and
// reviews): catalog_rows.cc, so uhs_projection.cc keeps the people, courses and money.
#pragma once

#include "eventstore/envelope.h"
#include "eventstore/status.h"
#include "projections/row_ops.h"

namespace edu::uhs_catalog_rows {

// Whether `e` is one of the catalog events (decided by its type).
bool Handles(const RecordedEvent& e);
// The row operations of a catalog event; a non-OK status when it does not decode.
Status Apply(const RecordedEvent& r, RowOps* ops);

}  // namespace edu::uhs_catalog_rows
